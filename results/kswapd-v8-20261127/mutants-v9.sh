#!/bin/bash
# Each mutant of the v9 candidate's decision (v8 + the review's fixes,
# not in the stack) through the KUnit suites
# (UML): every one must fail a case. The tree is 7.3.4 + the 7.3 stack as
# commits (scripts/apply, then git commit); each mutant is reverted with
# git checkout before the next, so the tree must be clean.
# usage: mutants.sh [TREE]   (default /tmp/k17b, the tree of the session
# that wrote it)
cd "${1:-/tmp/k17b}" || exit 1
if [ -n "$(git status --porcelain -- mm)" ]; then
	echo "mutants.sh: uncommitted changes under mm/ in $PWD: commit them first" >&2
	exit 1
fi
run() {
	local name=$1
	python3 tools/testing/kunit/kunit.py run --kunitconfig=mm/tests/defrag_mode --arch=um --jobs=2 \
		--build_dir=/root/.cache/defrag-series/build/kunit-k17b-um --make_options "CC=ccache gcc" > /tmp/mut-$name.log 2>&1
	echo "$name: rc=$? $(grep -E '^\[..:..:..\] Testing complete' /tmp/mut-$name.log | sed 's/.*complete. //')"
	grep -E "\[FAILED\]" /tmp/mut-$name.log | grep -v "====" | sed 's/^/    /' | head -8
	git checkout -q -- mm
}
# M1: the deferral not asked (the v6c form)
sed -i 's/^\tif (order < data_race(zone->compact_order_failed))$/\tif (1)/' mm/compaction.c; run m1-no-deferral
# M2: the peek off by one
sed -i 's/^\treturn data_race(zone->compact_considered) + 1 <$/\treturn data_race(zone->compact_considered) </' mm/compaction.c; run m2-off-by-one
# M3: the peek replaced by compaction_deferred(), which counts the attempt
sed -i 's/if (compaction_deferred_peek(zone, order))/if (compaction_deferred(zone, order))/' mm/compaction.c; run m3-counting
# M4: any verdict but SKIPPED taken as "compact" (a free block already there)
sed -i '/^static bool kcompactd_would_compact/,/^}/{s/alloc_flags, false, true) ==$/alloc_flags, false, true) !=/;s/^\t\t    COMPACT_CONTINUE)$/\t\t    COMPACT_SKIPPED)/}' mm/compaction.c; run m4-success-too
# M5: each zone's watermarks checked against itself, as kcompactd_do_work() does
sed -i '/^static bool kcompactd_would_compact/,/^}/{s/^\t\t\t\t\t\t     highest_zoneidx,$/\t\t\t\t\t\t     zoneid,/}' mm/compaction.c; run m5-own-zone
# M6: unpopulated zones asked too
sed -i '/^static bool kcompactd_would_compact/,/^}/{s/^\t\tif (!populated_zone(zone))$/\t\tif (0)/}' mm/compaction.c; run m6-unpopulated
# M7: boosted reclaim not excluded
sed -i 's/^\t       order >= pageblock_order \&\& !boosted;/\t       order >= pageblock_order;/' mm/vmscan.c; run m7-boost
# M8: orders below pageblock_order asked too
sed -i 's/^\t       order >= pageblock_order \&\& !boosted;/\t       order \&\& !boosted;/' mm/vmscan.c; run m8-any-order
# M9: the defrag_mode test dropped
sed -i 's/return IS_ENABLED(CONFIG_COMPACTION) \&\& defrag \&\&/return IS_ENABLED(CONFIG_COMPACTION) \&\&/' mm/vmscan.c; run m9-no-defrag
# M10: the zones measured with the request's reserves (ZONE_DMA "short")
sed -i '/^static bool pgdat_zones_above_high/,/^}/{s/high_wmark_pages(zone), i, 0,/high_wmark_pages(zone), highest_zoneidx, 0,/}' mm/vmscan.c; run m10-reserve
# M11: a zone below its high watermark does not stop the hand-off
sed -i '/^static bool pgdat_zones_above_high/,/^}/{s/^\t\t\treturn false;$/\t\t\tcontinue;/}' mm/vmscan.c; run m11-never-short
# M12: a zone at its high watermark exactly counted as above it
sed -i '/^static bool pgdat_zones_above_high/,/^}/{s/high_wmark_pages(zone), i, 0,/high_wmark_pages(zone) - 1, i, 0,/}' mm/vmscan.c; run m12-at-high
# M13: a deferred zone ends the search
sed -i '/^static bool kcompactd_would_compact/,/^}/{/compaction_deferred_peek/{n;s/continue;/return false;/}}' mm/compaction.c; run m13-deferred-ends
# M14: an unpopulated zone ends the search
sed -i '/^static bool kcompactd_would_compact/,/^}/{/populated_zone/{n;s/continue;/return false;/}}' mm/compaction.c; run m14-unpopulated-ends
python3 tools/testing/kunit/kunit.py run --kunitconfig=mm/tests/defrag_mode --arch=um --jobs=2 \
	--build_dir=/root/.cache/defrag-series/build/kunit-k17b-um --make_options "CC=ccache gcc" > /tmp/kunit-v9.log 2>&1
echo "unmutated: rc=$? $(grep -E '^\[..:..:..\] Testing complete' /tmp/kunit-v9.log | sed 's/.*complete. //')"
