"""A training class with fewer documents than the inner CV's folds: scikit-learn's own "The least populated
class in y has only 3 members, which is less than n_splits=5." reached the user raw, once per fit, beside
wordeval's note saying the same. Now only wordeval's words, once per cell: check_data's note on the whole
train, and one note for max_train samples or cv10 training parts (classes counted by hand)."""
from __future__ import annotations

import warnings

import numpy as np

from wordeval.cli import main
from wordeval.extrinsic.classification import fit_logreg
from wordeval.extrinsic.stratified_sample import classes_under_folds

WORDS = [f"w{i}" for i in range(12)]


def test_fit_logreg_leaves_scikit_learns_small_class_warning_to_wordevals_note():
    rng = np.random.default_rng(0)
    y = ["a"] * 10 + ["b"] * 10 + ["c"] * 3
    x = rng.normal(size=(len(y), 4))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit_logreg(x, y, c_grid=[1.0], cv_folds=5, seed=0)
    assert [str(w.message) for w in caught if "least populated" in str(w.message)] == []


def test_classes_under_folds_names_the_fewest_documents_over_the_samples():
    samples = [["a"] * 6 + ["b"] * 4, ["a"] * 6 + ["b"] * 2 + ["c"], ["a"] * 6 + ["b"] * 5]
    note = classes_under_folds(samples, 5)
    assert note.startswith("2 of 3 training samples hold a class with fewer documents than the 5 folds")
    assert "(fewest: 'b' (2), 'c' (1))" in note
    assert classes_under_folds(samples, 5, known=["b", "c"]) is None
    assert classes_under_folds(samples, 1) is None


def test_cli_says_it_once_in_its_own_words(tmp_path, capsys, caplog):
    rng = np.random.default_rng(1)
    (tmp_path / "v.txt").write_text("".join(f"{w} " + " ".join(f"{v:.3f}" for v in rng.normal(size=4)) + "\n"
                                            for w in WORDS), encoding="utf-8")
    for split, n in (("train", 12), ("test", 4)):
        rows = [(lab, " ".join(rng.choice(WORDS, 4))) for lab in ("pos", "neg") for _ in range(n)]
        rows += [("odd", f"w{k} w{k + 1} w{k + 2}") for k in range(3 if split == "train" else 1)]
        (tmp_path / f"{split}.tsv").write_text("".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n', encoding="utf-8")
    rc = main(["-q", "extrinsic", f"A={tmp_path / 'v.txt'}", "--tasks", str(tmp_path / "c.toml"), "--seeds", "1",
               "--out", str(tmp_path / "R")])
    err = capsys.readouterr().err.splitlines() + [r.getMessage() for r in caplog.records]
    assert rc == 0 and not [line for line in err if "least populated" in line]
    assert [line for line in err if "fewer than the 5 folds" in line] == [
        "wordeval: warning: classification/c: train: class 'odd' has 3 documents, fewer than the 5 folds of the "
        "cross-validation that chooses C"]
