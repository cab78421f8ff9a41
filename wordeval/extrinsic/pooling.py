"""Document features from word vectors: tokenisation, weighted pooling, OOV policies, OOV rates.

Everything that depends on data (tf-idf document frequencies, SIF word frequencies, SIF's principal
component, the spread of random OOV vectors) is fitted on the TRAIN split only, in ``DocumentPooler.fit``,
and then applied unchanged to every split, so no statistic of the test documents leaks into the features.

Pooling (per document, over its tokens t with count c_t and vector v_t):
- ``mean``:  sum_t c_t v_t / sum_t c_t.
- ``tfidf``: sum_t c_t idf_t v_t / sum_t c_t idf_t, with sklearn's smooth idf fitted on the training
  documents, ``idf_t = ln((1 + N) / (1 + df_t)) + 1``; a word absent from training has df 0 (highest idf).
- ``sif``:   Arora et al. (2017): sum_t c_t a/(a + p_t) v_t / sum_t c_t with a = 1e-3 and p_t the relative
  frequency of t among the TRAINING split's tokens (0 for unseen words, weight 1); then the projection on
  the first singular vector of the training documents' matrix (uncentred, as in the authors' code) is
  removed from every document.

Word types: a token's tf-idf document frequency, SIF frequency and ``random`` OOV vector are those of the word
its vector is looked up as under the case policy (``case_key``): with a vocabulary, tokens that read one row are
one type (under ``lower`` "The" and "the"; under ``exact-then-lower`` "The" and "the" in GloVe's lowercased
vocabulary, where "The" has no row of its own). Keyed by the token as written (before ``POOLING_TYPES``),
sentence-initial "The" read the row of "the" but weighed as the rarer word "The" (a higher idf, a SIF weight
nearer 1), and "Foo" and "foo" out of the vocabulary got two random vectors under ``lower``.

OOV policies (which tokens have no vector under the case policy):
- ``skip``:   OOV tokens are dropped, numerator and denominator (SentEval's bag-of-words).
- ``zero``:   OOV tokens count in the denominator with a zero vector, so a document shrinks with its OOV share.
- ``random``: each OOV word type gets its own fixed vector ~ N(0, diag(sd^2)), sd = per-dimension sd of the
  in-vocabulary training types; drawn from a generator seeded by (seed, hash of the word), so a word gets the
  same vector in every split and whatever other words occur.
- ``unk``:    a learned UNK vector u. The document becomes x_zero + s u with s the (weighted) OOV share
  (s = sum_oov c_t w_t / denominator); SIF's projection keeps this form, x' = x'_zero + s (I - cc^T) u. A linear
  classifier's logits are then W x'_zero + s W (I - cc^T) u, and W (I - cc^T) u is a free vector per class, so
  learning u jointly is exactly the ``zero`` features plus one extra feature column s with its own weight per
  class. That column is what ``unk`` appends. The one difference: sklearn penalises the extra weight with the
  same L2 term as the others, whereas a jointly learned u would usually be unpenalised.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import scipy.sparse as sp

from wordeval.embeddings.case import check_case_policy, lookup_with_case
from wordeval.errors import ConfigError
from wordeval.blas_threads import single_threaded_blas

TOKENIZERS = ("whitespace", "regex")
POOLING_METHODS = ("mean", "tfidf", "sif")
OOV_POLICIES = ("skip", "zero", "random", "unk")
SIF_A = 1e-3
# recorded in a classification config where it applies (``classification.validate_config``): statistics and
# random OOV vectors per word as looked up under the case policy, not per token as written
POOLING_TYPES = "case"

# PTB-like splitting for raw text: clitics ('s, n't) and punctuation become tokens, hyphenated and
# apostrophe-internal words stay whole. On SentEval's already tokenised text it is (nearly) the identity.
def tokenize(text: str, *, tokenizer: str = "regex") -> list[str]:
    """Split one document into tokens (wordeval's one tokenizer): ``whitespace`` for pre-tokenised data,
    ``regex`` for raw text."""
    from wordeval.tokenize import tokenize as _tokenize
    return _tokenize(text, style=tokenizer)


def _check(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
    return value


@dataclass
class OOVStats:
    """Token- and type-level OOV counts of one split under the case policy."""

    tokens: int
    oov_tokens: int
    types: int
    oov_types: int
    empty_documents: int  # documents with no in-vocabulary token

    @property
    def token_rate(self) -> float:
        return self.oov_tokens / self.tokens if self.tokens else float("nan")

    @property
    def type_rate(self) -> float:
        return self.oov_types / self.types if self.types else float("nan")

    def to_dict(self) -> dict[str, Any]:
        return {"tokens": self.tokens, "oov_tokens": self.oov_tokens, "token_rate": self.token_rate,
                "types": self.types, "oov_types": self.oov_types, "type_rate": self.type_rate,
                "empty_documents": self.empty_documents}


def _count_matrix(docs: Sequence[Sequence[str]], vocab: dict[str, int]) -> sp.csr_matrix:
    """documents x types count matrix; ``vocab`` grows with new types (the caller owns it)."""
    indptr, indices = [0], []
    for doc in docs:
        for tok in doc:
            indices.append(vocab.setdefault(tok, len(vocab)))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    mat = sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                        shape=(len(docs), len(vocab)))
    mat.sum_duplicates()
    return mat


def case_key(embedding, words: Sequence[str], policy: str) -> list[str]:
    """The word each of ``words`` is looked up as under a case policy (see the module doc). With a vocabulary:
    the vocabulary's word whose row the policy reads (``policies.resolve_rows``: "paris" reads "Paris" where
    only that is there), and for a word it has no row for, the word as the policy spells it (lowercased under
    ``lower``; as written otherwise, as fastText composes it). An open-vocabulary encoder without one reads
    every word as the policy spells it."""
    from wordeval.intrinsic.policies import resolve_rows

    words = list(words)
    spelled = [w.lower() for w in words] if policy == "lower" else words
    rows = resolve_rows(embedding, words, policy) if hasattr(embedding, "words") else None
    if rows is None:
        return spelled
    vocab = embedding.words
    return [vocab[r] if r >= 0 else w for w, r in zip(spelled, rows.tolist())]


def _word_seed(seed: int, word: str) -> list[int]:
    digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return [int(seed), int.from_bytes(digest, "little")]


@dataclass
class DocumentPooler:
    """Pool word vectors of tokenised documents into one vector each. Fit on train, transform any split.

    ``embedding`` is any WordLookup (``lookup(words) -> (vectors, found)``); its vectors are never modified.
    """

    embedding: Any
    method: str = "mean"
    oov: str = "skip"
    case: str = "exact-then-lower"
    seed: int = 0
    sif_a: float = SIF_A
    # fitted state
    _n_train_docs: int = field(default=0, init=False)
    _df: dict[str, int] = field(default_factory=dict, init=False)
    _freq: dict[str, float] = field(default_factory=dict, init=False)
    _sd: np.ndarray | None = field(default=None, init=False)
    _pc: np.ndarray | None = field(default=None, init=False)
    _fitted: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        _check("pooling method", self.method, POOLING_METHODS)
        _check("OOV policy", self.oov, OOV_POLICIES)
        check_case_policy(self.case)
        if not hasattr(self.embedding, "lookup"):
            raise ConfigError(f"{getattr(getattr(self.embedding, 'info', None), 'name', 'embedding')} has no "
                              "word lookup; pooled word features need one")
        self._cache: dict[str, tuple[np.ndarray, bool]] = {}
        self._key_cache: dict[str, str] = {}

    @property
    def n_features(self) -> int:
        return int(self.embedding.info.dim) + (1 if self.oov == "unk" else 0)

    def config(self) -> dict[str, Any]:
        cfg = {"pooling": self.method, "oov": self.oov, "case": self.case}
        if self.method == "sif":
            cfg["sif_a"] = self.sif_a
        return cfg

    # -- lookups ------------------------------------------------------------------------------------
    def _vectors(self, types: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        new = [t for t in types if t not in self._cache]
        if new:
            vecs, found = lookup_with_case(self.embedding, new, self.case)
            for t, v, f in zip(new, np.asarray(vecs, dtype=np.float64), found):
                self._cache[t] = (v, bool(f))
        dim = int(self.embedding.info.dim)
        mat = np.zeros((len(types), dim), dtype=np.float64)
        found = np.zeros(len(types), dtype=bool)
        keys = self._keys(types) if self.oov == "random" else types
        for i, t in enumerate(types):
            v, f = self._cache[t]
            found[i] = f
            if f:
                mat[i] = v
            elif self.oov == "random" and self._sd is not None:
                mat[i] = np.random.default_rng(_word_seed(self.seed, keys[i])).standard_normal(dim) * self._sd
        return mat, found

    def _keys(self, types: Sequence[str]) -> list[str]:
        new = [t for t in types if t not in self._key_cache]
        if new:
            self._key_cache.update(zip(new, case_key(self.embedding, new, self.case)))
        return [self._key_cache[t] for t in types]

    # -- fit / transform ----------------------------------------------------------------------------
    def fit(self, train_docs: Sequence[Sequence[str]]) -> "DocumentPooler":
        vocab: dict[str, int] = {}
        counts = _count_matrix(train_docs, vocab)
        types = sorted(vocab, key=vocab.get)
        self._n_train_docs = len(train_docs)
        # the statistics per word as looked up (``case_key``): the type columns summed per key
        keys = self._keys(types)
        key_index: dict[str, int] = {}
        column = np.fromiter((key_index.setdefault(k, len(key_index)) for k in keys), dtype=np.int64,
                             count=len(keys))
        merge = sp.csr_matrix((np.ones(len(keys)), (np.arange(len(keys)), column)), shape=(len(keys), len(key_index)))
        by_key = (counts @ merge).tocsc()
        by_key.eliminate_zeros()
        names = sorted(key_index, key=key_index.get)
        self._df = dict(zip(names, np.diff(by_key.indptr).tolist()))
        totals = np.asarray(by_key.sum(axis=0)).ravel()
        n_tokens = float(totals.sum()) or 1.0
        self._freq = {k: float(c) / n_tokens for k, c in zip(names, totals)}
        self._pc = None
        self._fitted = True
        vecs, found = self._vectors(types)
        if self.oov == "random":
            # over words as looked up: "The" and "the", one row under exact-then-lower, count once
            first = np.zeros(len(types), dtype=bool)
            first[np.unique(column, return_index=True)[1]] = True
            known = vecs[found & first]
            self._sd = known.std(axis=0) if len(known) else np.ones(vecs.shape[1])
        if self.method == "sif":
            x = self._pool(counts, types)[:, : self.embedding.info.dim]
            # Arora et al. fit TruncatedSVD(n_components=1) without centring; the top right-singular vector.
            # One BLAS thread: OpenBLAS splits LAPACK's reductions by thread count, which moved its last bits.
            with single_threaded_blas():
                _, _, vt = np.linalg.svd(x, full_matrices=False)
            self._pc = vt[0]
        return self

    def _weights(self, types: Sequence[str]) -> np.ndarray:
        if self.method == "mean":
            return np.ones(len(types))
        keys = self._keys(types)
        if self.method == "tfidf":
            n = self._n_train_docs
            df = np.array([self._df.get(k, 0) for k in keys], dtype=np.float64)
            return np.log((1.0 + n) / (1.0 + df)) + 1.0
        p = np.array([self._freq.get(k, 0.0) for k in keys], dtype=np.float64)
        return self.sif_a / (self.sif_a + p)

    def _pool(self, counts: sp.csr_matrix, types: Sequence[str]) -> np.ndarray:
        vecs, found = self._vectors(types)
        w = self._weights(types)
        weighted = counts @ sp.diags(w)  # c_t * w_t
        if self.oov == "skip":
            keep = sp.diags(found.astype(np.float64))
            numer = weighted @ keep @ vecs
            denom_w = (weighted @ keep).sum(axis=1) if self.method == "tfidf" else (counts @ keep).sum(axis=1)
        else:
            numer = weighted @ vecs
            denom_w = weighted.sum(axis=1) if self.method == "tfidf" else counts.sum(axis=1)
        denom = np.asarray(denom_w, dtype=np.float64).ravel()
        safe = np.where(denom > 0, denom, 1.0)
        x = np.asarray(numer) / safe[:, None]  # documents with nothing to pool stay zero
        if self.oov == "unk":
            oov_w = np.asarray((weighted @ sp.diags((~found).astype(np.float64))).sum(axis=1)).ravel()
            x = np.hstack([x, (oov_w / safe)[:, None]])
        if self._pc is not None:
            d = self.embedding.info.dim
            with single_threaded_blas():  # a matrix-vector product OpenBLAS also splits over its sum
                x[:, :d] -= np.outer(x[:, :d] @ self._pc, self._pc)
        return x

    def transform(self, docs: Sequence[Sequence[str]]) -> np.ndarray:
        """float64 ``(len(docs), n_features)`` document matrix."""
        if not self._fitted:
            raise ConfigError("DocumentPooler.transform called before fit (fit on the training split)")
        vocab: dict[str, int] = {}
        counts = _count_matrix(docs, vocab)
        return self._pool(counts, sorted(vocab, key=vocab.get))

    def oov_stats(self, docs: Sequence[Sequence[str]]) -> OOVStats:
        vocab: dict[str, int] = {}
        counts = _count_matrix(docs, vocab)
        types = sorted(vocab, key=vocab.get)
        _, found = self._vectors(types)
        totals = np.asarray(counts.sum(axis=0)).ravel()
        known_per_doc = np.asarray(counts @ found.astype(np.float64)).ravel()
        return OOVStats(tokens=int(totals.sum()), oov_tokens=int(totals[~found].sum()), types=len(types),
                        oov_types=int((~found).sum()), empty_documents=int((known_per_doc == 0).sum()))
