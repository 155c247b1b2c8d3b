T=/sys/kernel/tracing
mount -t tracefs nodev $T 2>/dev/null
echo 8192 > $T/buffer_size_kb
for e in vmscan/mm_vmscan_kswapd_wake vmscan/mm_vmscan_kswapd_sleep compaction/mm_compaction_kcompactd_wake compaction/mm_compaction_wakeup_kcompactd; do echo 1 > $T/events/$e/enable; done
echo 'hist:keys=order,gfp_flags:vals=hitcount' > $T/events/vmscan/mm_vmscan_wakeup_kswapd/trigger
echo 1 > $T/tracing_on
echo "STORM start" > $T/trace_marker
defrag_mode_storm -m $DM $ARGS
echo "STORM end" > $T/trace_marker
echo 0 > $T/tracing_on
echo "@@HIST"
cat $T/events/vmscan/mm_vmscan_wakeup_kswapd/hist
echo "@@TRACE"
cat $T/trace | grep -v '^#'
echo "@@END"
