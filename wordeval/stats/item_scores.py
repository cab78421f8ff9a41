"""Main scores recomputed from a record's per-item columns, by name.

Every result record names its scorer (``record.scorer``), so a comparison can recompute the main score on
any resample or subset of items without importing the evaluator that produced it (and old stores stay
readable without the code that wrote them). Each scorer is the exact definition its family uses:

- ``spearman``: scipy's ``spearmanr`` of ``gold`` and ``pred`` (``correlation``, the similarity and STS
  scorers' own function); NaN for a constant side;
- ``pearson``: scipy's ``pearsonr`` of ``gold`` and ``pred``, likewise;
- ``mean:correct``: mean of ``correct`` (0/1 per analogy question, share of seeds right per document);
- ``f1:counts``: conlleval's micro F1 from summed ``tp``, ``fp``, ``fn`` (0 where a denominator is 0);
- ``accuracy:counts``: summed ``correct`` / summed ``total`` (token accuracy from per-sentence counts);
- ``qvec`` / ``qvec-cca``: QVEC and QVEC-CCA from per-word embedding and oracle columns
  (``wordeval.stats.qvec_measures``).

Vectorised forms take one resample per row: ``score_many`` an index matrix, ``score_weighted`` the matrix of
how often each item was drawn (multiplicities). The weighted form needs no ``(n_resamples, n)`` gather of every
column and no sort per resample (ranks of a resample come from one sort of the column and cumulative counts),
so the report's bootstraps over all tasks and representations take seconds.
"""
from __future__ import annotations

import warnings
from fractions import Fraction
from typing import Callable, Mapping, Sequence

import numpy as np

from wordeval.errors import ConfigError


def rankdata(values) -> np.ndarray:
    """``scipy.stats.rankdata(values)`` (average ranks of ties, 1-based) without importing scipy.stats."""
    a = np.asarray(values, dtype=np.float64).ravel()
    order = np.argsort(a, kind="stable")
    s = a[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]]) if a.size else np.zeros(0, np.int64)
    sizes = np.diff(np.r_[starts, a.size])
    ranks = np.empty(a.size)
    ranks[order] = np.repeat(starts + (sizes + 1) / 2.0, sizes)
    return ranks


def correlation(name: str, x, y) -> float:
    """scipy's ``spearmanr`` or ``pearsonr`` statistic; NaN for fewer than 2 items or a constant side. The one
    point correlation of the similarity and STS scorers and of every comparison (``score_from_items``): a
    re-implementation summed in another order moved the comparison's value off the record's in the last ulp,
    which ranked identical copies apart in Kendall's tau."""
    from scipy.stats import pearsonr, spearmanr

    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float((spearmanr if name == "spearman" else pearsonr)(x, y).statistic)


def _checked(name: str, gold, pred) -> tuple[np.ndarray, np.ndarray] | None:
    """gold and pred as floats; None where the correlation is NaN for want of finite values."""
    x = np.asarray(gold, dtype=np.float64)
    y = np.asarray(pred, dtype=np.float64)
    if x.shape != y.shape:
        raise ConfigError(f"{name}: gold and pred of different lengths ({x.size} and {y.size})")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        return None  # as scipy: a NaN makes the correlation NaN (ranking it last gave a number)
    return x, y


def _corr(name: str, gold, pred) -> float:
    """Spearman or Pearson by numpy sums (no scipy.stats import), for the correlations that are no task's
    score (the benchmark x task matrix, Williams' test): on a few ranks its sums are exact, so a perfect
    agreement is 1.0 where scipy's ``spearmanr`` gives 0.9999999999999999."""
    checked = _checked(name, gold, pred)
    if checked is None or checked[0].size < 2 or np.ptp(checked[0]) == 0 or np.ptp(checked[1]) == 0:
        return float("nan")
    x, y = checked
    if name == "spearman":
        x, y = rankdata(x), rankdata(y)
    xc, yc = x - x.mean(), y - y.mean()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = float(np.dot(xc, yc) / np.sqrt(np.dot(xc, xc) * np.dot(yc, yc)))
    return max(-1.0, min(1.0, r))


