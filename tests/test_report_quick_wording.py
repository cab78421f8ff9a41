"""The summary said quick-profile results came from "one seed" whatever --seeds had asked for: a quick run with
two seeds per cell was described as a single-seed run."""
from __future__ import annotations

import dataclasses

import wordeval
from tests._records import toy_records


def test_quick_profile_summary_does_not_claim_one_seed_for_a_two_seed_run():
    records = []
    for seed in (0, 1):
        for rec in toy_records(seed=seed):
            config = dict(rec.config, profile="quick") if rec.kind == "extrinsic" else rec.config
            records.append(dataclasses.replace(rec, config=config, seed=seed,
                                               run=dict(rec.run, seed=seed, time=f"2024-01-0{seed + 1}")))
    comp = wordeval.compare(records)
    quick = [line for line in comp.summary if "quick profile" in line]
    assert quick and not any("one seed" in line for line in quick)
    assert comp.protocol["tasks"] and any(t.get("seeds") for t in comp.protocol["tasks"])


def _quick(available: dict, used: dict):
    records = []
    for rec in toy_records():
        if rec.kind == "extrinsic":
            rec = dataclasses.replace(rec, config=dict(rec.config, profile="quick"), extra={
                "protocol": {"n_sentences": dict(used), "n_available": dict(available)}})
        records.append(rec)
    (line,) = [line for line in wordeval.compare(records).summary if "quick profile" in line]
    return line


def test_quick_profile_summary_says_subsampled_only_where_a_split_was_cut():
    """A quick run on a corpus within the profile's caps (ptb-pos: train 801 of 801) was said to come from
    'subsampled training and test data'."""
    whole = _quick({"train": 801, "test": 150}, {"train": 801, "test": 150})
    assert "subsampled training" not in whole and "no split subsampled" in whole, whole
    train = _quick({"train": 5000, "test": 150}, {"train": 2000, "test": 150})
    assert "subsampled training data" in train and "test" not in train, train
    both = _quick({"train": 5000, "test": 3000}, {"train": 2000, "test": 1000})
    assert "subsampled training and test data, fewer epochs" in both, both


def test_a_classification_record_is_cut_where_a_seed_trained_on_fewer_documents_or_test_was_capped():
    from types import SimpleNamespace

    from wordeval.report.protocol import cut_splits

    def rec(n_train_used, n_test, n_test_available):
        return SimpleNamespace(extra={"per_seed": [{"n_train": n_train_used}], "protocol": {
            "n_train": 3000, "n_test": n_test, "n_test_available": n_test_available}})

    assert cut_splits(rec(3000, 500, 500)) == set()
    assert cut_splits(rec(2000, 500, 500)) == {"train"}
    assert cut_splits(rec(2000, 400, 500)) == {"train", "test"}


def test_a_quick_classification_run_is_not_said_to_have_fewer_epochs():
    """Classification (a logistic regression) has no epochs: a `--suite quick` run of it was said to have
    'fewer epochs'."""
    from tests._records import cli_records

    records = []
    for rec in cli_records(n_sim=30, n_doc=30):
        if rec.kind == "extrinsic":
            rec = dataclasses.replace(rec, run=dict(rec.run, command=["wordeval", "run", "--suite", "quick"]),
                                      extra={"protocol": {"n_train": 3000, "n_test": 30, "n_test_available": 30},
                                             "per_seed": [{"n_train": 2000}]})
        records.append(rec)
    (line,) = [line for line in wordeval.compare(records).summary if "quick profile" in line]
    assert "epochs" not in line and "subsampled training data" in line, line


def test_quick_records_that_do_not_say_what_was_cut_are_not_said_to_be_whole():
    records = []
    for rec in toy_records():
        if rec.kind == "extrinsic":
            rec = dataclasses.replace(rec, config=dict(rec.config, profile="quick"), extra={})
        records.append(rec)
    (line,) = [line for line in wordeval.compare(records).summary if "quick profile" in line]
    assert "no split subsampled" not in line and "capped" in line, line
