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

# need_pkgs PKG...: install the Debian packages that are missing.
need_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
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

# series_patches: the patch names in `series`, comments dropped.
series_patches() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$REPO/series" | awk '{print $1}'; }

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
	' "$REPO/series"
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
