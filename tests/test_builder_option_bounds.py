"""Builder counts and seeds beyond what the trainers take are refused as options, before anything trains:
gensim's kernels hold window and negative in C ints (a larger one killed gensim's worker thread and the run
waited forever), numpy's and scikit-learn's seeds are below 2**32 (a larger one was a traceback)."""
from __future__ import annotations

import pytest

from wordeval.embeddings.builders import PARAMETERS, build, parse_parameters
from wordeval.errors import ConfigError

INT32_MAX, SEED_MAX = 2 ** 31 - 1, 2 ** 32 - 1
COUNTS = sorted({(b, k) for b, schema in PARAMETERS.items() for k in schema
                 if k in ("window", "negative", "epochs", "dim", "min_count", "batch_size", "clusters",
                          "max_documents")})


@pytest.mark.parametrize("builder, key", COUNTS)
def test_a_count_above_a_c_int_is_refused(builder, key):
    assert parse_parameters(builder, {key: str(INT32_MAX)})[key] == INT32_MAX
    with pytest.raises(ConfigError, match=rf"{key}='{INT32_MAX + 1}': expected an integer <= {INT32_MAX}"):
        parse_parameters(builder, {key: str(INT32_MAX + 1)})


@pytest.mark.parametrize("builder", [b for b, schema in PARAMETERS.items() if "seed" in schema])
def test_a_seed_numpy_cannot_take_is_refused(builder):
    with pytest.raises(ConfigError, match=rf"seed='{SEED_MAX + 1}': expected an integer <= {SEED_MAX}"):
        parse_parameters(builder, {"seed": str(SEED_MAX + 1)})


@pytest.mark.parametrize("builder, params", [("lsa", {"dim": 4}), ("lsa-tfidf", {"dim": 4}),
                                             ("word2vec", {"dim": 4, "epochs": 1})])
def test_the_largest_seed_allowed_trains(tiny_corpus, builder, params):
    model = build(builder, corpus=str(tiny_corpus), cache=False, seed=SEED_MAX, **params)
    assert model.vectors.shape[1] == 4


def test_a_window_above_a_c_int_is_refused_before_the_store_exists(tmp_path, tiny_corpus, capsys):
    from wordeval.cli import main

    out = tmp_path / "store"
    # lsa, which trained on such a window, rather than word2vec, whose run hung: this fails, not hangs, unfixed
    spec = f"lsa:corpus={tiny_corpus},window={INT32_MAX + 1},dim=4"
    assert main(["--quiet", "intrinsic", spec, "--tasks", "similarity/mc30", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"wordeval: error: {spec}: window='{INT32_MAX + 1}': expected an integer <= {INT32_MAX}", err
    assert not out.exists()
