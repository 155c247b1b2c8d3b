/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for the page allocator's side of defrag_mode's block
 * production: which pages compaction capture hands over, the order that
 * direct reclaim and direct compaction work at, and the order kswapd is
 * woken with.
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

static struct kunit_case dm_page_alloc_cases[] = {
	KUNIT_CASE_PARAM(dm_test_capture, dm_capture_gen_params),
	KUNIT_CASE(dm_test_capture_none),
	KUNIT_CASE_PARAM(dm_test_promotion, dm_promo_gen),
	KUNIT_CASE(dm_test_kswapd_order),
	{}
};

static struct kunit_suite dm_page_alloc_suite = {
	.name = "defrag_mode_page_alloc",
	.test_cases = dm_page_alloc_cases,
};

kunit_test_suite(dm_page_alloc_suite);
