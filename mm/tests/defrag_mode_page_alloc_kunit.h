/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for the page allocator's side of defrag_mode's block
 * production: which pages compaction capture hands over, the order that
 * direct reclaim and direct compaction work at, the order kswapd is woken
 * with, the retry decisions for requests that wait for a block, and when a
 * fallback that mixes takes the whole block.
 *
 * Included at the end of mm/page_alloc.c, so the static functions can be
 * called as they are. The reclaim and compaction cases run the real slow
 * path functions and watch the orders they pass on through the
 * mm_vmscan_direct_reclaim_begin and mm_compaction_try_to_compact_pages
 * tracepoints.
 */

#include <kunit/test.h>
#include <trace/events/compaction.h>
#include <trace/events/vmscan.h>

static const char *dm_pa_mt(int mt)
{
	switch (mt) {
	case MIGRATE_UNMOVABLE: return "UNMOVABLE";
	case MIGRATE_MOVABLE: return "MOVABLE";
	case MIGRATE_RECLAIMABLE: return "RECLAIMABLE";
#ifdef CONFIG_CMA
	case MIGRATE_CMA: return "CMA";
#endif
	}
	return "?";
}

/*
 * compaction_capture(): a freed page is captured only at the order of the
 * allocation (not the order compaction works at), never from CMA or
 * isolated blocks, and a page below pageblock_order from a movable block
 * only for a movable allocation, so capture never pollutes a movable
 * block on a non-movable request's behalf.
 */
struct dm_capture_case {
	int capc_mt;
	unsigned int capc_order;	/* UINT_MAX stands for pageblock_order */
	int page_mt;
	unsigned int page_order;	/* UINT_MAX stands for pageblock_order */
	bool expect;
	const char *desc;
};

#define DM_PB UINT_MAX

static const struct dm_capture_case dm_capture_cases[] = {
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_UNMOVABLE, 0, true,
	  "UNMOVABLE order-0 alloc, UNMOVABLE order-0 page -> capture" },
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_MOVABLE, 0, false,
	  "UNMOVABLE order-0 alloc, MOVABLE order-0 page -> leave (pollution)" },
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_MOVABLE, DM_PB, false,
	  "UNMOVABLE order-0 alloc, MOVABLE pageblock page -> leave (wrong order)" },
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_UNMOVABLE, 1, false,
	  "UNMOVABLE order-0 alloc, UNMOVABLE order-1 page -> leave (wrong order)" },
	{ MIGRATE_RECLAIMABLE, 0, MIGRATE_UNMOVABLE, 0, true,
	  "RECLAIMABLE order-0 alloc, UNMOVABLE order-0 page -> capture" },
	{ MIGRATE_RECLAIMABLE, 3, MIGRATE_MOVABLE, 3, false,
	  "RECLAIMABLE order-3 alloc, MOVABLE order-3 page -> leave (pollution)" },
	{ MIGRATE_MOVABLE, 0, MIGRATE_MOVABLE, 0, true,
	  "MOVABLE order-0 alloc, MOVABLE order-0 page -> capture" },
	{ MIGRATE_MOVABLE, 2, MIGRATE_UNMOVABLE, 2, true,
	  "MOVABLE order-2 alloc, UNMOVABLE order-2 page -> capture" },
	{ MIGRATE_MOVABLE, 2, MIGRATE_MOVABLE, 3, false,
	  "MOVABLE order-2 alloc, MOVABLE order-3 page -> leave (wrong order)" },
	{ MIGRATE_UNMOVABLE, DM_PB, MIGRATE_MOVABLE, DM_PB, true,
	  "UNMOVABLE pageblock alloc, MOVABLE pageblock page -> capture (whole block)" },
#ifdef CONFIG_CMA
	{ MIGRATE_MOVABLE, 0, MIGRATE_CMA, 0, false,
	  "MOVABLE order-0 alloc, CMA order-0 page -> leave (CMA)" },
	{ MIGRATE_UNMOVABLE, DM_PB, MIGRATE_CMA, DM_PB, false,
	  "UNMOVABLE pageblock alloc, CMA pageblock page -> leave (CMA)" },
