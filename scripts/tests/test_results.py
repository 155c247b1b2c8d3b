# SPDX-License-Identifier: GPL-2.0
"""scripts/results.py: the verdict of a test run, on fixture logs.

fixtures/serial/good.log is the serial log of a real scripts/test run
(2026-11-26, the series applied, x86_64 test kernel under QEMU/TCG),
trimmed: fewer boot lines, fewer parameterised KUnit cases and damon
cases, fewer storm figures. fixtures/host/*.ktap are the host-side KTAP
files as scripts/check and scripts/test write them with ktap_helpers.sh.
Each silent-pass case of the old results.py has a test here that the old
code would pass and the new one must fail.
"""
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import KUNIT_PY, SCRIPTS, fixture, read_fixture, run_script  # noqa: E402
import results  # noqa: E402

EXPECTED = os.path.join(SCRIPTS, 'expected-june')
HOST = {s: fixture('host', s + '.ktap') for s in ('base', 'bisect', 'w1', 'checkpatch', 'harness')}
CLOSING = re.compile(r'^(\d+) passed, (\d+) failed, (\d+) skipped$')

# What good.log holds: KUnit 7 + 19 + 3 + 5 + 11 + 4 = 49 cases, 3 of them
# skipped (slub_test), the 4 KUnit rerun results, and the 7 kselftest
# cases; the host files: seedcheck 1, bisect 10, w1 9, checkpatch 10,
# harness 3.
GOOD = (46 + 4 + 7 + 1 + 10 + 9 + 10 + 3, 0, 3)


def patch_requires():
    """The --require options scripts/test generates per series patch."""
    names = re.findall(r'^ok \d+ (\S+) builds mm/$', read_fixture('host', 'bisect.ktap'), re.M)
    req = []
    for n, name in enumerate(names, 1):
        req += ['--require', f'bisect:{name} builds mm/', '--require', f'checkpatch:{n:04d}-*']
    return req


def drop_kunit_suites(log, suites):
    """The log as if the kernel had not had these KUnit suites: their blocks
    cut out of the boot KTAP, the top-level plan and numbers redone."""
    out, skipping = [], None
    for line in log.splitlines(True):
        m = re.match(r'    # Subtest: (\S+)$', line)
        if m and m.group(1) in suites:
            # the suite's block starts at its "KTAP version" line, just before
            if out and out[-1].strip() == 'KTAP version 1':
                out.pop()
            skipping = m.group(1)
            continue
        if skipping:
            if re.match(r'(not )?ok \d+ ' + re.escape(skipping) + r'$', line.rstrip('\n')):
                skipping = None
            continue
        out.append(line)
    text = ''.join(out)
    boot, sep, rest = text.partition('@@VM-BEGIN@@')
    n = iter(range(1, 1000))
    boot = re.sub(r'(?m)^((?:not )?ok) \d+ ', lambda m: f'{m.group(1)} {next(n)} ', boot)
    boot = re.sub(r'(?m)^1\.\.\d+$', f'1..{next(n) - 1}', boot, count=1)
    return boot + sep + rest


def skip_case(log, case, reason):
    """The kselftest case CASE reported as skipped, as kselftest_harness.h does."""
    new, k = re.subn(r'(?m)^ok (\d+) ' + re.escape(case) + '$',
                     lambda m: f'ok {m.group(1)} {case} # SKIP {reason}', log)
    assert k == 1, case
    return new


