/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for the compaction gates that decide which pageblocks direct
 * compaction may evacuate: suitable_migration_source() and the gate in front
 * of fast_find_migrateblock()'s search for a movable block to clear.
 *
 * Included at the end of mm/compaction.c, so the static functions can be
 * called as they are. The block-type verdict is asked about block types
 * directly (__suitable_migration_source()), with no pageblock behind them; the
 * cases that need a page use pages allocated for the suite, without
 * reclaim or compaction, and only read their blocks' types. The search
 * gate runs against a zone of the case's own.
 */

#include <kunit/test.h>

static const char * const defrag_mt_name[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = "UNMOVABLE",
	[MIGRATE_MOVABLE] = "MOVABLE",
	[MIGRATE_RECLAIMABLE] = "RECLAIMABLE",
#ifdef CONFIG_CMA
	[MIGRATE_CMA] = "CMA",
#endif
};

static const char *defrag_mt(int mt)
{
	return mt < MIGRATE_TYPES && defrag_mt_name[mt] ? defrag_mt_name[mt] : "?";
}

/*
 * A compound page spanning a whole pageblock, whose skip bit is therefore
 * persistent, and an order-0 page of each of two types: taken from the
 * free lists as they are (no reclaim, no compaction, no kswapd wakeup),
 * movable where the type does not matter, so that no block changes type
 * for them; a case that needs one the allocator could not give skips.
 */
static struct page *defrag_thp, *defrag_pages[2];

static int defrag_compaction_suite_init(struct kunit_suite *suite)
{
	gfp_t nowait = __GFP_NOWARN | __GFP_NORETRY;

	defrag_thp = alloc_pages((GFP_HIGHUSER_MOVABLE & ~__GFP_RECLAIM) |
				 __GFP_COMP | nowait, pageblock_order);
	defrag_pages[0] = alloc_page((GFP_KERNEL & ~__GFP_RECLAIM) | nowait);
	defrag_pages[1] = alloc_page((GFP_HIGHUSER_MOVABLE & ~__GFP_RECLAIM) | nowait);
	return 0;
}

static void defrag_compaction_suite_exit(struct kunit_suite *suite)
{
	unsigned int i;

	if (defrag_thp)
		__free_pages(defrag_thp, pageblock_order);
	for (i = 0; i < ARRAY_SIZE(defrag_pages); i++) {
		if (defrag_pages[i])
			__free_page(defrag_pages[i]);
	}
}

/*
 * suitable_migration_source(): which pageblocks compaction may evacuate.
 *
 *  - background compaction (kcompactd, proactive) may take every block;
 *  - direct compaction never takes a CMA block without ALLOC_CMA;
 *  - sync direct compaction takes every other block;
 *  - async direct compaction takes movable (and CMA) blocks for movable
 *    requests and for requests of pageblock_order and above, and only
 *    blocks of the request's own type for smaller non-movable requests;
 *  - a block whose skip bit is persistent (a pageblock-sized compound
 *    page) is never taken (defrag_test_source_persistent_skip).
 *
 * The block-type rules are __suitable_migration_source()'s. Each row is one
 * request against one block type, with the verdict written out: every
 * branch of the rule has rows on both sides of it.
 */
struct defrag_source_case {
	bool direct, sync, alloc_cma;
	int req_mt;
	unsigned int order;	/* DEFRAG_SRC_PB stands for pageblock_order */
	int block_mt;
	bool scan;		/* the verdict: compaction may take the block */
	const char *desc;
};

#define DEFRAG_SRC_PB	UINT_MAX
#define UNMOV	MIGRATE_UNMOVABLE
#define MOV	MIGRATE_MOVABLE
#define RECL	MIGRATE_RECLAIMABLE

