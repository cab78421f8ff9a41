"""A cv10 record's ``extra.protocol`` held ``n_train: null`` and ``n_test`` beside a ``dataset`` saying all
24 documents in 10 folds, and the report's Protocol section read it as a split: "subsampling: protocol cv10,
test 24 of 24 documents". Under ``max_train`` every fold's training part was cut, yet the quick-profile
summary said "no split subsampled". Oracle for the fold sizes: scikit-learn's StratifiedKFold."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import wordeval
from wordeval.report.protocol import cut_splits, protocol_lines

WORDS = "good fine great nice movie bad awful poor dull".split() + [str(i) for i in range(12)]
LINE = ("10-fold stratified CV over all 24 documents, each predicted once by a model of the other 9 folds "
        "(folds of 2 or 3 documents, each model trained on {trained}); C chosen by an inner 5-fold CV on "
        "each training part")


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cv10")
    for label, words in (("pos", "good fine great nice"), ("neg", "bad awful poor dull")):
        lines = "".join(f"{words} movie {i}\n" for i in range(12))
        (folder / f"{label}.txt").write_text(lines, encoding="utf-8")
    path = folder / "t.toml"
    path.write_text('name = "t"\nfamily = "classification"\nprotocol = "cv10"\n[classes]\npos = "pos.txt"\n'
                    'neg = "neg.txt"\n', encoding="utf-8")
    return str(path)


def _record(spec, **config):
    rng = np.random.default_rng(0)
    return wordeval.evaluate({w: rng.normal(size=8) for w in WORDS}, spec, name="v",
                             config={"n_seeds": 1, "c_grid": [0.1, 1.0], **config})


def _protocol_text(rec) -> list[str]:
    return [text for _, text in protocol_lines(wordeval.compare([rec]).protocol)]


def _quick(rec):
    return dataclasses.replace(rec, run=dict(rec.run, command=["wordeval", "run", "--suite", "quick"]))


def _stored_before(rec):
    """The record as stored before its block said documents and folds: n_train null, n_test, and per-seed runs
    without fold sizes; before 6c862e2 its dataset said split "test" with n_train null."""
    d = rec.to_dict()
    p = d["extra"]["protocol"]
    d["extra"]["protocol"] = {"name": "cv10", "n_train": None, "n_test": 24, "n_test_available": 24,
                              **{k: p[k] for k in ("max_train", "seeds", "train_sample") if k in p}}
    for run in d["extra"]["per_seed"]:
        run.pop("n_test_per_fold", None), run.pop("n_train_available_per_fold", None)
    for key in ("n_documents", "folds"):
        d["dataset"].pop(key, None)
    d["dataset"].update(split="test", n_train=None, n_test=24)
    return type(rec).from_dict(d)


def test_the_protocol_block_says_documents_and_folds_as_the_dataset_does(spec):
    from sklearn.model_selection import StratifiedKFold

    rec = _record(spec)
    p = rec.extra["protocol"]
    assert "n_train" not in p and "n_test" not in p and "n_test_available" not in p
    assert p["name"] == "cv10" and p["n_documents"] == rec.dataset["n_documents"] == 24
    assert p["folds"] == rec.dataset["folds"] == 10 and p["inner_folds"] == 5
    labels = ["pos"] * 12 + ["neg"] * 12
    folds = list(StratifiedKFold(10, shuffle=True, random_state=0).split(np.zeros(24), labels))
    tested = [len(te) for _, te in folds]
    assert p["n_test_per_fold"] == {"min": min(tested), "max": max(tested)}
    assert p["n_train_available_per_fold"] == {"min": min(len(tr) for tr, _ in folds),
                                               "max": max(len(tr) for tr, _ in folds)}
    assert p["n_train_per_fold"] == p["n_train_available_per_fold"] == {"min": 21, "max": 22}
    assert rec.extra["per_seed"][0]["n_test_per_fold"] == tested


def test_the_report_says_the_folds_not_a_test_split(spec):
    rec = _record(spec)
    text = _protocol_text(rec)
    assert f"cross-validation: {LINE.format(trained='21 or 22')}" in text, text
    assert not any("test 24 of 24" in line or line.startswith("subsampling") for line in text), text
    assert cut_splits(rec) == set()
    assert "no split subsampled" in " ".join(wordeval.compare([_quick(rec)]).summary)


def test_max_train_cuts_each_folds_training_part_and_the_quick_summary_says_so(spec):
    rec = _record(spec, max_train=16)
    assert rec.extra["protocol"]["n_train_per_fold"] == {"min": 16, "max": 16}
    assert f"cross-validation: {LINE.format(trained='a stratified sample of 16 of its 21 or 22')}" in \
        _protocol_text(rec)
    assert cut_splits(rec) == {"train"}
    summary = " ".join(wordeval.compare([_quick(rec)]).summary)
    assert "(subsampled training data)" in summary, summary


@pytest.mark.parametrize("max_train, trained",
                         [(None, "21 or 22"), (16, "a stratified sample of 16 of its 21 or 22")])
def test_a_record_stored_with_n_train_null_and_n_test_reads_the_same(spec, max_train, trained):
    rec = _record(spec, max_train=max_train)
    old = _stored_before(rec)
    assert old.extra["protocol"]["n_train"] is None and "n_test_per_fold" not in old.extra["per_seed"][0]
    assert f"cross-validation: {LINE.format(trained=trained)}" in _protocol_text(old)
    assert _protocol_text(old) == _protocol_text(rec)
    assert cut_splits(old) == cut_splits(rec) == ({"train"} if max_train else set())
