"""Word similarity: cosine of the two words' vectors against human ratings.

Spearman (main; scipy's average-rank definition, NaN when a side is constant — never coerced to 0) and
Pearson, n_total / n_used / coverage, a 95 % bootstrap CI over pairs, scores per frequency bin, and the
three OOV policies of :mod:`wordeval.intrinsic.policies` (``intersection`` via :func:`evaluate_intersection`).
"""
from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.errors import ConfigError
from wordeval.intrinsic.policies import (DERIVED_COSINE, PENALTY_COSINE, bag_mean, check_common, intersection_mask,
                                        lookup_words, resolve_cosine_config, row_cosines, set_cosine_version,
                                        rows_by_frequency, unit_rows64, warn_unordered_restrict)
from wordeval.intrinsic.unicode_forms import (UNICODE_OPTION, as_looked_up, check_unicode_option, found_in_other_form,
                                              merged_keys_extra, normalised, warn_other_form)
from wordeval.intrinsic.undefined_scores import correlation_warnings, log_warnings, with_warnings
from wordeval.stats.item_scores import correlation

DEFAULT_CONFIG: dict[str, Any] = {
    "oov": "skip",
    "case": "exact-then-lower",
    "restrict_vocab": None,  # words beyond the first N rows count as OOV (gensim's default is 300000)
    "n_boot": 1000,
    "ci_level": 0.95,
    "frequency_bins": [10000, 50000],  # bin edges on the rarer word's row (frequency rank)
    # Multiword items ("new_york", "ice cream"): "whole" looks the term up as written, as one token (word2vec
    # phrase vocabularies: "ice cream" is not turned into their "ice_cream"), "skip" counts it as not covered,
    # "average" uses the mean of its parts' vectors (covered only when every part is).
    "phrases": "whole",
    "phrase_separator": "_ ",  # characters that separate the parts of a multiword term
}
PHRASES = ("whole", "skip", "average")
CI_METHOD = "percentile bootstrap over pairs"
# the values a --set shared with other families can take here (``cli.common.settings_for``)
VALUE_DOMAINS = {"oov": ("skip", "penalize")}
OPTIONAL_CONFIG = {**DERIVED_COSINE, **UNICODE_OPTION}  # cosine_version (policies.COSINE_VERSION), unicode
DERIVED_CONFIG = tuple(DERIVED_COSINE)


