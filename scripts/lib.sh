# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the harness scripts. Sourced, never run.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${DEFRAG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/defrag-series}
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
# Kbuild passes absolute source paths; let ccache share objects between
# build directories of the same tree.
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}

T0=${T0:-$(date +%s)}
export T0

log() { printf '[%4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - $1 )); }

# Commands that tell a package is there without asking dpkg (a machine may
# have the tool from elsewhere); packages not listed are looked up in dpkg.
declare -A PKG_CMD=([gcc]=gcc [make]=make [flex]=flex [bison]=bison [bc]=bc
	[cpio]=cpio [xz-utils]=xz [ccache]=ccache [quilt]=quilt [git]=git
	[python3]=python3 [perl]=perl [patch]=patch [gzip]=gzip
	[qemu-system-x86]=qemu-system-x86_64 [gnuplot-nox]=gnuplot
	[bash-static]=/bin/bash-static [busybox-static]=/bin/busybox)

pkg_present() {
	local c=${PKG_CMD[$1]-}
	if [ -n "$c" ]; then
		case $c in /*) [ -x "$c" ] && return 0 ;; *) command -v "$c" >/dev/null && return 0 ;; esac
	fi
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

# need_pkgs PKG...: install the Debian packages that are missing.
need_pkgs() {
	local missing=() p
	for p in "$@"; do
		pkg_present "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		die "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})"
	fi
	log "installing: ${missing[*]}"
	local out
	out=$(mktemp)
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			"${missing[@]}" >"$out" 2>&1; then
		apt-get update >>"$out" 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			"${missing[@]}" >>"$out" 2>&1 ||
			{ tail -20 "$out" >&2; rm -f "$out"; die "apt-get install failed: ${missing[*]}"; }
	fi
	rm -f "$out"
}

# Packages every build needs.
BUILD_PKGS=(gcc make flex bison bc libelf-dev libssl-dev cpio xz-utils ccache
	    quilt git python3 perl python3-ply python3-git)
GUEST_PKGS=(qemu-system-x86 busybox-static)

# is_git_tree DIR
is_git_tree() { git -C "$1" rev-parse --is-inside-work-tree >/dev/null 2>&1; }

# tree_dirty DIR: prints what is modified (tracked files) in a git tree.
tree_dirty() { git -C "$1" status --porcelain --untracked-files=no 2>/dev/null; }

# Two stacks of the series:
#   7.3   the project's changes as a delta on trees that carry upstream's
#         merged form and 7.3's retry accounting (7.3.x, today's mm-new):
#         series-7.3, patches/7.3/; reference tree: Debian's 7.3.4
#   june  the June series on its base (Debian's 7.2 with upstream's merged
#         form reverted by scripts/base-prep-7.2.patch): series, patches/
# and one optional group of patches, GROUP=kcompressd, after either:
#   kcompressd       the 7.3 stack, then series-kcompressd-7.3
#                    (patches/kcompressd-7.3/)
#   kcompressd-june  the June stack, then series-kcompressd-june
#                    (patches/kcompressd-june/)
# A group's stack is one quilt series made from the two series files, patch
# names relative to patches/. Its first GROUP_SKIP patches are the base
# stack's: scripts/export leaves them out (the group is posted as a series
# of its own). The group's kernel options are configs/stack-$GROUP*.config.
# use_stack NAME selects one for series_patches, series_adds and the rest;
# BASE_STACK is the stack whose trees it takes.
use_stack() {
	local gdir bdir bfile
	GROUP="" GROUP_SKIP=0
	case $1 in
	june) SERIES_FILE=$REPO/series PATCH_DIR=$REPO/patches ;;
	7.3) SERIES_FILE=$REPO/series-7.3 PATCH_DIR=$REPO/patches/7.3 ;;
	kcompressd|kcompressd-june)
		GROUP=kcompressd gdir=kcompressd-$(stack_base "$1")
		case $(stack_base "$1") in
		7.3) bdir=7.3 bfile=$REPO/series-7.3 ;;
		june) bdir="" bfile=$REPO/series ;;
		esac
		GROUP_SKIP=$(SERIES_FILE=$bfile series_patches | wc -l)
		PATCH_DIR=$REPO/patches SERIES_FILE=$CACHE/series-$1
		mkdir -p "$CACHE"
		{
			prefix_series "$bdir" "$bfile"
			prefix_series "$gdir" "$REPO/series-$gdir"
		} >"$SERIES_FILE.$$" && mv "$SERIES_FILE.$$" "$SERIES_FILE" ;;
	*) die "unknown stack '$1' (7.3, june, kcompressd or kcompressd-june)" ;;
	esac
	COVER_LETTER=$PATCH_DIR/0000-cover-letter.patch
	[ -z "$GROUP" ] || COVER_LETTER=$PATCH_DIR/$gdir/0000-cover-letter.patch
	STACK=$1
	BASE_STACK=$(stack_base "$1")
	export DEFRAG_STACK=$1
}

# stack_base NAME: the stack whose trees NAME takes (itself, but for a group).
stack_base() {
	case $1 in kcompressd) echo 7.3 ;; kcompressd-june) echo june ;; *) echo "$1" ;; esac
}

# prefix_series DIR FILE: FILE's patch lines with DIR/ in front (none for
# an empty DIR), the rest (comments, "# adds:" lines) as they are.
prefix_series() {
	if [ -z "$1" ]; then
		cat "$2"
	else
		sed -E "/^[[:space:]]*(#|\$)/!s|^[[:space:]]*|&$1/|" "$2"
	fi
}

# series_patches: the patch names of the stack's series, comments dropped.
series_patches() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$SERIES_FILE" | awk '{print $1}'; }
use_stack "${DEFRAG_STACK:-june}"

# stack_of TREE: the stack TREE takes ("none" when it takes neither). A tree
# that has one applied says so in .defrag-series-stack.
stack_of() {
	if [ -f "$1/.defrag-series-stack" ]; then
		cat "$1/.defrag-series-stack"
	elif grep -q 'order_defrag_promoted' "$1/mm/page_alloc.c" 2>/dev/null; then
		echo 7.3
	elif patch -d "$1" -p1 --dry-run -s -f <"$REPO/scripts/base-prep-7.2.patch" >/dev/null 2>&1; then
		echo none	# upstream's merged form without 7.3's retry accounting
	else
		echo june
	fi
}

# cached_tree_tag TREE: the tag of a reference tree the cache holds
# (base-<ver> for src/linux-<ver>, upstream-<ver> for src/upstream-<ver>,
# as scripts/base makes them); fails for any other tree.
cached_tree_tag() {
	local src
	src=$(cd "$CACHE/src" 2>/dev/null && pwd) || return 1
	[ "$1" = "$src/$(basename "$1")" ] || return 1
	case ${1##*/} in linux-*) echo "base-${1##*/linux-}" ;; *) echo "${1##*/}" ;; esac
}

