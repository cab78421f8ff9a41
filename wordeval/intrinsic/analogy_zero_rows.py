"""PairDirection and all-zero candidate rows (a padding or unknown vector some files carry: in the vocabulary,
its normalised vector stays 0).

The kernels score a candidate x by (x·b - x·a - k) / sqrt(2 - 2 x·c) with k = c·b - c·a, which is
cos(x - c, b - a) up to the positive factor 1/|b - a| where |x| = 1. For a zero row |x - c| = |c| = 1, not
sqrt(2): its score was 1/sqrt(2) of the definition's, -k, and of the reference loop's, so a zero row that
should answer did not. Every zero row scores -k, so the search is settled here per question between the row
the kernels chose and the lowest zero row the question allows (where c is itself a zero vector, x - c = 0 for
a zero x: no direction, never an answer, as in the reference loop).
"""
from __future__ import annotations

from typing import Callable

import numpy as np


def zero_candidate_rows(vectors, n_candidates: int) -> np.ndarray:
    """The all-zero rows among the first ``n_candidates``, ascending."""
    return np.flatnonzero(~np.any(np.asarray(vectors[:n_candidates]) != 0, axis=1))


def _lowest_allowed(zero: np.ndarray, exclude: np.ndarray) -> np.ndarray:
    """Per question, the lowest zero row not among its excluded rows (-1: every zero row excluded). A question
    excludes at most ``exclude.shape[1]`` rows, so one of that many zero rows plus one is allowed."""
    first = zero[:exclude.shape[1] + 1]
    allowed = ~(exclude[:, :, None] == first[None, None, :]).any(axis=1)
    return np.where(allowed.any(axis=1), first[allowed.argmax(axis=1)], -1)


def settle_zero_rows(vectors, zero: np.ndarray, picked: np.ndarray, Q: np.ndarray, qa, qb, qc,
                     exclude: np.ndarray, search_without: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """``picked`` (the kernels' rows) with a zero row wherever one scores higher by the definition, ties to the
    lower row. ``Q``: the unit query vectors that qa, qb, qc index; ``search_without(questions, rows)``: the
    kernels' answers to those questions with those rows excluded too (asked where the kernels chose a zero
    row on its understated score, which another row may beat)."""
    from wordeval.intrinsic.analogy_kernels import unit_chunk

    picked = np.array(picked, dtype=np.int64, copy=True)
    a, b, c = (Q[q].astype(np.float64) for q in (qa, qb, qc))
    k = np.einsum("ij,ij->i", c, b) - np.einsum("ij,ij->i", c, a)
    c_zero = ~np.any(c != 0, axis=1)
    is_zero = np.isin(picked, zero)
    # understated score -k / sqrt(2) chosen: right when -k >= 0 (the true -k is higher still), else a row
    # scoring between -k and -k / sqrt(2) may beat it; with c zero no zero row may answer at all
    again = np.flatnonzero(is_zero & ((k > 0) | c_zero))
    if len(again):
        picked[again] = search_without(again, zero)
    z = np.where(c_zero, -1, _lowest_allowed(zero, exclude))
    # a zero row still chosen is chosen rightly: z is then the lowest one allowed
    answered = np.flatnonzero((picked >= 0) & ~np.isin(picked, zero))
    score = np.full(len(picked), -np.inf)
    if len(answered):
        rows = picked[answered]
        x = unit_chunk(np.asarray(vectors)[rows], 0, len(rows)).astype(np.float64)
        diff = x - c[answered]
        norms = np.linalg.norm(diff, axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            score[answered] = np.einsum("ij,ij->i", diff, b[answered] - a[answered]) / norms
    zero_wins = (z >= 0) & ((-k > score) | ((-k == score) & (z < picked)) | (picked < 0))
    picked[zero_wins] = z[zero_wins]
    return picked
