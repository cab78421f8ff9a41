"""gensim ``KeyedVectors.save`` files (``.kv``/``.model``). They are pickles, and unpickling a file can
run arbitrary code, so they load only when the caller passes ``allow_pickle=True`` (``--allow-pickle``)."""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import check_file
from wordeval.embeddings.text_format import _default_name
from wordeval.embeddings.vector_checks import finish_vectors
from wordeval.errors import ConfigError, InputFormatError, WordevalError


def load_gensim_kv(path: str | os.PathLike, *, allow_pickle: bool = False, name: str | None = None,
                   encoding_errors: str = "strict") -> StaticEmbedding:
    path = check_file(path)
    if not allow_pickle:
        raise ConfigError(f"{path}: expected allow_pickle=True (--allow-pickle) to load a gensim KeyedVectors "
                          "file, which is a pickle and can run code when loaded; got allow_pickle=False")
    from gensim.models import KeyedVectors

    gensim_log = logging.getLogger("gensim")
    level = gensim_log.level
    # gensim logs "loading KeyedVectors object from ..." and a lifecycle event (date, platform) at INFO: two
    # lines on every load, and before the one-line error of a pickle that is not KeyedVectors
    gensim_log.setLevel(max(level, logging.WARNING))
    try:
        kv = KeyedVectors.load(os.fspath(path), mmap="r")
    except WordevalError:
        raise
    except Exception as exc:
        detail = str(exc).split("\n")[0][:160]
        other = re.match(r"'(\w+)' object has no attribute '_load_specials'", detail)
        if isinstance(exc, AttributeError) and other:
            # gensim unpickles first and fails on what is not one of its objects (a pickled {word: vector} dict),
            # which read as gensim's AttributeError rather than as a pickle of something else
            name = other.group(1)
            hint = (" (give the dict to wordeval.evaluate in Python, or save it as text vectors)"
                    if name == "dict" else "")
            raise InputFormatError(path, None, "a gensim KeyedVectors file",
                                   f"a pickled {name}, not a gensim object{hint}") from None
        raise InputFormatError(path, None, "a gensim KeyedVectors file", f"{type(exc).__name__}: {detail}") from None
    finally:
        gensim_log.setLevel(level)
    kv = getattr(kv, "wv", kv)  # a full Word2Vec/FastText model carries its vectors in .wv
    if not hasattr(kv, "index_to_key"):
        raise InputFormatError(path, None, "a gensim KeyedVectors file", type(kv).__name__)
    words = [str(w) for w in kv.index_to_key]
    vectors = np.asarray(kv.vectors, dtype=np.float32)
    words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=lambda i: None)
    info = EmbeddingInfo(name=name or _default_name(path), source=str(path.resolve()), format="gensim-kv",
                         dim=int(vectors.shape[1]), vocab_size=len(words),
                         fingerprint=content_fingerprint(words, vectors),
                         parameters={"allow_pickle": True, **facts})
    from wordeval.embeddings.fasttext import with_gensim_subwords

    return with_gensim_subwords(StaticEmbedding(words, vectors, info), kv)
