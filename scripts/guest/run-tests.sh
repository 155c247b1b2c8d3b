#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test guest (busybox sh). KUnit has already run at boot;
# this runs the userspace checks, each framed so the host can cut its KTAP
# out of the serial log: @@KTAP-BEGIN name@@ ... @@KTAP-END name rc=N@@
rc=0
section() {
	name=$1
	shift
	echo "@@KTAP-BEGIN $name@@"
	"$@"
	r=$?
	echo "@@KTAP-END $name rc=$r@@"
	# 4 is kselftest's "skip"
	[ $r = 0 ] || [ $r = 4 ] || rc=1
}

# The series' KUnit suites that claim no side effects (named on the kernel
# command line, defrag_rerun=a,b): run again through debugfs, in the order
# given and then reversed, before anything else has run. Each run must give
# the results of the boot run, and leave the counters of direct reclaim and
# compaction (what a case run in a task could move) as they were.
rerun_results() {	# SUITE...: the case result lines of each suite's last run
	for s in "$@"; do
		grep -E '^ +(not )?ok [0-9]+ ' "$kd/$s/results" | sed "s/^ */$s: /"
	done
}
direct_counters() {
	grep -E '^(allocstall_|pgscan_direct|pgsteal_direct|compact_(stall|fail|success) )' /proc/vmstat |
		tr '\n' ' '
}
kunit_rerun() {
	suites=$(tr ' ' '\n' </proc/cmdline | sed -n 's/^defrag_rerun=//p' | tr ',' ' ')
	rev=$(for s in $suites; do echo "$s"; done | sed -n '1!G;h;$p' | tr '\n' ' ')
	kd=/sys/kernel/debug/kunit
	[ -d $kd ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
	echo "TAP version 13"
	if [ -z "$suites" ] || [ ! -d $kd ]; then
		echo "1..0 # SKIP no suites named, or no KUnit debugfs"
		return 4
	fi
	echo "1..4"
	boot=$(rerun_results $suites)
	# the runs' KTAP (KERN_INFO) goes to debugfs; on the console it would
	# cut into this section (KERN_WARNING and worse still reach it)
	level=$(cut -f1 /proc/sys/kernel/printk)
	echo 5 >/proc/sys/kernel/printk
	n=1 bad=0 pass=1
	for order in "$suites" "$rev"; do
		label="rerun $pass ($([ $pass = 1 ] && echo as named || echo reversed))"
		echo "# $label: $order"
		before=$(direct_counters)
		for s in $order; do echo 1 >"$kd/$s/run"; done
		after=$(direct_counters)
		now=$(rerun_results $suites)
		if [ -n "$boot" ] && [ "$now" = "$boot" ]; then
			echo "ok $n $label: results as at boot"
		else
			echo "not ok $n $label: results as at boot"
			echo "$boot" >/tmp/rerun.boot
			echo "$now" >/tmp/rerun.now
			diff /tmp/rerun.boot /tmp/rerun.now | sed 's/^/# /' | head -20
			bad=1
		fi
		if [ "$before" = "$after" ]; then
			echo "ok $((n + 1)) $label: direct reclaim and compaction counters unchanged"
		else
			echo "not ok $((n + 1)) $label: direct reclaim and compaction counters unchanged"
			echo "# before: $before"
			echo "# after:  $after"
			bad=1
		fi
		n=$((n + 2)) pass=$((pass + 1))
	done
	sleep 2		# let the console drain at the low level first
	echo "$level" >/proc/sys/kernel/printk
	return $bad
}
section kunit_rerun kunit_rerun

# the series' kselftests: vm.defrag_mode input checks and the allocation
# storm (needs the zram swap scripts/vm sets up)
if [ -x /kselftest/mm/defrag_mode ]; then
	cat /proc/swaps
	section kselftest_defrag_mode sh -c 'cd /kselftest/mm && bash ./run_vmtests.sh -n -t defrag_mode'
fi
# the kcompressd group's: every page back as written, MemTotal swapped out
# in each variant (KCOMPRESSD_SWAP_FACTOR=1)
if [ -x /kselftest/mm/kcompressd_integrity ]; then
	section kselftest_kcompressd sh -c 'cd /kselftest/mm && KCOMPRESSD_SWAP_FACTOR=1 bash ./run_vmtests.sh -n -d -t kcompressd'
	grep -E '^(kcompressd_|pswp|zswp)' /proc/vmstat | tr '\n' ' '
	echo
fi

echo "# vmstat after the tests:"
grep -E '^(compact_|pgscan_|pgsteal_|allocstall_|thp_fault|oom_kill)' /proc/vmstat | tr '\n' ' '
echo
exit $rc
