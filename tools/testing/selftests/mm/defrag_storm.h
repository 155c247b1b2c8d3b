/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation-storm driver for vm.defrag_mode: fill memory with movable
 * pages, punch scattered holes into them so that free memory exists only
 * inside movable pageblocks, then ask for non-movable memory from
 * userspace and record what the kernel did to provide it.
 */
#ifndef __DEFRAG_STORM_H
#define __DEFRAG_STORM_H

#include <stdbool.h>
#include <stddef.h>

#define DEFRAG_MODE_PATH	"/proc/sys/vm/defrag_mode"

/* /proc/vmstat counters a run reports as deltas (sums for allocstall). */
enum storm_event {
	EV_PGSCAN_KSWAPD,
	EV_PGSCAN_DIRECT,
	EV_PGSTEAL_KSWAPD,
	EV_PGSTEAL_DIRECT,
	EV_PSWPIN,
	EV_PSWPOUT,
	EV_ALLOCSTALL,
	EV_COMPACT_STALL,
	EV_COMPACT_FAIL,
	EV_COMPACT_SUCCESS,
	EV_COMPACT_MIGRATE_SCANNED,
	EV_COMPACT_FREE_SCANNED,
	EV_COMPACT_DAEMON_WAKE,
	EV_KCOMPACTD_MIGRATE_SCANNED,
	EV_KCOMPACTD_FREE_SCANNED,
	EV_KCOMPACTD_HANDOFF,
	EV_PAGEOUTRUN,
	EV_REFAULT_ANON,
	EV_REFAULT_FILE,
	EV_KSWAPD_HIGH_WMARK_HIT_QUICKLY,
	EV_THP_FAULT_ALLOC,
	EV_THP_FAULT_FALLBACK,
	EV_OOM_KILL,
	/* from /proc/pagetypeinfo: pageblocks of each type, end minus start */
	EV_BLOCKS_UNMOVABLE,
	EV_BLOCKS_RECLAIMABLE,
	EV_BLOCKS_MOVABLE,
	/*
	 * From /proc/kpageflags: pageblocks holding slab or page-table pages,
	 * which compaction can never free, and of those the ones that also
	 * hold LRU pages (unmovable and movable memory side by side).
	 */
	EV_BLOCKS_PINNED,
	EV_BLOCKS_PINNED_MIXED,
	/*
	 * From the mm_page_alloc_extfrag tracepoint: allocations that fell
	 * back to a block of another migratetype, and of those the ones
	 * that left a block of mixed types (fragmenting=1) - the pollution
	 * defrag_mode exists to prevent; and of those the ones of unmovable
	 * and reclaimable requests into movable blocks. Zero when tracing is
	 * unavailable (res->have_extfrag is false then).
	 */
	EV_EXTFRAG,
	EV_EXTFRAG_MIXING,
	EV_EXTFRAG_NONMOVABLE,
	/*
	 * The same fallbacks weighed in pages, from a hist trigger on the
	 * event (zero without CONFIG_HIST_TRIGGERS): a fallback that claims
	 * the block relabels a whole pageblock, one that does not puts
	 * 2^alloc_order pages into a block of another type.
	 */
	EV_EXTFRAG_CLAIMED_PAGES,
	EV_EXTFRAG_STOLEN_PAGES,
	/*
	 * The kernel's own count of pageblocks holding pages of another
	 * migratetype than the block's ("Number of mixed blocks" in
	 * /proc/pagetypeinfo, all zones): there only with CONFIG_PAGE_OWNER
	 * and page_owner=on (res->have_page_owner).
	 */
	EV_BLOCKS_MIXED,
	/*
	 * CPU time (user + system, ms) of the kswapd and kcompactd threads
	 * of all nodes, from /proc/PID/stat.
	 */
	EV_KSWAPD_CPU_MS,
	EV_KCOMPACTD_CPU_MS,
	NR_STORM_EVENTS
};

extern const char * const storm_event_names[NR_STORM_EVENTS];

/* The non-movable demand, each kind done in batches that are timed. */
enum storm_phase {
	PH_PGTABLES,	/* PTE pages: a read fault per PMD span (2M on x86-64) */
	PH_PIPES,	/* 1M pipe buffers, filled */
	PH_STACKS,	/* threads: kernel stacks and task structs */
	PH_SLAB,	/* empty files on tmpfs (dentries, inodes), UNIX sockets */
	PH_THP,		/* MADV_HUGEPAGE faults (movable, pageblock order) */
	NR_STORM_PHASES
};

