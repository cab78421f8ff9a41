"""Sentence similarity (STS12, STS14): cosine of sentence vectors against gold scores.

The aggregations are reported and named: ``spearman_pooled`` (one Spearman over all pairs of all subsets —
the main score, what MTEB reports) and ``spearman_mean_subsets`` (the unweighted mean of the per-subset
Spearmans). Per subset, ``extra.per_subset[<subset>]`` holds n, Spearman and Pearson, and ``extra.senteval_all``
the four figures SentEval reports as "all": the mean and the n-weighted mean ("wmean") of the per-subset
Pearsons and Spearmans.
Sentence encoders (``encode_sentences``) are used as they are; a word-level embedding gets the explicit
``mean-of-word-vectors`` baseline over a recorded tokenisation and case policy.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.errors import ConfigError, NotApplicableError
from wordeval.intrinsic.policies import (DERIVED_COSINE, bag_mean, check_common, intersection_mask, lookup_words,
                                        resolve_cosine_config, row_cosines, set_cosine_version, unit_rows64)
from wordeval.intrinsic.similarity import check_finite_vectors, correlation_bootstraps, pearson, spearman
from wordeval.intrinsic.undefined_scores import (correlation_warnings, log_warnings, undefined_note,
                                                 why_no_correlation)
from wordeval.intrinsic.unicode_forms import (UNICODE_OPTION, as_looked_up, check_unicode_option, found_in_other_form,
                                              merged_keys_extra, normalised, warn_other_form)
from wordeval.tokenize import TOKEN_PATTERN, TOKENIZER_VERSION, tokenize

CI_METHOD = "percentile bootstrap over sentence pairs"

DEFAULT_CONFIG: dict[str, Any] = {
    "pooling": "mean",  # encode_sentences pooling for sentence encoders ("mean" or "cls")
    "case": "exact-then-lower",  # word-level baseline only
    "oov": "skip",  # pairs where a sentence has no vector (no known token) are skipped; "penalize": cosine -1
    "n_boot": 1000,
    "ci_level": 0.95,
}
# the values a --set shared with other families can take here (``cli.common.settings_for``)
VALUE_DOMAINS = {"oov": ("skip", "penalize"), "pooling": ("mean", "cls")}

OPTIONAL_CONFIG = {**DERIVED_COSINE, **UNICODE_OPTION}  # cosine_version (policies.COSINE_VERSION), unicode
DERIVED_CONFIG = tuple(DERIVED_COSINE)


def resolve_config(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """DEFAULT_CONFIG overlaid by ``config`` (a validated config too), checked."""
    return resolve_cosine_config(DEFAULT_CONFIG, config, "sts", validate_config)


def validate_config(cfg: dict[str, Any]) -> dict[str, Any]:
    cfg = check_unicode_option(check_common(dict(cfg)))
    set_cosine_version(cfg)
    if cfg["oov"] == "intersection":
        raise ConfigError("OOV policy 'intersection' compares several embeddings: score them together "
                          "(wordeval.run(..., intersection=True), the command line's wordeval run "
                          "--intersection, or sts.score_intersection)")
    if cfg["pooling"] not in ("mean", "cls"):
        raise ConfigError(f"pooling must be 'mean' or 'cls', got {cfg['pooling']!r}")
    return cfg


def sentence_vectors(embedding, texts: Sequence[str], cfg: Mapping[str, Any]) -> tuple[np.ndarray, str]:
    """One vector per text, and the name of how it was made (recorded in the result). A non-finite vector from
    the encoder or a word lookup is a ConfigError (``similarity.check_finite_vectors``), not "no vector"."""
    vecs, how, _ = _vectors_and_tokens(embedding, texts, cfg)
    return vecs, how


def _vectors_and_tokens(embedding, texts: Sequence[str], cfg: Mapping[str, Any]):
    """``sentence_vectors`` and, for averaged word vectors, each text's (tokens, tokens with a vector): the
    words without one are dropped from the average, and the record counts them (None for an encoder)."""
    if hasattr(embedding, "encode_sentences"):
        if cfg["case"] != DEFAULT_CONFIG["case"]:  # it was taken, recorded, and read by nothing
            from wordeval.option_effects import say_note
            say_note(f"wordeval: note: case={cfg['case']!r} has no effect on {embedding.info.name}: a sentence "
                     f"encoder reads each text as written (case is the word lookup of the word-vector average)")
        from wordeval.embeddings.encoder_output import sentence_matrix, takes_pooling
        if takes_pooling(embedding):
            out = embedding.encode_sentences(list(texts), pooling=cfg["pooling"])
            return sentence_matrix(embedding, out, texts), f"encode_sentences(pooling={cfg['pooling']})", None
        if cfg["pooling"] != DEFAULT_CONFIG["pooling"]:  # asked for, and this encoder cannot be asked
            raise NotApplicableError(f"pooling={cfg['pooling']!r}: {embedding.info.name}'s encode_sentences "
                                     f"takes no pooling keyword, so it pools its own way")
        vecs = sentence_matrix(embedding, embedding.encode_sentences(list(texts)), texts)
        return vecs, "encode_sentences (its own pooling: it takes no pooling keyword)", None
    if not hasattr(embedding, "lookup"):  # e.g. a Brown clustering: skipped with the reason
        raise NotApplicableError(f"{embedding.info.name} can neither encode sentences nor look up words")
    if cfg["pooling"] != "mean":  # it was ignored here, and the record said pooling=cls over averaged words
        raise NotApplicableError(f"pooling={cfg['pooling']!r} pools a sentence encoder's token states; "
                                f"{embedding.info.name} has word vectors, which STS averages (pooling 'mean')")
    tokens = [tokenize(t) for t in as_looked_up(embedding, texts)]  # the tokens of the text as normalised
    flat = [w for ts in tokens for w in ts]
    vecs, found, _ = lookup_words(embedding, flat, case=cfg["case"])
    check_finite_vectors(embedding, vecs, flat, via="lookup", mask=found)
    out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float64)
    known = np.zeros(len(texts), dtype=np.int64)
    pos = 0
    for i, ts in enumerate(tokens):
        f = found[pos:pos + len(ts)]
        known[i] = int(f.sum())
        if f.any():
            out[i] = bag_mean(vecs[pos:pos + len(ts)][f])
        pos += len(ts)
    # the distinct tokens without a vector that another Unicode form finds (the third of ``counts``)
    other_form = found_in_other_form(sorted({w for w, f in zip(flat, found) if not f}),
                                     lambda words: lookup_words(embedding, words, case=cfg["case"])[1],
                                     embedding, case=cfg["case"])
    warn_other_form(other_form, embedding)
    counts = (np.array([len(ts) for ts in tokens], dtype=np.int64), known, other_form)
    # the version too: the pattern alone stayed the same when the rules around it (marks, joiners) changed
    return out, f"mean-of-word-vectors(tokenizer={TOKENIZER_VERSION}, tokens={TOKEN_PATTERN!r})", counts


def pair_cosines(pairs: Sequence, embedding, cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Cosine of each pair's sentence vectors, whether both sentences have one (``found``), the distinct
    texts and how their vectors were made."""
    texts = list(dict.fromkeys([p.sentence1 for p in pairs] + [p.sentence2 for p in pairs]))
    embedding = normalised(embedding, cfg.get("unicode"))
    vecs, how, counts = _vectors_and_tokens(embedding, texts, cfg)
    where = {t: i for i, t in enumerate(texts)}
    i1 = np.array([where[p.sentence1] for p in pairs], dtype=np.int64)
    i2 = np.array([where[p.sentence2] for p in pairs], dtype=np.int64)
    # averaged word vectors: a sentence has a vector when it has a word in the vocabulary. A zero norm said
    # "no vector" for a sentence of words whose rows are all zeros (a padding row), which are covered words
    # of cosine 0 (README, OOV): the pair was skipped while extra.oov counted no empty side
    has = np.linalg.norm(vecs, axis=1) > 0 if counts is None else counts[1] > 0
    u = unit_rows64(vecs)
    # identical sentences (and bags of words) are ties at 1, as the gold ranks them (policies.COSINE_VERSION)
    cos = row_cosines(u[i1], u[i2])
    return {"cos": cos, "found": has[i1] & has[i2], "texts": texts, "how": how,
            "oov": None if counts is None else token_oov(counts, i1, i2),
            "oov_in_other_unicode_form": [] if counts is None else counts[2], **merged_keys_extra(embedding)}


