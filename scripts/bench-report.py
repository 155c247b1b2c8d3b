#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a scripts/bench results directory into its report.

Reads DIR/runs.csv (config,kernel,defrag_mode,iteration,metric,value) and
writes DIR/table.txt (printed too), DIR/summary.json and DIR/storm.png
(with gnuplot; --no-plot leaves the plot out).

Three sets of configurations are known: the June set (BASE-DM0 BASE-DM1
UPSTREAM-DM1 SERIES-DM1 SERIES-DM0), the 7.3 set (UPSTREAM-DM0
UPSTREAM-DM1 DELTA-DM1 DELTA-DM0) and the kcompressd set (DELTA-RAND
KC0-RAND KC1-RAND DELTA-SEQ KC0-SEQ KC1-SEQ KC0-STORM KC1-STORM: its
loads are kcompressd_load's, whose figures cover the measured phase, and
its plot is kcompressd.png). The columns are in the order of
DIR/config.txt's "configs" line (without one, in the order of KNOWN), and
the "% change" columns compare against the first column.

Exit status 1, after writing the report, when the results are incomplete:
a configuration without results (one named by DIR/config.txt, or one with
runs that recorded nothing but their status), a configuration with fewer
runs than DIR/config.txt's iterations, an unknown configuration (in
runs.csv or config.txt), a run without results, or a run whose guest did
not exit 0 (guest_status); each is named on stderr.

