/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for the page allocator's side of defrag_mode's block
 * production on a tree that carries it: which freed pages compaction
 * capture hands to the allocating task, and the orders direct compaction
 * and capture work at for a request.
 *
 * Included at the end of mm/page_alloc.c, so the static functions can be
 * called as they are. No case reclaims, compacts, or changes a tunable or
 * a /proc/vmstat counter: capture is asked about pages the case owns, and
 * direct compaction is entered with try_to_compact_pages() replaced, for
 * the case's task only, by a KUnit static stub that records what it was
 * asked and compacts nothing, and with a zonelist that holds no zone. On
 * its way it does pass through the case task's psi and delay accounting
 * and the fs_reclaim lockdep annotation. Where the page's
 * type differs from the request's, a captured page is reported to the
 * mm_page_alloc_extfrag tracepoint as a fallback, as real capture does.
 */

#include <kunit/static_stub.h>
#include <kunit/test.h>

static const char *defrag_mt_name(int mt)
{
	switch (mt) {
	case MIGRATE_UNMOVABLE: return "UNMOVABLE";
	case MIGRATE_MOVABLE: return "MOVABLE";
	case MIGRATE_RECLAIMABLE: return "RECLAIMABLE";
#ifdef CONFIG_CMA
	case MIGRATE_CMA: return "CMA";
#endif
#ifdef CONFIG_MEMORY_ISOLATION
	case MIGRATE_ISOLATE: return "ISOLATE";
#endif
	}
	return "?";
}

/*
 * The alloc_context field with the order of the round's reclaim and
 * compaction. The June series on 7.2, which shares these cases, calls it
 * reclaim_order and defines this before including the file.
 */
#ifndef DEFRAG_AC_WORK_ORDER
#define DEFRAG_AC_WORK_ORDER reclaim_compact_order
#endif

/* Stands for pageblock_order in the tables (not a constant everywhere) */
#define DEFRAG_PB	UINT_MAX

static unsigned int defrag_order(unsigned int order)
{
	return order == DEFRAG_PB ? pageblock_order : order;
}

/*
 * compaction_capture(): the verdict for a page freed while a task
 * compacts for an allocation of capc_order and capc_mt. A page is taken
 * only at the order of the allocation, never from a CMA or isolated
 * block, and a movable page below pageblock order only for a movable
 * allocation: capture must not put a non-movable allocation into a
 * movable block behind the fallback rules' back.
 */
struct defrag_capture_case {
	int capc_mt;
	unsigned int capc_order;
	int page_mt;
	unsigned int page_order;
	bool captured;
	const char *desc;
};

static const struct defrag_capture_case defrag_capture_cases[] = {
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_UNMOVABLE, 0, true,
	  "UNMOVABLE order-0 request, UNMOVABLE order-0 page: taken" },
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_MOVABLE, 0, false,
	  "UNMOVABLE order-0 request, MOVABLE order-0 page: left" },
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_UNMOVABLE, DEFRAG_PB, false,
	  "UNMOVABLE order-0 request, UNMOVABLE pageblock page: left (order)" },
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_MOVABLE, DEFRAG_PB, false,
	  "UNMOVABLE order-0 request, MOVABLE pageblock page: left (order)" },
	{ MIGRATE_UNMOVABLE, 0, MIGRATE_UNMOVABLE, 1, false,
	  "UNMOVABLE order-0 request, UNMOVABLE order-1 page: left (order)" },
	{ MIGRATE_UNMOVABLE, 2, MIGRATE_RECLAIMABLE, 2, true,
	  "UNMOVABLE order-2 request, RECLAIMABLE order-2 page: taken" },
	{ MIGRATE_RECLAIMABLE, 0, MIGRATE_UNMOVABLE, 0, true,
	  "RECLAIMABLE order-0 request, UNMOVABLE order-0 page: taken" },
	{ MIGRATE_RECLAIMABLE, 3, MIGRATE_MOVABLE, 3, false,
	  "RECLAIMABLE order-3 request, MOVABLE order-3 page: left" },
	{ MIGRATE_UNMOVABLE, DEFRAG_PB, MIGRATE_MOVABLE, DEFRAG_PB, true,
	  "UNMOVABLE pageblock request, MOVABLE pageblock page: taken (whole block)" },
	{ MIGRATE_MOVABLE, 0, MIGRATE_MOVABLE, 0, true,
	  "MOVABLE order-0 request, MOVABLE order-0 page: taken" },
	{ MIGRATE_MOVABLE, 2, MIGRATE_UNMOVABLE, 2, true,
	  "MOVABLE order-2 request, UNMOVABLE order-2 page: taken" },
	{ MIGRATE_MOVABLE, 2, MIGRATE_MOVABLE, 3, false,
	  "MOVABLE order-2 request, MOVABLE order-3 page: left (order)" },