#endif
};

KUNIT_ARRAY_PARAM_DESC(dm_capture, dm_capture_cases, desc);

static void dm_test_capture(struct kunit *test)
{
	const struct dm_capture_case *c = test->param_value;
	unsigned int capc_order = c->capc_order == DM_PB ? pageblock_order : c->capc_order;
	unsigned int page_order = c->page_order == DM_PB ? pageblock_order : c->page_order;
	struct page *page = alloc_page(GFP_KERNEL);
	struct capture_control capc = {
		.zone = NULL,
		.migratetype = c->capc_mt,
		.order = capc_order,
		.page = NULL,
	};
	bool got;

	KUNIT_ASSERT_NOT_NULL(test, page);
	capc.zone = page_zone(page);
	/* compaction_capture() only records the pointer; the page stays ours */
	got = compaction_capture(&capc, page, page_order, c->page_mt);
	KUNIT_EXPECT_EQ_MSG(test, got, c->expect, "%s", c->desc);
	KUNIT_EXPECT_PTR_EQ(test, capc.page, c->expect ? page : NULL);
	__free_page(page);
}

/* Nothing is captured without a capture control, or for a kernel thread. */
static void dm_test_capture_none(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct capture_control capc = {
		.zone = NULL,
		.migratetype = MIGRATE_MOVABLE,
		.order = 0,
		.page = NULL,
	};

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_FALSE(test, compaction_capture(NULL, page, 0, MIGRATE_MOVABLE));

	/* KUnit runs cases in a kthread: kthreads (kcompactd) never capture */
	KUNIT_ASSERT_TRUE(test, current->flags & PF_KTHREAD);
	capc.zone = page_zone(page);
	WRITE_ONCE(current->capture_control, &capc);
	KUNIT_EXPECT_NULL(test, task_capc(page_zone(page)));
	WRITE_ONCE(current->capture_control, NULL);
	__free_page(page);
}

/*
 * The order direct reclaim and direct compaction work at: under
 * ALLOC_NOFRAGMENT, a non-movable request of any order works at
 * max(order, pageblock_order); every other request at its own order.
 * Direct compaction is not entered at order 0.
 */
static struct task_struct *dm_trace_task;
static int dm_traced_compact_order, dm_traced_reclaim_order;

static void dm_probe_compact(void *data, int order, gfp_t gfp_mask, int prio)
{
	if (current == READ_ONCE(dm_trace_task))
		WRITE_ONCE(dm_traced_compact_order, order);
}

static void dm_probe_reclaim(void *data, gfp_t gfp_flags, int order,
			     struct mem_cgroup *memcg)
{
	if (current == READ_ONCE(dm_trace_task))
		WRITE_ONCE(dm_traced_reclaim_order, order);
}

struct dm_promo_case {
	unsigned int order;	/* UINT_MAX stands for pageblock_order */
	bool nofragment;
	int mt;
	char desc[KUNIT_PARAM_DESC_SIZE];
};

static const unsigned int dm_promo_orders[] = { 0, 3, DM_PB };
static const int dm_promo_mts[] = { MIGRATE_MOVABLE, MIGRATE_UNMOVABLE, MIGRATE_RECLAIMABLE };
static struct dm_promo_case dm_promo_cases[ARRAY_SIZE(dm_promo_orders) * 2 *
					   ARRAY_SIZE(dm_promo_mts)];

static unsigned int dm_promo_expect(const struct dm_promo_case *c, unsigned int order)
{
	if (c->nofragment && c->mt != MIGRATE_MOVABLE)
		return max(order, pageblock_order);
	return order;
}

