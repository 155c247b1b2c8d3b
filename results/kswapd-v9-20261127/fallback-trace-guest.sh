# Guest script (scripts/vm --script): which non-movable requests fall back
# into movable blocks at defrag_mode=1, as the storm kselftest runs them:
# one defrag_mode=0 storm, then defrag_mode=1 storms, each on a fresh fill.
# Every mm_page_alloc_extfrag event of a non-movable request taking a page
# from a movable block (below pageblock order: the kselftest's filter) is
# recorded with its kernel stack in a tracefs instance of our own (oldest
# kept); after each storm the stacks are counted in the guest and printed.
T=/sys/kernel/tracing
mount -t tracefs nodev $T 2>/dev/null
I=$T/instances/fallbacks
mkdir $I
echo 4096 > $I/buffer_size_kb
echo 0 > $I/options/overwrite
echo 1 > $I/options/stacktrace
E=$I/events/kmem/mm_page_alloc_extfrag
# pageblock order 9, MIGRATE_MOVABLE 1 (x86_64)
echo 'fallback_order < 9 && alloc_migratetype != 1 && fallback_migratetype == 1' > $E/filter
run() {
	echo > $I/trace
	echo 1 > $E/enable
	/defrag_mode_storm -m $1 -k "$2: " -T 0 | grep -E ": (extfrag_nonmovable|compact_daemon_handoff|pgscan_kswapd|pgscan_direct|allocstall|compact_stall|compact_fail|free_blocks_before|slab_ms|demand_ms) "
	echo 0 > $E/enable
	echo "@@STACKS $2"
	grep -E "entries|overrun" $I/per_cpu/cpu*/stats | tr '\n' ' '; echo
	# one key per event: its stack's frames, innermost first, joined
	# (an event without a stack under it is not counted: the keyed
	# counts add up to the storm's own extfrag_nonmovable)
	awk 'BEGIN { k = "@" }
	     /mm_page_alloc_extfrag/ { if (k != "@") n[k]++; k = "@"; next }
	     /=> / { sub(/.*=> /, ""); sub(/\+0x.*/, ""); k = k " " $0; next }
	     END { if (k != "@") n[k]++; for (s in n) print n[s], s }' $I/trace | sort -rn | head -12
	echo "@@END $2"
}
run 0 ref
for i in 1 2 3 4 5 6; do
	[ $i = 4 ] && run 0 ref2
	run 1 dm1-$i
done