The table follows mmtests' compare-kernels layout: one row per metric, the
mean of each configuration with its change against the first column, then
the standard deviations, then min/median/max of the storm metrics (storms
are bursty: the spread says more than the mean), then, for each pair of
PAIRS present, the medians of every metric and the two-sided p-value of a
Mann-Whitney U test (exact permutation test, see mann_whitney()). A mean
of a DELTA or SERIES configuration is marked "*" (p < 0.05) or "**"
(p < 0.01) when its test against its reference (its first pair in PAIRS
that is present) is. The /proc/vmstat figures cover the non-movable
demand; the THP rows cover the THP faults after it; "Pages scanned, both
windows" adds up kswapd's and direct reclaim's scanning in both.
"""
import argparse
import csv
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys

# BASE: the pre-series 7.2 tree, SERIES: BASE + the series (June set);
# UPSTREAM: unmodified Linux 7.3.4, DELTA: 7.3.4 + the delta patches (7.3 set).
JUNE = ["BASE-DM0", "BASE-DM1", "UPSTREAM-DM1", "SERIES-DM1", "SERIES-DM0"]
SET_73 = ["UPSTREAM-DM0", "UPSTREAM-DM1", "DELTA-DM1", "DELTA-DM0"]
# every known configuration, in the column order used when config.txt has no
# "configs" line (each set keeps its own order)
SET_KC = ["DELTA-RAND", "KC0-RAND", "KC1-RAND", "DELTA-SEQ", "KC0-SEQ", "KC1-SEQ",
          "KC0-STORM", "KC1-STORM"]
KNOWN = ["BASE-DM0", "BASE-DM1", "UPSTREAM-DM0", "UPSTREAM-DM1", "DELTA-DM1", "DELTA-DM0",
         "SERIES-DM1", "SERIES-DM0"] + SET_KC
# (patched, reference) pairs tested for significance, in this order; a
# patched configuration's mark in the main table is its first pair's
# A configuration is marked against its first pair present: its own
# kernel's reference first (SERIES against BASE, not the 7.3.4 anchor).
# kcompressd: on against off (the effect), off against the kernel without
# the group (no regression), on against the kernel without the group.
PAIRS = [("DELTA-DM1", "UPSTREAM-DM1"), ("DELTA-DM0", "UPSTREAM-DM0"),
         ("SERIES-DM1", "BASE-DM1"), ("SERIES-DM0", "BASE-DM0"),
         ("SERIES-DM1", "UPSTREAM-DM1"),
         ("KC1-RAND", "KC0-RAND"), ("KC0-RAND", "DELTA-RAND"), ("KC1-RAND", "DELTA-RAND"),
         ("KC1-SEQ", "KC0-SEQ"), ("KC0-SEQ", "DELTA-SEQ"), ("KC1-SEQ", "DELTA-SEQ"),
         ("KC1-STORM", "KC0-STORM")]
# guest_status 1: defrag_mode_storm ran and the demand was not met (an OOM
# kill, a failed allocation): a result of the kernel, not a failed run.
RESULT_STATUSES = (0, 1)
# Mann-Whitney: exact up to this many splits of the pooled runs, else
# Monte-Carlo with this many random splits drawn with this seed
EXACT_MAX_SPLITS = 200000
MC_PERMUTATIONS = 100000
MC_SEED = 20261126

# (metric in runs.csv, label)
METRICS = [
    # kcompressd_load's (the measured phase)
    ("accesses_per_s", "Load: pages touched per second"),
    ("access_us_p50", "Load: touch latency p50 (us)"),
    ("access_us_p99", "Load: touch latency p99 (us)"),
    ("access_us_p999", "Load: touch latency p99.9 (us)"),
    ("direct_reclaim_episodes", "Direct reclaim episodes (trace)"),
    ("direct_reclaim_ms_total", "Direct reclaim time (ms, trace)"),
    ("direct_reclaim_ms_p99", "Direct reclaim latency p99 (ms)"),
    ("direct_reclaim_ms_max", "Direct reclaim latency max (ms)"),
    ("psi_some_ms", "PSI memory some (ms)"),
    ("psi_full_ms", "PSI memory full (ms)"),
    ("pgsteal_anon_per_s", "Anon pages reclaimed per second"),
    ("pswpout_per_s", "Swap out per second"),
    ("kcompressd_cpu_ms", "kcompressd CPU time (ms)"),
    ("kcompressd_queued", "kcompressd queued (pages)"),
    ("kcompressd_fallback", "kcompressd queue full (pages)"),
    ("kcompressd_freed", "kcompressd freed (pages)"),
    ("trace_events_lost", "Trace events lost"),
    ("pgscan_direct", "Pages direct scanned"),
    ("pgsteal_direct", "Pages direct reclaimed"),
    ("pgscan_kswapd", "Pages kswapd scanned"),
    ("pgsteal_kswapd", "Pages kswapd reclaimed"),
    ("pgscan_all", "Pages scanned, both windows"),
    ("pswpout", "Swap out"),
    ("pswpin", "Swap in"),
    ("workingset_refault_anon", "Refaults anon"),
    ("workingset_refault_file", "Refaults file"),
    ("kswapd_cpu_ms", "kswapd CPU time (ms)"),
    ("kcompactd_cpu_ms", "kcompactd CPU time (ms)"),
    ("allocstall", "Alloc stall"),
    ("compact_stall", "Direct compact stall"),
    ("compact_fail", "Direct compact fail"),
    ("compact_success", "Direct compact success"),
    ("compact_migrate_scanned", "Compact migrate scanned"),
    ("compact_free_scanned", "Compact free scanned"),
    ("compact_daemon_wake", "Compact daemon wakes"),
    ("compact_daemon_migrate_scanned", "kcompactd migrate scanned"),
    ("compact_daemon_free_scanned", "kcompactd free scanned"),
    ("compact_daemon_handoff", "kswapd hand-offs to kcompactd"),
    ("pageoutrun", "kswapd runs (pageoutrun)"),
    ("thp_window_thp_fault_alloc", "THP fault alloc"),
    ("thp_window_thp_fault_fallback", "THP fault fallback"),
    ("thp_window_pgscan_direct", "THP: pages direct scanned"),
    ("thp_window_pgscan_kswapd", "THP: pages kswapd scanned"),
    ("thp_window_pswpout", "THP: swap out"),
    ("thp_window_compact_stall", "THP: direct compact stall"),
    ("thp_window_compact_success", "THP: direct compact success"),
    ("oom_kill", "OOM kills"),
    ("extfrag", "Fallbacks (extfrag events)"),
    ("extfrag_mixing", "Mixing fallbacks (pollution)"),
    ("thp_window_extfrag_mixing", "THP: mixing fallbacks"),
    ("extfrag_stolen_pages", "Pages put in foreign blocks"),
    ("extfrag_claimed_pages", "Pages in claimed blocks"),
    ("blocks_mixed", "Mixed blocks (page_owner, delta)"),
    ("blocks_unmovable", "Unmovable blocks (delta)"),
    ("blocks_reclaimable", "Reclaimable blocks (delta)"),
    ("blocks_movable", "Movable blocks (delta)"),
    ("blocks_pinned", "Blocks w/ slab, pgtables (delta)"),
    ("blocks_pinned_mixed", "  of them w/ LRU pages (delta)"),
    ("pgtables_ms", "Page tables time (ms)"),
    ("pipes_ms", "Pipe buffers time (ms)"),
    ("stacks_ms", "Kernel stacks time (ms)"),
    ("slab_ms", "Slab time (ms)"),
    ("thp_ms", "THP faults time (ms)"),
    ("demand_ms", "Non-movable demand time (ms)"),
    ("lat_median_ms", "Batch latency median (ms)"),
    ("lat_p99_ms", "Batch latency p99 (ms)"),
    ("lat_worst_ms", "Batch latency worst (ms)"),
    ("completed", "Demand met (fraction)"),
]
# the LRU pages scanned by anyone in either window: pgscan_all
SCANNED_ALL = ("pgscan_kswapd", "pgscan_direct", "thp_window_pgscan_kswapd",
               "thp_window_pgscan_direct")
SPREAD = ["pgscan_direct", "pgscan_all", "pswpout", "allocstall", "compact_stall",
          "compact_fail", "compact_success", "pgscan_kswapd", "pgsteal_kswapd",
          "extfrag_mixing", "extfrag_stolen_pages", "extfrag_claimed_pages", "blocks_mixed",
          "blocks_pinned", "demand_ms", "lat_median_ms", "lat_p99_ms",
          "lat_worst_ms"]
PLOT = [("pgscan_direct", "Pages direct scanned"), ("pswpout", "Swap out (pages)"),
        ("allocstall", "Alloc stalls"), ("extfrag_mixing", "Mixing fallbacks (pollution)"),
        ("pgscan_kswapd", "Pages kswapd scanned"), ("compact_stall", "Direct compact stalls"),
        ("demand_ms", "Non-movable demand time (ms)"), ("lat_p99_ms", "Batch latency p99 (ms)"),
        ("lat_worst_ms", "Worst batch latency (ms)")]


def load(path):
    runs = {}  # (config, iteration) -> {metric: value}
    with open(path) as f:
        for row in csv.DictReader(f):
            try:
                v = float(row["value"])
            except ValueError:
                continue
            runs.setdefault((row["config"], int(row["iteration"])), {})[row["metric"]] = v
    # A kernel without tracing counts no extfrag events, one without hist
    # triggers no pages, a guest without page_owner=on no mixed blocks: not
    # zero, unknown
    for m in runs.values():
        if not m.get("have_extfrag"):
            for k in [k for k in m if "extfrag" in k]:
                del m[k]
        if not m.get("have_extfrag_pages"):
            for k in [k for k in m if k.endswith("_pages") and "extfrag" in k]:
                del m[k]
        if not m.get("have_page_owner"):
            for k in [k for k in m if k.endswith("blocks_mixed")]:
                del m[k]
        # Reclaim moved from kswapd to direct reclaimers, or from the demand
        # into the THP faults after it, shows in no single row: this one
        # adds the four up (only when a run has all four)
        if all(k in m for k in SCANNED_ALL):
            m["pgscan_all"] = sum(m[k] for k in SCANNED_ALL)
    return runs


def read_config(d):
    """DIR/config.txt as {key: value} ("configs A B", "iterations 8"); {} if absent."""
    cfg = {}
    try:
        with open(os.path.join(d, "config.txt")) as f:
            for line in f:
                key, _, val = line.strip().partition(" ")
                if key:
                    cfg[key] = val.strip()
    except OSError:
        pass
    return cfg


GUEST_FAILED = "run(s) whose guest did not exit 0 or 1 (the storm did not run to its end): "


def has_results(m):
    """Did a run record anything besides its guest status?"""
    return bool(set(m) - {"guest_status"})


def listed(cfg):
    """The names of config.txt's "configs" line, each once, in order."""
    names = cfg.get("configs", "").split()
    return [c for i, c in enumerate(names) if c not in names[:i]]


