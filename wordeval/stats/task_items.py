"""One task's per-item columns for several representations (and their seed records), on one item set, and
the resamples shared by every analysis of the task.

``align_items`` restricts every representation's per-item columns to the ids that all of them (and every seed
record of each) have, in one shared order: one item set per task, so a representation with a small vocabulary
is not ranked on easier items than the others. ``TaskBootstrap`` draws the task's resamples once (as
multiplicity matrices, ``item_scores.resample_counts``) and scores every column on them at once
(``item_scores.Resampler``); the pair tests and the τ CIs read these arrays.
"""
from __future__ import annotations

import warnings
import zlib
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.stats.item_scores import Resampler, exact_seed_mean, resample_counts, score_from_items
from wordeval.stats.pair_tests import is_binary


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
    # per representation and seed record, the common rows in the record's own order: the point score is
    # computed on them, so it is the scorer's on the same arrays (a correlation summed in another order can
    # move in the last ulp), and a record whose items are all common gets exactly its stored value
    record_order: dict[str, list[np.ndarray]] = field(default_factory=dict)
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
        orders = self.record_order.get(rep) or [None] * self.n_seeds(rep)
        for cols, order in zip(self.columns[rep], orders):
            if order is not None:
                cols = {k: v[order] if len(v) else v for k, v in cols.items()}
            try:
                out.append(float(score_from_items(self.scorer, cols)))
            except (ValueError, ZeroDivisionError, FloatingPointError):
                out.append(float("nan"))
        return out

    def score(self, rep: str) -> float:
        """Mean over the representation's seed records of the main score on the common items."""
        from wordeval.stats.spread import mean_sd

        values = self.seed_scores(rep)
        # span F1 stays the mean of the seeds' floats: one seed's F1 must be seqeval's 2PR/(P+R), the
        # record's (test_common_value_scorer_exact.py), which is not the correctly rounded 2tp/(2tp+fp+fn)
        # in about 4 of 10 count triples: exact ratios would move a one-seed cell off its record by an ulp
        if len(values) > 1:  # counts: the mean of the exact ratios (``item_scores.exact_score`` says why)
            exact = exact_seed_mean(self.scorer, self.columns[rep])
            if exact is not None:
                return exact
        # exactly, as the table's mean: np.mean made three seeds of 0.8 a 0.8000000000000002 that ranked
        # ahead of another representation's 0.8 and untied them in Kendall's tau-b
        return float(mean_sd(values)[0]) if values else float("nan")

    def scores(self) -> dict[str, float]:
        if set(self._scores) != set(self.columns):  # computed once: the columns do not change
            self._scores = {rep: self.score(rep) for rep in self.columns}
        return dict(self._scores)

    def oriented(self, value: float) -> float:
        """Larger is better whatever the task's direction, so one ordering serves every task."""
        return value if self.direction == "higher" else -value

    def binary(self, rep: str) -> bool:
        return all("correct" in c and is_binary(c["correct"]) for c in self.columns[rep])


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
    record_order: dict[str, list[np.ndarray]] = {}
    for rep, cs in runs.items():
        columns[rep], record_order[rep] = [], []
        for cols in cs:
            index = {i: row for row, i in enumerate(cols["id"])}
            rows = np.fromiter((index[i] for i in common), dtype=np.int64, count=len(common))
            columns[rep].append({name: np.asarray(values)[rows] if len(values) else np.asarray(values)
                                 for name, values in cols.items()})
            record_order[rep].append(np.argsort(rows, kind="stable"))
    return TaskItems(task, kind, direction, scorer, columns, {rep: len(cs[0]["id"]) for rep, cs in runs.items()},
                     unit, record_order)


def task_rng(seed: int, task: str) -> np.random.Generator:
    # One stream per (seed, task): a task's resamples do not depend on which other tasks are compared.
    return np.random.default_rng([seed, zlib.crc32(task.encode())])


def _rep_rng(seed: int, task: str, rep: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(task.encode()), zlib.crc32(rep.encode("utf-8", "surrogatepass"))])


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
        # seeds drawn with replacement per representation and replicate (the second level of the bootstrap), from
        # a stream of the representation's own: drawn in turn from the task's stream, a pair's p-value changed
        # with the order the representations were given in, and with which others were compared
        self.seed_draws = {rep: _rep_rng(seed, items.task, rep).integers(0, items.n_seeds(rep),
                                                                         size=(n_boot, items.n_seeds(rep)))
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
