"""55 hand-made malformed embedding files through the real command line (``wordeval info FILE``).

Each must end with exit code 2 and exactly one line on stderr, ``wordeval: error: FILE[:LINE]: expected ...``
(``FILE: record N at byte offset B: ...`` for a word2vec binary's records, which are not lines),
naming the file (and the line where one applies), with no traceback, nothing on stdout, and nothing new in
the vector cache (``WORDEVAL_CACHE`` points at an empty folder). Most cases run through
``wordeval.cli.main`` in this process; a few also run ``wordeval`` in a subprocess. An unreadable file is
tested with ``chmod 000`` when not running as root, and by refusing ``open`` for that path otherwise.
"""
from __future__ import annotations

import bz2
import gzip
import importlib.util
import io
import lzma
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from wordeval.cli import main

GENSIM_DATA = Path(importlib.util.find_spec("gensim").submodule_search_locations[0]) / "test" / "test_data"
VALID = b"".join(b"w%d %d 0.5 -1.25\n" % (i, i + 1) for i in range(200))  # GloVe, dim 3
W2V_VALID = b"200 3\n" + VALID


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _flip(data: bytes, at: float) -> bytes:
    b = bytearray(data)
    b[int(len(b) * at)] ^= 0xFF
    return bytes(b)


def _bin(rows, dim, header=None) -> bytes:
    body = b"".join(w + b" " + struct.pack(f"<{dim}f", *v) + b"\n" for w, v in rows)
    return (header or f"{len(rows)} {dim}\n".encode()) + body


def _npy(array, **kw) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array, **kw)
    return buf.getvalue()


FT = (GENSIM_DATA / "crime-and-punishment.bin").read_bytes()
FT_LATIN1 = FT[:130] + b"th\xe9" + FT[133:]  # the vocabulary's fourth word, 'the', with a Latin-1 byte
GOOD_NPY = _npy(np.arange(6, dtype=np.float32).reshape(3, 2) + 1)

