# SPDX-License-Identifier: GPL-2.0
"""scripts/bench-report.py on tiny results directories (fixtures/bench/) and
its Mann-Whitney test on known values.

fixtures/bench: June set, BASE-DM1 and SERIES-DM1, 3 runs each:
  pgscan_direct   100 200 600 | 10 20 30     means 300 / 20, medians 200 / 20
  allocstall        5   5  20 |  1  2  3     means  10 / 2
  extfrag_mixing   30  10  20 |  4  8 999    SERIES run 3 has have_extfrag 0:
                                             its 999 is unknown, not counted
  batch_*_ms     10 20 30 40 50 1000 | 1..6  pooled median (nearest rank) 30 / 3
  Mann-Whitney, SERIES-DM1 against BASE-DM1: pgscan_direct and allocstall
  fully separated, 3+3 runs: p = 2/20 = 0.1; extfrag_mixing 2+3: p = 2/10.

fixtures/bench/7.3: 7.3 set, configs UPSTREAM-DM0 UPSTREAM-DM1 DELTA-DM1
DELTA-DM0 (config.txt's order), 5 runs each:
                 UPSTREAM-DM0       UPSTREAM-DM1       DELTA-DM1        DELTA-DM0
  pgscan_direct  100 110 .. 140     500 600 .. 900     0 0 10 20 30     105 115 .. 145
  allocstall     10 12 14 16 18     5 7 8 9 10         1 2 3 4 6        11 13 15 17 19
  compact_stall  0 0 1 1 2          3 4 4 5 6          3 3 4 5 5        0 0 0 1 1
  oom_kill 0, completed 1, guest_status 0 everywhere
  DELTA-DM1 against UPSTREAM-DM1: pgscan_direct fully separated, p = 2/252
  (**); allocstall one pair swapped (U = 1), p = 4/252 (*).
  DELTA-DM0 against UPSTREAM-DM0: interleaved (U = 15 of 25), p = 174/252.
"""
import importlib.util
import itertools
import json
import os
import random
import re
import shutil
import sys
import tempfile
import unittest
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import SCRIPTS, fixture, run_script  # noqa: E402