class ResultsCase(unittest.TestCase):
    def setUp(self):
        # no kunit.py, no verdict: fail, never skip
        self.assertTrue(os.path.isfile(KUNIT_PY),
                        f'kunit.py not found at {KUNIT_PY} (set KUNIT_PY to a kernel tree\'s '
                        'tools/testing/kunit/kunit.py)')
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name
        self.good = read_fixture('serial', 'good.log')

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, 'w') as f:
            f.write(text)
        return path

    def results(self, log=None, host=None, args=(), manifest=EXPECTED, guest_rc=0, requires=True):
        """Run results.py as scripts/test does -> (exit status, stdout).
        host: {suite: path or None (left out)} over the defaults."""
        files = dict(HOST, **(host or {}))
        cmd = ['--kunit', KUNIT_PY, '--guest-rc', str(guest_rc)]
        if manifest:
            cmd += ['--manifest', manifest]
        for suite, path in files.items():
            if path is not None:
                cmd += ['--ktap', f'{suite}={path}']
        if requires:
            cmd += patch_requires()
        cmd += list(args) + [self.write('serial.log', self.good if log is None else log)]
        p = run_script('results.py', *cmd)
        self.assertEqual(p.stderr, '')
        self.out = p.stdout
        last = p.stdout.splitlines()[-1] if p.stdout else ''
        self.assertRegex(last, CLOSING, 'the closing line must be the last line')
        self.counts = tuple(int(x) for x in CLOSING.match(last).groups())
        # the exit status and the closing line agree
        self.assertEqual(p.returncode, 1 if self.counts[1] else 0, p.stdout)
        return p.returncode, p.stdout

    def assertPasses(self, *a, **kw):
        rc, out = self.results(*a, **kw)
        self.assertEqual(rc, 0, out)
        self.assertNotIn('FAILED', out)
        return out

    def assertFails(self, *needles, **kw):
        """results.py must fail, with a FAILED line holding each needle."""
        rc, out = self.results(**kw)
        self.assertEqual(rc, 1, out)
        self.assertGreater(self.counts[1], 0)
        failed = [ln for ln in out.splitlines() if ln.startswith('FAILED: ')]
        for n in needles:
            self.assertTrue(any(n in ln for ln in failed), f'no FAILED line with {n!r} in:\n{out}')
        return out


class GoodRun(ResultsCase):
    def test_good_run_passes_with_the_right_counts(self):
        out = self.assertPasses()
        self.assertEqual(self.counts, GOOD)
        self.assertEqual(out.splitlines()[-1], '%d passed, %d failed, %d skipped' % GOOD)
        table = {m.group(1): m.group(2, 3, 4, 5) for m in
                 re.finditer(r'(?m)^(\S+) +(\w+) +(\d+) +(\d+) +(\d+)$', out)}
        self.assertEqual(table['defrag_mode_compaction'], ('kunit', '7', '0', '0'))
        self.assertEqual(table['defrag_mode_page_alloc'], ('kunit', '6', '0', '0'))
        self.assertEqual(table['defrag_mode_slowpath'], ('kunit', '13', '0', '0'))
        self.assertEqual(table['slub_test'], ('kunit', '8', '0', '3'))
        self.assertEqual(table['kselftest_defrag_mode'], ('guest', '7', '0', '0'))
        self.assertEqual(table['bisect'], ('host', '10', '0', '0'))
        self.assertIn("SKIPPED: slub_test: test_kfree_rcu: can't do kfree_rcu() when test is built-in", out)
        self.assertIn('SKIPPED: slub_test: test_kmalloc_kfree_nolock: Failed to create perf event', out)

    def test_kunit_cases_named_suite_and_test_param(self):
        rows, problems, _ = results.boot_results(KUNIT_PY, self.good)
        self.assertEqual(problems, [])
        cases = {(r.suite, r.case) for r in rows}
        self.assertIn(('defrag_mode_slowpath', 'defrag_test_retry/reclaim retry: promoted order 0, '
                       'room -> no retry, loops counted'), cases)
        self.assertIn(('defrag_mode_slowpath', 'defrag_test_fallback'), cases)
        self.assertIn(('usercopy', 'usercopy_test_valid'), cases)

    def test_expect_alias_of_require(self):
        self.assertPasses(args=['--expect', 'kselftest_defrag_mode'])
        self.assertFails('missing: require kselftest_nothing *', args=['--expect', 'kselftest_nothing'])


