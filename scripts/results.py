#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a test guest's serial log into per-suite results.

KTAP comes from two places in the log: KUnit, which runs built in while
the kernel boots (everything before the @@VM-BEGIN@@ line), and the
userspace checks framed by @@KTAP-BEGIN name@@ / @@KTAP-END name rc=N@@.
Each piece is parsed with the tree's own tools/testing/kunit/kunit.py
parse. Besides test results, the log is searched for kernel splats
(WARNING, BUG, lockdep reports, Oops, panic): each one is a failure.

Prints a table and, last, the line "N passed, N failed, N skipped".
Exit status 1 if anything failed or an expected result is missing.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

SPLATS = [
    (r'WARNING: .*(CPU|at) ', 'kernel WARNING'),
    (r'\bBUG: ', 'kernel BUG'),
    (r'kernel BUG at', 'kernel BUG'),
    (r'Oops[:\s]', 'Oops'),
    (r'general protection fault', 'general protection fault'),
    (r'Kernel panic', 'kernel panic'),
    (r'possible (recursive|circular) locking', 'lockdep report'),
    (r'inconsistent lock state', 'lockdep report'),
    (r'possible irq lock inversion', 'lockdep report'),
    (r'suspicious RCU usage', 'lockdep RCU report'),
    (r'INFO: task .* blocked for more than', 'hung task'),
    (r'Out of memory: Killed process', 'OOM kill'),
    (r'UBSAN:', 'UBSAN report'),
]


def kunit_parse(kunit_py, text):
    """Parse KTAP text with kunit.py; return its JSON result or None."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, 'in.log')
        out = os.path.join(d, 'out.json')
        with open(src, 'w') as f:
            f.write(text)
        p = subprocess.run([sys.executable, kunit_py, 'parse', '--json=' + out, src],
                           capture_output=True, text=True)
        if not os.path.exists(out):
            return None, p.stdout + p.stderr
        with open(out) as f:
            return json.load(f), p.stdout


def leaves(group, prefix, acc):
    """Collect (suite, case, status) for the leaf test cases of a JSON group."""
    for case in group.get('test_cases', []):
        acc.append((prefix or group.get('name', '?'), case['name'], case['status']))
    for sub in group.get('sub_groups', []):
        leaves(sub, sub.get('name') or prefix, acc)
    return acc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kunit', required=True, help="path to the tree's kunit.py")
    ap.add_argument('--expect-kunit', action='store_true',
                    help='KUnit output at boot is required')
    ap.add_argument('--expect', action='append', default=[],
                    help='a userspace section that must be present')
    ap.add_argument('--allow', action='append', default=[],
                    help='regex of splat lines that are expected (e.g. from a KUnit test)')
    ap.add_argument('--guest-rc', type=int, default=0)
    ap.add_argument('--extra', action='append', default=[],
                    help='a host-side result "suite:case:PASS|FAIL|SKIP"')
    ap.add_argument('log')
    args = ap.parse_args()

    text = open(args.log, encoding='utf-8', errors='replace').read()
    rows = []      # (suite, case, status)
    problems = []  # strings

    begin = text.find('@@VM-BEGIN@@')
    boot = text if begin < 0 else text[:begin]
    if args.expect_kunit:
        if 'KTAP version' not in boot and 'TAP version' not in boot:
            problems.append('kunit: no KTAP output at boot (KUnit did not run, or the guest died)')
        else:
            res, msg = kunit_parse(args.kunit, boot)
            if res is None:
                problems.append('kunit: kunit.py parse failed: ' + msg.strip()[-300:])
            else:
                got = leaves(res, None, [])
                if not got:
                    problems.append('kunit: parsed KTAP holds no test case')
                rows += [('kunit:' + s, c, st) for s, c, st in got]

    sections = {}
    for m in re.finditer(r'@@KTAP-BEGIN (\S+)@@\n(.*?)@@KTAP-END \1 rc=(\d+)@@',
                         text, re.S):
        sections[m.group(1)] = (m.group(2), int(m.group(3)))
    for name in args.expect:
        if name not in sections:
            problems.append(f'{name}: no result (section missing from the log)')
    for name, (body, rc) in sections.items():
        res, msg = kunit_parse(args.kunit, body)
        got = leaves(res, name, []) if res else []
        if not got:
            if rc == 4 and 'SKIP' in body:
                reason = re.search(r'#\s*SKIP\s*(.*)', body)
                rows.append((name, '(all)', 'SKIPPED'))
                print(f'{name}: skipped: {reason.group(1) if reason else ""}')
            else:
                problems.append(f'{name}: no parsable KTAP (rc={rc})')
            continue
        rows += [(name, c, st) for _, c, st in got]
        if rc not in (0, 4) and not any(st == 'FAIL' for _, _, st in got):
            problems.append(f'{name}: exited {rc} but reported no failing case')

    for e in args.extra:
        suite, rest = e.split(':', 1)
        case, st = rest.rsplit(':', 1)
        rows.append((suite, case, {'PASS': 'PASS', 'FAIL': 'FAIL'}.get(st, 'SKIPPED')))

    allow = [re.compile(a) for a in args.allow]
    for line in text.splitlines():
        for pat, what in SPLATS:
            if re.search(pat, line) and not any(a.search(line) for a in allow):
                problems.append(f'splat: {what}: {line.strip()[:160]}')
                break

    if args.guest_rc not in (0,):
        problems.append(f'guest: run ended with status {args.guest_rc}')

    # Per-suite table.
    suites = {}
    for s, c, st in rows:
        d = suites.setdefault(s, {'PASS': 0, 'FAIL': 0, 'SKIPPED': 0})
        d['FAIL' if st in ('FAIL', 'ERROR') else st if st in d else 'SKIPPED'] += 1
    print(f'{"suite":40s} {"pass":>5s} {"fail":>5s} {"skip":>5s}')
    for s, d in suites.items():
        print(f'{s:40s} {d["PASS"]:5d} {d["FAIL"]:5d} {d["SKIPPED"]:5d}')
    for s, c, st in rows:
        if st in ('FAIL', 'ERROR'):
            print(f'FAILED: {s}: {c}')
    for p in problems:
        print(f'FAILED: {p}')

    npass = sum(d['PASS'] for d in suites.values())
    nfail = sum(d['FAIL'] for d in suites.values()) + len(problems)
    nskip = sum(d['SKIPPED'] for d in suites.values())
    print(f'{npass} passed, {nfail} failed, {nskip} skipped')
    return 1 if nfail or npass == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
