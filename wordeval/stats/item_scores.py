"""Main scores recomputed from a record's per-item columns, by name.

Every result record names its scorer (``record.scorer``), so a comparison can recompute the main score on
any resample or subset of items without importing the evaluator that produced it (and old stores stay
readable without the code that wrote them). Each scorer is the exact definition its family uses:

- ``spearman``: scipy's Spearman (average ranks) of ``gold`` and ``pred``; NaN for a constant side;
- ``pearson``: scipy's Pearson of ``gold`` and ``pred``;
- ``mean:correct``: mean of ``correct`` (0/1 per analogy question, share of seeds right per document);
- ``f1:counts``: conlleval's micro F1 from summed ``tp``, ``fp``, ``fn`` (0 where a denominator is 0);
- ``accuracy:counts``: summed ``correct`` / summed ``total`` (token accuracy from per-sentence counts).

Vectorised forms (``*_many``) take index matrices (one resample per row) for fast bootstraps.
"""
from __future__ import annotations

import warnings
from typing import Callable, Mapping

import numpy as np

from wordeval.errors import ConfigError


def _corr(name: str, gold, pred) -> float:
    from scipy import stats

    x = np.asarray(gold, dtype=np.float64)
    y = np.asarray(pred, dtype=np.float64)
    if x.size < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    fn = stats.spearmanr if name == "spearman" else stats.pearsonr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(fn(x, y).statistic)


def spearman(columns: Mapping) -> float:
    return _corr("spearman", columns["gold"], columns["pred"])


def pearson(columns: Mapping) -> float:
    return _corr("pearson", columns["gold"], columns["pred"])


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


SCORERS: dict[str, Callable[[Mapping], float]] = {
    "spearman": spearman, "pearson": pearson, "mean:correct": mean_correct, "f1:counts": f1_counts,
    "accuracy:counts": accuracy_counts,
}


def scorer(name: str) -> Callable[[Mapping], float]:
    try:
        return SCORERS[name]
    except KeyError:
        raise ConfigError(f"unknown item scorer {name!r}; known: {', '.join(SCORERS)}") from None


def score_from_items(name: str, columns: Mapping) -> float:
    return scorer(name)(columns)


# -- vectorised over resamples -------------------------------------------------------------------------------

def _rank_rows(a: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata
    return rankdata(a, axis=1)


def _rowwise_pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
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
        return _rowwise_pearson(g, p)
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
    raise ConfigError(f"unknown item scorer {name!r}; known: {', '.join(SCORERS)}")