static const void *dm_promo_gen(struct kunit *test, const void *prev, char *desc)
{
	const struct dm_promo_case *p = prev;
	unsigned int i = p ? p - dm_promo_cases + 1 : 0;
	struct dm_promo_case *c;
	unsigned int order;

	if (i >= ARRAY_SIZE(dm_promo_cases))
		return NULL;
	c = &dm_promo_cases[i];
	c->order = dm_promo_orders[i % ARRAY_SIZE(dm_promo_orders)];
	c->nofragment = (i / ARRAY_SIZE(dm_promo_orders)) & 1;
	c->mt = dm_promo_mts[i / (2 * ARRAY_SIZE(dm_promo_orders))];
	order = c->order == DM_PB ? pageblock_order : c->order;
	snprintf(c->desc, sizeof(c->desc), "%s order %u%s -> works at order %u",
		 dm_pa_mt(c->mt), order, c->nofragment ? ", ALLOC_NOFRAGMENT" : "",
		 dm_promo_expect(c, order));
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
	return c;
}

static void dm_prepare_ac(struct alloc_context *ac, gfp_t gfp, int mt)
{
	memset(ac, 0, sizeof(*ac));
	ac->highest_zoneidx = gfp_zone(gfp);
	ac->zonelist = node_zonelist(numa_node_id(), gfp);
	ac->nodemask = NULL;
	ac->migratetype = mt;
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist,
						     ac->highest_zoneidx, NULL);
}

static void dm_test_promotion(struct kunit *test)
{
	const struct dm_promo_case *c = test->param_value;
	unsigned int order = c->order == DM_PB ? pageblock_order : c->order;
	unsigned int expect = dm_promo_expect(c, order);
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET |
				   (c->nofragment ? ALLOC_NOFRAGMENT : 0);
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	enum compact_result result = COMPACT_SKIPPED;
	unsigned long progress = 0;
	struct alloc_context ac;
	struct page *page;

	if (!IS_ENABLED(CONFIG_TRACEPOINTS))
		kunit_skip(test, "needs CONFIG_TRACEPOINTS to watch reclaim/compaction");
	dm_prepare_ac(&ac, gfp, c->mt);
	/* As the slow path does before each round */
	ac.reclaim_order = reclaim_compact_order(order, alloc_flags, c->mt);
	KUNIT_ASSERT_EQ(test, 0,
			register_trace_mm_compaction_try_to_compact_pages(dm_probe_compact,
									  NULL));
	KUNIT_ASSERT_EQ(test, 0,
			register_trace_mm_vmscan_direct_reclaim_begin(dm_probe_reclaim, NULL));
	WRITE_ONCE(dm_traced_compact_order, -1);
	WRITE_ONCE(dm_traced_reclaim_order, -1);
	WRITE_ONCE(dm_trace_task, current);

	/* The slow path helpers hand out frozen pages (refcount 0) */
	page = __alloc_pages_direct_compact(gfp, order, alloc_flags, &ac,
					    COMPACT_PRIO_ASYNC, &result);
	if (page)
		free_frozen_pages(page, order);
	page = __alloc_pages_direct_reclaim(gfp, order, alloc_flags, &ac, &progress);
	if (page)
		free_frozen_pages(page, order);

	WRITE_ONCE(dm_trace_task, NULL);
	unregister_trace_mm_vmscan_direct_reclaim_begin(dm_probe_reclaim, NULL);
	unregister_trace_mm_compaction_try_to_compact_pages(dm_probe_compact, NULL);
	tracepoint_synchronize_unregister();

	KUNIT_EXPECT_EQ_MSG(test, READ_ONCE(dm_traced_reclaim_order), (int)expect,
			    "direct reclaim order: %s", c->desc);
	/* Direct compaction is not entered at order 0 */
	KUNIT_EXPECT_EQ_MSG(test, READ_ONCE(dm_traced_compact_order),
			    expect ? (int)expect : -1,
			    "direct compaction order: %s", c->desc);
}

/*
 * kswapd is woken at pageblock order or above under defrag_mode, at the
 * request's order otherwise. wakeup_kswapd() records the order in
 * pgdat->kswapd_order before deciding whether kswapd needs to run, so the
 * case reads it there, and puts the old value back.
 */
