"""Token features for the taggers, from any representation: a row table plus per-sentence row ids.

Static embeddings (WordLookup) give a *type* table: one row per distinct token, so the torch learners can
fine-tune it as an embedding layer. Contextual encoders (TokenEncoder only, e.g. MiniLM) give a *token*
table: one row per token occurrence (frozen features; fine-tuning such a table would be meaningless).
Row 0 is padding (zero); with the "unk" OOV policy row 1 is the shared UNK row.

OOV policies (recorded in every result, with the OOV rate per split):
- ``zero``: OOV tokens get a fixed zero vector (fixed under fine-tuning too: ``FeatureSet.own_oov_rows``);
- ``unk``: OOV tokens share one UNK vector that the learner trains (torch learners: a trainable row even
  when the embedding is frozen; linear learners: an "is OOV" indicator feature, which is what a learned
  UNK vector amounts to in a linear model);
- ``random``: each OOV type gets its own fixed N(0, sd) vector, sd = the embedding's own value sd, seeded
  (fixed under fine-tuning too); a type is the word as the case policy looks it up (``pooling.case_key``:
  under ``lower`` "Foo" and "foo" share one vector).

Casing is a separate small discrete feature (Collobert et al. 2011): lowercased lookup loses it, and a
cased lookup alone makes "Apple"/"apple" unrelated.

A Brown clustering (``cluster_paths(words)``, no vectors) gives a type table with no columns and the bit
string of each row in ``FeatureSet.paths`` (None for padding/OOV rows): only the linear learners use it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from wordeval.embeddings.case import check_case_policy, lookup_with_case
from wordeval.errors import ConfigError

OOV_POLICIES = ("zero", "unk", "random")
PAD_ROW = 0
UNK_ROW = 1
KMEANS_PREDICT_BLOCK = 16384  # rows converted to float64 at a time for the k-means prediction
CASING_CLASSES = ("PAD", "numeric", "mostly_numeric", "lower", "upper", "initial_upper", "contains_digit", "other")


def casing_class(token: str) -> int:
    digits = sum(c.isdigit() for c in token)
    if token.isdigit():
        return 1
    if digits / max(1, len(token)) > 0.5:
        return 2
    if token.islower():
        return 3
    if token.isupper():
        return 4
    if token[:1].isupper():
        return 5
    if digits:
        return 6
    return 7


@dataclass
class SplitFeatures:
    tokens: list[tuple[str, ...]]
    ids: list[np.ndarray]  # per sentence: row in FeatureSet.table per token
    casing: list[np.ndarray]  # per sentence: index into CASING_CLASSES
    oov: list[np.ndarray]  # per sentence: bool, token not covered by the representation

    @property
    def n_tokens(self) -> int:
        return int(sum(len(i) for i in self.ids))

    @property
    def oov_rate(self) -> float:
        n = self.n_tokens
        return float(sum(int(o.sum()) for o in self.oov)) / n if n else 0.0


@dataclass
class FeatureSet:
    table: np.ndarray  # (rows, dim) float32, a private copy: learners may fine-tune their own copy of it
    splits: dict[str, SplitFeatures]
    level: str  # "type" (one row per distinct token) or "token" (one row per occurrence)
    oov_policy: str
    unk_row: int | None  # the trainable UNK row ("unk" policy)
    info: dict = field(default_factory=dict)
    paths: list | None = None  # Brown clusterings: bit string per row (None: padding/OOV)

    @property
    def dim(self) -> int:
        if self.paths is not None:  # the torch learners ask for it: they need vectors
            raise ConfigError("a Brown clustering has no vectors: its features are for the linear learners "
                              "(learner=crf or perceptron)")
        return int(self.table.shape[1])

    def oov_rates(self) -> dict[str, float]:
        return {name: s.oov_rate for name, s in self.splits.items()}

    def own_oov_rows(self) -> np.ndarray:
        """The rows of OOV types under ``zero``/``random`` (one each, at the end of a type table): fixed vectors,
        which neither fine-tuning nor k-means may treat as a word's vector. Empty under ``unk`` (OOV tokens
        share ``UNK_ROW``) and for token tables (every token is encoded)."""
        n_oov = self.info.get("n_oov_rows", 0) if self.oov_policy != "unk" and self.level == "type" else 0
        return np.arange(len(self.table) - n_oov, len(self.table), dtype=np.int64)


def _casing(tokens: Sequence[str]) -> np.ndarray:
    return np.fromiter((casing_class(t) for t in tokens), dtype=np.int64, count=len(tokens))


def build_features(embedding, splits: Mapping[str, Sequence[Sequence[str]]], *, oov: str = "unk",
                   case: str = "exact-then-lower", seed: int = 0, batch_size: int | None = None) -> FeatureSet:
    """Featurise every split's sentences. Word-lookup embeddings give a type table, encoders a token table."""
    if oov not in OOV_POLICIES:
        raise ConfigError(f"OOV policy must be one of {', '.join(OOV_POLICIES)}, got {oov!r}")
    check_case_policy(case)
    splits = {name: [tuple(s) for s in sents] for name, sents in splits.items()}
    if hasattr(embedding, "cluster_paths"):
        return _type_features(embedding, splits, oov=oov, case=case, seed=seed, paths=True)
    if hasattr(embedding, "lookup"):
        return _type_features(embedding, splits, oov=oov, case=case, seed=seed)
    if hasattr(embedding, "encode_tokens"):
        return _token_features(embedding, splits, oov=oov, batch_size=batch_size)
    raise ConfigError(f"{type(embedding).__name__} implements neither lookup() nor encode_tokens()")