class SilentPasses(ResultsCase):
    """Each of these passed with the old results.py."""

    def test_a_series_kunit_suites_missing_fails(self):
        # the tree's own suites (damon, slub_test, usercopy) pass; the series' are not there
        log = drop_kunit_suites(self.good, {'defrag_mode_compaction', 'defrag_mode_page_alloc',
                                                 'defrag_mode_slowpath'})
        self.assertIn('ok 1 damon\n', log)
        out = self.assertFails('missing: require defrag_mode_compaction defrag_test_source/*',
                               'missing: require defrag_mode_slowpath defrag_test_fallback', log=log)
        self.assertNotIn('parse error', out)

    def test_required_kunit_suite_without_a_pass_fails(self):
        # every case of a required KUnit suite skipped, even where a skip rule allows it
        log = re.sub(r'(?m)^(    ok \d+ usercopy_test_\w+)$', r'\1 # SKIP no MMU', self.good)
        manifest = self.write('m', 'require usercopy *\nskip usercopy * -- no MMU\n')
        self.assertFails('usercopy: a required KUnit suite without a passing case',
                         log=log, manifest=manifest, requires=False)

    def test_b_storm_variants_skipped_fails(self):
        log = self.good
        for v in ('storm.nonmovable_demand', 'restore.timeout.settings_back_after_probe'):
            log = skip_case(log, v, 'zram swap not set up')
        out = self.assertFails(
            'kselftest_defrag_mode: storm.nonmovable_demand: skipped, and no skip rule '
            'allows it (KTAP: "zram swap not set up")',
            'kselftest_defrag_mode: restore.timeout.settings_back_after_probe: skipped', log=log)
        self.assertEqual(self.counts, (GOOD[0] - 2, 2, GOOD[2]))
        self.assertNotIn('SKIPPED: kselftest_defrag_mode: storm', out)

    def test_b_whole_section_skipped_fails(self):
        # run_vmtests.sh exits 4 and the harness printed nothing
        log = re.sub(r'(?s)@@KTAP-BEGIN kselftest_defrag_mode@@\n.*@@KTAP-END kselftest_defrag_mode rc=0@@',
                     '@@KTAP-BEGIN kselftest_defrag_mode@@\n1..0 # SKIP no zram\n'
                     '@@KTAP-END kselftest_defrag_mode rc=4@@', self.good)
        self.assertFails('kselftest_defrag_mode: (all): skipped, and no skip rule allows it',
                         'missing: require kselftest_defrag_mode sysctl_toggles.zero_and_one', log=log)

    def test_c_seedcheck_missing_fails(self):
        self.assertFails('missing: require base seedcheck', host={'base': None})

    def test_c_seedcheck_skipped_with_allowed_reason_passes(self):
        out = self.assertPasses(host={'base': fixture('host', 'base-skip.ktap')})
        self.assertEqual(self.counts, (GOOD[0] - 1, 0, GOOD[2] + 1))
        self.assertIn('SKIPPED: base: seedcheck: /work/main/../shared/seeds absent', out)

    def test_c_seedcheck_skipped_for_another_reason_fails(self):
        # a skip rule allows its case to skip for the reason it names only
        other = self.write('base.ktap', read_fixture('host', 'base-skip.ktap').replace(
            '/work/main/../shared/seeds absent', 'seedcheck.py crashed'))
        self.assertFails('base: seedcheck: skipped, and no skip rule allows it', host={'base': other})

    def test_c_seedcheck_failed_fails(self):
        bad = self.write('base.ktap', read_fixture('host', 'base.ktap').replace('ok 1 seedcheck',
                                                                                 'not ok 1 seedcheck'))
        self.assertFails('base: seedcheck: FAIL', host={'base': bad})

    def test_d_w1_not_ok_fails(self):
        # the W=1 verdict itself is test_verdicts.W1; here its KTAP row
        text = read_fixture('host', 'w1.ktap').replace('ok 8 0009-', 'not ok 8 0009-')
        self.assertFails('w1: 0009-mm-add-KUnit-tests-for-defrag_mode-s-fallback-gates W=1: FAIL',
                         host={'w1': self.write('w1.ktap', text)})

    def test_f_host_ktap_unknown_status_fails(self):
        # the old --extra turned any unknown status into SKIPPED
        text = read_fixture('host', 'checkpatch.ktap').replace('ok 3 0003', 'WEIRD 3 0003')
        self.assertFails("checkpatch: ", "line(s) that are not KTAP, first: 'WEIRD 3 0003",
                         host={'checkpatch': self.write('cp.ktap', text)})

    def test_f_host_ktap_garbage_fails(self):
        text = read_fixture('host', 'bisect.ktap') + 'make: *** [Makefile:2000: mm/] Error 2\n'
        self.assertFails('bisect: ', 'not KTAP', host={'bisect': self.write('b.ktap', text)})

    def test_f_host_ktap_not_ktap_at_all_fails(self):
        self.assertFails('w1: ', 'no "TAP version" header',
                         host={'w1': self.write('w1.ktap', 'check: w1: all fine: PASS\n')})

    def test_f_host_ktap_missing_fails(self):
        self.assertFails('bisect: ', 'No such file or directory (the check did not write its result)',
                         host={'bisect': os.path.join(self.tmp, 'absent.ktap')})

    def test_f_host_ktap_empty_fails(self):
        self.assertFails('checkpatch: ', host={'checkpatch': self.write('cp.ktap', '')})

    def test_f_host_ktap_short_of_its_plan_fails(self):
        # the check died after 9 of its 10 results
        text = re.sub(r'(?m)^ok 10 .*\n', '', read_fixture('host', 'bisect.ktap'))
        self.assertFails('bisect: (missing result): ERROR', host={'bisect': self.write('b.ktap', text)})

    def test_f_host_ktap_bail_out_fails(self):
        text = read_fixture('host', 'checkpatch.ktap').replace('ok 10 ', 'Bail out! export failed\nok 10 ')
        self.assertFails('checkpatch: ', 'not KTAP', host={'checkpatch': self.write('cp.ktap', text)})


