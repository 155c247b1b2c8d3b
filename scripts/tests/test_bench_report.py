# SPDX-License-Identifier: GPL-2.0
"""scripts/bench-report.py on a tiny results directory (fixtures/bench/).

fixtures/bench: BASE-DM1 and SERIES-DM1, 3 runs each:
  pgscan_direct   100 200 600 | 10 20 30     means 300 / 20, medians 200 / 20
  allocstall        5   5  20 |  1  2  3     means  10 / 2
  extfrag_mixing   30  10  20 |  4  8 999    SERIES run 3 has have_extfrag 0:
                                             its 999 is unknown, not counted
  batch_*_ms     10 20 30 40 50 1000 | 1..6  pooled median (nearest rank) 30 / 3
"""
import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fixture, run_script  # noqa: E402


class BenchReport(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = os.path.join(tmp.name, 'bench')
        shutil.copytree(fixture('bench'), self.dir)

    def edit(self, name, fn):
        path = os.path.join(self.dir, name)
        with open(path) as f:
            text = f.read()
        with open(path, 'w') as f:
            f.write(fn(text))

    def report(self):
        p = run_script('bench-report.py', '--no-plot', self.dir)
        self.stdout, self.stderr = p.stdout, p.stderr
        return p.returncode

    def summary(self):
        with open(os.path.join(self.dir, 'summary.json')) as f:
            return json.load(f)

    def test_means_medians_table(self):
        self.assertEqual(self.report(), 0, self.stderr)
        m = self.summary()['metrics']
        self.assertEqual(self.summary()['runs'], {'BASE-DM1': 3, 'SERIES-DM1': 3})
        base, series = m['pgscan_direct']['BASE-DM1'], m['pgscan_direct']['SERIES-DM1']
        self.assertEqual((base['mean'], base['median'], base['min'], base['max']), (300, 200, 100, 600))
        self.assertAlmostEqual(base['stddev'], 264.575, places=3)
        self.assertEqual((series['mean'], series['median']), (20, 20))
        self.assertEqual((m['allocstall']['BASE-DM1']['mean'], m['allocstall']['BASE-DM1']['median']),
                         (10, 5))
        self.assertEqual(self.summary()['pooled_batch_ms']['median'], {'BASE-DM1': 30, 'SERIES-DM1': 3})
        with open(os.path.join(self.dir, 'table.txt')) as f:
            table = f.read()
        self.assertEqual(table, self.stdout)
        self.assertRegex(table, r'Pages direct scanned +300\.00 \(  \+0\.00%\) +20\.00 \( -93\.33%\)')
        self.assertRegex(table, r'Alloc stall +10\.00 \(  \+0\.00%\) +2\.00 \( -80\.00%\)')
        self.assertRegex(table, r'Pages direct scanned +100/200/600 +10/20/30')
        self.assertNotIn('INCOMPLETE', table)

    def test_extfrag_unknown_without_tracing(self):
        self.assertEqual(self.report(), 0, self.stderr)
        mix = self.summary()['metrics']['extfrag_mixing']['SERIES-DM1']
        self.assertEqual((mix['runs'], mix['mean']), ([4, 8], 6))

    def test_no_plot_needs_no_gnuplot(self):
        self.assertEqual(self.report(), 0, self.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, 'storm.png')))
        self.assertFalse(os.path.exists(os.path.join(self.dir, 'plot.dat')))

    def test_configuration_without_runs_fails(self):
        self.edit('config.txt', lambda t: t.replace('configs BASE-DM1 SERIES-DM1',
                                                    'configs BASE-DM1 UPSTREAM-DM1 SERIES-DM1'))
        self.assertEqual(self.report(), 1)
        self.assertIn('configuration(s) without results: UPSTREAM-DM1', self.stderr)
        # the report is still written
        self.assertIn('Pages direct scanned', self.stdout)

    def test_configuration_with_status_only_fails(self):
        # every SERIES-DM1 run died before printing a figure: only its status is there
        self.edit('runs.csv', lambda t: '\n'.join(
            ln for ln in t.splitlines()
            if not ln.startswith('SERIES-DM1') or ',guest_status,' in ln) + '\n')
        self.edit('runs.csv', lambda t: t.replace('SERIES-DM1,series,1,2,guest_status,0',
                                                  'SERIES-DM1,series,1,2,guest_status,125'))
        self.assertEqual(self.report(), 1)
        self.assertIn('configuration(s) without results: SERIES-DM1', self.stderr)
        self.assertIn('SERIES-DM1#2 (status 125)', self.stderr)

    def test_guest_failed_fails_naming_runs(self):
        self.edit('runs.csv', lambda t: t.replace('BASE-DM1,base,1,3,guest_status,0',
                                                  'BASE-DM1,base,1,3,guest_status,1')
                  .replace('SERIES-DM1,series,1,1,guest_status,0', 'SERIES-DM1,series,1,1,guest_status,124'))
        self.assertEqual(self.report(), 1)
        self.assertIn("run(s) whose guest did not exit 0: BASE-DM1#3 (status 1), SERIES-DM1#1 (status 124)",
                      self.stderr)
        self.assertIn('Runs whose guest did not exit 0 (demand not met, OOM or hang): BASE-DM1#3, SERIES-DM1#1',
                      self.stdout)

    def test_run_without_results_fails(self):
        self.edit('runs.csv', lambda t: '\n'.join(
            ln for ln in t.splitlines()
            if not ln.startswith('BASE-DM1,base,1,2,') or ',guest_status,' in ln) + '\n')
        self.assertEqual(self.report(), 1)
        self.assertIn('BASE-DM1 (2 of 3)', self.stderr)
        self.assertIn('run(s) without results: BASE-DM1#2', self.stderr)

    def test_no_runs_at_all_fails(self):
        self.edit('runs.csv', lambda t: t.splitlines()[0] + '\n')
        self.assertNotEqual(self.report(), 0)
        self.assertIn('no results', self.stderr)


if __name__ == '__main__':
    unittest.main()