#ifdef CONFIG_MEMORY_ISOLATION
	{ MIGRATE_MOVABLE, 0, MIGRATE_ISOLATE, 0, false,
	  "MOVABLE order-0 request, ISOLATE order-0 page: left (isolated)" },
#endif
#ifdef CONFIG_CMA
	{ MIGRATE_MOVABLE, 0, MIGRATE_CMA, 0, false,
	  "MOVABLE order-0 request, CMA order-0 page: left (CMA)" },
	{ MIGRATE_UNMOVABLE, DEFRAG_PB, MIGRATE_CMA, DEFRAG_PB, false,
	  "UNMOVABLE pageblock request, CMA pageblock page: left (CMA)" },
#endif
};

KUNIT_ARRAY_PARAM_DESC(defrag_capture, defrag_capture_cases, desc);

static void defrag_test_capture_rule(struct kunit *test)
{
	const struct defrag_capture_case *c = test->param_value;
	struct page *page = alloc_page(GFP_KERNEL);
	struct capture_control capc = {
		.migratetype = c->capc_mt,
		.order = defrag_order(c->capc_order),
	};

	KUNIT_ASSERT_NOT_NULL(test, page);
	capc.zone = page_zone(page);
	/* compaction_capture() only records the pointer: the page stays ours */
	KUNIT_EXPECT_EQ_MSG(test, compaction_capture(&capc, page,
						     defrag_order(c->page_order),
						     c->page_mt),
			    c->captured, "%s", c->desc);
	KUNIT_EXPECT_PTR_EQ(test, capc.page, c->captured ? page : NULL);
	__free_page(page);
}

/*
 * Nothing is captured without a capture control, nor by a kernel thread
 * (kcompactd compacts for nobody): task_capc() hides the control then.
 */
static void defrag_test_capture_none(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct capture_control capc = { .migratetype = MIGRATE_MOVABLE };

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_FALSE(test, compaction_capture(NULL, page, 0, MIGRATE_MOVABLE));

	/* KUnit runs each case in a kthread of its own */
	KUNIT_ASSERT_TRUE(test, current->flags & PF_KTHREAD);
	capc.zone = page_zone(page);
	WRITE_ONCE(current->capture_control, &capc);
	KUNIT_EXPECT_NULL(test, task_capc(page_zone(page)));
	WRITE_ONCE(current->capture_control, NULL);
	__free_page(page);
}

/*
 * __alloc_pages_direct_compact(): compaction runs at the order the slow
 * path chose for reclaim and compaction (ac->reclaim_compact_order,
 * pageblock order for a promoted request), while capture waits for a page
 * of the order and type the caller allocates. A capture control set up at
 * the compaction order would hand an order-0 request a whole pageblock
 * and lose the rest of it. Compaction is not entered for order 0.
 */
struct defrag_compact_case {
	int mt;
	unsigned int order;		/* of the allocation */
	unsigned int compact_order;	/* ac->reclaim_compact_order */
	bool entered;
	const char *desc;
};

