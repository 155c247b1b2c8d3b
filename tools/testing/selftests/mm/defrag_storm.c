// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation-storm driver for vm.defrag_mode, shared by the defrag_mode
 * kselftest and the defrag_storm benchmark driver.
 *
 * A run has three steps:
 *
 *  1. Fill: fault in anonymous, swap-backed (movable) memory until no free
 *     pageblock is left in the zones user memory comes from, and stop
 *     earlier if the kernel starts to swap.
 *  2. Holes: free one page in every hole_ratio of it, spread evenly, so
 *     free memory exists only as single pages inside movable blocks.
 *  3. Demand: ask for non-movable memory from userspace - page tables,
 *     pipe buffers, kernel stacks, slab - and then for THPs, each in timed
 *     batches.
 *
 * Under vm.defrag_mode=1 a non-movable request may not take those holes,
 * so every new unmovable or reclaimable block must come from kswapd,
 * kcompactd or the request's own direct reclaim and compaction: that is
 * the situation the storm reproduces. The /proc/vmstat counters (and
 * the pageblock counts of /proc/pagetypeinfo, and the number of
 * mm_page_alloc_extfrag events) are read before and after
 * the non-movable demand, and again after the THP faults, which are
 * movable and reclaim/compact at pageblock order under either mode: they
 * are counted apart so they do not blur the non-movable figures.
 *
 * The steps run in a child process with oom_score_adj 1000, so an OOM kill
 * takes the storm and not its caller, and the caller still gets the
 * counters.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "defrag_storm.h"
#include "vm_util.h"
#include "../kselftest.h"

#define THP_SYSFS	"/sys/kernel/mm/transparent_hugepage/"
#define MB		(1024UL * 1024)
#define FILL_STEP	(4 * MB)
#define FILL_CHECK	(16 * MB)

const char * const storm_event_names[NR_STORM_EVENTS] = {
	[EV_PGSCAN_KSWAPD]		= "pgscan_kswapd",
	[EV_PGSCAN_DIRECT]		= "pgscan_direct",
	[EV_PGSTEAL_KSWAPD]		= "pgsteal_kswapd",
	[EV_PGSTEAL_DIRECT]		= "pgsteal_direct",
	[EV_PSWPIN]			= "pswpin",
	[EV_PSWPOUT]			= "pswpout",
	[EV_ALLOCSTALL]			= "allocstall",
	[EV_COMPACT_STALL]		= "compact_stall",
	[EV_COMPACT_FAIL]		= "compact_fail",
	[EV_COMPACT_SUCCESS]		= "compact_success",
	[EV_COMPACT_MIGRATE_SCANNED]	= "compact_migrate_scanned",
	[EV_COMPACT_FREE_SCANNED]	= "compact_free_scanned",
	[EV_COMPACT_DAEMON_WAKE]	= "compact_daemon_wake",
	[EV_KCOMPACTD_MIGRATE_SCANNED]	= "compact_daemon_migrate_scanned",
	[EV_KCOMPACTD_FREE_SCANNED]	= "compact_daemon_free_scanned",
	[EV_KCOMPACTD_HANDOFF]		= "compact_daemon_handoff",
	[EV_PAGEOUTRUN]			= "pageoutrun",
	[EV_REFAULT_ANON]		= "workingset_refault_anon",
	[EV_REFAULT_FILE]		= "workingset_refault_file",
	[EV_KSWAPD_HIGH_WMARK_HIT_QUICKLY] = "kswapd_high_wmark_hit_quickly",
	[EV_THP_FAULT_ALLOC]		= "thp_fault_alloc",
	[EV_THP_FAULT_FALLBACK]		= "thp_fault_fallback",
	[EV_OOM_KILL]			= "oom_kill",
	[EV_BLOCKS_UNMOVABLE]		= "blocks_unmovable",
	[EV_BLOCKS_RECLAIMABLE]		= "blocks_reclaimable",
	[EV_BLOCKS_MOVABLE]		= "blocks_movable",
	[EV_BLOCKS_PINNED]		= "blocks_pinned",
	[EV_BLOCKS_PINNED_MIXED]	= "blocks_pinned_mixed",
	[EV_EXTFRAG]			= "extfrag",
	[EV_EXTFRAG_MIXING]		= "extfrag_mixing",
	[EV_EXTFRAG_NONMOVABLE]		= "extfrag_nonmovable",
	[EV_EXTFRAG_CLAIMED_PAGES]	= "extfrag_claimed_pages",
	[EV_EXTFRAG_STOLEN_PAGES]	= "extfrag_stolen_pages",
	[EV_BLOCKS_MIXED]		= "blocks_mixed",
	[EV_KSWAPD_CPU_MS]		= "kswapd_cpu_ms",
	[EV_KCOMPACTD_CPU_MS]		= "kcompactd_cpu_ms",
};

const char * const storm_phase_names[NR_STORM_PHASES] = {
	[PH_PGTABLES]	= "pgtables",
	[PH_PIPES]	= "pipes",
	[PH_STACKS]	= "stacks",
	[PH_SLAB]	= "slab",
	[PH_THP]	= "thp",
};

void storm_default_config(struct storm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->hole_ratio = 4;
	cfg->pgtable_mb = 96;
	cfg->pipe_mb = 16;
	cfg->threads = 512;
	cfg->files = 80000;
	cfg->sockets = 2048;
	cfg->thp_mb = 64;
	cfg->batches = 16;
	cfg->tmpdir = "/tmp";
}

/* ---- small file helpers (async-signal-safe where restore needs them) -- */

static int read_text(const char *path, char *buf, size_t len)
{
	ssize_t n, got = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((size_t)got < len - 1) {
		n = read(fd, buf + got, len - 1 - got);
		if (n <= 0)
			break;
		got += n;
	}
	close(fd);
	buf[got] = '\0';
	return got;
}