# name -> (files to write: {file name: bytes}, extra CLI arguments, a substring the one error line must hold)
CASES: dict[str, tuple[dict[str, bytes], list[str], str]] = {
    "glove_tab_after_word": ({"g.txt": b"the\t0.418 0.24968 -0.41242\nof\t0.70853 0.57088 -0.4716\n"}, [],
                             "g.txt:1: expected a word and numbers separated by single spaces, got a tab"),
    "word_with_tab": ({"g.txt": b"the 1 2 3\nne\tw 4 5 6\n"}, [], "g.txt:2: expected a word and numbers"),
    "ragged_row": ({"g.txt": VALID[:60] + b"odd 1 2\n" + VALID[60:]}, [],
                   "expected a word and 3 numbers (the dimension of 99 of the first 100 lines), got 2 numbers"),
    "odd_first_line": ({"g.txt": b"first 1 2 3 4\n" + VALID}, [], "g.txt:1: expected a word and 3 numbers"),
    "header_of_floats": ({"g.txt": b"1e5 3\n" + VALID}, [],
                         "g.txt:1: expected a header 'count dim' of two positive integers"),
    "header_negative_count": ({"w.vec": b"-5 3\n" + VALID}, [], "w.vec:1: expected a header 'count dim' of two positive"),
    "header_zero_count": ({"w.vec": b"0 3\n" + VALID}, [], "vector count 0"),
    "header_zero_dim": ({"w.txt": b"2 0\na\nb\n"}, [], "w.txt:1: expected a header 'count dim' of two positive"),
    "header_absurd_rows": ({"w.txt": b"1000000000000 3\n" + VALID}, [],
                           "w.txt:201: expected 1000000000000 vectors as declared in the header, got 200 "
                           "(the file ends at line 201)"),
    "header_absurd_dim": ({"w.txt": b"2 1000000000\n" + VALID}, [], "w.txt:1: expected a header that fits the file"),
    "header_count_too_small": ({"w.txt": b"2 3\n" + VALID}, [], "w.txt:4: expected 2 vectors as declared in the header"),
    "header_count_too_large": ({"w.txt": b"300 3\n" + VALID}, [], "300 vectors as declared in the header, got 200"),
    "binary_absurd_rows": ({"w.bin": _bin([(b"a", [1, 2, 3])], 3, header=b"1000000000000 3\n")}, [],
                           "w.bin: record 2 at byte offset 31: expected 1000000000000 vectors as declared in "
                           "the header, got 1"),
    "binary_absurd_dim": ({"w.bin": _bin([(b"a", [1, 2, 3])], 3, header=b"1 1000000000\n")}, ["--format", "word2vec-bin"],
                          "w.bin:1: expected a header that fits the file"),
    "binary_truncated": ({"w.bin": _bin([(b"a", [1, 2, 3]), (b"b", [4, 5, 6]), (b"c", [7, 8, 9])], 3)[:-3]}, [],
                         "w.bin: record 3 at byte offset 34: expected 3 records"),
    # a control byte in a word once made this binary: the text error must be the one reported
    "text_ctrl_byte_then_short_row": ({"w.vec": b"3 3\na\x01b 1 2 3\nw1 2 0.5 -1.25\nw2 2 0.5\n"}, [],
                                      "w.vec:4: expected a word and 3 numbers (the header's dimension), got 2"),
    "binary_empty_word": ({"w.bin": _bin([(b"a", [1, 2, 3]), (b"", [4, 5, 6]), (b"c", [7, 8, 9])], 3)}, [],
                          "w.bin: record 2 at byte offset 19: expected a word followed by a space and the "
                          "vector, got an empty word"),
    "binary_nan": ({"w.bin": _bin([(b"a", [1, 2, 3]), (b"b", [float("nan"), 5, 6])], 3)}, [],
                   "w.bin: record 2 at byte offset 19: expected finite numbers"),
    "gzip_truncated": ({"g.txt.gz": gzip.compress(VALID * 50)[:-40]}, [], "expected a complete, valid gzip stream"),
    "gzip_corrupt": ({"g.txt.gz": _flip(gzip.compress(VALID * 50), 0.5)}, [], "gzip"),
    "gzip_renamed_truncated": ({"g.txt": gzip.compress(VALID * 50)[:-40]}, [], "expected a complete, valid gzip stream"),
    "bz2_truncated": ({"g.txt.bz2": bz2.compress(VALID * 50)[:-40]}, [], "expected a complete, valid bz2 stream"),
    "bz2_corrupt": ({"g.txt.bz2": _flip(bz2.compress(VALID * 50), 0.5)}, [], "bz2"),
    "xz_truncated": ({"g.txt.xz": lzma.compress(VALID * 50)[:-40]}, [], "expected a complete, valid xz stream"),
    "xz_corrupt": ({"g.txt.xz": _flip(lzma.compress(VALID * 50), 0.5)}, [], "xz"),
    "zip_two_members": ({"g.zip": _zip({"a.txt": VALID, "b.txt": VALID})}, [],
                        "expected a zip archive holding exactly one file, got 2 files"),
    "zip_corrupt": ({"g.zip": _flip(_zip({"a.txt": VALID * 50}), 0.3)}, [], "zip"),
    "gzip_of_nothing": ({"g.txt.gz": gzip.compress(b"")}, [], "g.txt.gz:1: expected vectors, got an empty file"),
    "lone_carriage_return": ({"g.txt": b"a 1 2 3\rb 4 5 6\nc 7 8 9\n"}, [], "g.txt:1: expected a word and numbers"),
    "double_space": ({"g.txt": b"a  1 2 3\nb 4 5 6\nc 7 8 9\n"}, [], "g.txt:1: expected a word and numbers separated by "
                                                                     "single spaces, got two spaces in a row"),
    "leading_space": ({"g.txt": b" a 1 2 3\nb 4 5 6\n"}, [], "g.txt:1: expected a word and numbers separated by single "
                                                           "spaces, got a line starting with a space"),
    "utf16": ({"g.txt": "the 1 2 3\nof 4 5 6\n".encode("utf-16")}, [], "g.txt:1: expected UTF-8 text"),
    "only_a_bom": ({"g.txt": b"\xef\xbb\xbf"}, [], "nothing after the byte-order mark"),
    "nan_value": ({"g.txt": VALID + b"bad 1 nan 2\n"}, [], "g.txt:201: expected finite numbers, got nan in dimension 2"),
    # finite as written, but beyond float32's range: read as inf, and the message says why
    "float32_overflow": ({"g.txt": VALID + b"big 1e39 1 2\n"}, [], "g.txt:201: expected finite numbers, got inf in "
                                                                   "dimension 1; a value beyond float32's range"),
    "non_numeric_field": ({"g.txt": VALID + b"bad 1 x2 3\n"}, [], "g.txt:201: expected a number in field 3, got 'x2'"),
    "invalid_utf8_word": ({"g.txt": VALID + b"caf\xe9 1 2 3\n"}, [], "g.txt:201: expected UTF-8 text"),
    "all_zero_vectors": ({"g.txt": b"a 0 0\nb 0 0\n"}, [], "all 2 vectors are zero"),
    # the only non-zero row was a duplicate: one line says both (a warning line came first)
    "all_zero_after_a_duplicate": ({"g.txt": b"a 0 0\nb 0 0\na 1 1\n"}, [],
                                   "all 2 vectors are zero after 1 duplicate word(s) dropped"),
    "binary_garbage_as_text": ({"g.txt": bytes(range(256)) * 4}, [], "g.txt:1: expected an embedding file"),
    "fasttext_truncated": ({"ft.bin": FT[:500]}, [], "ft.bin: expected a fastText .bin model"),
    "fasttext_absurd_dim": ({"ft.bin": FT[:8] + struct.pack("<i", -7) + FT[12:]}, [],
                            "ft.bin: expected a fastText .bin model (dim > 0"),
    "fasttext_invalid_utf8_word": ({"ft.bin": FT_LATIN1}, [],
                                   "ft.bin: expected UTF-8 words (encoding_errors='replace' or --encoding-errors "
                                   "replace substitutes U+FFFD), got invalid byte b'\\xe9' in word b'th\\xe9' "
                                   "(word 4 of the vocabulary)"),
    "npy_bad_header": ({"m.npy": b"\x93NUMPY\x01\x00\x10\x00{'descr': 1}    \n", "m.vocab": b"a\n"}, [],
                       "m.npy: expected a .npy header"),
    "npy_pickled_objects": ({"m.npy": _npy(np.array([["a", 1]], dtype=object), allow_pickle=True),
                             "m.vocab": b"a\n"}, [], "m.npy: expected a numeric .npy array without pickles"),
    "npy_vocab_blank_line": ({"m.npy": GOOD_NPY, "m.vocab": b"a\n\nc\n"}, [],
                             "m.vocab:2: expected one word per line (the vocabulary of m.npy), got an empty line"),
    "npy_vocab_tab_count": ({"m.npy": GOOD_NPY, "m.vocab": b"a\t5\nb\t4\nc\t3\n"}, [],
                            "m.vocab:1: expected one word per line (the vocabulary of m.npy), got a tab in"),
    "npy_vocab_word_count_missing_a_count": ({"m.npy": GOOD_NPY, "m.vocab": b"a 5\nb 4\nc\n"}, [],
                                             "m.vocab:3: expected a word and its count as on line 1"),
    # the GloVe text the matrix was made from, beside it: not a vocabulary (it gave 0 % coverage)
    "npy_beside_its_text_vectors": ({"m.npy": GOOD_NPY, "m.txt": b"a 1 2\nb 3 4\nc 5 6\n"}, [],
                                    "m.npy: expected a vocabulary file next to it (m.vocab, m.words, m.vocab.txt, "
                                    "m.txt, vocab.txt), got none (m.txt holds vectors of dimension 2"),
    "npy_negative_rows": ({"m.npy": GOOD_NPY.replace(b"'shape': (3, 2)", b"'shape': (-3, 2)"), "m.vocab": b"a\n"}, [],
                          "m.npy: expected a .npy shape of non-negative integers, got (-3, 2)"),
    "npy_boolean_shape": ({"m.npy": gzip.compress(GOOD_NPY.replace(b"'shape': (3, 2)", b"'shape': (True, 2)")),
                           "m.vocab": b"a\n"}, [], "m.npy: expected a .npy shape of non-negative integers"),
    "npy_data_after_the_matrix": ({"m.npy": GOOD_NPY + b"\x00" * 8, "m.vocab": b"a\nb\nc\n"}, [],
                                  "m.npy: expected 3 rows as the header declares, got more data after them"),
    "npy_nan": ({"m.npy": _npy(np.array([[1, 2], [3, np.nan], [5, 6]], dtype=np.float32)), "m.vocab": b"a\nb\nc\n"},
                [], "m.npy: expected finite numbers in row index 1 (word 'b', line 2 of m.vocab), got nan"),
    "npy_vocab_utf16": ({"m.npy": GOOD_NPY, "m.vocab": "a\nb\nc\n".encode("utf-16")}, [],
                        "m.vocab:1: expected UTF-8 text, one word per line (the vocabulary of m.npy), got a UTF-16"),
    "npy_vocab_too_short": ({"m.npy": GOOD_NPY, "m.vocab": b"a\nb\n"}, [],
                            "m.vocab:3: expected 3 words (one per row of m.npy), got 2 lines"),
}


