"""Whatever a user has in hand becomes something wordeval can evaluate.

``as_embedding(obj)`` accepts: an object that already implements a protocol of
``wordeval.embeddings.base`` (returned as is); a path or spec string (``load_embedding``); a gensim
``KeyedVectors``; a sentence-transformers ``SentenceTransformer``; a ``dict`` word -> vector; a
``(words, matrix)`` pair. The caller's arrays are never modified or frozen: the static embedding keeps a
read-only view (or a copy where a conversion to float32 is needed).
"""
from __future__ import annotations

import hashlib
import os
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.errors import ConfigError


def _is_embedding(obj: Any) -> bool:
    return hasattr(obj, "info") and any(hasattr(obj, m) for m in ("lookup", "encode_tokens", "encode_sentences",
                                                                "cluster_paths"))


def as_embedding(obj: Any, *, name: str | None = None, load_options=None):
    """Adapt ``obj`` (see the module docstring); ``name`` labels it in results (default: a type-based name);
    ``load_options``: how a path is read (``wordeval.evaluation.LOAD_OPTIONS``: allow_pickle, encoding_errors,
    format, vocab)."""
    if _is_embedding(obj):
        return obj.renamed(name) if name and hasattr(obj, "renamed") else obj
    if isinstance(obj, (str, os.PathLike)):
        from wordeval.embeddings.load import load_embedding
        from wordeval.evaluation import check_load_options
        spec = os.fspath(obj)
        return load_embedding(f"{name}={spec}" if name else spec, **dict(check_load_options(load_options)))
    if hasattr(obj, "index_to_key") and hasattr(obj, "vectors"):  # gensim KeyedVectors (duck-typed, no import)
        return _static(list(obj.index_to_key), obj.vectors, name or "keyedvectors", "gensim-keyedvectors")
    if type(obj).__name__ == "SentenceTransformer" or (hasattr(obj, "encode") and hasattr(obj, "tokenizer")
                                                        and hasattr(obj, "__getitem__")):
        return SentenceTransformerAdapter(obj, name=name)
    if isinstance(obj, Mapping):
        if not obj:
            raise ConfigError("an embedding dict needs at least one word")
        words = [str(w) for w in obj]
        try:
            matrix = np.stack([np.asarray(v, dtype=np.float32) for v in obj.values()])
        except ValueError:
            raise ConfigError("an embedding dict must map every word to a vector of the same length") from None
        return _static(words, matrix, name or "dict", "dict")
    if isinstance(obj, (tuple, list)) and len(obj) == 2:
        words, matrix = obj
        matrix = np.asarray(matrix)
        if matrix.ndim != 2 or len(words) != matrix.shape[0]:
            raise ConfigError(f"(words, matrix): expected {len(words)} words and a 2-d matrix with as many rows, "
                              f"got shape {matrix.shape}")
        return _static([str(w) for w in words], matrix, name or "matrix", "words+matrix")
    raise ConfigError(f"cannot evaluate a {type(obj).__name__}: expected a path or spec, a wordeval embedding, a "
                      f"gensim KeyedVectors, a SentenceTransformer, a dict word -> vector or a (words, matrix) pair")


def _static(words: Sequence[str], matrix, name: str, fmt: str):
    from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint

    matrix = np.asarray(matrix)
    if matrix.ndim != 2:
        raise ConfigError(f"expected a 2-d matrix, got shape {matrix.shape}")
    if not np.isfinite(matrix).all():
        raise ConfigError(f"{name}: the matrix holds NaN or infinite values")
    info = EmbeddingInfo(name=name, source=f"<{fmt}>", format=fmt, dim=int(matrix.shape[1]), vocab_size=len(words),
                         fingerprint=content_fingerprint(list(words), matrix))
    return StaticEmbedding(list(words), matrix, info, frequency_ordered=False)


class SentenceTransformerAdapter:
    """A sentence-transformers model as a sentence encoder (its own pooling) and a token encoder (first
    sub-word of each word, last layer; words past the model's length limit get zero vectors)."""

    def __init__(self, model, *, name: str | None = None):
        from wordeval.embeddings.base import EmbeddingInfo

        self.model = model
        h = hashlib.sha256()
        for key, tensor in sorted(model.state_dict().items()):
            h.update(key.encode())
            h.update(tensor.detach().cpu().contiguous().numpy().tobytes())
        # sentence-transformers >= 6 renamed the method (the old name warns); older releases have only the old one
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = int(get_dim())
        self.info = EmbeddingInfo(name=name or "sentence-transformer", source="<SentenceTransformer>",
                                  format="sentence-transformer", dim=dim, vocab_size=None,
                                  fingerprint="sha256:" + h.hexdigest(),
                                  parameters={"pooling": "model's own", "token_features": "first sub-word"})

    def encode_sentences(self, texts: Sequence[str], *, pooling: str = "mean") -> np.ndarray:
        return np.asarray(self.model.encode(list(texts), convert_to_numpy=True, show_progress_bar=False),
                          dtype=np.float32)

    def encode_tokens(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        import torch

        transformer = self.model[0]
        tokenizer, auto = transformer.tokenizer, transformer.auto_model
        out = []
        with torch.inference_mode():
            for words in sentences:
                words = list(words)
                vecs = np.zeros((len(words), auto.config.hidden_size), dtype=np.float32)
                if words:
                    enc = tokenizer(words, is_split_into_words=True, truncation=True, return_tensors="pt",
                                    max_length=getattr(transformer, "max_seq_length", None) or 512)
                    states = auto(**{k: v.to(auto.device) for k, v in enc.items()}).last_hidden_state[0]
                    states = states.float().cpu().numpy()
                    seen = set()
                    for pos, w in enumerate(enc.word_ids(0)):
                        if w is not None and w not in seen:
                            seen.add(w)
                            vecs[w] = states[pos]
                out.append(vecs)
        return out
