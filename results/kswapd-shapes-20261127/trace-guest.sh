T=/sys/kernel/tracing
mount -t tracefs nodev $T 2>/dev/null
echo 24576 > $T/buffer_size_kb
for e in vmscan/mm_vmscan_kswapd_wake vmscan/mm_vmscan_balance_pgdat_begin vmscan/mm_vmscan_balance_pgdat_end compaction/mm_compaction_defer_compaction compaction/mm_compaction_defer_reset compaction/mm_compaction_kcompactd_wake compaction/mm_compaction_begin compaction/mm_compaction_end compaction/mm_compaction_migratepages compaction/mm_compaction_try_to_compact_pages; do echo 1 > $T/events/$e/enable; done
for i in 1 2 3; do
  echo 1 > $T/tracing_on
  echo "STORM start $i" > $T/trace_marker
  /defrag_mode_storm -m 1 -k "storm$i: "
  echo "STORM end $i" > $T/trace_marker
  echo 0 > $T/tracing_on
  echo "@@TRACE $i"
  cat $T/trace | grep -v '^#' | grep -v "status=contended" 
  echo > $T/trace
  echo "@@END $i"
done
