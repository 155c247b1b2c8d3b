/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for which requests may go to direct compaction without
 * direct reclaim under defrag_mode: promoted_may_skip_reclaim(), the half
 * of the decision that looks at the request only (the other half asks the
 * zones whether compaction has room, and is left to the storm tests).
 *
 * Included at the end of mm/page_alloc.c. The cases build an
 * alloc_context by hand and touch nothing else.
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

static struct kunit_case defrag_reclaim_cases[] = {
	KUNIT_CASE_PARAM(defrag_test_skip_reclaim, defrag_skip_gen_params),
	{}
};

static struct kunit_suite defrag_reclaim_suite = {
	.name = "defrag_mode_skip_reclaim",
	.test_cases = defrag_reclaim_cases,
};

kunit_test_suite(defrag_reclaim_suite);
