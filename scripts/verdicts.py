#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Verdicts of the host-side checks of the series, one place for the rules.

scripts/check runs the tools and writes KTAP (ok / not ok); whether a
check passed is decided here:

  w1          a W=1 build of the objects a patch touches: FAIL if make
              failed (nonzero status), or if any "warning:"/"error:" line
              names a file the patch touches, C file or header; with
              --objs, also if one of those objects was not compiled (an
              up-to-date object shows no warnings at all)
  checkpatch  checkpatch.pl --strict output: PASS only on
              "total: 0 errors, 0 warnings, 0 checks" (a missing total
              line, or a total without the checks count of --strict, is
              a FAIL)

Command line, for the shell (prints one line, "PASS" or "FAIL: reason";
exit status 0 for PASS, 1 for FAIL, 2 for a usage error):

  verdicts.py w1 --rc N --touched a.c,b.h [--objs a.o] MAKE_LOG
  verdicts.py checkpatch CHECKPATCH_OUTPUT

Importable: w1(rc, log_text, touched, objs=None) and checkpatch(text)
return (ok, reason).
"""
import argparse
import re
import sys

# a "warning:" or "error:" diagnostic (gcc, clang, kernel-doc, ld, make)
DIAG = re.compile(r'\b(warning|error):', re.I)
# path-like words: mm/page_alloc.c, /abs/path/x.h, defrag_mode.c
PATHWORD = re.compile(r'[\w./+-]+')
# Kbuild's quiet build line for an object: "  CC      mm/page_alloc.o"
KBUILD_CC = re.compile(r'^\s*CC(?: \[M\])?\s+(\S+)\s*$')

CP_TOTAL = re.compile(r'^total: (\d+) errors?, (\d+) warnings?(?:, (\d+) checks?)?(?:, (\d+) lines checked)?')
CP_MSG = re.compile(r'^(ERROR|WARNING|CHECK):')


def _split_list(values):
    """["a.c,b.h", "c.c"] -> ["a.c", "b.h", "c.c"], empty items dropped."""
    out = []
    for v in values or []:
        out += [x.strip() for x in v.split(',') if x.strip()]
    return out


def _names(word, touched):
    """Does the path-like WORD name the touched file TOUCHED?

    Equal, WORD a longer path ending in /TOUCHED (an absolute source path
    under O=), or TOUCHED ending in /WORD (a relative name, as a selftest
    Makefile's compiler prints it from the test's directory)."""
    w = word.rstrip(':.,;')
    if w.startswith('./'):
        w = w[2:]
    if not w or '.' not in w:
        return False
    return w == touched or w.endswith('/' + touched) or touched.endswith('/' + w)


def w1(rc, log_text, touched, objs=None):
    """Verdict of a W=1 build: (ok, reason)."""
    touched = [t[2:] if t.startswith('./') else t for t in touched]
    if not touched:
        return False, 'no touched files given: nothing was checked'
    if log_text is None:
        return False, 'no make log'
    if rc != 0:
        return False, f'make exited with status {rc}'
    hits = []
    for line in log_text.splitlines():
        if not DIAG.search(line):
            continue
        named = {t for word in PATHWORD.findall(line) for t in touched if _names(word, t)}
        if named:
            hits.append(line.strip())
    if hits:
        more = f' (+{len(hits) - 1} more)' if len(hits) > 1 else ''
        return False, f'{len(hits)} warning/error line(s) in touched files: {hits[0][:200]}{more}'
    if objs:
        built = {m.group(1) for m in map(KBUILD_CC.match, log_text.splitlines()) if m}
        missing = [o for o in objs if o not in built]
        if missing:
            return False, 'not compiled (up to date, or not built?): ' + ' '.join(missing)
    return True, ''


def checkpatch(text):
    """Verdict of checkpatch.pl --strict output: (ok, reason)."""
    if text is None:
        return False, 'no checkpatch output'
    totals = [m for m in map(CP_TOTAL.match, text.splitlines()) if m]
    msgs = [line.strip() for line in text.splitlines() if CP_MSG.match(line)]
    first = f' ({msgs[0][:160]})' if msgs else ''
    if not totals:
        return False, 'no "total:" line (checkpatch did not finish?)' + first
    if len(totals) > 1:
        return False, f'{len(totals)} "total:" lines in one output (several patches?)'
    m = totals[0]
    if m.group(3) is None:
        return False, f'"{m.group(0)}": no checks count (not run with --strict?)'
    err, warn, chk = int(m.group(1)), int(m.group(2)), int(m.group(3))
    counts = f'{err} errors, {warn} warnings, {chk} checks'
    if err or warn or chk:
        return False, counts + first
    if m.group(4) is not None and int(m.group(4)) == 0:
        return False, 'total: 0 lines checked (empty patch?)'
    if msgs:
        return False, f'total says {counts} but the output holds {len(msgs)} message(s){first}'
    return True, ''


def _read(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read()
    except OSError:
        return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='check', required=True)
    p = sub.add_parser('w1', help='a W=1 build of the objects a patch touches')
    p.add_argument('--rc', type=int, required=True, help="make's exit status")
    p.add_argument('--touched', action='append', required=True,
                   help='files the patch touches, C files and headers, comma-separated (repeatable)')
    p.add_argument('--objs', action='append',
                   help='objects that must have been compiled (a Kbuild "CC obj" line), comma-separated')
    p.add_argument('log', help="make's output (stdout and stderr)")
    p = sub.add_parser('checkpatch', help='checkpatch.pl --strict output of one patch')
    p.add_argument('output', help="checkpatch.pl's output (stdout and stderr)")
    args = ap.parse_args(argv)

    if args.check == 'w1':
        text = _read(args.log)
        ok, why = w1(args.rc, text, _split_list(args.touched), _split_list(args.objs))
        if text is None:
            why = f'{args.log}: cannot read the make log'
    else:
        text = _read(args.output)
        ok, why = checkpatch(text)
        if text is None:
            why = f'{args.output}: cannot read the checkpatch output'
    print('PASS' if ok else 'FAIL: ' + why)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
