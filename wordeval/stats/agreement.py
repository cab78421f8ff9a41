"""Rank agreement between tasks across representations, with uncertainty from representations and items.

Every score here is recomputed from the records' per-item columns (``wordeval.stats.item_scores``, by the
scorer name each record carries) on the items that every compared representation covers — and every seed
record of it — aligned on the "id" column: one item set per task, so a representation with a small
vocabulary is not ranked on easier items than the others.

* Kendall τ-b between the ranking of representations by an intrinsic task and by an extrinsic one, with
  - an exact permutation p-value over representations (all n! orderings up to 8 representations, a seeded
    Monte Carlo sample beyond): how often a random pairing of the two score lists gives |τ| at least as large;
  - a bootstrap CI over items: each task's items are resampled with the *same* draws for every
    representation and seed (``TaskBootstrap``), every score recomputed, τ recomputed per replicate.
  With fewer than ``MIN_REPRESENTATIONS`` representations no verdict is given (τ over 2 or 3 values takes
  only a handful of values: over 2 it is always ±1).
* Flipped pairs: A ahead of B on an intrinsic task and behind on an extrinsic one, each difference with the
  p-value of the paired test that fits the task's score (``wordeval.stats.pair_tests``), corrected for
  multiplicity over all pair tests of the comparison.
* The benchmark × task correlation matrix across representations (Chiu, Korhonen & Pyysalo 2016).
"""
from __future__ import annotations

import itertools
import math
import warnings
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.stats import pair_tests
from wordeval.stats.bootstrap import percentile_ci
from wordeval.stats.item_scores import Resampler, _corr, rankdata, resample_counts, score_from_items

MIN_REPRESENTATIONS = 4  # fewer: no agreement verdict (τ over 3 values takes 4 values; p can't reach 0.05)
MAX_EXACT_PERMUTATIONS = 8  # 8! = 40,320 orderings; beyond, a Monte Carlo sample
N_MONTE_CARLO = 9999
VERDICT_RULE = ("An agreement verdict needs at least 4 representations. 'clear': the exact permutation p-value "
                "over representations (corrected over all agreement cells) is below alpha AND the 95% item-"
                "bootstrap CI of tau excludes 0; 'likely': exactly one of the two holds; 'could be chance': "
                "neither holds. 'agreement' when tau > 0, 'disagreement' when tau < 0.")


@dataclass
class TaskItems:
    """One task's per-item columns for several representations (one dict per seed record), restricted to
    the items all of them have, in one shared order."""

    task: str
    kind: str  # "intrinsic" / "extrinsic"
    direction: str  # "higher" / "lower"
    scorer: str  # wordeval.stats.item_scores name
    columns: dict[str, list[dict[str, np.ndarray]]]  # representation -> per seed record -> column -> values
    n_items: dict[str, int] = field(default_factory=dict)  # representation -> items in its own record(s)
    unit: str = "items"  # what an item is (pairs, questions, sentences, documents): named in test captions
    _scores: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def representations(self) -> list[str]:
        return list(self.columns)

    @property
    def n_common(self) -> int:
        first = next(iter(self.columns.values()), None)
        return len(first[0]["id"]) if first else 0

    def n_seeds(self, rep: str) -> int:
        return len(self.columns[rep])

    def seed_scores(self, rep: str) -> list[float]:
        out = []
        for cols in self.columns[rep]:
            try:
                out.append(float(score_from_items(self.scorer, cols)))
            except (ValueError, ZeroDivisionError, FloatingPointError):
                out.append(float("nan"))
        return out

    def score(self, rep: str) -> float:
        """Mean over the representation's seed records of the main score on the common items."""
        values = self.seed_scores(rep)
        return float(np.mean(values)) if values else float("nan")

    def scores(self) -> dict[str, float]:
        if set(self._scores) != set(self.columns):  # computed once: the columns do not change
            self._scores = {rep: self.score(rep) for rep in self.columns}
        return dict(self._scores)

    def oriented(self, value: float) -> float:
        """Larger is better whatever the task's direction, so one ordering serves every task."""
        return value if self.direction == "higher" else -value

    def binary(self, rep: str) -> bool:
        return all("correct" in c and pair_tests.is_binary(c["correct"]) for c in self.columns[rep])


