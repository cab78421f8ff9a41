"""QVEC and QVEC-CCA: how well an embedding's dimensions line up with a matrix of linguistic features.

Both follow the authors' scripts (ytsvetko/qvec ``qvec.py`` and ``qvec_cca.py``, tested against them):

- **Words**: those of the oracle that the embedding has (the scripts' vocabulary intersection), taken in
  sorted order; coverage = words used / oracle words. There is no penalty or imputation for the others.
- **QVEC** (Tsvetkov et al. 2015): Pearson r of every embedding dimension with every oracle column over
  the words; each dimension is aligned to its best column (first one on ties, columns in the file's order
  of first appearance); the score is the *sum* over dimensions of those r. As in the script, r is 0 when
  either column is all zero on the words, and NaN (scipy's ``pearsonr``) when one is constant but not zero.
- **QVEC-CCA** (Tsvetkov et al. 2016): rows L2-normalised (zero rows left as they are), columns centred,
  canonical correlations from pivoted QR + SVD; the score is the *mean* of the min(p, q) canonical
  correlations — the definition of both the script and the authors' earlier ``cca.m`` (``mean(r)`` of
  MATLAB's ``canoncorr``). The first canonical correlation is returned as well, under its own name.
  Oracle features that no covered word has are dropped first, as the script builds its columns from the
  covered words. A rank-deficient side is cut to its numerical rank as ``canoncorr`` does (the Python
  script keeps the noise columns); on full-rank matrices, the usual case, the two agree.

Resampling unit: the **word**. Neither score is a sum over words, so the per-item data needed to recompute
it on a resample are the word's embedding row and oracle row: :func:`item_columns` gives them as columns,
:func:`score_from_items` recomputes the score from (a resample of) them, :func:`score_weighted` does so
for many resamples given as multiplicities, and the CI in the results is the basic bootstrap interval over
words (see :func:`_bootstrap` for why not the percentile one).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.datasets.parsers_qvec import Oracle, read_oracle
from wordeval.embeddings.case import CASE_POLICIES
from wordeval.errors import ConfigError
from wordeval.options import choice, integer, number, parse_options

__all__ = ["Oracle", "read_oracle", "Aligned", "align", "qvec", "qvec_cca", "qvec_correlations",
           "qvec_score", "canonical_correlations", "qvec_cca_correlations", "item_columns",
           "score_from_items", "score_weighted", "CONFIG_SCHEMA", "MEASURES"]

MEASURES = ("qvec", "qvec-cca")
# Below this many words the reference script prints a warning; kept as a warning in the result.
SMALL_VOCABULARY = 1000

CONFIG_SCHEMA = {
    "case": (choice(*CASE_POLICIES), "exact"),  # the scripts match words exactly
    "n_boot": (integer(0), 1000),  # 0: no CI
    "ci_level": (number(0.0, 1.0, lo_open=True, hi_open=True), 0.95),
    "seed": (integer(0), 0),
}


@dataclass(frozen=True, eq=False)
class Aligned:
    """The words both sides cover (sorted), their embedding rows and oracle rows (float64 copies)."""

    words: tuple[str, ...]
    embedding: np.ndarray  # (n, d)
    oracle: np.ndarray  # (n, k)
    features: tuple[str, ...]
    n_total: int  # oracle words

    @property
    def n_used(self) -> int:
        return len(self.words)

    @property
    def coverage(self) -> float:
        return self.n_used / self.n_total if self.n_total else 0.0


def align(embedding, oracle: Oracle, *, case: str = "exact") -> Aligned:
    """Oracle words found in ``embedding`` (word-lookup protocol) under a case policy, in sorted order."""
    from wordeval.intrinsic.policies import lookup_words

    vectors, found, _ = lookup_words(embedding, list(oracle.words), case=case)
    keep = np.flatnonzero(found)
    order = sorted(keep, key=lambda i: oracle.words[i])  # the scripts' row order: sorted(vocabulary)
    return Aligned(words=tuple(oracle.words[i] for i in order),
                   embedding=np.array(vectors[order], dtype=np.float64),
                   oracle=np.array(oracle.matrix[order], dtype=np.float64),
                   features=oracle.features, n_total=len(oracle.words))


# -- QVEC ----------------------------------------------------------------------------------------------
def _unit_centred_columns(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centred columns scaled to unit norm, and the per-column rule: 0 = all zero, 1 = constant non-zero,
    2 = varies. Constancy is tested exactly (``ptp == 0``), as ``pearsonr`` does."""
    constant = np.ptp(M, axis=0) == 0 if M.shape[0] else np.ones(M.shape[1], dtype=bool)
    zero = constant & ~np.any(M, axis=0)
    C = M - M.mean(axis=0)
    norms = np.linalg.norm(C, axis=0)
    C = np.divide(C, norms, out=np.zeros_like(C), where=~constant & (norms > 0))
    kind = np.where(zero, 0, np.where(constant, 1, 2))
    return C, kind


