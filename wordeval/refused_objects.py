"""What ``as_embedding`` says of an object it does not take: its kind, what it lacks, and what to pass.

A researcher tries what is in hand: a function, a torch module, a pandas DataFrame, a generator of
(word, vector) pairs. Each was told "cannot evaluate a function: expected a path or spec, a wordeval
embedding, ..." (or "a Embedding"), which named neither what was missing nor the wrapping that would do.
Everything is duck-typed: nothing here imports torch, pandas or transformers.
"""
from __future__ import annotations

import functools
import types
from collections.abc import Iterator
from typing import Any

import numpy as np

HF_HINT = ("a Hugging Face model or tokenizer is not taken in memory: save both with "
           ".save_pretrained(FOLDER) and pass 'bert:model=FOLDER', or wrap them in a "
           "sentence_transformers.SentenceTransformer")
# the protocol of wordeval.embeddings.base, as an object of the user's implements it
WRAP = ("an object with info (a wordeval.embeddings.base.EmbeddingInfo) and lookup(words) -> "
        "(vectors, found) or encode_sentences(texts) -> matrix")
ACCEPTED = ("expected a path or spec, a gensim KeyedVectors, a SentenceTransformer, a dict word -> vector, a "
            f"(words, matrix) pair, or {WRAP}")
FUNCTIONS = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, functools.partial)


def a(kind: str) -> str:
    """``kind`` with its indefinite article: "an Embedding", "a DataFrame"."""
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"


def hugging_face_kind(obj: Any) -> bool:
    """A transformers model (a config and weights) or tokenizer, duck-typed: transformers is not imported."""
    model = hasattr(obj, "config") and hasattr(obj, "state_dict") and hasattr(obj, "forward")
    return model or hasattr(obj, "convert_tokens_to_ids")


def word_vector_pairs(obj: Any) -> bool:
    """A list or tuple of (word, vector) pairs, as ``list(d.items())`` or ``list(zip(words, vectors))``."""
    def pair(p: Any) -> bool:
        vector = isinstance(p, (list, tuple)) and len(p) == 2 and not isinstance(p[1], (str, bytes)) \
            and (hasattr(p[1], "__len__") or hasattr(p[1], "shape"))
        return vector and isinstance(p[0], str)

    return isinstance(obj, (list, tuple)) and bool(obj) and all(pair(p) for p in obj[:2])


def pandas_object(obj: Any) -> bool:
    """A pandas DataFrame or Series, known by its class: its attributes cannot tell, since a Series indexed by
    words answers ``s.info`` or ``s.lookup`` with the vector of the word "info" or "lookup", and was taken for
    an object of the user's ("the info of a Series: expected a wordeval.embeddings.base.EmbeddingInfo")."""
    return type(obj).__module__.split(".")[0] == "pandas" and type(obj).__name__ in ("DataFrame", "Series")


def _torch_module(obj: Any) -> bool:
    return all(callable(getattr(obj, m, None)) for m in ("forward", "state_dict", "parameters"))


def _tensor(obj: Any) -> bool:
    return all(hasattr(obj, m) for m in ("detach", "cpu", "shape", "dtype"))


def refusal(obj: Any) -> str:
    """The one-line ConfigError message for an ``obj`` that ``as_embedding`` does not take."""
    kind = type(obj).__name__
    if obj is None:
        return f"cannot evaluate None: {ACCEPTED}"
    if isinstance(obj, type):
        return f"cannot evaluate the class {obj.__name__} itself: pass an instance of it, {obj.__name__}(...)"
    if isinstance(obj, FUNCTIONS):
        # a function could be a lookup, a sentence encoder or a token encoder, and its dim, name and
        # fingerprint are unknown until it is called: nothing a record could be keyed by
        name = getattr(getattr(obj, "func", obj), "__qualname__", kind)
        return (f"cannot evaluate a function ({name}): wordeval calls the methods of an object that says "
                f"what it is, not a bare function; wrap it in {WRAP}, or pass the vectors it gives as a "
                "dict word -> vector")
    if hugging_face_kind(obj):
        return f"cannot evaluate {a(kind)}: {HF_HINT}"
    methods = [m for m in ("lookup", "encode_tokens", "encode_sentences") if callable(getattr(obj, m, None))]
    if methods and not hasattr(obj, "info"):
        # it was told it is not "a wordeval embedding" without a word on the one attribute it lacks
        return (f"cannot evaluate {a(kind)}: it has {', '.join(methods)} but no 'info' attribute (a "
                "wordeval.embeddings.base.EmbeddingInfo: name, source, format, dim, vocab_size, "
                "fingerprint), which a wordeval embedding needs")
    if pandas_object(obj) and kind == "DataFrame":
        # not guessed: the words may be its index or one of its columns (read_csv gives a RangeIndex)
        return ("cannot evaluate a pandas DataFrame: pass (list(df.index), df.to_numpy()) where its index "
                "holds the words (df.set_index(COLUMN) first where a column does)")
    if pandas_object(obj):
        return ("cannot evaluate a pandas Series: pass series.to_dict() (word -> vector) where its index "
                "holds the words")
    if _torch_module(obj):
        if hasattr(obj, "weight") and hasattr(obj, "num_embeddings"):  # nn.Embedding: a table of rows
            return (f"cannot evaluate a torch {kind}: its rows have no words; pass (words, module.weight) "
                    "with the word of each row, in order")
        return (f"cannot evaluate a torch module ({kind}): wordeval does not run a module, whose inputs it "
                f"cannot know; wrap it in {WRAP}, or pass the word vectors it gives as (words, matrix)")
    if isinstance(obj, np.ndarray) or _tensor(obj):
        library = type(obj).__module__.split(".")[0]
        what = "numpy array" if isinstance(obj, np.ndarray) else f"{library} {kind}"
        return (f"cannot evaluate {a(what)} alone (shape {tuple(obj.shape)}): a matrix has no words; pass "
                "(words, matrix) with the word of each row, in order")
    if isinstance(obj, Iterator):
        return (f"cannot evaluate {a(kind)}: an iterator can be read only once, and an embedding is read "
                "again for every task; pass dict(...) of its (word, vector) pairs, or a (words, matrix) "
                "pair")
    if word_vector_pairs(obj):
        return pairs_refusal(obj)
    if callable(getattr(obj, "encode", None)):
        return (f"cannot evaluate {a(kind)}: it has encode() but no info and encode_sentences(texts) -> "
                "matrix, which wordeval calls (a sentence_transformers.SentenceTransformer is taken as it "
                f"is); wrap it in {WRAP}")
    if callable(obj):
        return (f"cannot evaluate {a(kind)}: it is callable, but wordeval calls named methods, not the "
                f"object; wrap it in {WRAP}")
    return f"cannot evaluate {a(kind)}: {ACCEPTED}"


def pairs_refusal(obj: Any) -> str:
    return (f"cannot evaluate {a(type(obj).__name__)} of (word, vector) pairs: pass dict(pairs) "
            "(word -> vector), or (words, matrix)")
