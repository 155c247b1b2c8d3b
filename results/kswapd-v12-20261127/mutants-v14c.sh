#!/bin/bash
# Mutants of the kcompactd side after kcompactd_would_compact() was folded
# into __kcompactd_node_suitable() (the loop kcompactd_node_suitable() uses);
# through the KUnit suites (UML). The tree must be clean under mm/.
cd "${1:-/tmp/k17b}" || exit 1
if [ -n "$(git status --porcelain -- mm)" ]; then
	echo "mutants-v14c.sh: uncommitted changes under mm/ in $PWD: commit them first" >&2
	exit 1
fi
run() {
	local name=$1
	if git diff --quiet -- mm; then
		echo "$name: the sed changed nothing (stale mutant)"
		return
	fi
	python3 tools/testing/kunit/kunit.py run --kunitconfig=mm/tests/defrag_mode --arch=um --jobs=2 \
		--build_dir=/root/.cache/defrag-series/build/kunit-k17b-um --make_options "CC=ccache gcc" > /tmp/mut-$name.log 2>&1
	echo "$name: rc=$? $(grep -E '^\[..:..:..\] Testing complete' /tmp/mut-$name.log | sed 's/.*complete. //')"
	grep -E "\[FAILED\]" /tmp/mut-$name.log | grep -v "====" | sed 's/^/    /' | head -8
	git checkout -q -- mm
}
N='/^static bool __kcompactd_node_suitable/,/^}/'
python3 tools/testing/kunit/kunit.py run --kunitconfig=mm/tests/defrag_mode --arch=um --jobs=2 \
	--build_dir=/root/.cache/defrag-series/build/kunit-k17b-um --make_options "CC=ccache gcc" > /tmp/kunit-v14c.log 2>&1
echo "unmutated: rc=$? $(grep -E '^\[..:..:..\] Testing complete' /tmp/kunit-v14c.log | sed 's/.*complete. //')"
# M1: the deferral not asked
sed -i 's/^\tif (order < data_race(zone->compact_order_failed))$/\tif (1)/' mm/compaction.c; run m1-no-deferral
# M6: unpopulated zones asked too
sed -i "$N{s/^\t\tif (!populated_zone(zone))\$/\t\tif (0)/}" mm/compaction.c; run m6-unpopulated
# M13: a deferred zone ends the search
sed -i "$N{/compaction_deferred_peek/{n;s/continue;/return false;/}}" mm/compaction.c; run m13-deferred-ends
# M14: an unpopulated zone ends the search
sed -i "$N{/populated_zone/{n;s/continue;/return false;/}}" mm/compaction.c; run m14-unpopulated-ends
# M26: kcompactd_would_compact() does not skip deferred zones
sed -i '/^static bool kcompactd_would_compact/,/^}/{s/highest_zoneidx, true);/highest_zoneidx, false);/}' mm/compaction.c; run m26-would-compact-no-skip
# M5: each zone's watermarks checked against itself
sed -i "$N{s/^\(\t*  *\)highest_zoneidx,\$/\1zoneid,/}" mm/compaction.c; run m5-own-zone