static int write_text(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* "always [madvise] never" -> "madvise" */
static int read_bracketed(const char *path, char *out, size_t len)
{
	char buf[256], *l, *r;

	if (read_text(path, buf, sizeof(buf)) <= 0)
		return -1;
	l = strchr(buf, '[');
	r = l ? strchr(l, ']') : NULL;
	if (!r || (size_t)(r - l) >= len)
		return -1;
	memcpy(out, l + 1, r - l - 1);
	out[r - l - 1] = '\0';
	return 0;
}

/* ---- settings: saved in a shared page so any process can restore ----- */

struct saved_settings {
	int valid;
	pid_t pgrp;		/* process group of the test that saved them */
	char defrag_mode[16];
	int thp_valid;
	char thp_enabled[32];
	char thp_defrag[32];
};

static struct saved_settings *saved;
static pid_t main_pid;

/*
 * The harness runs each test in a process group of its own, which a
 * signal to the harness process does not reach: the test (and its storm)
 * would go on and change the settings again. Kill that group first.
 */
static void kill_test_group(void)
{
	pid_t pgrp = saved ? saved->pgrp : 0;

	if (pgrp <= 1 || pgrp == getpgrp())
		return;
	kill(-pgrp, SIGKILL);
	/* the group's leader is the harness's child for the test: reap it */
	waitpid(pgrp, NULL, 0);
}

static void restore_signal(int sig)
{
	if (getpid() == main_pid)
		kill_test_group();
	storm_settings_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void restore_at_exit(void)
{
	/* not in a forked child that happens to call exit() */
	if (getpid() == main_pid)
		storm_settings_restore();
}

/*
 * Before main(), so before the kselftest harness forks: the saved copy is
 * shared with every process of the test, and the process that runs the
 * harness restores on its exit and on a signal. That covers the case the
 * fixtures' teardown cannot: on a timeout the harness SIGKILLs the test's
 * whole process group, the teardown with it, and carries on.
 */
static void __attribute__((constructor)) storm_settings_init(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa = { .sa_handler = restore_signal };
	unsigned int i;

	saved = mmap(NULL, sizeof(*saved), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (saved == MAP_FAILED) {
		saved = NULL;
		return;
	}
	main_pid = getpid();
	atexit(restore_at_exit);
	for (i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

void storm_settings_restore(void)
{
	if (!saved || !__atomic_exchange_n(&saved->valid, 0, __ATOMIC_SEQ_CST))
		return;
	write_text(DEFRAG_MODE_PATH, saved->defrag_mode);
	if (saved->thp_valid) {
		write_text(THP_SYSFS "enabled", saved->thp_enabled);
		write_text(THP_SYSFS "defrag", saved->thp_defrag);
	}
}

int storm_settings_save(void)
{
	if (!saved)
		return -1;
	saved->pgrp = getpgrp();
	if (saved->valid)
		return 0;
	if (read_text(DEFRAG_MODE_PATH, saved->defrag_mode,
		      sizeof(saved->defrag_mode)) <= 0)
		return -1;
	saved->thp_valid =
		!read_bracketed(THP_SYSFS "enabled", saved->thp_enabled,
				sizeof(saved->thp_enabled)) &&
		!read_bracketed(THP_SYSFS "defrag", saved->thp_defrag,
				sizeof(saved->thp_defrag));
	saved->valid = 1;
	return 0;
}

int storm_get_defrag_mode(void)
{
	char buf[32];

	if (read_text(DEFRAG_MODE_PATH, buf, sizeof(buf)) <= 0)
		return -1;
	return atoi(buf);
}

int storm_set_defrag_mode(int mode)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d\n", mode);
	return write_text(DEFRAG_MODE_PATH, buf);
}

int storm_set_thp(const char *enabled, const char *defrag)
{
	if (write_text(THP_SYSFS "enabled", enabled))
		return -1;
	return write_text(THP_SYSFS "defrag", defrag);
}

/* THP's "enabled" or "defrag" setting ("madvise", ...); "" if unknown */
const char *storm_thp_setting(const char *name)
{
	static char buf[32];
	char path[128];

	snprintf(path, sizeof(path), THP_SYSFS "%s", name);
	if (read_bracketed(path, buf, sizeof(buf)))
		buf[0] = '\0';
	return buf;
}

bool storm_have_thp(void)
{
	return access(THP_SYSFS "enabled", W_OK) == 0;
}

bool storm_have_swap(void)
{
	char buf[4096];

	/* a header line, then one line per active swap device */
	return read_text("/proc/swaps", buf, sizeof(buf)) > 0 &&
	       strchr(buf, '\n') && strchr(buf, '\n')[1] != '\0';
}

/* The text after "@key@sep" at the start of a line of @buf, or NULL */
static const char *line_value(const char *buf, const char *key, char sep)
{
	size_t len = strlen(key);
	const char *p;

	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, len) && p[len] == sep)
			return p + len + 1;
	return NULL;
}

/* Does /proc/vmstat have a counter called @name (a kernel that counts it)? */
bool storm_have_vmstat(const char *name)
{
	static char buf[65536];

	return read_text("/proc/vmstat", buf, sizeof(buf)) > 0 &&
	       line_value(buf, name, ' ');
}

static unsigned long meminfo_kb(const char *key)
{
	char buf[8192];
	const char *v;

	if (read_text("/proc/meminfo", buf, sizeof(buf)) <= 0)
		return 0;
	v = line_value(buf, key, ':');
	return v ? strtoul(v, NULL, 10) : 0;
}

unsigned long storm_mem_total_mb(void)
{
	return meminfo_kb("MemTotal") >> 10;
}

/* ---- counters --------------------------------------------------------- */

static int vmstat_snapshot(long long *ev)
{
	static char buf[65536];
	char name[64];
	long long val;
	char *p;
	int i;

	memset(ev, 0, sizeof(*ev) * NR_STORM_EVENTS);
	if (read_text("/proc/vmstat", buf, sizeof(buf)) <= 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (sscanf(p, "%63s %lld", name, &val) != 2)
			continue;
		if (!strncmp(name, "allocstall_", 11)) {
			ev[EV_ALLOCSTALL] += val;
			continue;
		}
		for (i = 0; i < EV_BLOCKS_UNMOVABLE; i++)
			if (!strcmp(name, storm_event_names[i]))
				ev[i] = val;
	}
	return 0;
}

/*
 * From /proc/pagetypeinfo: the pageblock order, the pageblocks of each
 * type (all zones), and the free pageblocks (free pages of at least
 * pageblock order, in pageblocks) outside ZONE_DMA.
 */
int storm_pageblock_order(void)
{
	static int order = -1;
	char buf[4096], *p;

	if (order < 0 && read_text("/proc/pagetypeinfo", buf, sizeof(buf)) > 0) {
		p = strstr(buf, "Page block order:");
		if (p)
			order = atoi(p + strlen("Page block order:"));
	}
	return order;
}

/*
 * Add up the "Node N, zone NAME  v0 v1 ..." lines that follow the header
 * line @hdr of /proc/pagetypeinfo: column i goes to ev[col[i]] (skipped
 * when negative).
 */
static void pagetype_section(const char *hdr, const int *col, int ncol,
			     long long *ev)
{
	const char *p;
	int i;

	for (p = strchr(hdr, '\n'); p && strncmp(p + 1, "Node", 4) == 0;
	     p = strchr(p + 1, '\n')) {
		const char *q = strstr(p + 1, "zone");
		long long v;
		int n;

		if (!q)
			break;
		q += 4;
		while (*q == ' ')
			q++;
		while (*q && *q != ' ')
			q++;		/* zone name */
		for (i = 0; i < ncol && sscanf(q, "%lld%n", &v, &n) == 1; i++) {
			if (col[i] >= 0)
				ev[col[i]] += v;
			q += n;
		}
	}
}

/* page_owner=on: /proc/pagetypeinfo counts the mixed blocks */
static bool pagetype_has_mixed(void)
{
	static char buf[65536];

	return read_text("/proc/pagetypeinfo", buf, sizeof(buf)) > 0 &&
	       strstr(buf, "Number of mixed blocks");
}

static int pagetype_snapshot(long long *ev, unsigned long *free_blocks)
{
	static char buf[65536];
	int col[8], ncol = 0, pb_order = storm_pageblock_order(), i;
	char *p, *hdr;

	if (read_text("/proc/pagetypeinfo", buf, sizeof(buf)) <= 0)
		return -1;
	hdr = strstr(buf, "Number of blocks type");
	if (pb_order < 0 || !hdr)
		return -1;

	/* column order of the block counts, from the header */
	for (p = hdr + strlen("Number of blocks type"); *p && *p != '\n' && ncol < 8;) {
		char word[32];
		int n;

		if (sscanf(p, "%31s%n", word, &n) != 1)
			break;
		col[ncol++] = !strcmp(word, "Unmovable") ? EV_BLOCKS_UNMOVABLE :
			      !strcmp(word, "Reclaimable") ? EV_BLOCKS_RECLAIMABLE :
			      !strcmp(word, "Movable") ? EV_BLOCKS_MOVABLE : -1;
		p += n;
		while (*p == ' ')
			p++;
	}
	ev[EV_BLOCKS_UNMOVABLE] = 0;
	ev[EV_BLOCKS_RECLAIMABLE] = 0;
	ev[EV_BLOCKS_MOVABLE] = 0;
	pagetype_section(hdr, col, ncol, ev);
	/* with page_owner=on: the blocks holding pages of another type */
	ev[EV_BLOCKS_MIXED] = 0;
	hdr = strstr(buf, "Number of mixed blocks");
	if (hdr) {
		for (i = 0; i < 8; i++)
			col[i] = EV_BLOCKS_MIXED;
		pagetype_section(hdr, col, 8, ev);
	}

	if (free_blocks) {
		char zone[32];
		unsigned long cnt;
		int node, n, o;

		*free_blocks = 0;
		if (read_text("/proc/buddyinfo", buf, sizeof(buf)) <= 0)
			return -1;
		for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
			char *q;

			if (sscanf(p, "Node %d, zone %31s%n", &node, zone, &n) != 2)
				continue;
			if (!strcmp(zone, "DMA"))
				continue;
			for (o = 0, q = p + n; sscanf(q, "%lu%n", &cnt, &n) == 1;
			     o++, q += n)
				if (o >= pb_order)
					*free_blocks += cnt << (o - pb_order);
		}
	}
	return 0;
}

/* /proc/kpageflags bits (include/uapi/linux/kernel-page-flags.h) */
#define KPF_BIT_LRU	5
#define KPF_BIT_SLAB	7
#define KPF_BIT_PGTABLE	26

/*
 * Pageblocks that hold slab or page-table pages, and of those the ones that
 * also hold LRU pages. This counts the memory as it is, whatever type the
 * blocks are labelled with: a block with one slab page in it can never be
 * compacted into a free block. Pipe buffers and kernel stacks carry no page
 * flag, so they are not seen. Zero when /proc/kpageflags cannot be read.
 */
static void pinned_blocks_snapshot(long long *ev)
{
	static uint64_t flags[8192];
	int pb_order = storm_pageblock_order(), fd, i;
	unsigned long pfn = 0, per_block;
	bool pinned = false, lru = false;
	ssize_t n;

	ev[EV_BLOCKS_PINNED] = 0;
	ev[EV_BLOCKS_PINNED_MIXED] = 0;
	if (pb_order < 0)
		return;
	per_block = 1UL << pb_order;
	fd = open("/proc/kpageflags", O_RDONLY);
	if (fd < 0)
		return;
	while ((n = read(fd, flags, sizeof(flags))) > 0) {
		for (i = 0; i < n / (ssize_t)sizeof(flags[0]); i++) {
			if (flags[i] & (1ULL << KPF_BIT_SLAB | 1ULL << KPF_BIT_PGTABLE))
				pinned = true;
			if (flags[i] & 1ULL << KPF_BIT_LRU)
				lru = true;
			if (++pfn % per_block)
				continue;
			ev[EV_BLOCKS_PINNED] += pinned;
			ev[EV_BLOCKS_PINNED_MIXED] += pinned && lru;
			pinned = false;
			lru = false;
		}
	}
	close(fd);
}

/*
 * mm_page_alloc_extfrag events are counted by tracefs instances of our
 * own: one for every event; one for those the event prints as
 * "fragmenting=1", a fallback below pageblock order, which leaves the block
 * it took from mixed; and one for the fragmenting fallbacks of unmovable
 * and reclaimable requests into movable blocks, the pages that pin a
 * movable block against compaction. Nothing reads their buffers: the
 * number of events written is, per CPU, what the buffer holds plus what
 * it overwrote ("entries" + "overrun" in per_cpu/cpuN/stats), so a small
 * buffer counts any number of events.
 */
#define TRACEFS		"/sys/kernel/tracing"
#define EXTFRAG_EVENT	"events/kmem/mm_page_alloc_extfrag/"

static const char * const extfrag_instances[] = {
	[0] = TRACEFS "/instances/defrag_storm_extfrag",
	[1] = TRACEFS "/instances/defrag_storm_extfrag_mixing",
	[2] = TRACEFS "/instances/defrag_storm_extfrag_nonmovable",
};

/* enum migratetype (include/linux/mmzone.h), unchanged since 2.6.24 */
#define MT_MOVABLE	1

/*
 * The pages behind the events: a histogram of every fallback keyed on
 * its order and on whether the block changed owner (instance 0).
 */
#define EXTFRAG_HIST	"hist:keys=alloc_order,change_ownership:vals=hitcount:size=256"

/* write @val to the file @file of a tracefs instance */
static int instance_write(const char *instance, const char *file,
			  const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", instance, file);
	return write_text(path, val);
}

/* set when extfrag_start() mounted tracefs: extfrag_end() unmounts it */
static bool tracefs_ours;

static void extfrag_stop(void)
{
	unsigned int i;

	instance_write(extfrag_instances[0], EXTFRAG_EVENT "trigger",
		       "!" EXTFRAG_HIST);
	for (i = 0; i < ARRAY_SIZE(extfrag_instances); i++) {
		instance_write(extfrag_instances[i], EXTFRAG_EVENT "enable", "0");
		rmdir(extfrag_instances[i]);
	}
}

/* the instances go, and tracefs if we mounted it */
static void extfrag_end(void)
{
	extfrag_stop();
	if (tracefs_ours && !umount(TRACEFS))
		tracefs_ours = false;
}

/* Set when the hist trigger took (CONFIG_HIST_TRIGGERS). */
static bool extfrag_hist;

static bool extfrag_start(void)
{
	int pb_order = storm_pageblock_order();
	char mixing[64], nonmovable[128];
	const char *filters[ARRAY_SIZE(extfrag_instances)] = {
		NULL, mixing, nonmovable
	};
	unsigned int i;

	/* "fragmenting" is computed for printing: filter on its definition */
	if (pb_order < 0)
		return false;
	snprintf(mixing, sizeof(mixing), "fallback_order < %d", pb_order);
	snprintf(nonmovable, sizeof(nonmovable),
		 "fallback_order < %d && alloc_migratetype != %d && fallback_migratetype == %d",
		 pb_order, MT_MOVABLE, MT_MOVABLE);

	if (access(TRACEFS "/instances", F_OK))
		tracefs_ours = !mount("nodev", TRACEFS, "tracefs", 0, NULL);
	extfrag_stop();		/* left over from a killed run */
	for (i = 0; i < ARRAY_SIZE(extfrag_instances); i++) {
		if (mkdir(extfrag_instances[i], 0755))
			goto fail;
		instance_write(extfrag_instances[i], "buffer_size_kb", "64");
		if (filters[i] && instance_write(extfrag_instances[i],
						 EXTFRAG_EVENT "filter", filters[i]))
			goto fail;
		if (instance_write(extfrag_instances[i], EXTFRAG_EVENT "enable", "1"))
			goto fail;
	}
	extfrag_hist = !instance_write(extfrag_instances[0],
				       EXTFRAG_EVENT "trigger", EXTFRAG_HIST);
	return true;
fail:
	extfrag_end();
	return false;
}

static long long extfrag_count(const char *instance)
{
	char path[PATH_MAX], buf[1024], *p;
	long long total = 0, v;
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/per_cpu", instance);
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((d = readdir(dir))) {
		if (strncmp(d->d_name, "cpu", 3))
			continue;
		snprintf(path, sizeof(path), "%s/per_cpu/%s/stats",
			 instance, d->d_name);
		if (read_text(path, buf, sizeof(buf)) <= 0)
			continue;
		p = strstr(buf, "entries:");
		if (p && sscanf(p, "entries: %lld", &v) == 1)
			total += v;
		p = strstr(buf, "\noverrun:");
		if (p && sscanf(p, "\noverrun: %lld", &v) == 1)
			total += v;
	}
	closedir(dir);
	return total;
}

/*
 * Pages moved between migratetypes by fallbacks, from the histogram: a
 * fallback that leaves the block with the requester's type relabelled the
 * whole pageblock (claimed), one that does not put 2^alloc_order pages
 * into a block of another type (stolen).
 */
static void extfrag_pages(long long *ev)
{
	static char buf[65536];
	int pb_order = storm_pageblock_order(), order, owner;
	char path[PATH_MAX], *p;
	long long hits;

	ev[EV_EXTFRAG_CLAIMED_PAGES] = 0;
	ev[EV_EXTFRAG_STOLEN_PAGES] = 0;
	snprintf(path, sizeof(path), "%s/" EXTFRAG_EVENT "hist", extfrag_instances[0]);
	if (read_text(path, buf, sizeof(buf)) <= 0)
		return;
	for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (sscanf(p, "{ alloc_order: %d , change_ownership: %d } hitcount: %lld",
			   &order, &owner, &hits) != 3 || order < 0 || order > 20)
			continue;
		if (owner)
			ev[EV_EXTFRAG_CLAIMED_PAGES] += hits << pb_order;
		else
			ev[EV_EXTFRAG_STOLEN_PAGES] += hits << order;
	}
}