static const struct defrag_compact_case defrag_compact_cases[] = {
	{ MIGRATE_UNMOVABLE, 0, DEFRAG_PB, true,
	  "UNMOVABLE order 0 promoted: compacts at pageblock order, captures order 0" },
	{ MIGRATE_RECLAIMABLE, 2, DEFRAG_PB, true,
	  "RECLAIMABLE order 2 promoted: compacts at pageblock order, captures order 2" },
	{ MIGRATE_UNMOVABLE, 3, 3, true,
	  "UNMOVABLE order 3 not promoted: compacts and captures at order 3" },
	{ MIGRATE_MOVABLE, DEFRAG_PB, DEFRAG_PB, true,
	  "MOVABLE pageblock order: compacts and captures at pageblock order" },
	{ MIGRATE_MOVABLE, 0, 0, false,
	  "MOVABLE order 0: no compaction" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_compact, defrag_compact_cases, desc);

/*
 * A zonelist with no zone (its first zoneref is the terminator). Static:
 * with MAX_NUMNODES in the thousands it is tens of KiB, too big to
 * allocate for each case.
 */
static struct zonelist defrag_empty_zonelist;

struct defrag_compact_seen {
	int calls;
	int order;			/* passed to try_to_compact_pages() */
	int capc_order, capc_mt;	/* of the capture control passed */
	bool published;			/* and it was current->capture_control */
};

/* Stands in for try_to_compact_pages(): records, compacts nothing. */
static enum compact_result
defrag_fake_compact(gfp_t gfp_mask, unsigned int order, unsigned int alloc_flags,
		    const struct alloc_context *ac, enum compact_priority prio,
		    struct capture_control *capc)
{
	struct defrag_compact_seen *seen = kunit_get_current_test()->priv;

	seen->calls++;
	seen->order = order;
	seen->capc_order = capc ? capc->order : -1;
	seen->capc_mt = capc ? capc->migratetype : -1;
	seen->published = capc && READ_ONCE(current->capture_control) == capc;
	return COMPACT_SKIPPED;
}

static void defrag_test_compact_orders(struct kunit *test)
{
	const struct defrag_compact_case *c = test->param_value;
	struct defrag_compact_seen seen = { };
	unsigned int order = defrag_order(c->order);
	enum compact_result result = COMPACT_NOT_SUITABLE_ZONE;
	struct alloc_context ac = {
		.migratetype = c->mt,
		.highest_zoneidx = ZONE_NORMAL,
		.DEFRAG_AC_WORK_ORDER = defrag_order(c->compact_order),
	};
	struct page *page;

	/*
	 * Compaction is the stub's. Should it ever report progress, the
	 * freelist attempt that follows finds no zone to take a page from.
	 */
	ac.zonelist = &defrag_empty_zonelist;
	ac.preferred_zoneref = defrag_empty_zonelist._zonerefs;

	test->priv = &seen;
	kunit_activate_static_stub(test, try_to_compact_pages, defrag_fake_compact);
	page = __alloc_pages_direct_compact(GFP_KERNEL, order,
					    ALLOC_WMARK_MIN | ALLOC_NOFRAGMENT,
					    &ac, COMPACT_PRIO_ASYNC, &result);
	kunit_deactivate_static_stub(test, try_to_compact_pages);
	test->priv = NULL;

	KUNIT_EXPECT_NULL(test, page);
	KUNIT_EXPECT_NULL(test, READ_ONCE(current->capture_control));
	KUNIT_EXPECT_EQ_MSG(test, seen.calls, c->entered ? 1 : 0, "%s", c->desc);
	if (!c->entered) {
		/* the result is not even written then */
		KUNIT_EXPECT_EQ(test, result, COMPACT_NOT_SUITABLE_ZONE);
		return;
	}
	KUNIT_EXPECT_EQ(test, result, COMPACT_SKIPPED);
	KUNIT_EXPECT_EQ_MSG(test, seen.order, (int)defrag_order(c->compact_order),
			    "%s", c->desc);
	KUNIT_EXPECT_EQ_MSG(test, seen.capc_order, (int)order, "%s", c->desc);
	KUNIT_EXPECT_EQ_MSG(test, seen.capc_mt, c->mt, "%s: capture for %s",
			    c->desc, defrag_mt_name(seen.capc_mt));
	KUNIT_EXPECT_TRUE_MSG(test, seen.published,
			      "%s: compaction ran without the capture control in current",
			      c->desc);
}

static struct kunit_case defrag_alloc_cases[] = {
	KUNIT_CASE_PARAM(defrag_test_capture_rule, defrag_capture_gen_params),
	KUNIT_CASE(defrag_test_capture_none),
	KUNIT_CASE_PARAM(defrag_test_compact_orders, defrag_compact_gen_params),
	{}
};

static struct kunit_suite defrag_alloc_suite = {
	.name = "defrag_mode_page_alloc",
	.test_cases = defrag_alloc_cases,
};

kunit_test_suite(defrag_alloc_suite);