# stack_tree STACK: the cached reference tree of STACK (prepared if needed)
# and its tag, "TREE TAG".
stack_tree() {
	local t
	case $(stack_base "$1") in
	june) t=$("$REPO/scripts/base" --print) ;;
	7.3) t=$("$REPO/scripts/base" --upstream --print) ;;
	esac && echo "$t $(cached_tree_tag "$t")"
}

# patch_touched NAME: the C files and headers patch NAME touches or adds.
patch_touched() {
	sed -n 's|^+++ b/\(.*\.[ch]\)$|\1|p' "$PATCH_DIR/$1"
	series_adds "$1" | grep -E '\.[ch]$' || true
}

# exported_patches DIR: the numbered patches scripts/export wrote to DIR, in
# order, the cover letter left out.
exported_patches() {
	local f
	for f in "$1"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ "${f##*/}" = 0000-cover-letter.patch ] || [ ! -e "$f" ] || echo "$f"
	done
}

# series_adds NAME: the files the patch NAME adds, from the "# adds:" lines
# under it in `series` (NAME with or without .patch).
series_adds() {
	awk -v name="${1%.patch}" '
		/^[[:space:]]*#[[:space:]]*adds:/ {
			if (!seen) { print "series: an \"# adds:\" line before any patch" > "/dev/stderr"; exit 1 }
			if (on) { sub(/^[^:]*:/, ""); for (i = 1; i <= NF; i++) print $i }
			next
		}
		/^[[:space:]]*(#|$)/ { next }
		{ seen = 1; p = $1; sub(/\.patch$/, "", p); on = (p == name) }
	' "$SERIES_FILE"
}

