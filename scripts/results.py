#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a test run: KTAP results against the expected-results manifest.

Every result is KTAP, parsed with the tree's own tools/testing/kunit/kunit.py
(kunit.py parse --json). It comes from three places:

  KUnit      built in, runs while the test guest boots: everything in the
             serial log before the @@VM-BEGIN@@ line. Each KUnit suite is
             a suite of its own, named as in the KTAP (a parameterised
             case is "test/param").
  guest      the userspace checks, framed in the serial log by
             @@KTAP-BEGIN name@@ ... @@KTAP-END name rc=N@@: suite "name".
  host       files given with --ktap SUITE=FILE (the bisect build, W=1,
             checkpatch, the base seedcheck), written by the shell with
             kselftest/ktap_helpers.sh: every line must be KTAP.

The manifest (--manifest FILE, and --require on the command line) says
what must be there; one rule a line, whole-line '#' comments:

  require SUITE CASE-GLOB            at least one result of SUITE whose case
                                     matches CASE-GLOB (fnmatch, case-sensitive;
                                     the glob is the rest of the line)
  skip SUITE CASE-GLOB -- REASON     a SKIP of a matching case is acceptable
                                     when its KTAP reason matches the glob
                                     REASON

The run fails on: a require that no result meets; a required KUnit suite
without a passing case; a FAIL or ERROR; a SKIP that no skip rule allows;
a missing, unreadable or unparsable KTAP file or section (or one with
parse errors, or a section cut off before its @@KTAP-END); a guest that
did not reach @@VM-EXIT@@ rc=0 or whose status (--guest-rc) is not 0; a
kernel splat (WARNING, BUG, Oops, lockdep, hung task, OOM kill, ...) not
matched by --allow; no passing result at all.

Prints a per-suite table, every failure ("FAILED: ...") and allowed skip
("SKIPPED: ..."), and last the line "N passed, N failed, N skipped" (an
unmet requirement or other problem counts as one failure). Exit status 1
if anything failed, 0 otherwise.
"""
import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass

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

VM_BEGIN = '@@VM-BEGIN@@'
VM_EXIT = re.compile(r'@@VM-EXIT@@ rc=(\d+)')
SECTION_BEGIN = re.compile(r'@@KTAP-BEGIN (\S+)@@')
SKIP_LINE = re.compile(r'(?:^|\s)(?:not )?ok \d+ (?:- )?(.*?) # SKIP ?(.*)$')
# What kselftest/ktap_helpers.sh writes; a host file holds nothing else.
HOST_LINE = re.compile(r'(?:(?:K?TAP version \d+)|(?:1\.\.\d+(?: # SKIP.*)?)|'
                       r'(?:(?:not )?ok \d+ \S.*)|(?:#.*)|)$')
KSFT_SKIP = 4


@dataclass
class Row:
    suite: str
    case: str
    status: str      # PASS, SKIP, FAIL, ERROR (kunit.py's JSON statuses)
    origin: str      # kunit, guest, host
    reason: str = ''  # the KTAP's SKIP reason, if any


@dataclass
class Rule:
    kind: str        # require, skip
    suite: str
    glob: str
    reason: str
    where: str       # "FILE:LINE" or "--require"

    def matches(self, row):
        """A require matches the suite and case; a skip rule the skip's
        reason too (its REASON is a glob over the KTAP reason), so that a
        case allowed to skip for one reason does not pass skipping for
        another."""
        return (row.suite == self.suite and fnmatch.fnmatchcase(row.case, self.glob) and
                (self.kind != 'skip' or fnmatch.fnmatchcase(row.reason, self.reason)))

    def __str__(self):
        return f'{self.kind} {self.suite} {self.glob}'


# --- the manifest -------------------------------------------------------------

def parse_rule(line, where):
    """One manifest line -> Rule; raises ValueError on a malformed one."""
    words = line.split(None, 2)
    if len(words) < 3 or words[0] not in ('require', 'skip'):
        raise ValueError(f'{where}: expected "require SUITE CASE-GLOB" or '
                         f'"skip SUITE CASE-GLOB -- REASON": {line.strip()!r}')
    kind, suite, rest = words[0], words[1], words[2].strip()
    reason = ''
    if kind == 'skip':
        glob, sep, reason = rest.partition(' -- ')
        glob, reason = glob.strip(), reason.strip()
        if not sep or not glob or not reason:
            raise ValueError(f'{where}: a skip rule needs "-- REASON": {line.strip()!r}')
    else:
        glob = rest
    return Rule(kind, suite, glob, reason, where)


def read_manifest(path, _seen=()):
    """-> (rules, problems). "include FILE" (relative to the manifest) reads
    FILE's rules in its place."""
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.read().splitlines()
    except OSError as e:
        return [], [f'manifest {path}: {e.strerror}']
    rules, problems = [], []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        words = line.split()
        if words[0] == 'include':
            inc = os.path.join(os.path.dirname(path), ' '.join(words[1:]))
            if len(words) < 2 or os.path.abspath(inc) in _seen:
                problems.append(f'manifest {path}:{n}: a bad or circular include: {line.strip()!r}')
                continue
            r, p = read_manifest(inc, _seen + (os.path.abspath(path),))
            rules += r
            problems += p
            continue
        try:
            rules.append(parse_rule(line, f'{path}:{n}'))
        except ValueError as e:
            problems.append(f'manifest {e}')
    return rules, problems


