"""Corpus-trained builders as a user requests them: which corpus file a record names, conflicting spec
arguments, how a corpus file's lines are read, and what an interrupted build leaves in the cache."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from wordeval.embeddings.builders import build


@pytest.mark.parametrize("builder,params", [("lsa", {"dim": "4"}), ("brown", {"clusters": "5"})])
def test_a_cached_entry_names_the_requested_corpus_file(tmp_path, tiny_corpus, monkeypatch, builder, params):
    """The cache is keyed by the corpus's bytes: a copy of the corpus elsewhere is served the entry trained on
    the original. The representation must still name the file this run was given (the original may since
    have been edited or removed), not the path of whichever run trained the entry."""
    from wordeval.embeddings import brown, builders

    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    shutil.copyfile(tiny_corpus, copy)
    cache = tmp_path / "cache"
    load = build if builder != "brown" else (lambda _b, **kw: brown.build_brown(**kw))
    first = load(builder, corpus=str(tiny_corpus), cache_home=cache, **params)
    monkeypatch.setattr(builders, "_train", lambda *a, **k: pytest.fail("retrained despite the cache"))
    monkeypatch.setattr("wordeval.embeddings.brown_train.brown_clusters",
                        lambda *a, **k: pytest.fail("retrained despite the cache"))
    second = load(builder, corpus=str(copy), cache_home=cache, **params)
    assert second.info.fingerprint == first.info.fingerprint
    assert second.info.parameters["corpus_source"] == str(copy.resolve())
    assert second.info.parameters["corpus"] == "copy.txt"
    assert f"corpus={copy}," in second.info.source and str(tiny_corpus) not in second.info.source
    assert second.info.name == second.info.source
    assert len(list((cache / "built").iterdir())) == 1


@pytest.mark.parametrize("spec_tail", ["cbow,sg=1", "cbow,sg=true", "sg,sg=0", "skipgram,sg=no"])
def test_a_parameter_contradicting_the_variant_is_an_error(tmp_path, tiny_corpus, monkeypatch, spec_tail):
    from wordeval.embeddings.load import load_embedding
    from wordeval.errors import ConfigError

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    with pytest.raises(ConfigError, match=r"word2vec:\w+ sets sg=.*drop one of them"):
        load_embedding(f"word2vec:{spec_tail},corpus={tiny_corpus},dim=4,epochs=1")
    assert not (tmp_path / "cache" / "built").exists()


def test_a_parameter_agreeing_with_the_variant_is_taken(tmp_path, tiny_corpus, monkeypatch):
    from wordeval.embeddings.load import load_embedding

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    emb = load_embedding(f"word2vec:cbow,corpus={tiny_corpus},sg=false,dim=4,epochs=1")
    assert emb.info.parameters["sg"] is False


def test_a_contradicting_variant_is_refused_before_the_store_exists(tmp_path, tiny_corpus, capsys):
    from wordeval.cli import main

    out = tmp_path / "store"
    spec = f"word2vec:cbow,corpus={tiny_corpus},sg=1,dim=4"
    assert main(["--quiet", "intrinsic", spec, "--tasks", "similarity/mc30", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"wordeval: error: {spec}: word2vec:cbow sets sg=0") and "\n" not in err, err
    assert not out.exists()


def test_corpus_lines_end_only_at_newlines(tmp_path):
    """One sentence per line, blank lines between documents: a form feed (pdftotext's page break), U+2028 or
    U+0085 inside a line is whitespace, as in any text editor, not a line end (str.splitlines made a page
    break a blank line, that is a document break, and cut a sentence in two)."""
    from wordeval.embeddings.corpus import load_corpus

    f = tmp_path / "pages.txt"
    f.write_text("the cat sat on the mat\n\fthe dog sat\n\nbirds sang\u2028all day\nthe sun\x85rose\n\f",
                 encoding="utf-8", newline="")
    corpus = load_corpus(f)
    assert corpus.sentences == [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "sat"],
                                ["birds", "sang", "all", "day"], ["the", "sun", "rose"]]
    assert corpus.doc_starts.tolist() == [0, 2, 4]
    # without blank lines every line is a document, whatever spaces it holds
    f.write_text("one two\u2028three\nfour\ffive\n", encoding="utf-8", newline="")
    corpus = load_corpus(f)
    assert corpus.sentences == [["one", "two", "three"], ["four", "five"]] and corpus.n_documents == 2


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_corpus_line_ends_of_every_platform_read_alike(tmp_path, newline):
    from wordeval.embeddings.corpus import load_corpus

    f = tmp_path / "c.txt"
    f.write_text(newline.join(["a b", "c", "", "d e", ""]), encoding="utf-8", newline="")
    corpus = load_corpus(f)
    assert corpus.sentences == [["a", "b"], ["c"], ["d", "e"]] and corpus.doc_starts.tolist() == [0, 2, 3]


_KILLED_WHILE_SAVING = """
import os, signal, sys
import numpy as np
from wordeval.embeddings import builders

real_save = builders.save_npy  # the entry's matrix writer (npy_save.save_npy since d81d1ee)
def save_then_die(path, *args, **kwargs):
    real_save(path, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer or a hard time limit would, mid-entry
builders.save_npy = save_then_die
builders.save_built(sys.argv[1], ["a", "b"], np.ones((2, 3), np.float32), {"format": "x"})
"""


def test_a_build_killed_while_saving_leaves_nothing_the_next_save_keeps(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from wordeval.embeddings.builders import save_built

    entry = tmp_path / "built" / "key"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", _KILLED_WHILE_SAVING, str(entry)], env=env, timeout=120)
    assert done.returncode == -signal.SIGKILL
    assert not entry.exists() and len(list(entry.parent.iterdir())) == 1  # the killed build's folder
    save_built(entry, ["a", "b"], np.zeros((2, 3), np.float32), {"format": "y"})
    assert [p.name for p in entry.parent.iterdir()] == ["key"]
    assert sorted(p.name for p in entry.iterdir()) == ["meta.json", "vectors.npy", "words.txt"]


def test_word2vec_training_keeps_gensim_info_lines_off_the_log(caplog):
    """The CLI logs at INFO: gensim's lifecycle events (date, platform) and progress lines came out between
    the run's progress bars, a dozen lines for a 3,000-sentence corpus."""
    import logging

    from wordeval.embeddings.word2vec_train import train_word2vec

    sentences = [["a", "b", "c", "d"], ["b", "c", "d", "a"]] * 20
    caplog.set_level(logging.INFO)
    words, vectors = train_word2vec(sentences, vocabulary=["a", "b", "c", "d"], dim=3, epochs=1, min_count=1)
    assert vectors.shape == (4, 3)
    assert not [r for r in caplog.records if r.name.startswith("gensim")]
    assert logging.getLogger("gensim").level == logging.NOTSET  # left as it was found


@pytest.mark.parametrize("content, expected", [
    (b"caf\xe9 au lait\n", "bad.txt:1: expected UTF-8 text, got byte 0xe9"),
    (b"\n \n\t\n", "bad.txt:1: expected at least one non-empty line"),
])
def test_a_corpus_the_build_would_refuse_is_refused_before_the_store_exists(tmp_path, tiny_corpus, capsys,
                                                                              monkeypatch, content, expected):
    """Found only when the build came up: the representations before it were computed and stored first."""
    from wordeval.cli import main

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))

    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("".join(f"w{i}\tw{i + 1}\t{i}\n" for i in range(12)), encoding="utf-8")
    task = tmp_path / "pairs.toml"
    task.write_text('name = "toy"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")
    out = tmp_path / "store"
    argv = ["--quiet", "intrinsic", f"a=lsa:corpus={tiny_corpus},dim=3", f"b=lsa:corpus={bad},dim=3",
            "--tasks", str(task), "--out", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and expected in err, err
    assert not out.exists()


def test_tfidf_on_too_few_documents_says_how_documents_are_counted(tmp_path):
    """It said only "dim=5: expected 1 <= dim < min(documents=2, vocabulary=...)": a file of two documents
    (20 sentences each, one blank line between) gave no hint that blank lines are what separate documents."""
    from wordeval.errors import ConfigError

    f = tmp_path / "two-documents.txt"
    lines = [f"w{i % 9} w{i % 7} w{i % 5}\n" for i in range(40)]
    f.write_text("".join(lines[:20]) + "\n" + "".join(lines[20:]), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"2 document\(s\), not more than dim=3 \(blank lines separate"):
        build("lsa-tfidf", corpus=str(f), cache=False, dim=3, min_count=1)


@pytest.mark.parametrize("name", ["my,corpus.txt", "my,own,corpus.txt"])
def test_a_corpus_path_holding_a_comma_is_named_in_the_error(tmp_path, capsys, name):
    """``lsa:corpus=/data/my,corpus.txt`` said "lsa: unknown variant 'corpus.txt'"; with two commas,
    "expected at most one bare variant, got 'own' and 'corpus.txt'"."""
    from wordeval.cli import main

    corpus = tmp_path / name
    corpus.write_text("a b c\n", encoding="utf-8")
    out = tmp_path / "store"
    assert main(["--quiet", "intrinsic", f"lsa:corpus={corpus},dim=3", "--tasks", "similarity/mc30",
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"wordeval: error: lsa:corpus={corpus},dim=3: corpus={corpus}: a ',' ends a spec's value, so a path holding one cannot be "
                   f"given; link or copy the file to a name without ','"), err
    assert not out.exists()


@pytest.mark.parametrize("make, said", [
    (lambda p: p.mkdir(), "a folder, not a corpus file (expected one text file, one sentence per line"),
    (lambda p: p.write_bytes(b"\n  \r\n\t\n"), ":1: expected at least one non-empty line (one sentence per line), "
                                               "got only blank lines"),
    (lambda p: p.write_bytes(b""), ":1: expected at least one non-empty line (one sentence per line), "
                                   "got an empty file"),
])
def test_a_corpus_that_is_a_folder_or_blank_is_named_as_what_it_is(tmp_path, capsys, make, said):
    """A folder was 'corpus file not found', a file of blank lines 'an empty file'."""
    from wordeval.cli import main

    corpus = tmp_path / "corpus"
    make(corpus)
    assert main(["--quiet", "info", f"lsa:corpus={corpus},dim=4"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"wordeval: error: {corpus}") and said in err and "\n" not in err, err
