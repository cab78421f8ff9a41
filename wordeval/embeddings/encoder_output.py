"""What a representation's ``encode_sentences``, ``encode_tokens`` or ``lookup`` returned, checked before any
score is computed from it.

An object of the user's (any object with ``info`` and one of those methods) may return the wrong thing: vectors
of another length than its ``info.dim``, a row or a sentence too many or too few, a 1-d array, None, strings.
Unchecked, the rows were paired with the wrong items or scored (NaN, or a number under the wrong ``dim`` in the
record), or numpy's AxisError / ValueError came from deep inside a scorer.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from wordeval.errors import ConfigError


def sentence_matrix(embedding, out: Any, texts: Sequence[str], *, dtype=np.float32,
                    via: str = "encode_sentences") -> np.ndarray:
    """``out`` as a ``(len(texts), embedding.info.dim)`` matrix of finite numbers, else a ConfigError that names
    the representation and what was expected."""
    info = getattr(embedding, "info", None)  # scorers' own callers may pass a bare encoder
    name, dim, n = getattr(info, "name", type(embedding).__name__), getattr(info, "dim", None), len(texts)
    want = f"a ({n}, {dim}) matrix of numbers (one row per text, info.dim columns)"
    if out is None:  # np.asarray made it a 0-d NaN
        raise ConfigError(f"{name}: {via} returned None; expected {want}")
    try:
        matrix = np.asarray(out, dtype=dtype)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}: {via} returned {_kind(out)}; expected {want}") from None
    if matrix.ndim != 2 or matrix.shape[0] != n or (isinstance(dim, int) and dim > 0 and matrix.shape[1] != dim):
        raise ConfigError(f"{name}: {via} returned shape {matrix.shape} for {n} texts; expected {want}")
    from wordeval.intrinsic.similarity import check_finite_vectors

    check_finite_vectors(embedding, matrix, list(texts), via=via)
    return matrix


def takes_pooling(embedding) -> bool:
    """Whether ``embedding.encode_sentences`` takes a ``pooling`` keyword. wordeval's encoders do; an object
    of the user's, written to the README's ``encode_sentences(texts)``, pools its own way, and STS passing it
    ``pooling=`` failed with Python's TypeError "got an unexpected keyword argument 'pooling'"."""
    import inspect

    try:
        params = inspect.signature(embedding.encode_sentences).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: asked as before
        return True
    return any(p.name == "pooling" and p.kind != p.POSITIONAL_ONLY or p.kind == p.VAR_KEYWORD for p in params)


def _kind(out: Any) -> str:
    dtype = getattr(out, "dtype", None)
    return f"{type(out).__name__} of dtype {dtype}" if dtype is not None else f"a {type(out).__name__}"


def token_matrices(embedding, out: Any, sentences: Sequence[Sequence[str]], *, dtype=np.float32,
                   via: str = "encode_tokens") -> list[np.ndarray]:
    """``out`` as one ``(len(sentence), embedding.info.dim)`` matrix of finite numbers per sentence, else a
    ConfigError naming the representation, the sentence and what was expected (a shorter list was zipped away
    from the last sentences, a NaN vector was a tagger's feature)."""
    info = getattr(embedding, "info", None)
    name, dim = getattr(info, "name", type(embedding).__name__), getattr(info, "dim", None)
    try:
        arrays = list(out)
    except TypeError:
        raise ConfigError(f"{name}: {via} returned {_kind(out)}; expected a list of {len(sentences)} "
                          f"(tokens, {dim}) matrices, one per sentence") from None
    if len(arrays) != len(sentences):
        raise ConfigError(f"{name}: {via} returned {len(arrays)} matrices for {len(sentences)} sentences; "
                          f"expected one (tokens, {dim}) matrix per sentence")
    matrices = []
    for words, array in zip(sentences, arrays):
        want = f"a ({len(words)}, {dim}) matrix (one row per token, info.dim columns)"
        shown = " ".join(words)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        try:
            matrix = np.asarray(array, dtype=dtype) if array is not None else None
        except (TypeError, ValueError):
            matrix = None
        if matrix is None:
            raise ConfigError(f"{name}: {via} returned {_kind(array)} for {shown!r}; expected {want}")
        if matrix.ndim != 2 or matrix.shape[0] != len(words) or (isinstance(dim, int) and dim > 0
                                                                  and matrix.shape[1] != dim):
            raise ConfigError(f"{name}: {via} returned shape {matrix.shape} for {shown!r}; expected {want}")
        if not np.isfinite(matrix).all():
            raise ConfigError(f"{name}: {via} returned a non-finite vector (NaN or inf) for {shown!r}; vectors "
                              f"must be finite")
        matrices.append(matrix)
    return matrices


def lookup_result(embedding, out: Any, words: Sequence[str], *, via: str = "lookup") -> tuple[np.ndarray, np.ndarray]:
    """``out`` as ``(vectors, found)``: a ``(len(words), info.dim)`` matrix and a bool mask of ``len(words)``,
    else a ConfigError naming the representation and what was expected (vectors shorter than info.dim gave a
    NaN score, a bare matrix "too many values to unpack")."""
    info = getattr(embedding, "info", None)
    name, dim, n = getattr(info, "name", type(embedding).__name__), getattr(info, "dim", None), len(words)
    want = f"(vectors, found): a ({n}, {dim}) matrix of numbers and {n} booleans, for {n} words"
    try:
        vectors, found = out
        vectors, found = np.asarray(vectors, dtype=np.float32), np.asarray(found)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}: {via} returned {_kind(out)}; expected {want}") from None
    if vectors.ndim != 2 or vectors.shape[0] != n or (isinstance(dim, int) and dim > 0 and vectors.shape[1] != dim) \
            or found.shape != (n,) or found.dtype.kind not in "bui":
        raise ConfigError(f"{name}: {via} returned vectors of shape {vectors.shape} and found of shape "
                          f"{found.shape} ({found.dtype}); expected {want}")
    return vectors, found.astype(bool, copy=False)
