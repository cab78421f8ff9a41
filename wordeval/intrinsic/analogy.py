"""Word analogy: a is to b as c is to ?, by 3CosAdd, 3CosMul or PairDirection over a candidate set.

Every knob that moves the score is explicit and recorded: the method (ε for 3CosMul), honest mode (query
words may be answers), ``restrict_vocab`` (candidates = the first N rows) separately from the question filter
(``candidates``: a question counts only if all its words are candidates — gensim's behaviour; ``vocabulary``:
if they are anywhere in the vocabulary), the case policy, and what happens to uncovered questions.
Accuracy is reported on covered questions and on all questions, with coverage, per section and
semantic/syntactic. With ``case="lower"``, ``restrict_vocab=30000`` and the defaults otherwise, answers are
per question those of gensim's ``evaluate_word_analogies(restrict_vocab=30000)``, but where gensim's 5 best
candidates are all case variants of query words, which gensim counts wrong, and where upper- and lower-casing
disagree: gensim looks words up, excludes query variants and checks answers upper-cased, so it finds 'STRASSE'
as 'straße', skips 'straße' for a query 'strasse' and accepts it for the answer 'strasse', none of which
``str.lower`` does, and misses 'İstanbul' as 'i̇stanbul' (i + U+0307), which ``str.lower`` finds.
"""
from __future__ import annotations

import itertools
import threading
from collections import OrderedDict, defaultdict
from operator import attrgetter
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.errors import ConfigError
from wordeval.intrinsic.analogy_kernels import METHODS, solve_batched
from wordeval.intrinsic.per_embedding import per_embedding
from wordeval.config import merge_config
from wordeval.intrinsic.policies import (check_common, intersection_mask, resolve_rows,
                                        warn_unordered_restrict, without_rows)
from wordeval.intrinsic.undefined_scores import log_warnings, undefined_note, with_warnings
from wordeval.datasets.analogy_tags import warn_tagged_oov
from wordeval.intrinsic.unicode_forms import (UNICODE_OPTION, as_looked_up, check_unicode_option, found_in_other_form,
                                              merged_keys_extra, normalised, warn_other_form)
from wordeval.options import boolean, number

DEFAULT_CONFIG: dict[str, Any] = {
    "method": "3cosadd",
    "epsilon": 1e-3,  # 3CosMul only (Levy & Goldberg 2014)
    "honest": False,  # True: a, b, c stay candidates
    "restrict_vocab": None,  # candidates = first N rows (None: the whole vocabulary)
    "question_filter": "candidates",  # or "vocabulary"
    "case": "exact-then-lower",
    "oov": "skip",  # "penalize": uncovered questions count as wrong in per_item and the main score
    "backend": "auto",  # "numba", "numpy", "torch-cpu", "torch-cuda"
    # "own": each embedding's own vocabulary (first restrict_vocab rows) is its candidate set; "common": the
    # words every compared embedding has (scored together, wordeval run --common-vocab), so a 50k-word
    # vocabulary is not compared with a 400k-word one on different candidate sets
    "candidates": "own",
    "chunk_rows": 8192,
    "n_boot": 1000,
}
# options that act only under another's value (``wordeval.option_effects``: a note when given otherwise)
APPLIES_ONLY_WITH = {"epsilon": ("method", ("3cosmul",))}
QUESTION_FILTERS = ("candidates", "vocabulary")
# the values a --set shared with other families can take here (``cli.common.settings_for``)
VALUE_DOMAINS = {"oov": ("skip", "penalize")}
BACKENDS = ("auto", "numba", "numpy", "torch-cpu", "torch-cuda")
# In the config (and request key) of records scored under --intersection only: before it their coverage
# described the intersection, and a store holding such a record must not serve it as one of own coverage.
# Records of other runs keep their keys.
INTERSECTION_SETTING = {"coverage_of": "own"}


OPTIONAL_CONFIG = UNICODE_OPTION  # recorded only when set (``Task._optional``)


def validate_config(cfg: dict) -> dict:
    return _check(check_unicode_option(check_common(dict(cfg))))


def _resolved(config: Mapping[str, Any] | None, **over: Any) -> dict:
    """DEFAULT_CONFIG overlaid by ``config`` (a validated one too, which may carry ``unicode``) and ``over``."""
    config = {**(config or {}), **over}
    optional = {k: config.pop(k) for k in OPTIONAL_CONFIG if k in config}
    return validate_config({**merge_config(DEFAULT_CONFIG, config, owner="analogy"), **optional})


