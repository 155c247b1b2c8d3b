#!/usr/bin/env python3
"""Pool several scripts/bench results directories of one shape: DELTA-DMn
against UPSTREAM-DMn, medians over all runs, and a stratified permutation test
(labels permuted within each bench only, so that each bench's own interleaved
7.3.4 runs stay its control; statistic: the sum over benches of DELTA's
mid-rank sum, two-sided, Monte-Carlo).

usage: pool.py [--dm 0|1] [--rows a,b,...] BENCH_DIR...
"""
import argparse
import importlib.util
import os
import random
import statistics
import sys

# scripts/bench-report.py's reader (with its pgscan_all, "both windows") and
# its mid-ranks; its name is not importable, so load it by path
_SPEC = importlib.util.spec_from_file_location(
    'bench_report', os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 '..', '..', 'scripts', 'bench-report.py'))
br = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(br)

ROWS = [
    ('pgscan_kswapd', 'kswapd scanned'),
    ('pgsteal_kswapd', 'kswapd reclaimed'),
    ('pgscan_all', 'both windows'),
    ('pgscan_direct', 'direct scanned'),
    ('pgsteal_direct', 'direct reclaimed'),
    ('pswpout', 'swap-out'),
    ('allocstall', 'allocation stalls'),
    ('extfrag_mixing', 'mixing fallbacks'),
    ('lat_worst_ms', 'worst batch (ms)'),
    ('blocks_pinned_mixed', 'mixed blocks'),
    ('kswapd_cpu_ms', 'kswapd CPU (ms)'),
    ('kcompactd_cpu_ms', 'kcompactd CPU (ms)'),
    ('thp_window_thp_fault_alloc', 'THP faults served'),
    ('thp_window_pgscan_direct', 'THP: direct scanned'),
    ('blocks_per_s', 'blocks made per s'),
    ('oom_kill', 'OOM kills'),
]


def load(path, dm):
    out = {'delta': [], 'upstream': []}
    runs = br.load(path + '/runs.csv')
    for (config, _), m in sorted(runs.items()):
        if not config.endswith('-DM%d' % dm):
            continue
        # pageblocks the demand got for its types (unmovable and
        # reclaimable, change over the demand) per second of demand
        if m.get('demand_ms', 0) > 0:
            m['blocks_per_s'] = (m.get('blocks_unmovable', 0) + m.get('blocks_reclaimable', 0)) \
                / (m['demand_ms'] / 1000)
        out['delta' if config.startswith('DELTA') else 'upstream'].append(m)
    return out


def stratified_p(strata, iters=100000, seed=20261127):
    """strata: list of (delta values, upstream values)."""
    rng = random.Random(seed)
    pre = []
    t_obs = expect = 0.0
    for d, u in strata:
        r = br.doubled_ranks(d + u)
        pre.append((r, len(d)))
        t_obs += sum(r[:len(d)])
        expect += len(d) * (len(r) + 1)
    dev = abs(t_obs - expect)
    hits = 0
    for _ in range(iters):
        t = 0.0
        for r, n in pre:
            t += sum(rng.sample(r, n))
        if abs(t - expect) >= dev - 1e-9:
            hits += 1
    return (hits + 1) / (iters + 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--dm', type=int, default=1)
    ap.add_argument('--iters', type=int, default=100000)
    ap.add_argument('benches', nargs='+')
    a = ap.parse_args()
    data = [load(b, a.dm) for b in a.benches]
    nd = sum(len(d['delta']) for d in data)
    nu = sum(len(d['upstream']) for d in data)
    if not nd or not nu:
        sys.exit('pool.py: no DELTA-DM%d or UPSTREAM-DM%d runs' % (a.dm, a.dm))
    print('defrag_mode=%d, %d benches, %d DELTA and %d UPSTREAM runs; medians over all runs,'
          % (a.dm, len(data), nd, nu))
    print('p: stratified permutation test (within each bench), two-sided, %d draws' % a.iters)
    print('%-20s %12s %12s %9s' % ('', 'UPSTREAM', 'DELTA', 'p'))
    for key, name in ROWS:
        strata = []
        for d in data:
            dv = [m[key] for m in d['delta'] if key in m]
            uv = [m[key] for m in d['upstream'] if key in m]
            if dv and uv:
                strata.append((dv, uv))
        if not strata:
            continue
        alld = [v for s in strata for v in s[0]]
        allu = [v for s in strata for v in s[1]]
        p = stratified_p(strata, a.iters)
        mark = '**' if p < 0.01 else '*' if p < 0.05 else ''
        ps = '<0.0001' if p < 0.0001 else '%.4f' % p
        print('%-20s %12g %12g %9s%s' % (name, statistics.median(allu),
                                        statistics.median(alld), ps, mark))


if __name__ == '__main__':
    main()
