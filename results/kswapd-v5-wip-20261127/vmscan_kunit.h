/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for kswapd's side of defrag_mode: when kswapd stops
 * reclaiming for a pageblock and leaves the block to kcompactd.
 *
 * Included at the end of mm/vmscan.c, so the static rule can be called as
 * it is. The cases hand the rule made-up facts (the sysctl, the order
 * kswapd was woken for, the boost left, the pages the last pass freed,
 * whether the node meets its watermarks in base pages); nothing reads or
 * changes the running system.
 */

#include <kunit/test.h>

/* Stand for pageblock_order and the order below it in the table */
#define KSWAPD_PB	-1
#define KSWAPD_PB_BELOW	-2

struct kswapd_block_case {
	const char *desc;
	bool defrag;
	int order;
	unsigned long boost;
	unsigned long reclaimed;
	bool base_balanced;
	bool futile;
};

static const struct kswapd_block_case kswapd_block_cases[] = {
	{ "defrag_mode, block order, nothing freed, base pages met -> stop",
	  true, KSWAPD_PB, 0, 0, true, true },
	{ "defrag_mode, above block order, nothing freed, base pages met -> stop",
	  true, MAX_PAGE_ORDER, 0, 0, true, true },
	{ "defrag_mode off -> go on",
	  false, KSWAPD_PB, 0, 0, true, false },
	{ "defrag_mode, below block order -> go on",
	  true, KSWAPD_PB_BELOW, 0, 0, true, false },
	{ "defrag_mode, order 0 -> go on",
	  true, 0, 0, 0, true, false },
	{ "defrag_mode, boosted reclaim -> go on",
	  true, KSWAPD_PB, 32, 0, true, false },
	{ "defrag_mode, the pass freed a page -> go on",
	  true, KSWAPD_PB, 0, 1, true, false },
	{ "defrag_mode, base pages below the watermarks -> go on",
	  true, KSWAPD_PB, 0, 0, false, false },
};

static int kswapd_case_order(int order)
{
	if (order == KSWAPD_PB)
		return pageblock_order;
	if (order == KSWAPD_PB_BELOW)
		return pageblock_order - 1;
	return order;
}

static void kswapd_block_case_desc(const struct kswapd_block_case *c,
				   char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kswapd_block, kswapd_block_cases, kswapd_block_case_desc);

static void kswapd_test_block_reclaim_futile(struct kunit *test)
{
	const struct kswapd_block_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test,
			    kswapd_block_reclaim_futile(c->defrag,
							kswapd_case_order(c->order),
							c->boost, c->reclaimed,
							c->base_balanced),
			    c->futile, "%s", c->desc);
}

static struct kunit_case kswapd_block_test_cases[] = {
	KUNIT_CASE_PARAM(kswapd_test_block_reclaim_futile, kswapd_block_gen_params),
	{}
};

static struct kunit_suite kswapd_block_suite = {
	.name = "defrag_mode_kswapd",
	.test_cases = kswapd_block_test_cases,
};

kunit_test_suite(kswapd_block_suite);
