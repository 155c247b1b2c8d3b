/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for kswapd's side of defrag_mode: when kswapd, woken for a
 * whole free pageblock, leaves the block to kcompactd instead of
 * reclaiming for it (kswapd_leave_block_to_compaction()).
 *
 * Included at the end of mm/vmscan.c. Each case builds a node of its own
 * (kunit_kzalloc'd, two zones at index 0 and 1) with the free pages,
 * watermarks and deferral state the case names, and asks the decision
 * about it: nothing is reclaimed, compacted or woken, and no tunable is
 * written. The fragmentation-index cases are for vm.extfrag_threshold's
 * default, 500, which the suite finds when it runs at boot.
 */

#include <kunit/test.h>

/* Stands for pageblock_order in the tables (not a constant everywhere) */
#define DEFRAG_KSW_PB	UINT_MAX

struct defrag_kswapd_zone {
	unsigned long managed;		/* 0: the zone is not there */
	unsigned long min, low, high;	/* watermarks */
	unsigned long free;		/* NR_FREE_PAGES, or see at_gap */
	bool at_gap;			/* free = gap + free (see below) */
	unsigned int chunk_order;	/* free memory comes in chunks of it */
	unsigned int order_failed;	/* compact_order_failed */
	unsigned int defer_shift;	/* compact_defer_shift */
	unsigned int considered;	/* compact_considered */
};

struct defrag_kswapd_case {
	bool defrag;			/* vm.defrag_mode, as the caller passes it */
	unsigned int order;		/* kswapd's order */
	bool boosted;			/* reclaim for a watermark boost */
	int highest_zoneidx;
	struct defrag_kswapd_zone zone[2];
	bool leave;			/* the expected verdict */
	const char *desc;
};

/*
 * The big zone: 256k pages, watermarks 8320/12479/16639. The "gap" is the
 * free memory compaction_suitable() wants at pageblock order before it
 * lets compaction run: more than high + compact_gap(pageblock_order) +
 * (low - min), 16639 + 1024 + 4159 = 21822 pages at order 9.
 */
#define KSW_ZONE(free_, chunk_)						\
	{ .managed = 262144, .min = 8320, .low = 12479, .high = 16639,	\
	  .free = (free_), .chunk_order = (chunk_), .order_failed = 11 }
#define KSW_AT_GAP(plus_)						\
	{ .managed = 262144, .min = 8320, .low = 12479, .high = 16639,	\
	  .free = (plus_), .at_gap = true, .order_failed = 11 }
/* compaction failed at order 9 in it: deferred until considered twice */
#define KSW_DEFERRED(considered_)					\
	{ .managed = 262144, .min = 8320, .low = 12479, .high = 16639,	\
	  .free = 50000, .order_failed = 9, .defer_shift = 1,		\
	  .considered = (considered_) }
/* a small zone below, like a guest's ZONE_DMA: no room for a block */
#define KSW_SMALL	{ .managed = 3976, .min = 170, .low = 212, .high = 254,	\
			  .free = 1185, .order_failed = 11 }
#define KSW_NONE	{ 0 }
/* chunk order one below pageblock order */
#define KSW_PB_1	UINT_MAX