# build_kselftests TREE OUTDIR PROG...: build the named programs of the
# tree's tools/testing/selftests/mm statically into OUTDIR, with the
# kselftest Makefile. The build log is OUTDIR/build.log.
build_kselftests() {
	local tree=$1 outdir=$2 p targets=()
	shift 2
	mkdir -p "$outdir"
	for p in "$@"; do targets+=("$outdir/$p"); done
	make -s -C "$tree/tools/testing/selftests/mm" OUTPUT="$outdir" LDFLAGS=-static \
		"${targets[@]}" >"$outdir/build.log" 2>&1
}

jobs_n() { echo $(( $(nproc) + 1 )); }

# tree_key TREE: a build-directory name for TREE, unique per path (two
# checkouts called "linux" must not share an O= directory).
tree_key() { printf '%s-%s' "$(basename "$1")" "$(printf '%s' "$1" | sha1sum | cut -c1-8)"; }

# new_logdir PREFIX: a fresh directory $CACHE/logs/PREFIX-<time>-<n>.
new_logdir() {
	mkdir -p "$CACHE/logs"
	mktemp -d "$CACHE/logs/$1-$(date +%Y%m%d-%H%M%S)-XXXX"
}

# qemu_accel: "kvm" or "tcg", decided once per run (exported) and said.
# DEFRAG_ACCEL=kvm|tcg overrides the probe. A /dev/kvm can be openable and
# still unusable (no vmx/svm; QEMU aborts with "failed to set MSR"), and
# "-accel kvm -accel tcg" does not fall back then: the probe starts a paused
# machine with KVM and quits it.
qemu_accel() {
	if [ -n "${DEFRAG_ACCEL_PROBED-}" ]; then echo "$DEFRAG_ACCEL_PROBED"; return; fi
	local a=${DEFRAG_ACCEL:-auto} why
	case $a in
	kvm|tcg) why="DEFRAG_ACCEL=$a" ;;
	auto)
		if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
			a=tcg why="no usable /dev/kvm"
		elif ! grep -qwE 'vmx|svm' /proc/cpuinfo; then
			a=tcg why="/dev/kvm present but no vmx/svm in /proc/cpuinfo"
		elif echo quit | timeout 30 qemu-system-x86_64 -accel kvm -cpu max -nodefaults \
				-display none -S -monitor stdio >/dev/null 2>&1; then
			a=kvm why="KVM probe passed"
		else
			a=tcg why="QEMU could not start a KVM machine (probe failed)"
		fi ;;
	*) die "DEFRAG_ACCEL must be kvm, tcg or auto, not '$a'" ;;
	esac
	if [ "$a" = tcg ]; then
		log "accel: TCG (software emulation, roughly 10x slower): $why"
	else
		log "accel: KVM: $why"
	fi
	export DEFRAG_ACCEL_PROBED=$a
	echo "$a"
}