def _point(name: str, gold, pred) -> float:
    checked = _checked(name, gold, pred)
    return float("nan") if checked is None else correlation(name, *checked)


def spearman(columns: Mapping) -> float:
    return _point("spearman", columns["gold"], columns["pred"])


def pearson(columns: Mapping) -> float:
    return _point("pearson", columns["gold"], columns["pred"])


def mean_correct(columns: Mapping) -> float:
    c = np.asarray(columns["correct"], dtype=np.float64)
    return float(c.mean()) if c.size else float("nan")


def f1_counts(columns: Mapping) -> float:
    tp, fp, fn = (float(np.sum(columns[k])) for k in ("tp", "fp", "fn"))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def accuracy_counts(columns: Mapping) -> float:
    total = float(np.sum(columns["total"]))
    return float(np.sum(columns["correct"])) / total if total else float("nan")


def qvec(columns: Mapping) -> float:
    from wordeval.stats.qvec_measures import score_from_items
    return score_from_items(columns, "qvec")


def qvec_cca(columns: Mapping) -> float:
    from wordeval.stats.qvec_measures import score_from_items
    return score_from_items(columns, "qvec-cca")


SCORERS: dict[str, Callable[[Mapping], float]] = {
    "spearman": spearman, "pearson": pearson, "mean:correct": mean_correct, "f1:counts": f1_counts,
    "accuracy:counts": accuracy_counts, "qvec": qvec, "qvec-cca": qvec_cca,
}


def exact_score(name: str, columns: Mapping) -> Fraction | None:
    """An accuracy as an exact fraction of integer counts, else None.

    A mean over seeds must be taken of these, not of the rounded floats: seeds of 200, 206 and 206 right of
    222 have the mean 204/222 exactly, but the exact mean of their floats rounds to one ulp below 204/222, so
    such a representation and one with 204 of 222 were ranked apart, tested, and untied in Kendall's tau-b.
    The float of one seed is this fraction correctly rounded, as the scorers give it. Span F1 is left out:
    its scorer's 2PR/(P+R) is not always the correctly rounded 2tp/(2tp+fp+fn), so seeds that all agree would
    move off the value one seed with their counts gets."""
    keys = {"mean:correct": ("correct",), "accuracy:counts": ("correct", "total")}.get(name)
    if keys is None or any(k not in columns for k in keys):
        return None
    sums = []
    for k in keys:
        v = np.asarray(columns[k], dtype=np.float64)
        if not (np.isfinite(v).all() and np.all(v == np.round(v))):
            return None  # shares of seeds (a pooled record's "correct"), not counts
        sums.append(int(v.sum()))
    n = sums[1] if name == "accuracy:counts" else len(np.asarray(columns["correct"]))
    return Fraction(sums[0], n) if n else None


def exact_seed_mean(name: str, seed_columns: Sequence[Mapping]) -> float | None:
    """The mean over seeds of ``exact_score`` (each seed's columns), None where a seed's score is not one."""
    exact = [exact_score(name, cols) for cols in seed_columns]
    if not exact or any(e is None for e in exact):
        return None
    return float(sum(exact, Fraction(0)) / len(exact))


def scorer(name: str) -> Callable[[Mapping], float]:
    try:
        return SCORERS[name]
    except KeyError:
        raise ConfigError(f"unknown item scorer {name!r}; known: {', '.join(SCORERS)}") from None


def score_from_items(name: str, columns: Mapping) -> float:
    try:
        return scorer(name)(columns)
    except KeyError as exc:
        raise ConfigError(f"scorer {name!r}: the per-item columns lack {exc.args[0]!r} (got "
                          f"{', '.join(map(repr, columns)) or 'none'})") from None
    except ValueError as exc:  # columns numpy cannot combine (lengths, non-numbers)
        raise ConfigError(f"scorer {name!r}: per-item columns that do not fit together: {exc}") from None


# -- vectorised over resamples -------------------------------------------------------------------------------

def _rank_rows(a: np.ndarray) -> np.ndarray:
    return np.vstack([rankdata(row) for row in a]) if len(a) else np.asarray(a, dtype=np.float64)


