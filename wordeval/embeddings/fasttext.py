"""fastText ``.bin`` models: full word vectors plus character n-gram buckets, so OOV words get vectors.

gensim's ``load_facebook_vectors`` parses the file (it is the reference implementation in Python). The
result is a StaticEmbedding whose ``lookup`` composes an OOV word from its n-grams exactly as fastText
does (mean of the n-gram bucket vectors) and marks it found; words with no n-grams stay not found.
This is recorded in ``info.parameters["oov"]`` because it changes coverage compared with ``.vec``.
Before gensim reads a file, ``check_fasttext_bin`` walks its layout and checks every count against the file
size (gensim would allocate from a lying header, or loop forever on a file cut inside the vocabulary).
"""
from __future__ import annotations

import hashlib
import logging
import os
import struct
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import check_file, compression_of, open_binary, strip_compression_suffix
from wordeval.embeddings.format_advice import was_given
from wordeval.embeddings.text_format import _default_name
from wordeval.embeddings.vector_checks import LoaderWarning, check_finite, finish_vectors
from wordeval.errors import ConfigError, InputFormatError, WordevalError

FASTTEXT_MAGIC = 793712314


class FastTextEmbedding(StaticEmbedding):
    """Vocabulary vectors plus n-gram composition for words outside the vocabulary."""

    def __init__(self, words, vectors, info, *, ngram_vectors: np.ndarray, min_n: int, max_n: int, bucket: int):
        super().__init__(words, vectors, info)
        self._ngrams = ngram_vectors
        self._min_n, self._max_n, self._bucket = min_n, max_n, bucket

    def compose(self, word: str) -> np.ndarray | None:
        """fastText's OOV vector: mean of the word's n-gram buckets; None when it has none."""
        from gensim.models.fasttext import ft_ngram_hashes

        if self._bucket == 0:
            return None
        hashes = ft_ngram_hashes(word, self._min_n, self._max_n, self._bucket)
        if len(hashes) == 0:
            return None
        return self._ngrams[hashes].mean(axis=0, dtype=np.float32)

    def _with_subwords(self, words: Sequence[str], result, *, lower: bool):
        vectors, found = result
        for i in np.flatnonzero(~found):
            vec = self.compose(words[i].lower() if lower else words[i])
            if vec is not None:
                vectors[i] = vec
                found[i] = True
        return vectors, found

    def lookup(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        words = list(words)
        return self._with_subwords(words, super().lookup(words), lower=False)

    def lookup_lowercased(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        words = list(words)
        return self._with_subwords(words, super().lookup_lowercased(words), lower=True)

    def lookup_exact_then_lower(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Both vocabularies before any n-gram: 'Queen' reads the row of 'queen' when only that is in the
        vocabulary, as similarity and STS resolve it (``intrinsic.policies.lookup_words``); composing first
        gave every capitalised word an n-gram vector in classification and tagging features. A word in
        neither is composed as written, as fastText composes it."""
        words = list(words)
        vectors, found = super().lookup(words)
        missing = np.flatnonzero(~found)
        if missing.size:
            lowered, found_lower = super().lookup_lowercased([words[i] for i in missing])
            vectors[missing[found_lower]] = lowered[found_lower]
            found[missing[found_lower]] = True
        return self._with_subwords(words, (vectors, found), lower=False)


# 2: exact-then-lower reads the lowered vocabulary before composing n-grams in every family (classification and
# tagging features composed 'Queen' where similarity read the row of 'queen')
LOOKUP_VERSION = 2


def subword_fingerprint(words, vectors: np.ndarray, ngrams: np.ndarray, min_n: int, max_n: int, bucket: int) -> str:
    """The content fingerprint of the word vectors extended by the n-gram vectors and their settings. The word
    vectors alone are those of the model's ``.vec``, whose OOV words are not composed: with the same
    fingerprint a store served the ``.vec``'s records (OOV pairs skipped) for the ``.bin``. ``LOOKUP_VERSION``
    too: a change in which words are composed changes features, and a store must not serve the older records."""
    h = hashlib.sha256(content_fingerprint(words, vectors).encode())
    h.update(f"\nfasttext n-grams {min_n} {max_n} {bucket} {ngrams.shape}\n".encode())
    if LOOKUP_VERSION > 1:
        h.update(f"lookup {LOOKUP_VERSION}\n".encode())
    step = max(1, (1 << 22) // max(1, 4 * (ngrams.shape[1] if ngrams.ndim == 2 else 1)))
    for start in range(0, ngrams.shape[0], step):
        h.update(memoryview(np.ascontiguousarray(ngrams[start:start + step], dtype=np.float32)).cast("B"))
    return "sha256:" + h.hexdigest()


def with_gensim_subwords(emb: StaticEmbedding, kv) -> StaticEmbedding:
    """``emb`` (the vocabulary vectors of gensim's ``kv``) with the n-gram vectors of ``kv`` when it is a
    ``FastTextKeyedVectors`` with buckets, so that words outside the vocabulary are composed as gensim's own
    ``kv[word]`` and ``kv.similarity`` compose them; ``emb`` itself otherwise. The n-gram matrix is copied (a
    snapshot, as the vocabulary vectors are) and must be finite."""
    bucket = int(getattr(kv, "bucket", 0) or 0)
    if getattr(kv, "vectors_ngrams", None) is None or bucket <= 0:
        return emb
    ngrams = np.array(kv.vectors_ngrams, dtype=np.float32)
    if ngrams.ndim != 2 or ngrams.shape[1] != emb.dim or not np.isfinite(ngrams).all():
        raise ConfigError(f"{emb.info.name}: the n-gram vectors of its FastTextKeyedVectors must be a finite "
                            f"(bucket, {emb.dim}) matrix, got shape {ngrams.shape}")
    ngrams.setflags(write=False)
    min_n, max_n = int(kv.min_n), int(kv.max_n)
    parameters = {**emb.info.parameters, "oov": "composed from character n-grams (found=True)", "min_n": min_n,
                  "max_n": max_n, "bucket": bucket}
    info = replace(emb.info, parameters=parameters,
                   fingerprint=subword_fingerprint(emb.words, emb.vectors, ngrams, min_n, max_n, bucket))
    out = FastTextEmbedding(emb.words, emb.vectors, info, ngram_vectors=ngrams, min_n=min_n, max_n=max_n,
                            bucket=bucket)
    out.frequency_ordered = emb.frequency_ordered
    return out


_HEADER_INTS = {True: 12, False: 10}  # int32 fields after magic+version (new format) or after dim+ws (old)
_MAX_WORD = 1 << 20


class _Reader:
    """Sequential reads over a plain file in 1 MiB blocks, with the offset, for the header walk."""

    def __init__(self, fh, size: int):
        self.fh, self.size, self.buf, self.pos, self.offset = fh, size, b"", 0, 0

    def take(self, n: int, path, what: str) -> bytes:
        while len(self.buf) - self.pos < n:
            more = self.fh.read(max(1 << 20, n))
            if not more:
                raise InputFormatError(path, None, f"a fastText .bin model ({what})", "the file ends early")
            self.buf, self.pos = self.buf[self.pos:] + more, 0
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        self.offset += n
        return out

    def skip_word(self, path) -> bytes:
        """Move past one NUL-terminated word; returns its bytes."""
        while (end := self.buf.find(b"\0", self.pos)) < 0:
            if len(self.buf) - self.pos > _MAX_WORD:
                raise InputFormatError(path, None, "a fastText .bin model (NUL-terminated words)",
                                       "a word longer than 1 MiB")
            more = self.fh.read(1 << 20)
            if not more:
                raise InputFormatError(path, None, "a fastText .bin model (the vocabulary)", "the file ends early")
            self.buf, self.pos = self.buf[self.pos:] + more, 0
        word = self.buf[self.pos:end]
        self.offset += end + 1 - self.pos
        self.pos = end + 1
        return word


def check_fasttext_bin(plain: Path, *, path: Path | None = None) -> list[tuple[int, bytes]]:
    """Walk the layout gensim's reader will walk (``gensim.models._fasttext_bin.load`` with
    ``full_model=False``) and check every count against the file size first: gensim allocates from the
    header (a claimed 10^12-row matrix is a MemoryError) and, on a file cut inside the vocabulary, loops
    forever reading b''. Raises a one-line InputFormatError naming ``path`` (the user's file, when ``plain`` is
    its decompressed copy); returns when gensim can read the file, with the (index, bytes) of each word that
    is not valid UTF-8."""
    path = path or plain
    invalid: list[tuple[int, bytes]] = []
    size = plain.stat().st_size
    with open(plain, "rb") as fh:
        r = _Reader(fh, size)
        magic, version = struct.unpack("@2i", r.take(8, path, "magic and version"))
        new = magic == FASTTEXT_MAGIC
        ints = struct.unpack(f"@{_HEADER_INTS[new]}i", r.take(4 * _HEADER_INTS[new], path, "the model arguments"))
        r.take(8, path, "the model arguments")  # the sampling threshold t, a double
        dim = ints[0] if new else magic
        bucket, minn, maxn = (ints[8], ints[9], ints[10]) if new else (ints[6], ints[7], ints[8])
        if dim < 1 or bucket < 0 or minn < 0 or maxn < 0:
            raise InputFormatError(path, None, "a fastText .bin model (dim > 0, bucket, minn, maxn >= 0)",
                                   f"dim {dim}, bucket {bucket}, minn {minn}, maxn {maxn}"
                                   + ("" if new else " (no fastText magic number: is this a fastText file?)"))
        vocab_size, nwords, nlabels = struct.unpack("@3i", r.take(12, path, "the dictionary header"))
        if nlabels > 0 and not new:  # counts read from bytes that were never a fastText header
            raise InputFormatError(path, None, "a fastText .bin model", "no fastText magic number at its start "
                                   "(is this a fastText file? " + ("no --format detects the format)" if was_given()
                                   else "taken for one from before the magic number by its .bin suffix: pass "
                                   "--format naming its format)"))
        if nlabels > 0:
            raise InputFormatError(path, None, "a fastText word-vector model", f"a supervised model with {nlabels} labels")
        r.take(8, path, "the dictionary header")  # ntokens
        prune = struct.unpack("@q", r.take(8, path, "the dictionary header"))[0] if new else 0
        if vocab_size < 0 or nwords < 0 or prune < -1 or vocab_size * 10 + max(prune, 0) * 8 > size - r.offset:
            raise InputFormatError(path, None, "a fastText .bin model whose dictionary fits the file",
                                   f"{vocab_size} words, {nwords} in-vocabulary, {prune} pruned entries "
                                   f"in {size - r.offset} bytes")
        for i in range(vocab_size):
            word = r.skip_word(path)
            if not word.isascii():
                try:
                    word.decode("utf-8")
                except UnicodeDecodeError:
                    invalid.append((i, word))
            r.take(9, path, "the vocabulary")  # count (int64) and entry type (int8)
        r.take(max(prune, 0) * 8 + (1 if new else 0), path, "the pruned index")
        rows, cols = struct.unpack("@2q", r.take(16, path, "the matrix header"))
        if rows < 0 or cols != dim or rows * cols * 4 > size - r.offset:
            raise InputFormatError(path, None, f"a {dim}-column input matrix that fits the file "
                                               f"({size - r.offset} bytes left)", f"{rows} x {cols}")
        # gensim skips the output matrix, but a file cut inside it is a broken download: say so
        fh.seek(r.offset + rows * cols * 4 + (1 if new else 0))
        out = fh.read(16)
        if len(out) == 16:
            rows, cols = struct.unpack("@2q", out)
        if len(out) < 16 or rows < 0 or cols < 0 or fh.tell() + rows * cols * 4 > size:
            raise InputFormatError(path, None, "a complete fastText .bin model (input and output matrices)",
                                   "the file ends inside the output matrix (truncated file?)")
    return invalid


def load_fasttext_bin(path: str | os.PathLike, *, encoding_errors: str = "strict",
                      name: str | None = None) -> FastTextEmbedding:
    """Load a fastText ``.bin``. A word that is not valid UTF-8 is an error naming it (``encoding_errors=
    'strict'``) or has its invalid bytes replaced by U+FFFD with one warning (``'replace'``; gensim's own
    backslash escape and its log line per word are not let through). A compressed file is decompressed to a
    temporary file first (gensim's reader needs a real file)."""
    path = check_file(path)
    if compression_of(path) is None:
        return _load_plain(path, source=path, name=name, encoding_errors=encoding_errors)
    from wordeval.atomic_write import machine_errors, private_folder

    # a folder that names this process: a load killed outright (a full model is GBs) left an anonymous
    # wordeval-fasttext-XXXXXXXX with the decompressed model in it for good; the next load removes it
    with private_folder("wordeval-fasttext") as tmp:
        plain = Path(tmp) / strip_compression_suffix(path.name)
        with open_binary(path, text=False) as src, machine_errors(plain), open(plain, "wb") as out:
            while block := src.read(1 << 22):
                out.write(block)
            comp = src.kind
        emb = _load_plain(plain, source=path, name=name, encoding_errors=encoding_errors)
    emb.info.parameters["compression"] = comp
    return emb


def _load_plain(plain: Path, *, source: Path, name: str | None, encoding_errors: str = "strict") -> FastTextEmbedding:
    from gensim.models.fasttext import load_facebook_vectors

    invalid = check_fasttext_bin(plain, path=source)
    if invalid and encoding_errors != "replace":
        i, raw = invalid[0]
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start:exc.end]
        raise InputFormatError(source, None, "UTF-8 words (encoding_errors='replace' or --encoding-errors replace "
                                             "substitutes U+FFFD)",
                               f"invalid byte {bad!r} in word {raw[:40]!r} (word {i + 1} of the vocabulary)")
    gensim_log = logging.getLogger("gensim")
    level = gensim_log.level
    # gensim logs every lifecycle event at INFO, and each undecodable word at ERROR (handled here instead)
    gensim_log.setLevel(max(level, logging.CRITICAL if invalid else logging.WARNING))
    try:
        kv = load_facebook_vectors(os.fspath(plain))
    except WordevalError:
        raise
    except Exception as exc:  # gensim raises assorted struct/value/assertion errors on foreign or cut files
        detail = str(exc).split("\n")[0][:160]
        raise InputFormatError(source, None, "a fastText .bin model", f"{type(exc).__name__}: {detail}") from None
    finally:
        gensim_log.setLevel(level)
    words = list(kv.index_to_key)
    if invalid:
        escaped = {raw.decode("utf-8", "backslashreplace"): raw.decode("utf-8", "replace") for _, raw in invalid}
        for i, raw in invalid:  # gensim's key for the word is its backslash escape
            if i < len(words) and words[i] in escaped:
                words[i] = escaped[words[i]]
            else:  # not at its file position (gensim merged a repeated word): find it by its escape
                words = [escaped.get(w, w) for w in words]
                break
        warnings.warn(f"{os.fspath(source)}: {len(invalid)} word(s) with invalid UTF-8, bytes replaced by U+FFFD "
                      f"(first: {invalid[0][1][:40]!r}, word {invalid[0][0] + 1} of the vocabulary)", LoaderWarning,
                      stacklevel=3)
    vectors = np.asarray(kv.vectors, dtype=np.float32)
    words, vectors, facts = finish_vectors(words, vectors, path=source, line_of=lambda i: None)
    parameters = {"oov": "composed from character n-grams (found=True)", "min_n": int(kv.min_n),
                  "max_n": int(kv.max_n), "bucket": int(kv.bucket), "encoding_errors": encoding_errors, **facts}
    ngrams = np.asarray(kv.vectors_ngrams, dtype=np.float32).view()
    ngrams.setflags(write=False)
    try:
        check_finite(ngrams, path=source, line_of=lambda i: i)
    except InputFormatError as exc:  # else a word outside the vocabulary composed from it is NaN, and found
        got = f"{exc.got.split(';')[0]} of n-gram bucket {exc.line}"
        raise InputFormatError(source, None, "finite n-gram vectors (they compose the words outside the "
                                             "vocabulary)", got) from None
    info = EmbeddingInfo(name=name or _default_name(source), source=str(Path(source).resolve()), format="fasttext-bin",
                         dim=int(vectors.shape[1]), vocab_size=len(words),
                         fingerprint=subword_fingerprint(words, vectors, ngrams, int(kv.min_n), int(kv.max_n),
                                                         int(kv.bucket)),
                         parameters=parameters)
    return FastTextEmbedding(words, vectors, info, ngram_vectors=ngrams, min_n=int(kv.min_n),
                             max_n=int(kv.max_n), bucket=int(kv.bucket))