def qvec_correlations(X: np.ndarray, O: np.ndarray) -> np.ndarray:
    """Pearson r of each embedding column (X: n x d) with each oracle column (O: n x k) -> (d, k)."""
    Xc, kx = _unit_centred_columns(np.asarray(X, dtype=np.float64))
    Oc, ko = _unit_centred_columns(np.asarray(O, dtype=np.float64))
    R = np.clip(Xc.T @ Oc, -1.0, 1.0)
    R[kx == 1, :] = np.nan
    R[:, ko == 1] = np.nan
    R[kx == 0, :] = 0.0  # the script's IsZero rule wins over NaN: it is checked before pearsonr
    R[:, ko == 0] = 0.0
    return R


def qvec_score(X: np.ndarray, O: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """``(score, aligned column per dimension, its r)``; NaN score with fewer than 2 words."""
    d = np.asarray(X).shape[1]
    if np.asarray(X).shape[0] < 2:
        return float("nan"), np.zeros(d, dtype=np.int64), np.full(d, np.nan)
    R = qvec_correlations(X, O)
    best = np.argmax(R, axis=1)  # np.argmax: first maximum, and a NaN counts as the maximum (as the script)
    r = R[np.arange(d), best]
    return float(np.sum(r)), best, r


# -- QVEC-CCA ------------------------------------------------------------------------------------------
def _normalize_rows(M: np.ndarray) -> np.ndarray:
    """As the script's ``sklearn.preprocessing.normalize``: L2, rows with a norm below 10 eps left as is."""
    norms = np.sqrt(np.einsum("ij,ij->i", M, M))
    norms[norms < 10 * np.finfo(np.float64).eps] = 1.0
    return M / norms[:, None]


def _orthonormal_basis(M: np.ndarray) -> np.ndarray:
    """Q of a pivoted economic QR, cut to the numerical rank by MATLAB canoncorr's rule
    (|R_ii| > eps(|R_11|) * max(n, p))."""
    from scipy.linalg import qr

    q, r, _ = qr(M, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    if diag.size == 0 or diag[0] == 0:
        return q[:, :0]
    rank = int(np.sum(diag > np.spacing(diag[0]) * max(M.shape)))
    return q[:, :rank]


def canonical_correlations(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Canonical correlations of the column spaces of X and Y after centring, in decreasing order
    (min(rank X, rank Y) of them, clipped to [0, 1]). Invariant to invertible linear maps of either side."""
    from scipy.linalg import svd

    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if X.shape[0] != Y.shape[0]:
        raise ValueError(f"X and Y have {X.shape[0]} and {Y.shape[0]} rows")
    qx = _orthonormal_basis(X - X.mean(axis=0))
    qy = _orthonormal_basis(Y - Y.mean(axis=0))
    d = min(qx.shape[1], qy.shape[1])
    if d == 0:
        return np.zeros(0)
    s = svd(qx.T @ qy, full_matrices=False, compute_uv=False)[:d]
    return np.clip(s, 0.0, 1.0)


def qvec_cca_correlations(X: np.ndarray, O: np.ndarray) -> np.ndarray:
    """QVEC-CCA's canonical correlations: oracle features that none of the words has dropped (the script
    builds its columns from the covered words only), rows L2-normalised, :func:`canonical_correlations`."""
    O = np.asarray(O, dtype=np.float64)
    if np.asarray(X).shape[0] < 2:
        return np.zeros(0)
    return canonical_correlations(_normalize_rows(np.asarray(X, dtype=np.float64)),
                                  _normalize_rows(O[:, O.any(axis=0)]))


def _cca_score(r: np.ndarray) -> float:
    return float(r.mean()) if r.size else float("nan")


# -- per-item columns ----------------------------------------------------------------------------------
def item_columns(aligned: Aligned) -> dict[str, list]:
    """Per-word columns: ``id`` (the word), ``e0..e{d-1}`` (embedding), ``o:<feature>`` (oracle, file order).

    n x (d + k) numbers: about 4k words x 91 columns for GloVe-50d on the supersenses.
    """
    cols: dict[str, list] = {"id": list(aligned.words)}
    for i in range(aligned.embedding.shape[1]):
        cols[f"e{i}"] = aligned.embedding[:, i].tolist()
    for j, name in enumerate(aligned.features):
        cols[f"o:{name}"] = aligned.oracle[:, j].tolist()
    return cols


def _matrices_from_items(columns: Mapping[str, Sequence]) -> tuple[np.ndarray, np.ndarray]:
    e_keys = sorted((k for k in columns if k[:1] == "e" and k[1:].isdigit()), key=lambda k: int(k[1:]))
    o_keys = [k for k in columns if k.startswith("o:")]  # insertion order = the oracle's column order
    if not e_keys or not o_keys or [int(k[1:]) for k in e_keys] != list(range(len(e_keys))):
        raise ConfigError("QVEC item columns: expected e0..e{d-1} and o:<feature> columns")
    n = len(columns[e_keys[0]])
    X = np.empty((n, len(e_keys)))
    O = np.empty((n, len(o_keys)))
    for i, k in enumerate(e_keys):
        X[:, i] = columns[k]
    for j, k in enumerate(o_keys):
        O[:, j] = columns[k]
    return X, O


def score_from_items(columns: Mapping[str, Sequence], measure: str = "qvec") -> float:
    """The score recomputed from :func:`item_columns` (or any resample of their rows, the same rows in every
    column). Equals the result's ``score`` on the unresampled columns."""
    X, O = _matrices_from_items(columns)
    if measure == "qvec":
        return qvec_score(X, O)[0]
    if measure == "qvec-cca":
        return _cca_score(qvec_cca_correlations(X, O))
    raise ConfigError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")


# -- resamples as multiplicities (the bootstrap's fast path) -------------------------------------------
def _qvec_weighted(X: np.ndarray, O: np.ndarray):
    """``f(w)``: QVEC of the resample in which word i was drawn ``w[i]`` times, without copying rows;
    the rules of :func:`qvec_correlations` (all-zero and constant columns tested exactly on drawn words)."""
    n, p = X.shape
    Z = np.hstack([X, O])
    Z0 = Z - Z.mean(axis=0)  # the full sample's mean: the resample's own is removed below, on small numbers
    Z0sq, nonzero = Z0 * Z0, (Z != 0).astype(np.float64)
    X0, O0 = Z0[:, :p], Z0[:, p:]
    rows = np.arange(p)

    def score(w: np.ndarray) -> float:
        total = w.sum()
        if np.count_nonzero(w) < 2:
            return float("nan")
        m = (w @ Z0) / total
        drawn = Z[np.flatnonzero(w)]
        constant = drawn.min(axis=0) == drawn.max(axis=0)
        zero = (w @ nonzero) == 0
        sd = np.sqrt(np.where(constant, 1.0, w @ Z0sq - total * m * m))
        R = np.clip(((X0.T * w) @ O0 - total * np.outer(m[:p], m[p:])) / np.outer(sd[:p], sd[p:]), -1.0, 1.0)
        R[constant[:p], :] = np.nan
        R[:, constant[p:]] = np.nan
        R[zero[:p], :] = 0.0
        R[:, zero[p:]] = 0.0
        return float(R[rows, np.argmax(R, axis=1)].sum())
    return score


def _cca_weighted(X: np.ndarray, O: np.ndarray):
    """``f(w)``: QVEC-CCA of a resample given as multiplicities, from the weighted Gram matrix of the
    row-normalised words: one n x (p+q)^2 product instead of two pivoted QRs (about five times faster).

    Forming a Gram squares the condition number, so the numerical rank is taken on it with the rule of
    ``numpy.linalg.matrix_rank`` for a symmetric matrix (eigenvalue > largest * max(n, p) * eps); features
    that no drawn word has are zero columns there and drop out by that rule."""
    Xn, On = _normalize_rows(X), _normalize_rows(O[:, O.any(axis=0)])
    Z = np.hstack([Xn, On])
    Z -= Z.mean(axis=0)
    n, p = Z.shape[0], Xn.shape[1]
    eps = np.finfo(np.float64).eps

    def whitener(S):
        lam, V = np.linalg.eigh(S)
        keep = lam > lam[-1] * max(n, S.shape[0]) * eps if lam[-1] > 0 else np.zeros(lam.size, bool)
        return V[:, keep] / np.sqrt(lam[keep])

    def score(w: np.ndarray) -> float:
        if np.count_nonzero(w) < 2:
            return float("nan")
        s = w @ Z
        G = (Z.T * w) @ Z - np.outer(s, s) / w.sum()
        Wx, Wy = whitener(G[:p, :p]), whitener(G[p:, p:])
        d = min(Wx.shape[1], Wy.shape[1])
        if d == 0:
            return float("nan")
        r = np.linalg.svd(Wx.T @ G[:p, p:] @ Wy, compute_uv=False)[:d]
        return float(np.clip(r, 0.0, 1.0).mean())
    return score


def _weighted(X: np.ndarray, O: np.ndarray, measure: str):
    if measure == "qvec":
        return _qvec_weighted(X, O)
    if measure == "qvec-cca":
        return _cca_weighted(X, O)
    raise ConfigError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")


def score_weighted(columns: Mapping[str, Sequence], counts: np.ndarray, measure: str = "qvec") -> np.ndarray:
    """The score of every resample given as multiplicities: ``counts`` is ``(n_resamples, n)``, row b says
    how often each word was drawn (the form of ``wordeval.stats.item_scores.score_weighted``). Equal to
    :func:`score_from_items` on the resampled rows up to float rounding (QVEC-CCA: of a Gram matrix)."""
    X, O = _matrices_from_items(columns)
    f = _weighted(X, O, measure)
    return np.array([f(np.asarray(w, dtype=np.float64)) for w in np.atleast_2d(counts)])


def _bootstrap(X: np.ndarray, O: np.ndarray, measure: str, estimate: float, cfg: Mapping[str, Any]) -> dict:
    """Basic (reverse-percentile) bootstrap interval over words, ``[2 t - q_hi, 2 t - q_lo]``.

    Both scores are biased upward on small or duplicated samples (a maximum over noisy correlations;
    canonical correlations fit noise), and a resample's duplicated words shrink its effective size, so
    resampled scores sit above the estimate: for GloVe-50d on the supersenses the bootstrap mean exceeds
    QVEC by 0.17 (2 %) and QVEC-CCA by 0.015 (5 %), and the 95 % percentile interval of QVEC-CCA lies
    wholly above its estimate. The basic interval corrects for that bias (Davison & Hinkley 1997, sec. 5.2);
    the percentile interval and the bootstrap bias are returned beside it.
    """
    from wordeval.stats.bootstrap import bootstrap_distribution, percentile_ci

    out: dict[str, Any] = {"ci": None, "ci_percentile": None, "bootstrap_bias": None}
    n = X.shape[0]
    if not cfg["n_boot"] or n < 2 or not np.isfinite(estimate):
        return out
    f = _weighted(X, O, measure)
    dist = bootstrap_distribution(lambda idx: f(np.bincount(idx, minlength=n).astype(np.float64)),
                                  np.arange(n), n_boot=cfg["n_boot"], seed=cfg["seed"])
    lo, hi = percentile_ci(dist, level=cfg["ci_level"])
    out["ci"] = [2 * estimate - hi, 2 * estimate - lo]
    out["ci_percentile"] = [lo, hi]
    finite = dist[np.isfinite(dist)]
    out["bootstrap_bias"] = float(finite.mean() - estimate) if finite.size else None
    return out


# -- results -------------------------------------------------------------------------------------------
def _single_threaded_blas():
    # n x ~100 matrices: BLAS threads buy little, and on a loaded machine they cost a factor of 50
    import scipy.linalg  # noqa: F401  (loads SciPy's own BLAS first: only those loaded on entry are limited)
    from threadpoolctl import threadpool_limits
    return threadpool_limits(limits=1, user_api="blas")


def _common(measure: str, al: Aligned, oracle: Oracle, cfg: Mapping[str, Any]) -> dict[str, Any]:
    warnings = []
    if al.n_used < SMALL_VOCABULARY:
        warnings.append(f"only {al.n_used} oracle words are covered (the reference script warns below "
                        f"{SMALL_VOCABULARY})")
    return {"measure": measure, "n_used": al.n_used, "n_total": al.n_total, "coverage": al.coverage,
            "oracle": {"file": oracle.path, "sha256": oracle.sha256, "words": len(oracle.words),
                       "features": len(oracle.features)},
            "config": dict(cfg), "warnings": warnings}


def qvec(embedding, oracle: Oracle, *, keep_items: bool = False, **config: Any) -> dict[str, Any]:
    """QVEC of ``embedding`` against ``oracle``. Config (see ``CONFIG_SCHEMA``): ``case``, ``n_boot``,
    ``ci_level``, ``seed``.

    Returns ``score`` (sum over dimensions), ``alignment`` (per dimension: aligned feature, its column and
    r), ``n_used``/``n_total``/``coverage``, ``ci`` ([low, high] over words, or None), ``oracle``
    (file, sha256, size), ``config``, ``warnings``, and with ``keep_items`` the :func:`item_columns`.
    """
    cfg = parse_options("qvec", config, CONFIG_SCHEMA)
    al = align(embedding, oracle, case=cfg["case"])
    with _single_threaded_blas():
        score, best, r = qvec_score(al.embedding, al.oracle)
        out = _common("qvec", al, oracle, cfg)
        out["score"] = score
        out["alignment"] = [{"dimension": i, "feature": oracle.features[j], "feature_index": int(j),
                             "correlation": float(c)} for i, (j, c) in enumerate(zip(best, r))]
        out.update(_bootstrap(al.embedding, al.oracle, "qvec", score, cfg))
    if keep_items:
        out["items"] = item_columns(al)
    return out


def qvec_cca(embedding, oracle: Oracle, *, keep_items: bool = False, **config: Any) -> dict[str, Any]:
    """QVEC-CCA of ``embedding`` against ``oracle`` (config as :func:`qvec`).

    Returns ``score`` (mean canonical correlation, the scripts' definition), ``first_canonical_correlation``,
    ``canonical_correlations``, ``oracle_features_used`` (those some covered word has; the others are
    dropped, as by the script), ``rank_embedding``/``rank_oracle`` (numerical ranks after normalising and
    centring), and the coverage/CI/oracle/config/warnings/items fields of :func:`qvec`.
    """
    cfg = parse_options("qvec-cca", config, CONFIG_SCHEMA)
    al = align(embedding, oracle, case=cfg["case"])
    with _single_threaded_blas():
        r = qvec_cca_correlations(al.embedding, al.oracle)
        out = _common("qvec-cca", al, oracle, cfg)
        out["score"] = _cca_score(r)
        out["first_canonical_correlation"] = float(r[0]) if r.size else float("nan")
        out["canonical_correlations"] = r.tolist()
        out["rank_embedding"] = out["rank_oracle"] = out["oracle_features_used"] = 0
        if al.n_used >= 2:
            Xn, On = _normalize_rows(al.embedding), _normalize_rows(al.oracle[:, al.oracle.any(axis=0)])
            out["rank_embedding"] = _orthonormal_basis(Xn - Xn.mean(axis=0)).shape[1]
            out["rank_oracle"] = _orthonormal_basis(On - On.mean(axis=0)).shape[1]
            out["oracle_features_used"] = On.shape[1]
            full = min(Xn.shape[1], On.shape[1])
            if min(out["rank_embedding"], out["rank_oracle"]) < full:
                out["warnings"].append(f"rank-deficient after normalising and centring (embedding "
                                       f"{out['rank_embedding']}, oracle {out['rank_oracle']}): "
                                       f"{r.size} canonical correlations instead of {full}")
        out.update(_bootstrap(al.embedding, al.oracle, "qvec-cca", out["score"], cfg))
    if keep_items:
        out["items"] = item_columns(al)
    return out
