"""``wordeval info``: table and JSON output, and one-line errors with exit code 2 for bad input."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from wordeval.cli import main

_USER_CACHE = os.environ.get("WORDEVAL_CACHE")  # the packaged GloVe artifact lives there; never refetch it
GENSIM_DATA = Path(importlib.util.find_spec("gensim").submodule_search_locations[0]) / "test" / "test_data"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))


def test_info_json_matches_the_file(capsys):
    from gensim.models import KeyedVectors

    path = GENSIM_DATA / "euclidean_vectors.bin"
    assert main(["info", f"euc={path}", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    kv = KeyedVectors.load_word2vec_format(str(path), binary=True)
    norms = np.linalg.norm(kv.vectors.astype(np.float64), axis=1)
    assert facts["name"] == "euc" and facts["format"] == "word2vec-bin"
    assert (facts["vocab_size"], facts["dim"]) == (len(kv.index_to_key), kv.vector_size)
    assert facts["fingerprint"].startswith("sha256:") and facts["load_seconds"] >= 0
    assert facts["norms"]["median"] == pytest.approx(float(np.median(norms)), rel=1e-9)
    assert facts["norms"]["max"] == pytest.approx(float(norms.max()), rel=1e-9)
    assert facts["from_cache"] is False
    assert main(["info", str(path), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["from_cache"] is True and again["fingerprint"] == facts["fingerprint"]


def test_info_table_with_forced_format(capsys):
    path = GENSIM_DATA / "lee_fasttext.vec"
    assert main(["info", str(path), "--format", "word2vec", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "format       word2vec" in out or "word2vec" in out.split("format", 1)[1].split("\n")[0]
    assert "1762" in out and "norms" in out and "load time" in out


def test_info_registered_id(capsys, monkeypatch):
    if _USER_CACHE is None:
        monkeypatch.delenv("WORDEVAL_CACHE")
    else:
        monkeypatch.setenv("WORDEVAL_CACHE", _USER_CACHE)
    assert main(["info", "glove-6b-50d", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert (facts["vocab_size"], facts["dim"], facts["format"]) == (400_000, 50, "npy+parquet")


BAD = {
    "empty.txt": b"",
    "header.txt": b"3 2\na 1 2\nb 3 4\n",
    "ragged.txt": b"a 1 2 3\nb 4 5\n",
    "text.txt": b"a 1 2\nb 1 zz\n",
    "nan.txt": b"a 1 2\nb nan 4\n",
    "utf8.txt": b"a 1 2\n\xff\xfe 3 4\n",
    "zeros.txt": b"a 0 0\nb 0 0\n",
    "trunc.bin": b"2 4\na " + b"\x00\x00\x80\x3f" * 4 + b"\nb " + b"\x00\x00\x80\x3f",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(BAD[name])
    assert main(["info", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith(f"wordeval: error: {path}:"), captured.err
    assert "expected" in lines[0] and "Traceback" not in captured.err


def test_bad_input_is_one_line_under_numpy_before_2_4(tmp_path, capsys, monkeypatch):
    # numpy < 2.4 (the newest for Python 3.10 is 2.2) has np.fromstring warn and return the numbers before a
    # bad token, where 2.4 raises: its DeprecationWarning was a 'wordeval: warning:' line above the error
    import warnings

    fromstring = np.fromstring

    def before_2_4(string, dtype=float, count=-1, *, sep):
        try:
            return fromstring(string, dtype=dtype, count=count, sep=sep)
        except ValueError:
            warnings.warn("string or file could not be read to its end due to unmatched data; this will "
                          "raise a ValueError in the future.", DeprecationWarning, stacklevel=2)
            good = []
            for token in string.split():
                try:
                    good.append(float(token))
                except ValueError:
                    break
            return np.array(good, dtype=dtype)

    monkeypatch.setattr(np, "fromstring", before_2_4)
    test_bad_input_exits_2_with_one_line(tmp_path, capsys, "text.txt")


def test_missing_directory_and_pickle_refusal(tmp_path, capsys):
    assert main(["info", str(tmp_path / "missing.txt")]) == 2
    assert main(["info", str(tmp_path)]) == 2
    kv_path = GENSIM_DATA / "model-from-gensim-3.8.0.w2v"
    assert main(["info", str(kv_path)]) == 2
    err = capsys.readouterr().err.strip().split("\n")
    assert len(err) == 3 and "no such embedding file" in err[0] and "directory" in err[1] and "allow-pickle" in err[2]


def test_encoding_errors_replace(tmp_path, capsys):
    path = tmp_path / "utf8.txt"
    path.write_bytes(BAD["utf8.txt"])
    assert main(["info", str(path), "--encoding-errors", "replace", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["parameters"]["encoding_errors"] == "replace"


def test_subprocess_exit_code_and_no_traceback(tmp_path):
    path = tmp_path / "ragged.txt"
    path.write_bytes(BAD["ragged.txt"])
    proc = subprocess.run([sys.executable, "-m", "wordeval", "info", str(path)], capture_output=True, text=True,
                          env={**os.environ, "WORDEVAL_CACHE": str(tmp_path / "c")})
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"wordeval: error: {path}:2: expected a word and 3 numbers "
                                   "(the dimension of the first line), got 2 numbers")


@pytest.mark.parametrize("spec", ["x.bin", "./x.bin", "mine=x.bin"])
def test_info_names_a_file_as_intrinsic_records_it(tmp_path, monkeypatch, capsys, spec):
    """An unlabelled file is named by its spec as written in every record (README: "its spec as written when
    it has none"), and so in compare and report; info printed the file's stem ('x' for intrinsic's 'x.bin')."""
    from tests._small_task import write_small_task

    monkeypatch.chdir(tmp_path)
    vectors, task = write_small_task(tmp_path)
    vectors.rename(tmp_path / "x.bin")  # GloVe text under another suffix: detected from content
    assert main(["info", spec, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["name"]
    assert main(["intrinsic", spec, "--tasks", str(task), "--out", "R", "--json", "-q", "--set", "n_boot=10"]) == 0
    recorded = json.loads(capsys.readouterr().out)[0]["embedding"]["name"]
    assert shown == recorded == ("mine" if spec.startswith("mine=") else spec)
