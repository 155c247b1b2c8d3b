/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit cases for kcompressd's queueing rule, kcompressd_rule(): which
 * folios kswapd hands to kcompressd. Built into mm/kcompressd.c (included
 * at its end) so that the static rule is reachable. The cases ask the
 * rule about made-up facts; nothing is queued, nothing of the running
 * system is read or changed.
 */
#include <kunit/test.h>

struct kcompressd_rule_case {
	const char *desc;
	bool kswapd, enabled, anon, writeback_ok, zswap, sync_io;
	bool queued;
};

static const struct kcompressd_rule_case kcompressd_rule_cases[] = {
	/* what it is for: kswapd compressing for zswap or zram */
	{ "kswapd, zswap on, disk swap", true, true, true, true, true, false, true },
	{ "kswapd, zswap off, zram", true, true, true, true, false, true, true },
	{ "kswapd, zswap on, zram", true, true, true, true, true, true, true },
	/* nothing to compress: a disk is written asynchronously already */
	{ "kswapd, zswap off, disk swap", true, true, true, true, false, false, false },
	/* every other reclaimer writes synchronously */
	{ "direct or memcg reclaim, zram", false, true, true, true, false, true, false },
	{ "direct or memcg reclaim, zswap", false, true, true, true, true, false, false },
	/* the switch */
	{ "vm.kcompressd=0, zram", true, false, true, true, false, true, false },
	{ "vm.kcompressd=0, zswap", true, false, true, true, true, false, false },
	/* shmem goes through swap_writeout() too: kept synchronous */
	{ "shmem folio, zram", true, true, false, true, false, true, false },
	/* a failed store must reactivate the folio at once */
	{ "memcg without zswap writeback, zswap", true, true, true, false, true, false, false },
	{ "memcg without zswap writeback, zram", true, true, true, false, false, true, false },
};

static void kcompressd_rule_desc(const struct kcompressd_rule_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kcompressd_rule, kcompressd_rule_cases, kcompressd_rule_desc);

static void kcompressd_test_rule(struct kunit *test)
{
	const struct kcompressd_rule_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, kcompressd_rule(c->kswapd, c->enabled, c->anon,
					      c->writeback_ok, c->zswap, c->sync_io),
			c->queued);
}

static struct kunit_case kcompressd_test_cases[] = {
	KUNIT_CASE_PARAM(kcompressd_test_rule, kcompressd_rule_gen_params),
	{}
};

static struct kunit_suite kcompressd_test_suite = {
	.name = "kcompressd",
	.test_cases = kcompressd_test_cases,
};

kunit_test_suite(kcompressd_test_suite);
