"""Explicit, recorded policies for the intrinsic tasks: OOV handling, case resolution, config checking.

Every policy a peer applies silently (gensim's ``restrict_vocab``, upper-casing, mean-vector imputation) is a
named choice here and is written into the result's ``config``.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.embeddings.case import check_case_policy, lookup_with_case
from wordeval.errors import ConfigError

OOV_POLICIES = ("skip", "penalize", "intersection")

# ``penalize``: a pair with an OOV word gets the lowest cosine there is. All such pairs form one tie block
# at the bottom of the predicted ranking (Spearman's average ranks handle it), so a model is punished for
# every uncovered pair instead of being scored on an easier subset.
PENALTY_COSINE = -1.0


def check_oov_policy(policy: str) -> str:
    if policy not in OOV_POLICIES:
        raise ConfigError(f"OOV policy must be one of {', '.join(OOV_POLICIES)}, got {policy!r}")
    return policy


def check_common(cfg: dict[str, Any]) -> dict[str, Any]:
    """Checks shared by the intrinsic families on an already merged config (see ``wordeval.config``)."""
    from wordeval.options import integer, number

    if "case" in cfg:
        check_case_policy(cfg["case"])
    if "oov" in cfg:
        check_oov_policy(cfg["oov"])
    from wordeval.options import MAX_ROWS

    rv = cfg.get("restrict_vocab")
    if rv is not None and (isinstance(rv, bool) or not isinstance(rv, (int, np.integer))
                           or not 0 < rv <= MAX_ROWS):
        raise ConfigError(f"restrict_vocab must be an integer from 1 to {MAX_ROWS} or None, got {rv!r}")
    if "n_boot" in cfg:
        # compare's bound: n_boot = 1e20 was taken, and the cell ran without end instead of being refused
        cfg["n_boot"] = integer(10, 1_000_000)(cfg["n_boot"], "n_boot")
    if "ci_level" in cfg:
        cfg["ci_level"] = number(0.0, 1.0, lo_open=True, hi_open=True)(cfg["ci_level"], "ci_level")
    return cfg


def resolve_rows(embedding, words: Sequence[str], case: str, limit: int | None = None) -> np.ndarray | None:
    """Row index per word under a case policy (-1 where not found), or None for open-vocabulary encoders.

    ``limit``: only rows below it exist (``restrict_vocab``). A spelling found only beyond it is a miss, so
    ``exact-then-lower`` goes on to the lowercased vocabulary: 'Jerusalem' at row 40,000 under a limit of
    30,000 resolves to 'jerusalem' at row 900, as under ``lower``, instead of being OOV."""
    check_case_policy(case)
    if not hasattr(embedding, "rows"):
        return None
    words = list(words)

    def within(rows: np.ndarray) -> np.ndarray:
        return rows if limit is None else np.where(rows < limit, rows, -1)

    if case == "exact":
        return within(embedding.rows(words))
    if case == "lower":
        return within(embedding.rows(words, lowercase=True))
    rows = within(embedding.rows(words))
    missing = np.flatnonzero(rows < 0)
    if missing.size:
        rows = rows.copy()
        rows[missing] = within(embedding.rows([words[i] for i in missing], lowercase=True))
    return rows


def lookup_words(embedding, words: Sequence[str], *, case: str,
                 restrict_vocab: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """``(vectors, found, rows)`` for ``words``. Words resolving to a row >= restrict_vocab count as OOV,
    unless the embedding composes vectors for words outside its vocabulary (fastText .bin, ``_compose_missing``).

    Vectors are a fresh array (never a view of the caller's matrix).
    """
    rows = resolve_rows(embedding, words, case, limit=restrict_vocab)
    if rows is None:
        if restrict_vocab is not None:
            from wordeval.errors import NotApplicableError
            raise NotApplicableError(no_rows_to_restrict(embedding, restrict_vocab))
        vectors, found = lookup_with_case(embedding, words, case)
        return np.array(vectors, dtype=np.float32), np.asarray(found, dtype=bool), None
    found = rows >= 0
    vectors = np.zeros((len(rows), embedding.dim), dtype=np.float32)
    vectors[found] = embedding.vectors[rows[found]]
    if hasattr(embedding, "compose") and not found.all():
        _compose_missing(embedding, words, case, vectors, found, rows)
    return vectors, found, rows


# what a user's object without rows can be given as instead, so that analogy and restrict_vocab can use it
AS_ROWS = "pass its words and vectors as a dict word -> vector or a (words, matrix) pair"


def without_rows(embedding, lacks: str, why: str) -> str:
    """Why ``embedding``, which has no rows (no ``rows`` and ``vectors``), ``lacks`` something, and ``why``
    that matters. Said of every such object, "has an open vocabulary (it encodes any word)" was wrong for one
    of the user's whose ``lookup`` reads a fixed list of 400,000 words, and it said nothing of what to pass:
    what such an object lacks is that list and its matrix, which a dict or (words, matrix) gives."""
    name = embedding.info.name
    if getattr(embedding, "open_vocabulary", False):  # wordeval's encoders: a list of words would not help
        return f"{name} has an open vocabulary (it encodes any word), so it has {lacks}: {why}"
    if not callable(getattr(embedding, "lookup", None)):
        head = f"{name} has no word vectors (no lookup(words)), so it has"
    else:
        head = (f"{name} has lookup(words) but no word list and matrix (a lookup gives only the words "
                f"asked), so it has")
    return f"{head} {lacks}: {why}; {AS_ROWS}"


def no_rows_to_restrict(embedding, restrict_vocab: int) -> str:
    """Why ``restrict_vocab`` cannot apply to a representation without rows. Its cell is skipped with this
    reason, as analogy skips such a representation: a ConfigError stopped the run there, after the other
    representations' cells, naming neither the representation nor why."""
    return without_rows(embedding, f"no first {restrict_vocab} rows",
                        "restrict_vocab limits a fixed vocabulary")


class UnorderedRowsWarning(UserWarning):
    """``restrict_vocab`` on a vocabulary whose rows are not known to be in frequency order."""


def warn_unordered_restrict(embedding, restrict_vocab: int | None) -> str | None:
    """``restrict_vocab`` keeps the first N rows, gensim's reading of "the N most frequent words". spaCy md's
    rows are in no frequency order (row 0 is '1-800-398-3128'), so its first 10,000 rows covered 16 % of
    SimLex-999 where its 20,000 cover all of it, beside GloVe's 10,000 most frequent words, and nothing said
    so. A user's file sorted alphabetically said nothing either: its first 10,000 rows covered 3 of WS-353's
    353 pairs. Warned, and returned for the record's ``extra.warnings`` (None where there is nothing to
    say)."""
    n_rows = len(getattr(embedding, "words", ()))
    if restrict_vocab is None or restrict_vocab >= n_rows:
        return None  # every row counts: the order does not matter
    if not getattr(embedding, "frequency_ordered", True):
        why = (f"whose rows are not known to be in frequency order: they need not be its {restrict_vocab:,} "
               f"most frequent words")
    else:
        from wordeval.embeddings.row_order import alphabetical_rows

        sorted_rows = alphabetical_rows(embedding.words, restrict_vocab)
        if sorted_rows is None:
            return None
        share, pairs = sorted_rows
        why = (f"whose rows are in alphabetical order ({share:.0%} of {pairs:,} pairs of neighbouring "
               f"sampled rows in order), not frequency order: they are not its {restrict_vocab:,} most "
               f"frequent words")
    import warnings

    message = (f"restrict_vocab = {restrict_vocab:,} keeps the first {restrict_vocab:,} of the {n_rows:,} "
               f"rows of {embedding.info.name}, {why}")
    warnings.warn(message, UnorderedRowsWarning, stacklevel=3)
    return message


def rows_by_frequency(embedding) -> bool:
    """Whether a row's index can be read as the word's frequency rank: not on spaCy md's rows, nor on a file
    sorted alphabetically, whose 'frequency bins' were bins of the alphabet."""
    from wordeval.embeddings.row_order import alphabetical_rows

    return bool(getattr(embedding, "frequency_ordered", False)) and alphabetical_rows(embedding.words) is None


def _compose_missing(embedding, words: Sequence[str], case: str, vectors, found, rows) -> None:
    """A fastText .bin gives every word outside its vocabulary (the first ``restrict_vocab`` rows, when
    restricted) the mean of its n-gram vectors, as fastText does and as its recorded ``oov`` parameter says;
    without this a similarity or STS score counted those words as OOV. Such a word is the rarest there is:
    its row is the vocabulary size (the last frequency bin). The word is composed as written, lowercased
    under ``lower``; vectors, found and rows are updated in place."""
    for i in np.flatnonzero(~found):
        vec = embedding.compose(words[i].lower() if case == "lower" else words[i])
        if vec is not None:
            vectors[i], found[i], rows[i] = vec, True, len(embedding.words)


class EmptyIntersectionWarning(UserWarning):
    """The representations of an ``intersection`` share no covered item: every score is undefined."""


def intersection_mask(masks: Sequence[np.ndarray], names: Sequence[str] | None = None,
                      task: str | None = None) -> np.ndarray:
    """Items covered by every embedding (the ``intersection`` OOV policy scores only these).

    An empty intersection is warned about with each representation's own coverage (``names``, in the order of
    ``masks``): its records read 0 items used, n/a, with nothing to say which representation emptied it, and
    ``compare`` said a representation covering every item covered none."""
    if not masks:
        raise ConfigError("intersection needs at least one embedding")
    out = np.ones_like(np.asarray(masks[0], dtype=bool))
    for m in masks:
        out &= np.asarray(m, dtype=bool)
    if out.size and not out.any():
        import warnings

        names = list(names) if names is not None else [f"representation {i + 1}" for i in range(len(masks))]
        own = ", ".join(f"{n} {int(np.count_nonzero(m)):,}" for n, m in zip(names, masks))
        warnings.warn(f"{task or 'intersection'}: no item is covered by every representation (items each "
                      f"one covers, of {out.size:,}: {own}), so every score on the intersection is undefined "
                      "(n/a)",
                      EmptyIntersectionWarning, stacklevel=2)
    return out


def unit_rows64(vectors: np.ndarray) -> np.ndarray:
    """Row-normalised float64 copy; zero rows stay zero. float64 so that equal pairs get equal cosines after
    any rescaling that float32 represents exactly."""
    v = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, norms, out=np.zeros_like(v), where=norms > 0)


