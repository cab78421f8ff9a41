"""A bad option of a builder spec is one line naming the spec, the option and what was expected, exit 2, before
anything is written: "seed='-1': expected an integer >= 0" alone did not say which of a run's representations
(or which of a script's load_embedding calls) was wrong. Every builder, through run, info and the Python API."""
from __future__ import annotations

import pytest

from wordeval.errors import ConfigError

BAD = [("lsa", "seed=-1", "seed='-1': expected an integer >= 0"),
       ("lsa-tfidf", "sublinear_tf=maybe", "sublinear_tf='maybe': expected true or false"),
       ("word2vec", "window=0", "window='0': expected an integer >= 1"),
       ("glove", "lr=inf", "lr='inf': expected a finite number"),
       ("brown", "clusters=0", "clusters='0': expected an integer >= 1"),
       ("lsa", "bogus=1", "unknown option(s) bogus; known:")]


def _spec(builder, option, corpus):
    return f"{builder}:corpus={corpus},{option}"


@pytest.mark.parametrize("builder, option, expected", BAD)
@pytest.mark.parametrize("command", ["run", "info"])
def test_the_cli_names_the_spec(tmp_path, tiny_corpus, capsys, builder, option, expected, command):
    from wordeval.cli import main

    spec, out = _spec(builder, option, tiny_corpus), tmp_path / "store"
    labelled = f"mine={spec}"
    argv = (["--quiet", "run", labelled, "lsa:corpus=news", "--tasks", "similarity/mc30", "--out", str(out)]
            if command == "run" else ["--quiet", "info", labelled])
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    # run checks each LABEL=SPEC's spec, info loads the whole argument
    assert err.startswith("wordeval: error: ") and f"{spec}: " in err and expected in err and "\n" not in err, err
    assert not out.exists()


@pytest.mark.parametrize("builder, option, expected", BAD)
def test_the_python_api_names_the_spec(tmp_path, tiny_corpus, builder, option, expected):
    import wordeval

    spec = _spec(builder, option, tiny_corpus)
    with pytest.raises(ConfigError) as caught:
        wordeval.load_embedding(spec, cache_home=tmp_path / "cache")
    assert str(caught.value).startswith(f"{spec}: ") and expected in str(caught.value)
    assert not (tmp_path / "cache").exists()


def test_bert_options_name_the_spec(capsys):
    from wordeval.cli import main

    assert main(["--quiet", "info", "bert:model=minilm,layer=x"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: bert:model=minilm,layer=x: layer='x': expected an integer"), err
