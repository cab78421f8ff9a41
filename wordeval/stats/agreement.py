"""Rank agreement between tasks across representations, with uncertainty from resampling items.

Scores are recomputed from each record's per-item columns with the family's ``main_score_from_items`` on
the items that every compared representation has (aligned on the "id" column), so a representation with a
small vocabulary is not ranked on easier items than the others (coverage-controlled comparison).

* Kendall τ (``scipy.stats.kendalltau``, τ-b) between the ranking of representations by one task and by
  another; its bootstrap CI resamples each task's items with the *same* indices for every representation
  and recomputes every score (the uncertainty of a ranking comes from the items, not the representations).
* Flipped pairs: A ahead of B on an intrinsic task, B ahead of A on an extrinsic one, each difference with
  the p-value of a paired bootstrap over that task's items (``wordeval.stats.bootstrap.paired_bootstrap``).
* The benchmark × task correlation matrix across representations (Chiu, Korhonen & Pyysalo 2016).
"""
from __future__ import annotations

import itertools
import warnings
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from wordeval.stats.bootstrap import paired_bootstrap, percentile_ci

Scorer = Callable[[dict], float]


@dataclass
class TaskItems:
    """One task's per-item columns for several representations, restricted to their common items."""

    task: str
    kind: str  # "intrinsic" / "extrinsic"
    direction: str  # "higher" / "lower"
    scorer: Scorer
    columns: dict[str, dict[str, np.ndarray]]  # representation -> column -> values (aligned rows)
    n_items: dict[str, int] = field(default_factory=dict)  # representation -> items in its own record

    @property
    def representations(self) -> list[str]:
        return list(self.columns)

    @property
    def n_common(self) -> int:
        first = next(iter(self.columns.values()), None)
        return len(first["id"]) if first else 0

    def score(self, rep: str, rows: np.ndarray | None = None) -> float:
        cols = self.columns[rep]
        if rows is not None:
            cols = {k: v[rows] for k, v in cols.items()}
        try:
            return float(self.scorer(cols))
        except (ValueError, ZeroDivisionError, FloatingPointError):
            return float("nan")

    def oriented(self, value: float) -> float:
        """Larger is better whatever the task's direction, so one ordering serves every task."""
        return value if self.direction == "higher" else -value

    def scores(self) -> dict[str, float]:
        return {rep: self.score(rep) for rep in self.columns}


def align_items(task: str, per_item: Mapping[str, Mapping[str, Sequence[Any]]], *, kind: str,
                direction: str, scorer: Scorer) -> TaskItems:
    """Restrict every representation's per-item columns to the ids all of them have, in one shared order."""
    reps = list(per_item)
    index: dict[str, dict[Any, int]] = {}
    for rep in reps:
        ids = per_item[rep].get("id")
        if ids is None:
            raise ValueError(f"{task}: per-item columns of {rep!r} have no 'id' column")
        index[rep] = {i: row for row, i in enumerate(ids)}
    common = [i for i in per_item[reps[0]]["id"] if all(i in index[r] for r in reps[1:])] if reps else []
    columns = {}
    for rep in reps:
        rows = np.fromiter((index[rep][i] for i in common), dtype=np.int64, count=len(common))
        columns[rep] = {name: np.asarray(values)[rows] if len(values) else np.asarray(values)
                        for name, values in per_item[rep].items()}
    return TaskItems(task, kind, direction, scorer, columns,
                     {rep: len(per_item[rep]["id"]) for rep in reps})


def _task_rng(seed: int, task: str) -> np.random.Generator:
    # One stream per (seed, task): a task's resamples do not depend on which other tasks are compared.
    return np.random.default_rng([seed, zlib.crc32(task.encode())])