class Guest(ResultsCase):
    def test_guest_died_fails(self):
        # the guest panicked during the storm: no @@KTAP-END, no @@VM-EXIT@@, scripts/vm said 125
        log = self.good[:self.good.index('ok 4 restore.failed_assert')] + 'Kernel panic - not syncing: oops\n'
        self.assertFails('kselftest_defrag_mode: no @@KTAP-END',
                         'guest: no @@VM-EXIT@@', 'guest: run ended with status 125 (died',
                         'splat: kernel panic',
                         'missing: require kselftest_defrag_mode storm.nonmovable_demand',
                         log=log, guest_rc=125)

    def test_guest_died_at_boot_fails(self):
        log = self.good[:self.good.index('    # Subtest: damon\n')]
        self.assertFails('guest: no @@VM-BEGIN@@', 'guest: no @@VM-EXIT@@', 'kunit: ',
                         'missing: require usercopy *', log=log, guest_rc=125)

    def test_no_exit_marker_fails_whatever_the_status_says(self):
        log = self.good.replace('@@VM-EXIT@@ rc=0', '')
        self.assertFails('guest: no @@VM-EXIT@@', log=log, guest_rc=0)

    def test_guest_status_nonzero_fails(self):
        self.assertFails('guest: run ended with status 1', guest_rc=1)

    def test_guest_checks_status_nonzero_fails(self):
        self.assertFails('guest: its checks ended with status 1',
                         log=self.good.replace('@@VM-EXIT@@ rc=0', '@@VM-EXIT@@ rc=1'))

    def test_section_status_without_failing_case_fails(self):
        log = self.good.replace('@@KTAP-END kselftest_defrag_mode rc=0@@',
                                '@@KTAP-END kselftest_defrag_mode rc=1@@')
        self.assertFails('kselftest_defrag_mode: exited 1 but reported no failing case', log=log)

    def test_section_twice_fails(self):
        a = self.good.index('@@KTAP-BEGIN')
        b = self.good.index('@@KTAP-END kselftest_defrag_mode rc=0@@') + len('@@KTAP-END kselftest_defrag_mode rc=0@@\n')
        log = self.good[:b] + self.good[a:]
        self.assertFails('kselftest_defrag_mode: the section appears 2 times', log=log)

    def test_kselftest_case_failed_fails(self):
        log = self.good.replace('\nok 7 storm.nonmovable_demand',
                                '\nnot ok 7 storm.nonmovable_demand')
        self.assertFails('kselftest_defrag_mode: storm.nonmovable_demand: FAIL', log=log)

    def test_kunit_case_failed_fails(self):
        log = self.good.replace('    ok 5 defrag_test_fallback', '    not ok 5 defrag_test_fallback')
        self.assertFails('defrag_mode_slowpath: defrag_test_fallback: FAIL', log=log)

    def test_kunit_case_crashed_fails(self):
        # the kernel stopped reporting inside a suite: its remaining results are missing
        log = self.good.replace('    ok 3 usercopy_test_check_nonzero_user\n', '') \
                       .replace('    ok 4 usercopy_test_copy_struct_from_user\n', '')
        self.assertFails('usercopy: (missing result): ERROR', log=log)

    def test_splat_fails(self):
        splat = ('------------[ cut here ]------------\n'
                 'WARNING: CPU: 1 PID: 57 at mm/page_alloc.c:4410 __alloc_pages_slowpath+0x9d2/0xe80\n')
        log = self.good.replace('@@VM-EXIT@@', splat + '@@VM-EXIT@@')
        self.assertFails('splat: kernel WARNING: WARNING: CPU: 1 PID: 57 at mm/page_alloc.c:4410', log=log)
        self.assertPasses(log=log, args=['--allow', r'at mm/page_alloc\.c:4410'])

    def test_oom_kill_fails(self):
        log = self.good.replace('@@VM-EXIT@@', 'Out of memory: Killed process 93 (defrag_mode)\n@@VM-EXIT@@')
        self.assertFails('splat: OOM kill', log=log)


