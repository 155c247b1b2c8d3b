# name -> (old, new) in mm/page_alloc.c of /tmp/jw
M = {
 'reclaim_at_alloc_order': ("*did_some_progress = __perform_reclaim(gfp_mask, reclaim_order, ac);",
                            "*did_some_progress = __perform_reclaim(gfp_mask, order, ac);"),
 'reclaim_retry_no_promoted_exit': ("""	if (alloc_promoted(order, ac))
		return false;

	if (*no_progress_loops > MAX_RECLAIM_RETRIES)""", """	if (*no_progress_loops > MAX_RECLAIM_RETRIES)"""),
 'costly_quarter_for_promoted': ("if (order > PAGE_ALLOC_COSTLY_ORDER && !alloc_promoted(order, ac))",
                                 "if (order > PAGE_ALLOC_COSTLY_ORDER)"),
 'skipped_not_counted': ("""		if (ret && alloc_promoted(order, ac))
			ret = ++(*compaction_retries) <= max_retries;
""", ""),
 'failure_raises_priority': ("""	if (alloc_promoted(order, ac)) {
		if (compact_result != COMPACT_SUCCESS)
			ret = ++(*compaction_retries) <= max_retries;
		goto out;
	}
""", ""),
 'compact_retry_at_alloc_order': ("""	unsigned int compact_order = ac->reclaim_order;

	/* Compaction ran at the work order; judge it there */""", """	unsigned int compact_order = order;

	/* Compaction ran at the work order; judge it there */"""),
 'reclaim_needed_inverted': ("""					ac->highest_zoneidx))
			return false;
	}
	return true;""", """					ac->highest_zoneidx))
			return true;
	}
	return false;"""),
 'claim_never_for_defrag': ("return defrag && start_type != MIGRATE_MOVABLE;", "return false;"),
 'claim_movable_too': ("return defrag && start_type != MIGRATE_MOVABLE;", "return defrag;"),
 'capture_at_compact_order': ("""		.migratetype = ac->migratetype,
		.order = order,""", """		.migratetype = ac->migratetype,
		.order = compact_order,"""),
 'compact_at_alloc_order': ("try_to_compact_pages(gfp_mask, compact_order,", "try_to_compact_pages(gfp_mask, order,"),
}
X = {
 'work_order_never_promotes': ("""	if ((alloc_flags & ALLOC_NOFRAGMENT) && migratetype != MIGRATE_MOVABLE)
		return max(order, pageblock_order);""", """	if ((alloc_flags & ALLOC_NOFRAGMENT) && migratetype != MIGRATE_MOVABLE)
		return order;"""),
 'fallback_keeps_budget': ("""	*alloc_flags &= ~ALLOC_NOFRAGMENT;
	*no_progress_loops = 0;""", """	*alloc_flags &= ~ALLOC_NOFRAGMENT;"""),
}
M.update({
 'reclaim_needed_min_wmark': ("""		if (compaction_suitable(zone, ac->reclaim_order,
					high_wmark_pages(zone),""", """		if (compaction_suitable(zone, ac->reclaim_order,
					min_wmark_pages(zone),"""),
 'reclaim_needed_at_order0': ("""		if (compaction_suitable(zone, ac->reclaim_order,""", """		if (compaction_suitable(zone, 0,"""),
 'skipped_judged_at_alloc_order': ("""		ret = compaction_zonelist_suitable(ac, compact_order,
						   alloc_flags, gfp_mask);""", """		ret = compaction_zonelist_suitable(ac, order ? order : compact_order,
						   alloc_flags, gfp_mask);"""),
})
