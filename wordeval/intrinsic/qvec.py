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
  covered words (one written out as 0 on covered words is an all-zero column of the script's, which its QR
  turns into an arbitrary direction: dropped here too, so the two differ on such a file). A rank-deficient
  side is cut to its numerical rank as ``canoncorr`` does (the Python script keeps the noise columns); on
  full-rank matrices, the usual case, the two agree.

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
from wordeval.options import MAX_SEED, choice, integer, number, parse_options
from wordeval.stats.qvec_measures import (MEASURES, _cca_score, _normalize_rows, _orthonormal_basis,  # noqa: F401
                                          _weighted, canonical_correlations, qvec_cca_correlations,
                                          qvec_correlations, qvec_score, score_from_items, score_weighted)

__all__ = ["Oracle", "read_oracle", "Aligned", "align", "qvec", "qvec_cca", "qvec_correlations",
           "qvec_score", "canonical_correlations", "qvec_cca_correlations", "item_columns",
           "score_from_items", "score_weighted", "CONFIG_SCHEMA", "MEASURES"]

# Below this many words the reference script prints a warning; kept as a warning in the result.
SMALL_VOCABULARY = 1000

CONFIG_SCHEMA = {
    "case": (choice(*CASE_POLICIES), "exact"),  # the scripts match words exactly
    "n_boot": (integer(0, 1_000_000), 1000),  # 0: no CI; at most compare's bound
    "ci_level": (number(0.0, 1.0, lo_open=True, hi_open=True), 0.95),
    "seed": (integer(0, MAX_SEED), 0),  # numpy's and scikit-learn's seeds are < 2**32
}


@dataclass(frozen=True, eq=False)
class Aligned:
    """The words both sides cover (sorted), their embedding rows and oracle rows (float64 copies)."""

    words: tuple[str, ...]
    embedding: np.ndarray  # (n, d)
    oracle: np.ndarray  # (n, k)
    features: tuple[str, ...]
    n_total: int  # oracle words
    oov_in_other_unicode_form: tuple[str, ...] = ()  # uncovered oracle words another Unicode form finds

    @property
    def n_used(self) -> int:
        return len(self.words)

    @property
    def coverage(self) -> float:
        return self.n_used / self.n_total if self.n_total else 0.0


def align(embedding, oracle: Oracle, *, case: str = "exact") -> Aligned:
    """Oracle words found in ``embedding`` (word-lookup protocol) under a case policy, in sorted order."""
    from wordeval.intrinsic.policies import lookup_words

    from wordeval.intrinsic.unicode_forms import found_in_other_form, warn_other_form

    vectors, found, _ = lookup_words(embedding, list(oracle.words), case=case)
    other_form = found_in_other_form(sorted(w for w, f in zip(oracle.words, found) if not f),
                                     lambda words: lookup_words(embedding, words, case=case)[1], embedding,
                                     case=case)
    warn_other_form(other_form, embedding)
    keep = np.flatnonzero(found)
    order = sorted(keep, key=lambda i: oracle.words[i])  # the scripts' row order: sorted(vocabulary)
    return Aligned(words=tuple(oracle.words[i] for i in order),
                   embedding=np.array(vectors[order], dtype=np.float64),
                   oracle=np.array(oracle.matrix[order], dtype=np.float64),
                   features=oracle.features, n_total=len(oracle.words), oov_in_other_unicode_form=tuple(other_form))


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


