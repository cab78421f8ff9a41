"""A fastText .bin whose n-gram buckets hold a NaN or an infinity is refused, naming the bucket: its
vocabulary vectors were checked, but a word outside the vocabulary composed from that bucket got a NaN vector
marked found, and every cosine with it was NaN."""
from __future__ import annotations

import numpy as np
import pytest
from gensim.models import FastText
from gensim.models.fasttext import ft_ngram_hashes, save_facebook_model

from wordeval.cli import main

SENTENCES = [["king", "queen", "man"], ["woman", "king", "man"]] * 20
OOV = "zzzzqx"


def _model_with(tmp_path, value):
    model = FastText(SENTENCES, vector_size=4, min_count=1, epochs=1, workers=1, bucket=1000, seed=1)
    used = {h for w in model.wv.index_to_key for h in ft_ngram_hashes(w, 3, 6, 1000)}
    bucket = next(h for h in ft_ngram_hashes(OOV, 3, 6, 1000) if h not in used)  # no vocabulary word reads it
    model.wv.vectors_ngrams[bucket, 2] = value
    path = tmp_path / "model.bin"
    save_facebook_model(model, str(path))
    return path, bucket


@pytest.mark.parametrize("value, shown", [(np.nan, "nan"), (np.inf, "inf")])
def test_nonfinite_ngram_bucket_is_refused_naming_it(tmp_path, monkeypatch, capsys, value, shown):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path, bucket = _model_with(tmp_path, value)
    assert main(["info", str(path)]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert captured.out == "" and "\n" not in err and "Traceback" not in err
    assert err.startswith(f"wordeval: error: {path}: expected finite n-gram vectors")
    assert f"got {shown} in dimension 3 of n-gram bucket {bucket}" in err


def test_finite_model_still_composes_the_oov_word_as_gensim_does(tmp_path):
    from gensim.models.fasttext import load_facebook_vectors

    from wordeval.embeddings.load import load_file

    path, _ = _model_with(tmp_path, 0.5)
    vectors, found = load_file(path, cache=False).lookup([OOV])
    assert found.all()
    np.testing.assert_allclose(vectors[0], load_facebook_vectors(str(path))[OOV], rtol=1e-6)
