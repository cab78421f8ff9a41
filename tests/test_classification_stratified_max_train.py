"""``max_train`` keeps a sample stratified by class: a uniform sample of an imbalanced set (TREC-6's ABBR is
1.6 % of its questions) left a class out of training for some seeds. Oracle: scikit-learn's
``train_test_split(stratify=..., random_state=seed)`` on the same labels, and the class counts by hand."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

SIZES = {"big": 60, "mid": 30, "small": 20, "rare": 6}  # 116 documents, "rare" 5.2 %
WORDS = {"big": "alpha", "mid": "beta", "small": "gamma", "rare": "delta"}


def _write_task(folder):
    for label, n in SIZES.items():
        lines = [f"the {WORDS[label]} {'one two three'.split()[i % 3]}" for i in range(n)]
        (folder / f"{label}.train").write_text("".join(f"{t}\n" for t in lines), encoding="utf-8")
        (folder / f"{label}.test").write_text("".join(f"{t}\n" for t in lines[:4]), encoding="utf-8")
    classes = "\n".join(f'{label} = "{label}.train"' for label in SIZES)
    tests = "\n".join(f'{label} = "{label}.test"' for label in SIZES)
    spec = folder / "imb.toml"
    spec.write_text(f'name = "imb"\nfamily = "classification"\n[classes.train]\n{classes}\n'
                    f'[classes.test]\n{tests}\n', encoding="utf-8")
    return spec


def _table():
    rng = np.random.default_rng(0)
    return {w: rng.standard_normal(4) for w in ["the", "one", "two", "three", *WORDS.values()]}


def test_sample_is_sklearns_stratified_split():
    from sklearn.model_selection import train_test_split

    from wordeval.extrinsic.stratified_sample import stratified_rows

    labels = [label for label, n in SIZES.items() for _ in range(n)]
    rng = np.random.default_rng(1)
    labels = [labels[i] for i in rng.permutation(len(labels))]
    for seed in range(5):
        ours = stratified_rows(labels, 29, seed)
        theirs, _ = train_test_split(np.arange(len(labels)), train_size=29, stratify=labels, random_state=seed)
        assert ours.tolist() == sorted(theirs.tolist())
        # 29 * n / 116 = 15, 7.5, 5, 1.5: every class kept, in proportion
        counts = Counter(labels[i] for i in ours)
        assert set(counts) == set(SIZES) and counts["big"] == 15 and counts["small"] == 5
        assert counts["mid"] + counts["rare"] == 9 and {counts["mid"], counts["rare"]} <= {7, 8, 1, 2}
    assert stratified_rows(labels, 29, 0).tolist() == stratified_rows(labels, 29, 0).tolist()
    assert stratified_rows(labels, 29, 0).tolist() != stratified_rows(labels, 29, 1).tolist()


def test_single_document_class_is_kept_not_a_traceback():
    from wordeval.extrinsic.stratified_sample import stratified_rows

    labels = ["a"] * 20 + ["b"] * 20 + ["lonely"]
    rows = stratified_rows(labels, 11, 0)
    assert len(rows) == 11 and 40 in rows.tolist()
    assert Counter(labels[i] for i in rows) == {"a": 5, "b": 5, "lonely": 1}


def test_record_shows_per_class_counts_of_the_stratified_sample(tmp_path):
    import wordeval

    spec = _write_task(tmp_path)
    config = {"n_seeds": 3, "max_train": 29, "cv_folds": 2, "c_grid": [1.0]}
    rec = wordeval.evaluate(_table(), str(spec), name="t", config=config, seed=0)
    for info in rec.extra["per_seed"]:
        counts = info["n_train_per_class"]
        assert set(counts) == set(SIZES) and sum(counts.values()) == info["n_train"] == 29
        assert counts["big"] == 15 and counts["small"] == 5
    assert rec.extra["protocol"]["train_sample"].startswith("stratified")


def test_cv10_folds_sample_stratified(tmp_path):
    import wordeval

    spec = _write_task(tmp_path)
    text = spec.read_text(encoding="utf-8").replace('family = "classification"\n',
                                                    'family = "classification"\nprotocol = "cv10"\n')
    spec.write_text(text, encoding="utf-8")
    config = {"n_seeds": 1, "max_train": 29, "cv_folds": 2, "c_grid": [1.0], "cv_outer_folds": 4}
    rec = wordeval.evaluate(_table(), str(spec), name="t", config=config, seed=0)
    for counts in rec.extra["per_seed"][0]["n_train_per_class_per_fold"]:
        assert set(counts) == set(SIZES) and sum(counts.values()) == 29


def test_class_too_rare_for_the_sample_is_warned(tmp_path):
    import wordeval

    spec = _write_task(tmp_path)
    task = wordeval.get_task(str(spec))
    from wordeval.extrinsic.classification import check_data, resolve_config

    ds = task.load_dataset()
    warnings = check_data(task.spec, ds, resolve_config({"max_train": 12, "cv_folds": 2}, task.spec))
    # 12 * 6 / 116 = 0.62 of a document
    assert len(warnings) == 1 and "'rare'" in warnings[0] and "0.62" in warnings[0]


@pytest.mark.parametrize("name", ["trec6", "trec50", "sst2", "sst5", "mr", "cr", "bbc"])
def test_builtin_classification_versions_were_bumped(name):
    """Records made with the uniform sample are another spec: a resume computes them again and says why."""
    from wordeval.tasks.task import get_task

    before = {"trec6": 2, "trec50": 2, "sst2": 1, "sst5": 1, "mr": 3, "cr": 1, "bbc": 2}
    # later versions (SentEval's protocols on MR, CR, SST) are bumps after this one
    assert int(get_task(f"classification/{name}").version) >= before[name] + 1


def test_class_too_rare_for_the_sample_is_warned_on_a_builtin_task_too(tmp_path, shared_data, caplog):
    """On a built-in task the warning was logged at debug level with the data's known duplicates, so
    `wordeval extrinsic ... --tasks classification/trec6 --set max_train=50` never said that ABBR (86 of
    5,452 training questions: 0.79 of a document in the sample) may be left out."""
    import logging

    from wordeval.runner import plan

    vectors = tmp_path / "v.txt"
    vectors.write_text("what 1 0\nis 0 1\n", encoding="utf-8")
    with caplog.at_level(logging.INFO):
        plan([f"v={vectors}"], [("classification/trec6", {"max_train": 50})], data_home=[shared_data])
    rare = [r for r in caplog.records if r.levelno >= logging.WARNING and "max_train = 50" in r.getMessage()]
    assert len(rare) == 1 and "'ABBR'" in rare[0].getMessage() and "0.79" in rare[0].getMessage()
