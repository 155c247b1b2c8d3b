#!/bin/bash
# Mutants of the kswapd hand-off's decision (form v12) through the KUnit
# suites (UML): every one must fail a case. Lines v12 changed, the helpers it
# added, and M13/M14 (never completed for v9b). M1-M9 are on lines unchanged
# since v9 (mutants-v9.out). The tree must be clean under mm/; each mutant is
# reverted with git checkout. usage: mutants-v12.sh [TREE]
cd "${1:-/tmp/k17b}" || exit 1
if [ -n "$(git status --porcelain -- mm)" ]; then
	echo "mutants-v12.sh: uncommitted changes under mm/ in $PWD: commit them first" >&2
	exit 1
fi
run() {
	local name=$1
	if git diff --quiet -- mm; then
		echo "$name: the sed changed nothing (stale mutant)"
		return
	fi
	nice -n 19 python3 tools/testing/kunit/kunit.py run --kunitconfig=mm/tests/defrag_mode --arch=um --jobs=1 \
		--build_dir=/root/.cache/defrag-series/build/kunit-k17b-um --make_options "CC=ccache gcc" > /tmp/mut-$name.log 2>&1
	echo "$name: rc=$? $(grep -E '^\[..:..:..\] Testing complete' /tmp/mut-$name.log | sed 's/.*complete. //')"
	grep -E "\[FAILED\]" /tmp/mut-$name.log | grep -v "====" | sed 's/^/    /' | head -8
	git checkout -q -- mm
}
Z='/^static bool pgdat_zones_above_high/,/^}/'
K='/^static bool kcompactd_would_compact/,/^}/'
# M10: the zones measured with the request's reserves (ZONE_DMA "short")
sed -i "$Z{s/__zone_watermark_ok(zone, 0, mark, i, 0, free_pages)/__zone_watermark_ok(zone, 0, mark, highest_zoneidx, 0, free_pages)/}" mm/vmscan.c; run m10-reserve
# M11: a zone below the mark does not stop the hand-off
sed -i "$Z{s/^\t\t\treturn false;\$/\t\t\tcontinue;/}" mm/vmscan.c; run m11-never-short
# M12: a zone at the mark exactly counted as above it
sed -i "$Z{s/kswapd_zone_mark(zone) + compact_gap(order);/kswapd_zone_mark(zone) - 1 + compact_gap(order);/}" mm/vmscan.c; run m12-at-mark
# M13: a deferred zone ends kcompactd's search
sed -i "$K{/compaction_deferred_peek/{n;s/continue;/return false;/}}" mm/compaction.c; run m13-deferred-ends
# M14: an unpopulated zone ends the search
sed -i "$K{/populated_zone/{n;s/continue;/return false;/}}" mm/compaction.c; run m14-unpopulated-ends
# M15: the zones measured against their low watermark, not their high one
sed -i '/^static unsigned long kswapd_zone_mark/,/^}/{s/return high_wmark_pages(zone);/return low_wmark_pages(zone);/}' mm/vmscan.c; run m15-low-mark
# M16: no margin for the block (v9b)
sed -i "$Z{s/kswapd_zone_mark(zone) + compact_gap(order);/kswapd_zone_mark(zone);/}" mm/vmscan.c; run m16-no-gap
# M18: any wakeup may leave kswapd asleep (NUMA promotion too)
sed -i '/^static bool kswapd_wakeup_may_leave_block/,/^}/{s/return gfp_flags \& __GFP_KSWAPD_RECLAIM;/return true;/}' mm/vmscan.c; run m18-any-wakeup
# M19: only a caller that may neither reclaim nor compact wakes kcompactd
sed -i '/^static bool kswapd_leave_wakes_kcompactd/,/^}/{s/return !(gfp_flags \& __GFP_DIRECT_RECLAIM) ||/return !(gfp_flags \& __GFP_DIRECT_RECLAIM) \&\&/}' mm/vmscan.c; run m19-and
# M20: a task in reclaim counted as one that compacts
sed -i '/^static bool kswapd_leave_wakes_kcompactd/,/^}/{s/ || (pf_flags \& PF_MEMALLOC);/;/}' mm/vmscan.c; run m20-no-memalloc
# M21: GFP_NOIO counted as one that compacts
sed -i '/^static bool kswapd_leave_wakes_kcompactd/,/^}/{s/^\t       !gfp_compaction_allowed(gfp_flags) || /\t       /}' mm/vmscan.c; run m21-noio
nice -n 19 python3 tools/testing/kunit/kunit.py run --kunitconfig=mm/tests/defrag_mode --arch=um --jobs=1 \
	--build_dir=/root/.cache/defrag-series/build/kunit-k17b-um --make_options "CC=ccache gcc" > /tmp/kunit-v12b.log 2>&1
echo "unmutated: rc=$? $(grep -E '^\[..:..:..\] Testing complete' /tmp/kunit-v12b.log | sed 's/.*complete. //')"
