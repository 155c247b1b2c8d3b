/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for the decisions the June series adds to the allocator's
 * slow path under defrag_mode: the order a round of reclaim and compaction
 * works at, the retry decisions for a request that waits for a block,
 * whether such a request needs direct reclaim at all, the fallback, and
 * when a fallback that mixes claims the whole block.
 *
 * Included at the end of mm/page_alloc.c (after the capture and direct
 * compaction cases it shares with the 7.3 stack). No case reclaims,
 * compacts, changes a setting, or reads a live zone's free pages or
 * watermarks: the rules take what they need as arguments, direct reclaim
 * is entered with __perform_reclaim() replaced by a KUnit static stub for
 * the case's task, and the zone-reading decisions are asked about zones
 * the case makes up (free pages, watermarks, free lists), which are never
 * linked into a node. What they still touch: the direct reclaim case
 * enters and leaves a PSI memory stall for its task; tracepoints on the
 * way report a made-up zone (with a meaningless zone index); and
 * compaction_suitable() reads vm.extfrag_threshold: the made-up free
 * memory is fragmented to an index of 993 or more, above any threshold
 * below that.
 */

#define DEFRAG_AC_WORK_ORDER reclaim_order
#include "page_alloc_kunit.h"

/* Stands for MAX_PAGE_ORDER in the tables, as DEFRAG_PB for pageblock_order */
#define DEFRAG_MAX	(UINT_MAX - 1)

static unsigned int defrag_any_order(unsigned int order)
{
	return order == DEFRAG_MAX ? MAX_PAGE_ORDER : defrag_order(order);
}

/*
 * Without CONFIG_ZONE_DMA32 (UML, for one) ALLOC_NOFRAGMENT is 0: no
 * request is ever held to its own blocks, and nothing is promoted.
 */
static void defrag_skip_nofragment(struct kunit *test, bool nofragment)
{
	if (nofragment && !ALLOC_NOFRAGMENT)
		kunit_skip(test, "ALLOC_NOFRAGMENT is 0 without CONFIG_ZONE_DMA32");
}

/*
 * reclaim_compact_order(): under ALLOC_NOFRAGMENT a non-movable request of
 * any order reclaims and compacts for a whole pageblock; any other request
 * at its own order, and no order is ever lowered.
 */
struct defrag_work_order_case {
	int mt;
	unsigned int order;
	bool nofragment;
	unsigned int work_order;
	const char *desc;
};