def _bootstrap(X: np.ndarray, O: np.ndarray, measure: str, estimate: float, cfg: Mapping[str, Any]) -> dict:
    """Basic (reverse-percentile) bootstrap interval over words, ``[2 t - q_hi, 2 t - q_lo]``.

    Both scores are biased upward on small or duplicated samples (a maximum over noisy correlations;
    canonical correlations fit noise), and a resample's duplicated words shrink its effective size, so
    resampled scores sit above the estimate: for GloVe-50d on the supersenses the bootstrap mean exceeds
    QVEC by 0.17 (2 %) and QVEC-CCA by 0.015 (5 %), and the 95 % percentile interval of QVEC-CCA lies
    wholly above its estimate. The basic interval corrects for that bias (Davison & Hinkley 1997, sec. 5.2);
    the percentile interval and the bootstrap bias are returned beside it. A reflected bound beyond the
    score's range ([0, 1]; QVEC's [-d, d]) is clipped to it, the reflected one kept as ``ci_unclipped``.
    """
    from wordeval.stats.bootstrap import MIN_BOOTSTRAP_ITEMS, bootstrap_distribution, percentile_ci
    from wordeval.stats.score_range import clip_interval, score_range

    out: dict[str, Any] = {"ci": None, "ci_percentile": None, "bootstrap_bias": None}
    n = X.shape[0]
    if not cfg["n_boot"] or n < MIN_BOOTSTRAP_ITEMS or not np.isfinite(estimate):
        return out
    f = _weighted(X, O, measure)
    dist = bootstrap_distribution(lambda idx: f(np.bincount(idx, minlength=n).astype(np.float64)),
                                  np.arange(n), n_boot=cfg["n_boot"], seed=cfg["seed"])
    lo, hi = percentile_ci(dist, level=cfg["ci_level"])
    reflected = [2 * estimate - hi, 2 * estimate - lo]
    out["ci"] = clip_interval(reflected, score_range(measure, dimensions=X.shape[1]))
    if out["ci"] != reflected:
        out["ci_unclipped"] = reflected
    out["ci_percentile"] = [lo, hi]
    finite = dist[np.isfinite(dist)]
    out["bootstrap_bias"] = float(finite.mean() - estimate) if finite.size else None
    return out


# -- results -------------------------------------------------------------------------------------------
def _single_threaded_blas():
    from wordeval.blas_threads import single_threaded_blas
    return single_threaded_blas()


def _common(measure: str, al: Aligned, oracle: Oracle, cfg: Mapping[str, Any]) -> dict[str, Any]:
    warnings = []
    if al.n_used < SMALL_VOCABULARY:
        warnings.append(f"only {al.n_used} oracle words are covered (the reference script warns below "
                        f"{SMALL_VOCABULARY})")
    return {"measure": measure, "n_used": al.n_used, "n_total": al.n_total, "coverage": al.coverage,
            "oracle": {"file": oracle.path, "sha256": oracle.sha256, "words": len(oracle.words),
                       "features": len(oracle.features)},
            "config": dict(cfg), "warnings": warnings,
            "oov_in_other_unicode_form": list(al.oov_in_other_unicode_form)}


def _constant_columns(al: Aligned) -> str | None:
    """What made QVEC NaN: columns constant but not zero on the covered words (r undefined; the script's
    pearsonr gives NaN, and its argmax takes a NaN as the best)."""
    def constant(M):
        return np.flatnonzero((np.ptp(M, axis=0) == 0) & M.any(axis=0))
    dims, feats = constant(al.embedding), constant(al.oracle)
    parts = []
    if dims.size:
        parts.append(f"embedding dimension{'s' if dims.size > 1 else ''} {', '.join(map(str, dims[:10]))}"
                     + (f" (and {dims.size - 10} more)" if dims.size > 10 else ""))
    if feats.size:
        parts.append(f"oracle feature{'s' if feats.size > 1 else ''} "
                     + ", ".join(repr(al.features[j]) for j in feats[:10])
                     + (f" (and {feats.size - 10} more)" if feats.size > 10 else ""))
    if not parts:
        return None
    one = dims.size + feats.size == 1
    return (f"QVEC is undefined (NaN, as in the reference script): {' and '.join(parts)} "
            f"{'is' if one else 'are'} constant but not zero on the {al.n_used} covered words, so a Pearson r "
            f"with {'it' if one else 'them'} is undefined")


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
        why = _constant_columns(al) if al.n_used >= 2 and not np.isfinite(score) else None
        if why:
            out["warnings"].append(why)
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
            if max(out["rank_embedding"], out["rank_oracle"]) == al.n_used - 1 and r.size:
                # one side spans every centred direction of the words, so it holds the other's columns
                side = "embedding" if out["rank_embedding"] == al.n_used - 1 else "oracle"
                out["warnings"].append(f"the {side}'s columns span all {al.n_used - 1} directions of the "
                                       f"{al.n_used} covered words (after centring): every canonical "
                                       f"correlation is 1 whatever the vectors")
            if min(out["rank_embedding"], out["rank_oracle"]) < full:
                out["warnings"].append(f"rank-deficient after normalising and centring (embedding "
                                       f"{out['rank_embedding']}, oracle {out['rank_oracle']}): "
                                       f"{r.size} canonical correlations instead of {full}")
        out.update(_bootstrap(al.embedding, al.oracle, "qvec-cca", out["score"], cfg))
    if keep_items:
        out["items"] = item_columns(al)
    return out
