"""File load options (--allow-pickle, --encoding-errors, --format, --vocab) on the evaluating commands
(intrinsic, extrinsic, run) and in the Python API, as ``wordeval info`` has them.

Oracles: a gensim ``KeyedVectors.save`` file evaluated on WS353 gives the Spearman that gensim's own vectors
and ``scipy.stats.spearmanr`` give on the covered pairs; a word2vec file with invalid UTF-8 read with
``replace`` gives the embedding ``load_embedding(..., encoding_errors="replace")`` gives.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from wordeval.cli import main

WS353 = "similarity/ws353"


@pytest.fixture(autouse=True)
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))


def _ws353_words() -> list[str]:
    from wordeval.tasks.task import get_task

    words = set()
    for pair in get_task(WS353).load_dataset().items():
        words |= {pair.word1, pair.word2}
    return sorted(words)


@pytest.fixture
def kv_file(tmp_path, glove50):
    """A gensim .kv of GloVe rows for ~4/5 of WS353's words (some pairs not covered), saved by gensim."""
    from gensim.models import KeyedVectors

    words = [w for i, w in enumerate(_ws353_words()) if i % 5 != 0]
    vectors, found = glove50.lookup(words)
    kept = [w for w, f in zip(words, found) if f]
    kv = KeyedVectors(vector_size=50)
    kv.add_vectors(kept, np.asarray(vectors[found], dtype=np.float32))
    path = tmp_path / "small.kv"
    kv.save(str(path))
    return path


def _one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("wordeval: error:"), captured.err
    return captured.err


def test_kv_through_intrinsic_with_allow_pickle_matches_gensim_and_scipy(kv_file, tmp_path, capsys):
    from gensim.models import KeyedVectors
    from scipy.stats import spearmanr

    from wordeval.tasks.task import get_task

    out = tmp_path / "res"
    rc = main(["intrinsic", f"mine={kv_file}", "--tasks", WS353, "--case", "exact", "--allow-pickle",
               "--out", str(out), "--json"])
    assert rc == 0
    [record] = json.loads(capsys.readouterr().out)
    # the oracle: gensim's own loader and similarity, scipy's Spearman on the pairs both words of which it has
    kv = KeyedVectors.load(str(kv_file))
    pairs = [p for p in get_task(WS353).load_dataset().items() if p.word1 in kv.key_to_index
             and p.word2 in kv.key_to_index]
    expected = spearmanr([kv.similarity(p.word1, p.word2) for p in pairs], [p.score for p in pairs]).statistic
    assert 0 < len(pairs) < 353
    assert record["n_used"] == len(pairs) and record["n_total"] == 353
    assert record["scores"]["spearman"] == pytest.approx(expected, abs=1e-9)
    assert record["embedding"]["format"] == "gensim-kv" and record["embedding"]["name"] == "mine"
    assert record["embedding"]["parameters"]["allow_pickle"] is True


@pytest.mark.parametrize("command", ["intrinsic", "extrinsic", "run"])
def test_kv_without_allow_pickle_is_refused_naming_an_option_the_command_has(command, kv_file, tmp_path, capsys):
    out = tmp_path / "res"
    task = WS353 if command != "extrinsic" else "classification/bbc"
    assert main([command, f"mine={kv_file}", "--tasks", task, "--out", str(out)]) == 2
    err = _one_line_error(capsys)
    assert "--allow-pickle" in err and str(kv_file) in err
    assert not out.exists()
    # ... and that option is one the command takes
    from wordeval.cli import build_parser

    args = build_parser().parse_args([command, f"mine={kv_file}", "--allow-pickle", "--encoding-errors", "replace"])
    assert args.allow_pickle is True and args.encoding_errors == "replace"


def _bad_utf8_word2vec(tmp_path, glove50):
    """word2vec text of WS353's words, and two words whose bytes are not UTF-8 (latin-1 'café', 'naïve')."""
    words = _ws353_words()
    vectors, found = glove50.lookup(words)
    kept = [w for w, f in zip(words, found) if f]
    rows = [(w.encode(), v) for w, v in zip(kept, np.asarray(vectors[found]))]
    rows += [("café".encode("latin-1"), np.full(50, 0.5)), ("naïve".encode("latin-1"), np.full(50, -0.5))]
    path = tmp_path / "latin1.w2v.txt"
    with open(path, "wb") as fh:
        fh.write(f"{len(rows)} 50\n".encode())
        for w, v in rows:
            fh.write(w + b" " + " ".join(f"{x:.6f}" for x in v).encode() + b"\n")
    return path


def test_run_with_encoding_errors_replace_reads_invalid_utf8(tmp_path, glove50, capsys):
    from wordeval.embeddings.load import load_embedding

    path = _bad_utf8_word2vec(tmp_path, glove50)
    out = tmp_path / "res"
    assert main(["run", f"mine={path}", "--tasks", WS353, "--out", str(out)]) == 2
    err = _one_line_error(capsys)
    assert "--encoding-errors replace" in err and not out.exists()

    rc = main(["run", f"mine={path}", "--tasks", WS353, "--encoding-errors", "replace", "--out", str(out)])
    assert rc == 0
    capsys.readouterr()
    from wordeval.results.store import ResultStore

    with ResultStore(out, create=False) as store:
        [record] = list(store.records())
    oracle = load_embedding(path, encoding_errors="replace", cache=False)
    assert "caf\ufffd" in oracle.words
    assert record.embedding["fingerprint"] == oracle.info.fingerprint
    assert record.embedding["parameters"]["encoding_errors"] == "replace"
    assert record.n_used > 300