static const struct defrag_work_order_case defrag_work_order_cases[] = {
	{ MIGRATE_UNMOVABLE, 0, true, DEFRAG_PB,
	  "UNMOVABLE order 0, NOFRAGMENT: works at pageblock order" },
	{ MIGRATE_UNMOVABLE, 3, true, DEFRAG_PB,
	  "UNMOVABLE order 3, NOFRAGMENT: works at pageblock order" },
	{ MIGRATE_RECLAIMABLE, 4, true, DEFRAG_PB,
	  "RECLAIMABLE order 4 (costly), NOFRAGMENT: works at pageblock order" },
	{ MIGRATE_UNMOVABLE, DEFRAG_PB, true, DEFRAG_PB,
	  "UNMOVABLE pageblock order, NOFRAGMENT: works at pageblock order" },
	{ MIGRATE_UNMOVABLE, DEFRAG_MAX, true, DEFRAG_MAX,
	  "UNMOVABLE MAX_PAGE_ORDER, NOFRAGMENT: works at its own order" },
	{ MIGRATE_MOVABLE, 0, true, 0,
	  "MOVABLE order 0, NOFRAGMENT: works at its own order" },
	{ MIGRATE_MOVABLE, 3, true, 3,
	  "MOVABLE order 3, NOFRAGMENT: works at its own order" },
	{ MIGRATE_UNMOVABLE, 0, false, 0,
	  "UNMOVABLE order 0: works at its own order" },
	{ MIGRATE_UNMOVABLE, 3, false, 3,
	  "UNMOVABLE order 3: works at its own order" },
	{ MIGRATE_RECLAIMABLE, 4, false, 4,
	  "RECLAIMABLE order 4: works at its own order" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_work_order, defrag_work_order_cases, desc);

static void defrag_test_work_order(struct kunit *test)
{
	const struct defrag_work_order_case *c = test->param_value;
	unsigned int flags = ALLOC_WMARK_MIN | (c->nofragment ? ALLOC_NOFRAGMENT : 0);

	defrag_skip_nofragment(test, c->nofragment);
	KUNIT_EXPECT_EQ_MSG(test,
			    reclaim_compact_order(defrag_any_order(c->order), flags, c->mt),
			    defrag_any_order(c->work_order), "%s", c->desc);
}

/*
 * __alloc_pages_direct_reclaim() reclaims at the round's work order
 * (ac->reclaim_order), not at the order it allocates.
 */
struct defrag_reclaim_case {
	unsigned int order;
	unsigned int work_order;
	const char *desc;
};

static const struct defrag_reclaim_case defrag_reclaim_cases[] = {
	{ 0, DEFRAG_PB, "order 0 promoted: reclaims at pageblock order" },
	{ 2, DEFRAG_PB, "order 2 promoted: reclaims at pageblock order" },
	{ 3, 3, "order 3 not promoted: reclaims at order 3" },
	{ 0, 0, "order 0 not promoted: reclaims at order 0" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_reclaim, defrag_reclaim_cases, desc);

/* Stands in for __perform_reclaim(): records the order, frees nothing */
static unsigned long defrag_fake_reclaim(gfp_t gfp_mask, unsigned int order,
					 const struct alloc_context *ac)
{
	int *seen = kunit_get_current_test()->priv;

	*seen = order;
	/* no progress: the caller then leaves without touching any zone */
	return 0;
}

static void defrag_test_reclaim_order(struct kunit *test)
{
	const struct defrag_reclaim_case *c = test->param_value;
	struct alloc_context ac = {
		.migratetype = MIGRATE_UNMOVABLE,
		.highest_zoneidx = ZONE_NORMAL,
		.reclaim_order = defrag_order(c->work_order),
	};
	unsigned long progress = 1;
	struct page *page;
	int seen = -1;

	ac.zonelist = &defrag_empty_zonelist;
	ac.preferred_zoneref = defrag_empty_zonelist._zonerefs;

	test->priv = &seen;
	kunit_activate_static_stub(test, __perform_reclaim, defrag_fake_reclaim);
	page = __alloc_pages_direct_reclaim(GFP_KERNEL, c->order, ALLOC_WMARK_MIN,
					    &ac, &progress);
	kunit_deactivate_static_stub(test, __perform_reclaim);
	test->priv = NULL;

	KUNIT_EXPECT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, progress, 0);
	KUNIT_EXPECT_EQ_MSG(test, seen, (int)defrag_order(c->work_order), "%s", c->desc);
}

/*
 * Zones made up for the decisions that read free pages and watermarks,
 * with watermarks min 128, low 160, high 192 pages, nothing reclaimable,
 * and free memory in order-0 pages, fragmented enough for compaction to be
 * worth it at any order. Compaction at pageblock order needs free pages
 * above a watermark plus its gap (COMPACT_CLUSTER_MAX, 32) plus low - min
 * (32): 192 with the min watermark (compaction_zonelist_suitable(), asked
 * by the retry decision), 256 with the high one (compaction_suitable() as
 * promoted_reclaim_needed() asks it). At order 3 the gap is 16 and there
 * is no low - min term: 144 with the min watermark.
 *   DEFRAG_ROOM:    8 pageblocks' worth, and one free order-3 page: room
 *                   for everything;
 *   DEFRAG_BETWEEN: 224: room at pageblock order by the min watermark,
 *                   not by the high one;
 *   DEFRAG_TIGHT:   168: room for compaction at order 3, not at pageblock
 *                   order;
 *   DEFRAG_NONE:    nothing free.
 */
enum defrag_zone_state { DEFRAG_ROOM, DEFRAG_BETWEEN, DEFRAG_TIGHT, DEFRAG_NONE };

struct defrag_zones {
	struct zonelist zonelist;
	struct zone zone[2];
	struct list_head order3;	/* the one free order-3 "page" */
};

/*
 * Static, as the zonelist is tens of KiB with MAX_NUMNODES in the
 * thousands; KUnit runs one case at a time, and each case starts it afresh.
 */
static struct defrag_zones defrag_zones;

static void defrag_free_zonestats(void *stats)
{
	free_percpu((struct per_cpu_zonestat __percpu *)stats);
}

static void defrag_make_zone(struct kunit *test, struct defrag_zones *z,
			     int i, enum defrag_zone_state state)
{
	struct zone *zone = &z->zone[i];
	unsigned long free;
	unsigned int order, mt;

	switch (state) {
	case DEFRAG_ROOM:
		free = 8 * pageblock_nr_pages;
		break;
	case DEFRAG_BETWEEN:
		free = 224;
		break;
	case DEFRAG_TIGHT:
		free = 168;
		break;
	default:
		free = 0;
	}

	zone->name = "defrag_test";
	/* for tracepoints; the node never learns of the zone */
	zone->zone_pgdat = NODE_DATA(numa_node_id());
#ifdef CONFIG_NUMA
	zone->node = numa_node_id();
#endif
	spin_lock_init(&zone->lock);
	for (order = 0; order < NR_PAGE_ORDERS; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[mt]);
	zone->_watermark[WMARK_MIN] = 128;
	zone->_watermark[WMARK_LOW] = 160;
	zone->_watermark[WMARK_HIGH] = 192;
	/* read by zone_page_state_snapshot(); empty without CONFIG_SMP */
	if (sizeof(struct per_cpu_zonestat)) {
		zone->per_cpu_zonestats = alloc_percpu(struct per_cpu_zonestat);
		KUNIT_ASSERT_NOT_NULL(test, zone->per_cpu_zonestats);
		KUNIT_ASSERT_EQ(test, 0,
				kunit_add_action_or_reset(test, defrag_free_zonestats,
							  (void __force *)zone->per_cpu_zonestats));
	}
	zone->free_area[0].nr_free = free;
	if (state == DEFRAG_ROOM) {
		zone->free_area[3].nr_free = 1;
		list_add(&z->order3, &zone->free_area[3].free_list[MIGRATE_UNMOVABLE]);
		free += 8;
	}
	atomic_long_set(&zone->managed_pages, free);
	atomic_long_set(&zone->vm_stat[NR_FREE_PAGES], free);

	z->zonelist._zonerefs[i].zone = zone;
	z->zonelist._zonerefs[i].zone_idx = ZONE_NORMAL;
}

/* An alloc_context over the made-up zones, in the order given */
static void defrag_make_ac(struct kunit *test, struct alloc_context *ac,
			   int nr, const enum defrag_zone_state *states,
			   int mt, unsigned int work_order)
{
	struct defrag_zones *z = &defrag_zones;
	int i;

	memset(z, 0, sizeof(*z));
	for (i = 0; i < nr; i++)
		defrag_make_zone(test, z, i, states[i]);
	memset(ac, 0, sizeof(*ac));
	ac->zonelist = &z->zonelist;
	ac->highest_zoneidx = ZONE_NORMAL;
	ac->preferred_zoneref = z->zonelist._zonerefs;
	ac->migratetype = mt;
	ac->reclaim_order = work_order;
}

/*
 * The retry decisions after a round, judged at the round's work order. A
 * promoted request (work order above its order) is never sent back to
 * reclaim by should_reclaim_retry(): the progress reclaim reports says
 * nothing about a block. should_compact_retry() gives it
 * MAX_COMPACT_RETRIES further rounds in all, whatever compaction did (a
 * block taken by a race, a failure, a deferral, a skip that reclaim can
 * help), keeps the full count at costly orders, never raises the priority
 * for it, and then lets it fall back. Other requests are judged as before.
 */
enum defrag_retry_fn { DEFRAG_RECLAIM_RETRY, DEFRAG_COMPACT_RETRY };

struct defrag_retry_case {
	enum defrag_retry_fn fn;
	unsigned int order;
	unsigned int work_order;
	enum defrag_zone_state zone;
	enum compact_result result;	/* should_compact_retry() only */
	int retries;			/* compaction_retries / no_progress_loops in */
	bool retry;
	int retries_out;
	bool prio_raised;		/* should_compact_retry() only */
	const char *desc;
};

#define RETRY_R DEFRAG_RECLAIM_RETRY
#define RETRY_C DEFRAG_COMPACT_RETRY

static const struct defrag_retry_case defrag_retry_cases[] = {
	/* should_reclaim_retry(), after a round that reported progress */
	{ RETRY_R, 0, 0, DEFRAG_ROOM, 0, 3, true, 0, false,
	  "reclaim retry: order 0, room -> retry, loops reset" },
	{ RETRY_R, 0, 0, DEFRAG_NONE, 0, 3, false, 0, false,
	  "reclaim retry: order 0, no memory -> no retry, loops reset" },
	{ RETRY_R, 0, DEFRAG_PB, DEFRAG_ROOM, 0, 3, false, 4, false,
	  "reclaim retry: promoted order 0, room -> no retry, loops counted" },
	{ RETRY_R, 3, DEFRAG_PB, DEFRAG_ROOM, 0, 0, false, 1, false,
	  "reclaim retry: promoted order 3, room -> no retry, loops counted" },
	{ RETRY_R, 3, 3, DEFRAG_ROOM, 0, 3, true, 0, false,
	  "reclaim retry: order 3, room -> retry, loops reset" },
	{ RETRY_R, 4, 4, DEFRAG_ROOM, 0, 3, false, 4, false,
	  "reclaim retry: order 4 (costly), no order-4 page -> no retry, loops counted" },
	/* should_compact_retry() */
	{ RETRY_C, 0, 0, DEFRAG_ROOM, COMPACT_SUCCESS, 0, false, 0, false,
	  "compact retry: order 0 -> no compaction, no retry" },
	{ RETRY_C, 0, DEFRAG_PB, DEFRAG_ROOM, COMPACT_SUCCESS, 0, true, 1, false,
	  "compact retry: promoted order 0, block taken by a race -> retry" },
	{ RETRY_C, 3, DEFRAG_PB, DEFRAG_ROOM, COMPACT_SUCCESS, 15, true, 16, false,
	  "compact retry: promoted order 3, success, 15 retries -> 16th retry" },
	{ RETRY_C, 3, DEFRAG_PB, DEFRAG_ROOM, COMPACT_SUCCESS, 16, false, 17, false,
	  "compact retry: promoted order 3, success, 16 retries -> fall back" },
	{ RETRY_C, 4, DEFRAG_PB, DEFRAG_ROOM, COMPACT_SUCCESS, 15, true, 16, false,
	  "compact retry: promoted order 4 (costly), success, 15 retries -> 16th retry" },
	{ RETRY_C, 3, 3, DEFRAG_ROOM, COMPACT_SUCCESS, 4, true, 5, false,
	  "compact retry: order 3, success, 4 retries -> retry" },
	{ RETRY_C, 4, 4, DEFRAG_ROOM, COMPACT_SUCCESS, 4, false, 5, false,
	  "compact retry: order 4 (costly), success, 4 retries -> no retry (costly minimum)" },
	{ RETRY_C, 0, DEFRAG_PB, DEFRAG_ROOM, COMPACT_COMPLETE, 0, true, 1, false,
	  "compact retry: promoted order 0, failed -> retry, priority kept" },
	{ RETRY_C, 3, DEFRAG_PB, DEFRAG_ROOM, COMPACT_COMPLETE, 0, true, 1, false,
	  "compact retry: promoted order 3, failed -> retry, priority kept" },
	{ RETRY_C, 0, DEFRAG_PB, DEFRAG_ROOM, COMPACT_DEFERRED, 16, false, 17, false,
	  "compact retry: promoted order 0, deferred, 16 retries -> fall back" },
	{ RETRY_C, 3, 3, DEFRAG_ROOM, COMPACT_COMPLETE, 2, true, 0, true,
	  "compact retry: order 3, failed -> raised priority" },
	{ RETRY_C, 0, DEFRAG_PB, DEFRAG_ROOM, COMPACT_SKIPPED, 0, true, 1, false,
	  "compact retry: promoted order 0, skipped, room -> retry, counted" },
	{ RETRY_C, 3, DEFRAG_PB, DEFRAG_ROOM, COMPACT_SKIPPED, 16, false, 17, false,
	  "compact retry: promoted order 3, skipped, 16 retries -> fall back" },
	{ RETRY_C, 3, DEFRAG_PB, DEFRAG_TIGHT, COMPACT_SKIPPED, 4, false, 4, false,
	  "compact retry: promoted order 3, skipped, no room for a block -> no retry" },
	{ RETRY_C, 0, DEFRAG_PB, DEFRAG_NONE, COMPACT_SKIPPED, 0, false, 0, false,
	  "compact retry: promoted order 0, skipped, no memory -> no retry" },
	{ RETRY_C, 3, 3, DEFRAG_ROOM, COMPACT_SKIPPED, 4, true, 4, false,
	  "compact retry: order 3, skipped, room -> retry, not counted" },
	{ RETRY_C, 3, 3, DEFRAG_NONE, COMPACT_SKIPPED, 4, false, 4, false,
	  "compact retry: order 3, skipped, no memory -> no retry" },
};

#undef RETRY_R
#undef RETRY_C

KUNIT_ARRAY_PARAM_DESC(defrag_retry, defrag_retry_cases, desc);

static void defrag_test_retry(struct kunit *test)
{
	const struct defrag_retry_case *c = test->param_value;
	/* as the slow path's retries start: DEF_COMPACT_PRIORITY */
	enum compact_priority prio = COMPACT_PRIO_SYNC_LIGHT;
	int retries = c->retries;
	struct alloc_context ac;
	bool got;

	defrag_make_ac(test, &ac, 1, &c->zone, MIGRATE_UNMOVABLE,
		       defrag_order(c->work_order));
	if (c->fn == DEFRAG_RECLAIM_RETRY) {
		got = should_reclaim_retry(GFP_KERNEL, c->order, &ac, ALLOC_WMARK_MIN,
					   true, &retries);
	} else {
		got = should_compact_retry(GFP_KERNEL, &ac, c->order, ALLOC_WMARK_MIN,
					   c->result, &prio, &retries);
		KUNIT_EXPECT_EQ_MSG(test, prio, c->prio_raised ?
				    COMPACT_PRIO_SYNC_FULL : COMPACT_PRIO_SYNC_LIGHT,
				    "priority: %s", c->desc);
	}
	KUNIT_EXPECT_EQ_MSG(test, got, c->retry, "%s", c->desc);
	KUNIT_EXPECT_EQ_MSG(test, retries, c->retries_out, "counter: %s", c->desc);
}

/*
 * A promoted request enters direct reclaim only when no zone it may use
 * has the free memory to compact a block (the test of compaction_ready()
 * in vmscan): one zone with room is enough to go straight to compaction.
 */
struct defrag_reclaim_needed_case {
	int nr;
	enum defrag_zone_state zones[2];
	bool needed;
	const char *desc;
};

static const struct defrag_reclaim_needed_case defrag_reclaim_needed_cases[] = {
	{ 1, { DEFRAG_ROOM }, false, "room to compact a block -> no direct reclaim" },
	{ 1, { DEFRAG_NONE }, true, "no room to compact a block -> direct reclaim" },
	{ 1, { DEFRAG_TIGHT }, true,
	  "room for order-3 compaction, not for a block -> direct reclaim" },
	{ 1, { DEFRAG_BETWEEN }, true,
	  "room by the min watermark, not the high one -> direct reclaim" },
	{ 2, { DEFRAG_NONE, DEFRAG_ROOM }, false,
	  "room in the second zone -> no direct reclaim" },
	{ 2, { DEFRAG_NONE, DEFRAG_NONE }, true,
	  "room in no zone -> direct reclaim" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_reclaim_needed, defrag_reclaim_needed_cases, desc);

static void defrag_test_reclaim_needed(struct kunit *test)
{
	const struct defrag_reclaim_needed_case *c = test->param_value;
	struct alloc_context ac;

	defrag_make_ac(test, &ac, c->nr, c->zones, MIGRATE_UNMOVABLE, pageblock_order);
	KUNIT_EXPECT_EQ_MSG(test, promoted_reclaim_needed(GFP_KERNEL, ALLOC_WMARK_MIN, &ac),
			    c->needed, "%s", c->desc);
}

/*
 * defrag_mode_fallback(): a request held to its own blocks
 * (ALLOC_NOFRAGMENT) gives that up, and its retry counters and compaction
 * priority start afresh for the fallback.
 */
static void defrag_test_fallback(struct kunit *test)
{
	unsigned int flags = ALLOC_WMARK_MIN | ALLOC_KSWAPD | ALLOC_NOFRAGMENT;
	enum compact_priority prio = COMPACT_PRIO_SYNC_FULL;
	int loops = MAX_RECLAIM_RETRIES + 1, retries = 5;

	defrag_skip_nofragment(test, true);
	KUNIT_EXPECT_TRUE(test, defrag_mode_fallback(&flags, &loops, &retries, &prio));
	KUNIT_EXPECT_EQ(test, flags, ALLOC_WMARK_MIN | ALLOC_KSWAPD);
	KUNIT_EXPECT_EQ(test, loops, 0);
	KUNIT_EXPECT_EQ(test, retries, 0);
	/* DEF_COMPACT_PRIORITY */
	KUNIT_EXPECT_EQ(test, prio, COMPACT_PRIO_SYNC_LIGHT);
}

/* A request without the flag has nothing to give up: nothing is reset. */
static void defrag_test_no_fallback(struct kunit *test)
{
	unsigned int flags = ALLOC_WMARK_MIN | ALLOC_KSWAPD;
	enum compact_priority prio = COMPACT_PRIO_SYNC_FULL;
	int loops = MAX_RECLAIM_RETRIES + 1, retries = 5;

	KUNIT_EXPECT_FALSE(test, defrag_mode_fallback(&flags, &loops, &retries, &prio));
	KUNIT_EXPECT_EQ(test, flags, ALLOC_WMARK_MIN | ALLOC_KSWAPD);
	KUNIT_EXPECT_EQ(test, loops, MAX_RECLAIM_RETRIES + 1);
	KUNIT_EXPECT_EQ(test, retries, 5);
	KUNIT_EXPECT_EQ(test, prio, COMPACT_PRIO_SYNC_FULL);
}

/*
 * should_claim_block(): a fallback claims the block it falls into when
 * half of the block is free or compatible. With defrag_mode a non-movable
 * request mixes only once reclaim and compaction failed, and then claims
 * the block whatever it holds; a movable one still takes single pages.
 * Free and compatible pages are in eighths of a block.
 */
struct defrag_claim_case {
	int free_8ths, alike_8ths;
	int extra;		/* pages added to free */
	int start_type;
	bool defrag;
	bool claim;
	const char *desc;
};

static const struct defrag_claim_case defrag_claim_cases[] = {
	{ 2, 0, 0, MIGRATE_UNMOVABLE, false, false,
	  "UNMOVABLE, a quarter free, defrag_mode off -> single pages" },
	{ 2, 0, 0, MIGRATE_UNMOVABLE, true, true,
	  "UNMOVABLE, a quarter free, defrag_mode on -> claim" },
	{ 0, 0, 0, MIGRATE_RECLAIMABLE, true, true,
	  "RECLAIMABLE, nothing free, defrag_mode on -> claim" },
	{ 2, 0, 0, MIGRATE_MOVABLE, true, false,
	  "MOVABLE, a quarter free, defrag_mode on -> single pages" },
	{ 4, 0, 0, MIGRATE_MOVABLE, false, true,
	  "MOVABLE, half free -> claim" },
	{ 4, 0, -1, MIGRATE_UNMOVABLE, false, false,
	  "UNMOVABLE, one page short of half free, defrag_mode off -> single pages" },
	{ 2, 2, 0, MIGRATE_MOVABLE, false, true,
	  "MOVABLE, a quarter free and a quarter compatible -> claim" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_claim, defrag_claim_cases, desc);

static void defrag_test_claim(struct kunit *test)
{
	const struct defrag_claim_case *c = test->param_value;
	int eighth = pageblock_nr_pages / 8;

	if (page_group_by_mobility_disabled)
		kunit_skip(test, "mobility grouping is off: every fallback claims");
	KUNIT_EXPECT_EQ_MSG(test, should_claim_block(c->free_8ths * eighth + c->extra,
						     c->alike_8ths * eighth,
						     c->start_type, c->defrag),
			    c->claim, "%s", c->desc);
}

static struct kunit_case defrag_slowpath_cases[] = {
	KUNIT_CASE_PARAM(defrag_test_work_order, defrag_work_order_gen_params),
	KUNIT_CASE_PARAM(defrag_test_reclaim_order, defrag_reclaim_gen_params),
	KUNIT_CASE_PARAM(defrag_test_retry, defrag_retry_gen_params),
	KUNIT_CASE_PARAM(defrag_test_reclaim_needed, defrag_reclaim_needed_gen_params),
	KUNIT_CASE(defrag_test_fallback),
	KUNIT_CASE(defrag_test_no_fallback),
	KUNIT_CASE_PARAM(defrag_test_claim, defrag_claim_gen_params),
	{}
};

static struct kunit_suite defrag_slowpath_suite = {
	.name = "defrag_mode_slowpath",
	.test_cases = defrag_slowpath_cases,
};

kunit_test_suite(defrag_slowpath_suite);