def align_items(task: str, per_item: Mapping[str, Mapping | Sequence[Mapping]], *, kind: str, direction: str,
                scorer: str, unit: str = "items") -> TaskItems:
    """Restrict every representation's per-item columns (one mapping, or one per seed record) to the ids
    that all of them have, in the order of the first one."""
    runs = {rep: [cols] if isinstance(cols, Mapping) else list(cols) for rep, cols in per_item.items()}
    all_runs = [c for cs in runs.values() for c in cs]
    for rep, cs in runs.items():
        if any(c.get("id") is None for c in cs):
            raise ValueError(f"{task}: per-item columns of {rep!r} have no 'id' column")
    common: list[Any] = list(all_runs[0]["id"]) if all_runs else []
    for cols in all_runs[1:]:
        have = set(cols["id"])
        common = [i for i in common if i in have]
    columns: dict[str, list[dict[str, np.ndarray]]] = {}
    for rep, cs in runs.items():
        columns[rep] = []
        for cols in cs:
            index = {i: row for row, i in enumerate(cols["id"])}
            rows = np.fromiter((index[i] for i in common), dtype=np.int64, count=len(common))
            columns[rep].append({name: np.asarray(values)[rows] if len(values) else np.asarray(values)
                                 for name, values in cols.items()})
    return TaskItems(task, kind, direction, scorer, columns, {rep: len(cs[0]["id"]) for rep, cs in runs.items()},
                     unit)


def task_rng(seed: int, task: str) -> np.random.Generator:
    # One stream per (seed, task): a task's resamples do not depend on which other tasks are compared.
    return np.random.default_rng([seed, zlib.crc32(task.encode())])


