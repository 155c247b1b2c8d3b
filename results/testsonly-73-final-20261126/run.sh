#!/bin/bash
# The 7.3 stack's tests alone (0001, 0002) on plain 7.3.4, booted as scripts/test boots it.
set -e
cd /work/main
. scripts/lib.sh
T=$CACHE/src/upstream-7.3.4
scripts/apply --stack 7.3 --reset --to 0002-selftests-mm-add-defrag_mode-tests-and-an-allocation $T
OUT=$CACHE/build/$(tree_key "$T")-test
R=/tmp/testsonly-out; rm -rf $R; mkdir -p $R
scripts/kernel --flavour test --tree "$T" --out "$OUT" > $R/build.log 2>&1
ksout=$OUT/kselftest/mm
build_kselftests "$T" "$ksout" defrag_mode
cp "$T/tools/testing/selftests/mm/run_vmtests.sh" "$ksout/"
rc=0
scripts/vm --kernel "$OUT/arch/x86/boot/bzImage" --mem 1G --swap 512M --timeout 1500 --quiet \
	--append "cma=32M" --log $R/serial.log \
	--add "$OUT/kselftest:/kselftest" --add /bin/bash-static:/bin/bash \
	--script scripts/guest/run-tests.sh || rc=$?
echo "guest rc=$rc"
scripts/apply --stack 7.3 --reset $T