def test_case_count_matches_the_docstring_and_the_readme():
    assert f"{len(CASES)} hand-made malformed" in __doc__
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"Tested: {len(CASES)} hand-made malformed embedding files" in readme


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("WORDEVAL_CACHE", str(folder))
    return folder


def _write(tmp_path: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path / next(iter(files))


def _assert_one_error_line(err: str, path: Path, expected: str) -> None:
    lines = err.rstrip("\n").split("\n")
    assert len(lines) == 1, err
    assert lines[0].startswith(f"wordeval: error: {path.parent}/"), err
    assert path.name in lines[0] or ".vocab" in lines[0], err
    assert expected in lines[0], err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_file_is_one_line_exit_2_nothing_cached(tmp_path, capsys, cache, case):
    files, extra, expected = CASES[case]
    path = _write(tmp_path, files)
    assert main(["info", str(path), *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    _assert_one_error_line(captured.err, path, expected)
    assert not cache.exists(), list(cache.rglob("*"))


def test_text_vectors_with_a_control_byte_in_a_word_load_as_text(tmp_path, capsys, cache):
    lines = W2V_VALID.split(b"\n")
    lines[5] = b"a\x01b 1 2 3"  # every line of VALID is 3 + 4 * 3 bytes: the file also splits into binary records
    path = _write(tmp_path, {"w.vec": b"\n".join(lines)})
    assert main(["info", "--no-cache", str(path)]) == 0
    out = capsys.readouterr().out
    assert "fasttext-vec" in out and "200" in out


@pytest.mark.parametrize("case", ["gzip_truncated", "header_absurd_rows", "fasttext_truncated"])
def test_malformed_file_through_the_installed_command(tmp_path, case):
    files, extra, expected = CASES[case]
    path = _write(tmp_path, files)
    exe = Path(sys.executable).with_name("wordeval")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "wordeval"]
    proc = subprocess.run([*cmd, "info", str(path), *extra], capture_output=True, text=True,
                          env={**os.environ, "WORDEVAL_CACHE": str(tmp_path / "cache")})
    assert proc.returncode == 2 and proc.stdout == ""
    _assert_one_error_line(proc.stderr, path, expected)
    assert not (tmp_path / "cache").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its mode; see the patched test below")
def test_unreadable_file_chmod_000(tmp_path, capsys, cache):
    path = _write(tmp_path, {"g.txt": VALID})
    path.chmod(0)
    try:
        assert main(["info", str(path)]) == 2
    finally:
        path.chmod(0o644)
    _assert_one_error_line(capsys.readouterr().err, path, "expected a readable file, got Permission denied")


def test_unreadable_file_refused_open(tmp_path, capsys, cache, monkeypatch):
    """As root chmod does not stop reads, so ``open`` refuses this one path the way the kernel would."""
    import builtins

    path = _write(tmp_path, {"g.txt": VALID})
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(io, "open", refusing_open)
    assert main(["info", str(path)]) == 2
    captured = capsys.readouterr()
    _assert_one_error_line(captured.err, path, "g.txt: expected a readable file, got Permission denied (errno 13)")
    assert not cache.exists()


def test_a_fifo_is_refused_before_it_is_opened(tmp_path):
    """open() on a FIFO waits for a writer forever: it must be refused from its stat, in a subprocess here so
    that a regression fails on the timeout instead of hanging the test run."""
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "wordeval", "info", "--no-cache", str(fifo)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "WORDEVAL_CACHE": str(tmp_path / "cache")})
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"wordeval: error: {fifo}: expected a regular file, got a FIFO/pipe\n"