static void dm_test_kswapd_order(struct kunit *test)
{
	static const unsigned int orders[] = { 0, 3, DM_PB };
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	int saved_mode = READ_ONCE(defrag_mode);
	struct alloc_context ac;
	pg_data_t *pgdat;
	unsigned int i;
	int mode;

	dm_prepare_ac(&ac, gfp, MIGRATE_UNMOVABLE);
	KUNIT_ASSERT_NOT_NULL(test, ac.preferred_zoneref->zone);
	pgdat = ac.preferred_zoneref->zone->zone_pgdat;

	for (mode = 0; mode <= 1; mode++) {
		for (i = 0; i < ARRAY_SIZE(orders); i++) {
			unsigned int order = orders[i] == DM_PB ? pageblock_order : orders[i];
			unsigned int expect = mode ? max(order, pageblock_order) : order;
			int saved_order = READ_ONCE(pgdat->kswapd_order);
			int got;

			WRITE_ONCE(defrag_mode, mode);
			WRITE_ONCE(pgdat->kswapd_order, 0);
			wake_all_kswapds(order, gfp, &ac);
			got = READ_ONCE(pgdat->kswapd_order);
			WRITE_ONCE(pgdat->kswapd_order, saved_order);
			WRITE_ONCE(defrag_mode, saved_mode);

			KUNIT_EXPECT_EQ_MSG(test, got, (int)expect,
					    "defrag_mode=%d, order %u: kswapd woken at order %d",
					    mode, order, got);
		}
	}
}

/*
 * The retry decisions after a round of reclaim and compaction are taken at
 * the order the round worked at. A promoted request (non-movable, under
 * ALLOC_NOFRAGMENT) is never sent back to reclaim by should_reclaim_retry():
 * the progress reclaim reports says nothing about a block. should_compact_retry()
 * gives it MAX_COMPACT_RETRIES further rounds in all, whatever compaction
 * did (a block taken by a race, a failure, a deferral, a skip that reclaim
 * can help), never raises compaction priority for it, and then lets it
 * fall back. Other requests are judged as before.
 */
enum dm_retry_fn { DM_RECLAIM_RETRY, DM_COMPACT_RETRY };

struct dm_retry_case {
	enum dm_retry_fn fn;
	unsigned int order;
	int mt;
	bool nofragment;
	enum compact_result result;	/* should_compact_retry() only */
	int retries;			/* compaction_retries / no_progress_loops in */
	bool expect;
	int expect_retries;		/* out */
	bool expect_prio_raised;	/* should_compact_retry() only */
	const char *desc;
};

#define DM_MAX MAX_COMPACT_RETRIES

