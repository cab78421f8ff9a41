"""Options the cross-validation cannot honour are user errors, one line and exit 2, not scikit-learn
tracebacks or silently ignored settings:
- a ``max_train`` smaller than ``cv_folds``, a sample whose classes are all smaller than the folds, or a
  train whose classes all are (a large ``cv_folds``): scikit-learn's StratifiedKFold raised ValueError and
  the CLI printed "this is a bug in wordeval";
- ``max_test`` under protocol cv10: recorded in the config and ignored (every document was still scored).
"""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.cli import main


def _glove(path, words):
    rng = np.random.default_rng(0)
    path.write_text("".join(w + " " + " ".join(f"{x:.4f}" for x in rng.normal(size=4)) + "\n" for w in words),
                    encoding="utf-8")
    return path


def _split_task(tmp_path, n_train=40):
    rows = [("neg" if i % 2 else "pos", f"{'bad' if i % 2 else 'good'} film {i}") for i in range(n_train)]
    (tmp_path / "train.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    (tmp_path / "test.tsv").write_text("pos\tgood film\nneg\tbad film\n" * 5, encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n')
    return rows


def _cv_task(tmp_path):
    (tmp_path / "pos.txt").write_text("".join(f"good film {i}\n" for i in range(20)), encoding="utf-8")
    (tmp_path / "neg.txt").write_text("".join(f"bad film {i}\n" for i in range(20)), encoding="utf-8")
    (tmp_path / "cv.toml").write_text('name = "cv"\nfamily = "classification"\nprotocol = "cv10"\n[classes]\n'
                                      'pos = "pos.txt"\nneg = "neg.txt"\n')


def _run(tmp_path, capsys, spec, *settings):
    emb = _glove(tmp_path / "e.txt", ["good", "bad", "film"])
    out = tmp_path / "r"
    argv = ["extrinsic", f"e={emb}", "--tasks", str(tmp_path / spec), "--seeds", "1", "--out", str(out)]
    for s in settings:
        argv += ["--set", s]
    rc = main(argv)
    return rc, capsys.readouterr().err, out


def _one_line_error(rc, err):
    assert rc == 2 and "Traceback" not in err and "bug in wordeval" not in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_max_train_below_the_folds_is_refused_before_anything_is_written(tmp_path, capsys):
    _split_task(tmp_path)
    rc, err, out = _run(tmp_path, capsys, "t.toml", "max_train=3")
    _one_line_error(rc, err)
    assert "max_train=3" in err and "5 folds" in err and not out.exists()


def test_a_sample_too_small_for_the_folds_of_every_class_is_refused_when_planned(tmp_path, capsys):
    # 6 documents over 2 classes cannot give a class 5 documents for 5 folds whatever the draw
    _split_task(tmp_path)
    rc, err, out = _run(tmp_path, capsys, "t.toml", "max_train=6")
    _one_line_error(rc, err)
    assert "max_train = 6 leaves fewer than cv_folds = 5 training documents per class (2 classes)" in err
    assert not out.exists()


def test_cv_folds_above_every_class_of_train_is_refused(tmp_path, capsys):
    _split_task(tmp_path)
    rc, err, out = _run(tmp_path, capsys, "t.toml", "cv_folds=25")
    _one_line_error(rc, err)
    assert "cv_folds = 25 stratified folds" in err and "(at most 20)" in err and not out.exists()


def test_cv_folds_above_every_class_of_a_cv10_training_part_is_refused(tmp_path, capsys):
    _cv_task(tmp_path)
    rc, err, out = _run(tmp_path, capsys, "cv.toml", "cv_folds=30")
    _one_line_error(rc, err)
    assert "every class of a training part of cv10 has fewer documents (at most 18)" in err  # 9/10 of 20
    assert not out.exists()


def test_a_single_class_training_sample_is_a_user_error_not_a_traceback():
    from wordeval.errors import ConfigError
    from wordeval.extrinsic.classification import _check_sample

    with pytest.raises(ConfigError, match=r"t: max_train=12: seed 0's training sample holds 'pos': 12; the 5-fold"):
        _check_sample(["pos"] * 12, {"cv_folds": 5, "max_train": 12}, "seed 0's training sample", "t")


def test_max_test_under_cv10_is_refused_at_the_protocol_line(tmp_path, capsys):
    _cv_task(tmp_path)
    rc, err, out = _run(tmp_path, capsys, "cv.toml", "max_test=10")
    _one_line_error(rc, err)
    assert f"{tmp_path / 'cv.toml'}:3:" in err and "max_test=10" in err and not out.exists()


@pytest.mark.parametrize("setting", ["max_train=10", "cv_folds=5"])
def test_workable_settings_still_run(tmp_path, capsys, setting):
    _split_task(tmp_path)
    rc, err, _ = _run(tmp_path, capsys, "t.toml", setting)
    assert rc == 0, err
