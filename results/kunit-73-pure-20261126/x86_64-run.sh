#!/bin/bash
# kunit.py on x86_64 with nothing but the kunitconfig (TCG shim only)
. /work/main/scripts/lib.sh
shim=$(mktemp -d); qemu_tcg_shim "$shim"; export PATH=$shim:$PATH
cd ~/.cache/defrag-series/src/upstream-7.3.4
t=$(date +%s)
nice -n 19 python3 tools/testing/kunit/kunit.py run --kunitconfig=mm/tests/defrag_mode.kunitconfig --arch=x86_64 \
	--build_dir ~/.cache/defrag-series/build/kunit-x86-plain --make_options "CC=ccache gcc" --jobs 2
echo "rc=$? $(( $(date +%s) - t ))s"