def load_report():
    """scripts/bench-report.py as a module (its name is not importable)."""
    spec = importlib.util.spec_from_file_location('bench_report', os.path.join(SCRIPTS, 'bench-report.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def brute_force_p(x, y):
    """The exact two-sided Mann-Whitney p, the slow way: list every split of
    the pooled values, mid-ranks as Fractions."""
    pooled = list(x) + list(y)
    srt = sorted(pooled)
    rank = {v: Fraction(srt.index(v) + 1 + len(srt) - srt[::-1].index(v), 2) for v in pooled}
    r = [rank[v] for v in pooled]
    n1, n = len(x), len(pooled)
    centre = Fraction(n1 * (n + 1), 2)
    obs = abs(sum(r[:n1]) - centre)
    splits = list(itertools.combinations(range(n), n1))
    return Fraction(sum(1 for s in splits if abs(sum(r[i] for i in s) - centre) >= obs), len(splits))


class MannWhitney(unittest.TestCase):
    """mann_whitney() against values worked out by hand or from a table."""

    @classmethod
    def setUpClass(cls):
        cls.br = load_report()

    def p(self, x, y, **kw):
        t = self.br.mann_whitney(x, y, **kw)
        # the test is symmetric: swapping the samples changes nothing
        self.assertEqual(self.br.mann_whitney(y, x, **kw)['p'], t['p'])
        return t

    def test_fully_separated(self):
        # n1 = n2 = 3: of the C(6,3) = 20 splits only the two extreme ones
        # are as far from the mean rank sum as the observed: p = 2/20
        t = self.p([1, 2, 3], [4, 5, 6])
        self.assertEqual((t['method'], t['splits'], t['u']), ('exact', 20, 0))
        self.assertAlmostEqual(t['p'], 0.1, places=12)
        # n1 = n2 = 4: 2/C(8,4) = 2/70 = 0.0286; n1 = n2 = 5: 2/252 = 0.0079
        self.assertAlmostEqual(self.p([10, 20, 30, 40], [1, 2, 3, 4])['p'], 2 / 70, places=12)
        self.assertAlmostEqual(self.p([0, 1, 2, 3, 4], [5, 6, 7, 8, 9])['p'], 2 / 252, places=12)
        # n1 = 2, n2 = 3: 2/C(5,2) = 0.2
        self.assertAlmostEqual(self.p([1, 2], [3, 4, 5])['p'], 0.2, places=12)

    def test_partly_separated(self):
        # ranks {1,2,3,4,6} against {5,7,8,9,10}: U = 1; U <= 1 in 2 splits
        # of 252, U >= 24 in 2: p = 4/252
        t = self.p([1, 2, 3, 4, 6], [5, 7, 8, 9, 10])
        self.assertEqual(t['u'], 1)
        self.assertAlmostEqual(t['p'], 4 / 252, places=12)
        # x = {1,4}, y = {2,3,5}: rank sum 5, mean 6; the sums of the 10
        # pairs of 1..5 are 3 4 5 6 5 6 7 7 8 9, 8 of them 1 or more away
        self.assertAlmostEqual(self.p([1, 4], [2, 3, 5])['p'], 0.8, places=12)
        # interleaved 5+5 (ranks 2 4 6 8 10): U = 15; 78 of the 252 splits
        # have U 11..14 (19+20+20+19), closer to the mean 12.5: p = 174/252
        self.assertAlmostEqual(self.p([105, 115, 125, 135, 145], [100, 110, 120, 130, 140])['p'],
                               174 / 252, places=12)

    def test_reference_table_8_8(self):
        # the critical values of U for n1 = n2 = 8 in the usual two-sided
        # tables: 13 at alpha 0.05, 7 at alpha 0.01; exactly, P(U <= 13) =
        # 321/12870 and P(U <= 14) = 418/12870, P(U <= 7) = 45/12870,
        # P(U <= 8) = 67/12870 (doubled for two sides)
        def sample(u):  # ranks of x in 1..16 with that U
            x = list(range(1, 9))
            top, i = 16, 7
            while u:
                step = min(u, top - x[i])
                x[i] += step
                u -= step
                top, i = x[i] - 1, i - 1
            return x, sorted(set(range(1, 17)) - set(x))
        for u, hits, mark in ((7, 90, '**'), (8, 134, '*'), (13, 642, '*'), (14, 836, '')):
            t = self.p(*sample(u))
            self.assertEqual((t['u'], t['splits']), (u, 12870))
            self.assertAlmostEqual(t['p'], hits / 12870, places=12, msg='U = %d' % u)
            self.assertEqual(self.br.stars(t['p']), mark, 'U = %d' % u)

    def test_ties_mid_ranks(self):
        self.assertEqual(self.br.doubled_ranks([3, 1, 3, 2]), [7, 2, 7, 4])  # 3.5 1 3.5 2
        # [1,2] vs [2,3]: mid-ranks 1 2.5 | 2.5 4, rank sum 3.5, mean 5; the
        # 6 splits sum to 3.5 3.5 5 5 6.5 6.5: p = 4/6
        self.assertAlmostEqual(self.p([1, 2], [2, 3])['p'], 4 / 6, places=12)
        # [0,0,1] vs [1,2,3]: ranks 1.5 1.5 3.5 | 3.5 5 6, sum 6.5, mean 10.5;
        # 6.5 or less in 2 of 20 splits, 14.5 or more in 2: p = 0.2
        self.assertAlmostEqual(self.p([0, 0, 1], [1, 2, 3])['p'], 0.2, places=12)
        # all zeros against larger values: as separated as without ties
        self.assertAlmostEqual(self.p([0, 0, 0, 0], [1, 1, 2, 3])['p'], 2 / 70, places=12)
        # seven zeros and a 5: every split is 2 from the mean rank sum: p = 1
        self.assertEqual(self.p([0, 0, 0, 0], [0, 0, 0, 5])['p'], 1.0)

    def test_all_tied(self):
        self.assertEqual(self.p([0] * 5, [0] * 5)['p'], 1.0)
        self.assertEqual(self.p([7, 7, 7], [7, 7, 7, 7])['p'], 1.0)
        self.assertEqual(self.p([0] * 11, [0] * 11)['p'], 1.0)  # Monte-Carlo sizes too

    def test_empty_sample(self):
        self.assertIsNone(self.br.mann_whitney([], [1, 2]))
        self.assertIsNone(self.br.mann_whitney([1], []))
        self.assertEqual((self.br.stars(None), self.br.fmt_p(None)), ('', '-'))

    def test_counting_equals_listing_every_split(self):
        rng = random.Random(7)
        for _ in range(60):
            n1, n2 = rng.randint(1, 6), rng.randint(1, 7)
            top = rng.choice([2, 4, 1000])  # many ties, some, none
            x = [rng.randint(0, top) for _ in range(n1)]
            y = [rng.randint(0, top) for _ in range(n2)]
            self.assertAlmostEqual(self.p(x, y)['p'], float(brute_force_p(x, y)), places=12,
                                   msg='%r %r' % (x, y))

    def test_exact_up_to_200000_splits_then_monte_carlo(self):
        # C(20,10) = 184756: exact; C(22,11) = 705432: 100000 random splits
        t = self.p(list(range(10)), list(range(10, 20)))
        self.assertEqual((t['method'], t['splits']), ('exact', 184756))
        self.assertAlmostEqual(t['p'], 2 / 184756, places=15)
        t = self.p(list(range(11)), list(range(11, 22)))
        self.assertEqual((t['method'], t['splits']), ('monte-carlo', 705432))
        self.assertLessEqual(t['p'], 3 / 100001)  # (hits + 1) / (100000 + 1)
        self.assertGreaterEqual(t['p'], 1 / 100001)
        # seeded: the same p every time; close to the exact one
        rng = random.Random(3)
        x = [rng.randint(0, 5) for _ in range(11)]
        y = [rng.randint(1, 6) for _ in range(11)]
        mc = self.p(x, y)
        self.assertEqual(mc['p'], self.br.mann_whitney(x, y)['p'])
        exact = self.br.mann_whitney(x, y, exact_max=10 ** 6)
        self.assertEqual(exact['method'], 'exact')
        self.assertAlmostEqual(mc['p'], exact['p'], delta=0.01)

    def test_known_order_keeps_each_set_in_order(self):
        for conf_set in (self.br.JUNE, self.br.SET_73, self.br.SET_KC):
            self.assertEqual([c for c in self.br.KNOWN if c in conf_set], conf_set)
        self.assertEqual(sorted(self.br.KNOWN),
                         sorted(set(self.br.JUNE) | set(self.br.SET_73) | set(self.br.SET_KC)))

    def test_stars(self):
        self.assertEqual([self.br.stars(p) for p in (0.0099, 0.01, 0.0499, 0.05, 0.1, 1.0)],
                         ['**', '*', '*', '', '', ''])


def section(table, title):
    """The lines of table.txt from the one starting with title to the next
    empty line."""
    lines = table.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(title))
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


def means_table(table):
    """(header, rows) of the main table."""
    lines = section(table, 'Means of')
    head = next(i for i, ln in enumerate(lines) if ln.startswith(' '))
    return lines[head], lines[head + 1:]


class ReportDir(unittest.TestCase):
    """bench-report.py on a copy of fixtures/FIXTURE (without subdirectories)."""
    FIXTURE = ('bench',)

    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = os.path.join(tmp.name, 'bench')
        shutil.copytree(fixture(*self.FIXTURE), self.dir,
                        ignore=lambda d, names: [n for n in names if os.path.isdir(os.path.join(d, n))])

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

    def table(self):
        with open(os.path.join(self.dir, 'table.txt')) as f:
            return f.read()

    def assertAligned(self, table):
        """Every main-table cell ends, before its mark, where its column's
        name ends in the header."""
        head, rows = means_table(table)
        ends = [m.end() for m in re.finditer(r'\S+', head)]
        for row in rows:
            self.assertEqual([m.end() for m in re.finditer(r'%\)', row)], ends, row)


class BenchReport(ReportDir):
    """The June set: fixtures/bench."""

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

    def test_scanned_in_both_windows(self):
        # kswapd's and direct reclaim's scanning, demand and THP window,
        # added up; a run that lacks one of the four gets no total
        self.edit('runs.csv', lambda t: t + ''.join(
            'BASE-DM1,base,1,1,%s,%d\n' % kv for kv in
            (('pgscan_kswapd', 7), ('thp_window_pgscan_kswapd', 11),
             ('thp_window_pgscan_direct', 13))) +
            'BASE-DM1,base,1,2,pgscan_kswapd,1000\n')
        self.assertEqual(self.report(), 0, self.stderr)
        m = self.summary()['metrics']
        self.assertEqual(m['pgscan_all']['BASE-DM1']['runs'], [131])
        self.assertEqual(m['thp_window_pgscan_kswapd']['BASE-DM1']['runs'], [11])
        self.assertEqual(m['pgscan_all']['SERIES-DM1']['runs'], [])
        self.assertRegex(self.table(), r'Pages scanned, both windows +131\.00')

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
        # status 1 (the demand was not met) is a result; 124 (a hang) is not
        self.assertIn("run(s) whose guest did not exit 0 or 1 (the storm did not run to its end): "
                      "SERIES-DM1#1 (status 124)",
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

    def test_significance_pair_and_no_marks(self):
        # 3 runs: even fully separated samples give p = 0.1, never marked
        self.assertEqual(self.report(), 0, self.stderr)
        table = self.table()
        self.assertIn('* p < 0.05, ** p < 0.01: Mann-Whitney U test, SERIES-DM1 against BASE-DM1',
                      table)
        sig = section(table, 'SERIES-DM1 against BASE-DM1:')
        self.assertIn('exact, all 20 splits of 3+3 runs; exact, all 10 splits of 2+3 runs', sig[0])
        self.assertRegex(sig[1], r'^ +SERIES-DM1 +BASE-DM1 +difference +p$')
        self.assertRegex(table, r'\nPages direct scanned +20\.00 +200\.00 +-180\.00 +0\.1000\n')
        self.assertRegex(table, r'\nAlloc stall +2\.00 +5\.00 +-3\.00 +0\.1000\n')
        self.assertRegex(table, r'\nMixing fallbacks \(pollution\) +6\.00 +20\.00 +-14\.00 +0\.2000\n')
        self.assertNotIn('*', ''.join(means_table(table)[1]))
        self.assertAligned(table)
        s = self.summary()['significance']
        self.assertEqual(s['marked_against'], {'SERIES-DM1': 'BASE-DM1'})
        self.assertEqual(list(s['pairs']), ['SERIES-DM1 vs BASE-DM1'])
        t = s['pairs']['SERIES-DM1 vs BASE-DM1']['metrics']['pgscan_direct']
        self.assertEqual((t['median'], t['difference'], t['method'], t['splits'], t['mark']),
                         ({'SERIES-DM1': 20, 'BASE-DM1': 200}, -180, 'exact', 20, ''))
        self.assertAlmostEqual(t['p'], 0.1, places=12)

    def test_reference_upstream_before_base(self):
        # SERIES-DM1 is tested against UPSTREAM-DM1 when that ran
        self.edit('runs.csv', lambda t: t.replace('BASE-DM1,base,', 'UPSTREAM-DM1,upstream,'))
        self.edit('config.txt', lambda t: t.replace('configs BASE-DM1', 'configs UPSTREAM-DM1'))
        self.assertEqual(self.report(), 0, self.stderr)
        self.assertIn('SERIES-DM1 against UPSTREAM-DM1: medians', self.stdout)
        self.assertEqual(self.summary()['significance']['marked_against'], {'SERIES-DM1': 'UPSTREAM-DM1'})

    def test_columns_in_config_order(self):
        self.edit('config.txt', lambda t: t.replace('configs BASE-DM1 SERIES-DM1',
                                                    'configs SERIES-DM1 BASE-DM1'))
        self.assertEqual(self.report(), 0, self.stderr)
        self.assertRegex(self.stdout, r'% change against SERIES-DM1\n')
        self.assertRegex(means_table(self.stdout)[0], r'^ +SERIES-DM1 +BASE-DM1$')
        self.assertRegex(self.stdout, r'Pages direct scanned +20\.00 \(  \+0\.00%\) +300\.00 \(\+1400\.00%\)')
        self.assertEqual(self.summary()['columns'], ['SERIES-DM1', 'BASE-DM1'])
        # the pair is still patched against reference
        self.assertIn('SERIES-DM1 against BASE-DM1: medians', self.stdout)

    def test_columns_without_configs_line_in_known_order(self):
        self.edit('config.txt', lambda t: t.replace('configs BASE-DM1 SERIES-DM1\n', ''))
        self.assertEqual(self.report(), 0, self.stderr)
        self.assertRegex(means_table(self.stdout)[0], r'^ +BASE-DM1 +SERIES-DM1$')

    def test_wide_cells_stay_aligned(self):
        self.edit('runs.csv', lambda t: t.replace('SERIES-DM1,series,1,1,pgscan_direct,10',
                                                  'SERIES-DM1,series,1,1,pgscan_direct,123456789012345'))
        self.assertEqual(self.report(), 0, self.stderr)
        self.assertRegex(self.stdout, r' 41152263004131\.66 \(\+13717421001277\.22%\)\n')
        self.assertAligned(self.stdout)

    def test_unknown_configuration_in_runs_fails(self):
        self.edit('runs.csv', lambda t: t.replace('SERIES-DM1,', 'SERIES-DM2,'))
        self.assertEqual(self.report(), 1)
        self.assertIn('unknown configuration(s) in runs.csv (not reported): SERIES-DM2', self.stderr)
        self.assertIn('configuration(s) without results: SERIES-DM1', self.stderr)
        self.assertNotIn('SERIES-DM2', means_table(self.stdout)[0])

    def test_unknown_configuration_in_config_fails(self):
        self.edit('config.txt', lambda t: t.replace('configs BASE-DM1 SERIES-DM1',
                                                    'configs BASE-DM1 SERIES-DM1 PATCHED-DM1'))
        self.assertEqual(self.report(), 1)
        self.assertIn('unknown configuration(s) in config.txt', self.stderr)
        self.assertIn(': PATCHED-DM1', self.stderr)
        self.assertIn('INCOMPLETE: unknown configuration(s) in config.txt', self.stdout)

    def test_no_runs_at_all_fails(self):
        self.edit('runs.csv', lambda t: t.splitlines()[0] + '\n')
        self.assertNotEqual(self.report(), 0)
        self.assertIn('no results', self.stderr)


class Report73(ReportDir):
    """The 7.3 set: fixtures/bench/7.3."""
    FIXTURE = ('bench', '7.3')

    def test_upstream_dm0_first_and_pairs(self):
        self.assertEqual(self.report(), 0, self.stderr)
        table = self.table()
        self.assertEqual(table, self.stdout)
        self.assertIn('Means of 5/5/5/5 runs per configuration; % change against UPSTREAM-DM0\n', table)
        head, rows = means_table(table)
        self.assertRegex(head, r'^ +UPSTREAM-DM0 +UPSTREAM-DM1 +DELTA-DM1 +DELTA-DM0$')
        self.assertIn('* p < 0.05, ** p < 0.01: Mann-Whitney U test, DELTA-DM1 against UPSTREAM-DM1, '
                      'DELTA-DM0 against UPSTREAM-DM0 (see Significance)', table)
        # the pairs, in PAIRS' order, and nothing of the June set
        titles = [ln for ln in table.splitlines() if ' against ' in ln and ': medians' in ln]
        self.assertEqual(titles, [
            'DELTA-DM1 against UPSTREAM-DM1: medians, difference, p (exact, all 252 splits of 5+5 runs)',
            'DELTA-DM0 against UPSTREAM-DM0: medians, difference, p (exact, all 252 splits of 5+5 runs)'])
        self.assertNotIn('SERIES', table)
        self.assertNotIn('BASE', table)
        d1 = section(table, 'DELTA-DM1 against UPSTREAM-DM1:')
        self.assertRegex(d1[1], r'^ +DELTA-DM1 +UPSTREAM-DM1 +difference +p$')
        self.assertRegex(d1[2], r'^Pages direct scanned +10\.00 +700\.00 +-690\.00 +0\.0079\*\*$')
        self.assertRegex(d1[3], r'^Alloc stall +3\.00 +8\.00 +-5\.00 +0\.0159\*$')
        self.assertRegex(d1[5], r'^OOM kills +0\.00 +0\.00 +\+0\.00 +1\.0000$')
        d0 = section(table, 'DELTA-DM0 against UPSTREAM-DM0:')
        self.assertRegex(d0[2], r'^Pages direct scanned +125\.00 +120\.00 +\+5\.00 +0\.6905$')
        self.assertEqual(len(d1), 2 + len(rows))  # every row of the main table

    def test_marks_in_main_table(self):
        self.assertEqual(self.report(), 0, self.stderr)
        head, rows = means_table(self.table())
        row = {r[:31].strip(): r for r in rows}
        # DELTA-DM1's cells marked against UPSTREAM-DM1, not the first column
        self.assertRegex(row['Pages direct scanned'],
                         r' 12\.00 \( -90\.00%\)\*\* +125\.00 \(  \+4\.17%\)$')
        self.assertRegex(row['Alloc stall'], r' 3\.20 \( -77\.14%\)\* +15\.00 \(  \+7\.14%\)$')
        for label in ('Direct compact stall', 'OOM kills', 'Demand met (fraction)'):
            self.assertNotIn('*', row[label])
        self.assertAligned(self.table())

    def test_summary_significance(self):
        self.assertEqual(self.report(), 0, self.stderr)
        s = self.summary()
        self.assertEqual((s['columns'], s['baseline']),
                         (['UPSTREAM-DM0', 'UPSTREAM-DM1', 'DELTA-DM1', 'DELTA-DM0'], 'UPSTREAM-DM0'))
        sig = s['significance']
        self.assertEqual(sig['marked_against'], {'DELTA-DM1': 'UPSTREAM-DM1', 'DELTA-DM0': 'UPSTREAM-DM0'})
        self.assertEqual(sorted(sig['pairs']), ['DELTA-DM0 vs UPSTREAM-DM0', 'DELTA-DM1 vs UPSTREAM-DM1'])
        d1 = sig['pairs']['DELTA-DM1 vs UPSTREAM-DM1']
        self.assertEqual((d1['patched'], d1['reference']), ('DELTA-DM1', 'UPSTREAM-DM1'))
        self.assertEqual(sorted(d1['metrics']),
                         ['allocstall', 'compact_stall', 'completed', 'oom_kill', 'pgscan_direct'])
        expect = {'pgscan_direct': (10, 700, 2 / 252, '**'), 'allocstall': (3, 8, 4 / 252, '*'),
                  'oom_kill': (0, 0, 1.0, ''), 'completed': (1, 1, 1.0, '')}
        for key, (a, b, p, mark) in expect.items():
            t = d1['metrics'][key]
            self.assertEqual((t['median'], t['method'], t['runs'], t['mark']),
                             ({'DELTA-DM1': a, 'UPSTREAM-DM1': b}, 'exact',
                              {'DELTA-DM1': 5, 'UPSTREAM-DM1': 5}, mark), key)
            self.assertAlmostEqual(t['p'], p, places=12, msg=key)
        # with ties (3 3 4 5 5 against 3 4 4 5 6), as listing every split says
        self.assertAlmostEqual(d1['metrics']['compact_stall']['p'],
                               float(brute_force_p([3, 3, 4, 5, 5], [3, 4, 4, 5, 6])), places=12)
        d0 = sig['pairs']['DELTA-DM0 vs UPSTREAM-DM0']['metrics']
        self.assertAlmostEqual(d0['pgscan_direct']['p'], 174 / 252, places=12)
        self.assertAlmostEqual(d0['compact_stall']['p'],
                               float(brute_force_p([0, 0, 0, 1, 1], [0, 0, 1, 1, 2])), places=12)

    def test_known_order_without_configs_line(self):
        self.edit('config.txt', lambda t: re.sub(r'configs .*\n', '', t))
        self.assertEqual(self.report(), 0, self.stderr)
        self.assertRegex(means_table(self.stdout)[0],
                         r'^ +UPSTREAM-DM0 +UPSTREAM-DM1 +DELTA-DM1 +DELTA-DM0$')
        self.assertIn('% change against UPSTREAM-DM0', self.stdout)

    def test_pair_needs_both(self):
        # without UPSTREAM-DM1, DELTA-DM1 has nothing to be tested against
        self.edit('runs.csv', lambda t: '\n'.join(ln for ln in t.splitlines()
                                                  if not ln.startswith('UPSTREAM-DM1')) + '\n')
        self.edit('config.txt', lambda t: t.replace(' UPSTREAM-DM1', ''))
        self.assertEqual(self.report(), 0, self.stderr)
        self.assertEqual(self.summary()['significance']['marked_against'], {'DELTA-DM0': 'UPSTREAM-DM0'})
        self.assertNotIn('DELTA-DM1 against', self.stdout)
        self.assertNotIn('*', ''.join(means_table(self.stdout)[1]))

    def test_unknown_configuration_fails(self):
        self.edit('runs.csv', lambda t: t.replace('DELTA-DM0,', 'DELTA-DM2,'))
        self.edit('config.txt', lambda t: t.replace('DELTA-DM0', 'DELTA-DM2'))
        self.assertEqual(self.report(), 1)
        self.assertIn('unknown configuration(s) in runs.csv (not reported): DELTA-DM2', self.stderr)
        self.assertIn('unknown configuration(s) in config.txt', self.stderr)
        self.assertNotIn('DELTA-DM2', means_table(self.stdout)[0])

    def test_guest_failed_fails(self):
        self.edit('runs.csv', lambda t: t.replace('DELTA-DM1,delta,1,4,guest_status,0',
                                                  'DELTA-DM1,delta,1,4,guest_status,137'))
        self.assertEqual(self.report(), 1)
        self.assertIn('run(s) whose guest did not exit 0 or 1 (the storm did not run to its end): '
                      'DELTA-DM1#4 (status 137)', self.stderr)


class KcompressdReport(unittest.TestCase):
    """The kcompressd set, from a runs.csv written here: KC1 against KC0
    (the effect) marks the main table; KC0 against DELTA (no regression)
    is a pair of its own."""

    def test_pairs_and_marks(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        rows = ['config,kernel,defrag_mode,iteration,metric,value']
        stalls = {'DELTA-RAND': [50, 52, 54, 56], 'KC0-RAND': [51, 53, 55, 57],
                  'KC1-RAND': [1, 2, 3, 4]}
        for c, vs in stalls.items():
            for i, v in enumerate(vs, 1):
                rows += ['%s,k,0,%d,allocstall,%d' % (c, i, v),
                         '%s,k,0,%d,accesses_per_s,%d' % (c, i, 1000 + v),
                         '%s,k,0,%d,guest_status,0' % (c, i)]
        with open(os.path.join(tmp.name, 'runs.csv'), 'w') as f:
            f.write('\n'.join(rows) + '\n')
        with open(os.path.join(tmp.name, 'config.txt'), 'w') as f:
            f.write('iterations 4\nconfigs DELTA-RAND KC0-RAND KC1-RAND\n')
        p = run_script('bench-report.py', '--no-plot', tmp.name)
        self.assertEqual(p.returncode, 0, p.stderr)
        titles = [ln.split(':')[0] for ln in p.stdout.splitlines() if ': medians' in ln]
        self.assertEqual(titles, ['KC1-RAND against KC0-RAND', 'KC0-RAND against DELTA-RAND',
                                  'KC1-RAND against DELTA-RAND'])
        self.assertIn('KC0-RAND against DELTA-RAND, KC1-RAND against KC0-RAND (see', p.stdout)
        self.assertIn('(kcompressd_load: counters during its measured phase)', p.stdout)
        _, main = means_table(p.stdout)
        stall = next(r for r in main if r.startswith('Alloc stall'))
        # 4 runs against 4, fully separated: p = 2/70; KC0 against DELTA: not
        self.assertRegex(stall, r'2\.50 \( -95\.28%\)\* *$')
        self.assertRegex(stall, r'54\.00 \(  \+1\.89%\) +2\.50')


if __name__ == '__main__':
    unittest.main()