def columns(runs, cfg):
    """The known configurations with results, in config.txt's order, then
    any others with results in the order of KNOWN."""
    have = {c for (c, _), m in runs.items() if c in KNOWN and has_results(m)}
    first = [c for c in listed(cfg) if c in have]
    return first + [c for c in KNOWN if c in have and c not in first]


def problems(runs, cfg):
    """What makes these results incomplete: a list of messages, each naming
    the configurations or runs concerned."""
    out = []
    in_csv = []
    for c, _ in sorted(runs):
        if c not in in_csv:
            in_csv.append(c)
    unknown = [c for c in in_csv if c not in KNOWN]
    if unknown:
        out.append("unknown configuration(s) in runs.csv (not reported): " + ", ".join(unknown))
    unknown = [c for c in listed(cfg) if c not in KNOWN]
    if unknown:
        out.append("unknown configuration(s) in config.txt (known: %s): %s"
                   % (" ".join(KNOWN), ", ".join(unknown)))
    wanted = [c for c in listed(cfg) if c in KNOWN]
    wanted += [c for c in KNOWN if c in in_csv and c not in wanted]
    count = {c: len([1 for k, m in runs.items() if k[0] == c and has_results(m)]) for c in wanted}
    empty = [c for c in wanted if not count[c]]
    if empty:
        out.append("configuration(s) without results: " + ", ".join(empty))
    iters = cfg.get("iterations", "")
    if iters.isdigit():
        short = ["%s (%d of %s)" % (c, count[c], iters) for c in wanted
                 if 0 < count[c] < int(iters)]
        if short:
            out.append("configuration(s) with fewer runs with results than the %s iterations: %s"
                       % (iters, ", ".join(short)))
    nores = ["%s#%d" % k for k, m in sorted(runs.items()) if k[0] not in empty and not has_results(m)]
    if nores:
        out.append("run(s) without results: " + ", ".join(nores))
    nostatus = ["%s#%d" % k for k, m in sorted(runs.items()) if "guest_status" not in m]
    if nostatus:
        out.append("run(s) without a guest_status: " + ", ".join(nostatus))
    bad = ["%s#%d (status %g)" % (c, i, m["guest_status"]) for (c, i), m in sorted(runs.items())
           if m.get("guest_status", 0) not in RESULT_STATUSES]
    if bad:
        out.append(GUEST_FAILED + ", ".join(bad))
    return out