class Rules(ResultsCase):
    def test_require_unmet_fails(self):
        self.assertFails("missing: require bisect 0011-* (--require): no case of bisect matches",
                         args=['--require', 'bisect:0011-*'])

    def test_require_suite_absent_fails(self):
        self.assertFails('missing: require ltp * (--require): no result of suite ltp',
                         args=['--require', 'ltp:*'])

    def test_require_glob_with_colon_and_spaces(self):
        self.assertPasses(args=['--require', 'defrag_mode_slowpath:defrag_test_retry/reclaim retry: promoted *'])

    def test_bad_require_fails(self):
        self.assertFails("--require 'bisect': expected SUITE:CASE-GLOB", args=['--require', 'bisect'])

    def test_zero_results_fails(self):
        self.assertFails('no result at all', log='', host={s: None for s in HOST},
                         manifest=None, requires=False)

    def test_nothing_passed_fails(self):
        log = self.write('only-skip.ktap', 'TAP version 13\n1..1\nok 1 seedcheck # SKIP absent\n')
        manifest = self.write('m', 'skip base * -- absent\n')
        self.assertFails('no result passed', log='@@VM-BEGIN@@\n@@VM-EXIT@@ rc=0\n',
                         host={**{s: None for s in HOST}, 'base': log}, manifest=manifest, requires=False)

    def test_unlisted_kunit_skip_fails(self):
        manifest = self.write('m', read_fixture('..', '..', 'expected-june').replace(
            'skip slub_test test_kfree_rcu --', '# skip slub_test test_kfree_rcu --'))
        self.assertFails('slub_test: test_kfree_rcu: skipped, and no skip rule allows it '
                         '(KTAP: "can\'t do kfree_rcu() when test is built-in")', manifest=manifest)

    def test_manifest_missing_fails(self):
        self.assertFails('manifest ', 'No such file or directory',
                         manifest=os.path.join(self.tmp, 'absent'))

    def test_manifest_malformed_line_fails(self):
        manifest = self.write('m', read_fixture('..', '..', 'expected-june') + 'expect base seedcheck\n')
        self.assertFails('manifest ', 'expected "require SUITE CASE-GLOB"', manifest=manifest)

    def test_manifest_skip_without_reason_fails(self):
        manifest = self.write('m', read_fixture('..', '..', 'expected-june') + 'skip bisect *\n')
        self.assertFails('a skip rule needs "-- REASON"', manifest=manifest)

    def test_kunit_py_missing_fails(self):
        rc, out = self.results(args=['--kunit', os.path.join(self.tmp, 'kunit.py')])
        self.assertEqual(rc, 1)
        self.assertIn('FAILED: kunit.py not found at', out)

    def test_parse_rule(self):
        r = results.parse_rule('require defrag_mode_slowpath defrag_test_retry/reclaim retry: promoted *',
                               'x:1')
        self.assertEqual((r.kind, r.suite, r.glob), ('require', 'defrag_mode_slowpath',
                                                     'defrag_test_retry/reclaim retry: promoted *'))
        r = results.parse_rule('skip slub_test test_kfree_rcu* -- built in -- so no RCU', 'x:2')
        self.assertEqual((r.kind, r.suite, r.glob, r.reason),
                         ('skip', 'slub_test', 'test_kfree_rcu*', 'built in -- so no RCU'))
        for bad in ('require base', 'skip base seedcheck', 'skip base seedcheck --', 'allow base *'):
            with self.assertRaises(ValueError, msg=bad):
                results.parse_rule(bad, 'x')

    def test_manifest_as_shipped_parses(self):
        rules, problems = results.read_manifest(EXPECTED)
        self.assertEqual(problems, [])
        self.assertIn(('skip', 'base', 'seedcheck'), {(r.kind, r.suite, r.glob) for r in rules})

    def test_manifest_include(self):
        inner = self.write('inner', 'require base seedcheck\n')
        outer = self.write('outer', 'include inner\nrequire kselftest_kcompressd *\n')
        rules, problems = results.read_manifest(outer)
        self.assertEqual(problems, [])
        self.assertEqual([(r.kind, r.suite, r.glob) for r in rules],
                         [('require', 'base', 'seedcheck'), ('require', 'kselftest_kcompressd', '*')])
        self.assertTrue(inner)

    def test_manifest_include_loop_and_missing_fail(self):
        loop = self.write('loop', 'include loop\n')
        _, problems = results.read_manifest(loop)
        self.assertEqual(len(problems), 1)
        self.assertIn('circular include', problems[0])
        missing = self.write('missing', 'include absent\n')
        _, problems = results.read_manifest(missing)
        self.assertEqual(len(problems), 1)
        self.assertIn('No such file or directory', problems[0])

    def test_kcompressd_manifests_include_their_base(self):
        # the group's stacks: their base stack's rules and the group's own
        for name, base_only in (('expected-kcompressd', 'defrag_mode_compaction'),
                                ('expected-kcompressd-june', 'defrag_mode_slowpath')):
            rules, problems = results.read_manifest(os.path.join(os.path.dirname(EXPECTED), name))
            self.assertEqual(problems, [], name)
            suites = {r.suite for r in rules}
            self.assertIn(base_only, suites, name)
            self.assertIn('kcompressd', suites, name)
            self.assertIn('kselftest_kcompressd', suites, name)


if __name__ == '__main__':
    unittest.main()