def resolve_config(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """DEFAULT_CONFIG overlaid by ``config`` (a validated config too), checked."""
    return resolve_cosine_config(DEFAULT_CONFIG, config, "similarity", validate_config)


def validate_config(cfg: dict[str, Any]) -> dict[str, Any]:
    cfg = check_unicode_option(set_cosine_version(check_common(dict(cfg))))
    if cfg["phrases"] not in PHRASES:
        raise ConfigError(f"phrases must be one of {', '.join(PHRASES)}, got {cfg['phrases']!r}")
    if not isinstance(cfg["phrase_separator"], str) or not cfg["phrase_separator"]:
        raise ConfigError(f"phrase_separator must be a non-empty string, got {cfg['phrase_separator']!r}")
    bins = cfg["frequency_bins"]
    if not isinstance(bins, (list, tuple)) or any(isinstance(b, bool) or not isinstance(b, int) or b <= 0
                                                  for b in bins):
        raise ConfigError(f"frequency_bins must be a list of positive integers, got {bins!r}")
    cfg["frequency_bins"] = sorted(bins)
    return cfg


def unavailable_reason(embedding, config: Mapping[str, Any] | None = None) -> str | None:
    """Why ``embedding`` cannot be scored under ``config`` (restrict_vocab on an encoder), or None: a group
    scored together (intersection) skips it alone instead of the whole group."""
    from wordeval.intrinsic.policies import no_rows_to_restrict

    limit = (config or {}).get("restrict_vocab")
    return no_rows_to_restrict(embedding, limit) if limit is not None and not hasattr(embedding, "rows") else None


def spearman(gold, pred) -> float:
    """scipy.stats.spearmanr (Pearson of average ranks); NaN for a constant side or fewer than 2 pairs."""
    return correlation("spearman", gold, pred)


def pearson(gold, pred) -> float:
    return correlation("pearson", gold, pred)


def spearman_bootstrap(gold, pred, *, n_boot: int = 1000, seed: int = 0, chunk: int = 200) -> np.ndarray:
    """Spearman over ``n_boot`` resamples of the pairs, vectorised (rank each resample row, then Pearson).

    Draws the same index matrices as ``wordeval.stats.bootstrap.bootstrap_distribution`` with the same seed,
    so it equals ``bootstrap_distribution(spearman, gold, pred)`` — only faster.
    """
    return correlation_bootstraps(gold, pred, n_boot=n_boot, seed=seed, chunk=chunk)["spearman"]


def correlation_bootstraps(gold, pred, *, n_boot: int = 1000, seed: int = 0, chunk: int = 200
                           ) -> dict[str, np.ndarray]:
    """Spearman and Pearson over the same ``n_boot`` resamples of the pairs (those of ``spearman_bootstrap``):
    a task whose main score is Pearson gets its CI too (it had none: '[nan, nan]' over 3,000 pairs)."""
    from scipy.stats import rankdata

    from wordeval.stats.bootstrap import index_draws
    from wordeval.stats.item_scores import rowwise_pearson

    g = np.asarray(gold, dtype=np.float64)
    p = np.asarray(pred, dtype=np.float64)
    n = g.size
    if n == 0:
        return {"spearman": np.full(n_boot, np.nan), "pearson": np.full(n_boot, np.nan)}
    rng = np.random.default_rng(seed)
    out: dict[str, list[np.ndarray]] = {"spearman": [], "pearson": []}
    for idx in index_draws(n, n_boot, rng, chunk):
        out["spearman"].append(rowwise_pearson(rankdata(g[idx], axis=1), rankdata(p[idx], axis=1)))
        out["pearson"].append(rowwise_pearson(g[idx], p[idx]))
    return {k: np.concatenate(v) for k, v in out.items()}


def _split_phrase(term: str, separators: str) -> list[str]:
    import re
    return [p for p in re.split("[" + re.escape(separators) + "]+", term) if p]


def check_finite_vectors(embedding, vectors: np.ndarray, items: Sequence[str], *, via: str,
                         mask: np.ndarray | None = None) -> None:
    """Refuse a NaN or infinite vector that a representation returned (for the rows in ``mask``).

    A static embedding refuses them when it is built; an encoder or a ``lookup`` object gives its vectors only
    here. Left in, a NaN row becomes a zero unit vector (cosine 0, counted as covered) or a sentence "without a
    vector": a wrong score instead of an error. The message names the representation and the first item.
    """
    bad = ~np.isfinite(vectors).all(axis=1)
    if mask is not None:
        bad &= mask
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        item = items[i] if len(items[i]) <= 80 else items[i][:77] + "..."
        raise ConfigError(f"{embedding.info.name}: {via} returned a non-finite vector (NaN or inf; or a value "
                          f"beyond float32's range) for {item!r}, the first of {int(bad.sum())} of the "
                          f"{len(items)} asked for; vectors must be finite")


def term_vectors(embedding, terms: Sequence[str], *, case: str, restrict_vocab: int | None, phrases: str,
                 separators: str) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """``(vectors, found, rows)`` for terms that may be multiword (see DEFAULT_CONFIG["phrases"]).
    ``rows`` is the row of a single-token term, the rarest part's row of an averaged phrase, -1 if not found.
    A non-finite vector for a found term is a ConfigError (:func:`check_finite_vectors`)."""
    terms = as_looked_up(embedding, terms)  # split as normalised: NFKC makes an ideographic space a space
    vecs, found, rows = lookup_words(embedding, terms, case=case, restrict_vocab=restrict_vocab)
    check_finite_vectors(embedding, vecs, terms, via="lookup", mask=found)
    if phrases == "whole":
        return vecs, found, rows
    multi = [i for i, t in enumerate(terms) if len(_split_phrase(t, separators)) > 1]
    if not multi:
        return vecs, found, rows
    found = found.copy()
    rows = rows.copy() if rows is not None else None
    if phrases == "skip":
        found[multi] = False
        vecs[multi] = 0.0
        if rows is not None:
            rows[multi] = -1
        return vecs, found, rows
    parts = [_split_phrase(terms[i], separators) for i in multi]
    flat = [w for ps in parts for w in ps]
    pv, pf, pr = lookup_words(embedding, flat, case=case, restrict_vocab=restrict_vocab)
    check_finite_vectors(embedding, pv, flat, via="lookup", mask=pf)
    pos = 0
    for i, ps in zip(multi, parts):
        ok = pf[pos:pos + len(ps)]
        found[i] = bool(ok.all())
        vecs[i] = bag_mean(pv[pos:pos + len(ps)]) if found[i] else 0.0  # in one order (COSINE_VERSION)
        if rows is not None:
            rows[i] = int(pr[pos:pos + len(ps)].max()) if found[i] else -1
        pos += len(ps)
    return vecs, found, rows


def pair_cosines(pairs: Sequence, embedding, *, case: str = "exact-then-lower",
                 restrict_vocab: int | None = None, phrases: str = "whole",
                 phrase_separator: str = "_ ") -> dict[str, np.ndarray | None]:
    """Cosine per pair (NaN where a word is OOV), the coverage mask, and the rarer word's row (or None)."""
    opts = dict(case=case, restrict_vocab=restrict_vocab, phrases=phrases, separators=phrase_separator)
    v1, f1, r1 = term_vectors(embedding, [p.word1 for p in pairs], **opts)
    v2, f2, r2 = term_vectors(embedding, [p.word2 for p in pairs], **opts)
    found = f1 & f2
    # float64 so that equal pairs get equal cosines after any rescaling that float32 represents exactly; a word
    # pair of one vector (spaCy's keys share rows) is a tie at 1 (policies.COSINE_VERSION)
    cos = row_cosines(unit_rows64(v1), unit_rows64(v2))
    cos[~found] = np.nan
    # a pair with one OOV word has no frequency rank: -1, not its found word's row (which put penalised OOV
    # pairs into the frequent bins)
    rarer = np.where(found, np.maximum(r1, r2), -1) if r1 is not None and r2 is not None else None
    return {"cosine": cos, "found": found, "rarer_row": rarer, "found_terms": (f1, f2)}


def frequency_bin_scores(gold, pred, rarer_row, edges: Sequence[int]) -> list[dict[str, Any]]:
    """Spearman within bins of the rarer word's frequency rank (row index of a frequency-ordered vocabulary).
    A bin whose Spearman is not defined (no pair, one pair, a constant side) has ``spearman`` None and a
    ``note`` saying why: it was NaN, shown as a number in the Python record and None in the stored one."""
    bounds = [0, *edges, None]
    out = []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        m = (rarer_row >= lo) & ((rarer_row < hi) if hi is not None else True)
        n = int(m.sum())
        value = spearman(gold[m], pred[m])
        entry: dict[str, Any] = {"rows": [lo, hi], "n": n,
                                 "spearman": value if math.isfinite(value) else None}
        if entry["spearman"] is None:
            entry["note"] = ("no items" if n == 0 else "one item: no correlation" if n == 1
                             else "constant gold or predicted scores: no correlation")
        out.append(entry)
    return out


def score_pairs(pairs: Sequence, embedding, *, config: Mapping[str, Any] | None = None, seed: int = 0,
                keep: np.ndarray | None = None) -> dict[str, Any]:
    """The scoring core (no dataset, no record): scores, CI, per-item columns, coverage, frequency bins.

    ``keep`` restricts scoring to a subset of items (the ``intersection`` policy); ids stay dataset indices.
    """
    cfg = resolve_config(config)
    embedding = normalised(embedding, cfg.get("unicode"))
    order_warning = warn_unordered_restrict(embedding, cfg["restrict_vocab"])
    res = pair_cosines(pairs, embedding, case=cfg["case"], restrict_vocab=cfg["restrict_vocab"],
                       phrases=cfg["phrases"], phrase_separator=cfg["phrase_separator"])
    gold_all = np.array([p.score for p in pairs], dtype=np.float64)
    found = res["found"]
    if cfg["oov"] == "penalize":
        used = np.ones(len(pairs), dtype=bool)
        pred_all = np.where(found, res["cosine"], PENALTY_COSINE)
    else:
        used = found if keep is None else (found & keep)
        pred_all = res["cosine"]
    ids = np.flatnonzero(used)
    gold, pred = gold_all[used], pred_all[used]
    scores = {"spearman": spearman(gold, pred), "pearson": pearson(gold, pred),
              "coverage": float(found.mean()) if len(pairs) else float("nan")}
    dists = correlation_bootstraps(gold, pred, n_boot=int(cfg["n_boot"]), seed=seed)
    from wordeval.stats.bootstrap import percentile_ci
    ci = {name: list(percentile_ci(d, level=float(cfg["ci_level"]), n_items=len(gold))) for name, d in dists.items()}
    oov_terms = _oov_terms(pairs, *res["found_terms"])
    # the interval's method, beside its n (n_used), n_boot, ci_level and seed: a record said which of those it
    # used, not how the interval was made (QVEC's records say "basic bootstrap over words"). None where no
    # interval came out (fewer than 10 pairs): a method beside [null, null] read as one computed and undefined
    made = any(all(math.isfinite(x) for x in c) for c in ci.values())
    extra: dict[str, Any] = {"n_covered": int(found.sum()), "n_oov_pairs": int((~found).sum()),
                             "oov_words": oov_terms[:200], "ci_method": CI_METHOD if made else None,
                             **merged_keys_extra(embedding)}
    other_form = found_in_other_form(oov_terms, lambda words: term_vectors(
        embedding, words, case=cfg["case"], restrict_vocab=cfg["restrict_vocab"], phrases=cfg["phrases"],
        separators=cfg["phrase_separator"])[1], embedding, case=cfg["case"])
    if other_form:
        extra["oov_in_other_unicode_form"] = other_form[:200]
        warn_other_form(other_form, embedding)
    # a correlation without a value says why in the record (one pair, a constant side): it held a bare NaN
    with_warnings(extra, correlation_warnings(scores, ("spearman", "pearson"), gold, pred, "pair"))
    with_warnings(extra, [order_warning] if order_warning else [])  # compare and report list it in notes
    if res["rarer_row"] is not None and rows_by_frequency(embedding):
        rarer = res["rarer_row"][used]
        # penalised OOV pairs have no row; they sit in the rarest bin
        rarer = np.where(rarer < 0, np.iinfo(np.int64).max, rarer)
        extra["frequency_bins"] = frequency_bin_scores(gold, pred, rarer, cfg["frequency_bins"])
    return {"config": cfg, "scores": scores, "ci": ci, "n_total": len(pairs), "n_used": int(used.sum()),
            "per_item": {"id": ids.tolist(), "gold": gold.tolist(), "pred": pred.tolist()},
            "found": found, "cosine": res["cosine"], "extra": extra, "order_warning": order_warning}


def _oov_terms(pairs: Sequence, found1: np.ndarray, found2: np.ndarray) -> list[str]:
    """The terms not found, sorted. Before, every word of a pair with an OOV word was listed: 'tiger' as OOV
    beside the missing 'jaguar'."""
    missing = {p.word1 for p, f in zip(pairs, found1) if not f} | {p.word2 for p, f in zip(pairs, found2) if not f}
    return sorted(missing)


def main_score_from_items(columns: Mapping[str, np.ndarray]) -> float:
    return spearman(columns["gold"], columns["pred"])


def score(task, embedding, dataset, *, config: Mapping, seed: int = 0, progress: bool = False,
          predictions=None):
    """One record for ``embedding`` on ``dataset`` (the ``intersection`` policy needs several embeddings:
    ``score_intersection``)."""
    if config["oov"] == "intersection":
        raise ConfigError("OOV policy 'intersection' compares several embeddings: score them together "
                          "(wordeval.run(..., intersection=True), the command line's wordeval run "
                          "--intersection, or similarity.score_intersection)")
    items = list(dataset.items(task.split if task.split in dataset.splits else None))
    res = score_pairs(items, embedding, config=config, seed=seed)
    if predictions is not None:
        _write_predictions(predictions, task, embedding, items, res)
    return _record(task, embedding, dataset, res, seed)


def _write_predictions(folder, task, embedding, items, res) -> None:
    from wordeval.results.predictions import write_table

    # "cosine" is the pair's cosine, empty where a word is OOV; "scored" the value the correlation read (under
    # oov = penalize the -1 of an OOV pair, written before as its cosine and so read as a real one; under
    # --intersection empty for a pair another representation misses, whose cosine was left out too)
    scored = dict(zip(res["per_item"]["id"], res["per_item"]["pred"]))
    rows = [(i, p.word1, p.word2, p.score, float(res["cosine"][i]) if res["found"][i] else "",
             int(res["found"][i]), scored.get(i, "")) for i, p in enumerate(items)]
    header = ("id", "word1", "word2", "gold", "cosine", "covered", "scored")
    write_table(folder, task, embedding, "tsv", header, rows)


def _record(task, embedding, dataset, res, seed, **config_extra):
    from wordeval.results.build import make_record

    log_warnings(task, embedding, res["extra"].get("warnings") or [], shown=[res.get("order_warning")])
    return make_record(task, embedding, dataset, config={**res["config"], **config_extra}, scores=res["scores"],
                       n_total=res["n_total"], n_used=res["n_used"], seed=seed, ci=res["ci"],
                       per_item=res["per_item"], extra=res["extra"])


def score_intersection(task, embeddings: Sequence, dataset, *, config: Mapping, seed: int = 0,
                       predictions=None) -> list:
    """One record per embedding, all scored on the pairs every embedding covers (same ids, same n_used; each
    one's cosines written into the folder ``predictions``, when given)."""
    cfg = resolve_config({**config, "oov": "intersection"})
    items = list(dataset.items(task.split if task.split in dataset.splits else None))
    opts = dict(case=cfg["case"], restrict_vocab=cfg["restrict_vocab"], phrases=cfg["phrases"],
                phrase_separator=cfg["phrase_separator"])
    others = [e.info.name for e in embeddings]
    keep = intersection_mask([pair_cosines(items, normalised(e, cfg.get("unicode")), **opts)["found"]
                              for e in embeddings], others, task.name)
    out = []
    for e in embeddings:
        res = score_pairs(items, e, config=cfg, seed=seed, keep=keep)
        if predictions is not None:
            _write_predictions(predictions, task, e, items, res)
        out.append(_record(task, e, dataset, res, seed, intersection_with=others))
    return out
