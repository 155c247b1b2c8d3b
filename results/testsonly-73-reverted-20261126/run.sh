#!/bin/bash
# The 7.3 stack's tests alone (0001, 0002) on 7.2.13 with upstream's merged
# form reverted (the June base), to see which cases encode the merged fix.
set -e
T=$HOME/.cache/defrag-series/src/linux-7.2.13
cd /work/main && scripts/apply --stack june --reset --unapply $T
cd $T
[ -z "$(git status --short)" ] || { echo dirty; exit 1; }
printf '%s\n' 0001-mm-add-KUnit-tests-for-defrag_mode-s-compaction-gate.patch 0002-selftests-mm-add-defrag_mode-tests-and-an-allocation.patch > /tmp/rev72-series
export QUILT_PATCHES=/work/main/patches/7.3 QUILT_SERIES=/tmp/rev72-series
quilt push --fuzz=0 -q
quilt push -f --fuzz=0 -q || true
sed -i '0,/^LOCAL_HDRS += \$(selfdir)\/mm\/mseal_helpers.h/s//&\nLOCAL_HDRS += $(selfdir)\/mm\/defrag_storm.h/' tools/testing/selftests/mm/Makefile
rm -f tools/testing/selftests/mm/Makefile.rej
for f in mm/tests/defrag_mode_compaction_kunit.h mm/tests/defrag_mode_alloc_kunit.h mm/tests/defrag_mode.kunitconfig tools/testing/selftests/mm/defrag_storm.h tools/testing/selftests/mm/defrag_storm.c tools/testing/selftests/mm/defrag_mode.c tools/testing/selftests/mm/defrag_mode_storm.c tools/testing/selftests/mm/ksft_defrag_mode.sh; do
	mkdir -p $(dirname $f); cp /work/main/$f $f
done
# 1. as posted: the page-allocator suite does not build on this base
cd /work/main
. scripts/lib.sh
OUT=$CACHE/build/$(tree_key "$T")-test
R=/tmp/rev72-out; rm -rf $R; mkdir -p $R
if scripts/kernel --flavour test --tree "$T" --out "$OUT" > $R/build1.log 2>&1; then echo "build 1 unexpectedly OK"; else echo "build 1 failed as expected"; fi
grep -E "error:" "$OUT/build.log" | head -20 > $R/build1-errors.txt || true
# 2. without it: the compaction suite and the kselftests
sed -i '/tests\/defrag_mode_alloc_kunit.h/d' "$T/mm/page_alloc.c"
scripts/kernel --flavour test --tree "$T" --out "$OUT" > $R/build2.log 2>&1
ksout=$OUT/kselftest/mm
build_kselftests "$T" "$ksout" defrag_mode
cp "$T/tools/testing/selftests/mm/run_vmtests.sh" "$ksout/"
scripts/vm --kernel "$OUT/arch/x86/boot/bzImage" --mem 1G --swap 512M --timeout 1500 --quiet \
	--append "cma=32M" --log $R/serial.log \
	--add "$OUT/kselftest:/kselftest" --add /bin/bash-static:/bin/bash \
	--script scripts/guest/run-tests.sh || echo "guest rc=$?"
echo done
