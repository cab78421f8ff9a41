"""Regression pin: a ``count dim`` text file is word2vec's text or fastText's ``.vec`` alike (one layout, both
tools end each line with a space), so content cannot name it. It is read one way; the record's
``embedding.format`` follows the suffix (``.vec``: fasttext-vec), and is a name only: the same vectors, the
same fingerprint and the same store key, so the file renamed is the same cell. README said the format came
from content alone; it now says this. Oracle: gensim's reader of the same file."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from wordeval.cli import main
from wordeval.embeddings.detect import detect_format
from wordeval.embeddings.load import load_embedding

ROOT = Path(__file__).resolve().parent.parent
# word2vec.c's text output: "%s " then "%lf " per value
TEXT = ("4 3\n" + "".join(f"{w} " + "".join(f"{v:f} " for v in row) + "\n" for w, row in (
    ("cat", (0.1, 0.2, 0.3)), ("dog", (0.2, 0.1, 0.4)), ("car", (0.9, 0.1, 0.0)), ("auto", (0.8, 0.2, 0.1)))))


@pytest.mark.parametrize("name, fmt", [("w.vec", "fasttext-vec"), ("w.txt", "word2vec"),
                                       ("w.vec.gz", "fasttext-vec")])
def test_the_suffix_names_a_text_file_with_a_header_and_changes_nothing_else(tmp_path, name, fmt):
    from gensim.models import KeyedVectors

    path = tmp_path / name
    if name.endswith(".gz"):
        import gzip
        path.write_bytes(gzip.compress(TEXT.encode()))
    else:
        path.write_text(TEXT, encoding="utf-8")
    assert detect_format(path) == fmt
    emb = load_embedding(path, cache=False)
    plain = tmp_path / "plain.txt"
    plain.write_text(TEXT, encoding="utf-8")
    other = load_embedding(plain, cache=False)
    assert emb.info.format == fmt and emb.info.fingerprint == other.info.fingerprint
    kv = KeyedVectors.load_word2vec_format(str(path), binary=False)
    assert emb.words == kv.index_to_key and np.array_equal(emb.vectors, kv.vectors)


def test_the_file_renamed_is_the_same_cell_of_the_store(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    (tmp_path / "pairs.tsv").write_text("cat\tdog\t3.0\ncar\tauto\t4.0\ncat\tcar\t1.0\ndog\tauto\t0.5\n",
                                        encoding="utf-8")
    spec = tmp_path / "tiny.toml"
    spec.write_text('name = "tiny"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")
    for name in ("w.vec", "w.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    store = tmp_path / "store"
    args = ["--quiet", "intrinsic", "--tasks", str(spec), "--out", str(store)]
    assert main([*args, f"w={tmp_path / 'w.vec'}"]) == 0
    assert "1 computed, 0 already stored" in capsys.readouterr().err
    assert main([*args, f"w={tmp_path / 'w.txt'}"]) == 0
    assert "0 computed, 1 already stored" in capsys.readouterr().err


def test_readme_says_the_suffix_names_it():
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert ("the record's `embedding.format` names it after the suffix, `fasttext-vec` for `.vec` and "
            "`word2vec` for any other") in text
