"""gensim ``KeyedVectors.save`` files (``.kv``/``.model``). They are pickles, and unpickling a file can
run arbitrary code, so they load only when the caller passes ``allow_pickle=True`` (``--allow-pickle``)."""
from __future__ import annotations

import io
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


# the ops that only memoise or frame: the last op before STOP besides them built the pickle's top-level object
_BOOKKEEPING = {"MEMOIZE", "PUT", "BINPUT", "LONG_BINPUT", "FRAME", "STOP"}
_CONTAINERS = {"TUPLE": "tuple", "TUPLE1": "tuple", "TUPLE2": "tuple", "TUPLE3": "tuple",
               "EMPTY_TUPLE": "tuple", "LIST": "list", "APPEND": "list", "APPENDS": "list",
               "EMPTY_LIST": "list",
               "DICT": "dict", "SETITEM": "dict", "SETITEMS": "dict", "EMPTY_DICT": "dict"}
# protocols 0 and 1 pickle an object as copy_reg._reconstructor(its class, ...): the class, named next, says
# what it is; taken for the object, a gensim file of protocol 0 was "a pickled copy_reg._reconstructor"
_RECONSTRUCTOR = {"copy_reg _reconstructor", "copyreg _reconstructor"}
_HINTS = {"dict": " (give the dict to wordeval.evaluate in Python, or save it as text vectors)",
          "tuple": " (Polyglot's polyglot-LANG.pkl is a (words, matrix) tuple: in Python, words, matrix = "
                   "pickle.load(f, encoding='latin1') and give (words, matrix) to wordeval.evaluate, or save "
                   "them as text vectors)"}


class _Unseekable:
    """A stream without ``tell``: pickletools asks where it is (a seek), which a decompressing stream cannot
    say."""

    def __init__(self, stream):
        self.read, self.readline = stream.read, stream.readline


def _not_gensim(path) -> str | None:
    """What a pickle holds when it is not a gensim object ('dict', 'tuple', 'numpy.ndarray'), read from its
    opcodes without unpickling it; None for a gensim object or a pickle these opcodes do not settle. Unpickled
    to find out, a Polyglot (words, matrix) tuple or a {word: vector} dict ran whatever the file holds, and
    without --allow-pickle it was refused as a gensim file that the flag would load."""
    import pickletools

    from wordeval.embeddings.file_io import open_binary

    first = last = None
    wrapped = False
    strings: list[str] = []
    try:
        with open_binary(path, text=False) as raw:
            for op, arg, _ in pickletools.genops(_Unseekable(io.BufferedReader(raw))):
                name = op.name
                if name in _BOOKKEEPING or name == "PROTO":
                    continue
                if first is None and isinstance(arg, str) and len(strings) < 2 and "UNICODE" in name:
                    strings.append(arg)  # STACK_GLOBAL's module and class come first as two strings
                    continue
                if first is None and name == "GLOBAL" and arg in _RECONSTRUCTOR:
                    wrapped = True
                    continue
                if first is None and wrapped and name != "GLOBAL":
                    continue  # the MARK before the object's class
                if first is None:
                    if name == "GLOBAL":
                        first = tuple(arg.split(" ", 1))
                    elif name == "STACK_GLOBAL" and len(strings) == 2:
                        first = tuple(strings)
                    else:
                        first = ("", name)
                    if first[0].split(".")[0] == "gensim":
                        return None
                last = name
    except Exception:  # a cut or corrupt pickle: gensim's own load names the fault
        return None
    if last in _CONTAINERS:
        return _CONTAINERS[last]
    if first is None or not first[0]:
        return None
    module, cls = first
    return "numpy.ndarray" if module.startswith("numpy") and cls == "_reconstruct" else f"{module}.{cls}"


def load_gensim_kv(path: str | os.PathLike, *, allow_pickle: bool = False, name: str | None = None,
                   encoding_errors: str = "strict") -> StaticEmbedding:
    path = check_file(path)
    other = _not_gensim(path)
    if other is not None:
        raise InputFormatError(path, None, "a gensim KeyedVectors file",
                               f"a pickled {other}, not a gensim object{_HINTS.get(other, '')}")
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
