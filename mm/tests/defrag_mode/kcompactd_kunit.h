/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for the question kswapd asks under defrag_mode before it
 * reclaims for a whole block: would kcompactd, woken now, compact a zone
 * that can serve the request (kcompactd_would_compact())?
 *
 * Included at the end of mm/compaction.c, so the static function can be
 * called as it is. Each case builds a node of its own, with zones whose
 * free pages, watermarks, reserves and deferral state are written out in
 * the case; no real zone is read and no counter of the running system
 * changes. A zone's watermarks are equal, so the cases hold whatever
 * vm.defrag_mode the test kernel runs with, and its free memory is either
 * all in whole blocks or in none, so NR_FREE_PAGES_BLOCKS (read under
 * defrag_mode) and the free lists (read without) tell the same story.
 */

#include <kunit/test.h>

#define KCD_WMARK	1000UL	/* min, low and high watermark of the zone */
#define KCD_PRESENT	65536UL

struct kcompactd_case {
	const char *desc;
	bool populated;
	int free_order;			/* order of the free pages */
	unsigned long nr_free;		/* how many of that order */
	int order_failed;		/* -1: above the order asked about */
	unsigned int defer_shift;
	unsigned int considered;
	bool expect;
};

static const struct kcompactd_case kcompactd_cases[] = {
	{ "free pages in holes, room to compact -> kcompactd",
	  true, 0, 20000, -1, 0, 0, true },
	{ "compaction failed at the order, deferred -> reclaim",
	  true, 0, 20000, 0, 1, 0, false },
	{ "deferred for longer -> reclaim",
	  true, 0, 20000, 0, 6, 62, false },
	{ "deferral used up at the next attempt -> kcompactd",
	  true, 0, 20000, 0, 1, 1, true },
	{ "deferred only above the order -> kcompactd",
	  true, 0, 20000, -1, 6, 0, true },
	{ "free pages below the watermark plus the gap -> reclaim",
	  true, 0, KCD_WMARK + 16, -1, 0, 0, false },
	{ "free pages in large pieces: lack of memory by the index -> reclaim",
	  true, -1, 40, -1, 0, 0, false },
	{ "a free block is there already -> neither",
	  true, -2, 40, -1, 0, 0, false },
	{ "zone not populated -> reclaim",
	  false, 0, 20000, -1, 0, 0, false },
};

/*
 * free_order -1 stands for pageblock_order - 1 (fragmentation index under
 * the default vm.extfrag_threshold of 500: 1000 - (1000 + 40 * 2^(p-1) *
 * 1000 / 2^p) / 40 = 475), -2 for pageblock_order itself.
 */
static int kcompactd_case_free_order(int free_order)
{
	if (free_order == -1)
		return pageblock_order - 1;
	if (free_order == -2)
		return pageblock_order;
	return free_order;
}

static void kcompactd_case_desc(const struct kcompactd_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kcompactd, kcompactd_cases, kcompactd_case_desc);

/*
 * Set up @zone of @pgdat with @nr_free free pages of @free_order, equal
 * watermarks, no deferral and no lowmem reserve.
 */
static void kcompactd_fake_zone(struct kunit *test, pg_data_t *pgdat,
				struct zone *zone, int free_order,
				unsigned long nr_free)
{
	unsigned long free_pages = nr_free << free_order;
	struct list_head *dummy;
	int o, mt;

	dummy = kunit_kzalloc(test, sizeof(*dummy), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dummy);

	zone->zone_pgdat = pgdat;
	zone->present_pages = KCD_PRESENT;
	zone->_watermark[WMARK_MIN] = KCD_WMARK;
	zone->_watermark[WMARK_LOW] = KCD_WMARK;
	zone->_watermark[WMARK_HIGH] = KCD_WMARK;
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[mt]);

	/* The free pages: counted, and listed as far as watermarks look */
	zone->free_area[free_order].nr_free = nr_free;
	list_add(dummy, &zone->free_area[free_order].free_list[MIGRATE_MOVABLE]);
	atomic_long_set(&zone->vm_stat[NR_FREE_PAGES], free_pages);
	atomic_long_set(&zone->vm_stat[NR_FREE_PAGES_BLOCKS],
			free_order >= pageblock_order ? free_pages : 0);
	zone->compact_order_failed = pageblock_order + 1;
}

