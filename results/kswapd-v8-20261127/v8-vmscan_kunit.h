/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for kswapd's side of defrag_mode: which wakeups and passes of
 * kswapd ask kcompactd to make the block (kswapd_block_for_kcompactd()),
 * and when the node is short of free memory, so that kswapd reclaims as
 * before (pgdat_zones_above_high()). Whether kcompactd would then compact
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

#define KSWAPD_HIGH	1000UL	/* every watermark of a made-up zone */

struct kswapd_zones_case {
	const char *desc;
	unsigned long free[2];		/* free pages of zones 0 and 1 */
	bool managed1;			/* zone 1 has managed pages */
	int highest_zoneidx;
	bool expect;
};

/*
 * Zone 0 has a lowmem reserve of 30000 pages against requests that may use
 * zone 1, as ZONE_DMA has against ZONE_NORMAL: it is not short for that.
 */
static const struct kswapd_zones_case kswapd_zones_cases[] = {
	{ "both zones above high -> kcompactd may take the block",
	  { 2000, 5000 }, true, 1, true },
	{ "the higher zone below high -> reclaim",
	  { 2000, 500 }, true, 1, false },
	{ "the lower zone below high -> reclaim",
	  { 500, 5000 }, true, 1, false },
	{ "a zone at high exactly is short (as in the watermark test) -> reclaim",
	  { 2000, KSWAPD_HIGH }, true, 1, false },
	{ "zone 1 below high but above the request's zones -> kcompactd",
	  { 2000, 500 }, true, 0, true },
	{ "zone 1 without managed pages is not asked -> kcompactd",
	  { 2000, 0 }, false, 1, true },
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
		zone->_watermark[WMARK_MIN] = KSWAPD_HIGH;
		zone->_watermark[WMARK_LOW] = KSWAPD_HIGH;
		zone->_watermark[WMARK_HIGH] = KSWAPD_HIGH;
		atomic_long_set(&zone->managed_pages,
				i == 1 && !c->managed1 ? 0 : 65536);
		atomic_long_set(&zone->vm_stat[NR_FREE_PAGES], c->free[i]);
	}
	pgdat->node_zones[0].lowmem_reserve[1] = 30000;

	KUNIT_EXPECT_EQ_MSG(test,
			    pgdat_zones_above_high(pgdat, c->highest_zoneidx),
			    c->expect, "%s", c->desc);
}

static struct kunit_case kswapd_block_test_cases[] = {
	KUNIT_CASE_PARAM(kswapd_test_block_for_kcompactd, kswapd_block_gen_params),
	KUNIT_CASE_PARAM(kswapd_test_zones_above_high, kswapd_zones_gen_params),
	{}
};

static struct kunit_suite kswapd_block_suite = {
	.name = "defrag_mode_kswapd",
	.test_cases = kswapd_block_test_cases,
};

kunit_test_suite(kswapd_block_suite);