static const struct dm_retry_case dm_retry_cases[] = {
	/* should_reclaim_retry(), reclaim reported progress */
	{ DM_RECLAIM_RETRY, 0, MIGRATE_UNMOVABLE, false, 0, 3, true, 0, false,
	  "reclaim: UNMOVABLE order 0 -> retry, loops reset" },
	{ DM_RECLAIM_RETRY, 0, MIGRATE_MOVABLE, true, 0, 3, true, 0, false,
	  "reclaim: MOVABLE order 0, NOFRAGMENT -> retry, loops reset" },
	{ DM_RECLAIM_RETRY, 0, MIGRATE_UNMOVABLE, true, 0, 3, false, 4, false,
	  "reclaim: promoted UNMOVABLE order 0 -> no reclaim retry" },
	{ DM_RECLAIM_RETRY, 3, MIGRATE_UNMOVABLE, true, 0, 0, false, 1, false,
	  "reclaim: promoted UNMOVABLE order 3 -> no reclaim retry" },
	{ DM_RECLAIM_RETRY, 3, MIGRATE_UNMOVABLE, false, 0, 3, true, 0, false,
	  "reclaim: UNMOVABLE order 3 -> retry, loops reset" },
	/* should_compact_retry() */
	{ DM_COMPACT_RETRY, 0, MIGRATE_UNMOVABLE, false, COMPACT_SUCCESS, 0, false, 0, false,
	  "compact: UNMOVABLE order 0 -> no compaction, no retry" },
	{ DM_COMPACT_RETRY, 0, MIGRATE_UNMOVABLE, true, COMPACT_SUCCESS, 0, true, 1, false,
	  "compact: promoted order 0, block taken by a race -> retry" },
	{ DM_COMPACT_RETRY, 3, MIGRATE_UNMOVABLE, true, COMPACT_SUCCESS,
	  DM_MAX - 1, true, DM_MAX, false,
	  "compact: promoted order 3, success, 15 retries -> 16th retry" },
	{ DM_COMPACT_RETRY, 3, MIGRATE_UNMOVABLE, true, COMPACT_SUCCESS,
	  DM_MAX, false, DM_MAX + 1, false,
	  "compact: promoted order 3, success, 16 retries -> fall back" },
	{ DM_COMPACT_RETRY, 3, MIGRATE_UNMOVABLE, false, COMPACT_SUCCESS, 4, true, 5, false,
	  "compact: UNMOVABLE order 3, success, 4 retries -> retry" },
	{ DM_COMPACT_RETRY, 0, MIGRATE_UNMOVABLE, true, COMPACT_COMPLETE, 0, true, 1, false,
	  "compact: promoted order 0, failed -> retry, priority kept" },
	{ DM_COMPACT_RETRY, 3, MIGRATE_UNMOVABLE, true, COMPACT_COMPLETE, 0, true, 1, false,
	  "compact: promoted order 3, failed -> retry, priority kept" },
	{ DM_COMPACT_RETRY, 0, MIGRATE_UNMOVABLE, true, COMPACT_DEFERRED,
	  DM_MAX, false, DM_MAX + 1, false,
	  "compact: promoted order 0, deferred, 16 retries -> fall back" },
	{ DM_COMPACT_RETRY, 3, MIGRATE_UNMOVABLE, false, COMPACT_COMPLETE, 2, true, 0, true,
	  "compact: UNMOVABLE order 3, failed -> retry at raised priority" },
	{ DM_COMPACT_RETRY, 0, MIGRATE_UNMOVABLE, true, COMPACT_SKIPPED, 0, true, 1, false,
	  "compact: promoted order 0, skipped, reclaim can help -> retry" },
	{ DM_COMPACT_RETRY, 3, MIGRATE_UNMOVABLE, true, COMPACT_SKIPPED,
	  DM_MAX, false, DM_MAX + 1, false,
	  "compact: promoted order 3, skipped, 16 retries -> fall back" },
	{ DM_COMPACT_RETRY, 3, MIGRATE_UNMOVABLE, false, COMPACT_SKIPPED, 4, true, 4, false,
	  "compact: UNMOVABLE order 3, skipped, reclaim can help -> retry" },
};

KUNIT_ARRAY_PARAM_DESC(dm_retry, dm_retry_cases, desc);

/*
 * Without CONFIG_ZONE_DMA32 (UML, for one) ALLOC_NOFRAGMENT is 0: no
 * request is ever promoted, and defrag_mode has nothing to drop.
 */
static void dm_need_nofragment(struct kunit *test)
{
	if (!ALLOC_NOFRAGMENT)
		kunit_skip(test, "ALLOC_NOFRAGMENT is 0 without CONFIG_ZONE_DMA32");
}

