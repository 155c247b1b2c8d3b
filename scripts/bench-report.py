#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a scripts/bench results directory into its report.

Reads DIR/runs.csv (config,kernel,defrag_mode,iteration,metric,value) and
writes DIR/table.txt (printed too), DIR/summary.json and DIR/storm.png
(with gnuplot; --no-plot leaves the plot out).

Exit status 1, after writing the report, when the results are incomplete:
a configuration without results (one named by DIR/config.txt, or one with
runs that recorded nothing but their status), a configuration with fewer
runs than DIR/config.txt's iterations, an unknown configuration, a run
without results, or a run whose guest did not exit 0 (guest_status);
each is named on stderr.

The table follows mmtests' compare-kernels layout: one row per metric, the
mean of each configuration with its change against the first column, then
the standard deviations, then min/median/max of the storm metrics (storms
are bursty: the spread says more than the mean). The /proc/vmstat figures
cover the non-movable demand; the THP rows cover the THP faults after it.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys

CONFIGS = ["BASE-DM0", "BASE-DM1", "UPSTREAM-DM1", "SERIES-DM1", "SERIES-DM0"]

# (metric in runs.csv, label)
METRICS = [
    ("pgscan_direct", "Pages direct scanned"),
    ("pgsteal_direct", "Pages direct reclaimed"),
    ("pgscan_kswapd", "Pages kswapd scanned"),
    ("pgsteal_kswapd", "Pages kswapd reclaimed"),
    ("pswpout", "Swap out"),
    ("pswpin", "Swap in"),
    ("allocstall", "Alloc stall"),
    ("compact_stall", "Direct compact stall"),
    ("compact_fail", "Direct compact fail"),
    ("compact_success", "Direct compact success"),
    ("compact_migrate_scanned", "Compact migrate scanned"),
    ("compact_free_scanned", "Compact free scanned"),
    ("compact_daemon_wake", "Compact daemon wakes"),
    ("thp_window_thp_fault_alloc", "THP fault alloc"),
    ("thp_window_thp_fault_fallback", "THP fault fallback"),
    ("thp_window_pgscan_direct", "THP: pages direct scanned"),
    ("thp_window_compact_stall", "THP: direct compact stall"),
    ("thp_window_compact_success", "THP: direct compact success"),
    ("oom_kill", "OOM kills"),
    ("extfrag", "Fallbacks (extfrag events)"),
    ("extfrag_mixing", "Mixing fallbacks (pollution)"),
    ("thp_window_extfrag_mixing", "THP: mixing fallbacks"),
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
SPREAD = ["pgscan_direct", "pswpout", "allocstall", "compact_stall",
          "compact_fail", "compact_success", "pgscan_kswapd", "pgsteal_kswapd",
          "extfrag_mixing", "blocks_pinned", "demand_ms", "lat_median_ms", "lat_p99_ms",
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
    # A kernel without tracing counts no extfrag events: not zero, unknown
    for m in runs.values():
        if not m.get("have_extfrag"):
            for k in [k for k in m if "extfrag" in k]:
                del m[k]
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


GUEST_FAILED = "run(s) whose guest did not exit 0: "


def has_results(m):
    """Did a run record anything besides its guest status?"""
    return bool(set(m) - {"guest_status"})


def problems(runs, cfg):
    """What makes these results incomplete: a list of messages, each naming
    the configurations or runs concerned."""
    out = []
    in_csv = []
    for c, _ in sorted(runs):
        if c not in in_csv:
            in_csv.append(c)
    unknown = [c for c in in_csv if c not in CONFIGS]
    if unknown:
        out.append("unknown configuration(s) in runs.csv (not reported): " + ", ".join(unknown))
    wanted = cfg.get("configs", "").split() + [c for c in in_csv if c in CONFIGS]
    wanted = [c for i, c in enumerate(wanted) if c not in wanted[:i]]
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
           if m.get("guest_status", 0) != 0]
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
    trouble = problems(runs, read_config(d))
    configs = [c for c in CONFIGS if any(k[0] == c and has_results(m) for k, m in runs.items())]
    if not configs:
        for t in trouble:
            print("bench-report: ERROR: %s" % t, file=sys.stderr)
        sys.exit("bench-report: no results in %s/runs.csv" % d)
    n = {c: len([k for k in runs if k[0] == c]) for c in configs}
    lw, cw = 31, 23
    lines = []
    head = " " * lw + "".join("%*s" % (cw, c) for c in configs)
    lines.append("Means of %s runs per configuration; %% change against %s" %
                 ("/".join(str(n[c]) for c in configs), configs[0]))
    lines.append("(counters: during the non-movable demand; THP rows: during the THP faults after it)")
    lines.append(head)
    summary = {"runs": n, "metrics": {}}
    for key, label in METRICS:
        vals = {c: values(runs, c, key) for c in configs}
        if not any(vals.values()):
            continue
        means = {c: statistics.mean(v) if v else float("nan") for c, v in vals.items()}
        cells = "".join("%*s" % (cw, "%.2f %s" % (means[c], pct(means[configs[0]], means[c])))
                        for c in configs)
        lines.append("%-*s%s" % (lw, label, cells))
        summary["metrics"][key] = {
            c: {"mean": means[c],
                "stddev": statistics.stdev(vals[c]) if len(vals[c]) > 1 else 0.0,
                "min": min(vals[c]) if vals[c] else None,
                "median": statistics.median(vals[c]) if vals[c] else None,
                "max": max(vals[c]) if vals[c] else None,
                "runs": vals[c]} for c in configs}
    lines.append("")
    lines.append("Standard deviations")
    lines.append(head)
    for key, label in METRICS:
        if key not in summary["metrics"]:
            continue
        s = summary["metrics"][key]
        lines.append("%-*s%s" % (lw, label, "".join("%*.2f" % (cw, s[c]["stddev"]) for c in configs)))
    lines.append("")
    lines.append("min / median / max")
    lines.append(head)
    for key, label in METRICS:
        if key not in SPREAD or key not in summary["metrics"]:
            continue
        s = summary["metrics"][key]
        lines.append("%-*s%s" % (lw, label, "".join(
            "%*s" % (cw, "%g/%g/%g" % (s[c]["min"], s[c]["median"], s[c]["max"]))
            if s[c]["min"] is not None else "%*s" % (cw, "-") for c in configs)))
    pool = {c: pooled(runs, c) for c in configs}
    if any(pool.values()):
        lines.append("")
        lines.append("Batch latency of the non-movable demand (ms), pooled over all runs; batches: " +
                     "/".join(str(len(pool[c])) for c in configs))
        lines.append(head)
        summary["pooled_batch_ms"] = {}
        for q, label in ((50, "median"), (90, "p90"), (99, "p99"), (100, "worst")):
            vals = {c: quantile(pool[c], q) for c in configs}
            lines.append("%-*s%s" % (lw, "Batch latency " + label, "".join(
                "%*s" % (cw, "%.2f %s" % (vals[c], pct(vals[configs[0]], vals[c]))) for c in configs)))
            summary["pooled_batch_ms"][label] = vals
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


def plot(d, runs, configs):
    """One panel per metric, every run a point, the median a bar."""
    data = os.path.join(d, "plot.dat")
    with open(data, "w") as f:
        for pi, (key, _) in enumerate(PLOT):
            f.write("# %s\n" % key)
            for ci, c in enumerate(configs):
                for v in values(runs, c, key):
                    f.write("%d %g\n" % (ci, v + 1 if key in LOG else v))
            f.write("\n\n")
    med = []
    for key, _ in PLOT:
        med.append([(statistics.median(values(runs, c, key)) if values(runs, c, key) else 0) +
                    (1 if key in LOG else 0) for c in configs])
    xt = ", ".join('"%s" %d' % (c, i) for i, c in enumerate(configs))
    g = ["set terminal png size 1600,1200 font ',10'",
         "set output '%s'" % os.path.join(d, "storm.png"),
         "set multiplot layout 3,3 title 'defrag\\_mode allocation storm: every run (points) and median (bar), %s' font ',12'"
         % os.path.basename(os.path.abspath(d)).replace("_", "\\_"),
         "set xtics (%s) rotate by -20" % xt,
         "set xrange [-0.6:%f]" % (len(configs) - 0.4),
         "set yrange [0:*]", "set grid ytics", "unset key",
         "set style fill solid 0.35", "set boxwidth 0.6"]
    for pi, (key, label) in enumerate(PLOT):
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