def test_format_and_vocab_per_representation(tmp_path, glove50, capsys):
    """--format NAME=FORMAT reaches the loader of that representation only; a bare --format needs one."""
    from wordeval.embeddings.load import load_embedding

    words = _ws353_words()
    vectors, found = glove50.lookup(words)
    kept = [w for w, f in zip(words, found) if f]
    w2v = tmp_path / "a.txt"
    with open(w2v, "w", encoding="utf-8") as fh:
        fh.write(f"{len(kept)} 50\n")
        for w, v in zip(kept, np.asarray(vectors[found])):
            fh.write(w + " " + " ".join(f"{x:.6f}" for x in v) + "\n")
    npy = tmp_path / "m.npy"
    np.save(npy, np.asarray(vectors[found], dtype=np.float32))
    vocab = tmp_path / "words-elsewhere.txt"
    vocab.write_text("\n".join(kept) + "\n", encoding="utf-8")
    out = tmp_path / "res"

    # read as GloVe (no header), the word2vec file's header line is a word with one number: refused
    assert main(["intrinsic", f"a={w2v}", f"m={npy}", "--tasks", WS353, "--format", "a=glove",
                 "--vocab", f"m={vocab}", "--out", str(out)]) == 2
    assert str(w2v) in _one_line_error(capsys) and not out.exists()
    rc = main(["intrinsic", f"a={w2v}", f"m={npy}", "--tasks", WS353, "--format", "a=word2vec",
               "--vocab", f"m={vocab}", "--out", str(out), "--json"])
    assert rc == 0
    records = {r["embedding"]["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["a"]["embedding"]["format"] == "word2vec"
    assert records["m"]["embedding"]["fingerprint"] == load_embedding(npy, vocab=vocab).info.fingerprint
    assert records["m"]["embedding"]["parameters"]["vocab"] == str(vocab.resolve())
    assert records["a"]["scores"]["spearman"] == pytest.approx(records["m"]["scores"]["spearman"], abs=1e-5)

    # a bare value needs exactly one representation; a name that is no representation's is refused
    assert main(["intrinsic", f"a={w2v}", f"m={npy}", "--tasks", WS353, "--format", "glove",
                 "--out", str(tmp_path / "r2")]) == 2
    assert "--format" in _one_line_error(capsys)
    assert main(["intrinsic", f"a={w2v}", "--tasks", WS353, "--format", "b=glove",
                 "--out", str(tmp_path / "r2")]) == 2
    assert "--format" in _one_line_error(capsys)
    assert main(["intrinsic", "glove-6b-50d", "--tasks", WS353, "--format", "glove",
                 "--out", str(tmp_path / "r2")]) == 2
    assert "--format" in _one_line_error(capsys)
    assert main(["intrinsic", f"a={w2v}", "--tasks", WS353, "--format", "nosuch",
                 "--out", str(tmp_path / "r2")]) == 2
    assert "--format" in _one_line_error(capsys)
    assert not (tmp_path / "r2").exists()
    assert main(["intrinsic", str(w2v), "--tasks", WS353, "--format", "word2vec", "--out", str(tmp_path / "r3")]) == 0


def test_python_api_takes_the_load_options(kv_file, tmp_path):
    import wordeval
    from wordeval.errors import ConfigError

    with pytest.raises(ConfigError, match="allow_pickle"):
        wordeval.run([f"mine={kv_file}"], [WS353], out=tmp_path / "a")
    summary = wordeval.run([f"mine={kv_file}"], [WS353], out=tmp_path / "a", load_options={"allow_pickle": True})
    assert len(summary.computed) == 1
    rec = wordeval.evaluate(kv_file, WS353, load_options={"allow_pickle": True})
    assert rec.embedding["format"] == "gensim-kv"
    with pytest.raises(ConfigError, match="load option"):
        wordeval.run([f"mine={kv_file}"], [WS353], out=tmp_path / "b", load_options={"allow_pickles": True})


def test_a_format_for_a_name_no_representation_has_says_so(tmp_path, capsys):
    """With one representation, '--format b=glove' was read as the format 'b=glove' and refused as "expected a
    format, one of ...", as if glove were misspelt: the name is what is wrong."""
    vectors = tmp_path / "a.txt"
    vectors.write_text("king 0.1 0.2\nqueen 0.2 0.1\n", encoding="utf-8")
    out = tmp_path / "r"
    assert main(["intrinsic", f"a={vectors}", "--tasks", WS353, "--format", "b=glove", "--out", str(out)]) == 2
    err = _one_line_error(capsys)
    assert "'b' is not a representation of this run (it has 'a')" in err and "expected a format" not in err
    assert not out.exists()


@pytest.mark.parametrize("command", ["info", "intrinsic", "extrinsic", "run"])
def test_allow_pickle_help_names_what_the_flag_loads(command, capsys):
    # README: --allow-pickle loads gensim .kv/.model files and a bert:model=FOLDER's pickled weights; the help
    # said only "gensim .kv files"
    assert main([command, "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    start = text.index("--allow-pickle load pickles")
    said = text[start:start + 300]
    assert ".kv/.model" in said and "bert:model=FOLDER" in said and "pytorch_model.bin" in said
