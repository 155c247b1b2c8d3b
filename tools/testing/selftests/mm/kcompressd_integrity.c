// SPDX-License-Identifier: GPL-2.0
/*
 * kcompressd: no page may be lost or changed on its way through the queue.
 *
 * Anonymous memory larger than what is free is written with a pattern
 * that identifies each page and each pass, then read back, compared and
 * rewritten, pass after pass, so that kswapd swaps it out and in again
 * and again (to zram, or through zswap). Every page must read back as it
 * was written. Variants: kcompressd off, on, toggled by a second thread
 * while the passes run, and on with zswap in front of the swap device
 * (the store whose success ended the prototype's thread). Besides
 * kswapd's own reclaim, each pass pushes part of the memory out with
 * MADV_PAGEOUT, which reclaims in the caller's context and so never
 * queues: both paths run side by side. Two variants run in a memory
 * cgroup of their own: one whose memory.max is a quarter of RAM, so that
 * the cgroup's own reclaim swaps beside kswapd; and one with zswap on and
 * memory.zswap.writeback 0, whose folios kswapd must write itself (a
 * failed store has to reactivate the folio at once), so that next to
 * nothing may be queued.
 *
 * KCOMPRESSD_SWAP_FACTOR (default 1) sets how much must be swapped
 * out (pswpout plus zswpout), as a multiple of MemTotal, before the test
 * stops.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "../kselftest_harness.h"
#include "vm_util.h"

#define KC_SYSCTL	"/proc/sys/vm/kcompressd"
#define ZSWAP_ENABLED	"/sys/module/zswap/parameters/enabled"
#define CGROUP_ROOT	"/sys/fs/cgroup"
#define CGROUP		CGROUP_ROOT "/kcompressd_integrity"
/* words of a page that carry the pattern, half at each end; the rest is 0 */
#define PATTERN_WORDS	16
/* give up after this many passes, whatever was swapped */
#define MAX_PASSES	64

/* a one-line file, without its newline; false if it cannot be read */
static bool get(const char *path, char *buf, size_t len)
{
	if (!read_file(path, buf, len))
		return false;
	buf[strcspn(buf, "\n")] = '\0';
	return true;
}

/* vm_util's write_file() ends the test if the write fails */
static void put(const char *path, const char *val)
{
	write_file(path, val, strlen(val) + 1);
}

static long long vm_event(const char *name)
{
	size_t len = strlen(name);
	long long val = -1;
	char line[256];
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, len) && line[len] == ' ')
			val = atoll(line + len + 1);
	fclose(f);
	return val;
}

/* pages written out of RAM: to the swap device, or stored in zswap */
static long long swapped_out(void)
{
	long long zswp = vm_event("zswpout");

	return vm_event("pswpout") + (zswp > 0 ? zswp : 0);
}

static unsigned long meminfo_kb(const char *name)
{
	size_t len = strlen(name);
	unsigned long val = 0;
	char line[256];
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, len) && line[len] == ':')
			val = strtoul(line + len + 1, NULL, 10);
	fclose(f);
	return val;
}

/* The pattern of page @idx written in pass @pass: never all one value */
static unsigned long long pattern(unsigned long idx, int pass, int word)
{
	unsigned long long x = (idx + 1) * 0x9e3779b97f4a7c15ULL ^
			       ((unsigned long long)pass << 48) ^ word;

	x ^= x >> 29;
	return x * 0xbf58476d1ce4e5b9ULL + word;
}

/* where pattern word @k goes in a page of @page bytes */
static unsigned long word(int k, long page)
{
	long words = page / sizeof(unsigned long long);

	return k < PATTERN_WORDS / 2 ? k : words - PATTERN_WORDS + k;
}

/* the first pattern word of page @idx that is not as pass @pass wrote it */
static int bad_word(const unsigned long long *w, unsigned long idx, int pass,
		    long page)
{
	int k;

	for (k = 0; k < PATTERN_WORDS; k++)
		if (w[word(k, page)] != pattern(idx, pass, k))
			return k;
	return -1;
}

struct kc_state {
	int stop;	/* read and written with __atomic builtins */
};

static void *toggler(void *arg)
{
	struct kc_state *st = arg;
	int on = 0;

	while (!__atomic_load_n(&st->stop, __ATOMIC_RELAXED)) {
		put(KC_SYSCTL, on ? "1" : "0");
		on = !on;
		usleep(50 * 1000);
	}
	return NULL;
}