def token_oov(counts: tuple[np.ndarray, np.ndarray], i1: np.ndarray, i2: np.ndarray) -> dict[str, Any]:
    """What averaging word vectors dropped, counted over the pairs' sentences as the set has them (a sentence
    in two pairs counts twice): tokens without a vector, pairs that lost at least one word, and pairs with a
    side left with no word at all (no sentence vector: skipped, or -1 under ``penalize``)."""
    n_tok, known = counts[:2]
    tokens = int(n_tok[i1].sum() + n_tok[i2].sum())
    oov_tokens = tokens - int(known[i1].sum() + known[i2].sum())
    dropped = (known[i1] < n_tok[i1]) | (known[i2] < n_tok[i2])
    empty = (known[i1] == 0) | (known[i2] == 0)
    n = len(i1)
    return {"tokens": tokens, "oov_tokens": oov_tokens,
            "token_rate": oov_tokens / tokens if tokens else float("nan"), "pairs": n,
            "pairs_with_dropped_words": int(dropped.sum()), "pairs_with_empty_side": int(empty.sum()),
            "pair_rate_dropped": float(dropped.mean()) if n else float("nan")}


def score_sentence_pairs(pairs: Sequence, embedding, *, config: Mapping[str, Any] | None = None,
                         seed: int = 0, keep: np.ndarray | None = None,
                         cosines: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``keep``: the pairs every representation of an intersection covers (only those are scored);
    ``cosines``: this embedding's ``pair_cosines``, when already computed."""
    cfg = resolve_config(config)
    pc = cosines if cosines is not None else pair_cosines(pairs, embedding, cfg)
    found, texts, how = pc["found"], pc["texts"], pc["how"]
    other_form = pc.get("oov_in_other_unicode_form")
    cos = pc["cos"]
    if cfg["oov"] == "penalize":
        used = np.ones(len(pairs), dtype=bool)
        cos = np.where(found, cos, -1.0)
    else:
        used = found
    if keep is not None:
        used = used & keep
    gold = np.array([p.score for p in pairs], dtype=np.float64)[used]
    pred = cos[used]
    all_subsets = np.array([p.subset for p in pairs], dtype=object)
    subsets = all_subsets[used]
    # every subset of the data, one that kept no scored pair too: left out, the mean over subsets was taken
    # over the others without a word
    per_subset = {s: _subset_scores(gold[subsets == s], pred[subsets == s])
                  for s in dict.fromkeys(all_subsets.tolist())}
    senteval_all = _subset_means(per_subset)
    scores = {"spearman_pooled": spearman(gold, pred), "pearson_pooled": pearson(gold, pred),
              "spearman_mean_subsets": senteval_all["spearman"]["mean"],
              "coverage": float(found.mean()) if len(pairs) else float("nan"),
              **({"oov_rate": pc["oov"]["token_rate"]} if pc.get("oov") else {})}
    warnings = [*correlation_warnings(scores, ("spearman_pooled", "pearson_pooled"), gold, pred, "pair"),
                *_mean_subsets_warnings(scores, per_subset)]
    from wordeval.stats.bootstrap import percentile_ci
    dists = correlation_bootstraps(gold, pred, n_boot=int(cfg["n_boot"]), seed=seed)
    ci = {f"{name}_pooled": list(percentile_ci(d, level=float(cfg["ci_level"]), n_items=len(gold)))
          for name, d in dists.items()}
    # named as similarity's records name theirs (none where no interval came out: fewer than 10 pairs)
    made = any(all(np.isfinite(c)) for c in ci.values())
    return {"config": {**cfg, "sentence_vectors": how}, "scores": scores, "ci": ci, "n_total": len(pairs),
            "n_used": int(used.sum()), "extra": {**_extra(embedding, texts, per_subset, senteval_all, cfg),
                                                 **({"warnings": warnings} if warnings else {}),
                                                 "ci_method": CI_METHOD if made else None,
                                                 **({"oov": pc["oov"]} if pc.get("oov") else {}),
                                                 **({"oov_in_other_unicode_form": other_form[:200]}
                                                    if other_form else {}),
                                                 **({"unicode_merged_keys": pc["unicode_merged_keys"]}
                                                    if "unicode_merged_keys" in pc else {})},
            "per_item": {"id": np.flatnonzero(used).tolist(), "subset": subsets.tolist(), "gold": gold.tolist(),
                         "pred": pred.tolist()}}


def _subset_scores(gold: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    """A subset's n, Spearman and Pearson, and a ``note`` saying why where they are undefined (NaN)."""
    out: dict[str, Any] = {"n": int(gold.size), "spearman": spearman(gold, pred), "pearson": pearson(gold, pred)}
    why = why_no_correlation(gold, pred, "pair")
    if why:
        out["note"] = why
    return out


def _mean_subsets_warnings(scores: Mapping[str, float], per_subset: dict) -> list[str]:
    """Why spearman_mean_subsets (and SentEval's "all" figures) have no value. No mean over the other subsets is
    taken instead: it would be another quantity under the same name, and SentEval's mean (np.average of the
    subsets' correlations) is NaN where one subset's correlation is."""
    if np.isfinite(scores["spearman_mean_subsets"]):
        return []
    bad = [f"{s!r} ({v['note']})" for s, v in per_subset.items() if "note" in v]
    if not bad:
        return []
    return [undefined_note(["spearman_mean_subsets", "extra.senteval_all"],
                           f"it averages one correlation per subset, and {len(bad)} of the {len(per_subset)} "
                           f"subsets {'has' if len(bad) == 1 else 'have'} none: {'; '.join(bad)}; no mean is "
                           f"taken over the others, as SentEval's mean takes none")]


def _subset_means(per_subset: dict) -> dict[str, dict[str, float]]:
    """SentEval's results["all"]: per measure the plain mean over subsets and the mean weighted by each
    subset's number of pairs (its "wmean"). A paper's "STS12" is one of these or the pooled score, and they
    differ by several points (GloVe-50d on STS12's training release: pooled 0.669, mean 0.459)."""
    n = np.array([v["n"] for v in per_subset.values()], dtype=np.float64)
    out = {}
    for measure in ("pearson", "spearman"):
        values = np.array([v[measure] for v in per_subset.values()], dtype=np.float64)
        out[measure] = {"mean": float(values.mean()) if values.size else float("nan"),
                        "wmean": float(values @ n / n.sum()) if values.size and n.sum() else float("nan")}
    return out


def _extra(embedding, texts: Sequence[str], per_subset: dict, senteval_all: dict, cfg) -> dict[str, Any]:
    from wordeval.embeddings.cut_texts import cut_texts

    # the texts cut as the encoder read them: under ``unicode`` they were counted as written, and NFKC makes
    # some longer ('…' is '...') or shorter
    embedding = normalised(embedding, cfg.get("unicode"))
    cut = cut_texts(embedding, texts) if hasattr(embedding, "encode_sentences") else None
    return {"per_subset": per_subset, "senteval_all": senteval_all,
            **({"cut_texts": cut} if cut is not None else {})}


def score_intersection(task, embeddings: Sequence, dataset, *, config: Mapping, seed: int = 0,
                       predictions=None) -> list:
    """One record per embedding, all scored on the pairs every embedding has both sentence vectors for (same
    ids, same n_used; ``coverage`` stays each one's own). Each embedding's sentences are encoded once."""
    items = list(dataset.items(task.split if task.split in dataset.splits else None))
    cfg = resolve_config(config)
    cosines = [pair_cosines(items, e, cfg) for e in embeddings]
    others = [e.info.name for e in embeddings]
    keep = intersection_mask([c["found"] for c in cosines], others, task.name)
    return [_record(task, e, dataset, items, score_sentence_pairs(items, e, config=cfg, seed=seed, keep=keep,
                                                                  cosines=c), seed, predictions,
                    oov="intersection", intersection_with=others)
            for e, c in zip(embeddings, cosines)]


def main_score_from_items(columns: Mapping[str, np.ndarray]) -> float:
    return spearman(columns["gold"], columns["pred"])


def score(task, embedding, dataset, *, config: Mapping, seed: int = 0, progress: bool = False,
          predictions=None):
    items = list(dataset.items(task.split if task.split in dataset.splits else None))
    res = score_sentence_pairs(items, embedding, config=config, seed=seed)
    return _record(task, embedding, dataset, items, res, seed, predictions)


def _record(task, embedding, dataset, items, res, seed, predictions, **config_extra):
    from wordeval.results.build import make_record

    if predictions is not None:
        from wordeval.results.predictions import write_table
        cos = dict(zip(res["per_item"]["id"], res["per_item"]["pred"]))
        # the sentences too, as similarity writes its words: an id counts the pairs read, which are not the
        # file's lines (headers, comments, SemEval's unscored pairs), so the pair of a cosine was not to be found
        header = ("id", "subset", "sentence1", "sentence2", "gold", "cosine")
        write_table(predictions, task, embedding, "tsv", header,
                    [(i, p.subset, p.sentence1, p.sentence2, p.score, cos.get(i, "")) for i, p in enumerate(items)])
    log_warnings(task, embedding, res["extra"].get("warnings") or [])
    return make_record(task, embedding, dataset, config={**res["config"], **config_extra}, scores=res["scores"],
                       n_total=res["n_total"], n_used=res["n_used"], seed=seed, ci=res["ci"],
                       per_item=res["per_item"], extra=res["extra"])