static const struct defrag_source_case defrag_source_cases[] = {
	/* background compaction: any block */
	{ false, false, false, UNMOV, 3, MOV, true,
	  "background async, UNMOVABLE request, order 3, MOVABLE block -> scan" },
	{ false, false, false, MOV, 3, UNMOV, true,
	  "background async, MOVABLE request, order 3, UNMOVABLE block -> scan" },
	{ false, true, false, MOV, 3, RECL, true,
	  "background sync, MOVABLE request, order 3, RECLAIMABLE block -> scan" },
	/* sync direct compaction: any block but CMA */
	{ true, true, false, UNMOV, 3, MOV, true,
	  "direct sync, UNMOVABLE request, order 3, MOVABLE block -> scan" },
	{ true, true, false, MOV, 3, UNMOV, true,
	  "direct sync, MOVABLE request, order 3, UNMOVABLE block -> scan" },
	{ true, true, false, RECL, 3, UNMOV, true,
	  "direct sync, RECLAIMABLE request, order 3, UNMOVABLE block -> scan" },
	/* async direct, movable request: movable blocks only */
	{ true, false, false, MOV, 3, MOV, true,
	  "direct async, MOVABLE request, order 3, MOVABLE block -> scan" },
	{ true, false, false, MOV, 3, UNMOV, false,
	  "direct async, MOVABLE request, order 3, UNMOVABLE block -> skip" },
	{ true, false, false, MOV, 3, RECL, false,
	  "direct async, MOVABLE request, order 3, RECLAIMABLE block -> skip" },
	{ true, false, false, MOV, DEFRAG_SRC_PB, UNMOV, false,
	  "direct async, MOVABLE request, pageblock order, UNMOVABLE block -> skip" },
	/* async direct, non-movable request for a whole block: movable blocks */
	{ true, false, false, UNMOV, DEFRAG_SRC_PB, MOV, true,
	  "direct async, UNMOVABLE request, pageblock order, MOVABLE block -> scan" },
	{ true, false, false, UNMOV, DEFRAG_SRC_PB, UNMOV, false,
	  "direct async, UNMOVABLE request, pageblock order, UNMOVABLE block -> skip" },
	{ true, false, false, UNMOV, DEFRAG_SRC_PB, RECL, false,
	  "direct async, UNMOVABLE request, pageblock order, RECLAIMABLE block -> skip" },
	{ true, false, false, RECL, DEFRAG_SRC_PB, MOV, true,
	  "direct async, RECLAIMABLE request, pageblock order, MOVABLE block -> scan" },
	{ true, false, false, RECL, DEFRAG_SRC_PB, RECL, false,
	  "direct async, RECLAIMABLE request, pageblock order, RECLAIMABLE block -> skip" },
	/* async direct, smaller non-movable request: its own type only */
	{ true, false, false, UNMOV, 3, UNMOV, true,
	  "direct async, UNMOVABLE request, order 3, UNMOVABLE block -> scan" },
	{ true, false, false, UNMOV, 3, MOV, false,
	  "direct async, UNMOVABLE request, order 3, MOVABLE block -> skip" },
	{ true, false, false, UNMOV, 3, RECL, false,
	  "direct async, UNMOVABLE request, order 3, RECLAIMABLE block -> skip" },
	{ true, false, false, RECL, 3, RECL, true,
	  "direct async, RECLAIMABLE request, order 3, RECLAIMABLE block -> scan" },
	{ true, false, false, RECL, 3, MOV, false,
	  "direct async, RECLAIMABLE request, order 3, MOVABLE block -> skip" },
	{ true, false, false, RECL, 3, UNMOV, false,
	  "direct async, RECLAIMABLE request, order 3, UNMOVABLE block -> skip" },
	/* ALLOC_CMA changes nothing outside CMA blocks */
	{ true, false, true, UNMOV, 3, MOV, false,
	  "direct async, UNMOVABLE request, order 3, ALLOC_CMA, MOVABLE block -> skip" },
#ifdef CONFIG_CMA
	/* CMA blocks: background always, direct only with ALLOC_CMA */
	{ false, false, false, UNMOV, 3, MIGRATE_CMA, true,
	  "background async, UNMOVABLE request, order 3, CMA block -> scan" },
	{ true, true, false, MOV, 3, MIGRATE_CMA, false,
	  "direct sync, MOVABLE request, order 3, CMA block -> skip" },
	{ true, true, true, MOV, 3, MIGRATE_CMA, true,
	  "direct sync, MOVABLE request, order 3, ALLOC_CMA, CMA block -> scan" },
	{ true, false, false, MOV, 3, MIGRATE_CMA, false,
	  "direct async, MOVABLE request, order 3, CMA block -> skip" },
	{ true, false, true, MOV, 3, MIGRATE_CMA, true,
	  "direct async, MOVABLE request, order 3, ALLOC_CMA, CMA block -> scan" },
	{ true, false, false, UNMOV, DEFRAG_SRC_PB, MIGRATE_CMA, false,
	  "direct async, UNMOVABLE request, pageblock order, CMA block -> skip" },
	{ true, false, true, UNMOV, DEFRAG_SRC_PB, MIGRATE_CMA, true,
	  "direct async, UNMOVABLE request, pageblock order, ALLOC_CMA, CMA block -> scan" },
	{ true, false, true, UNMOV, 3, MIGRATE_CMA, false,
	  "direct async, UNMOVABLE request, order 3, ALLOC_CMA, CMA block -> skip" },
#endif
};