FIXTURE(kcompressd) {
	char kc_before[16];
	char zswap_before[16];
	bool have_zswap;
	bool in_cgroup;
};

FIXTURE_VARIANT(kcompressd) {
	const char *kc;		/* "0", "1", or NULL: toggled */
	bool zswap;
	bool memcg_quarter;	/* in a cgroup with memory.max = RAM / 4 */
	bool memcg_no_writeback; /* in a cgroup with memory.zswap.writeback 0 */
};

FIXTURE_VARIANT_ADD(kcompressd, off) { .kc = "0" };
FIXTURE_VARIANT_ADD(kcompressd, on) { .kc = "1" };
FIXTURE_VARIANT_ADD(kcompressd, toggled) { .kc = NULL };
FIXTURE_VARIANT_ADD(kcompressd, on_zswap) { .kc = "1", .zswap = true };
FIXTURE_VARIANT_ADD(kcompressd, memcg_max) { .kc = "1", .memcg_quarter = true };
FIXTURE_VARIANT_ADD(kcompressd, memcg_zswap_no_writeback) {
	.kc = "1", .zswap = true, .memcg_no_writeback = true
};

/* Put the caller in a cgroup of its own, with the variant's limits. */
static int enter_cgroup(bool quarter, bool no_writeback, unsigned long mem_kb)
{
	char val[32];

	/* left by a run that was killed: empty, as its task is gone */
	rmdir(CGROUP);
	put(CGROUP_ROOT "/cgroup.subtree_control", "+memory");
	if (mkdir(CGROUP, 0755))
		return -1;
	if (quarter) {
		snprintf(val, sizeof(val), "%lu", mem_kb / 4 * 1024);
		put(CGROUP "/memory.max", val);
	}
	if (no_writeback)
		put(CGROUP "/memory.zswap.writeback", "0");
	put(CGROUP "/cgroup.procs", "0");
	return 0;
}

FIXTURE_SETUP(kcompressd)
{
	if (getuid())
		SKIP(return, "needs root");
	if (!get(KC_SYSCTL, self->kc_before, sizeof(self->kc_before)))
		SKIP(return, "no %s: a kernel without CONFIG_KCOMPRESSD", KC_SYSCTL);
	if (!meminfo_kb("SwapTotal"))
		SKIP(return, "no swap");
	if (meminfo_kb("MemTotal") > 4UL << 20 && !getenv("KCOMPRESSD_ANY_SIZE"))
		SKIP(return, "more than 4G of memory: run it in a small VM");
	self->have_zswap = get(ZSWAP_ENABLED, self->zswap_before,
			       sizeof(self->zswap_before));
	if (variant->zswap && !self->have_zswap)
		SKIP(return, "no zswap in this kernel");
	if (self->have_zswap)
		put(ZSWAP_ENABLED, variant->zswap ? "Y" : "N");
	if (variant->kc)
		put(KC_SYSCTL, variant->kc);
	if (variant->memcg_quarter || variant->memcg_no_writeback) {
		if (access(CGROUP_ROOT "/cgroup.subtree_control", F_OK))
			SKIP(return, "no cgroup2 at %s", CGROUP_ROOT);
		self->in_cgroup = true;
		ASSERT_EQ(0, enter_cgroup(variant->memcg_quarter,
					  variant->memcg_no_writeback,
					  meminfo_kb("MemTotal")));
	}
}

FIXTURE_TEARDOWN(kcompressd)
{
	if (self->kc_before[0])
		put(KC_SYSCTL, self->kc_before);
	if (self->have_zswap)
		put(ZSWAP_ENABLED, self->zswap_before);
	if (self->in_cgroup) {
		put(CGROUP_ROOT "/cgroup.procs", "0");
		rmdir(CGROUP);
	}
}

