"""Simulation: how often wordeval's 95 % item-bootstrap interval of Kendall τ covers the τ of the true scores
-> reports/repro/tau-interval-coverage.md (+ .json). README "Statistics" (τ interval) quotes this report.

A store is K representations scored on two accuracy tasks of n items each (one intrinsic, one extrinsic). The
representations' true accuracies are CENTRE + spacing·SE·(r − (K−1)/2), SE = sqrt(CENTRE(1−CENTRE)/n)
(the binomial standard error of one accuracy at the centre), in rank order on the intrinsic task and in a
fixed order with a few adjacent swaps on the extrinsic one (true τ 0.6 for K = 5, 0.71 for 8, 0.82 for 12),
or in the same order (true τ = 1). Items share a difficulty (probit, sd 1), so one item's outcomes are
correlated across representations, as on a real test set. Each store goes through
``wordeval.stats.agreement.tau_table`` (its percentile interval, the one wordeval reports) and, beside it, a
BCa interval (Efron & Tibshirani 1993, 14.3; scipy's conventions) on the same bootstrap distribution, with
the jackknife acceleration over both tasks' items: measured and not adopted (README says why). Seeds are
fixed, one stream per setting: the report reproduces, whatever --workers.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/repro_tau_interval_coverage.py   # ~16 min on 2 cores
    .venv/bin/python benchmarks/repro_tau_interval_coverage.py --smoke --out /tmp/s  # seconds, not the result
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from scipy.special import ndtr, ndtri
from scipy.stats import kendalltau

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BenchmarkReport, standard_arguments  # noqa: E402

NAME = "tau-interval-coverage"
CENTRE = 0.6
TOP = 0.97  # a setting whose best true accuracy would be above this is skipped (its worst below 1.2 - TOP)
LEVEL = 0.95
# τ over a few representations takes few values, and an interval's bound is often exactly the true τ; scipy's
# τ of the true scores (the oracle) is 1-2 ulp from wordeval's (20/√28/√28 against 20/28), so a bound equal to
# it was counted as missing it (coverage fell to 60 % at 4 SE); τ's values are far more than this apart
SAME_TAU = float(np.finfo(np.float32).eps)
FULL = {"reps": (5, 8, 12), "items": (100, 500, 2000), "spacings": (0.25, 0.5, 1.0, 2.0, 4.0)}
SMOKE = {"reps": (5,), "items": (100,), "spacings": (0.5, 2.0)}


# -- BCa -----------------------------------------------------------------------------------------------------
def acceleration(jackknife) -> float:
    """Multi-sample jackknife acceleration, as scipy's ``bootstrap(method='BCa')``: one array of leave-one-out
    estimates per sample, their skewness terms summed over the samples; 0 when every jackknife is constant."""
    num = den = 0.0
    for values in jackknife:
        v = np.asarray(values, dtype=np.float64)
        v = v[np.isfinite(v)]
        if v.size < 2:
            continue
        n = float(v.size)
        u = (n - 1.0) * (v.mean() - v)
        num += float(np.sum(u ** 3)) / n ** 3
        den += float(np.sum(u ** 2)) / n ** 2
    return num / (6.0 * den ** 1.5) if den > 0 else 0.0


def bca_interval(distribution, estimate: float, jackknife, *, level: float = LEVEL) -> tuple[float, float]:
    """BCa bounds from a bootstrap distribution (NaN resamples ignored). z0 counts resamples equal to the
    estimate as half below (scipy's mid-rank): τ over few representations often equals its estimate."""
    finite = np.asarray(distribution, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0 or not np.isfinite(estimate):
        return (float("nan"), float("nan"))
    below = np.count_nonzero(finite < estimate) + np.count_nonzero(finite <= estimate)
    z0 = ndtri(below / (2.0 * finite.size))
    a = acceleration(jackknife)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = [ndtr(z0 + (z0 + zq) / (1.0 - a * (z0 + zq)))
                  for zq in (ndtri((1 - level) / 2), ndtri((1 + level) / 2))]
    if not all(np.isfinite(shares)):  # every resample on one side of the estimate: z0 infinite
        shares = [(1 - level) / 2, (1 + level) / 2]
    lo, hi = np.quantile(finite, shares)
    return (float(lo), float(hi))


# -- simulated stores ----------------------------------------------------------------------------------------
def standard_error(n: int) -> float:
    return float(np.sqrt(CENTRE * (1 - CENTRE) / n))


def extrinsic_order(k: int, identity: bool) -> np.ndarray:
    """The representations' true rank positions on the extrinsic task: K // 2 adjacent swaps of the intrinsic
    order (positions drawn once per K), or none."""
    order = np.arange(k, dtype=float)
    if not identity:
        for s in np.random.default_rng(k).permutation(k - 1)[: max(1, k // 2)]:
            order[[s, s + 1]] = order[[s + 1, s]]
    return order


def true_accuracies(positions: np.ndarray, n: int, spacing: float) -> np.ndarray:
    return CENTRE + spacing * standard_error(n) * (positions - (len(positions) - 1) / 2)


def simulated_task(rng, task: str, kind: str, accuracies: np.ndarray, n: int):
    """Item i of representation r is correct when a_r + z_i + e_ri > 0 (z: the item's ease, shared),
    P = Φ(a_r / √2) = accuracy."""
    from wordeval.stats.agreement import align_items

    ease = rng.normal(size=n)
    cols = {}
    for r, acc in enumerate(accuracies):
        correct = ndtri(acc) * np.sqrt(2.0) + ease + rng.normal(size=n) > 0
        cols[f"R{r:02d}"] = {"id": np.arange(n), "correct": correct.astype(np.int64)}
    return align_items(task, cols, kind=kind, direction="higher", scorer="mean:correct")


def leave_one_out_accuracies(items, reps) -> np.ndarray:
    """(n, K): each representation's accuracy with item i left out, (S − c_i) / (n − 1)."""
    c = np.column_stack([items.columns[r][0]["correct"] for r in reps]).astype(np.float64)
    return (c.sum(axis=0) - c) / (c.shape[0] - 1)


def one_store(rng, p: np.ndarray, q: np.ndarray, n: int, n_boot: int, seed: int) -> dict:
    from wordeval.stats import agreement

    tasks = [simulated_task(rng, "analogy/sim", "intrinsic", p, n),
             simulated_task(rng, "classification/sim", "extrinsic", q, n)]
    (row,) = agreement.tau_table(tasks, n_boot=n_boot, seed=seed, level=LEVEL)
    reps = row["representations"]
    x, y = (np.array([t.scores()[r] for r in reps]) for t in tasks)
    jack_i = agreement.tau_b_rows(leave_one_out_accuracies(tasks[0], reps), np.broadcast_to(y, (n, y.size)))
    jack_e = agreement.tau_b_rows(np.broadcast_to(x, (n, x.size)), leave_one_out_accuracies(tasks[1], reps))
    return {"tau": row["tau"], "percentile": tuple(row["ci"]),
            "bca": bca_interval(row["_boot"], row["tau"], [jack_i, jack_e])}


def covers(lo, hi, true_tau: float) -> np.ndarray:
    return (np.asarray(lo) - SAME_TAU <= true_tau) & (true_tau <= np.asarray(hi) + SAME_TAU)


def setting(k: int, n: int, spacing: float, identity: bool, n_stores: int, n_boot: int) -> dict | None:
    positions = extrinsic_order(k, identity)
    p, q = true_accuracies(np.arange(k, dtype=float), n, spacing), true_accuracies(positions, n, spacing)
    if p.max() > TOP:
        return None
    true_tau = float(kendalltau(p, q).statistic)
    rng = np.random.default_rng([k, n, round(spacing * 100), int(identity)])
    t0 = time.perf_counter()
    stores = [one_store(rng, p, q, n, n_boot, seed) for seed in range(n_stores)]
    out = {"reps": k, "items": n, "spacing_se": spacing, "identity": identity, "true_tau": true_tau,
           "stores": n_stores, "n_boot": n_boot,
           "mean_tau_hat": float(np.mean([s["tau"] for s in stores]))}
    for method in ("percentile", "bca"):
        lo, hi = np.array([s[method] for s in stores]).T
        out[method] = {"coverage": float(np.mean(covers(lo, hi, true_tau))),
                       "mean_width": float(np.mean(hi - lo)), "zero_width": float(np.mean(lo == hi))}
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


# -- the figures README quotes -------------------------------------------------------------------------------
def coverage_range(rows, method: str, **where) -> str | None:
    """"a–b %" of ``method``'s coverage over the rows matching ``where`` (a value or a tuple of values)."""
    picked = [r[method]["coverage"] for r in rows
              if all(r[key] in (v if isinstance(v, tuple) else (v,)) for key, v in where.items())]
    if not picked:
        return None
    lo, hi = round(100 * min(picked)), round(100 * max(picked))
    return f"{lo} %" if lo == hi else f"{lo}–{hi} %"


def claims(rows) -> dict[str, str | None]:
    close, apart = (0.25, 0.5), (2.0, 4.0)
    return {
        "percentile, 12 representations 0.25–0.5 SE apart, τ < 1":
            coverage_range(rows, "percentile", reps=12, spacing_se=close, identity=False),
        "BCa, 12 representations 0.25–0.5 SE apart, τ < 1":
            coverage_range(rows, "bca", reps=12, spacing_se=close, identity=False),
        "percentile, 5 representations 0.25–0.5 SE apart, τ < 1":
            coverage_range(rows, "percentile", reps=5, spacing_se=close, identity=False),
        "BCa, 5 representations 0.25–0.5 SE apart, τ < 1":
            coverage_range(rows, "bca", reps=5, spacing_se=close, identity=False),
        "percentile, 5 representations 0.25–0.5 SE apart, τ = 1":
            coverage_range(rows, "percentile", reps=5, spacing_se=close, identity=True),
        "percentile, 2–4 SE apart, τ < 1":
            coverage_range(rows, "percentile", spacing_se=apart, identity=False),
        "percentile, 2–4 SE apart, τ = 1":
            coverage_range(rows, "percentile", spacing_se=apart, identity=True),
    }


def _setting(args: tuple) -> dict | None:
    row = setting(*args)
    if row is not None:
        print(f"K={row['reps']} n={row['items']} spacing={row['spacing_se']} identity={row['identity']}: "
              f"percentile {pct(row['percentile']['coverage'])} % BCa {pct(row['bca']['coverage'])} % "
              f"({row['seconds']} s)", file=sys.stderr, flush=True)
    return row


def pct(x: float) -> str:
    return f"{100 * x:.1f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    standard_arguments(ap, default_out="reports/repro")
    ap.add_argument("--stores", type=int, default=None,
                    help="simulated stores per setting (default 200; smoke 4)")
    ap.add_argument("--n-boot", type=int, default=None,
                    help="bootstrap resamples per store (default 1000; smoke 200)")
    ap.add_argument("--workers", type=int, default=None,
                    help="processes, one setting each at a time (the results do not depend on it; "
                         "default 2, smoke 1)")
    args = ap.parse_args(argv)
    grid = SMOKE if args.smoke else FULL
    # `is None`, not `or`: --stores 0 ran the whole 200-store grid for 16 minutes instead of being refused
    if args.workers is None:
        args.workers = 1 if args.smoke else min(2, os.cpu_count() or 1)
    n_stores = (4 if args.smoke else 200) if args.stores is None else args.stores
    n_boot = (200 if args.smoke else 1000) if args.n_boot is None else args.n_boot
    if n_stores < 1 or n_boot < 10 or args.workers < 1:
        ap.error("--stores and --workers must be at least 1, --n-boot at least 10")
    report = BenchmarkReport(NAME, "Simulation: coverage of the item-bootstrap interval of Kendall τ")
    plan = [(k, n, spacing, identity, n_stores, n_boot) for identity, k, n, spacing
            in itertools.product((False, True), grid["reps"], grid["items"], grid["spacings"])]
    if args.workers > 1:
        with ProcessPoolExecutor(args.workers) as pool:
            rows = list(pool.map(_setting, plan))
    else:
        rows = list(map(_setting, plan))
    rows = [row for row in rows if row is not None]
    margin = 100 * 1.96 * np.sqrt(0.25 / n_stores)
    report.add(f"""## Protocol

{n_stores} simulated stores per setting, {n_boot:,} item resamples each (`tau_table`, seed = the store's
index); two accuracy tasks of n items; K representations whose true accuracies are spaced `spacing` standard
errors apart around {CENTRE} (SE = sqrt({CENTRE}·{1 - CENTRE:.1f}/n)); settings whose best true accuracy would
exceed {TOP} are left out. The extrinsic order is the intrinsic one with K // 2 adjacent swaps (or, in the
τ = 1 rows, the same order). Coverage: the share of stores whose 95 % interval contains the τ of the true
accuracies (scipy's `kendalltau`; lo ≤ τ ≤ hi, a bound equal to τ covering it). With {n_stores} stores a
coverage near 50 % is known to ±{margin:.1f} points (95 %), near 95 % to ±{margin * np.sqrt(0.19):.1f}.
Zero width: the share of intervals that are a single value. The item model is in the script's docstring.
""")
    table = [[r["reps"], f"{r['items']:,}", r["spacing_se"], f"{r['true_tau']:.3f}",
              f"{r['mean_tau_hat']:.3f}",
              pct(r["percentile"]["coverage"]), pct(r["bca"]["coverage"]),
              f"{r['percentile']['mean_width']:.3f}", f"{r['bca']['mean_width']:.3f}",
              pct(r["percentile"]["zero_width"]), pct(r["bca"]["zero_width"]), r["seconds"]] for r in rows]
    header = ["K", "n items", "spacing (SE)", "true τ", "mean τ̂", "coverage % (percentile)",
              "coverage % (BCa)", "mean width (percentile)", "mean width (BCa)", "zero width % (percentile)",
              "zero width % (BCa)", "s"]
    titles = {False: "A few adjacent swaps (true τ < 1)", True: "The same order (true τ = 1)"}
    for identity, title in titles.items():
        mine = [t for t, r in zip(table, rows) if r["identity"] is identity]
        report.add(f"## {title}\n\n" + report.table(header, mine))
    quoted = claims(rows)
    quoted_rows = [[k, v or "–"] for k, v in quoted.items()]
    report.add("## Figures README quotes\n\nCoverage (lowest–highest over the settings named) of the 95 % "
               "interval.\n\n" + report.table(["settings", "coverage"], quoted_rows, align="lr"))
    report.raw = {"grid": {k: list(v) for k, v in grid.items()}, "stores": n_stores, "n_boot": n_boot,
                  "workers": args.workers, "centre": CENTRE, "top": TOP, "level": LEVEL, "rows": rows,
                  "claims": quoted}
    print(report.write(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