# How similarity and STS compute cosines, derived, never chosen, in every config of those families (hence every
# request key): 2 gives two identical unit vectors cosine 1 exactly and keeps every cosine within [-1, 1] (STS
# also averages a sentence's words in float64, in one order of the bag). Before, rounding spread pairs whose
# cosine is 1 over 1 +- a few ulp: spaCy md's keys share rows, and 210 MEN pairs of one row each were ranked
# by that noise instead of as ties (Spearman 0.34314 where the ties give 0.34258), so a store does not serve
# what was computed so.
COSINE_VERSION = 2
DERIVED_COSINE = {"cosine_version": (COSINE_VERSION,)}  # a family's OPTIONAL_CONFIG (``Task._optional``),
# and its DERIVED_CONFIG: recorded, never an option to set (``Task.known_options``)


def resolve_cosine_config(defaults: Mapping[str, Any], config: Mapping[str, Any] | None, owner: str,
                          validate) -> dict[str, Any]:
    """``defaults`` overlaid by ``config`` and validated; ``config`` may be a validated one, which carries the
    derived ``cosine_version`` (and ``unicode`` where it was set)."""
    from wordeval.config import merge_config

    from wordeval.intrinsic.unicode_forms import UNICODE_OPTION

    config = dict(config or {})
    optional = {k: config.pop(k) for k in (*DERIVED_COSINE, *UNICODE_OPTION) if k in config}
    return validate({**merge_config(defaults, config, owner=owner), **optional})