/* One walk of /proc/PID/stat for every task: see defrag_storm.h. */
int storm_walk_tasks(bool (*fn)(const char *comm, const char *fields, void *arg),
		     void *arg)
{
	char path[300], buf[512], *comm, *fields;
	struct dirent *de;
	bool stop = false;
	DIR *d;

	d = opendir("/proc");
	if (!d)
		return -1;
	while (!stop && (de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if (read_text(path, buf, sizeof(buf)) <= 0)
			continue;
		/* "pid (comm) state ppid ...": comm may hold spaces and ')' */
		comm = strchr(buf, '(');
		fields = strrchr(buf, ')');
		if (comm && fields && fields[1] == ' ')
			stop = fn(comm + 1, fields + 2, arg);
	}
	closedir(d);
	return stop;
}

static bool add_kthread_cpu_ms(const char *comm, const char *fields, void *arg)
{
	static long tck;
	unsigned long long ut, st;
	long long *ev = arg, *sum;

	if (!strncmp(comm, "kswapd", 6))
		sum = &ev[EV_KSWAPD_CPU_MS];
	else if (!strncmp(comm, "kcompactd", 9))
		sum = &ev[EV_KCOMPACTD_CPU_MS];
	else
		return false;
	if (!tck)
		tck = sysconf(_SC_CLK_TCK);
	/* utime, stime are fields 14, 15; state (3) comes first here */
	if (tck > 0 &&
	    sscanf(fields, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
		   &ut, &st) == 2)
		*sum += (ut + st) * 1000 / tck;
	return false;
}

/*
 * CPU time in ms (utime + stime) of the kswapd and kcompactd threads of
 * every node (kswapd0, kswapd1, ...), summed, in one walk of /proc.
 */
static void kthread_cpu_ms(long long *ev)
{
	ev[EV_KSWAPD_CPU_MS] = 0;
	ev[EV_KCOMPACTD_CPU_MS] = 0;
	storm_walk_tasks(add_kthread_cpu_ms, ev);
}

/*
 * Every counter a run reports: /proc/vmstat, the pageblock counts, the
 * extfrag events and the reclaim and compaction threads' CPU time.
 */
static void snapshot(long long *ev, bool extfrag)
{
	vmstat_snapshot(ev);
	kthread_cpu_ms(ev);
	pagetype_snapshot(ev, NULL);
	pinned_blocks_snapshot(ev);
	if (extfrag) {
		ev[EV_EXTFRAG] = extfrag_count(extfrag_instances[0]);
		ev[EV_EXTFRAG_MIXING] = extfrag_count(extfrag_instances[1]);
		ev[EV_EXTFRAG_NONMOVABLE] = extfrag_count(extfrag_instances[2]);
		if (extfrag_hist)
			extfrag_pages(ev);
	}
}

/* ---- the worker ------------------------------------------------------- */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct worker {
	const struct storm_config *cfg;
	struct storm_result *res;
	size_t page;
	char *fill;
	size_t fill_len;
	size_t shm_len;		/* the first shm_len bytes of fill are shmem */
	char *pgt;
	size_t pgt_len;
	int *pipes;
	unsigned long nr_pipes;
	pthread_t *threads;
	unsigned int nr_threads;
	int release[2];
	int *socks;
	unsigned int nr_socks;
	char dir[200];
	unsigned long nr_files;
	char *thp;
	size_t thp_len;
	size_t pmd;		/* memory mapped by one page-table page */
};

static void progress(const struct worker *w, const char *fmt, ...)
{
	va_list ap;

	if (!w->cfg->verbose)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "# storm: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void fail(struct worker *w, const char *fmt, ...)
{
	va_list ap;

	if (w->res->error[0])
		return;
	va_start(ap, fmt);
	vsnprintf(w->res->error, sizeof(w->res->error), fmt, ap);
	va_end(ap);
}

static int fill_memory(struct worker *w)
{
	unsigned long total = meminfo_kb("MemTotal") << 10;
	unsigned long free_blocks = ~0UL;
	long long ev[NR_STORM_EVENTS], swapped;
	size_t off, i;

	w->fill_len = total & ~(FILL_STEP - 1);
	w->fill = mmap(NULL, w->fill_len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (w->fill == MAP_FAILED) {
		fail(w, "mmap of %lu MiB for the fill: %s", total / MB,
		     strerror(errno));
		return -1;
	}
	/*
	 * The first shmem_pct percent of it is shmem page cache (a memfd
	 * mapped over the start of the anonymous range): movable too, but
	 * it lives in the page cache, and its holes are punched in the file.
	 */
	w->shm_len = (w->fill_len / 100 * w->cfg->shmem_pct) & ~(FILL_STEP - 1);
	if (w->shm_len) {
		int fd = memfd_create("defrag_storm", 0);

		if (fd < 0 || ftruncate(fd, w->shm_len) ||
		    mmap(w->fill, w->shm_len, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
			fail(w, "shmem part of the fill: %s", strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);	/* the mapping keeps the file */
	}
	/* base pages only: the holes must not be eaten by THP splits */
	madvise(w->fill, w->fill_len, MADV_NOHUGEPAGE);
	vmstat_snapshot(ev);
	swapped = ev[EV_PSWPOUT];

	for (off = 0; off < w->fill_len; off += FILL_STEP) {
		/* non-trivial content: zram must not store it as same-filled */
		for (i = 0; i < FILL_STEP; i += w->page)
			*(unsigned long *)(w->fill + off + i) = off + i + 1;
		if ((off + FILL_STEP) % FILL_CHECK)
			continue;
		if (pagetype_snapshot(ev, &free_blocks))
			free_blocks = ~0UL;
		vmstat_snapshot(ev);
		if (free_blocks == 0 || ev[EV_PSWPOUT] > swapped) {
			off += FILL_STEP;
			break;
		}
	}
	w->fill_len = off;	/* the rest was never touched */
	w->res->fill_mb = off / MB;
	w->res->free_blocks_before = free_blocks;
	progress(w, "filled %lu MiB, %lu free pageblocks left",
		 w->res->fill_mb, free_blocks);
	return 0;
}

static void punch_holes(struct worker *w)
{
	size_t step = w->page * w->cfg->hole_ratio, off, n = 0;

	/* MADV_REMOVE: a shmem page is only freed when the file loses it */
	for (off = 0; off + w->page <= w->fill_len; off += step, n++)
		madvise(w->fill + off, w->page,
			off < w->shm_len ? MADV_REMOVE : MADV_DONTNEED);
	w->res->holes_mb = n * w->page / MB;
	progress(w, "freed %lu MiB as single-page holes (1 in %u)",
		 w->res->holes_mb, w->cfg->hole_ratio);
}

/* Run fn(w, from, to) over [0, total) in timed batches. */
static void batched(struct worker *w, enum storm_phase ph, unsigned long total,
		    unsigned long (*fn)(struct worker *, unsigned long,
					unsigned long))
{
	struct storm_result *res = w->res;
	unsigned int nb = w->cfg->batches, b;
	double t0 = now_ms(), t;

	res->wanted[ph] = total;
	if (nb > STORM_MAX_BATCHES)
		nb = STORM_MAX_BATCHES;
	if (nb > total)
		nb = total ? total : 1;
	for (b = 0; b < nb; b++) {
		unsigned long from = total * b / nb, to = total * (b + 1) / nb;
		unsigned long did;

		t = now_ms();
		did = fn(w, from, to);
		res->batch_ms[ph][b] = now_ms() - t;
		res->nr_batches[ph] = b + 1;
		res->done[ph] += did;
		if (did < to - from)
			break;
	}
	res->phase_ms[ph] = now_ms() - t0;
	progress(w, "%s: %lu/%lu in %.0f ms", storm_phase_names[ph],
		 res->done[ph], total, res->phase_ms[ph]);
}

static unsigned long do_pgtables(struct worker *w, unsigned long from,
				 unsigned long to)
{
	unsigned long i;

	/* maps the zero page, but needs a new PTE page every time */
	for (i = from; i < to; i++)
		FORCE_READ(w->pgt[i * w->pmd]);
	return to - from;
}

static unsigned long do_pipes(struct worker *w, unsigned long from,
			      unsigned long to)
{
	static char chunk[65536];
	unsigned long i;
	size_t done;
	ssize_t n;

	for (i = from; i < to; i++) {
		int fds[2];

		if (pipe2(fds, O_NONBLOCK)) {
			fail(w, "pipe: %s", strerror(errno));
			return i - from;
		}
		w->pipes[2 * i] = fds[0];
		w->pipes[2 * i + 1] = fds[1];
		w->nr_pipes = i + 1;
		if (fcntl(fds[1], F_SETPIPE_SZ, (int)MB) < 0) {
			fail(w, "F_SETPIPE_SZ 1M: %s", strerror(errno));
			return i - from;
		}
		for (done = 0; done < MB; done += n) {
			n = write(fds[1], chunk, sizeof(chunk));
			if (n <= 0) {
				fail(w, "pipe write: %s", strerror(errno));
				return i - from;
			}
		}
	}
	return to - from;
}

static void *idle_thread(void *arg)
{
	int fd = *(int *)arg;
	char c;

	/* returns (EOF) when the storm closes the write end */
	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

static unsigned long do_stacks(struct worker *w, unsigned long from,
			       unsigned long to)
{
	pthread_attr_t attr;
	unsigned long i;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 << 10);
	for (i = from; i < to; i++) {
		err = pthread_create(&w->threads[i], &attr, idle_thread,
				     &w->release[0]);
		if (err) {
			fail(w, "pthread_create #%lu: %s", i, strerror(err));
			break;
		}
		w->nr_threads = i + 1;
	}
	pthread_attr_destroy(&attr);
	return i - from;
}

static void file_path(const struct worker *w, unsigned long i, char *buf,
		      size_t len)
{
	snprintf(buf, len, "%s/storm-file-with-a-long-name-%08lu", w->dir, i);
}

/* units of the slab phase: the files first, then the socket pairs */
static unsigned long do_slab(struct worker *w, unsigned long from,
			     unsigned long to)
{
	char path[256];
	unsigned long i;
	int fd;

	for (i = from; i < to; i++) {
		if (i < w->cfg->files) {
			file_path(w, i, path, sizeof(path));
			fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
			if (fd < 0) {
				fail(w, "create %s: %s", path, strerror(errno));
				return i - from;
			}
			close(fd);
			w->nr_files = i + 1;
		} else {
			unsigned long s = i - w->cfg->files;

			if (socketpair(AF_UNIX, SOCK_STREAM, 0, &w->socks[2 * s])) {
				fail(w, "socketpair #%lu: %s", s, strerror(errno));
				return i - from;
			}
			w->nr_socks = s + 1;
		}
	}
	return to - from;
}

static unsigned long do_thp(struct worker *w, unsigned long from,
			    unsigned long to)
{
	unsigned long i;

	for (i = from; i < to; i++)
		w->thp[i * w->pmd] = 1;
	return to - from;
}

static void demand_nonmovable(struct worker *w)
{
	const struct storm_config *cfg = w->cfg;
	unsigned long nr_pgt = cfg->pgtable_mb * MB / w->page;
	struct rlimit rl = { 1 << 16, 1 << 16 };
	char *t;

	w->pgt_len = nr_pgt * w->pmd;
	w->pgt = mmap(NULL, w->pgt_len, PROT_READ,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (w->pgt == MAP_FAILED) {
		fail(w, "mmap %lu GiB for page tables: %s",
		     (unsigned long)(w->pgt_len >> 30), strerror(errno));
		return;
	}
	/* no huge zero page: every PMD's span must cost one PTE page */
	madvise(w->pgt, w->pgt_len, MADV_NOHUGEPAGE);
	batched(w, PH_PGTABLES, nr_pgt, do_pgtables);

	w->pipes = calloc(2 * cfg->pipe_mb + 2, sizeof(int));
	w->threads = calloc(cfg->threads + 1, sizeof(pthread_t));
	w->socks = calloc(2 * cfg->sockets + 2, sizeof(int));
	if (!w->pipes || !w->threads || !w->socks) {
		fail(w, "out of memory for bookkeeping");
		return;
	}
	setrlimit(RLIMIT_NOFILE, &rl);
	batched(w, PH_PIPES, cfg->pipe_mb, do_pipes);

	if (pipe(w->release)) {
		fail(w, "pipe: %s", strerror(errno));
		return;
	}
	batched(w, PH_STACKS, cfg->threads, do_stacks);

	if (strlen(cfg->tmpdir) > sizeof(w->dir) - 32) {
		fail(w, "temporary directory name too long: %s", cfg->tmpdir);
		return;
	}
	snprintf(w->dir, sizeof(w->dir), "%s/defrag-storm.XXXXXX", cfg->tmpdir);
	t = mkdtemp(w->dir);
	if (!t) {
		fail(w, "mkdtemp %s: %s", w->dir, strerror(errno));
		w->dir[0] = '\0';
		return;
	}
	batched(w, PH_SLAB, cfg->files + cfg->sockets, do_slab);
}

/* Movable, pageblock order: counted apart from the non-movable demand. */
static void demand_thp(struct worker *w)
{
	const struct storm_config *cfg = w->cfg;

	if (cfg->thp_mb) {
		size_t len = cfg->thp_mb * MB;
		char *p = mmap(NULL, len + w->pmd, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			       -1, 0);

		if (p == MAP_FAILED) {
			fail(w, "mmap for THP: %s", strerror(errno));
			return;
		}
		w->thp = (char *)(((unsigned long)p + w->pmd - 1) &
				  ~(w->pmd - 1));
		w->thp_len = len;
		madvise(w->thp, len, MADV_HUGEPAGE);
		batched(w, PH_THP, len / w->pmd, do_thp);
	}
}

static void cleanup(struct worker *w)
{
	char path[256];
	unsigned long i;

	if (w->nr_threads) {
		close(w->release[1]);
		for (i = 0; i < w->nr_threads; i++)
			pthread_join(w->threads[i], NULL);
	}
	for (i = 0; i < 2 * w->nr_pipes; i++)
		close(w->pipes[i]);
	for (i = 0; i < 2 * w->nr_socks; i++)
		close(w->socks[i]);
	for (i = 0; i < w->nr_files; i++) {
		file_path(w, i, path, sizeof(path));
		unlink(path);
	}
	if (w->dir[0])
		rmdir(w->dir);
}

static void latency_summary(struct storm_result *res)
{
	double all[NR_STORM_PHASES * STORM_MAX_BATCHES], tmp;
	unsigned int n = 0, i, j, ph;

	res->total_ms = 0;
	for (ph = PH_PGTABLES; ph <= PH_SLAB; ph++) {
		res->total_ms += res->phase_ms[ph];
		for (i = 0; i < res->nr_batches[ph]; i++)
			all[n++] = res->batch_ms[ph][i];
	}
	for (i = 1; i < n; i++)		/* insertion sort, n <= 256 */
		for (j = i; j > 0 && all[j - 1] > all[j]; j--) {
			tmp = all[j];
			all[j] = all[j - 1];
			all[j - 1] = tmp;
		}
	if (!n)
		return;
	res->median_ms = n % 2 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2;
	res->p99_ms = all[(n * 99 + 99) / 100 - 1];
	res->worst_ms = all[n - 1];
}

/* child <-> parent handshake: one byte each way per step */
static int say(int fd, char c)
{
	return write(fd, &c, 1) == 1 ? 0 : -1;
}

static int hear(int fd)
{
	char c;

	return read(fd, &c, 1) == 1 ? c : -1;
}

/*
 * The files go on a tmpfs of the worker's own, mounted in a mount
 * namespace of its own over cfg->tmpdir: however the worker ends (an OOM
 * kill, the harness's SIGKILL on a timeout), the namespace goes with it
 * and takes the files along. Without the privilege for that, the files
 * go into cfg->tmpdir itself and a killed worker leaves them there.
 * Must run while the worker is still single-threaded (CLONE_NEWNS).
 */
static void private_tmpdir(struct worker *w)
{
	const char *dir = w->cfg->tmpdir;

	if (unshare(CLONE_NEWNS)) {
		fprintf(stderr, "# storm: unshare(CLONE_NEWNS): %s: files go to %s\n",
			strerror(errno), dir);
		return;
	}
	/* our mounts must not propagate back to the caller's namespace */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("defrag-storm", dir, "tmpfs", 0, "mode=0700,nr_inodes=0"))
		fprintf(stderr, "# storm: private tmpfs on %s: %s\n", dir,
			strerror(errno));
}

static void worker_main(const struct storm_config *cfg,
			struct storm_result *res, int tx, int rx)
{
	struct worker w = { .cfg = cfg, .res = res };

	w.page = sysconf(_SC_PAGESIZE);
	/* THP's PMD size; without THP, a page of 8-byte page-table entries */
	w.pmd = read_pmd_pagesize();
	if (!w.pmd)
		w.pmd = w.page / 8 * w.page;
	w.release[0] = -1;
	w.release[1] = -1;
	write_text("/proc/self/oom_score_adj", "1000");
	private_tmpdir(&w);
	if (fill_memory(&w))
		_exit(1);
	punch_holes(&w);
	if (say(tx, 'F') || hear(rx) != 'G')
		_exit(1);
	demand_nonmovable(&w);
	if (say(tx, 'N') || hear(rx) != 'G')
		_exit(1);
	demand_thp(&w);
	if (say(tx, 'D') || hear(rx) != 'G')
		_exit(1);
	cleanup(&w);
	_exit(0);
}

int storm_run(const struct storm_config *cfg, struct storm_result *out)
{
	long long start[NR_STORM_EVENTS], mid[NR_STORM_EVENTS];
	long long end[NR_STORM_EVENTS];
	int up[2], down[2], status, i, ph;
	struct storm_result *res;
	bool extfrag;
	pid_t pid;

	memset(out, 0, sizeof(*out));
	if (!cfg->hole_ratio || !cfg->batches) {
		snprintf(out->error, sizeof(out->error), "bad configuration");
		return -1;
	}
	res = mmap(NULL, sizeof(*res), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED || pipe(up) || pipe(down)) {
		snprintf(out->error, sizeof(out->error), "setup: %s",
			 strerror(errno));
		return -1;
	}
	memset(res, 0, sizeof(*res));
	extfrag = extfrag_start();
	res->have_extfrag = extfrag;
	res->have_extfrag_pages = extfrag && extfrag_hist;
	res->have_page_owner = pagetype_has_mixed();
	/* a worker killed mid-handshake must not take us with it */
	signal(SIGPIPE, SIG_IGN);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(out->error, sizeof(out->error), "fork: %s",
			 strerror(errno));
		if (extfrag)
			extfrag_end();
		return -1;
	}
	if (pid == 0) {
		close(up[0]);
		close(down[1]);
		worker_main(cfg, res, up[1], down[0]);
	}
	close(up[1]);
	close(down[0]);

	/* 'F'ill done, 'N'on-movable demand done, THP 'D'one; EOF if it died */
	if (hear(up[0]) == 'F') {
		snapshot(start, extfrag);
		say(down[1], 'G');
		hear(up[0]);
		snapshot(mid, extfrag);
		say(down[1], 'G');
		hear(up[0]);
		snapshot(end, extfrag);
		say(down[1], 'G');
		for (i = 0; i < NR_STORM_EVENTS; i++) {
			res->delta[i] = mid[i] - start[i];
			res->thp_delta[i] = end[i] - mid[i];
		}
	}
	close(up[0]);
	close(down[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (extfrag)
		extfrag_end();

	res->completed = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	for (ph = 0; ph < NR_STORM_PHASES; ph++)
		if (res->done[ph] < res->wanted[ph])
			res->completed = false;
	if (!res->wanted[PH_PGTABLES])
		res->completed = false;
	if (WIFSIGNALED(status) && !res->error[0])
		snprintf(res->error, sizeof(res->error),
			 "storm worker killed by signal %d%s", WTERMSIG(status),
			 WTERMSIG(status) == SIGKILL ? " (OOM kill?)" : "");
	else if (!res->completed && !res->error[0])
		snprintf(res->error, sizeof(res->error),
			 "storm worker exited with status %d",
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	latency_summary(res);
	*out = *res;
	munmap(res, sizeof(*res));
	return 0;
}

void storm_print(const struct storm_result *res, const char *prefix)
{
	int i;

	printf("%sfill_mb %lu\n", prefix, res->fill_mb);
	printf("%sholes_mb %lu\n", prefix, res->holes_mb);
	printf("%sfree_blocks_before %lu\n", prefix, res->free_blocks_before);
	printf("%shave_extfrag %d\n", prefix, res->have_extfrag);
	printf("%shave_extfrag_pages %d\n", prefix, res->have_extfrag_pages);
	printf("%shave_page_owner %d\n", prefix, res->have_page_owner);
	for (i = 0; i < NR_STORM_EVENTS; i++)
		printf("%s%s %lld\n", prefix, storm_event_names[i], res->delta[i]);
	for (i = 0; i < NR_STORM_EVENTS; i++)
		printf("%sthp_window_%s %lld\n", prefix, storm_event_names[i],
		       res->thp_delta[i]);
	for (i = 0; i < NR_STORM_PHASES; i++) {
		printf("%s%s_ms %.1f\n", prefix, storm_phase_names[i],
		       res->phase_ms[i]);
		printf("%s%s_done %lu\n", prefix, storm_phase_names[i],
		       res->done[i]);
		printf("%s%s_wanted %lu\n", prefix, storm_phase_names[i],
		       res->wanted[i]);
	}
	/* every batch, so that percentiles can be pooled over runs */
	for (i = 0; i < PH_THP; i++) {
		unsigned int b;

		for (b = 0; b < res->nr_batches[i]; b++)
			printf("%sbatch_%s_%02u_ms %.2f\n", prefix,
			       storm_phase_names[i], b, res->batch_ms[i][b]);
	}
	printf("%sdemand_ms %.1f\n", prefix, res->total_ms);
	printf("%slat_median_ms %.2f\n", prefix, res->median_ms);
	printf("%slat_p99_ms %.2f\n", prefix, res->p99_ms);
	printf("%slat_worst_ms %.2f\n", prefix, res->worst_ms);
	printf("%scompleted %d\n", prefix, res->completed);
	if (res->error[0])
		printf("%serror %s\n", prefix, res->error);
}