static void kcompactd_test_would_compact(struct kunit *test)
{
	const struct kcompactd_case *c = test->param_value;
	pg_data_t *pgdat;
	struct zone *zone;

	if (sysctl_extfrag_threshold != 500)
		kunit_skip(test, "vm.extfrag_threshold is %d, the table assumes 500",
			   sysctl_extfrag_threshold);
	/* compaction asks the fragmentation index only above costly orders */
	if (c->free_order == -1 && pageblock_order <= PAGE_ALLOC_COSTLY_ORDER)
		kunit_skip(test, "pageblock_order %d: no fragmentation index",
			   pageblock_order);

	pgdat = kunit_kzalloc(test, sizeof(*pgdat), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pgdat);
	zone = &pgdat->node_zones[0];
	kcompactd_fake_zone(test, pgdat, zone,
			    kcompactd_case_free_order(c->free_order), c->nr_free);
	if (!c->populated)
		zone->present_pages = 0;
	if (c->order_failed >= 0)
		zone->compact_order_failed = pageblock_order + c->order_failed;
	zone->compact_defer_shift = c->defer_shift;
	zone->compact_considered = c->considered;

	KUNIT_EXPECT_EQ_MSG(test, kcompactd_would_compact(pgdat, pageblock_order, 0),
			    c->expect, "%s", c->desc);
	/* Only looks: the attempt is not counted against the deferral */
	KUNIT_EXPECT_EQ(test, zone->compact_considered, c->considered);
	KUNIT_EXPECT_EQ(test, zone->compact_defer_shift, c->defer_shift);
}

/*
 * A node of the case's own with two zones, @low_free and @high_free free
 * pages in holes; skips the case unless vm.extfrag_threshold is 500.
 */
static pg_data_t *kcompactd_two_zones(struct kunit *test,
				      unsigned long low_free,
				      unsigned long high_free)
{
	pg_data_t *pgdat;

	if (sysctl_extfrag_threshold != 500)
		kunit_skip(test, "vm.extfrag_threshold is %d, the table assumes 500",
			   sysctl_extfrag_threshold);
	pgdat = kunit_kzalloc(test, sizeof(*pgdat), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pgdat);
	kcompactd_fake_zone(test, pgdat, &pgdat->node_zones[0], 0, low_free);
	kcompactd_fake_zone(test, pgdat, &pgdat->node_zones[1], 0, high_free);
	return pgdat;
}

/*
 * A lower zone with room to compact serves a request that may use a
 * higher zone only above its lowmem reserve for that zone: kswapd must not
 * leave the block to kcompactd because ZONE_DMA could make one there.
 */
static void kcompactd_test_lowmem_reserve(struct kunit *test)
{
	/* room in the lower zone, 20000 free pages in holes; none in the higher */
	pg_data_t *pgdat = kcompactd_two_zones(test, 20000, KCD_WMARK / 2);
	struct zone *low = &pgdat->node_zones[0];

	low->lowmem_reserve[1] = 30000;

	KUNIT_EXPECT_TRUE_MSG(test, kcompactd_would_compact(pgdat, pageblock_order, 0),
			      "a request for the lower zone: compact there");
	KUNIT_EXPECT_FALSE_MSG(test, kcompactd_would_compact(pgdat, pageblock_order, 1),
			       "a request that may use the higher zone: the reserve keeps the lower one");
	low->lowmem_reserve[1] = 0;
	KUNIT_EXPECT_TRUE_MSG(test, kcompactd_would_compact(pgdat, pageblock_order, 1),
			      "no reserve: the lower zone serves the request");
}

/*
 * A zone where compaction is deferred does not end the search: the next
 * zone that can serve the request, with room and no deferral, takes the
 * block; and an unpopulated zone is passed over, not taken as a "no".
 */
static void kcompactd_test_next_zone(struct kunit *test)
{
	pg_data_t *pgdat = kcompactd_two_zones(test, 20000, 20000);
	struct zone *low = &pgdat->node_zones[0];

	/* compaction failed in the lower zone at the order: deferred */
	low->compact_order_failed = pageblock_order;
	low->compact_defer_shift = 1;

	KUNIT_EXPECT_TRUE_MSG(test, kcompactd_would_compact(pgdat, pageblock_order, 1),
			      "lower zone deferred, higher zone has room: compact there");
	KUNIT_EXPECT_FALSE_MSG(test, kcompactd_would_compact(pgdat, pageblock_order, 0),
			       "a request for the lower zone only: deferred, reclaim");
	low->present_pages = 0;
	KUNIT_EXPECT_TRUE_MSG(test, kcompactd_would_compact(pgdat, pageblock_order, 1),
			      "lower zone not populated, higher zone has room: compact there");
}

static struct kunit_case kcompactd_test_cases[] = {
	KUNIT_CASE_PARAM(kcompactd_test_would_compact, kcompactd_gen_params),
	KUNIT_CASE(kcompactd_test_lowmem_reserve),
	KUNIT_CASE(kcompactd_test_next_zone),
	{}
};

static struct kunit_suite kcompactd_suite = {
	.name = "defrag_mode_kcompactd",
	.test_cases = kcompactd_test_cases,
};

kunit_test_suite(kcompactd_suite);