class TaskBootstrap:
    """``n_boot`` resamples of one task's common items, shared by every representation and seed record.

    The draws are made once per task (in chunks, as multiplicity matrices) and every (representation, seed)
    column is scored on all of them at once (``item_scores.Resampler``); the pair tests and the τ CIs of the
    task then read these arrays instead of resampling again."""

    def __init__(self, items: TaskItems, *, n_boot: int = 1000, seed: int = 0, max_cells: int = 1_000_000):
        self.items = items
        self.n_boot = n_boot
        n = items.n_common
        reps = items.representations
        self.per_seed = {rep: np.full((n_boot, items.n_seeds(rep)), np.nan) for rep in reps}
        rng = task_rng(seed, items.task)
        if n:
            slots = [(rep, k) for rep in reps for k in range(items.n_seeds(rep))]
            resampler = Resampler(items.scorer, [items.columns[rep][k] for rep, k in slots])
            chunk = max(1, min(n_boot, max_cells // n))
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for start in range(0, n_boot, chunk):
                    stop = min(n_boot, start + chunk)
                    scores = resampler.scores(resample_counts(rng, n, stop - start))
                    for j, (rep, k) in enumerate(slots):
                        self.per_seed[rep][start:stop, k] = scores[:, j]
        # seeds drawn with replacement per representation and replicate (the second level of the bootstrap)
        self.seed_draws = {rep: rng.integers(0, items.n_seeds(rep), size=(n_boot, items.n_seeds(rep)))
                           for rep in reps if items.n_seeds(rep) > 1}

    def item_means(self, rep: str) -> np.ndarray:
        """Mean over all seed records per replicate: resampling items only (for the τ CIs)."""
        return self.per_seed[rep].mean(axis=1)

    def seed_item_means(self, rep: str) -> np.ndarray:
        """Mean over the drawn seeds per replicate: resampling items and seeds (for pair tests)."""
        draws = self.seed_draws.get(rep)
        if draws is None:
            return self.per_seed[rep][:, 0]
        return np.take_along_axis(self.per_seed[rep], draws, axis=1).mean(axis=1)

    def oriented_matrix(self, reps: Sequence[str]) -> np.ndarray:
        """``(n_boot, len(reps))`` oriented item-bootstrap scores."""
        sign = 1.0 if self.items.direction == "higher" else -1.0
        return sign * np.column_stack([self.item_means(r) for r in reps]) if reps else np.empty((self.n_boot, 0))


def bootstrap_scores(items: TaskItems, *, n_boot: int = 1000, seed: int = 0) -> np.ndarray:
    """``(n_boot, n_representations)`` oriented scores; row b uses one resample of items for every column."""
    return TaskBootstrap(items, n_boot=n_boot, seed=seed).oriented_matrix(items.representations)


# -- Kendall τ ------------------------------------------------------------------------------------------------

def kendall_tau(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall τ-b (equal to scipy's ``kendalltau``); NaN when either ranking is constant or undefined, never 0."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 2:
        return float("nan")
    return float(tau_b_rows(x[ok][None, :], y[ok][None, :])[0])


def _pair_signs(values: np.ndarray) -> np.ndarray:
    """sign(v_i - v_j) for i < j, along the last axis."""
    i, j = np.triu_indices(values.shape[-1], k=1)
    return np.sign(values[..., i] - values[..., j])


def tau_b_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """τ-b of each row of ``x`` with the same row of ``y`` (equal to scipy's τ-b; NaN for a constant row)."""
    sx, sy = _pair_signs(np.asarray(x, float)), _pair_signs(np.asarray(y, float))
    den = np.sqrt((sx * sx).sum(axis=-1) * (sy * sy).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, (sx * sy).sum(axis=-1) / np.where(den > 0, den, 1), np.nan)
    bad = ~(np.isfinite(x).all(axis=-1) & np.isfinite(y).all(axis=-1))
    return np.where(bad, np.nan, out)


@lru_cache(maxsize=None)
def _all_permutations(n: int) -> np.ndarray:
    return np.array(list(itertools.permutations(range(n))), dtype=np.int8)


def permutation_p(x: Sequence[float], y: Sequence[float], *, seed: int = 0,
                  max_exact: int = MAX_EXACT_PERMUTATIONS, n_monte_carlo: int = N_MONTE_CARLO) -> dict[str, Any]:
    """Two-sided permutation p-value of Kendall's τ-b over representations: the share of pairings of ``y``
    with ``x`` whose |τ| is at least the observed one. Exact (all n! orderings, the observed one included)
    for n <= ``max_exact``; otherwise (1 + count) / (1 + M) over M seeded random orderings."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = x.size
    sx = _pair_signs(x)
    # The numerator S = sum sx*sy is an integer; the τ-b denominator is the same for every ordering.
    observed = abs(float(sx @ _pair_signs(y)))
    if n < 2 or not (np.any(sx) and np.any(_pair_signs(y))):
        return {"p_value": float("nan"), "method": "undefined (a constant ranking)", "n_permutations": 0,
                "p_floor": float("nan")}
    if n <= max_exact:
        perms = _all_permutations(n)
        stats = np.abs(_pair_signs(y[perms]) @ sx)
        count = int(np.count_nonzero(stats >= observed))
        return {"p_value": count / len(perms), "method": f"exact, all {len(perms):,} orderings",
                "n_permutations": len(perms), "p_floor": 1.0 / len(perms)}
    rng = np.random.default_rng([seed, n])
    perms = np.argsort(rng.random((n_monte_carlo, n)), axis=1)
    stats = np.abs(_pair_signs(y[perms]) @ sx)
    count = int(np.count_nonzero(stats >= observed))
    return {"p_value": (1 + count) / (1 + n_monte_carlo), "method": f"Monte Carlo, {n_monte_carlo:,} orderings",
            "n_permutations": n_monte_carlo, "p_floor": 1.0 / (1 + n_monte_carlo)}


def rank_correlation(x: Sequence[float], y: Sequence[float], *, method: str = "spearman") -> float:
    """Spearman, Pearson or Kendall τ-b of two score lists over representations (as scipy's)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 3:
        return float("nan")
    if method == "kendall":
        return kendall_tau(x[ok], y[ok])
    return _corr("spearman" if method == "spearman" else "pearson", x[ok], y[ok])


def _pairs(tasks: Sequence[TaskItems]):
    intrinsic = [t for t in tasks if t.kind == "intrinsic"]
    extrinsic = [t for t in tasks if t.kind == "extrinsic"]
    return list(itertools.product(intrinsic, extrinsic))


def tau_table(tasks: Sequence[TaskItems], boots: Mapping[str, TaskBootstrap] | None = None, *, n_boot: int = 1000,
              seed: int = 0, level: float = 0.95) -> list[dict[str, Any]]:
    """Kendall τ-b between every intrinsic and every extrinsic ranking: the representations it used, an
    exact permutation p-value over them, and an item-bootstrap percentile CI. Each row also carries the
    bootstrap distribution (``"_boot"``) so callers can ask how often a benchmark stays the best predictor."""
    boots = boots or {t.task: TaskBootstrap(t, n_boot=n_boot, seed=seed) for t in tasks}
    scores = {t.task: t.scores() for t in tasks}
    rows = []
    for ti, te in _pairs(tasks):
        reps = [r for r in ti.representations if r in te.columns
                and math.isfinite(scores[ti.task][r]) and math.isfinite(scores[te.task][r])]
        x = np.array([ti.oriented(scores[ti.task][r]) for r in reps])
        y = np.array([te.oriented(scores[te.task][r]) for r in reps])
        nb = boots[ti.task].n_boot
        if len(reps) >= 2:
            dist = tau_b_rows(boots[ti.task].oriented_matrix(reps), boots[te.task].oriented_matrix(reps))
            perm = permutation_p(x, y, seed=seed)
        else:
            dist = np.full(nb, np.nan)
            perm = {"p_value": float("nan"), "method": "undefined (fewer than 2 representations)",
                    "n_permutations": 0, "p_floor": float("nan")}
        lo, hi = percentile_ci(dist, level=level)
        rows.append({"intrinsic": ti.task, "extrinsic": te.task, "tau": kendall_tau(x, y) if len(reps) >= 2
                     else float("nan"), "ci": [lo, hi], "n_representations": len(reps), "representations": reps,
                     "p_permutation": perm["p_value"], "permutation": perm["method"],
                     "p_floor": perm["p_floor"], "n_items": [ti.n_common, te.n_common], "n_boot": nb,
                     "seed": seed, "_boot": dist})
    return rows


def verdict(row: Mapping[str, Any], *, alpha: float) -> str | None:
    """The documented rule (``VERDICT_RULE``); None when there are too few representations or no τ."""
    tau = row.get("tau")
    if row["n_representations"] < MIN_REPRESENTATIONS or tau is None or not math.isfinite(tau) or tau == 0:
        return None
    p = row.get("p_adjusted", row.get("p_permutation"))
    lo, hi = row["ci"]
    perm_ok = p is not None and math.isfinite(p) and p < alpha
    ci_ok = lo is not None and hi is not None and math.isfinite(lo) and (lo > 0 or hi < 0)
    return "clear" if perm_ok and ci_ok else "likely" if perm_ok or ci_ok else "could be chance"


def best_predictors(tau_rows: Sequence[Mapping[str, Any]], *, alpha: float = 0.05) -> list[dict[str, Any]]:
    """For each extrinsic task: the intrinsic benchmark with the highest τ, named only when its τ is strictly
    above the runner-up's (otherwise ``tied`` lists the benchmarks sharing the top τ) and only from cells with
    at least ``MIN_REPRESENTATIONS`` representations; ``share_best`` is how often it stays on top over the
    item resamples."""
    out = []
    for task in dict.fromkeys(r["extrinsic"] for r in tau_rows):
        cells = [r for r in tau_rows if r["extrinsic"] == task]
        rows = [r for r in cells if r["n_representations"] >= MIN_REPRESENTATIONS and np.isfinite(r["tau"])]
        if not rows:
            out.append({"extrinsic": task, "intrinsic": None, "tied": [], "status": "too few representations",
                        "n_representations": sorted({r["n_representations"] for r in cells})})
            continue
        rows = sorted(rows, key=lambda r: -r["tau"])
        top = rows[0]["tau"]
        tied = [r for r in rows if abs(r["tau"] - top) <= 1e-12]
        best = rows[0]
        boot = np.vstack([r["_boot"] for r in rows])  # (n_benchmarks, n_boot)
        valid = np.isfinite(boot).any(axis=0)
        winners = np.nanargmax(np.where(np.isfinite(boot), boot, -np.inf)[:, valid], axis=0)
        share = float(np.mean(winners == 0)) if valid.any() else float("nan")
        entry = {"extrinsic": task, "tau": best["tau"], "ci": best["ci"], "n_benchmarks": len(rows),
                 "n_representations": best["n_representations"], "p_permutation": best.get("p_permutation"),
                 "p_adjusted": best.get("p_adjusted"), "verdict": verdict(best, alpha=alpha),
                 "ci_excludes_zero": bool(best["ci"][0] > 0 or best["ci"][1] < 0)}
        if len(tied) > 1:
            entry.update(intrinsic=None, tied=[r["intrinsic"] for r in tied], status="tie", share_best=None)
        else:
            entry.update(intrinsic=best["intrinsic"], tied=[], status="best", share_best=share,
                         runner_up=rows[1]["intrinsic"] if len(rows) > 1 else None,
                         runner_up_tau=rows[1]["tau"] if len(rows) > 1 else None)
        out.append(entry)
    return out


# -- pair tests -----------------------------------------------------------------------------------------------

class PairTests:
    """The paired test of every pair of representations on every task (``pair_tests`` picks the test),
    computed once, corrected for multiplicity over all of them, reused by rankings, marks and flips."""

    def __init__(self, tasks: Sequence[TaskItems], boots: Mapping[str, TaskBootstrap] | None = None, *,
                 n_boot: int = 1000, seed: int = 0, not_comparable: Mapping[tuple[str, str, str], str] | None = None):
        """``not_comparable``: (task, a, b) -> why the pair's scores do not compare the representations (e.g.
        analogy answers searched over candidate sets of different sizes); such pairs get no test."""
        self.tasks = {t.task: t for t in tasks}
        self.boots = dict(boots or {t.task: TaskBootstrap(t, n_boot=n_boot, seed=seed) for t in tasks})
        self.results: dict[tuple[str, str, str], dict[str, Any]] = {}
        skip = dict(not_comparable or {})
        for t in tasks:
            scores = t.scores()
            for a, b in itertools.combinations(t.representations, 2):
                reason = skip.get((t.task, a, b)) or skip.get((t.task, b, a))
                if reason:
                    self.results[(t.task, a, b)] = {
                        "task": t.task, "a": a, "b": b, "test": "none", "code": "—", "difference": scores[a] - scores[b],
                        "n_items": t.n_common, "n_seeds": [t.n_seeds(a), t.n_seeds(b)], "tie": scores[a] == scores[b],
                        "p_value": float("nan"), "p_floor": float("nan"), "not_compared": reason}
                else:
                    self.results[(t.task, a, b)] = self._test(t, a, b, scores)
        self.correction = "none"
        for res in self.results.values():
            res["p_adjusted"] = res["p_value"]

    def _test(self, t: TaskItems, a: str, b: str, scores: Mapping[str, float]) -> dict[str, Any]:
        from wordeval.errors import WordevalError

        test = pair_tests.choose_test(t.scorer, t.n_seeds(a), t.n_seeds(b), binary=t.binary(a) and t.binary(b))
        diff = scores[a] - scores[b]
        res: dict[str, Any] = {"task": t.task, "a": a, "b": b, "test": test, "code": pair_tests.CODES[test],
                               "difference": diff, "n_items": t.n_common, "n_seeds": [t.n_seeds(a), t.n_seeds(b)],
                               "tie": diff == 0}
        if diff == 0:
            res.update(p_value=1.0, p_floor=0.0)  # a tie: p = 1 whatever the test
            return res
        if test == "williams":
            ca, cb = t.columns[a][0], t.columns[b][0]
            try:
                out = pair_tests.williams_pearson(ca["gold"], ca["pred"], cb["pred"])
            except WordevalError:
                out = {"p_value": float("nan"), "p_floor": 0.0, "statistic": None}
        elif test == "mcnemar":
            out = pair_tests.mcnemar_exact(t.columns[a][0]["correct"], t.columns[b][0]["correct"])
        else:
            boot = self.boots[t.task]
            draws = boot.seed_item_means(a) - boot.seed_item_means(b)
            p, floor = pair_tests.bootstrap_p(diff, draws)
            lo, hi = percentile_ci(draws)
            out = {"p_value": p, "p_floor": floor, "ci": [lo, hi]}
        res.update(out)
        return res

    def correct(self, method: str) -> None:
        from wordeval.stats.multiplicity import adjust

        keys = list(self.results)
        adjusted = adjust([self.results[k]["p_value"] for k in keys], method)
        for k, p in zip(keys, adjusted):
            self.results[k]["p_adjusted"] = float(p)
        self.correction = method

    @property
    def n_tests(self) -> int:
        return sum(1 for r in self.results.values() if math.isfinite(r["p_value"]))

    def test(self, task: str, a: str, b: str) -> dict[str, Any] | None:
        """The result with the difference oriented as a − b (None when the pair was not tested)."""
        res = self.results.get((task, a, b))
        if res is not None:
            return dict(res)
        res = self.results.get((task, b, a))
        if res is None:
            return None
        res = dict(res, a=a, b=b, difference=-res["difference"])
        if "ci" in res:
            res["ci"] = [-res["ci"][1], -res["ci"][0]]
        if isinstance(res.get("statistic"), dict) and "only_a" in res["statistic"]:
            s = res["statistic"]
            res["statistic"] = {"only_a": s["only_b"], "only_b": s["only_a"]}
        return res

    def significant(self, task: str, a: str, b: str, alpha: float) -> bool:
        res = self.test(task, a, b)
        return res is not None and math.isfinite(res["p_adjusted"]) and res["p_adjusted"] < alpha


def flipped_pairs(tasks: Sequence[TaskItems], *, tests: PairTests | None = None, alpha: float = 0.05,
                  n_boot: int = 1000, seed: int = 0) -> list[dict[str, Any]]:
    """Pairs (A, B) with A strictly ahead of B on an intrinsic task and strictly behind on an extrinsic one.

    ``p_intrinsic``/``p_extrinsic`` are the corrected p-values of the two paired tests; a flip is only as
    credible as the weaker of the two (``p_max``), and the list is sorted by it."""
    tests = tests or PairTests(tasks, n_boot=n_boot, seed=seed)
    flips = []
    scores = {t.task: t.scores() for t in tasks}
    for ti, te in _pairs(tasks):
        reps = [r for r in ti.representations if r in te.columns]
        si, se = scores[ti.task], scores[te.task]
        for a, b in itertools.combinations(reps, 2):
            di = ti.oriented(si[a]) - ti.oriented(si[b])
            de = te.oriented(se[a]) - te.oriented(se[b])
            if not (np.isfinite(di) and np.isfinite(de)) or di * de >= 0:
                continue
            ahead, behind = (a, b) if di > 0 else (b, a)  # ahead intrinsically, behind extrinsically
            ri, re_ = tests.test(ti.task, ahead, behind), tests.test(te.task, ahead, behind)
            if ri.get("not_compared") or re_.get("not_compared"):
                continue  # the difference is not one between the representations (see PairTests)
            pi, pe = ri["p_adjusted"], re_["p_adjusted"]
            flips.append({"intrinsic": ti.task, "extrinsic": te.task, "ahead_intrinsic": ahead,
                          "ahead_extrinsic": behind,
                          "intrinsic_scores": [si[ahead], si[behind]], "extrinsic_scores": [se[ahead], se[behind]],
                          "p_intrinsic": pi, "p_extrinsic": pe, "p_max": max(pi, pe),
                          "p_intrinsic_raw": ri["p_value"], "p_extrinsic_raw": re_["p_value"],
                          "floor_intrinsic": ri["p_value"] <= ri["p_floor"],
                          "floor_extrinsic": re_["p_value"] <= re_["p_floor"],
                          "test_intrinsic": ri["code"], "test_extrinsic": re_["code"],
                          "significant": bool(pi < alpha and pe < alpha)})
    flips.sort(key=lambda f: (np.nan_to_num(f["p_max"], nan=2.0), f["intrinsic"], f["extrinsic"]))
    return flips


def correlation_matrix(tasks: Sequence[TaskItems], *, method: str = "spearman") -> dict[str, Any]:
    """Task × task correlation of scores across representations (Chiu et al. 2016), intrinsic tasks first;
    each entry over the representations both tasks have (finite scores)."""
    ordered = [t for t in tasks if t.kind == "intrinsic"] + [t for t in tasks if t.kind == "extrinsic"]
    names = [t.task for t in ordered]
    reps = list(dict.fromkeys(r for t in ordered for r in t.representations))
    table = np.full((len(reps), len(ordered)), np.nan)
    for j, t in enumerate(ordered):
        for rep, v in t.scores().items():
            table[reps.index(rep), j] = t.oriented(v)
    mat = np.full((len(ordered), len(ordered)), np.nan)
    if np.isfinite(table).all() and len(reps) >= 3 and len(ordered) >= 2 and method != "kendall":
        x = np.column_stack([rankdata(col) for col in table.T]) if method == "spearman" else table
        with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mat = np.corrcoef(x, rowvar=False)
        const = np.ptp(table, axis=0) == 0  # a constant column: NaN, never a number
        mat[const, :] = np.nan
        mat[:, const] = np.nan
    else:
        for i, j in itertools.product(range(len(ordered)), repeat=2):
            mat[i, j] = rank_correlation(table[:, i], table[:, j], method=method)
    return {"tasks": names, "kinds": [t.kind for t in ordered], "method": method, "matrix": mat}