def rowwise_pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson's r of each row of ``x`` with the same row of ``y`` (NaN where a row is constant)."""
    xc = x - x.mean(axis=1, keepdims=True)
    yc = y - y.mean(axis=1, keepdims=True)
    den = np.sqrt((xc * xc).sum(axis=1) * (yc * yc).sum(axis=1))
    out = np.full(x.shape[0], np.nan)
    ok = den > 0
    out[ok] = (xc * yc).sum(axis=1)[ok] / den[ok]
    return np.clip(out, -1.0, 1.0)


def score_many(name: str, columns: Mapping, index: np.ndarray) -> np.ndarray:
    """The scorer on every row of ``index`` (an ``(n_resamples, n)`` matrix of item indices), vectorised.

    Equal to ``[score_from_items(name, {k: v[row] for k, v in columns.items()}) for row in index]`` up to
    float rounding of the summation order (Spearman: average ranks per row, then Pearson)."""
    index = np.asarray(index)
    if name in ("spearman", "pearson"):
        g = np.asarray(columns["gold"], dtype=np.float64)[index]
        p = np.asarray(columns["pred"], dtype=np.float64)[index]
        if name == "spearman":
            g, p = _rank_rows(g), _rank_rows(p)
        return rowwise_pearson(g, p)
    if name == "mean:correct":
        return np.asarray(columns["correct"], dtype=np.float64)[index].mean(axis=1)
    if name == "accuracy:counts":
        c = np.asarray(columns["correct"], dtype=np.float64)[index].sum(axis=1)
        t = np.asarray(columns["total"], dtype=np.float64)[index].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(t > 0, c / np.where(t > 0, t, 1), np.nan)
    if name == "f1:counts":
        tp, fp, fn = (np.asarray(columns[k], dtype=np.float64)[index].sum(axis=1) for k in ("tp", "fp", "fn"))
        den = 2 * tp + fp + fn
        # 2PR/(P+R) = 2tp/(2tp+fp+fn) whenever tp > 0; conlleval reports 0 otherwise
        return np.where(tp > 0, 2 * tp / np.where(den > 0, den, 1), 0.0)
    if name in ("qvec", "qvec-cca"):  # not a sum over words: each resample as word multiplicities
        from wordeval.stats.qvec_measures import score_weighted
        n = len(columns["id"])
        counts = np.stack([np.bincount(row, minlength=n) for row in index]).astype(np.float64)
        return score_weighted(columns, counts, name)
    raise ConfigError(f"unknown item scorer {name!r}; known: {', '.join(SCORERS)}")


# -- weighted by multiplicities (one resample = how often each item was drawn) ----------------------------------

# Scorers that are functions of per-resample sums of fixed columns: one matrix product scores every column of
# every representation and seed at once. Pearson's sums use columns centred on their plain mean (the
# correlation is shift-invariant; centring keeps the sums of squares free of cancellation).
LINEAR = {"mean:correct": ("correct",), "accuracy:counts": ("correct", "total"), "f1:counts": ("tp", "fp", "fn"),
          "pearson": ("g", "p", "gg", "pp", "gp")}


def linear_columns(name: str, columns: Mapping) -> dict[str, np.ndarray]:
    """The columns whose per-resample sums give the score (see ``scores_from_sums``)."""
    if name == "pearson":
        g = np.asarray(columns["gold"], dtype=np.float64)
        p = np.asarray(columns["pred"], dtype=np.float64)
        g = g - g.mean() if g.size else g
        p = p - p.mean() if p.size else p
        return {"g": g, "p": p, "gg": g * g, "pp": p * p, "gp": g * p}
    return {k: np.asarray(columns[k], dtype=np.float64) for k in LINEAR[name]}