def require_args(values):
    """--require SUITE:CASE-GLOB values -> (rules, problems)."""
    rules, problems = [], []
    for v in values:
        suite, sep, glob = v.partition(':')
        if not sep or not suite.strip() or not glob.strip() or ' ' in suite.strip():
            problems.append(f'--require {v!r}: expected SUITE:CASE-GLOB')
            continue
        rules.append(Rule('require', suite.strip(), glob.strip(), '', '--require'))
    return rules, problems


# --- KTAP through kunit.py ----------------------------------------------------

def kunit_parse(kunit_py, text):
    """Parse KTAP text with kunit.py: (JSON result, None) or (None, why)."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, 'in.log')
        out = os.path.join(d, 'out.json')
        with open(src, 'w') as f:
            f.write(text)
        p = subprocess.run([sys.executable, kunit_py, 'parse', '--json=' + out, src],
                           capture_output=True, text=True)
        try:
            with open(out) as f:
                return json.load(f), None
        except (OSError, ValueError):
            return None, 'kunit.py parse failed: ' + (p.stdout + p.stderr).strip()[-300:]


def skip_reasons(text):
    """{case name: reason} of the "ok N name # SKIP reason" lines of TEXT."""
    return {m.group(1).strip(): m.group(2).strip()
            for m in map(SKIP_LINE.search, text.splitlines()) if m}


def group_rows(group, suite, path, origin, reasons, acc):
    """Rows for the leaf cases under a kunit.py JSON group; a sub-group's
    cases are named "sub/case"."""
    for case in group.get('test_cases', []):
        # kunit.py stands in a nameless ERROR case for each missing result
        name = path + (case['name'] or '(missing result)')
        acc.append(Row(suite, name, case['status'], origin,
                       reasons.get(case['name'], '') if case['status'] == 'SKIP' else ''))
    for sub in group.get('sub_groups', []):
        group_rows(sub, suite, path + sub.get('name', '?') + '/', origin, reasons, acc)
    return acc


def parse_errors(res):
    return res.get('misc', {}).get('errors', 0)


def skip_all(text):
    """The reason of a "1..0 # SKIP reason" plan, or None."""
    m = re.search(r'^\s*1\.\.0 # SKIP ?(.*)$', text, re.M)
    return m.group(1).strip() if m else None


def ktap_rows(kunit_py, text, suite, origin, rc=None):
    """Rows of one KTAP document that is a single suite (a guest section or
    a host file) -> (rows, problems)."""
    res, why = kunit_parse(kunit_py, text)
    if res is None:
        return [], [f'{suite}: {why}']
    rows = group_rows(res, suite, '', origin, skip_reasons(text), [])
    if not rows:
        reason = skip_all(text)
        if reason is None and rc == KSFT_SKIP and 'SKIP' in text:
            m = re.search(r'#\s*SKIP\s*(.*)', text)
            reason = m.group(1).strip() if m else ''
        if reason is not None:
            return [Row(suite, '(all)', 'SKIP', origin, reason)], []
        return [], [f'{suite}: no test case in its KTAP']
    problems = []
    if parse_errors(res):
        problems.append(f'{suite}: {parse_errors(res)} KTAP parse error(s) '
                        '(numbering, plan or a missing result)')
    return rows, problems


# --- the three sources --------------------------------------------------------

def boot_results(kunit_py, text):
    """KUnit at boot: everything before @@VM-BEGIN@@ -> (rows, problems, notes)."""
    begin = text.find(VM_BEGIN)
    boot = text if begin < 0 else text[:begin]
    if 'KTAP version' not in boot and 'TAP version' not in boot:
        return [], [], ['no KTAP at boot: KUnit did not run (or the guest died first)']
    res, why = kunit_parse(kunit_py, boot)
    if res is None:
        return [], [f'kunit: {why}'], []
    reasons = skip_reasons(boot)
    rows = []
    for case in res.get('test_cases', []):
        # a suite without cases (it failed or skipped as a whole)
        rows.append(Row(case['name'], '(all)', case['status'], 'kunit',
                        reasons.get(case['name'], '') if case['status'] == 'SKIP' else ''))
    for suite in res.get('sub_groups', []):
        group_rows(suite, suite.get('name', '?'), '', 'kunit', reasons, rows)
    problems = []
    if not rows:
        problems.append('kunit: the KTAP at boot holds no test case')
    if parse_errors(res):
        problems.append(f'kunit: {parse_errors(res)} KTAP parse error(s) at boot '
                        '(numbering, plan or a missing result)')
    return rows, problems, []


def sections(text):
    """The framed userspace sections: [(name, body, rc or None)], problems."""
    found, problems = [], []
    for m in SECTION_BEGIN.finditer(text):
        name = m.group(1)
        end = re.compile(r'@@KTAP-END ' + re.escape(name) + r' rc=(\d+)@@').search(text, m.end())
        nxt = SECTION_BEGIN.search(text, m.end())
        if end is None or (nxt is not None and nxt.start() < end.start()):
            stop = nxt.start() if nxt else len(text)
            found.append((name, text[m.end():stop], None))
            problems.append(f'{name}: no @@KTAP-END (the guest died or hung during it)')
        else:
            found.append((name, text[m.end():end.start()], int(end.group(1))))
    names = [n for n, _, _ in found]
    for n in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f'{n}: the section appears {names.count(n)} times')
    return found, problems


def guest_results(kunit_py, text):
    """The framed userspace sections -> (rows, problems)."""
    found, problems = sections(text)
    rows = []
    for name, body, rc in found:
        got, probs = ktap_rows(kunit_py, body, name, 'guest', rc)
        rows += got
        problems += probs
        if rc not in (None, 0, KSFT_SKIP) and not any(r.status in ('FAIL', 'ERROR') for r in got):
            problems.append(f'{name}: exited {rc} but reported no failing case')
    return rows, problems


def host_results(kunit_py, specs):
    """--ktap SUITE=FILE values -> (rows, problems)."""
    rows, problems = [], []
    for spec in specs:
        suite, sep, path = spec.partition('=')
        suite = suite.strip()
        if not sep or not suite or not path or ' ' in suite:
            problems.append(f'--ktap {spec!r}: expected SUITE=FILE')
            continue
        try:
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
        except OSError as e:
            problems.append(f'{suite}: {path}: {e.strerror} (the check did not write its result)')
            continue
        bad = [ln for ln in text.splitlines() if not HOST_LINE.match(ln.rstrip('\r'))]
        if bad:
            problems.append(f'{suite}: {path}: {len(bad)} line(s) that are not KTAP, first: {bad[0][:120]!r}')
        if 'TAP version' not in text:
            problems.append(f'{suite}: {path}: no "TAP version" header')
            continue
        got, probs = ktap_rows(kunit_py, text, suite, 'host')
        rows += got
        problems += probs
    return rows, problems


def splats(text, allow):
    """Kernel splat lines not matched by an --allow regex -> problems."""
    allow = [re.compile(a) for a in allow]
    problems = []
    for line in text.splitlines():
        for pat, what in SPLATS:
            if re.search(pat, line) and not any(a.search(line) for a in allow):
                problems.append(f'splat: {what}: {line.strip()[:160]}')
                break
    return problems


def guest_status(text, guest_rc):
    """The guest must have reached its end-of-run sentinel, with status 0."""
    problems = []
    exits = VM_EXIT.findall(text)
    if VM_BEGIN not in text:
        problems.append('guest: no @@VM-BEGIN@@ in the serial log (the guest never ran its checks)')
    if not exits:
        problems.append('guest: no @@VM-EXIT@@ in the serial log (the guest died or hung)')
    elif int(exits[-1]) != 0:
        problems.append(f'guest: its checks ended with status {exits[-1]} (@@VM-EXIT@@)')
    if guest_rc != 0:
        problems.append(f'guest: run ended with status {guest_rc}'
                        + {124: ' (hung: timeout)', 125: ' (died: panic or reboot)'}.get(guest_rc, ''))
    return problems


# --- verdict --------------------------------------------------------------------

def evaluate(rows, rules):
    """Judge the rows against the rules -> (verdicts, problems, notes).

    verdicts: one (row, verdict, detail) per row, verdict PASS, FAIL or SKIP
    (an allowed skip); problems: unmet requirements."""
    skips = [r for r in rules if r.kind == 'skip']
    requires = [r for r in rules if r.kind == 'require']
    verdicts, problems, notes = [], [], []
    used = set()
    for row in rows:
        if row.status == 'PASS':
            verdicts.append((row, 'PASS', ''))
        elif row.status == 'SKIP':
            rule = next((r for r in skips if r.matches(row)), None)
            said = f' (KTAP: "{row.reason}")' if row.reason else ''
            if rule:
                used.add(id(rule))
                verdicts.append((row, 'SKIP', row.reason or rule.reason))
            else:
                verdicts.append((row, 'FAIL', 'skipped, and no skip rule allows it' + said))
        else:
            verdicts.append((row, 'FAIL', row.status))
    suites = {}
    for row in rows:
        suites.setdefault(row.suite, []).append(row)
    for rule in requires:
        have = suites.get(rule.suite, [])
        if not have:
            problems.append(f'missing: {rule} ({rule.where}): no result of suite {rule.suite}')
        elif not any(rule.matches(r) for r in have):
            problems.append(f'missing: {rule} ({rule.where}): no case of {rule.suite} matches')
    for suite in sorted({r.suite for r in requires}):
        have = suites.get(suite, [])
        if have and have[0].origin == 'kunit' and not any(r.status == 'PASS' for r in have):
            problems.append(f'{suite}: a required KUnit suite without a passing case')
    for rule in skips:
        if id(rule) not in used:
            notes.append(f'{rule} ({rule.where}) allowed no skip in this run')
    if not requires:
        notes.append('no require rule (--manifest, --require): a missing result goes unnoticed')
    return verdicts, problems, notes


def report(verdicts, problems, notes):
    """Print the table, the failures and skips, the closing line; -> exit status."""
    table = {}
    for row, v, _ in verdicts:
        d = table.setdefault(row.suite, {'from': row.origin, 'PASS': 0, 'FAIL': 0, 'SKIP': 0})
        d[v] += 1
    print(f'{"suite":40s} {"from":6s} {"pass":>5s} {"fail":>5s} {"skip":>5s}')
    for s, d in table.items():
        print(f'{s:40s} {d["from"]:6s} {d["PASS"]:5d} {d["FAIL"]:5d} {d["SKIP"]:5d}')
    for n in notes:
        print(f'note: {n}')
    for row, v, detail in verdicts:
        if v == 'SKIP':
            print(f'SKIPPED: {row.suite}: {row.case}: {detail}')
    for row, v, detail in verdicts:
        if v == 'FAIL':
            print(f'FAILED: {row.suite}: {row.case}: {detail}')
    npass = sum(v == 'PASS' for _, v, _ in verdicts)
    if not verdicts:
        problems = problems + ['no result at all']
    elif not npass:
        problems = problems + ['no result passed']
    for p in problems:
        print(f'FAILED: {p}')
    nfail = sum(v == 'FAIL' for _, v, _ in verdicts) + len(problems)
    nskip = sum(v == 'SKIP' for _, v, _ in verdicts)
    print(f'{npass} passed, {nfail} failed, {nskip} skipped')
    return 1 if nfail else 0


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--kunit', required=True, metavar='PATH',
                    help="the tree's tools/testing/kunit/kunit.py (parses every KTAP)")
    ap.add_argument('--guest-rc', type=int, required=True, metavar='N',
                    help="scripts/vm's exit status (124: hung, 125: died)")
    ap.add_argument('--manifest', metavar='FILE',
                    help='expected results: "require SUITE CASE-GLOB" and '
                         '"skip SUITE CASE-GLOB -- REASON" lines (scripts/expected-<stack>)')
    ap.add_argument('--require', action='append', default=[], metavar='SUITE:CASE-GLOB',
                    help='one more require rule (repeatable; the suite ends at the first ":")')
    ap.add_argument('--expect', action='append', default=[], metavar='SUITE',
                    help='same as --require SUITE:* (a guest section that must be there)')
    ap.add_argument('--ktap', action='append', default=[], metavar='SUITE=FILE',
                    help='a host-side KTAP file whose cases are results of SUITE '
                         '(repeatable); missing or not KTAP is a failure')
    ap.add_argument('--allow', action='append', default=[], metavar='REGEX',
                    help='a kernel splat line that is expected (e.g. from a KUnit test)')
    ap.add_argument('log', help="the test guest's serial log")
    return ap.parse_args(argv)


def read_log(path):
    """-> (text, problems); an unreadable log reads as empty (and fails)."""
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read(), []
    except OSError as e:
        return '', [f'serial log {path}: {e.strerror}']


def collect(kunit_py, text, ktap_specs):
    """Every result: KUnit at boot, guest sections, host files -> (rows, problems, notes)."""
    if not os.path.isfile(kunit_py):
        return [], [f'kunit.py not found at {kunit_py}: no KTAP could be parsed'], []
    rows, problems, notes = boot_results(kunit_py, text)
    r, p = guest_results(kunit_py, text)
    rows, problems = rows + r, problems + p
    r, p = host_results(kunit_py, ktap_specs)
    return rows + r, problems + p, notes


def main(argv=None):
    args = parse_args(argv)
    text, problems = read_log(args.log)
    rows, p, notes = collect(args.kunit, text, args.ktap)
    problems += p + splats(text, args.allow) + guest_status(text, args.guest_rc)
    rules, p = read_manifest(args.manifest) if args.manifest else ([], [])
    problems += p
    r, p = require_args(args.require + [f'{s}:*' for s in args.expect])
    rules, problems = rules + r, problems + p
    verdicts, p, n = evaluate(rows, rules)
    return report(verdicts, problems + p, notes + n)


if __name__ == '__main__':
    sys.exit(main())