#undef UNMOV
#undef MOV
#undef RECL

KUNIT_ARRAY_PARAM_DESC(defrag_source, defrag_source_cases, desc);

static void defrag_test_source(struct kunit *test)
{
	const struct defrag_source_case *c = test->param_value;
	struct compact_control cc = {
		.direct_compaction = c->direct,
		.mode = c->sync ? MIGRATE_SYNC_LIGHT : MIGRATE_ASYNC,
		.migratetype = c->req_mt,
		.order = c->order == DEFRAG_SRC_PB ? pageblock_order : c->order,
		.alloc_flags = c->alloc_cma ? ALLOC_CMA : 0,
	};

	KUNIT_EXPECT_EQ_MSG(test, __suitable_migration_source(&cc, c->block_mt), c->scan,
			    "%s", c->desc);
}

/*
 * suitable_migration_source() asks the verdict about the page's own
 * block: a request the verdict treats differently for the block's type
 * and for another type gets the block's answer. Two pages, normally in
 * blocks of two types, so that no fixed type passes for both.
 */
static void defrag_test_source_block_type(struct kunit *test)
{
	struct compact_control cc = {
		.direct_compaction = true,
		.mode = MIGRATE_ASYNC,
		.order = 3,
	};
	unsigned int i, tested = 0;
	int block_mt;

	for (i = 0; i < ARRAY_SIZE(defrag_pages); i++) {
		struct page *page = defrag_pages[i];

		if (!page)
			continue;
		block_mt = get_pageblock_migratetype(page);
		if (is_migrate_cma(block_mt) || block_mt >= MIGRATE_PCPTYPES)
			continue;
		/* async, below pageblock order: only the request's own type */
		cc.migratetype = block_mt == MIGRATE_UNMOVABLE ?
				 MIGRATE_RECLAIMABLE : MIGRATE_UNMOVABLE;
		KUNIT_EXPECT_FALSE_MSG(test, suitable_migration_source(&cc, page),
				       "%s request took a %s block",
				       defrag_mt(cc.migratetype), defrag_mt(block_mt));
		cc.migratetype = block_mt;
		KUNIT_EXPECT_TRUE_MSG(test, suitable_migration_source(&cc, page),
				      "%s request refused its own type's block",
				      defrag_mt(block_mt));
		tested++;
	}
	if (!tested)
		kunit_skip(test, "no free page in a block of a main type");
}

/* A persistent skip bit wins over every request. */
static void defrag_test_source_persistent_skip(struct kunit *test)
{
	static const bool directs[] = { false, true };
	unsigned int i;

	if (!defrag_thp)
		kunit_skip(test, "no pageblock-sized compound page could be allocated");
	KUNIT_ASSERT_TRUE(test, pageblock_skip_persistent(defrag_thp));
	for (i = 0; i < ARRAY_SIZE(directs); i++) {
		struct compact_control cc = {
			.direct_compaction = directs[i],
			.mode = MIGRATE_SYNC_LIGHT,
			.migratetype = MIGRATE_MOVABLE,
			.order = pageblock_order,
			.alloc_flags = ALLOC_CMA,
		};

		KUNIT_EXPECT_FALSE_MSG(test, suitable_migration_source(&cc, defrag_thp),
				       "%s compaction took a block with a persistent skip bit",
				       directs[i] ? "direct" : "background");
	}
}