def test_a_pipe_and_dev_null_are_refused(tmp_path, capsys, cache):
    r, w = os.pipe()  # what the shell's <(cat x) hands over: /dev/fd/N of a pipe
    try:
        os.write(w, VALID)
        os.close(w)
        assert main(["info", f"/dev/fd/{r}"]) == 2
    finally:
        os.close(r)
    assert capsys.readouterr().err == f"wordeval: error: /dev/fd/{r}: expected a regular file, got a FIFO/pipe\n"
    assert main(["info", "/dev/null"]) == 2
    assert capsys.readouterr().err == "wordeval: error: /dev/null: expected a regular file, got a character device\n"
    assert not cache.exists()


def test_fasttext_invalid_utf8_word_under_replace_is_one_warning_line(tmp_path, capsys, caplog, cache):
    """gensim logs one ERROR line per undecodable word (69 for a cp852 model), even with the CLI quiet."""
    path = _write(tmp_path, {"ft.bin": FT_LATIN1})
    assert main(["info", "--encoding-errors", "replace", "--json", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == (f"wordeval: warning: {path}: 1 word(s) with invalid UTF-8, bytes replaced by U+FFFD "
                            "(first: b'th\\xe9', word 4 of the vocabulary)\n")
    import json
    assert "failed to decode" not in caplog.text  # gensim's own line per word is not let through
    info = json.loads(captured.out)
    assert info["parameters"]["encoding_errors"] == "replace"
    from wordeval.embeddings.fasttext import load_fasttext_bin
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        emb = load_fasttext_bin(path, encoding_errors="replace")
    assert emb.words[3] == "th\ufffd" and emb.lookup(["th\ufffd"])[1].all()
