/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for the compaction gates that decide which pageblocks direct
 * compaction may evacuate: suitable_migration_source() and the gate in front
 * of fast_find_migrateblock()'s search for a movable block to clear.
 *
 * Included at the end of mm/compaction.c, so the static functions can be
 * called as they are. The pageblocks are real: one of each migratetype is
 * looked up in the running system, and only read.
 */

#include <kunit/test.h>

/* A compound page spanning a whole pageblock: its skip bit is persistent. */
static struct page *dm_thp;
/* Blocks allocated when the system had none of a type yet (early boot) */
static struct page *dm_made[MIGRATE_TYPES];

static const char * const dm_mt_name[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = "UNMOVABLE",
	[MIGRATE_MOVABLE] = "MOVABLE",
	[MIGRATE_RECLAIMABLE] = "RECLAIMABLE",
#ifdef CONFIG_CMA
	[MIGRATE_CMA] = "CMA",
#endif
};

static const char *dm_mt(int mt)
{
	return mt < MIGRATE_TYPES && dm_mt_name[mt] ? dm_mt_name[mt] : "?";
}

/*
 * The first page of a pageblock of type @mt. Looked up for every case, as
 * the allocator may convert blocks between the cases.
 */
static struct page *dm_find_block(int mt)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long pfn = ALIGN(zone->zone_start_pfn, pageblock_nr_pages);

		for (; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages) {
			struct page *page = pfn_to_online_page(pfn);

			if (!page || page_zone(page) != zone || PageCompound(page))
				continue;
			if (get_pageblock_migratetype(page) == mt)
				return page;
		}
	}
	return NULL;
}

static int dm_compaction_suite_init(struct kunit_suite *suite)
{
	static const struct { int mt; gfp_t gfp; } make[] = {
		{ MIGRATE_UNMOVABLE, GFP_KERNEL },
		{ MIGRATE_RECLAIMABLE, GFP_KERNEL | __GFP_RECLAIMABLE },
	};
	unsigned int i;

	/*
	 * Early in boot there may be no reclaimable block yet. Allocating a
	 * whole pageblock of that type makes the allocator claim one; it is
	 * held until the suite ends. No reclaim or compaction, and no kswapd
	 * wakeup, for these: a case that lacks its block skips.
	 */
	for (i = 0; i < ARRAY_SIZE(make); i++) {
		if (!dm_find_block(make[i].mt))
			dm_made[make[i].mt] = alloc_pages((make[i].gfp & ~__GFP_RECLAIM) |
							  __GFP_NOWARN,
							  pageblock_order);
	}
	dm_thp = alloc_pages((GFP_KERNEL & ~__GFP_RECLAIM) | __GFP_COMP | __GFP_NOWARN,
			     pageblock_order);
	return 0;
}

static void dm_compaction_suite_exit(struct kunit_suite *suite)
{
	unsigned int i;

	if (dm_thp)
		__free_pages(dm_thp, pageblock_order);
	for (i = 0; i < MIGRATE_TYPES; i++) {
		if (dm_made[i])
			__free_pages(dm_made[i], pageblock_order);
	}
}

/*
 * suitable_migration_source(): the full matrix.
 *
 * The rule, as the series states it:
 *  - background compaction (kcompactd, proactive) may take every block;
 *  - direct compaction never takes a CMA block without ALLOC_CMA;
 *  - sync direct compaction takes every other block;
 *  - async direct compaction takes movable (and CMA) blocks for movable
 *    requests and for requests of pageblock_order and above, and only
 *    blocks of the request's own type for smaller non-movable requests;
 *  - a block whose skip bit is persistent (a pageblock-sized compound
 *    page) is never taken.
 * Each case asserts the verdict the rule gives for it, so a case both
 * accepts where it must and rejects where it must.
 */
struct dm_source_case {
	bool direct, sync, alloc_cma;
	int req_mt, block_mt;
	unsigned int order;	/* 3, or pageblock_order */
	bool expect;
	char desc[KUNIT_PARAM_DESC_SIZE];
};

static const int dm_req_mts[] = { MIGRATE_MOVABLE, MIGRATE_UNMOVABLE, MIGRATE_RECLAIMABLE };
static const int dm_block_mts[] = {
	MIGRATE_MOVABLE, MIGRATE_UNMOVABLE, MIGRATE_RECLAIMABLE,
#ifdef CONFIG_CMA
	MIGRATE_CMA,
#endif
};

#define DM_NR_SOURCE_CASES \
	(2 * 2 * 2 * ARRAY_SIZE(dm_req_mts) * ARRAY_SIZE(dm_block_mts) * 2)

static bool dm_source_rule(const struct dm_source_case *c)
{
	bool block_movable = c->block_mt == MIGRATE_MOVABLE ||
			     is_migrate_cma(c->block_mt);

	if (!c->direct)
		return true;
	if (is_migrate_cma(c->block_mt) && !c->alloc_cma)
		return false;
	if (c->sync)
		return true;
	if (c->req_mt == MIGRATE_MOVABLE || c->order >= pageblock_order)
		return block_movable;
	return c->block_mt == c->req_mt;
}

