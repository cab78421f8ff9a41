"""Whatever a user has in hand becomes something wordeval can evaluate.

``as_embedding(obj)`` accepts: an object that already implements a protocol of
``wordeval.embeddings.base`` (returned as is); a path or spec string (``load_embedding``); a gensim
``KeyedVectors``; a sentence-transformers ``SentenceTransformer``; a ``dict`` word -> vector; a
``(words, matrix)`` pair. Vectors may be numpy arrays, nested lists or torch tensors (any dtype, on any
device, requiring grad or not: read as ``.detach().float().cpu()``; torch is never imported for it).

The static embedding is a snapshot: the caller's arrays are never modified or frozen, and a matrix the caller
can still write (a writeable array, or a read-only view of one) is copied, so that changing it afterwards
changes neither the embedding's vectors nor what is cached for it nor its fingerprint; an array nobody can
write (read-only all the way down) is shared without a copy. Words must be ``str``; duplicate words keep
their first row and are dropped with one warning, as the file loaders do; NaN, infinite or complex values,
and values beyond float32's range, are refused. Anything else is refused saying what to pass
(``wordeval.refused_objects``).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import warnings
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import replace
from typing import Any

import numpy as np

from wordeval.errors import ConfigError
from wordeval.readable_text import quoted
from wordeval.refused_objects import (HF_HINT, hugging_face_kind, pandas_object, pairs_refusal, refusal,
                                      word_vector_pairs)
from wordeval.visible_text import visible

EMPTY = "an embedding needs at least one word and its vector; got none"
_FLOAT32_MAX = float(np.finfo(np.float32).max)


def _is_embedding(obj: Any) -> bool:
    return hasattr(obj, "info") and any(hasattr(obj, m) for m in ("lookup", "encode_tokens", "encode_sentences",
                                                                "cluster_paths"))


def as_embedding(obj: Any, *, name: str | None = None, load_options=None):
    """Adapt ``obj`` (see the module docstring); ``name`` labels it in results (default: its kind and the
    first 8 hex digits of its fingerprint, "keyedvectors-1a2b3c4d": two unnamed objects get two labels);
    ``load_options``: how a path is read (``wordeval.evaluation.LOAD_OPTIONS``: allow_pickle, encoding_errors,
    format, vocab; default None: each at its value there)."""
    if name is not None and (not isinstance(name, str) or not name.strip()):
        # an empty name fell back to the default label ("dict") without a word, and 5 became the label "5"
        raise ConfigError(f"name: expected a non-empty label (a str), got {name!r}")
    if name is not None and visible(name) != name:
        # refused as a LABEL= of the command line is: a newline split every table row that named it, and
        # results.csv wrote a bidirectional control escaped where results.json kept it
        raise ConfigError(f"name {quoted(name)}: expected a label without control characters (a newline, tab, "
                          f"escape sequence or bidirectional control)")
    from wordeval.evaluation import check_load_options
    options = check_load_options(load_options)
    if options and not isinstance(obj, (str, os.PathLike)):
        # they were dropped without a word ({"format": "word2vec-bin"} beside a dict changed nothing); as in
        # run, a file's own option is an error and a reading policy a note
        what = f"a {type(obj).__name__}"
        per_file = [k for k, _ in options if k in ("format", "vocab")]
        if per_file:
            raise ConfigError(f"load option {per_file[0]} is for a file given by path, and {what} is not one")
        from wordeval.option_effects import note_file_options
        note_file_options({f"load option {k}": True for k, _ in options}, [what])
    # a class with a class-level info was read as an embedding, its methods unbound; pandas_object: see there
    if isinstance(obj, type) or pandas_object(obj):
        raise ConfigError(refusal(obj))
    if _is_embedding(obj):
        from wordeval.embeddings.user_object import user_embedding
        return user_embedding(obj, name)
    if isinstance(obj, (str, os.PathLike)):
        from wordeval.embeddings.load import load_embedding
        spec = os.fspath(obj)
        # the name only labels the result: pasted before the spec as NAME=SPEC, a name holding '=' or ':'
        # ("lr=0.1", "word2vec:corpus") was parsed as part of the spec (a wrong file, a training run)
        emb = load_embedding(spec, **dict(options))
        return emb.renamed(name) if name and hasattr(emb, "renamed") else emb
    if hasattr(obj, "index_to_key") and hasattr(obj, "vectors"):  # gensim KeyedVectors (duck-typed, no import)
        what = "KeyedVectors"
        from wordeval.embeddings.fasttext import with_gensim_subwords
        emb = with_gensim_subwords(_static(_words(obj.index_to_key, what), _matrix(obj.vectors, what),
                                           name, "gensim-keyedvectors", what, kind="keyedvectors"), obj)
        # the label was made before the n-gram vectors joined the fingerprint: two FastTextKeyedVectors of equal
        # vocabulary vectors but other n-grams got one label, and a comparison took them for one
        label = name or default_label("keyedvectors", emb.info.fingerprint)
        emb.info = replace(emb.info, name=label, parameters={**emb.info.parameters, "class": type(obj).__name__})
        return emb
    if hasattr(getattr(obj, "wv", None), "index_to_key"):  # a gensim Word2Vec / FastText model
        raise ConfigError(f"cannot evaluate a gensim {type(obj).__name__} model itself: pass its vectors, "
                          f"model.wv (a KeyedVectors)")
    if type(obj).__name__ == "SentenceTransformer" or (hasattr(obj, "encode") and hasattr(obj, "tokenizer")
                                                        and hasattr(obj, "__getitem__")):
        return SentenceTransformerAdapter(obj, name=name)
    if isinstance(obj, Mapping):
        what = "dict"
        words = _words(list(obj.keys()), what)
        return _static(words, _dict_matrix(words, list(obj.values()), what), name, "dict", what, kind="dict",
                       owned=True)
    if word_vector_pairs(obj):  # two pairs were read as (words, matrix): "words must be str, got ndarray"
        raise ConfigError(pairs_refusal(obj))
    if isinstance(obj, (tuple, list)) and len(obj) == 2 and any(hugging_face_kind(o) for o in obj):
        # read as (words, matrix), it was refused as "words must be a list of str ..., got BertModel"
        raise ConfigError(f"cannot evaluate a ({type(obj[0]).__name__}, {type(obj[1]).__name__}) pair: "
                          f"{HF_HINT}")
    if isinstance(obj, (tuple, list)) and len(obj) == 2:
        what = "(words, matrix)"
        words = _words(obj[0], what)
        matrix = _matrix(obj[1], what)
        owned = isinstance(obj[1], (list, tuple))  # nested lists: np.asarray built a new array
        if matrix.shape[0] != len(words):
            raise ConfigError(f"{what}: expected one matrix row per word, got {len(words)} words and "
                              f"{matrix.shape[0]} rows")
        return _static(words, matrix, name, "words+matrix", what, kind="matrix", owned=owned)
    raise ConfigError(refusal(obj))


def _words(words: Any, what: str) -> list[str]:
    """The vocabulary as a list of str, in order; anything else is refused (never ``str()``-ed)."""
    if isinstance(words, (str, bytes)):
        raise ConfigError(f"{what}: words must be a list of str, got one {type(words).__name__} {words[:40]!r} "
                          f"(it would be read as its characters)")
    # an iterator would be used up, a set has no order that matches the matrix rows
    if words is None or isinstance(words, (Iterator, Set, Mapping)) or not hasattr(words, "__len__") \
            or not hasattr(words, "__iter__"):
        raise ConfigError(f"{what}: words must be a list of str in the order of the rows, "
                          f"got {type(words).__name__}")
    words = list(words)
    for i, w in enumerate(words):
        if not isinstance(w, str):
            if isinstance(w, (bytes, bytearray)):
                # refused, not decoded: bytes read by hand from a file may be in another encoding, and guessing
                # one would silently change which words match
                raise ConfigError(f"{what}: words must be str, got bytes {bytes(w)[:40]!r} (word {i}): decode "
                                  f"them first, e.g. w.decode('utf-8')")
            # gensim 4's load_word2vec_format keeps a None key and a zero row for each duplicate word of the
            # file: the refusal alone did not say where the None came from or what to pass instead
            hint = ("; gensim leaves a None key (and a zero row) for each repeated word of a file it loaded, and "
                    "for rows allocated but never filled: give wordeval that file, which keeps a repeated word's "
                    "first row" if w is None and
                    what == "KeyedVectors" else "")
            raise ConfigError(f"{what}: words must be str, got {type(w).__name__} {w!r:.40} (word {i}){hint}")
    if not words:
        raise ConfigError(EMPTY)
    return words


def _plain(x: Any, what: str) -> Any:
    """A torch tensor as a numpy array (duck-typed: torch is not imported here); anything else as it is."""
    if hasattr(x, "detach") and hasattr(x, "cpu") and hasattr(x, "numpy") and hasattr(x, "is_complex"):
        # torch's own refusals ("can't convert Sparse layout tensor", "Cannot copy out of meta tensor") came
        # as a bare TypeError / NotImplementedError from deep inside the conversion
        layout = str(getattr(x, "layout", "torch.strided"))
        if layout != "torch.strided":
            raise ConfigError(f"{what}: a {layout.removeprefix('torch.')} tensor (shape {tuple(x.shape)}): wordeval "
                              f"holds dense vectors; pass tensor.to_dense() if it fits in memory")
        if getattr(x, "is_meta", False):
            raise ConfigError(f"{what}: a tensor on the meta device (shape {tuple(x.shape)}) holds no values: "
                              f"pass one with its data (e.g. after loading the weights)")
        t = x.detach()
        if t.is_complex():
            raise ConfigError(f"{what}: complex values ({t.dtype}): pass the real vectors (e.g. .real)")
        if str(t.dtype) != "torch.float64":  # float64 stays: its values are range-checked before float32
            t = t.float()  # bfloat16/float16/integers: numpy has no bfloat16
        return t.cpu().numpy()
    if isinstance(x, np.ma.MaskedArray) and np.ma.is_masked(x):
        # np.asarray drops the mask: the values under it, whatever they are, were scored as vectors
        raise ConfigError(f"{what}: a masked array with {int(np.ma.count_masked(x))} masked value(s): wordeval "
                          f"has no missing values in a vector; leave those words out, or fill them (.filled())")
    if hasattr(x, "toarray") and hasattr(x, "nnz"):  # scipy.sparse: densifying could need any amount of memory
        raise ConfigError(f"{what}: a scipy sparse matrix ({type(x).__name__}, shape {getattr(x, 'shape', '?')}): "
                          f"wordeval holds dense vectors; pass matrix.toarray() if it fits in memory")
    return x


def _numeric(m: np.ndarray, what: str) -> np.ndarray:
    if m.dtype.kind == "c":
        raise ConfigError(f"{what}: complex values (dtype {m.dtype}): pass the real vectors (e.g. .real)")
    if m.dtype.kind not in "biuf":
        raise ConfigError(f"{what}: vectors must hold numbers, got dtype {m.dtype} (convert with "
                          f"np.asarray(..., dtype=np.float32) if they are numbers)")
    return m


def _matrix(matrix: Any, what: str) -> np.ndarray:
    matrix = _plain(matrix, what)
    try:
        m = np.asarray(matrix)
    except (ValueError, TypeError):
        raise ConfigError(f"{what}: the matrix has rows of different lengths (or is not numbers)") from None
    if m.ndim == 1 and m.dtype == object and len(m) and all(np.ndim(r) == 1 for r in m):
        raise ConfigError(f"{what}: the matrix has rows of different lengths")
    _numeric(m, what)
    if m.ndim != 2:
        raise ConfigError(f"{what}: expected a 2-d matrix (one row per word), got shape {m.shape}")
    if m.shape[0] == 0:
        raise ConfigError(EMPTY)
    if m.shape[1] == 0:
        raise ConfigError(f"{what}: vectors of length 0")
    return m


def _dict_matrix(words: list[str], values: list, what: str) -> np.ndarray:
    arrays = []
    for w, v in zip(words, values):
        v = _plain(v, what)  # outside the try: its ConfigError (a ValueError) says more than the one below
        try:
            a = np.asarray(v)
        except (ValueError, TypeError):
            raise ConfigError(f"{what}: the vector of {w!r} is not a list of numbers") from None
        _numeric(a, what)
        if a.ndim != 1:
            raise ConfigError(f"{what}: every value must be a 1-d vector, got shape {a.shape} for {w!r}")
        if a.shape[0] != (arrays[0].shape[0] if arrays else a.shape[0]):
            raise ConfigError(f"{what}: every vector must have the same length: {w!r} has {a.shape[0]} values, "
                              f"{words[0]!r} has {arrays[0].shape[0]}")
        arrays.append(a)
    if arrays[0].shape[0] == 0:
        raise ConfigError(f"{what}: vectors of length 0")
    return np.stack(arrays)  # a new array: nothing of the caller's is shared


def _writeable_by_someone(m: np.ndarray) -> bool:
    """Whether the memory of ``m`` can still be written through some array (``m`` or an array it views)."""
    a: Any = m
    while isinstance(a, np.ndarray):
        if a.flags.writeable:
            return True
        a = a.base
    # a buffer that is not an ndarray (bytes, mmap opened read-only) that numpy nonetheless marks writeable
    # was caught above; a read-only one cannot be changed from Python
    return False


def _check_values(words: list[str], m: np.ndarray, what: str) -> None:
    """NaN, infinite, and (for wider floats) values beyond float32's range, by blocks of rows."""
    if m.dtype.kind != "f":
        return
    step = max(1, (1 << 22) // max(1, m.shape[1] * m.itemsize))
    for start in range(0, m.shape[0], step):
        block = m[start:start + step]
        with np.errstate(invalid="ignore", over="ignore"):
            ok = np.abs(block) <= _FLOAT32_MAX  # False for NaN and +-inf too
        if not ok.all():
            i, j = (int(k[0]) for k in np.nonzero(~ok))
            bad = block[i, j]
            why = "" if not np.isfinite(bad) else " (beyond float32's range, 3.4e38)"
            raise ConfigError(f"{what}: the vector of {words[start + i]!r} holds {float(bad)} in dimension {j + 1}"
                              f"{why}; vectors must be finite float32 numbers")


def default_label(kind: str, fingerprint: str) -> str:
    """The label of an object given without a name: its kind and its fingerprint's first 8 hex digits. Two
    unnamed KeyedVectors were both labelled "keyedvectors": in one store or comparison they were taken for one
    representation, and a compare kept the later's records only."""
    return f"{kind}-{fingerprint.split(':', 1)[-1][:8]}"


def _static(words: list[str], matrix: np.ndarray, name: str | None, fmt: str, what: str, *, kind: str,
            owned: bool = False):
    """``owned``: ``matrix`` was built here (nothing of the caller's), so it needs no snapshot copy."""
    from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
    from wordeval.embeddings.vector_checks import LoaderWarning, _first_occurrences

    _check_values(words, matrix, what)
    parameters: dict[str, Any] = {}
    keep = _first_occurrences(words)
    if keep is not None:
        n_dup = int((~keep).sum())
        first = int(np.flatnonzero(~keep)[0])
        warnings.warn(f"{what}: {n_dup} duplicate word(s) dropped, first occurrence kept "
                      f"(first duplicate {words[first]!r} at index {first})", LoaderWarning, stacklevel=3)
        words = [w for w, k in zip(words, keep) if k]
        matrix = matrix[keep]  # a copy
        parameters["duplicates_dropped"] = n_dup
    # The snapshot: a float32 copy unless nobody can write the caller's memory (then shared, read-only).
    if matrix.dtype != np.float32:
        matrix = matrix.astype(np.float32)
    elif keep is None and not owned and _writeable_by_someone(matrix):
        matrix = matrix.copy()
    fingerprint = content_fingerprint(words, matrix)
    info = EmbeddingInfo(name=name or default_label(kind, fingerprint), source=f"<{fmt}>", format=fmt,
                         dim=int(matrix.shape[1]), vocab_size=len(words), fingerprint=fingerprint,
                         parameters=parameters)
    return StaticEmbedding(words, matrix, info, frequency_ordered=False)


def _pipeline_of(model) -> list[dict]:
    """A sentence-transformers model's modules in order, each with its settings (``get_config_dict``)."""
    out = []
    for module in (model.children() if hasattr(model, "children") else ()):
        get = getattr(module, "get_config_dict", None)
        try:
            config = dict(get()) if callable(get) else {}
        except Exception:  # a custom module whose config cannot be read still has a name
            config = {}
        out.append({"module": type(module).__name__, **config})
    out.append({"max_seq_length": getattr(model, "max_seq_length", None)})
    return out


# a tokenizer's or config's own path and the library version say where it came from, not what it computes
_PROVENANCE_KEYS = ("_name_or_path", "name_or_path", "transformers_version", "_commit_hash", "vocab_file",
                    "tokenizer_file", "merges_file")
# set on the backend tokenizer by each call (padding=True, truncation=...): not a property of the model
_CALL_STATE_KEYS = ("truncation", "padding")


def _first_transformer(model):
    """The Hugging Face model inside a sentence-transformers pipeline, or None (a pipeline of static word
    vectors has none)."""
    try:
        first = model[0]
    except (TypeError, IndexError, KeyError):
        return None
    return getattr(first, "auto_model", None)


def _config_state(auto_model) -> dict:
    config = getattr(auto_model, "config", None)
    to_dict = getattr(config, "to_dict", None)
    if not callable(to_dict):
        return {}
    return {k: v for k, v in to_dict().items() if k not in _PROVENANCE_KEYS}


def _tokenizer_state(tokenizer) -> dict:
    """What decides a tokenizer's pieces: a fast tokenizer's whole pipeline (normalizer, pre-tokenizer,
    vocabulary, post-processor), a slow one's vocabulary and settings."""
    if tokenizer is None:
        return {}
    state: dict[str, Any] = {"class": type(tokenizer).__name__}
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None and hasattr(backend, "to_str"):
        pipeline = json.loads(backend.to_str())
        state["backend"] = {k: v for k, v in pipeline.items() if k not in _CALL_STATE_KEYS}
    elif callable(getattr(tokenizer, "get_vocab", None)):
        state["vocab"] = sorted(tokenizer.get_vocab().items())
    init = getattr(tokenizer, "init_kwargs", None) or {}
    state["settings"] = {k: v for k, v in init.items() if k not in _PROVENANCE_KEYS}
    return state


def _tensor_bytes(tensor) -> bytes:
    """A tensor's bytes as stored. bfloat16 (and float8) have no numpy dtype: ``.numpy()`` raised TypeError for
    a SentenceTransformer loaded in bfloat16, which transformers 5 does for a checkpoint stored so."""
    t = tensor.detach().cpu().contiguous()
    try:
        return t.numpy().tobytes()
    except TypeError:
        import torch
        return t.reshape(-1).view(torch.uint8).numpy().tobytes()


class SentenceTransformerAdapter:
    """A sentence-transformers model as a sentence encoder (its own pooling) and a token encoder (first
    sub-word of each word, last layer; words past the model's length limit get zero vectors, with a note)."""

    # an encoder answers any word, so it has no rows a list of words could give it (``without_rows``)
    open_vocabulary = True

    def __init__(self, model, *, name: str | None = None):
        from wordeval.embeddings.base import EmbeddingInfo
        from wordeval.embeddings.model_citations import folder_citation

        self.model = model
        h = hashlib.sha256()
        for key, tensor in sorted(model.state_dict().items()):
            h.update(key.encode())
            h.update(_tensor_bytes(tensor))
        # and what the weights do not hold: the modules and their settings (max_seq_length 8 instead of 256
        # moved an STS score from 0.56 to 0.10 under one fingerprint; pooling and Normalize have no weights),
        # the tokenizer and the architecture's config (an uncased and a cased tokenizer over equal weights
        # shared one fingerprint, so a store or the encoding cache served one's vectors for the other)
        pipeline = _pipeline_of(model)
        h.update(json.dumps(pipeline, sort_keys=True, default=str).encode())
        transformer = _first_transformer(model)
        h.update(json.dumps({"tokenizer": _tokenizer_state(getattr(model, "tokenizer", None)),
                             "config": _config_state(transformer)}, sort_keys=True, default=str).encode())
        model_type = getattr(getattr(transformer, "config", None), "model_type", None)
        # sentence-transformers >= 6 renamed the method (the old name warns); older releases have only the old one
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = int(get_dim())
        fingerprint = "sha256:" + h.hexdigest()
        self.info = EmbeddingInfo(name=name or default_label("sentence-transformer", fingerprint),
                                  source="<SentenceTransformer>",
                                  format="sentence-transformer", dim=dim, vocab_size=None,
                                  fingerprint=fingerprint,
                                  parameters={"class": type(model).__name__, "model_type": model_type,
                                              "pooling": "model's own", "token_features": "first sub-word",
                                              "pipeline": pipeline},
                                  citation=folder_citation(model_type, sentence_transformers=True))

    @property
    def sentence_max_length(self) -> int | None:
        return getattr(self.model, "max_seq_length", None)

    def count_cut_texts(self, texts: Sequence[str]) -> int:
        """How many of ``texts`` the model cuts at ``max_seq_length`` tokens (specials counted), as
        ``BertEncoder.count_cut_texts``: recorded as ``extra.cut_texts``."""
        from wordeval.embeddings.cut_texts import count_longer

        tokenizer, limit = getattr(self.model, "tokenizer", None), self.sentence_max_length
        if limit is None or not callable(tokenizer):
            return 0
        return count_longer(tokenizer, texts, limit)

    def encode_sentences(self, texts: Sequence[str], *, pooling: str = "mean") -> np.ndarray:
        if pooling != "mean":  # it was ignored, and the record said pooling=cls over the model's own vectors
            modules = ", ".join(m["module"] for m in self.info.parameters["pipeline"] if "module" in m)
            raise ConfigError(f"pooling={pooling!r}: a SentenceTransformer pools with its own modules ({modules}); "
                              "leave pooling at its default, or load the model folder as bert:model=PATH to choose it")
        return np.asarray(self.model.encode(list(texts), convert_to_numpy=True, show_progress_bar=False),
                          dtype=np.float32)

    def encode_tokens(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        import torch

        from wordeval.embeddings.bert_support import pretokenized_tokenizer

        transformer = self.model[0]
        auto = transformer.auto_model
        # a byte-level BPE (a RoBERTa-based model) must mark each word as preceded by a space
        if getattr(self, "_words_of", None) is not transformer.tokenizer:
            self._words_of, self._word_tokenizer = transformer.tokenizer, pretokenized_tokenizer(transformer.tokenizer)
        tokenizer = self._word_tokenizer
        limit = getattr(transformer, "max_seq_length", None) or 512
        out = []
        zero = 0
        with torch.inference_mode():
            for words in sentences:
                words = list(words)
                vecs = np.zeros((len(words), auto.config.hidden_size), dtype=np.float32)
                if words:
                    enc = tokenizer(words, is_split_into_words=True, truncation=True, return_tensors="pt",
                                    max_length=limit)
                    states = auto(**{k: v.to(auto.device) for k, v in enc.items()}).last_hidden_state[0]
                    states = states.float().cpu().numpy()
                    seen = set()
                    for pos, w in enumerate(enc.word_ids(0)):
                        if w is not None and w not in seen:
                            seen.add(w)
                            vecs[w] = states[pos]
                    zero += len(words) - len(seen)
                out.append(vecs)
        if zero:  # they were zero rows without a word, past the cut of a long sentence
            logging.getLogger("wordeval.notices").warning(
                "wordeval: note: %s: %d of %d words have zero token features: past the model's max_seq_length "
                "of %d tokens, or without any piece (a bert:model=FOLDER encoder reads long sentences in "
                "windows)", self.info.name, zero, sum(map(len, sentences)), limit)
        return out