def bootstrap_scores(items: TaskItems, *, n_boot: int = 1000, seed: int = 0) -> np.ndarray:
    """``(n_boot, n_representations)`` oriented scores; row b uses one resample of items for every column."""
    reps = items.representations
    n = items.n_common
    out = np.full((n_boot, len(reps)), np.nan)
    if n == 0:
        return out
    rng = _task_rng(seed, items.task)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for b in range(n_boot):
            rows = rng.integers(0, n, size=n)
            for j, rep in enumerate(reps):
                out[b, j] = items.oriented(items.score(rep, rows))
    return out


def kendall_tau(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall τ-b (scipy); NaN when either ranking is constant or undefined, never 0."""
    from scipy.stats import kendalltau

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 2:
        return float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(kendalltau(x[ok], y[ok]).statistic)


def rank_correlation(x: Sequence[float], y: Sequence[float], *, method: str = "spearman") -> float:
    from scipy import stats

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 3:
        return float("nan")
    fn = {"spearman": stats.spearmanr, "pearson": stats.pearsonr, "kendall": stats.kendalltau}[method]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(fn(x[ok], y[ok]).statistic)


def _pairs(tasks: Sequence[TaskItems]):
    intrinsic = [t for t in tasks if t.kind == "intrinsic"]
    extrinsic = [t for t in tasks if t.kind == "extrinsic"]
    return list(itertools.product(intrinsic, extrinsic))


def tau_table(tasks: Sequence[TaskItems], *, n_boot: int = 1000, seed: int = 0,
              level: float = 0.95) -> list[dict[str, Any]]:
    """Kendall τ between every intrinsic and every extrinsic ranking, with a bootstrap percentile CI.

    Each row also carries the bootstrap distribution (``"_boot"``) so callers can ask how often a benchmark
    is the best predictor of a task across resamples.
    """
    boots = {t.task: bootstrap_scores(t, n_boot=n_boot, seed=seed) for t in tasks}
    rows = []
    for ti, te in _pairs(tasks):
        reps = [r for r in ti.representations if r in te.columns]
        si, se = ti.scores(), te.scores()
        x = [ti.oriented(si[r]) for r in reps]
        y = [te.oriented(se[r]) for r in reps]
        ji = [ti.representations.index(r) for r in reps]
        je = [te.representations.index(r) for r in reps]
        bi, be = boots[ti.task][:, ji], boots[te.task][:, je]
        dist = np.array([kendall_tau(bi[b], be[b]) for b in range(n_boot)]) if len(reps) >= 2 else np.full(n_boot, np.nan)
        lo, hi = percentile_ci(dist, level=level)
        rows.append({"intrinsic": ti.task, "extrinsic": te.task, "tau": kendall_tau(x, y), "ci": [lo, hi],
                     "n_representations": len(reps), "n_items": [ti.n_common, te.n_common],
                     "n_boot": n_boot, "seed": seed, "_boot": dist})
    return rows


def best_predictors(tau_rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """For each extrinsic task, the intrinsic benchmark with the highest τ and how often it stays on top."""
    out = []
    for task in dict.fromkeys(r["extrinsic"] for r in tau_rows):
        rows = [r for r in tau_rows if r["extrinsic"] == task and np.isfinite(r["tau"])]
        if not rows:
            continue
        best = max(rows, key=lambda r: r["tau"])
        boot = np.vstack([r["_boot"] for r in rows])  # (n_benchmarks, n_boot)
        valid = np.isfinite(boot).any(axis=0)
        winners = np.nanargmax(np.where(np.isfinite(boot), boot, -np.inf)[:, valid], axis=0)
        share = float(np.mean(winners == rows.index(best))) if valid.any() else float("nan")
        out.append({"extrinsic": task, "intrinsic": best["intrinsic"], "tau": best["tau"], "ci": best["ci"],
                    "share_best": share, "n_benchmarks": len(rows),
                    "ci_excludes_zero": bool(best["ci"][0] > 0 or best["ci"][1] < 0)})
    return out


class PairedTests:
    """Paired bootstrap p-values per (task, A, B), computed once and reused by flips and "best" marks."""

    def __init__(self, tasks: Sequence[TaskItems], *, n_boot: int = 1000, seed: int = 0):
        self.tasks = {t.task: t for t in tasks}
        self.n_boot = n_boot
        self.seed = seed
        self._cache: dict[tuple[str, str, str], dict[str, Any]] = {}

    def test(self, task: str, a: str, b: str) -> dict[str, Any]:
        key = (task, *sorted((a, b)))
        if key not in self._cache:
            items = self.tasks[task]
            names = list(items.columns[key[1]])

            def statistic(*cols):
                try:
                    return float(items.scorer(dict(zip(names, cols))))
                except (ValueError, ZeroDivisionError, FloatingPointError):
                    return float("nan")

            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = paired_bootstrap(statistic, [items.columns[key[1]][c] for c in names],
                                       [items.columns[key[2]][c] for c in names], n_boot=self.n_boot,
                                       seed=self.seed + zlib.crc32(task.encode()) % 10_000)
            self._cache[key] = res
        res = dict(self._cache[key])
        if (a, b) != key[1:]:  # the test is symmetric; report the difference as a − b
            res["difference"] = -res["difference"]
            res["ci"] = [-res["ci"][1], -res["ci"][0]]
        return res


def flipped_pairs(tasks: Sequence[TaskItems], *, tests: PairedTests | None = None, n_boot: int = 1000,
                  seed: int = 0) -> list[dict[str, Any]]:
    """Pairs (A, B) with A ahead of B on an intrinsic task and B ahead of A on an extrinsic one.

    ``p_intrinsic``/``p_extrinsic`` are paired-bootstrap p-values of the two differences; a flip is only as
    credible as the weaker of the two (``p_max``), and the list is sorted by it.
    """
    tests = tests or PairedTests(tasks, n_boot=n_boot, seed=seed)
    flips = []
    for ti, te in _pairs(tasks):
        reps = [r for r in ti.representations if r in te.columns]
        si, se = ti.scores(), te.scores()
        for a, b in itertools.combinations(reps, 2):
            di = ti.oriented(si[a]) - ti.oriented(si[b])
            de = te.oriented(se[a]) - te.oriented(se[b])
            if not (np.isfinite(di) and np.isfinite(de)) or di * de >= 0:
                continue
            ahead, behind = (a, b) if di > 0 else (b, a)  # ahead intrinsically, behind extrinsically
            pi = tests.test(ti.task, ahead, behind)["p_value"]
            pe = tests.test(te.task, ahead, behind)["p_value"]
            flips.append({"intrinsic": ti.task, "extrinsic": te.task, "ahead_intrinsic": ahead,
                          "ahead_extrinsic": behind,
                          "intrinsic_scores": [si[ahead], si[behind]], "extrinsic_scores": [se[ahead], se[behind]],
                          "p_intrinsic": pi, "p_extrinsic": pe, "p_max": max(pi, pe)})
    flips.sort(key=lambda f: (np.nan_to_num(f["p_max"], nan=2.0), f["intrinsic"], f["extrinsic"]))
    return flips


def correlation_matrix(tasks: Sequence[TaskItems], *, method: str = "spearman") -> dict[str, Any]:
    """Task × task correlation of scores across representations (Chiu et al. 2016), intrinsic tasks first."""
    ordered = [t for t in tasks if t.kind == "intrinsic"] + [t for t in tasks if t.kind == "extrinsic"]
    scores = {t.task: t.scores() for t in ordered}
    names = [t.task for t in ordered]
    mat = np.full((len(ordered), len(ordered)), np.nan)
    for (i, ti), (j, tj) in itertools.product(enumerate(ordered), repeat=2):
        reps = [r for r in ti.representations if r in tj.columns]
        mat[i, j] = rank_correlation([ti.oriented(scores[ti.task][r]) for r in reps],
                                     [tj.oriented(scores[tj.task][r]) for r in reps], method=method)
    return {"tasks": names, "kinds": [t.kind for t in ordered], "method": method, "matrix": mat}