def paths_with_case(clustering, words: Sequence[str], policy: str) -> tuple[list, np.ndarray]:
    """``clustering.cluster_paths`` under a case policy (as ``lookup_with_case`` for vectors)."""
    check_case_policy(policy)
    words = list(words)
    if policy == "lower":
        return clustering.cluster_paths_lowercased(words)
    paths, found = clustering.cluster_paths(words)
    paths, found = list(paths), np.array(found, dtype=bool)
    if policy == "exact-then-lower" and not found.all():
        missing = np.flatnonzero(~found)
        p2, f2 = clustering.cluster_paths_lowercased([words[i] for i in missing])
        for i, p, f in zip(missing, p2, f2):
            if f:
                paths[i], found[i] = p, True
    return paths, found


def _type_features(embedding, splits, *, oov, case, seed, paths: bool = False) -> FeatureSet:
    types: dict[str, int] = {}
    for sents in splits.values():
        for s in sents:
            for t in s:
                types.setdefault(t, len(types))
    words = list(types)
    if paths:
        word_paths, found = paths_with_case(embedding, words, case)
        vectors = np.zeros((len(words), 0), dtype=np.float32)
    else:
        vectors, found = lookup_with_case(embedding, words, case)
    dim = vectors.shape[1]
    first = 2 if oov == "unk" else 1
    row_of = np.empty(len(words), dtype=np.int64)
    n_found = int(found.sum())
    row_of[found] = first + np.arange(n_found)
    if oov == "unk":
        row_of[~found] = UNK_ROW
        n_rows = first + n_found
    else:  # zero / random: one row per OOV type (random rows differ, zero rows are all zero)
        missing = np.flatnonzero(~found)
        keys = [words[i] for i in missing]
        if oov == "random" and case != "exact" and not paths:
            # one vector per word as the case policy looks it up (pooling.case_key), as classification's pooler
            # draws them: under lower, "Foo" and "foo" read one key and drew two random vectors
            from wordeval.extrinsic.pooling import case_key
            keys = case_key(embedding, keys, case)
        slot: dict[str, int] = {}
        row_of[missing] = first + n_found + np.array([slot.setdefault(k, len(slot)) for k in keys], dtype=np.int64)
        n_rows = first + n_found + len(slot)
    table = np.zeros((n_rows, dim), dtype=np.float32)
    table[first:first + n_found] = vectors[found]
    if oov == "random" and n_rows > first + n_found and dim:
        sd = float(np.std(vectors[found])) if n_found else 1.0
        rng = np.random.default_rng(seed)
        table[first + n_found:] = rng.normal(0.0, sd, size=(n_rows - first - n_found, dim)).astype(np.float32)
    out = {}
    for name, sents in splits.items():
        ids, cas, oovs = [], [], []
        for s in sents:
            idx = np.fromiter((types[t] for t in s), dtype=np.int64, count=len(s))
            ids.append(row_of[idx])
            oovs.append(~found[idx])
            cas.append(_casing(s))
        out[name] = SplitFeatures(list(sents), ids, cas, oovs)
    row_paths = None
    if paths:
        row_paths = [None] * n_rows
        for i in np.flatnonzero(found):
            row_paths[row_of[i]] = word_paths[i]
    info = {"case": case, "n_types": len(words), "n_types_oov": int((~found).sum())}
    if oov != "unk":
        info["n_oov_rows"] = n_rows - first - n_found
    return FeatureSet(table, out, "type", oov, UNK_ROW if oov == "unk" else None, info, row_paths)


