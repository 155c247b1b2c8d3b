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

# the series' kselftests: vm.defrag_mode input checks and the allocation
# storm (needs the zram swap scripts/vm sets up)
if [ -x /kselftest/mm/defrag_mode ]; then
	cat /proc/swaps
	section kselftest_defrag_mode sh -c 'cd /kselftest/mm && bash ./run_vmtests.sh -n -t defrag_mode'
fi

echo "# vmstat after the tests:"
grep -E '^(compact_|pgscan_|pgsteal_|allocstall_|thp_fault|oom_kill)' /proc/vmstat | tr '\n' ' '
echo
exit $rc
