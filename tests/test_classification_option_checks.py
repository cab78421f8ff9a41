"""Classification options are checked before any work: a bad pooling/oov/sif_a/c_grid, fine-tuning options under
the logistic-regression learner, and a C-choosing CV with more folds than its training documents allow were
accepted (sif_a, c_grid = inf, finetune) or stopped the run in its first cell with the store already created
(pooling, oov: one line; cv_folds, max_train: a scikit-learn traceback)."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.cli import main

DOCS = [("pos", "great film"), ("neg", "terrible movie"), ("pos", "great movie"), ("neg", "terrible film")]


@pytest.fixture()
def small(tmp_path):
    rng = np.random.default_rng(0)
    words = ["great", "film", "terrible", "movie"]
    (tmp_path / "v.txt").write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n"
                                            for w in words), encoding="utf-8")
    # 20 documents of each class in train
    (tmp_path / "train.tsv").write_text("".join(f"{lab}\t{t}\n" for _ in range(10) for lab, t in DOCS))
    (tmp_path / "test.tsv").write_text("".join(f"{lab}\t{t}\n" for _ in range(3) for lab, t in DOCS))
    (tmp_path / "cls.toml").write_text('name = "cls"\nfamily = "classification"\n[files]\n'
                                       'train = "train.tsv"\ntest = "test.tsv"\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("setting, message", [
    ("sif_a=-1", "sif_a=-1: expected a finite number above 0"),
    ("sif_a=nan", "sif_a=nan: expected a finite number above 0"),
    ("c_grid=[1, inf]", "c_grid must be a non-empty list of positive finite numbers"),
    ("pooling=bogus", "classification option pooling must be one of mean, tfidf, sif, got 'bogus'"),
    ("oov=bogus", "classification option oov must be one of skip, zero, random, unk, got 'bogus'"),
    ("finetune={epochs=2}", "finetune options (epochs) are for learner = \"finetune\", not 'logreg'"),
    # 20 documents per class: 21 stratified folds cannot be made
    ("cv_folds=21", "cv_folds = 21 stratified folds choose C, and every class of train has fewer documents (at "
                    "most 20)"),
    # 9 documents cannot give 2 classes 5 folds each (a sample of 1 was the traceback "n_splits=5 greater than
    # the number of samples")
    ("max_train=9", "max_train = 9 leaves fewer than cv_folds = 5 training documents per class (2 classes)"),
])
def test_a_bad_classification_option_is_refused_before_the_store_exists(small, capsys, setting, message):
    store = small / "store"
    assert main(["--quiet", "extrinsic", str(small / "v.txt"), "--tasks", str(small / "cls.toml"), "--seeds", "1",
                 "--set", setting, "--out", str(store)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    assert message in err, err
    assert not store.exists()


@pytest.mark.parametrize("setting", ["cv_folds=20", "max_train=10"])
def test_the_limits_themselves_still_train(small, setting):
    assert main(["--quiet", "extrinsic", str(small / "v.txt"), "--tasks", str(small / "cls.toml"), "--seeds", "1",
                 "--set", setting, "--out", str(small / "store")]) == 0


def test_a_finetune_learning_rate_must_be_finite():
    from wordeval.errors import ConfigError
    from wordeval.extrinsic.bert_finetune import check_options

    with pytest.raises(ConfigError, match="learning_rate must be a positive number"):
        check_options({"learning_rate": float("nan")})


def test_sentence_features_for_a_word_vector_file_are_a_skip_with_the_reason_not_a_stop(small, capsys):
    """features="sentence" on a representation without sentence vectors was a ConfigError raised in its cell:
    the run stopped after its store was created (and, with several representations, after the others'
    cells). It is skipped with the reason, as pooling="sif" on an encoder is (exit 3)."""
    code = main(["extrinsic", str(small / "v.txt"), "--tasks", str(small / "cls.toml"), "--out",
                 str(small / "out"), "--seeds", "1", "--set", "features=sentence", "--set", "cv_folds=2", "-q"])
    err = capsys.readouterr().err
    assert code == 3 and "Traceback" not in err
    assert "features='sentence' needs sentence vectors (encode_sentences), and " in err
