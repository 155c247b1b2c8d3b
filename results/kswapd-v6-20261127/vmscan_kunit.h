/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for kswapd's side of defrag_mode: which wakeups and passes of
 * kswapd ask kcompactd to make the block (kswapd_block_for_kcompactd()).
 * Whether kcompactd would then compact is tested in kcompactd_kunit.h.
 *
 * Included at the end of mm/vmscan.c, so the static rule can be called as
 * it is. The cases hand it made-up facts (the sysctl, the order kswapd
 * was woken for, whether boosted reclaim is under way); nothing reads or
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
	bool boosted;
	bool ask;
};

static const struct kswapd_block_case kswapd_block_cases[] = {
	{ "defrag_mode, block order -> ask kcompactd",
	  true, KSWAPD_PB, false, true },
	{ "defrag_mode, above block order -> ask kcompactd",
	  true, MAX_PAGE_ORDER, false, true },
	{ "defrag_mode off, block order -> reclaim",
	  false, KSWAPD_PB, false, false },
	{ "defrag_mode, below block order -> reclaim",
	  true, KSWAPD_PB_BELOW, false, false },
	{ "defrag_mode, order 0 -> reclaim",
	  true, 0, false, false },
	{ "defrag_mode, block order, boosted reclaim -> reclaim",
	  true, KSWAPD_PB, true, false },
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

static void kswapd_test_block_for_kcompactd(struct kunit *test)
{
	const struct kswapd_block_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test,
			    kswapd_block_for_kcompactd(c->defrag,
						       kswapd_case_order(c->order),
						       c->boosted),
			    c->ask, "%s", c->desc);
}

static struct kunit_case kswapd_block_test_cases[] = {
	KUNIT_CASE_PARAM(kswapd_test_block_for_kcompactd, kswapd_block_gen_params),
	{}
};

static struct kunit_suite kswapd_block_suite = {
	.name = "defrag_mode_kswapd",
	.test_cases = kswapd_block_test_cases,
};

kunit_test_suite(kswapd_block_suite);