static void dm_test_retry(struct kunit *test)
{
	const struct dm_retry_case *c = test->param_value;
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET |
				   (c->nofragment ? ALLOC_NOFRAGMENT : 0);
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	enum compact_priority prio = DEF_COMPACT_PRIORITY;
	int retries = c->retries;
	struct alloc_context ac;
	bool got;

	if (c->nofragment)
		dm_need_nofragment(test);
	dm_prepare_ac(&ac, gfp, c->mt);
	ac.reclaim_order = reclaim_compact_order(c->order, alloc_flags, c->mt);

	/*
	 * A retry after COMPACT_SKIPPED needs a zone where reclaim would
	 * make compaction at the work order worth it: true on an idle test
	 * machine, checked rather than assumed.
	 */
	if (c->fn == DM_COMPACT_RETRY && c->result == COMPACT_SKIPPED &&
	    ac.reclaim_order &&
	    !compaction_zonelist_suitable(&ac, ac.reclaim_order, alloc_flags, gfp))
		kunit_skip(test, "no zone suitable for order-%u compaction here",
			   ac.reclaim_order);

	if (c->fn == DM_RECLAIM_RETRY) {
		/* Reclaim freed something; the zone's order-0 watermark is met */
		got = should_reclaim_retry(gfp, c->order, &ac, alloc_flags,
					   true, &retries);
	} else {
		got = should_compact_retry(gfp, &ac, c->order, alloc_flags,
					   c->result, &prio, &retries);
		KUNIT_EXPECT_EQ_MSG(test, prio, c->expect_prio_raised ?
				    DEF_COMPACT_PRIORITY - 1 : DEF_COMPACT_PRIORITY,
				    "priority: %s", c->desc);
	}
	KUNIT_EXPECT_EQ_MSG(test, got, c->expect, "%s", c->desc);
	KUNIT_EXPECT_EQ_MSG(test, retries, c->expect_retries, "counter: %s", c->desc);
}

/*
 * A promoted request enters direct reclaim only when no zone has the free
 * memory to compact a block (what compaction_ready() asks in vmscan). On
 * an idle test machine there is room. For the other side the case limits
 * the request to ZONE_DMA and, for the duration of the call, boosts that
 * zone's watermark above its size, so that no free memory is "room".
 */
static void dm_reclaim_needed_no_room(struct kunit *test, struct alloc_context *ac,
				      gfp_t gfp, unsigned int alloc_flags)
{
#ifdef CONFIG_ZONE_DMA
	struct zone *zone = &NODE_DATA(numa_node_id())->node_zones[ZONE_DMA];
	unsigned long flags, boost;
	bool got;

	if (!populated_zone(zone))
		kunit_skip(test, "no ZONE_DMA here for the no-room side");
	ac->highest_zoneidx = ZONE_DMA;
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ZONE_DMA, NULL);
	spin_lock_irqsave(&zone->lock, flags);
	boost = zone->watermark_boost;
	zone->watermark_boost = zone_managed_pages(zone);
	got = promoted_reclaim_needed(gfp, alloc_flags, ac);
	zone->watermark_boost = boost;
	spin_unlock_irqrestore(&zone->lock, flags);
	KUNIT_EXPECT_TRUE_MSG(test, got, "no room to compact a block -> direct reclaim");
#else
	kunit_skip(test, "no ZONE_DMA for the no-room side");
#endif
}

static void dm_test_reclaim_needed(struct kunit *test)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_NOFRAGMENT;
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	struct alloc_context ac;
	struct zoneref *z;
	struct zone *zone;
	bool room = false;

	dm_need_nofragment(test);
	dm_prepare_ac(&ac, gfp, MIGRATE_UNMOVABLE);
	ac.reclaim_order = reclaim_compact_order(0, alloc_flags, MIGRATE_UNMOVABLE);
	KUNIT_ASSERT_EQ(test, ac.reclaim_order, pageblock_order);
	for_each_zone_zonelist_nodemask(zone, z, ac.zonelist, ac.highest_zoneidx, NULL)
		room |= compaction_suitable(zone, pageblock_order, high_wmark_pages(zone),
					    ac.highest_zoneidx);
	if (!room)
		kunit_skip(test, "no zone with room to compact a block here");
	KUNIT_EXPECT_FALSE_MSG(test, promoted_reclaim_needed(gfp, alloc_flags, &ac),
			       "room to compact a block -> no direct reclaim");
	dm_reclaim_needed_no_room(test, &ac, gfp, alloc_flags);
}

/*
 * When a request that may not fall back gives up on ALLOC_NOFRAGMENT, its
 * retry counters and compaction priority start afresh for the fallback.
 * Without defrag_mode, or without the flag, nothing changes.
 */
