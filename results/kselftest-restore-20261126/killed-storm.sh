echo "before: $(ls /tmp | wc -l) entries in /tmp"
defrag_mode_storm -v >/tmp/storm.out 2>&1 &
i=0
while ! grep -q "stacks:" /tmp/storm.out && [ $i -lt 600 ]; do sleep 0.2; i=$((i+1)); done
sleep 1
grep "storm:" /tmp/storm.out | tail -2
echo "during: $(cat /proc/*/mountinfo 2>/dev/null | grep -c defrag-storm) private tmpfs mounts seen in /proc/*/mountinfo"
kill -9 $(pidof defrag_mode_storm)
sleep 2
echo "after SIGKILL of every storm process: $(pidof defrag_mode_storm | wc -w) left, $(ls /tmp | grep -vc storm.out) entries in /tmp besides the log, $(grep -c defrag-storm /proc/self/mountinfo) private mounts in our namespace"
ls /tmp; echo "files left: $(ls /tmp/defrag-storm.* 2>/dev/null | wc -l)"
