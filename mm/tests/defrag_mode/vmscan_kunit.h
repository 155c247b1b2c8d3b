/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for kswapd's side of defrag_mode: which wakeups and passes of
 * kswapd ask kcompactd to make the block (kswapd_block_for_kcompactd(),
 * kswapd_wakeup_may_leave_block()), when the node is short of free memory,
 * so that kswapd reclaims as before (pgdat_zones_above_high()), and which
 * callers wake kcompactd when kswapd is left asleep
 * (kswapd_leave_wakes_kcompactd()). Whether kcompactd would then compact
 * is tested in kcompactd_kunit.h.
 *
 * Included at the end of mm/vmscan.c, so the static rules can be called as
 * they are. The cases hand them made-up facts (the sysctl, the order
 * kswapd was woken for, whether boosted reclaim is under way; a node of
 * the case's own with its zones' free pages, watermarks and reserves);
 * nothing reads or changes the running system.
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
	{ "defrag_mode, MAX_PAGE_ORDER -> ask kcompactd",
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

/* the watermarks of a made-up zone */
#define KSWAPD_MIN	400UL
#define KSWAPD_LOW	700UL
#define KSWAPD_HIGH	1000UL

struct kswapd_zones_case {
	const char *desc;
	unsigned long free[2];		/* free pages of zones 0 and 1 */
	bool managed1;			/* zone 1 has managed pages */
	int highest_zoneidx;
	bool expect;
	bool small0;			/* zone 0 with watermarks 4/7/10 */
};

/*
 * Zone 0 has a lowmem reserve of 30000 pages against requests that may use
 * zone 1, as ZONE_DMA has against ZONE_NORMAL: it is not short for that.
 * A pass of kswapd_shrink_node() sets out to reclaim a zone's high
 * watermark, at least SWAP_CLUSTER_MAX (32): with high at 1000, a zone
 * needs 2001 free pages; with high at 10, 43.
 */
static const struct kswapd_zones_case kswapd_zones_cases[] = {
	{ .desc = "both zones above high + a pass -> kcompactd may take the block",
	  .free = { 2500, 5000 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = true },
	{ .desc = "the higher zone below high -> reclaim",
	  .free = { 2500, 500 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = false },
	{ .desc = "the lower zone below high -> reclaim",
	  .free = { 500, 5000 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = false },
	{ .desc = "above high, not by a pass -> reclaim",
	  .free = { 2500, 1500 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = false },
	{ .desc = "above low + a pass, below high + a pass -> reclaim",
	  .free = { 1800, 5000 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = false },
	{ .desc = "high + a pass exactly is short (as in the watermark test) -> reclaim",
	  .free = { 2500, 2000 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = false },
	{ .desc = "one page above high + a pass -> kcompactd",
	  .free = { 2500, 2001 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = true },
	{ .desc = "small zone: high + SWAP_CLUSTER_MAX exactly -> reclaim",
	  .free = { 42, 5000 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = false, .small0 = true },
	{ .desc = "small zone: one page above high + SWAP_CLUSTER_MAX -> kcompactd",
	  .free = { 43, 5000 }, .managed1 = true, .highest_zoneidx = 1,
	  .expect = true, .small0 = true },
	{ .desc = "zone 1 below high but above the request's zones -> kcompactd",
	  .free = { 2500, 500 }, .managed1 = true, .highest_zoneidx = 0,
	  .expect = true },
	{ .desc = "zone 1 without managed pages is not asked -> kcompactd",
	  .free = { 2500, 0 }, .managed1 = false, .highest_zoneidx = 1,
	  .expect = true },
};

static void kswapd_zones_case_desc(const struct kswapd_zones_case *c,
				   char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kswapd_zones, kswapd_zones_cases, kswapd_zones_case_desc);

static void kswapd_test_zones_above_high(struct kunit *test)
{
	const struct kswapd_zones_case *c = test->param_value;
	pg_data_t *pgdat = kunit_kzalloc(test, sizeof(*pgdat), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pgdat);
	for (i = 0; i < 2; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		zone->zone_pgdat = pgdat;
		zone->_watermark[WMARK_MIN] = KSWAPD_MIN;
		zone->_watermark[WMARK_LOW] = KSWAPD_LOW;
		zone->_watermark[WMARK_HIGH] = KSWAPD_HIGH;
		/* kswapd's mark under memory tiering: the cases hold either way */
		zone->_watermark[WMARK_PROMO] = KSWAPD_HIGH;
		atomic_long_set(&zone->managed_pages,
				i == 1 && !c->managed1 ? 0 : 65536);
		atomic_long_set(&zone->vm_stat[NR_FREE_PAGES], c->free[i]);
	}
	pgdat->node_zones[0].lowmem_reserve[1] = 30000;
	if (c->small0) {
		struct zone *zone = &pgdat->node_zones[0];

		zone->_watermark[WMARK_MIN] = 4;
		zone->_watermark[WMARK_LOW] = 7;
		zone->_watermark[WMARK_HIGH] = 10;
		zone->_watermark[WMARK_PROMO] = 10;
	}

	KUNIT_EXPECT_EQ_MSG(test,
			    pgdat_zones_above_high(pgdat, c->highest_zoneidx),
			    c->expect, "%s", c->desc);
}

struct kswapd_wakeup_case {
	const char *desc;
	gfp_t gfp;
	unsigned int pf_flags;		/* the waking task's */
	bool may_leave;			/* the wakeup may leave kswapd asleep */
	bool wakes_kcompactd;		/* and must then wake kcompactd */
};

static const struct kswapd_wakeup_case kswapd_wakeup_cases[] = {
	{ "GFP_KERNEL: compacts itself",
	  GFP_KERNEL, 0, true, false },
	{ "GFP_NOFS: compacts itself",
	  GFP_NOFS, 0, true, false },
	{ "GFP_NOIO: may not compact -> kcompactd",
	  GFP_NOIO, 0, true, true },
	{ "GFP_NOWAIT: may not reclaim -> kcompactd",
	  GFP_NOWAIT, 0, true, true },
	{ "GFP_ATOMIC: may not reclaim -> kcompactd",
	  GFP_ATOMIC, 0, true, true },
	{ "THP fault without direct reclaim -> kcompactd",
	  GFP_TRANSHUGE_LIGHT | __GFP_KSWAPD_RECLAIM, 0, true, true },
	{ "GFP_KERNEL | __GFP_NORETRY: async compaction only -> kcompactd",
	  GFP_KERNEL | __GFP_NORETRY, 0, true, true },
	{ "GFP_KERNEL from a task in reclaim (PF_MEMALLOC) -> kcompactd",
	  GFP_KERNEL, PF_MEMALLOC, true, true },
	{ "no __GFP_KSWAPD_RECLAIM (NUMA promotion): kswapd runs",
	  0, 0, false, true },
};

static void kswapd_wakeup_case_desc(const struct kswapd_wakeup_case *c,
				    char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kswapd_wakeup, kswapd_wakeup_cases, kswapd_wakeup_case_desc);

static void kswapd_test_wakeup(struct kunit *test)
{
	const struct kswapd_wakeup_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, kswapd_wakeup_may_leave_block(c->gfp),
			    c->may_leave, "%s", c->desc);
	KUNIT_EXPECT_EQ_MSG(test, kswapd_leave_wakes_kcompactd(c->gfp, c->pf_flags),
			    c->wakes_kcompactd, "%s", c->desc);
}

static struct kunit_case kswapd_block_test_cases[] = {
	KUNIT_CASE_PARAM(kswapd_test_block_for_kcompactd, kswapd_block_gen_params),
	KUNIT_CASE_PARAM(kswapd_test_zones_above_high, kswapd_zones_gen_params),
	KUNIT_CASE_PARAM(kswapd_test_wakeup, kswapd_wakeup_gen_params),
	{}
};

static struct kunit_suite kswapd_block_suite = {
	.name = "defrag_mode_kswapd",
	.test_cases = kswapd_block_test_cases,
};

kunit_test_suite(kswapd_block_suite);