def _check(cfg: dict) -> dict:
    if cfg["method"] not in METHODS:
        raise ConfigError(f"analogy method must be one of {', '.join(METHODS)}, got {cfg['method']!r}")
    if cfg["question_filter"] not in QUESTION_FILTERS:
        raise ConfigError(f"question_filter must be one of {', '.join(QUESTION_FILTERS)}, "
                          f"got {cfg['question_filter']!r}")
    if cfg["candidates"] not in ("own", "common"):
        raise ConfigError(f"candidates must be 'own' or 'common', got {cfg['candidates']!r}")
    if cfg["backend"] not in BACKENDS:
        raise ConfigError(f"backend must be one of {', '.join(BACKENDS)}, got {cfg['backend']!r}")
    if not isinstance(cfg["chunk_rows"], int) or cfg["chunk_rows"] <= 0:
        raise ConfigError(f"chunk_rows must be a positive integer, got {cfg['chunk_rows']!r}")
    # given as text (--set, a spec's [config]) they are read, not taken for truthy: a bare --set honest=False is
    # the string 'False', which turned honest mode on
    cfg["honest"] = boolean(cfg["honest"], "honest")
    cfg["epsilon"] = number(0, lo_open=True)(cfg["epsilon"], "epsilon")
    return cfg


def unavailable_reason(embedding, config: Mapping[str, Any] | None = None) -> str | None:
    """Why ``embedding`` cannot answer analogies (no vectors, or no fixed vocabulary to search), or None."""
    if hasattr(embedding, "rows") and hasattr(embedding, "vectors"):
        return None
    if hasattr(embedding, "cluster_paths"):  # a Brown clustering: bit strings, no vectors
        return f"{embedding.info.name} has no word vectors: analogy needs vector arithmetic"
    return without_rows(embedding, "no candidate words", "analogy searches the rows of a fixed vocabulary")


def prepare_questions(questions: Sequence, embedding, cfg: Mapping[str, Any], *,
                      tags_kept: bool = False) -> dict[str, Any]:
    """Resolve rows, coverage and the excluded candidates of each question (no scoring). ``tags_kept``: the
    spec chose ``pos_suffix = "keep"``, so tagged OOV words are not a hint to strip them."""
    reason = unavailable_reason(embedding)
    if reason is not None:
        # skipped with the reason, not an error: a run comparing several representations scores the others
        from wordeval.errors import NotApplicableError
        raise NotApplicableError(reason)
    order_warning = warn_unordered_restrict(embedding, cfg["restrict_vocab"])
    n_vocab = len(embedding.words)
    n_cand = min(cfg["restrict_vocab"] or n_vocab, n_vocab)
    limit = n_cand if cfg["question_filter"] == "candidates" else n_vocab
    case = cfg["case"]

    # Every word of every question resolved once per distinct spelling (BATS: 98,000 questions, ~4,000
    # spellings), so the per-question work is integer indexing.
    n = len(questions)
    distinct, codes, answer_of = encode_questions(questions)
    distinct = as_looked_up(embedding, distinct)  # case variants and spelled answers compare the folded words
    resolved = resolve_rows(embedding, distinct, case, limit=limit)
    rows = resolved[codes]
    ra, rb, rc = rows[:n], rows[n:2 * n], rows[2 * n:3 * n]
    answers = {"question": answer_of, "row": rows[3 * n:], "code": codes[3 * n:], "spellings": distinct}
    ans_found = np.bincount(answers["question"][answers["row"] >= 0], minlength=n) > 0
    covered = (ra >= 0) & (rb >= 0) & (rc >= 0) & ans_found
    # a question with several answers (BATS's x/y) is covered when any of them is found; vecto's script asks
    # for the first. Both are kept, so the record can say how many covered questions that convention moves.
    first_at = np.unique(answer_of, return_index=True)[1]
    several = bool(len(answer_of) > n)
    first_found = np.zeros(n, dtype=bool)
    first_found[answer_of[first_at]] = rows[3 * n:][first_at] >= 0
    # the words that left questions out: a missing a, b or c, or every answer of a question missing
    blocking = np.concatenate([codes[:3 * n], codes[3 * n:][~ans_found[answer_of]]])
    oov = sorted({distinct[i] for i in np.unique(blocking) if resolved[i] < 0})
    other_form = found_in_other_form(oov, lambda words: resolve_rows(embedding, words, case, limit=limit) >= 0,
                                     embedding, case=case)
    warn_other_form(other_form, embedding)
    if not tags_kept:
        warn_tagged_oov(oov, lambda words: resolve_rows(embedding, words, case, limit=limit) >= 0,
                        embedding.info.name)
    return {"oov_in_other_unicode_form": other_form, "rows": (ra, rb, rc), "covered": covered,
            "query_codes": (codes[:n], codes[n:2 * n], codes[2 * n:3 * n]), "resolved": resolved, "n_candidates": n_cand, "answers": answers, "oov_words": oov,
            "several_answers": several, "first_answer_found": first_found, "order_warning": order_warning}


# Encoded question lists, by id: (the questions as a tuple, their encoding). A hit needs the same questions
# (compared as tuples: identity first, then fields), so a reused id or a changed list is never served stale.
_ENCODED: "OrderedDict[int, tuple[tuple, tuple]]" = OrderedDict()
ENCODED_LISTS = 8
_ENCODED_LOCK = threading.Lock()