TEST_F_TIMEOUT(kcompressd, pattern_survives_swap, 800)
{
	unsigned long mem_kb = meminfo_kb("MemTotal");
	unsigned long swap_kb = meminfo_kb("SwapTotal");
	long page = sysconf(_SC_PAGESIZE);
	unsigned long npages, i, mismatched = 0, target;
	long long out0, in0, queued0, written0, fallback0, out, queued;
	const char *factor = getenv("KCOMPRESSD_SWAP_FACTOR");
	struct kc_state st = { 0 };
	pthread_t thread;
	char *buf;
	int pass;

	/* more than RAM, less than RAM and swap together */
	npages = (mem_kb + swap_kb / 2) * 1024 / page;
	/* more than the cgroup may hold, less than that and swap together */
	if (variant->memcg_quarter)
		npages = (mem_kb / 4 + swap_kb / 2) * 1024 / page;
	target = (factor ? strtoul(factor, NULL, 10) : 1) * mem_kb * 1024 / page;
	buf = mmap(NULL, npages * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ASSERT_NE(MAP_FAILED, buf);
	madvise(buf, npages * page, MADV_NOHUGEPAGE);

	out0 = swapped_out();
	in0 = vm_event("pswpin");
	queued0 = vm_event("kcompressd_queued");
	written0 = vm_event("kcompressd_written");
	fallback0 = vm_event("kcompressd_fallback");
	if (!variant->kc)
		ASSERT_EQ(0, pthread_create(&thread, NULL, toggler, &st));

	for (pass = 0; pass < MAX_PASSES; pass++) {
		for (i = 0; i < npages; i++) {
			unsigned long long *w = (unsigned long long *)(buf + i * page);
			int k;

			k = pass ? bad_word(w, i, pass - 1, page) : -1;
			if (k >= 0 && mismatched++ < 10)
				ksft_print_msg("pass %d page %lu word %d: %llx not %llx\n",
					       pass, i, k, w[word(k, page)],
					       pattern(i, pass - 1, k));
			for (k = 0; k < PATTERN_WORDS; k++)
				w[word(k, page)] = pattern(i, pass, k);
		}
		/* a quarter of it through reclaim in our own context too */
		madvise(buf + (pass % 4) * (npages / 4) * page,
			(npages / 4) * page, MADV_PAGEOUT);
		out = swapped_out() - out0;
		if (pass && out >= (long long)target)
			break;
	}
	/* the last pass's pattern, read once more */
	for (i = 0; i < npages; i++) {
		unsigned long long *w = (unsigned long long *)(buf + i * page);

		if (w[word(PATTERN_WORDS - 1, page)] !=
		    pattern(i, pass < MAX_PASSES ? pass : pass - 1, PATTERN_WORDS - 1))
			mismatched++;
	}
	if (!variant->kc) {
		__atomic_store_n(&st.stop, 1, __ATOMIC_RELAXED);
		pthread_join(thread, NULL);
	}
	munmap(buf, npages * page);

	/* every folio queued is written, within a few seconds of the end */
	for (i = 0; i < 50; i++) {
		if (vm_event("kcompressd_queued") == vm_event("kcompressd_written"))
			break;
		usleep(100 * 1000);
	}
	EXPECT_EQ(vm_event("kcompressd_queued"), vm_event("kcompressd_written"))
		TH_LOG("folios still queued 5 s after the last pass: stranded?");
	queued = vm_event("kcompressd_queued") - queued0;
	ksft_print_msg("%lu pages, %d passes, swapped out %lld (zswap included)\n",
		       npages, pass + 1, swapped_out() - out0);
	ksft_print_msg("pswpin %lld, kcompressd queued %lld written %lld fallback %lld\n",
		       vm_event("pswpin") - in0, queued,
		       vm_event("kcompressd_written") - written0,
		       vm_event("kcompressd_fallback") - fallback0);
	EXPECT_EQ(0UL, mismatched);
	EXPECT_GE(swapped_out() - out0, (long long)target)
		TH_LOG("swapped out less than asked in %d passes", MAX_PASSES);
	/* the switch works both ways */
	if (variant->kc && !strcmp(variant->kc, "0"))
		EXPECT_EQ(0, queued);
	if (variant->memcg_no_writeback) {
		/* other tasks' pages may be queued: the shell's, a few */
		EXPECT_GT(swapped_out() - out0, 100 * queued)
			TH_LOG("queued %lld pages with a memcg without zswap writeback",
			       queued);
	} else if (variant->kc && !strcmp(variant->kc, "1") &&
		   !variant->memcg_quarter) {
		EXPECT_LT(0, queued) TH_LOG("kswapd never queued a folio");
	}
}

TEST_HARNESS_MAIN