static const struct defrag_kswapd_case defrag_kswapd_cases[] = {
	/* the rule: free pages for compaction, not deferred -> leave */
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_ZONE(50000, 0) }, true,
	  "block, 50000 free in base pages, not deferred: leave to kcompactd" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_AT_GAP(1) }, true,
	  "block, free one page above the gap: leave" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_AT_GAP(0) }, false,
	  "block, free at the gap: reclaim" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_ZONE(10000, 0) }, false,
	  "block, 10000 free, below the high watermark: reclaim" },
	/* deferral: compaction has just failed at the order */
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_DEFERRED(0) }, false,
	  "block, 50000 free, compaction deferred at order 9: reclaim" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_DEFERRED(1) }, true,
	  "block, 50000 free, deferral used up (considered 1 of 2): leave" },
	/* where the free memory is: the fragmentation index */
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_ZONE(38400, KSW_PB_1) },
	  false, "block, 38400 free in chunks one order below a block: reclaim" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_ZONE(38400, 3) }, true,
	  "block, 38400 free in order-3 chunks: leave" },
	/* which zones count */
	{ true, DEFRAG_KSW_PB, false, 0, { KSW_SMALL, KSW_ZONE(50000, 0) }, false,
	  "block, room only above highest_zoneidx: reclaim" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_NONE, KSW_ZONE(50000, 0) }, true,
	  "block, room in the only managed zone: leave" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_NONE }, false,
	  "block, zone 1 not managed, no room in zone 0: reclaim" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_ZONE(50000, 0), KSW_DEFERRED(0) },
	  false, "block, deferred in zone 1 (highest), room in zone 0: reclaim" },
	{ true, DEFRAG_KSW_PB, false, 1, { KSW_ZONE(50000, 0), KSW_ZONE(10000, 0) },
	  false, "block, no room in zone 1 (highest), room in zone 0: reclaim" },
	{ true, DEFRAG_KSW_PB, false, 0, { KSW_ZONE(50000, 0), KSW_ZONE(10000, 0) },
	  true, "block, room in zone 0, the highest allowed: leave" },
	/* who the rule is for */
	{ false, DEFRAG_KSW_PB, false, 1, { KSW_SMALL, KSW_ZONE(50000, 0) }, false,
	  "defrag_mode=0, block, room: reclaim as before" },
	{ true, 3, false, 1, { KSW_SMALL, KSW_ZONE(50000, 0) }, false,
	  "order 3, room: reclaim (the rule is for blocks)" },
	{ true, 0, false, 1, { KSW_SMALL, KSW_ZONE(50000, 0) }, false,
	  "order 0, room: reclaim" },
	{ true, DEFRAG_KSW_PB, true, 1, { KSW_SMALL, KSW_ZONE(50000, 0) }, false,
	  "boosted, block, room: boosted reclaim keeps its rules" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_kswapd, defrag_kswapd_cases, desc);

static void defrag_kswapd_setup_zone(pg_data_t *pgdat, int idx,
				     const struct defrag_kswapd_zone *z)
{
	struct zone *zone = &pgdat->node_zones[idx];
	unsigned long left = z->free;
	unsigned int o = z->chunk_order == KSW_PB_1 ? pageblock_order - 1 :
			 z->chunk_order;

	if (z->at_gap)
		left = z->high + compact_gap(pageblock_order) + z->low - z->min +
		       z->free;

	zone->zone_pgdat = pgdat;
	zone->name = "kunit";
	atomic_long_set(&zone->managed_pages, z->managed);
	zone->_watermark[WMARK_MIN] = z->min;
	zone->_watermark[WMARK_LOW] = z->low;
	zone->_watermark[WMARK_HIGH] = z->high;
	atomic_long_set(&zone->vm_stat[NR_FREE_PAGES], left);
	zone->free_area[o].nr_free = left >> o;
	left -= (left >> o) << o;
	zone->free_area[0].nr_free += left;
	zone->compact_order_failed = z->order_failed;
	zone->compact_defer_shift = z->defer_shift;
	zone->compact_considered = z->considered;
}

static void defrag_test_kswapd_leave(struct kunit *test)
{
	const struct defrag_kswapd_case *c = test->param_value;
	unsigned int order = c->order == DEFRAG_KSW_PB ? pageblock_order : c->order;
	pg_data_t *pgdat;
	int i;

	pgdat = kunit_kzalloc(test, sizeof(*pgdat), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pgdat);
	for (i = 0; i < 2; i++)
		defrag_kswapd_setup_zone(pgdat, i, &c->zone[i]);

	KUNIT_EXPECT_EQ_MSG(test,
			    kswapd_leave_block_to_compaction(pgdat, c->defrag, order,
							     c->boosted,
							     c->highest_zoneidx),
			    c->leave, "%s", c->desc);
	/* asking must not count as a compaction attempt */
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, pgdat->node_zones[i].compact_considered,
				c->zone[i].considered);
}

static struct kunit_case defrag_kswapd_test_cases[] = {
	KUNIT_CASE_PARAM(defrag_test_kswapd_leave, defrag_kswapd_gen_params),
	{}
};

static struct kunit_suite defrag_kswapd_suite = {
	.name = "defrag_mode_kswapd",
	.test_cases = defrag_kswapd_test_cases,
};

kunit_test_suite(defrag_kswapd_suite);