# take_lock: serialise runs that share the cache (the cached trees, build
# directories, ccache). Held until the outermost script exits; nested
# scripts see DEFRAG_LOCKED and do not take it again.
take_lock() {
	# inherited: the lock is held on the descriptor we were given
	if [ -n "${DEFRAG_LOCKED-}" ] && [ -n "${DEFRAG_LOCK_FD-}" ] &&
	   { true >&"$DEFRAG_LOCK_FD"; } 2>/dev/null && flock -n "$DEFRAG_LOCK_FD"; then
		return 0
	fi
	mkdir -p "$CACHE"
	exec {DEFRAG_LOCK_FD}>>"$CACHE/lock"
	if ! flock -n "$DEFRAG_LOCK_FD"; then
		log "lock: another run holds $CACHE/lock ($(cat "$CACHE/lock.owner" 2>/dev/null || echo '?')); waiting"
		flock "$DEFRAG_LOCK_FD"
	fi
	echo "pid $$ $(basename "$0") since $(date +%H:%M:%S)" >"$CACHE/lock.owner"
	export DEFRAG_LOCKED=$$ DEFRAG_LOCK_FD
}

# run_bg CMD...: run CMD in the background and wait for it, so that a
# trapped signal interrupts the wait at once; the child's pid is in CHILD.
CHILD=""
run_bg() {
	local rc=0
	"$@" &
	CHILD=$!
	wait "$CHILD" || rc=$?
	# a signal trap that returns resumes here: wait for the real status
	while kill -0 "$CHILD" 2>/dev/null; do wait "$CHILD" || rc=$?; done
	CHILD=""
	return "$rc"
}

# stop_pid PID SECONDS: TERM, then KILL if PID is still there SECONDS later.
stop_pid() {
	local i
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || true
	for i in $(seq $(($2 * 2))); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.5
	done
	kill -KILL "$1" 2>/dev/null || true
}

# stop_child: end the running child (TERM, then KILL after 4 s: longer than
# scripts/vm takes to stop its QEMU, so that the guest goes first).
stop_child() { stop_pid "$CHILD" 4; }

# write_ktap HELPERS: "STATUS|name|reason" lines (STATUS PASS, FAIL or SKIP)
# on stdin as a KTAP document on stdout, with the tree's ktap_helpers.sh
# HELPERS. A reason is a diagnostic line before its case, and a SKIP's
# directive.
write_ktap() {
	(
		# shellcheck disable=SC1090
		. "$1"
		mapfile -t r
		ktap_print_header
		ktap_set_plan "${#r[@]}"
		for line in ${r[@]+"${r[@]}"}; do
			IFS='|' read -r st name why <<<"$line"
			[ -z "$why" ] || ktap_print_msg "$name: $why"
			case $st in
			PASS) ktap_test_pass "$name" ;;
			SKIP) __ktap_test ok "$name" "SKIP $why"; KTAP_CNT_SKIP=$((KTAP_CNT_SKIP + 1)) ;;
			*) ktap_test_fail "$name" ;;
			esac
		done
		ktap_print_totals
	)
}

# prepare_tree TREE [APPLY-OPTION...]: print the tree to work on, with the
# series applied: TREE as it is (it must be clean or carry this series), or,
# when TREE is empty, the cached reference tree of $STACK reset to its tag.
prepare_tree() {
	local t=$1
	shift
	if [ -z "$t" ]; then
		t=$(stack_tree "$STACK" | cut -d' ' -f1) || return 1
		"$REPO/scripts/apply" --reset "$@" "$t" >&2 || return 1
	else
		t=$(cd "$t" && pwd) || return 1
		"$REPO/scripts/apply" "$@" "$t" >&2 || return 1
	fi
	echo "$t"
}

# qemu_tcg_shim DIR: DIR/qemu-system-x86_64, the real one without any
# "-accel" but tcg, for tools that ask for KVM first (kunit.py).
qemu_tcg_shim() {
	local real
	real=$(command -v qemu-system-x86_64) || die "qemu-system-x86_64 not found"
	cat >"$1/qemu-system-x86_64" <<SHIM
#!/bin/bash
a=()
while [ \$# -gt 0 ]; do
	if [ "\$1" = -accel ] && [ "\$2" != tcg ]; then shift 2; continue; fi
	a+=("\$1"); shift
done
exec $real "\${a[@]}"
SHIM
	chmod +x "$1/qemu-system-x86_64"
}