static void dm_source_case_fill(struct dm_source_case *c, unsigned int i)
{
	c->order = (i & 1) ? pageblock_order : 3;
	i >>= 1;
	c->block_mt = dm_block_mts[i % ARRAY_SIZE(dm_block_mts)];
	i /= ARRAY_SIZE(dm_block_mts);
	c->req_mt = dm_req_mts[i % ARRAY_SIZE(dm_req_mts)];
	i /= ARRAY_SIZE(dm_req_mts);
	c->alloc_cma = i & 1;
	c->sync = i & 2;
	c->direct = i & 4;
	c->expect = dm_source_rule(c);
	snprintf(c->desc, sizeof(c->desc), "%s%s, %s request, order %u%s, %s block -> %s",
		 c->direct ? "direct " : "background ",
		 c->sync ? "sync" : "async",
		 dm_mt(c->req_mt), c->order, c->alloc_cma ? ", ALLOC_CMA" : "",
		 dm_mt(c->block_mt), c->expect ? "scan" : "skip");
}

static struct dm_source_case dm_source_cases[DM_NR_SOURCE_CASES];

static const void *dm_source_gen(struct kunit *test, const void *prev, char *desc)
{
	const struct dm_source_case *c = prev;
	unsigned int i = c ? c - dm_source_cases + 1 : 0;

	if (i >= ARRAY_SIZE(dm_source_cases))
		return NULL;
	dm_source_case_fill(&dm_source_cases[i], i);
	strscpy(desc, dm_source_cases[i].desc, KUNIT_PARAM_DESC_SIZE);
	return &dm_source_cases[i];
}

static void dm_test_source(struct kunit *test)
{
	const struct dm_source_case *c = test->param_value;
	struct compact_control cc = {
		.direct_compaction = c->direct,
		.mode = c->sync ? MIGRATE_SYNC_LIGHT : MIGRATE_ASYNC,
		.migratetype = c->req_mt,
		.order = c->order,
		.alloc_flags = c->alloc_cma ? ALLOC_CMA : 0,
	};
	struct page *block = dm_find_block(c->block_mt);

	if (!block)
		kunit_skip(test, "no %s pageblock in this system", dm_mt(c->block_mt));
	KUNIT_EXPECT_EQ_MSG(test, suitable_migration_source(&cc, block), c->expect,
			    "%s", c->desc);
}

/* A persistent skip bit wins over every request. */
static void dm_test_source_persistent_skip(struct kunit *test)
{
	static const bool directs[] = { false, true };
	unsigned int i;

	if (!dm_thp)
		kunit_skip(test, "no pageblock-sized compound page could be allocated");
	KUNIT_ASSERT_TRUE(test, pageblock_skip_persistent(dm_thp));
	for (i = 0; i < ARRAY_SIZE(directs); i++) {
		struct compact_control cc = {
			.direct_compaction = directs[i],
			.mode = MIGRATE_SYNC_LIGHT,
			.migratetype = MIGRATE_MOVABLE,
			.order = pageblock_order,
			.alloc_flags = ALLOC_CMA,
		};

		KUNIT_EXPECT_FALSE_MSG(test, suitable_migration_source(&cc, dm_thp),
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
 * The search is set up to find nothing (it looks below the migration
 * scanner's start), so a request that got past the gate is told by the
 * failed search it counted in cc->fast_search_fail.
 */
struct dm_fast_case {
	bool direct;
	int req_mt;
	unsigned int order;	/* 0 stands for pageblock_order */
	bool expect;
	const char *desc;
};

static const struct dm_fast_case dm_fast_cases[] = {
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

KUNIT_ARRAY_PARAM_DESC(dm_fast, dm_fast_cases, desc);

static void dm_test_fast_find_gate(struct kunit *test)
{
	const struct dm_fast_case *c = test->param_value;
	struct zone *zone;
	struct compact_control cc = {
		.direct_compaction = c->direct,
		.migratetype = c->req_mt,
		.order = c->order ? c->order : pageblock_order,
		.fast_start_pfn = 0,
		.mode = MIGRATE_ASYNC,
	};
	struct page *block = dm_find_block(MIGRATE_MOVABLE);
	unsigned long pfn;

	if (!block)
		kunit_skip(test, "no MOVABLE pageblock in this system");
	zone = page_zone(block);
	cc.zone = zone;
	cc.migrate_pfn = zone->zone_start_pfn;
	cc.free_pfn = zone->zone_start_pfn;

	pfn = fast_find_migrateblock(&cc);
	KUNIT_EXPECT_EQ(test, pfn, zone->zone_start_pfn);
	KUNIT_EXPECT_EQ_MSG(test, cc.fast_search_fail, c->expect ? 1 : 0, "%s", c->desc);
}

static struct kunit_case dm_compaction_cases[] = {
	KUNIT_CASE_PARAM(dm_test_source, dm_source_gen),
	KUNIT_CASE(dm_test_source_persistent_skip),
	KUNIT_CASE_PARAM(dm_test_fast_find_gate, dm_fast_gen_params),
	{}
};

static struct kunit_suite dm_compaction_suite = {
	.name = "defrag_mode_compaction",
	.suite_init = dm_compaction_suite_init,
	.suite_exit = dm_compaction_suite_exit,
	.test_cases = dm_compaction_cases,
};

kunit_test_suite(dm_compaction_suite);