def set_cosine_version(cfg: dict[str, Any]) -> dict[str, Any]:
    if cfg.get("cosine_version", COSINE_VERSION) != COSINE_VERSION:
        raise ConfigError(f"cosine_version is derived ({COSINE_VERSION}: how this wordeval computes cosines), not "
                          f"an option; got {cfg['cosine_version']!r}")
    cfg["cosine_version"] = COSINE_VERSION
    return cfg


def bag_mean(rows: np.ndarray) -> np.ndarray:
    """The float64 mean of a sentence's word rows, summed in one order of the bag (by the rows' bytes, so
    equal rows are interchangeable): in the sentence's own order, the same words in another order gave
    vectors that differ in their last bits ('a man bites a dog' / 'a dog bites a man': cosine 0.99999997).
    A similarity phrase's parts are averaged so too ('ice cream' / 'cream ice')."""
    order = sorted(range(len(rows)), key=lambda j: rows[j].tobytes())
    return np.asarray(rows, dtype=np.float64)[order].sum(axis=0) / len(rows)


def row_cosines(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Cosines of paired unit rows (``unit_rows64``): 1 exactly where the two are identical (a vector's cosine
    with itself, whatever the rounding of u @ u makes of it: 1.0000000000000004), within [-1, 1] everywhere.
    A zero row keeps cosine 0, with itself too."""
    cos = np.einsum("ij,ij->i", u1, u2)
    cos[(u1 == u2).all(axis=1) & (u1 != 0).any(axis=1)] = 1.0
    return np.clip(cos, -1.0, 1.0, out=cos)
