# SPDX-License-Identifier: GPL-2.0
"""scripts/verdicts.py: the W=1 and checkpatch verdicts of scripts/check."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fixture, read_fixture, run_script  # noqa: E402  (puts scripts/ on sys.path)
import verdicts  # noqa: E402

PAGE_ALLOC = ['mm/page_alloc.c']
# what patch 0009 touches: mm/page_alloc.c includes the new KUnit header
WITH_HEADER = ['mm/page_alloc.c', 'mm/tests/defrag_mode_page_alloc_kunit.h']


class W1(unittest.TestCase):
    def w1(self, rc, log, touched, objs=None):
        return verdicts.w1(rc, read_fixture('w1', log), touched, objs)

    def test_clean_build_passes(self):
        self.assertEqual(self.w1(0, 'clean.log', WITH_HEADER, ['mm/page_alloc.o']), (True, ''))

    def test_make_failed_without_warning_lines_fails(self):
        # (d) the old shell ran make "|| true" and only grepped the log
        ok, why = self.w1(2, 'clean.log', PAGE_ALLOC)
        self.assertFalse(ok)
        self.assertIn('make exited with status 2', why)

    def test_warning_in_touched_header_fails(self):
        # (d) the old shell grepped for the touched C files only
        ok, why = self.w1(0, 'header-warning.log', WITH_HEADER)
        self.assertFalse(ok)
        self.assertIn('defrag_mode_page_alloc_kunit.h:412:13: warning', why)

    def test_warning_in_touched_c_file_fails(self):
        ok, why = self.w1(0, 'c-warning.log', PAGE_ALLOC)
        self.assertFalse(ok)
        self.assertIn('mm/page_alloc.c:3301: warning', why)

    def test_warning_in_untouched_header_passes(self):
        self.assertEqual(self.w1(0, 'untouched-header-warning.log', WITH_HEADER), (True, ''))

    def test_kselftest_relative_name_fails(self):
        ok, why = self.w1(0, 'kselftest-warning.log', ['tools/testing/selftests/mm/defrag_mode.c'])
        self.assertFalse(ok)
        self.assertIn('defrag_mode.c:62:22: warning', why)

    def test_object_not_compiled_fails(self):
        ok, why = self.w1(0, 'clean.log', ['mm/vmscan.c'], ['mm/vmscan.o'])
        self.assertFalse(ok)
        self.assertIn('mm/vmscan.o', why)

    def test_no_touched_files_fails(self):
        self.assertFalse(self.w1(0, 'clean.log', [])[0])

    def test_cli(self):
        p = run_script('verdicts.py', 'w1', '--rc', '0', '--touched', ','.join(WITH_HEADER),
                       '--objs', 'mm/page_alloc.o', fixture('w1', 'clean.log'))
        self.assertEqual((p.returncode, p.stdout), (0, 'PASS\n'))
        p = run_script('verdicts.py', 'w1', '--rc', '0', '--touched', 'mm/page_alloc.c',
                       '--touched', 'mm/tests/defrag_mode_page_alloc_kunit.h',
                       fixture('w1', 'header-warning.log'))
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stdout, r'^FAIL: 1 warning/error line\(s\) in touched files: .*\n$')
        p = run_script('verdicts.py', 'w1', '--rc', '2', '--touched', 'mm/page_alloc.c',
                       fixture('w1', 'clean.log'))
        self.assertEqual((p.returncode, p.stdout), (1, 'FAIL: make exited with status 2\n'))

    def test_cli_missing_log_fails(self):
        p = run_script('verdicts.py', 'w1', '--rc', '0', '--touched', 'mm/page_alloc.c',
                       fixture('w1', 'no-such.log'))
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stdout, r'^FAIL: .*no-such.log: cannot read the make log\n$')


class Checkpatch(unittest.TestCase):
    def test_clean_passes(self):
        self.assertEqual(verdicts.checkpatch(read_fixture('checkpatch', 'clean.txt')), (True, ''))

    def test_checks_fail(self):
        # (e) the old shell matched "^total: 0 errors, 0 warnings" only
        ok, why = verdicts.checkpatch(read_fixture('checkpatch', 'checks.txt'))
        self.assertFalse(ok)
        self.assertIn('0 errors, 0 warnings, 2 checks', why)

    def test_warning_fails(self):
        text = ('WARNING: line length of 101 exceeds 100 columns\n'
                'total: 0 errors, 1 warnings, 0 checks, 20 lines checked\n')
        ok, why = verdicts.checkpatch(text)
        self.assertFalse(ok)
        self.assertIn('0 errors, 1 warnings, 0 checks', why)

    def test_missing_total_fails(self):
        text = read_fixture('checkpatch', 'checks.txt').split('total:')[0]
        ok, why = verdicts.checkpatch(text)
        self.assertFalse(ok)
        self.assertIn('no "total:" line', why)

    def test_empty_output_fails(self):
        self.assertFalse(verdicts.checkpatch('')[0])

    def test_total_without_checks_fails(self):
        # checkpatch without --strict prints no checks count
        ok, why = verdicts.checkpatch('total: 0 errors, 0 warnings, 20 lines checked\n')
        self.assertFalse(ok)
        self.assertIn('--strict', why)

    def test_messages_despite_zero_total_fail(self):
        text = 'ERROR: trailing whitespace\n' + read_fixture('checkpatch', 'clean.txt')
        self.assertFalse(verdicts.checkpatch(text)[0])

    def test_cli(self):
        p = run_script('verdicts.py', 'checkpatch', fixture('checkpatch', 'clean.txt'))
        self.assertEqual((p.returncode, p.stdout), (0, 'PASS\n'))
        p = run_script('verdicts.py', 'checkpatch', fixture('checkpatch', 'checks.txt'))
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stdout.startswith('FAIL: 0 errors, 0 warnings, 2 checks'), p.stdout)
        self.assertEqual(p.stdout.count('\n'), 1)
        with tempfile.TemporaryDirectory() as d:
            p = run_script('verdicts.py', 'checkpatch', os.path.join(d, 'absent.txt'))
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stdout.startswith('FAIL: '), p.stdout)


if __name__ == '__main__':
    unittest.main()