def scores_from_sums(name: str, sums: Mapping[str, np.ndarray], total: np.ndarray) -> np.ndarray:
    """The score of each resample from the weighted column sums and the resample sizes ``total``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if name == "mean:correct":
            return sums["correct"] / total
        if name == "accuracy:counts":
            t = sums["total"]
            return np.where(t > 0, sums["correct"] / np.where(t > 0, t, 1), np.nan)
        if name == "f1:counts":
            tp, fp, fn = sums["tp"], sums["fp"], sums["fn"]
            den = 2 * tp + fp + fn
            # 2PR/(P+R) = 2tp/(2tp+fp+fn) whenever tp > 0; conlleval reports 0 otherwise
            return np.where(tp > 0, 2 * tp / np.where(den > 0, den, 1), 0.0)
        if name == "pearson":
            vg = sums["gg"] - sums["g"] ** 2 / total
            vp = sums["pp"] - sums["p"] ** 2 / total
            cov = sums["gp"] - sums["g"] * sums["p"] / total
            ok = (vg > 1e-12 * sums["gg"]) & (vp > 1e-12 * sums["pp"])  # a side constant on the resample: NaN
            out = np.where(ok, cov / np.sqrt(np.where(ok, vg * vp, 1.0)), np.nan)
            return np.clip(out, -1.0, 1.0)
    raise ConfigError(f"no sums form for item scorer {name!r}")


class RankedColumn:
    """One column sorted once; the average ranks of any resample (multiplicities) follow from cumulative
    counts per group of equal values: no sort per resample. Ranks are kept doubled (2 × the average rank is
    an integer), so every sum below is an exact integer in float64 for any realistic item count."""

    def __init__(self, values: np.ndarray):
        v = np.asarray(values, dtype=np.float64)
        self.order = np.argsort(v, kind="stable")
        self.inverse = np.argsort(self.order, kind="stable")
        vs = v[self.order]
        new = np.r_[True, vs[1:] != vs[:-1]] if vs.size else np.zeros(0, bool)
        self.starts = np.flatnonzero(new)
        self.group = np.cumsum(new) - 1
        self.ties = self.starts.size < vs.size

    def ranks(self, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(2 × average rank per item in item order, sum of weight × (2 × rank)², rows where one value was
        drawn). ``counts``: integer multiplicities."""
        c = np.take(counts, self.order, axis=1)
        g = np.add.reduceat(c, self.starts, axis=1) if self.ties else c  # without ties every item is a group
        twice = np.cumsum(g, axis=1, dtype=c.dtype)
        twice *= 2
        twice -= g
        twice += 1  # 2 × scipy's average rank of each group of ties (copies of an item tie with each other)
        sq = np.einsum("ij,ij,ij->i", g, twice, twice, dtype=np.float64)
        per_item = np.take(twice, self.group, axis=1) if self.ties else twice
        return np.take(per_item, self.inverse, axis=1), sq, np.count_nonzero(g, axis=1) <= 1


def spearman_from_ranks(w_rank_gold: np.ndarray, gold_sq: np.ndarray, gold_const: np.ndarray,
                        pred: tuple[np.ndarray, np.ndarray, np.ndarray], total: np.ndarray) -> np.ndarray:
    """Pearson of the (doubled) average ranks: their weighted mean is N + 1 on both sides."""
    rp, pred_sq, pred_const = pred
    m2 = total * (total + 1.0) ** 2
    cov = np.einsum("ij,ij->i", w_rank_gold, rp, dtype=np.float64) - m2
    den = np.sqrt(np.maximum(gold_sq - m2, 0) * np.maximum(pred_sq - m2, 0))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(gold_const | pred_const | (den <= 0), np.nan, cov / np.where(den > 0, den, 1))
    return np.clip(out, -1.0, 1.0)


def _int_counts(counts: np.ndarray) -> np.ndarray:
    c = np.asarray(counts)
    if c.dtype.kind not in "iu":
        c = np.rint(c)
    return c.astype(np.int64 if c.size and c.max() * 4 * c.shape[1] > 2**31 - 1 else np.int32)


def score_weighted(name: str, columns: Mapping, counts: np.ndarray) -> np.ndarray:
    """The scorer on every resample given as multiplicities: ``counts`` is ``(n_resamples, n)``, row b says how
    often each item was drawn. Equal to ``score_from_items`` on the resampled items (ranks averaged over ties
    and copies, as scipy) up to float rounding of the summation order. (``Resampler`` does the same for
    many columns at once.)"""
    return Resampler(name, [columns]).scores(counts)[:, 0]


