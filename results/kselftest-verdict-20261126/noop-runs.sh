#!/bin/bash
# "defrag_mode does nothing": the storm test with every round at
# defrag_mode=0, on the 7.3.4 bench kernel; waits for the gate loop
set -u
cd /work/main
while pgrep -f /tmp/gate/run.sh >/dev/null; do sleep 20; done
mkdir -p /tmp/noop/logs
for i in $(seq 1 ${N:-16}); do
	log=/tmp/noop/logs/noop-$i.log
	[ -s $log ] && grep -q '@@VM-EXIT@@' $log && continue
	t=$(date +%s)
	scripts/vm --kernel /tmp/gate/upstream.bzImage --mem 1G --swap 512M --append kunit.enable=0 \
		--add /tmp/noop/defrag_mode --timeout 900 --quiet --log $log \
		--run 'defrag_mode -f storm' >/dev/null 2>&1
	echo "$(date +%T) noop $i rc=$? $(( $(date +%s) - t ))s $(grep -E '^(not )?ok [0-9]' $log | cut -c1-60 | tr '\n' ';')"
done
echo done