def values(runs, config, metric):
    return [m[metric] for (c, _), m in sorted(runs.items()) if c == config and metric in m]


def pooled(runs, config):
    """Every batch latency of every run of a configuration."""
    return sorted(v for (c, _), m in runs.items() if c == config
                  for k, v in m.items() if k.startswith("batch_") and k.endswith("_ms"))


def quantile(xs, q):
    """Nearest-rank quantile of a sorted list."""
    return xs[max(0, min(len(xs) - 1, -(-len(xs) * q // 100) - 1))] if xs else float("nan")


def pct(base, v):
    if base == 0:
        return "(    n/a )" if v != 0 else "(  +0.00%)"
    return "(%+7.2f%%)" % ((v - base) * 100.0 / base)


def doubled_ranks(xs):
    """Twice the mid-rank of each value of xs (ranks from 1; tied values
    share the mean of their ranks), as integers."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in order[i:j + 1]:
            r[k] = (i + 1) + (j + 1)  # 2 * the mean of ranks i+1..j+1
        i = j + 1
    return r


_COUNTS = {}


def rank_sum_counts(ranks, n1):
    """{s: how many of the C(len(ranks), n1) ways to pick n1 of ranks sum to s}:
    every split of the pooled runs into the two groups, counted exactly
    (subset-sum counting instead of listing each split)."""
    key = (tuple(sorted(ranks)), n1)
    if key not in _COUNTS:
        by_size = [dict() for _ in range(n1 + 1)]
        by_size[0][0] = 1
        for i, r in enumerate(key[0]):
            for k in range(min(i + 1, n1), 0, -1):
                into = by_size[k]
                for s, c in by_size[k - 1].items():
                    into[s + r] = into.get(s + r, 0) + c
        _COUNTS[key] = by_size[n1]
    return _COUNTS[key]


_SPLITS = {}


def random_splits(n, n1, count, seed):
    """count random n1-subsets of range(n), the same ones for every test of
    the same sizes (seeded)."""
    key = (n, n1, count, seed)
    if key not in _SPLITS:
        rng = random.Random(seed)
        _SPLITS[key] = [rng.sample(range(n), n1) for _ in range(count)]
    return _SPLITS[key]


def mann_whitney(x, y, exact_max=EXACT_MAX_SPLITS, permutations=MC_PERMUTATIONS, seed=MC_SEED):
    """Two-sided Mann-Whitney U test of samples x and y by permutation.

    The statistic is x's rank sum in the pooled sample (mid-ranks for ties;
    equivalent to U = R - n1(n1+1)/2); p is the share of splits of the
    pooled values into groups of len(x) and len(y) whose rank sum is at
    least as far from its mean n1(N+1)/2 as the observed one. With
    C(N, n1) <= exact_max splits all are counted (method "exact"); beyond,
    `permutations` random splits drawn with `seed` ("monte-carlo"), p =
    (hits + 1) / (permutations + 1). All values tied: p = 1.

    -> {"p", "method", "splits", "u"}, or None when a sample is empty."""
    n1, n2 = len(x), len(y)
    if not n1 or not n2:
        return None
    n = n1 + n2
    ranks = doubled_ranks(list(x) + list(y))
    out = {"splits": math.comb(n, n1), "u": sum(ranks[:n1]) / 2 - n1 * (n1 + 1) / 2}
    # the smaller group's rank sum (the same p either way; fewer to count),
    # twice over as the ranks are doubled; its distribution depends only on
    # the pooled ranks, in sorted order for the random splits, so swapping
    # x and y changes nothing, Monte-Carlo included
    m, mine = (n1, ranks[:n1]) if n1 <= n2 else (n2, ranks[n1:])
    centre = m * (n + 1)
    dev = abs(sum(mine) - centre)
    if out["splits"] <= exact_max:
        dist = rank_sum_counts(ranks, m)
        hits = sum(c for s, c in dist.items() if abs(s - centre) >= dev)
        out.update(p=hits / out["splits"], method="exact")
    else:
        out["method"] = "monte-carlo"
        if len(set(x) | set(y)) == 1:
            out["p"] = 1.0
        else:
            get = sorted(ranks).__getitem__
            hits = sum(1 for sub in random_splits(n, m, permutations, seed)
                       if abs(sum(map(get, sub)) - centre) >= dev)
            out["p"] = (hits + 1) / (permutations + 1)
    return out


def stars(p):
    return "" if p is None else "**" if p < 0.01 else "*" if p < 0.05 else ""


def fmt_p(p):
    return "-" if p is None else "%.4f" % p if p >= 0.0001 else "%.1e" % p


def kcompressd_load(configs):
    """Whether the runs are kcompressd_load's (not the storm's)."""
    return any(c in SET_KC and not c.endswith("-STORM") for c in configs)


def reference(patched, configs):
    """The configuration a patched one is marked against in the main table."""
    for a, b in PAIRS:
        if a == patched and b in configs:
            return b
    return None


def render(lines, rows, names, lw, cw):
    """Append a table: a header of names, then (label, cells, marks) rows.
    Each column is a cell right-aligned in its width (cw, or cw[i] for
    column i) and a 2-wide slot for the mark, so marks never shift a column."""
    cw = cw if isinstance(cw, list) else [cw] * len(names)
    lines.append((" " * lw + "".join("%*s  " % (w, c) for w, c in zip(cw, names))).rstrip())
    for label, cells, marks in rows:
        marks = marks or [""] * len(cells)
        lines.append(("%-*s%s" % (lw, label, "".join(
            "%*s%-2s" % (w, c, m) for w, c, m in zip(cw, cells, marks)))).rstrip())


def main(argv=None):
    ap = argparse.ArgumentParser(description="Turn a scripts/bench results directory into its "
                                 "report (table.txt, summary.json, storm.png). Exit status 1 if "
                                 "a configuration or a run has no results or a guest did not exit 0.")
    ap.add_argument("--no-plot", action="store_true", help="do not draw storm.png (no gnuplot)")
    ap.add_argument("dir", help="the results directory (runs.csv, config.txt)")
    args = ap.parse_args(argv)
    d = args.dir
    try:
        runs = load(os.path.join(d, "runs.csv"))
    except (OSError, KeyError, TypeError, ValueError) as e:
        sys.exit("bench-report: %s/runs.csv: %s" % (d, e))
    cfg = read_config(d)
    trouble = problems(runs, cfg)
    configs = columns(runs, cfg)
    if not configs:
        for t in trouble:
            print("bench-report: ERROR: %s" % t, file=sys.stderr)
        sys.exit("bench-report: no results in %s/runs.csv" % d)
    n = {c: len([k for k in runs if k[0] == c]) for c in configs}
    summary = {"runs": n, "columns": configs, "baseline": configs[0], "metrics": {}}
    vals = {}
    for key, label in METRICS:
        v = {c: values(runs, c, key) for c in configs}
        if not any(v.values()):
            continue
        vals[key] = v
        means = {c: statistics.mean(x) if x else float("nan") for c, x in v.items()}
        summary["metrics"][key] = {
            c: {"mean": means[c],
                "stddev": statistics.stdev(v[c]) if len(v[c]) > 1 else 0.0,
                "min": min(v[c]) if v[c] else None,
                "median": statistics.median(v[c]) if v[c] else None,
                "max": max(v[c]) if v[c] else None,
                "runs": v[c]} for c in configs}
    shown = [(key, label) for key, label in METRICS if key in vals]

    # significance: every pair present, every metric of the main table
    pairs = [(a, b) for a, b in PAIRS if a in configs and b in configs]
    sig = {}
    for a, b in pairs:
        sig[(a, b)] = {}
        for key, _ in shown:
            x, y = vals[key][a], vals[key][b]
            t = mann_whitney(x, y)
            med = {c: statistics.median(z) if z else None for c, z in ((a, x), (b, y))}
            sig[(a, b)][key] = {
                "median": med,
                "difference": med[a] - med[b] if x and y else None,
                "runs": {a: len(x), b: len(y)},
                "p": t and t["p"], "method": t and t["method"], "splits": t and t["splits"],
                "u": t and t["u"], "mark": stars(t and t["p"])}
    refs = {c: reference(c, configs) for c in configs
            if c.startswith(("DELTA-", "SERIES-", "KC")) and reference(c, configs)}
    summary["significance"] = {
        "test": "Mann-Whitney U, two-sided, permutation of the runs, mid-ranks for ties",
        "exact_max_splits": EXACT_MAX_SPLITS,
        "monte_carlo": {"permutations": MC_PERMUTATIONS, "seed": MC_SEED},
        "marked_against": refs,
        "pairs": {"%s vs %s" % ab: {"patched": ab[0], "reference": ab[1], "metrics": sig[ab]}
                  for ab in pairs}}

    def mark(c, key):
        return sig[(c, refs[c])][key]["mark"] if c in refs else ""

    # the tables' cells first, then one width for all of them
    mean_rows = []
    for key, label in shown:
        s = summary["metrics"][key]
        mean_rows.append((label, ["%.2f %s" % (s[c]["mean"], pct(s[configs[0]]["mean"], s[c]["mean"]))
                                  for c in configs], [mark(c, key) for c in configs]))
    sd_rows = [(label, ["%.2f" % summary["metrics"][key][c]["stddev"] for c in configs], None)
               for key, label in shown]
    spread_rows = []
    for key, label in shown:
        if key not in SPREAD:
            continue
        s = summary["metrics"][key]
        spread_rows.append((label, ["%g/%g/%g" % (s[c]["min"], s[c]["median"], s[c]["max"])
                                    if s[c]["min"] is not None else "-" for c in configs], None))
    pool = {c: pooled(runs, c) for c in configs}
    pool_rows = []
    if any(pool.values()):
        summary["pooled_batch_ms"] = {}
        for q, label in ((50, "median"), (90, "p90"), (99, "p99"), (100, "worst")):
            qv = {c: quantile(pool[c], q) for c in configs}
            pool_rows.append(("Batch latency " + label,
                              ["%.2f %s" % (qv[c], pct(qv[configs[0]], qv[c])) for c in configs], None))
            summary["pooled_batch_ms"][label] = qv
    every = mean_rows + sd_rows + spread_rows + pool_rows
    lw = max([31] + [len(r[0]) + 1 for r in every])
    cw = max([21] + [len(x) + 2 for r in every for x in r[1]] + [len(c) + 2 for c in configs])

    lines = []
    lines.append("Means of %s runs per configuration; %% change against %s" %
                 ("/".join(str(n[c]) for c in configs), configs[0]))
    if kcompressd_load(configs):
        lines.append("(kcompressd_load: counters during its measured phase)")
    else:
        lines.append("(counters: during the non-movable demand; THP rows: during the THP faults after it)")
    if refs:
        lines.append("* p < 0.05, ** p < 0.01: Mann-Whitney U test, %s (see Significance)"
                     % ", ".join("%s against %s" % cr for cr in refs.items()))
    render(lines, mean_rows, configs, lw, cw)
    lines.append("")
    lines.append("Standard deviations")
    render(lines, sd_rows, configs, lw, cw)
    lines.append("")
    lines.append("min / median / max")
    render(lines, spread_rows, configs, lw, cw)
    if pool_rows:
        lines.append("")
        lines.append("Batch latency of the non-movable demand (ms), pooled over all runs; batches: " +
                     "/".join(str(len(pool[c])) for c in configs))
        render(lines, pool_rows, configs, lw, cw)
    if pairs:
        lines.append("")
        lines.append("Significance: for each pair, the medians, their difference (patched - reference)")
        lines.append("and the two-sided p of a Mann-Whitney U test by permutation of the runs (mid-ranks")
        lines.append("for ties): exact (every split of the pooled runs counted) up to %d splits, else"
                     % EXACT_MAX_SPLITS)
        lines.append("Monte-Carlo (%d random splits, seed %d). * p < 0.05, ** p < 0.01, each row"
                     % (MC_PERMUTATIONS, MC_SEED))
        lines.append("on its own (no correction for the number of rows).")
    for a, b in pairs:
        how = []
        for key, _ in shown:
            t = sig[(a, b)][key]
            if t["method"]:
                h = "%s, %s splits of %d+%d runs" % (
                    t["method"], "all %d" % t["splits"] if t["method"] == "exact"
                    else "%d random of %d" % (MC_PERMUTATIONS, t["splits"]),
                    t["runs"][a], t["runs"][b])
                if h not in how:
                    how.append(h)
        rows = []
        for key, label in shown:
            t = sig[(a, b)][key]
            rows.append((label, ["-" if t["median"][a] is None else "%.2f" % t["median"][a],
                                 "-" if t["median"][b] is None else "%.2f" % t["median"][b],
                                 "-" if t["difference"] is None else "%+.2f" % t["difference"],
                                 fmt_p(t["p"])], ["", "", "", t["mark"]]))
        names = [a, b, "difference", "p"]
        w = [max(len(names[i]), *(len(r[1][i]) for r in rows)) + 2 for i in range(4)]
        lines.append("")
        lines.append("%s against %s: medians, difference, p (%s)" % (a, b, "; ".join(how) or "-"))
        render(lines, rows, names, lw, w)

    bad = [(c, i) for (c, i), m in sorted(runs.items()) if m.get("guest_status", 0) != 0]
    if bad:
        lines.append("")
        lines.append("Runs whose guest did not exit 0 (demand not met, OOM or hang): " +
                     ", ".join("%s#%d" % b for b in bad))
    other = [t for t in trouble if not t.startswith(GUEST_FAILED)]
    if other:
        lines.append("")
        lines += ["INCOMPLETE: %s" % t for t in other]
    table = "\n".join(lines) + "\n"
    with open(os.path.join(d, "table.txt"), "w") as f:
        f.write(table)
    with open(os.path.join(d, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
    sys.stdout.write(table)
    if not args.no_plot:
        plot(d, runs, configs)
    for t in trouble:
        print("bench-report: ERROR: %s" % t, file=sys.stderr)
    return 1 if trouble else 0


# panels whose storms dwarf the rest on a linear axis: log scale, value + 1
LOG = {"pgscan_direct", "allocstall", "lat_p99_ms", "lat_worst_ms", "demand_ms"}
# the kcompressd loads' panels (kcompressd.png)
PLOT_KC = [("accesses_per_s", "Pages touched per second"), ("allocstall", "Alloc stalls"),
           ("direct_reclaim_ms_total", "Direct reclaim time (ms)"),
           ("direct_reclaim_ms_p99", "Direct reclaim latency p99 (ms)"),
           ("pgsteal_anon_per_s", "Anon pages reclaimed per second"),
           ("psi_some_ms", "PSI memory some (ms)"), ("access_us_p99", "Touch latency p99 (us)"),
           ("kswapd_cpu_ms", "kswapd CPU (ms)"), ("kcompressd_cpu_ms", "kcompressd CPU (ms)")]


def plot(d, runs, configs):
    """One panel per metric, every run a point, the median a bar."""
    load = kcompressd_load(configs)
    panels, png = (PLOT_KC, "kcompressd.png") if load else (PLOT, "storm.png")
    title = ("kcompressd, kswapd-bound load" if load else "defrag\\_mode allocation storm")
    data = os.path.join(d, "plot.dat")
    with open(data, "w") as f:
        for pi, (key, _) in enumerate(panels):
            f.write("# %s\n" % key)
            for ci, c in enumerate(configs):
                for v in values(runs, c, key):
                    f.write("%d %g\n" % (ci, v + 1 if key in LOG else v))
            f.write("\n\n")
    med = []
    for key, _ in panels:
        med.append([(statistics.median(values(runs, c, key)) if values(runs, c, key) else 0) +
                    (1 if key in LOG else 0) for c in configs])
    xt = ", ".join('"%s" %d' % (c, i) for i, c in enumerate(configs))
    g = ["set terminal png size 1600,1200 font ',10'",
         "set output '%s'" % os.path.join(d, png),
         "set multiplot layout 3,3 title '%s: every run (points) and median (bar), %s' font ',12'"
         % (title, re.sub(r"\.incomplete$", "", os.path.basename(os.path.abspath(d)))
            .replace("_", "\\_")),
         "set xtics (%s) rotate by -20" % xt,
         "set xrange [-0.6:%f]" % (len(configs) - 0.4),
         "set yrange [0:*]", "set grid ytics", "unset key",
         "set style fill solid 0.35", "set boxwidth 0.6"]
    for pi, (key, label) in enumerate(panels):
        if key in LOG:
            g += ["set logscale y", "set yrange [1:*]", "set title '%s (log scale, +1)'" % label]
        else:
            g += ["unset logscale y", "set yrange [0:*]", "set title '%s'" % label]
        g.append("$med%d << EOD\n%s\nEOD" % (pi, "\n".join("%d %g" % (i, m) for i, m in enumerate(med[pi]))))
        g.append("plot $med%d using 1:2 with boxes lc rgb '#4477aa', '%s' index %d using 1:2 with points pt 7 ps 1.2 lc rgb '#cc3311'"
                 % (pi, data, pi))
    g.append("unset multiplot")
    try:
        subprocess.run(["gnuplot"], input="\n".join(g) + "\n", text=True, check=True,
                       stderr=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError) as e:
        print("bench-report: no plot: %s" % e, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