class Resampler:
    """Scores many column sets (representations × seeds of one task, all on the same items) on the same
    resamples: the linear scorers by one matrix product per chunk, Spearman from ranked columns sorted once
    (the gold column, shared by every representation, is ranked once per chunk)."""

    def __init__(self, name: str, column_sets: Sequence[Mapping]):
        self.name = name
        self.k = len(column_sets)
        if name in LINEAR:
            parts = [linear_columns(name, cols) for cols in column_sets]
            self.keys = list(LINEAR[name])
            self.matrix = np.column_stack([part[k] for part in parts for k in self.keys]) if parts else None
            # whole numbers (counts, 0/1) sum exactly in any order; float columns (Pearson's) do not
            self._order_free = self.matrix is None or bool(np.all(self.matrix == np.rint(self.matrix)))
        elif name == "spearman":
            golds: dict[bytes, RankedColumn] = {}
            self.gold_of, self.preds, self.undefined = [], [], []
            for cols in column_sets:
                g = np.asarray(cols["gold"], dtype=np.float64)
                # a NaN makes the point Spearman NaN (``_corr``, as scipy); ranked last here, it gave every
                # resample a number, and an undefined score got an interval and entered the pair tests
                self.undefined.append(not (np.isfinite(g).all()
                                           and np.isfinite(np.asarray(cols["pred"], dtype=np.float64)).all()))
                key = g.tobytes()
                if key not in golds:
                    golds[key] = RankedColumn(g)
                self.gold_of.append(key)
                self.preds.append(RankedColumn(cols["pred"]))
            self.golds = golds
        elif name in ("qvec", "qvec-cca"):  # not sums over items: each column set scored per resample
            self.column_sets = list(column_sets)
        else:
            raise ConfigError(f"unknown item scorer {name!r}; known: {', '.join(SCORERS)}")

    def scores(self, counts: np.ndarray) -> np.ndarray:
        """``(n_resamples, n_column_sets)`` scores; ``counts`` are integer multiplicities."""
        ci = _int_counts(counts)
        total = ci.sum(axis=1, dtype=np.float64)
        out = np.empty((ci.shape[0], self.k))
        if self.name in LINEAR:
            from contextlib import nullcontext

            from wordeval.blas_threads import single_threaded_blas
            # OpenBLAS splits this short, wide product over its long sum by thread: Pearson's resampled
            # scores moved in their last bits with the thread count
            with nullcontext() if self._order_free else single_threaded_blas():
                sums = ci.astype(np.float64) @ self.matrix
            nk = len(self.keys)
            for j in range(self.k):
                out[:, j] = scores_from_sums(self.name, {k: sums[:, j * nk + i] for i, k in enumerate(self.keys)},
                                             total)
            return out
        if self.name in ("qvec", "qvec-cca"):
            from wordeval.stats.qvec_measures import score_weighted as qvec_weighted
            for j, cols in enumerate(self.column_sets):
                out[:, j] = qvec_weighted(cols, ci, self.name)
            return out
        gold = {}
        for key, col in self.golds.items():
            rg, gsq, gconst = col.ranks(ci)
            gold[key] = (np.multiply(rg, ci, dtype=np.float64), gsq, gconst)
        for j, (key, pred) in enumerate(zip(self.gold_of, self.preds)):
            out[:, j] = np.nan if self.undefined[j] else spearman_from_ranks(*gold[key], pred.ranks(ci), total)
        return out


def resample_counts(rng: np.random.Generator, n: int, n_resamples: int) -> np.ndarray:
    """``(n_resamples, n)`` integer multiplicities of ``n_resamples`` draws of n items with replacement (one
    ``rng.integers`` draw of indices, counted per row)."""
    small = n_resamples * n < 2**31
    idx = rng.integers(0, n, size=(n_resamples, n), dtype=np.int32 if small else np.int64)
    idx += (np.arange(n_resamples, dtype=idx.dtype) * n)[:, None]
    return np.bincount(idx.ravel(), minlength=n_resamples * n).reshape(n_resamples, n).astype(np.int32)