def encode_questions(questions: Sequence) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """(distinct spellings, the code of each spelling in a, b, c order and then the answers', the question of
    each answer), kept for the last ``ENCODED_LISTS`` question lists: a run scores every embedding on the same
    questions, and encoding them (spaCy x Google: 78,000 spellings) took 15 of its 60 ms."""
    snapshot = tuple(questions)
    key = id(questions)
    with _ENCODED_LOCK:
        hit = _ENCODED.get(key)
        if hit is not None and hit[0] == snapshot:
            _ENCODED.move_to_end(key)
            return hit[1]
    answers_of = list(map(attrgetter("answers"), snapshot))
    n_answers = np.fromiter(map(len, answers_of), dtype=np.int64, count=len(snapshot))
    spelled = [*map(attrgetter("a"), snapshot), *map(attrgetter("b"), snapshot), *map(attrgetter("c"), snapshot),
               *itertools.chain.from_iterable(answers_of)]
    distinct, codes = _distinct(spelled)
    encoded = (tuple(distinct), codes, np.repeat(np.arange(len(snapshot)), n_answers))
    for a in encoded[1:]:
        a.flags.writeable = False  # shared by every caller: nobody may change it
    with _ENCODED_LOCK:
        _ENCODED[key] = (snapshot, encoded)
        _ENCODED.move_to_end(key)
        while len(_ENCODED) > ENCODED_LISTS:
            _ENCODED.popitem(last=False)
    return encoded


