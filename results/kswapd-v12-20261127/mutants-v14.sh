#!/bin/bash
# Mutants of v14's margin (pgdat_zones_above_high(): a kswapd pass above the
# mark) through the KUnit suites (UML); the tree must be clean under mm/.
cd "${1:-/tmp/k17b}" || exit 1
if [ -n "$(git status --porcelain -- mm)" ]; then
	echo "mutants-v14.sh: uncommitted changes under mm/ in $PWD: commit them first" >&2
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
nice -n 19 python3 tools/testing/kunit/kunit.py run --kunitconfig=mm/tests/defrag_mode --arch=um --jobs=1 \
	--build_dir=/root/.cache/defrag-series/build/kunit-k17b-um --make_options "CC=ccache gcc" > /tmp/kunit-v14.log 2>&1
echo "unmutated: rc=$? $(grep -E '^\[..:..:..\] Testing complete' /tmp/kunit-v14.log | sed 's/.*complete. //')"
# M22: no pass above the mark (v9b)
sed -i "$Z{s/unsigned long mark = kswapd_zone_mark(zone) + pass;/unsigned long mark = kswapd_zone_mark(zone);/}" mm/vmscan.c; run m22-no-pass
# M23: the pass without its SWAP_CLUSTER_MAX floor
sed -i "$Z{s/unsigned long pass = max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);/unsigned long pass = high_wmark_pages(zone);/}" mm/vmscan.c; run m23-no-floor
# M24: the pass of v11 (compact_gap() at pageblock order)
sed -i "$Z{s/unsigned long pass = max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);/unsigned long pass = compact_gap(pageblock_order);/}" mm/vmscan.c; run m24-gap
# M12: high + a pass exactly counted as above it
sed -i "$Z{s/unsigned long mark = kswapd_zone_mark(zone) + pass;/unsigned long mark = kswapd_zone_mark(zone) + pass - 1;/}" mm/vmscan.c; run m12-at-mark
# M15: the low watermark
sed -i '/^static unsigned long kswapd_zone_mark/,/^}/{s/return high_wmark_pages(zone);/return low_wmark_pages(zone);/}' mm/vmscan.c; run m15-low-mark
# M10: the request's reserves
sed -i "$Z{s/__zone_watermark_ok(zone, 0, mark, i, 0, free_pages)/__zone_watermark_ok(zone, 0, mark, highest_zoneidx, 0, free_pages)/}" mm/vmscan.c; run m10-reserve
# M11: never short
sed -i "$Z{s/^\t\t\treturn false;\$/\t\t\tcontinue;/}" mm/vmscan.c; run m11-never-short