static void dm_test_fallback(struct kunit *test)
{
	int saved_mode = READ_ONCE(defrag_mode);
	int mode, nofrag;

	dm_need_nofragment(test);
	for (mode = 0; mode <= 1; mode++) {
		for (nofrag = 0; nofrag <= 1; nofrag++) {
			unsigned int flags = ALLOC_WMARK_MIN | (nofrag ? ALLOC_NOFRAGMENT : 0);
			unsigned int before = flags;
			enum compact_priority prio = MIN_COMPACT_PRIORITY;
			int loops = MAX_RECLAIM_RETRIES + 1, retries = 5;
			bool expect = mode && nofrag, got;

			WRITE_ONCE(defrag_mode, mode);
			got = defrag_mode_fallback(&flags, &loops, &retries, &prio);
			WRITE_ONCE(defrag_mode, saved_mode);

			KUNIT_EXPECT_EQ_MSG(test, got, expect,
					    "defrag_mode=%d, NOFRAGMENT=%d", mode, nofrag);
			KUNIT_EXPECT_EQ(test, flags, expect ? before & ~ALLOC_NOFRAGMENT : before);
			KUNIT_EXPECT_EQ(test, loops, expect ? 0 : MAX_RECLAIM_RETRIES + 1);
			KUNIT_EXPECT_EQ(test, retries, expect ? 0 : 5);
			KUNIT_EXPECT_EQ(test, prio, expect ? DEF_COMPACT_PRIORITY :
					MIN_COMPACT_PRIORITY);
		}
	}
}

/*
 * A fallback that mixes claims the block it falls into when half of the
 * block is free or compatible. With defrag_mode a non-movable request
 * mixes only once reclaim and compaction failed, and then claims the block
 * whatever it holds; a movable one still takes single pages.
 */
static void dm_test_claim(struct kunit *test)
{
	static const int mts[] = { MIGRATE_UNMOVABLE, MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE };
	int saved_mode = READ_ONCE(defrag_mode);
	int mode, i, free;

	if (page_group_by_mobility_disabled)
		kunit_skip(test, "mobility grouping is off: every fallback claims");
	for (mode = 0; mode <= 1; mode++) {
		for (i = 0; i < ARRAY_SIZE(mts); i++) {
			for (free = 1; free <= 2; free++) {
				int free_pages = free * pageblock_nr_pages / 4;
				bool expect = free == 2 || (mode && mts[i] != MIGRATE_MOVABLE);
				bool got;

				WRITE_ONCE(defrag_mode, mode);
				got = should_claim_block(free_pages, 0, mts[i]);
				WRITE_ONCE(defrag_mode, saved_mode);
				KUNIT_EXPECT_EQ_MSG(test, got, expect,
						    "defrag_mode=%d, %s, %d of %lu pages free",
						    mode, dm_pa_mt(mts[i]), free_pages,
						    pageblock_nr_pages);
			}
		}
	}
	/* Compatible pages count like free ones */
	KUNIT_EXPECT_TRUE(test, should_claim_block(pageblock_nr_pages / 4,
						   pageblock_nr_pages / 4, MIGRATE_MOVABLE));
}

static struct kunit_case dm_page_alloc_cases[] = {
	KUNIT_CASE_PARAM(dm_test_capture, dm_capture_gen_params),
	KUNIT_CASE(dm_test_capture_none),
	KUNIT_CASE_PARAM(dm_test_promotion, dm_promo_gen),
	KUNIT_CASE(dm_test_kswapd_order),
	KUNIT_CASE_PARAM(dm_test_retry, dm_retry_gen_params),
	KUNIT_CASE(dm_test_reclaim_needed),
	KUNIT_CASE(dm_test_fallback),
	KUNIT_CASE(dm_test_claim),
	{}
};

static struct kunit_suite dm_page_alloc_suite = {
	.name = "defrag_mode_page_alloc",
	.test_cases = dm_page_alloc_cases,
};

kunit_test_suite(dm_page_alloc_suite);
