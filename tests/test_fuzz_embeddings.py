"""Fuzzing every embedding parser: any bytes either load or raise a one-line WordevalError naming the file.

Inputs are random bytes and structured mutations of small valid files in every format (GloVe text,
word2vec text and binary, fastText .vec and .bin, .npy + vocabulary), plain and compressed (gzip, bz2,
xz, zip): truncation, bit flips, inserted/deleted bytes, extra or missing fields, tabs, invalid UTF-8,
byte-order marks and absurd headers, applied before or after compression. Derandomized (the same
examples on every run and machine) and sized to run in well under a minute on 2 cores.
"""
from __future__ import annotations

import bz2
import gzip
import importlib.util
import io
import lzma
import re
import struct
import tempfile
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wordeval.embeddings.load import load_embedding
from wordeval.errors import WordevalError

GENSIM_DATA = Path(importlib.util.find_spec("gensim").submodule_search_locations[0]) / "test" / "test_data"
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ROWS = [("the", [0.25, -1.0, 3.5]), ("of", [1e-3, 4.0, -0.5]), ("new york", [1.0, 0.5, 2.0]),
        ("café", [-2.0, 0.125, 8.0])]
GLOVE = "".join(f"{w} {' '.join(repr(x) for x in v)}\n" for w, v in ROWS).encode()
W2V_TEXT = f"{len(ROWS)} 3\n".encode() + GLOVE
W2V_BIN = f"{len(ROWS)} 3\n".encode() + b"".join(w.encode() + b" " + struct.pack("<3f", *v) + b"\n"
                                                 for w, v in ROWS)
SEEDS = {"glove": (GLOVE, ".txt"), "word2vec": (W2V_TEXT, ".txt"), "fasttext-vec": (W2V_TEXT, ".vec"),
         "word2vec-bin": (W2V_BIN, ".bin")}


def _compress(data: bytes, kind: str | None) -> bytes:
    if kind is None:
        return data
    if kind == "gzip":
        return gzip.compress(data, mtime=0)
    if kind == "bz2":
        return bz2.compress(data)
    if kind == "xz":
        return lzma.compress(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("vectors", data)
    return buf.getvalue()


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """A valid file with a few structural edits."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "header", "field", "line", "bom"]))
        pos = draw(st.integers(0, max(0, len(data))))
        if op == "truncate":
            del data[pos:]
        elif op == "flip" and data:
            data[min(pos, len(data) - 1)] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from([b"\t", b" ", b"  ", b"\r", b"\n", b"\xff\xfe", b"\xc3", b"nan",
                                                  b"\x00", b"1e999", b"x", b"\n\n", b"\xef\xbb\xbf"]))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 8))]
        elif op == "header":
            count = draw(st.sampled_from([0, -1, 10**12, 2**31, 2**63, 1]))
            dim = draw(st.sampled_from([0, -3, 10**9, 2**40, 3, 2]))
            line_end = data.find(b"\n")
            data[:line_end if line_end >= 0 else 0] = f"{count} {dim}".encode()
        elif op == "field":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = lines[i] + draw(st.sampled_from([b" 1", b" 0.5 2", b" x"])) if draw(st.booleans()) \
                else lines[i].rsplit(b" ", 1)[0]
            data = bytearray(b"\n".join(lines))
        elif op == "line":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, draw(st.sampled_from([lines[i], b"a\tb 1 2 3", b"w \xff 1 2", b" lead 1 2 3"])))
            data = bytearray(b"\n".join(lines))
        elif op == "bom":
            data[0:0] = b"\xef\xbb\xbf"
    return bytes(data)


def check(data: bytes, name: str, *, format: str | None, extra: dict[str, bytes] | None = None) -> None:
    """Load ``data`` (written as ``name``); it must load or raise a one-line WordevalError naming the file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        for other, content in (extra or {}).items():
            (Path(tmp) / other).write_bytes(content)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                emb = load_embedding(path, format=format, cache=False)
            except WordevalError as exc:
                msg = str(exc)
                assert "\n" not in msg, msg
                assert msg.startswith(tmp), msg  # names the file (or its vocabulary, beside it)
                assert re.match(rf"{re.escape(tmp)}/[^:]+(:\d+)?: expected ", msg) or "expected" in msg, msg
                return
        assert emb.vectors.ndim == 2 and len(emb.words) == emb.vectors.shape[0] >= 1
        assert np.isfinite(emb.vectors).all()


@pytest.mark.parametrize("fmt", sorted(SEEDS))
@FUZZ
@given(data=st.data(), compression=st.sampled_from([None, None, "gzip", "bz2", "xz", "zip"]),
       after=st.booleans(), detect=st.booleans())
def test_mutated_files_load_or_fail_cleanly(fmt, data, compression, after, detect):
    seed, suffix = SEEDS[fmt]
    payload = data.draw(mutated(seed))
    packed = _compress(payload, compression)
    if after and compression:  # damage the compressed stream itself
        packed = data.draw(mutated(packed))
    check(packed, "vectors" + suffix, format=None if detect else fmt)


@pytest.mark.parametrize("fmt", [None, "glove", "word2vec", "word2vec-bin", "fasttext-vec", "npy", "fasttext-bin"])
@FUZZ
@given(raw=st.binary(max_size=200), suffix=st.sampled_from([".txt", ".bin", ".vec", ".npy"]))
def test_random_bytes_load_or_fail_cleanly(fmt, raw, suffix):
    check(raw or b"\n", "random" + suffix, format=fmt, extra={"random.vocab": b"a\nb\n"})


def _npy(matrix: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, matrix, allow_pickle=False)
    return buf.getvalue()


@FUZZ
@given(data=st.data(), compression=st.sampled_from([None, None, "gzip", "xz"]),
       vocab=st.sampled_from([b"the\nof\ncafe\n", b"the\nof\n", b"\xef\xbb\xbfthe\nof\nx\n", b"a\n\xff\nc\n",
                              b"a\r\nb\r\nc\r\n", b""]))
def test_npy_with_vocabulary(data, compression, vocab):
    matrix = np.array([v for _, v in ROWS[:3]], dtype=data.draw(st.sampled_from(["<f4", ">f8", "<i2"])))
    payload = data.draw(mutated(_npy(matrix)))
    check(_compress(payload, compression), "m.npy", format="npy", extra={"m.vocab": vocab})


@pytest.fixture(scope="module")
def fasttext_bin() -> bytes:
    return (GENSIM_DATA / "crime-and-punishment.bin").read_bytes()  # 19.6 KB, real fastText output


@settings(FUZZ, max_examples=30)
@given(data=st.data(), compression=st.sampled_from([None, None, None, "gzip"]))
def test_fasttext_bin_header_mutations(fasttext_bin, data, compression):
    blob = bytearray(fasttext_bin)
    for _ in range(data.draw(st.integers(1, 3))):
        if not blob:
            break
        op = data.draw(st.sampled_from(["flip", "int", "truncate"]))
        pos = data.draw(st.integers(0, min(400, len(blob) - 1)))  # header, dictionary header, first words
        if op == "flip":
            blob[pos] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "int":
            value = data.draw(st.sampled_from([0, -1, 2**31 - 1, -2**31, 10**9, 7]))
            blob[pos - pos % 4:pos - pos % 4 + 4] = struct.pack("<i", value)
        else:
            del blob[data.draw(st.integers(0, len(blob))):]
    check(_compress(bytes(blob), compression), "model.bin", format="fasttext-bin")
