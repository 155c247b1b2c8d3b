#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot check of the vm.defrag_mode sysctl, KTAP output (busybox sh).
# It exists, toggles 0 -> 1 -> 0, and rejects bad values with EINVAL while
# keeping the value it had. The saved value is restored on exit.
f=/proc/sys/vm/defrag_mode
n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n $*"; }
echo "TAP version 13"
if [ ! -e $f ]; then
	echo "1..0 # SKIP $f does not exist (kernel without defrag_mode)"
	exit 4
fi
echo "1..8"
saved=$(cat $f)
trap 'echo "$saved" > $f' EXIT INT TERM
ok "defrag_mode exists (value $saved)"

toggle_ok=1
for v in 0 1 0; do
	echo $v > $f 2>/dev/null && [ "$(cat $f)" = "$v" ] || toggle_ok=0
done
[ $toggle_ok = 1 ] && ok "defrag_mode toggles 0 -> 1 -> 0" || notok "defrag_mode toggles 0 -> 1 -> 0"

# write VALUE: must fail with EINVAL and leave the value unchanged
reject() {
	for before in 0 1; do
		echo $before > $f
		# dd reports the write(2) error; busybox's printf does not
		err=$(printf '%s\n' "$1" | dd of=$f 2>&1)
		rc=$?
		after=$(cat $f)
		case "$err" in
		*"Invalid argument"*) ;;
		*) notok "write '$2' is rejected with EINVAL (before=$before: rc=$rc, '$err')"; return ;;
		esac
		if [ "$after" != "$before" ]; then
			notok "write '$2' keeps the value (before=$before, after=$after)"
			return
		fi
	done
	ok "write '$2' is rejected with EINVAL and keeps the value"
}
reject 2 2
reject -1 -1
reject x x
reject 256 256
reject 4294967297 4294967297

# a good write after the bad ones still works
echo 1 > $f && [ "$(cat $f)" = 1 ] && ok "defrag_mode accepts 1 after rejected writes" ||
	notok "defrag_mode accepts 1 after rejected writes"
echo "# totals: $((n - fails)) passed, $fails failed"
[ $fails = 0 ]