def _distinct(words: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct words in first-seen order, and each word's index among them."""
    # C-level passes (dict.fromkeys, map): a generator over MSR's 32,000 spellings took twice as long
    index = {w: i for i, w in enumerate(dict.fromkeys(words))}
    codes = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
    return list(index), codes




def _cased_rows(embedding) -> dict[str, tuple[int, ...]]:
    """The rows that a word with upper-case letters reads, by its lower-case form: the only rows that can be a
    case variant of another word. One pass over the vocabulary (0.2 s for GloVe's 400k words), once per
    embedding; where keys share rows (spaCy md: 684,830 keys on 20,000 rows) over every key, since a row's
    label is one of its keys only ('Thailand' reads the row labelled 'Asia')."""
    def compute():
        cased: dict[str, set[int]] = defaultdict(set)
        for row, w in enumerate(embedding.words):
            lw = w.lower()
            if lw != w:
                cased[lw].add(row)
        index = getattr(embedding, "index", None)
        if index is not None and len(index) > len(embedding.words):
            for w, row in index.items():
                lw = w.lower()
                if lw != w:
                    cased[lw].add(row)
        return {lw: tuple(sorted(rows)) for lw, rows in cased.items()}

    return per_embedding(embedding, "cased_rows", compute)


def _distinct_candidates(embedding, n_cand: int):
    """The first ``n_cand`` rows grouped by identical vectors (``analogy_duplicates``), or None where they are
    all distinct; once per embedding and candidate count (13 ms for spaCy md, 31 ms for GloVe)."""
    from wordeval.intrinsic.analogy_duplicates import find_distinct

    return per_embedding(embedding, ("distinct", n_cand), lambda: find_distinct(embedding.vectors, n_cand, 0.0))


# Normalised candidates kept per embedding up to this size (spaCy md's 10,112 distinct vectors: 12 MB), as gensim
# keeps its norms; above it only their norms are kept (4 bytes a row) and each search divides by them. GloVe 6B
# 50d's normalised rows (80 MB) took wordeval's peak memory on BATS above gensim's (676 vs 621 MiB); with only
# its norms kept, GloVe x MSR timed the same within this machine's noise (237-257 ms either way).
UNIT_MEMO_BYTES = 32 << 20


def _prepared_candidates(embedding, n_cand: int, distinct):
    """``analogy_kernels.prepare_candidates`` of the searched candidates, once per embedding and candidate
    count."""
    from wordeval.intrinsic.analogy_kernels import prepare_candidates

    return per_embedding(embedding, ("prepared", n_cand),
                          lambda: prepare_candidates(embedding.vectors, n_cand, distinct, keep_bytes=UNIT_MEMO_BYTES))


def _case_variants(embedding, n_cand: int) -> dict[str, tuple[int, ...]]:
    """Lower-case form -> its case variants' rows among the first ``n_cand`` rows (``_variants_of``), filled as
    words are asked for and kept for the embedding's lifetime: spaCy x MSR's 451 query rows took 1.9 ms a
    search."""
    return per_embedding(embedding, ("case_variants", n_cand), dict)


def _same_word_rows(embedding, n_cand: int) -> dict[int, tuple[int, ...]]:
    """Under a ``unicode`` view, each candidate row whose word another row's folds into too ('ｃａｔ' and 'cat'
    under NFKC) -> all those rows: a query word excluded only the row its key reads, and the answer was the
    query word itself through its other spelling's row. Empty for an embedding looked up as written."""
    if getattr(embedding, "_unicode_form", None) is None:
        return {}

    def compute():
        by_word: dict[str, list[int]] = defaultdict(list)
        for row, w in enumerate(embedding.words[:n_cand]):
            by_word[w].append(row)
        return {row: tuple(rows) for rows in by_word.values() if len(rows) > 1 for row in rows}

    return per_embedding(embedding, ("same_word", n_cand), compute)


def _variants_of(embedding, word: str, n_cand: int) -> tuple[int, ...]:
    """The candidate rows that a case variant of ``word`` reads: the row of its lower-case form, if any, and
    those of its forms with upper-case letters. Taken from the query word, not from its row's label: where keys
    share rows the label is another word ('Bangkok' and 'Greece' read the row labelled 'asia'), and its
    variants excluded 'Asia', the row 'Thailand' reads, from (Athens, Greece, Bangkok -> Thailand): spaCy md
    answered 743 of Google's 18,809 covered questions right, 2,046 with the query words' own variants."""
    lw = word.lower()
    found = {x for x in _cased_rows(embedding).get(lw, ()) if x < n_cand}
    own = getattr(embedding, "index", {}).get(lw)
    if own is not None and own < n_cand:
        found.add(own)
    return tuple(sorted(found))


def _exclusions(questions, embedding, prep, cov_idx, cfg, n_cand) -> np.ndarray:
    """Per covered question, the sorted candidate rows it may not answer (-1 padding): its a, b, c rows and,
    unless the case policy is exact, the rows their case variants read among the candidates."""
    codes, at = np.unique(np.stack([c[cov_idx] for c in prep["query_codes"]], axis=1), return_inverse=True)
    return _exclusions_of(embedding, codes, prep["resolved"][codes], prep["answers"]["spellings"],
                          at.reshape(len(cov_idx), 3), cfg, n_cand)


def _exclusions_of(embedding, codes: np.ndarray, rows: np.ndarray, spellings: Sequence[str], at: np.ndarray, cfg,
                   n_cand) -> np.ndarray:
    """``_exclusions`` from the distinct query spellings (``codes``, ascending, with the ``rows`` they read) and,
    per question, the index among them of its a, b and c words (``at``, n x 3): the rows each query word
    excludes are found once, then merged per question."""
    if cfg["honest"]:
        return np.full((len(at), 1), -1, dtype=np.int64)
    if not len(at):
        return np.full((0, 1), -1, dtype=np.int64)
    twins = _same_word_rows(embedding, n_cand)
    if cfg["case"] == "exact" and not twins:
        table = np.asarray(rows, dtype=np.int64)[:, None]
    else:
        variants = [(row,) for row in np.asarray(rows).tolist()]
        if cfg["case"] != "exact":
            # Case variants of a query word are the same word: exclude them too (gensim skips them as well).
            # Found once per lower-case form and kept per embedding.
            known = _case_variants(embedding, n_cand)
            variants = []
            for code, row in zip(codes.tolist(), np.asarray(rows).tolist()):
                lw = spellings[code].lower()
                found = known[lw] if lw in known else known.setdefault(lw, _variants_of(embedding, lw, n_cand))
                variants.append(found if row in found else tuple(sorted((row, *found))))
        if twins:
            variants = [tuple(sorted({t for r in v for t in twins.get(r, (r,))})) for v in variants]
        lengths = np.fromiter(map(len, variants), dtype=np.int64, count=len(variants))
        table = np.full((len(codes), int(lengths.max())), -1, dtype=np.int64)
        owner = np.repeat(np.arange(len(codes)), lengths)
        table[owner, np.arange(len(owner)) - (np.cumsum(lengths) - lengths)[owner]] = np.fromiter(
            itertools.chain.from_iterable(variants), dtype=np.int64, count=len(owner))
    return _merged_rows(np.ascontiguousarray(table, dtype=np.int64), np.ascontiguousarray(at, dtype=np.int64))


def _merged_rows(table: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Per question q, the rows of ``table[at[q]]`` ascending without repeats, -1 padded, as narrow as the
    longest such row allows (at least one column)."""
    from wordeval.intrinsic.analogy_numba import sorted_exclusions

    out = np.empty((len(at), at.shape[1] * table.shape[1]), dtype=np.int64)
    width = sorted_exclusions(table, at, out)
    return np.ascontiguousarray(out[:, :max(1, width)])


def solve_analogies(questions: Sequence, embedding, *, config: Mapping[str, Any] | None = None,
                    keep: np.ndarray | None = None, tags_kept: bool = False) -> dict[str, Any]:
    """Predicted word and correctness per question (the scoring core, no dataset and no record)."""
    cfg = _resolved(config)
    embedding = normalised(embedding, cfg.get("unicode"))
    if cfg["oov"] == "intersection" and keep is None:
        raise ConfigError("OOV policy 'intersection' compares several embeddings: use evaluate_intersection")
    prep = prepare_questions(questions, embedding, cfg, tags_kept=tags_kept)
    covered = prep["covered"] if keep is None else prep["covered"] & keep
    cov_idx = np.flatnonzero(covered)
    ra, rb, rc = prep["rows"]
    query_rows, inverse = np.unique(np.concatenate([ra[cov_idx], rb[cov_idx], rc[cov_idx]]), return_inverse=True)
    n = len(cov_idx)
    qa, qb, qc = inverse[:n], inverse[n:2 * n], inverse[2 * n:]
    exclude = _exclusions(questions, embedding, prep, cov_idx, cfg, prep["n_candidates"])
    backend = "none"
    pred_rows = np.full(len(questions), -1, dtype=np.int64)
    if n:
        groups = _distinct_candidates(embedding, prep["n_candidates"])
        distinct = groups if groups is not None and groups.worth_merging() else None
        rows, backend = solve_batched(embedding.vectors, prep["n_candidates"], query_rows, qa, qb, qc, exclude,
                                      method=cfg["method"], eps=float(cfg["epsilon"]),
                                      chunk_rows=cfg["chunk_rows"], backend=cfg["backend"], distinct=distinct,
                                      prepared=_prepared_candidates(embedding, prep["n_candidates"], distinct),
                                      zero_rows=_zero_rows(embedding, prep["n_candidates"], cfg["method"]))
        if groups is not None and distinct is None:  # rows sharing a vector tie exactly: the first allowed wins
            rows = groups.first_allowed(rows, exclude)
        pred_rows[cov_idx] = rows
    correct, predicted, matched = _correctness(questions, embedding, prep["answers"], pred_rows, cov_idx,
                                               lower=cfg["case"] != "exact")
    return {"config": cfg, "covered": covered, "covered_any": prep["covered"], "correct": correct,
            "predicted": predicted, "matched_answer": matched, "pred_rows": pred_rows, "backend": backend,
            "gemm": _gemm_name(backend),
            "n_query_words": int(len(query_rows)), "n_candidates": prep["n_candidates"],
            "oov_words": prep["oov_words"], "oov_in_other_unicode_form": prep["oov_in_other_unicode_form"],
            "answer_excluded": _answer_excluded(prep["answers"], cov_idx, exclude, len(questions)),
            "several_answers": prep["several_answers"], "first_answer_found": prep["first_answer_found"],
            "order_warning": prep["order_warning"], **merged_keys_extra(embedding)}


def _answer_excluded(answers, cov_idx: np.ndarray, exclude: np.ndarray, n: int) -> np.ndarray:
    """Per question: covered, and every accepted answer it found is one of its excluded rows (a query word or
    its case variant), so that no answer can be right outside honest mode (BATS: usa:english :: uk:english)."""
    pos = np.full(n, -1, dtype=np.int64)
    pos[cov_idx] = np.arange(len(cov_idx))
    q, rows = answers["question"], answers["row"]
    found = (pos[q] >= 0) & (rows >= 0)
    blocked = (exclude[pos[q[found]]] == rows[found][:, None]).any(axis=1)
    n_found = np.bincount(q[found], minlength=n)
    return (n_found > 0) & (np.bincount(q[found][blocked], minlength=n) == n_found)


def _zero_rows(embedding, n_cand: int, method: str):
    """The all-zero candidate rows, which PairDirection settles apart (``analogy_zero_rows``), found once per
    embedding and candidate count; None for the other methods, which score them as the reference loop does."""
    if method != "pairdirection":
        return None
    from wordeval.intrinsic.analogy_zero_rows import zero_candidate_rows

    return per_embedding(embedding, ("zero", n_cand), lambda: zero_candidate_rows(embedding.vectors, n_cand))


def _gemm_name(backend: str) -> str | None:
    """Which BLAS computed the numba path's cosines (``gemm``): their float32 rounding depends on its kernels."""
    if backend != "numba":
        return None
    from wordeval.intrinsic.gemm import gemm_engine

    return gemm_engine().name


def _correctness(questions, embedding, answers, pred_rows, cov_idx, *, lower: bool):
    """Per question: 1 where its predicted row is one of its answers' rows or the predicted word is spelled
    as one of its answers (case-folded unless the case policy is exact), the predicted words, and the answer
    that matched each (``_matched_answers``)."""
    words = embedding.words
    n = len(questions)
    answered = cov_idx[pred_rows[cov_idx] >= 0]
    rows = pred_rows[answered]
    distinct_rows, at = np.unique(rows, return_inverse=True)
    at = at.reshape(-1)
    # each distinct predicted word looked up once, then gathered by numpy: a Python loop over the 7,000 MSR
    # questions took 4.2 ms of spaCy x MSR's 40, with the kernel's data in the caches (683 distinct rows)
    distinct_words = [words[r] for r in distinct_rows.tolist()]
    word_of = np.empty(len(distinct_words), dtype=object)
    word_of[:] = distinct_words
    gathered = np.full(n, None, dtype=object)
    gathered[answered] = word_of[at]
    predicted: list[str | None] = gathered.tolist()
    pred = np.full(n, -1, dtype=np.int64)
    pred[answered] = rows
    q = answers["question"]
    # Row identity counts too: where several keys share one vector (spaCy's md vectors map 685k strings
    # onto 20k rows), the row's display label need not be the answer's spelling.
    hit = (answers["row"] >= 0) & (answers["row"] == pred[q])
    fold = str.lower if lower else str
    spelling: dict[str, int] = {}
    answer_id = np.array([spelling.setdefault(fold(w), len(spelling)) for w in answers["spellings"]],
                         dtype=np.int64)[answers["code"]]
    row_id = np.array([spelling.get(fold(w), -1) for w in distinct_words], dtype=np.int64)
    pred_id = np.full(n, -2, dtype=np.int64)  # -2: no prediction, never an answer's id
    pred_id[answered] = row_id[at]
    spelled = answer_id == pred_id[q]
    correct = (np.bincount(q[hit | spelled], minlength=n) > 0).astype(np.int8)
    return correct, predicted, _matched_answers(answers, hit, spelled, n)


def _matched_answers(answers, row_hit: np.ndarray, spelled: np.ndarray, n: int) -> list[str | None]:
    """Per question, the accepted answer that made it correct (None where none did): the predicted word's own
    spelling where it is one, else an answer whose row was predicted. Beside ``predicted`` (the row's label)
    it keeps a prediction file self-explaining where keys share a row: spaCy md predicts the row labelled
    'america' that 'Germany' also reads, which is correct but read alone looks wrong."""
    at = np.concatenate([np.flatnonzero(spelled), np.flatnonzero(row_hit & ~spelled)])
    questions, first = np.unique(answers["question"][at], return_index=True)  # a question's first hit in `at`
    matched = np.full(n, None, dtype=object)
    spellings = np.empty(len(answers["spellings"]), dtype=object)
    spellings[:] = list(answers["spellings"])
    matched[questions] = spellings[answers["code"][at[first]]]
    return matched.tolist()


def summarize(questions: Sequence, solved: Mapping[str, Any], *, semantic_sections: Sequence[str] | None = None,
              section_categories: Mapping[str, str] | None = None, seed: int = 0) -> dict[str, Any]:
    """Scores, per-item columns, per-section, per-category (``section_categories``: a BATS folder's) and
    semantic/syntactic breakdowns of solved questions."""
    from wordeval.stats.bootstrap import mean_ci

    cfg = solved["config"]
    covered, correct = solved["covered"], solved["correct"].astype(np.float64)
    # Under --intersection only the questions every representation covers are scored (``covered``), but
    # coverage and n_covered stay this representation's own, as similarity and STS records keep theirs: they
    # described the intersection, so GloVe beside a small file read as covering what the file covers.
    own = solved.get("covered_any", covered)
    intersected = cfg["oov"] == "intersection"
    n_total = len(questions)
    used = np.ones(n_total, dtype=bool) if cfg["oov"] == "penalize" else covered

    def block(mask):
        n_t, n_c, n_s = int(mask.sum()), int((mask & own).sum()), int((mask & covered).sum())
        hits = float(correct[mask & covered].sum())
        return {"n_total": n_t, "n_covered": n_c, "correct": int(hits),
                "accuracy_covered": hits / n_s if n_s else float("nan"),
                "accuracy_all": hits / n_t if n_t else float("nan"),
                "coverage": n_c / n_t if n_t else float("nan"),
                **({"n_scored": n_s} if intersected else {}),
                # a NaN accuracy said nothing of why in the record evaluated (null in the one stored)
                **({"note": _no_accuracy_why(n_t, n_c, intersected)} if not n_s else {})}

    sections = np.array([q.section for q in questions], dtype=object)
    per_section = {s: block(sections == s) for s in dict.fromkeys(sections.tolist())}
    total = block(np.ones(n_total, dtype=bool))
    scores = {"accuracy": float(correct[used].mean()) if used.any() else float("nan"),
              "accuracy_covered": total["accuracy_covered"], "accuracy_all": total["accuracy_all"],
              "coverage": total["coverage"]}
    oov = solved.get("oov_words", [])
    extra: dict[str, Any] = {"per_section": per_section, "backend": solved["backend"], "gemm": solved.get("gemm"),
                             # why questions were left out: the words not among the searched rows (beyond
                             # restrict_vocab too), the first 200 sorted, as similarity records list theirs
                             "n_oov_words": len(oov), "oov_words": oov[:200],
                             **({"oov_in_other_unicode_form": solved["oov_in_other_unicode_form"][:200]}
                                if solved.get("oov_in_other_unicode_form") else {}),
                             **({"unicode_merged_keys": solved["unicode_merged_keys"]}
                                if "unicode_merged_keys" in solved else {}),
                             # covered questions none of whose answers may be given: a ceiling below 1
                             "n_answer_excluded": int((solved["answer_excluded"] & covered).sum())
                             if "answer_excluded" in solved else None,
                             "n_query_words": solved["n_query_words"], "n_candidates": solved["n_candidates"],
                             "excluded": "none (honest)" if cfg["honest"] else
                             ("a, b, c" + ("" if cfg["case"] == "exact" else " and their case variants"))}
    if solved.get("several_answers"):
        extra["answers"] = {
            "right": "the prediction is any of the question's answers",
            "covered": "a, b, c and any of its answers are found (vecto's script: the first answer)",
            # the covered questions vecto's convention leaves out (GloVe 6B 50d x BATS: 243 of 96,321)
            "n_covered_without_first_answer": int((own & ~solved["first_answer_found"]).sum())}
    if intersected:  # what the restriction removed: questions this representation covers that another does not
        extra["n_left_out_by_intersection"] = int((own & ~covered).sum())
    if section_categories:
        extra["per_category"] = {
            category: block(np.isin(sections, [s for s, c in section_categories.items() if c == category]))
            for category in dict.fromkeys(section_categories.values())}
    if semantic_sections is not None:
        sem = np.isin(sections, list(semantic_sections))
        extra["semantic"], extra["syntactic"] = block(sem), block(~sem)
        for name in ("semantic", "syntactic"):
            scores[f"{name}_accuracy_covered"] = extra[name]["accuracy_covered"]
    # a score without a value says why in the record, as similarity's and STS's do: it held a bare NaN
    reasons: dict[str, list[str]] = {}
    for key, value in scores.items():
        part = key.split("_")[0] if key.startswith(("semantic_", "syntactic_")) else None
        note = (extra[part] if part else total).get("note")
        if not np.isfinite(value) and note:
            reasons.setdefault(f"the {part} sections: {note}" if part else note, []).append(key)
    if reasons:
        extra["warnings"] = [undefined_note(keys, why) for why, keys in reasons.items()]
    ids = np.flatnonzero(used)
    ci = {"accuracy": list(mean_ci(correct[used], n_boot=int(cfg["n_boot"]), seed=seed))}
    # named as the other families name theirs; none where no interval came out (fewer than 10 questions)
    extra["ci_method"] = "percentile bootstrap over questions" if np.all(np.isfinite(ci["accuracy"])) else None
    return {"scores": scores, "ci": ci, "n_total": n_total, "n_used": int(used.sum()), "extra": extra,
            "per_item": {"id": ids.tolist(), "correct": solved["correct"][used].astype(int).tolist()}}


def _no_accuracy_why(n_total: int, n_covered: int, intersected: bool) -> str:
    """Why a block of questions (all, a section, a category) has no accuracy on its covered questions."""
    if not n_total:
        return "no question, so no accuracy"
    none = "the one question is not" if n_total == 1 else f"none of the {n_total:,} questions is"
    if n_covered and intersected:
        return f"{none} covered by every representation of the intersection, so no accuracy over covered questions"
    return f"{none} covered, so no accuracy over covered questions"


def main_score_from_items(columns: Mapping[str, np.ndarray]) -> float:
    c = np.asarray(columns["correct"], dtype=np.float64)
    return float(c.mean()) if c.size else float("nan")


def score(task, embedding, dataset, *, config: Mapping, seed: int = 0, progress: bool = False,
          predictions=None):
    if config["oov"] == "intersection" or config["candidates"] == "common":
        raise ConfigError("the intersection policy and common candidates compare several embeddings: score them "
                          "together (wordeval.run(..., intersection=True / common_vocabulary=True), the "
                          "command line's wordeval run --intersection / --common-vocab)")
    items = list(dataset.items(task.split if task.split in dataset.splits else None))
    solved = solve_analogies(items, embedding, config=config, tags_kept=_tags_kept(dataset))
    if predictions is not None:
        _write_predictions(predictions, task, embedding, items, solved)
    return _record(task, embedding, dataset, items, solved, seed)


def _tags_kept(dataset) -> bool:
    """Whether the spec said ``pos_suffix = "keep"``: the tagged words are meant as written."""
    return (getattr(dataset, "metadata", None) or {}).get("pos_suffix") == "keep"


def _write_predictions(folder, task, embedding, items, solved) -> None:
    from wordeval.results.predictions import write_table

    # covered: the representation's own, as its record's coverage; under --intersection a covered question
    # the intersection left out has no prediction and an empty correct
    own = solved.get("covered_any", solved["covered"])
    rows = [(i, q.section, q.a, q.b, q.c, "/".join(q.answers), solved["predicted"][i] or "",
             solved["matched_answer"][i] or "",
             int(solved["correct"][i]) if solved["covered"][i] else "", int(bool(own[i])))
            for i, q in enumerate(items)]
    write_table(folder, task, embedding, "tsv", ("id", "section", "a", "b", "c", "answers", "predicted",
                                                 "matched_answer", "correct", "covered"), rows)


def _record(task, embedding, dataset, items, solved, seed, **config_extra):
    from wordeval.results.build import make_record

    metadata = dataset.metadata or {}
    summary = summarize(items, solved, semantic_sections=metadata.get("semantic_sections"),
                        section_categories=metadata.get("section_categories"), seed=seed)
    extra = {**summary["extra"], "candidate_vocabulary": {
        "n_candidates": solved["n_candidates"], "restrict_vocab": solved["config"]["restrict_vocab"],
        "vocab_size": getattr(embedding.info, "vocab_size", None)}}
    # the candidates' row order, warned about already, in the notes compare and report write
    with_warnings(extra, [solved["order_warning"]] if solved.get("order_warning") else [])
    log_warnings(task, embedding, extra.get("warnings") or [], shown=[solved.get("order_warning")])
    return make_record(task, embedding, dataset, config={**solved["config"], **config_extra},
                       scores=summary["scores"], n_total=summary["n_total"], n_used=summary["n_used"], seed=seed,
                       ci=summary["ci"], per_item=summary["per_item"], extra=extra)


def score_intersection(task, embeddings: Sequence, dataset, *, config: Mapping, seed: int = 0,
                       predictions=None) -> list:
    """One record per embedding, all scored on the questions every embedding covers (``coverage`` stays each
    one's own; each one's answers written into the folder ``predictions``, when given)."""
    cfg = _resolved(config, oov="intersection")
    items = list(dataset.items(task.split if task.split in dataset.splits else None))
    kept = _tags_kept(dataset)
    names = [e.info.name for e in embeddings]
    covered = [prepare_questions(items, normalised(e, cfg.get("unicode")), cfg, tags_kept=kept)["covered"]
               for e in embeddings]
    keep = intersection_mask(covered, names, task.name)
    out = []
    for e in embeddings:
        solved = solve_analogies(items, e, config=cfg, keep=keep, tags_kept=kept)
        if predictions is not None:
            _write_predictions(predictions, task, e, items, solved)
        out.append(_record(task, e, dataset, items, solved, seed, intersection_with=names, **INTERSECTION_SETTING))
    return out


def common_vocabulary_view(embedding, words: Sequence[str], *, frequency_ordered: bool | None = None):
    """The embedding restricted to ``words`` (rows copied, in ``words`` order), same fingerprint and name:
    a candidate set shared by every compared embedding. The original is not touched. ``frequency_ordered``:
    whether ``words`` are in frequency order (they follow the first embedding's rows, not this one's)."""
    from dataclasses import replace

    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.analogy_common import shared_rows_view, shares_rows

    info = replace(embedding.info, parameters={**dict(embedding.info.parameters), "candidates": "common",
                                               "n_common": len(words)})
    ordered = (getattr(embedding, "frequency_ordered", False) if frequency_ordered is None
               else frequency_ordered)
    if shares_rows(embedding):
        return shared_rows_view(embedding, words, info, frequency_ordered=ordered)
    rows = embedding.rows(list(words))
    return StaticEmbedding(list(words), np.asarray(embedding.vectors)[rows], info, frequency_ordered=ordered)


def score_common_vocabulary(task, embeddings: Sequence, dataset, *, config: Mapping, seed: int = 0,
                            predictions=None) -> list:
    """One record per embedding, each answering over the words all embeddings share (in the first
    embedding's row order, so ``restrict_vocab`` keeps the most frequent common words)."""
    from wordeval.intrinsic.analogy_common import candidates_within, keys_of, shares_rows

    # one vocabulary, so one coverage: intersection is skip here; penalize still counts the uncovered as wrong
    oov = "penalize" if config.get("oov") == "penalize" else "skip"
    cfg = _resolved(config, candidates="common", oov=oov)
    embeddings = [normalised(e, cfg.get("unicode")) for e in embeddings]  # common words as looked up
    # the keys, not the rows' labels: spaCy's label of a row is one arbitrary key of the many that read it
    shared = set(embeddings[0].index)
    for e in embeddings[1:]:
        shared &= e.index.keys()
    words = [w for w in keys_of(embeddings[0]) if w in shared]
    if not words:
        raise ConfigError("the compared embeddings share no word: no common candidate set")
    items = list(dataset.items(task.split if task.split in dataset.splits else None))
    names = [e.info.name for e in embeddings]
    ordered = getattr(embeddings[0], "frequency_ordered", False)  # the common words follow its rows
    out = []
    for e in embeddings:
        own, restrict = (candidates_within(words, cfg["restrict_vocab"], cfg["question_filter"])
                         if shares_rows(e) else (words, cfg["restrict_vocab"]))
        view = common_vocabulary_view(e, own, frequency_ordered=ordered)
        solved = solve_analogies(items, view, tags_kept=_tags_kept(dataset),
                                 config={**cfg, "candidates": "own", "restrict_vocab": restrict})
        solved["config"] = {**solved["config"], "candidates": "common",
                            "restrict_vocab": cfg["restrict_vocab"]}
        # the view holds the words already folded, so nothing merges in it: the keys merged are those of e
        solved.update(merged_keys_extra(e))
        if predictions is not None:
            _write_predictions(predictions, task, view, items, solved)
        rec = _record(task, view, dataset, items, solved, seed, candidates_shared_with=names)
        rec.embedding = e.info.to_dict()  # the record is about the embedding itself
        rec.extra["candidate_vocabulary"]["common_with"] = names
        rec.extra["candidate_vocabulary"]["vocab_size"] = getattr(e.info, "vocab_size", None)
        if shares_rows(view):  # candidates counted in words, as the other representations' are
            rec.extra["candidate_vocabulary"].update(n_candidates=len(own), n_rows=solved["n_candidates"])
        out.append(rec)
    return out
