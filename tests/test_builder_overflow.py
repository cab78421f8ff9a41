"""Options that overflow the arithmetic of training are one-line errors, and nothing is cached: such vectors
(NaN, or all zeros) were cached and then scored, or stopped the run later at a task's look-up, or were a
traceback in the SVD or in torch."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from wordeval.embeddings.builders import build, parse_parameters
from wordeval.embeddings.ppmi_svd import ppmi_matrix
from wordeval.errors import ConfigError

COUNTS = sp.csr_matrix(np.array([[0, 2, 1], [2, 0, 3], [1, 3, 0]], dtype=np.float64))


def test_a_smoothing_exponent_that_overflows_is_refused():
    with pytest.raises(ConfigError, match=r"alpha=1000000.0: the smoothed context counts #\(c\)\^alpha overflow"):
        ppmi_matrix(COUNTS, alpha=1e6)


def test_a_shift_that_leaves_no_positive_pmi_is_refused():
    # the largest PMI here is log(3 * 12 / (5 * 4)) = log 1.8 (hand-computed): k = e > 1.8 leaves nothing
    with pytest.raises(ConfigError, match=r"k=2.718281828459045: no word pair has a PMI above log k"):
        ppmi_matrix(COUNTS, alpha=1.0, shift=float(np.e))
    # PMI(a,c) = log(1 * 12 / (3 * 4)) = 0 is dropped: the pairs a-b and b-c in both orders remain
    assert ppmi_matrix(COUNTS, alpha=1.0, shift=1.0).nnz == 4


@pytest.mark.parametrize("builder, params, said", [
    ("lsa", {"dim": 4, "p": 1000}, "lsa: training gave vectors that are not finite"),
    ("lsa-tfidf", {"dim": 4, "p": 1e6}, "lsa-tfidf: training gave vectors that are not finite"),
    ("glove", {"dim": 4, "epochs": 2, "lr": 1e30}, "glove: training gave vectors that are not finite"),
])
def test_vectors_that_overflow_are_refused_and_not_cached(tmp_path, tiny_corpus, builder, params, said):
    cache = tmp_path / "cache"
    with pytest.raises(ConfigError, match=said):
        build(builder, corpus=str(tiny_corpus), cache_home=cache, **params)
    assert not list(cache.glob("built/*/meta.json"))


def test_a_glove_step_beyond_float32_is_refused_as_an_option():
    with pytest.raises(ConfigError, match=r"lr='1e300': expected a finite number in \(0.0, 3.40282"):
        parse_parameters("glove", {"lr": "1e300"})


def test_an_overflowing_build_is_one_line_and_leaves_no_store(tmp_path, tiny_corpus, capsys, monkeypatch):
    from wordeval.cli import main

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "store"
    spec = f"lsa:corpus={tiny_corpus},dim=4,p=1000"
    assert main(["--quiet", "intrinsic", spec, "--tasks", "similarity/mc30", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    # the whole spec names the representation (874a9bd), then what training gave
    assert err.startswith(f"wordeval: error: {spec}: training gave vectors that are not finite") and "\n" not in err, err
    assert not out.exists()