def _token_features(encoder, splits, *, oov, batch_size) -> FeatureSet:
    from wordeval.embeddings.encoder_output import token_matrices

    arrays = [np.zeros((1, encoder.info.dim), dtype=np.float32)]  # padding row
    next_row = 1
    out = {}
    for name, sents in splits.items():
        ids, cas, oovs = [], [], []
        # one encode_tokens call per split unless batch_size caps it: the encoder sorts the whole split by
        # length, while 64-sentence calls padded CoNLL-2003 to 1.77x its subword tokens (one call: 1.02x)
        step = batch_size or max(1, len(sents))
        for start in range(0, len(sents), step):
            batch = sents[start:start + step]
            words = [list(x) for x in batch]
            for s, vecs in zip(batch, token_matrices(encoder, encoder.encode_tokens(words), words)):
                arrays.append(vecs)
                ids.append(np.arange(next_row, next_row + len(s), dtype=np.int64))
                next_row += len(s)
                cas.append(_casing(s))
                oovs.append(np.zeros(len(s), dtype=bool))  # open vocabulary: every token is encoded
        out[name] = SplitFeatures(list(sents), ids, cas, oovs)
    return FeatureSet(np.concatenate(arrays), out, "token", oov, None, {})


def window_rows(ids: Sequence[np.ndarray], *, window: int) -> np.ndarray:
    """(n_tokens, 2*window+1) rows of each token's window; positions outside the sentence are padding."""
    parts = []
    for s in ids:
        padded = np.concatenate([np.full(window, PAD_ROW), s, np.full(window, PAD_ROW)])
        view = np.lib.stride_tricks.sliding_window_view(padded, 2 * window + 1)
        parts.append(view)
    return np.concatenate(parts) if parts else np.zeros((0, 2 * window + 1), dtype=np.int64)


def check_cluster_count(k: int, n: int, what: str) -> None:
    """K-means needs at least K distinct rows to cluster: ``n`` of them, ``what`` says which."""
    if k <= 0 or n < k:
        raise ConfigError(f"clusters = {k} needs at least {k} {what} in the task's sentences, which have "
                          f"{n}: choose a smaller K (--clusters)")


def cluster_ids(features: FeatureSet, k: int, *, seed: int = 0, max_fit_rows: int = 50_000) -> np.ndarray:
    """k-means cluster per table row (sklearn MiniBatchKMeans on the covered rows); -1 for padding/OOV rows.

    Fitted on the task vocabulary's vectors (type tables) or a seeded sample of token vectors.
    """
    covered = np.ones(len(features.table), dtype=bool)
    covered[PAD_ROW] = False
    if features.unk_row is not None:
        covered[features.unk_row] = False
    covered[features.own_oov_rows()] = False
    rows = np.flatnonzero(covered)
    check_cluster_count(k, len(rows), "token vectors" if features.level == "token" else
                        "distinct words the representation covers")
    rng = np.random.default_rng(seed)
    fit_rows = rows if len(rows) <= max_fit_rows else np.sort(rng.choice(rows, max_fit_rows, replace=False))
    out = np.full(len(features.table), -1, dtype=np.int64)
    out[rows] = kmeans_labels(features.table, fit_rows, rows, k, seed=seed)
    return out


def kmeans_labels(table: np.ndarray, fit_rows: np.ndarray, rows: np.ndarray, k: int, *, seed: int = 0,
                  block: int = KMEANS_PREDICT_BLOCK) -> np.ndarray:
    """The k-means cluster of ``table[rows]`` (MiniBatchKMeans fitted on ``table[fit_rows]``), in float64.

    Why float64: sklearn computes the distances with the BLAS, whose kernels sum in another order on another
    CPU (AVX2 FMA, AVX-512, SSE, ARM). In float32 a point almost equidistant from two centres moves with that
    rounding, and the minibatch updates carry the move on: on 2,000 random 50-d rows, K = 40, OpenBLAS's
    Haswell and Prescott kernels gave different clusterings, hence different CRF features and scores. Float64
    rounding (2^-53) leaves such ties only where the distances agree to ~1e-15. Rows are converted a block at
    a time, so the float64 copy stays small beside the table.
    """
    from sklearn.cluster import MiniBatchKMeans

    km = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096)
    km.fit(np.asarray(table[fit_rows], dtype=np.float64))
    labels = np.empty(len(rows), dtype=np.int64)
    for start in range(0, len(rows), block):
        part = rows[start:start + block]
        labels[start:start + len(part)] = km.predict(np.asarray(table[part], dtype=np.float64))
    return labels
