#!/bin/bash
# false-pass / false-fail measurement of the storm gate: N boots per kernel,
# interleaved; each boot runs the storm tests (defrag_mode=0 reference, then
# three defrag_mode=1 rounds) of one static defrag_mode binary.
set -u
cd /work/main
N=${N:-16}
K="base series upstream delta-test"
declare -A KF=([base]=/tmp/fp-kernels/kernels/base.bzImage
	[series]=/tmp/fp-kernels/kernels/series.bzImage
	[upstream]=/tmp/fp-kernels/kernels/upstream.bzImage
	[delta-test]=/tmp/k73test.bzImage)
for k in $K; do [ -f /tmp/gate/$k.bzImage ] || cp "${KF[$k]}" /tmp/gate/$k.bzImage; done
for i in $(seq 1 $N); do
	for k in $K; do
		log=/tmp/gate/logs/$k-$i.log
		mkdir -p /tmp/gate/logs
		[ -s $log ] && grep -q '@@VM-EXIT@@' $log && continue
		t=$(date +%s)
		scripts/vm --kernel /tmp/gate/$k.bzImage --mem 1G --swap 512M --append kunit.enable=0 \
			--add /tmp/gate/defrag_mode --timeout 900 --quiet --log $log \
			--run 'defrag_mode -f storm' >/dev/null 2>&1
		echo "$(date +%T) $k $i rc=$? $(( $(date +%s) - t ))s $(grep -E '^(not )?ok [0-9]' $log | cut -c1-60 | tr '\n' ';')"
	done
done
echo done
