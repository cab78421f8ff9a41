"""Comparing two analogy solvers' answers modulo exact ties.

Two correct solvers can return different rows for one question: where two candidates' scores are equal in
exact arithmetic (duplicated rows, small integer vectors) or closer than float32 rounding can resolve, the
argmax depends on the order in which the BLAS of each CPU sums the dot products. So "identical" means: the
same row, or two rows whose exact scores (float64, from the original vectors) differ by no more than the sum
of the two scores' worst-case float32 rounding errors. Anything further apart is a real difference.

The bounds, with u = 2^-24 (unit roundoff of float32) and d the dimension, to first order in u:

- A unit vector computed in float32 (sum of squares, sqrt, divide) is within (d/2 + 2)u of the exact one;
  the cosine of two such vectors is within (d + 4)u of the exact cosine. The float32 dot product itself, in
  any summation order (blocked, FMA or not), adds at most d·u·sum|x_i y_i| <= d·u (Cauchy-Schwarz). With
  4u for second-order terms and the conversions: every cosine is within e = (2d + 8)u of the exact one.
- 3CosAdd: three cosines plus two float32 additions with results up to 2 and 3 in size: E = 3e + 5u.
- 3CosMul: p = (cos + 1)/2 is within e/2; S = p_b p_c / (p_a + eps) moves by at most
  (e/2)(p_b + p_c + S)/(p_a + eps), plus 8u·S for a float32 evaluation of the formula (gensim's).
- PairDirection: S = N / D with N = x·b - x·a - (c·b - c·a) (four cosines) and D = sqrt(2 - 2 x·c):
  |dS| <= 4e/D + |N| e / D^3, plus 8u·|S|.

When solver 1 returns j1 and solver 2 returns j2, each saw its own row scoring at least as high as the
other's, so the exact scores differ by at most E(j1) + E(j2): that is the accepted window.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from wordeval.intrinsic.analogy_kernels import IDENTICAL_EPS

U32 = float(np.finfo(np.float32).eps) / 2  # 2^-24


def cosine_error(dim: int) -> float:
    """Worst-case distance of a float32 cosine of two unit-normalised vectors from the exact cosine."""
    return (2 * dim + 8) * U32


def _unit64(vectors: np.ndarray, rows) -> np.ndarray:
    v = np.asarray(vectors[np.asarray(rows, dtype=np.int64)], dtype=np.float64)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, norms, out=np.zeros_like(v), where=norms > 0)


def exact_scores(vectors: np.ndarray, a_rows, b_rows, c_rows, x_rows, *, method: str,
                 eps: float = 1e-3) -> tuple[np.ndarray, np.ndarray]:
    """Per question i: the float64 score of candidate ``x_rows[i]`` and that score's float32 error bound."""
    a, b, c, x = (_unit64(vectors, r) for r in (a_rows, b_rows, c_rows, x_rows))
    dim = vectors.shape[1]
    e = cosine_error(dim)
    xa, xb, xc = (np.einsum("ij,ij->i", x, w) for w in (a, b, c))
    if method == "3cosadd":
        score = xb - xa + xc
        return score, np.full(len(score), 3 * e + 5 * U32)
    if method == "3cosmul":
        pa, pb, pc = (xa + 1) / 2, (xb + 1) / 2, (xc + 1) / 2
        score = pb * pc / (pa + eps)
        return score, (e / 2) * (pb + pc + np.abs(score)) / (pa + eps) + 8 * U32 * np.abs(score)
    if method == "pairdirection":
        num = xb - xa - (np.einsum("ij,ij->i", c, b) - np.einsum("ij,ij->i", c, a))
        # |x - c|^2, which is 2 - 2 x.c for unit x and c; a zero row (normalised to 0) is 1 or 0 from c
        d2 = np.maximum(np.einsum("ij,ij->i", x, x) + np.einsum("ij,ij->i", c, c) - 2 * xc, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            den = np.sqrt(d2)
            score = np.where(d2 > IDENTICAL_EPS, num / den, -np.inf)
            err = 4 * e / den + np.abs(num) * e / den ** 3 + 8 * U32 * np.abs(score)
        return score, np.where(d2 > IDENTICAL_EPS, err, np.inf)
    raise ValueError(f"unknown analogy method {method!r}")


def compare_answers(vectors: np.ndarray, a_rows: Sequence[int], b_rows: Sequence[int], c_rows: Sequence[int],
                    got: Sequence[int], expected: Sequence[int], *, method: str,
                    eps: float = 1e-3) -> dict[str, Any]:
    """Rows ``got`` versus ``expected`` (-1: no answer), question by question, modulo exact ties.

    Returns ``n``, ``identical`` (same row), ``ties`` (different rows within the rounding window: accepted;
    ``exact`` when the float64 scores are equal too, as for duplicated vectors) and ``mismatches`` (anything
    else), the last two as lists of dicts with the question index, both rows, both scores and the window.
    """
    got = np.asarray(got, dtype=np.int64)
    expected = np.asarray(expected, dtype=np.int64)
    a_rows, b_rows, c_rows = (np.asarray(r, dtype=np.int64) for r in (a_rows, b_rows, c_rows))
    if not (len(got) == len(expected) == len(a_rows) == len(b_rows) == len(c_rows)):
        raise ValueError("compare_answers: every argument needs one entry per question")
    differ = np.flatnonzero(got != expected)
    ties: list[dict] = []
    mismatches: list[dict] = []
    both = differ[(got[differ] >= 0) & (expected[differ] >= 0)]
    for i in differ[(got[differ] < 0) | (expected[differ] < 0)]:
        mismatches.append({"question": int(i), "got": int(got[i]), "expected": int(expected[i])})
    if len(both):
        abc = (a_rows[both], b_rows[both], c_rows[both])
        s_got, e_got = exact_scores(vectors, *abc, got[both], method=method, eps=eps)
        s_exp, e_exp = exact_scores(vectors, *abc, expected[both], method=method, eps=eps)
        for k, i in enumerate(both):
            window = float(e_got[k] + e_exp[k])
            entry = {"question": int(i), "got": int(got[i]), "expected": int(expected[i]),
                     "score_got": float(s_got[k]), "score_expected": float(s_exp[k]), "window": window,
                     "exact": bool(s_got[k] == s_exp[k])}  # equal in float64 too: e.g. duplicated rows
            near = np.isfinite(s_got[k]) and np.isfinite(s_exp[k]) and abs(s_got[k] - s_exp[k]) <= window
            (ties if near else mismatches).append(entry)
    return {"n": int(len(got)), "identical": int(len(got) - len(differ)), "ties": ties, "mismatches": mismatches}


def assert_same_modulo_ties(vectors, a_rows, b_rows, c_rows, got, expected, *, method: str,
                            eps: float = 1e-3) -> int:
    """Raise AssertionError on any difference beyond the rounding window; return how many ties were accepted."""
    res = compare_answers(vectors, a_rows, b_rows, c_rows, got, expected, method=method, eps=eps)
    if res["mismatches"]:
        raise AssertionError(f"{len(res['mismatches'])} of {res['n']} answers differ beyond float32 rounding "
                             f"({method}): {res['mismatches'][:5]}")
    return len(res["ties"])
