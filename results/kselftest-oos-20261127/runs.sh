#!/bin/bash
# Out-of-sample runs of the storm verdict (issue 15): the mixing rule was
# chosen on the 2026-11-26 runs; these are new boots. Interleaved:
# upstream (7.3.4 bench) and series (June bench) with the current binary,
# noop (7.3.4 bench, every round at defrag_mode=0) with the noop binary.
set -u
cd /work/main
while pgrep -f "ci/.ci/run" >/dev/null || pgrep -f "/tmp/ci/scripts/test" >/dev/null; do sleep 15; done
for i in $(seq 1 ${N:-8}); do
	for k in upstream series noop; do
		log=/tmp/oos/logs/$k-$i.log
		[ -s $log ] && grep -q '@@VM-EXIT@@' $log && continue
		kern=/tmp/gate/$k.bzImage bin=/tmp/oos/defrag_mode
		[ $k != noop ] || { kern=/tmp/gate/upstream.bzImage; bin=/tmp/noop/defrag_mode; }
		t=$(date +%s)
		scripts/vm --kernel $kern --mem 1G --swap 512M --append kunit.enable=0 \
			--add $bin --timeout 900 --quiet --log $log \
			--run 'defrag_mode -f storm' >/dev/null 2>&1
		echo "$(date +%T) $k $i rc=$? $(( $(date +%s) - t ))s $(grep -E '^(not )?ok [0-9]' $log | cut -c1-60 | tr '\n' ';')"
	done
done
echo done