extern const char * const storm_phase_names[NR_STORM_PHASES];

struct storm_config {
	unsigned int hole_ratio;	/* free one page in every hole_ratio */
	unsigned int shmem_pct;		/* percent of the fill in shmem page cache */
	unsigned long pgtable_mb;	/* MiB of page tables to create */
	unsigned long pipe_mb;		/* MiB of pipe buffers */
	unsigned int threads;		/* threads alive at once */
	unsigned long files;		/* empty tmpfs files */
	unsigned int sockets;		/* UNIX socket pairs */
	unsigned long thp_mb;		/* MiB of THP faults (0: none) */
	unsigned int batches;		/* timed batches per phase */
	const char *tmpdir;		/* where the tmpfs files go */
	bool verbose;			/* progress on stderr */
};

#define STORM_MAX_BATCHES	64

struct storm_result {
	long long delta[NR_STORM_EVENTS];	/* non-movable demand */
	long long thp_delta[NR_STORM_EVENTS];	/* THP faults after it */
	unsigned long fill_mb;		/* movable memory faulted in */
	unsigned long holes_mb;		/* of it, freed again as holes */
	unsigned long free_blocks_before; /* free pageblocks left by the fill */
	bool have_extfrag;		/* EV_EXTFRAG and EV_EXTFRAG_MIXING were counted */
	bool have_extfrag_pages;	/* EV_EXTFRAG_*_PAGES were counted */
	bool have_page_owner;		/* EV_BLOCKS_MIXED was counted */
	/* per batch latency of the non-movable demand, milliseconds */
	double batch_ms[NR_STORM_PHASES][STORM_MAX_BATCHES];
	unsigned int nr_batches[NR_STORM_PHASES];
	double phase_ms[NR_STORM_PHASES];
	double median_ms, p99_ms, worst_ms;	/* over PH_PGTABLES..PH_SLAB */
	double total_ms;		/* of the demand phases */
	unsigned long done[NR_STORM_PHASES];	/* units of work completed */
	unsigned long wanted[NR_STORM_PHASES];
	bool completed;			/* every phase did all its work */
	char error[160];		/* why not, when !completed */
};

void storm_default_config(struct storm_config *cfg);

/*
 * Run the storm once. Returns 0 when it ran (see res->completed for whether
 * the demand was met), -1 with res->error set when it could not be set up.
 */
int storm_run(const struct storm_config *cfg, struct storm_result *res);

/* Print the result as "key value" lines, one per metric. */
void storm_print(const struct storm_result *res, const char *prefix);

/*
 * Settings the storm touches. storm_settings_save() records them (once:
 * until they are restored, later calls keep the first copy);
 * storm_settings_restore() puts them back (safe to call more than once,
 * and from any process of the program). The program's first process
 * restores them on exit, and on SIGINT/SIGTERM/SIGHUP/SIGQUIT after it
 * has killed the process group of the test that saved them (the kselftest
 * harness runs each test in a group of its own); any other process of it
 * that such a signal kills restores them too.
 */
int storm_settings_save(void);
void storm_settings_restore(void);
int storm_set_defrag_mode(int mode);
int storm_get_defrag_mode(void);
int storm_set_thp(const char *enabled, const char *defrag);
const char *storm_thp_setting(const char *name);

/*
 * Call @fn for every task in /proc with its comm (not terminated: it runs
 * on to ") ...") and the fields of /proc/PID/stat after it, from the state
 * on, until @fn returns true. Returns 1 when @fn stopped the walk, 0 when
 * it went through every task, -1 if /proc cannot be read.
 */
int storm_walk_tasks(bool (*fn)(const char *comm, const char *fields, void *arg),
		     void *arg);

/* the kernel's pageblock_order (/proc/pagetypeinfo), -1 if unknown */
int storm_pageblock_order(void);

bool storm_have_swap(void);
bool storm_have_thp(void);
bool storm_have_vmstat(const char *name);
unsigned long storm_mem_total_mb(void);

#endif /* __DEFRAG_STORM_H */