/*
 * fast_find_migrateblock(): which requests may use the fast search for a
 * movable block to clear out. Kcompactd, movable requests and requests of
 * a whole pageblock may; smaller unmovable/reclaimable direct requests may
 * not (they would free movable space they can only use by polluting it);
 * nobody may for orders up to PAGE_ALLOC_COSTLY_ORDER.
 *
 * The search runs in a zone with no free page, so a request that got past
 * the gate is told by the failed search it counted in cc->fast_search_fail.
 */
struct defrag_fast_case {
	bool direct;
	int req_mt;
	unsigned int order;	/* 0 stands for pageblock_order */
	bool expect;
	const char *desc;
};

static const struct defrag_fast_case defrag_fast_cases[] = {
	{ false, MIGRATE_UNMOVABLE, 4, true, "kcompactd, UNMOVABLE, order 4 -> search" },
	{ true, MIGRATE_MOVABLE, 4, true, "direct, MOVABLE, order 4 -> search" },
	{ true, MIGRATE_UNMOVABLE, 4, false, "direct, UNMOVABLE, order 4 -> no search" },
	{ true, MIGRATE_RECLAIMABLE, 4, false, "direct, RECLAIMABLE, order 4 -> no search" },
	{ true, MIGRATE_MOVABLE, 0, true, "direct, MOVABLE, pageblock order -> search" },
	{ true, MIGRATE_UNMOVABLE, 0, true, "direct, UNMOVABLE, pageblock order -> search" },
	{ true, MIGRATE_RECLAIMABLE, 0, true, "direct, RECLAIMABLE, pageblock order -> search" },
	{ true, MIGRATE_MOVABLE, PAGE_ALLOC_COSTLY_ORDER, false,
	  "direct, MOVABLE, costly order -> no search" },
};

KUNIT_ARRAY_PARAM_DESC(defrag_fast, defrag_fast_cases, desc);

static void defrag_test_fast_find_gate(struct kunit *test)
{
	const struct defrag_fast_case *c = test->param_value;
	struct zone *zone = kunit_kzalloc(test, sizeof(*zone), GFP_KERNEL);
	struct compact_control cc = {
		.direct_compaction = c->direct,
		.migratetype = c->req_mt,
		.order = c->order ? c->order : pageblock_order,
		.mode = MIGRATE_ASYNC,
	};
	unsigned long pfn;

	/*
	 * A zone of the case's own, with no free page: a request that gets
	 * past the gate searches its empty free lists, finds nothing and
	 * counts that in cc.fast_search_fail. No real zone is looked at.
	 */
	KUNIT_ASSERT_NOT_NULL(test, zone);
	spin_lock_init(&zone->lock);
	zone->zone_start_pfn = 64 * pageblock_nr_pages;
	zone->spanned_pages = 64 * pageblock_nr_pages;
	cc.zone = zone;
	cc.migrate_pfn = zone->zone_start_pfn;
	cc.free_pfn = zone_end_pfn(zone) - pageblock_nr_pages;

	pfn = fast_find_migrateblock(&cc);
	KUNIT_EXPECT_EQ(test, pfn, zone->zone_start_pfn);
	KUNIT_EXPECT_EQ_MSG(test, cc.fast_search_fail, c->expect ? 1 : 0, "%s", c->desc);
}

static struct kunit_case defrag_compaction_cases[] = {
	KUNIT_CASE_PARAM(defrag_test_source, defrag_source_gen_params),
	KUNIT_CASE(defrag_test_source_block_type),
	KUNIT_CASE(defrag_test_source_persistent_skip),
	KUNIT_CASE_PARAM(defrag_test_fast_find_gate, defrag_fast_gen_params),
	{}
};

static struct kunit_suite defrag_compaction_suite = {
	.name = "defrag_mode_compaction",
	.suite_init = defrag_compaction_suite_init,
	.suite_exit = defrag_compaction_suite_exit,
	.test_cases = defrag_compaction_cases,
};

kunit_test_suite(defrag_compaction_suite);
