(/defrag_mode_storm -m 1 -k "storm: " ARGS > /tmp/storm.out 2>&1; echo done > /tmp/storm.done) &
i=0
while [ ! -e /tmp/storm.done ]; do
  echo "@@PTI $i $(cut -d' ' -f1 /proc/uptime)"
  sed -n '/Free pages count per migrate type/,/^$/p' /proc/pagetypeinfo | grep -E "zone +(DMA32|Normal)"
  awk '/^Node 0, zone/{z=$4} /pages free/{print "free",z,$3} /^ +high /{print "high",z,$2}' /proc/zoneinfo | grep -E "DMA32|Normal" | tr '\n' ' '; echo
  grep -E "^(compact_stall|compact_fail|compact_success|pgscan_kswapd|pgscan_direct|pgsteal_kswapd|compact_daemon_wake|pageoutrun|pswpout) " /proc/vmstat | tr '\n' ' '; echo
  i=$((i+1)); sleep 0.5
done
cat /tmp/storm.out
