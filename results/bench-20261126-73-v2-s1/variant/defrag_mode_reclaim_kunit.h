/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for which requests may go to direct compaction without
 * direct reclaim under defrag_mode: promoted_may_skip_reclaim(), the half
 * of the decision that looks at the request, and compaction_would_defer(),
 * the test that keeps a skipped round from being one in which compaction
 * is deferred too. (Whether the zones have room is compaction_ready()'s
 * test, unchanged, and is left to the storm tests.)
 *
 * Included at the end of mm/page_alloc.c. The cases build an
 * alloc_context or a struct zone of their own and touch nothing else.
 */

#include <kunit/test.h>

struct defrag_skip_case {
	gfp_t gfp;
	unsigned int order;		/* of the allocation */
	unsigned int compact_order;	/* ac->reclaim_compact_order */
	bool skip;
	const char *desc;
};

/* pageblock_order is not a constant everywhere: UINT_MAX stands for it */
#define DEFRAG_SKIP_PB	UINT_MAX

static const struct defrag_skip_case defrag_skip_cases[] = {
	{ GFP_KERNEL, 0, DEFRAG_SKIP_PB, true,
	  "GFP_KERNEL order 0 promoted: may skip reclaim" },
	{ GFP_KERNEL, 3, DEFRAG_SKIP_PB, true,
	  "GFP_KERNEL order 3 promoted: may skip reclaim" },
	{ GFP_KERNEL, 4, DEFRAG_SKIP_PB, false,
	  "GFP_KERNEL order 4 promoted: reclaims (costly, one round only)" },
	{ GFP_KERNEL | __GFP_RETRY_MAYFAIL, 4, DEFRAG_SKIP_PB, true,
	  "GFP_KERNEL|__GFP_RETRY_MAYFAIL order 4 promoted: may skip reclaim" },
	{ GFP_KERNEL | __GFP_NORETRY, 0, DEFRAG_SKIP_PB, false,
	  "GFP_KERNEL|__GFP_NORETRY order 0 promoted: reclaims (one round only)" },
	{ GFP_KERNEL, 0, 3, false,
	  "GFP_KERNEL order 0 promoted to order 3: reclaims (no back-off there)" },
	{ GFP_NOFS, 0, DEFRAG_SKIP_PB, true,
	  "GFP_NOFS order 0 promoted: may skip reclaim (it may compact)" },
	{ GFP_NOIO, 0, DEFRAG_SKIP_PB, false,
	  "GFP_NOIO order 0 promoted: reclaims (it may not compact)" },
	{ GFP_KERNEL, 0, 0, false,
	  "GFP_KERNEL order 0 not promoted: reclaims" },
	{ GFP_KERNEL, 3, 3, false,
	  "GFP_KERNEL order 3 not promoted: reclaims" },
	{ GFP_KERNEL, DEFRAG_SKIP_PB, DEFRAG_SKIP_PB, false,
	  "GFP_KERNEL pageblock order: not promoted, reclaims" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_skip, defrag_skip_cases, desc);

static void defrag_test_skip_reclaim(struct kunit *test)
{
	const struct defrag_skip_case *c = test->param_value;
	unsigned int order = c->order == DEFRAG_SKIP_PB ? pageblock_order : c->order;
	struct alloc_context ac = {
		.migratetype = MIGRATE_UNMOVABLE,
		.reclaim_compact_order = c->compact_order == DEFRAG_SKIP_PB ?
					 pageblock_order : c->compact_order,
	};

	KUNIT_EXPECT_EQ_MSG(test, promoted_may_skip_reclaim(c->gfp, order, &ac),
			    c->skip, "%s", c->desc);
}

/*
 * compaction_would_defer(): compaction at an order at or above the one that
 * last failed is deferred until it has been considered
 * 1 << compact_defer_shift times; the peek must not count.
 */
struct defrag_defer_case {
	unsigned int order, order_failed, defer_shift, considered;
	bool deferred;
	const char *desc;
};

static const struct defrag_defer_case defrag_defer_cases[] = {
	{ 9, 10, 6, 0, false, "order 9 below the failed order 10: not deferred" },
	{ 9, 9, 0, 0, false, "order 9, shift 0, considered 0: not deferred" },
	{ 9, 9, 1, 0, true, "order 9, shift 1, considered 0: deferred" },
	{ 9, 9, 1, 1, false, "order 9, shift 1, considered 1: not deferred" },
	{ 9, 5, 6, 62, true, "order 9, failed at 5, shift 6, considered 62: deferred" },
	{ 9, 5, 6, 63, false, "order 9, failed at 5, shift 6, considered 63: not deferred" },
	{ 9, 5, 6, 64, false, "order 9, failed at 5, shift 6, considered 64: not deferred" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_defer, defrag_defer_cases, desc);

static void defrag_test_would_defer(struct kunit *test)
{
	const struct defrag_defer_case *c = test->param_value;
	struct zone *zone = kunit_kzalloc(test, sizeof(*zone), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, zone);
	zone->compact_order_failed = c->order_failed;
	zone->compact_defer_shift = c->defer_shift;
	zone->compact_considered = c->considered;
	KUNIT_EXPECT_EQ_MSG(test, compaction_would_defer(zone, c->order),
			    c->deferred, "%s", c->desc);
	KUNIT_EXPECT_EQ(test, zone->compact_considered, c->considered);
}

static struct kunit_case defrag_reclaim_cases[] = {
	KUNIT_CASE_PARAM(defrag_test_skip_reclaim, defrag_skip_gen_params),
	KUNIT_CASE_PARAM(defrag_test_would_defer, defrag_defer_gen_params),
	{}
};

static struct kunit_suite defrag_reclaim_suite = {
	.name = "defrag_mode_skip_reclaim",
	.test_cases = defrag_reclaim_cases,
};

kunit_test_suite(defrag_reclaim_suite);
