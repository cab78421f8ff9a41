"""``deduplicate = true`` in a user's classification spec: one copy of each text (classification/bbc's
normalisation, ``dedupe.text_key``), the test file's copy kept and its copies dropped from train, repeats
within a split dropped after their first line; counted per split in the record and in ``datasets check``.
Oracles: counts by hand on tiny files; a run equals the run on the files deduplicated by hand; accuracy over a
test file with a repeated line equals the run without the key less that line's per-item score."""
from __future__ import annotations

import numpy as np
import pytest

import wordeval
from wordeval.cli import main

WORDS = ["good", "bad", "fine", "film", "plot", "acting", "great", "dull", "text"]
FILLER = [("pos", f"good {w} {i}") for i, w in enumerate(WORDS[2:])] + [("neg", f"bad {w} {i}")
                                                                      for i, w in enumerate(WORDS[2:])]


def _write(folder, train, test, *, key: str = "deduplicate = true\n"):
    for name, rows in (("train", train), ("test", test)):
        (folder / f"{name}.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    spec = folder / "c.toml"
    spec.write_text(f'name = "c"\nfamily = "classification"\n{key}[files]\ntrain = "train.tsv"\n'
                    'test = "test.tsv"\n', encoding="utf-8")
    return spec


# By hand: train lines 15-18 add "A fine film" (a copy of test line 1 but for case and punctuation),
# "great" twice (1 within train) and "bad  plot 2" (train line 10's "bad plot 2" but for a space);
# test line 4 repeats test line 2. Dropped: train 3 (1 in test, 2 within), test 1 (within).
TRAIN = FILLER + [("pos", "A fine film"), ("pos", "great"), ("pos", "great"), ("neg", "bad  plot 2")]
TEST = [("pos", "a fine film."), ("neg", "bad dull 9"), ("pos", "good film 9"), ("neg", "Bad dull 9!")]


def test_copies_are_counted_per_split_and_test_keeps_its_copy(tmp_path):
    ds = wordeval.get_task(str(_write(tmp_path, TRAIN, TEST))).load_dataset()
    record = ds.metadata["deduplicated"]
    assert record["n_before"] == {"train": 18, "test": 4} and record["n_after"] == {"train": 15, "test": 3}
    assert record["within"] == {"test": 1, "train": 2}
    assert record["in_earlier"] == {"train": {"test": 1}}
    assert record["conflicting_labels"] == 0
    assert record["kept"] == "the first copy in test, train order, file order within a split"
    assert [it.text for it in ds.splits["test"]] == ["a fine film.", "bad dull 9", "good film 9"]
    assert [it.text for it in ds.splits["train"]] == [t for _, t in FILLER] + ["great"]
    # the copies are dropped, so no warning says they were "kept as in the files"
    assert not [w for w in ds.metadata.get("warnings", ()) if "kept as in the file" in w]
    (tmp_path / "plain").mkdir()  # without the key: every line read, the copies warned of
    plain = wordeval.get_task(str(_write(tmp_path / "plain", TRAIN, TEST, key=""))).load_dataset()
    assert "deduplicated" not in plain.metadata
    assert {k: len(v) for k, v in plain.splits.items()} == {"train": 18, "test": 4}
    assert [w for w in plain.metadata["warnings"] if "also in train once whitespace" in w]


def test_datasets_check_shows_the_counts(tmp_path, capsys):
    assert main(["datasets", "check", str(_write(tmp_path, TRAIN, TEST))]) == 0
    out = capsys.readouterr().out
    assert "  items: train 15 documents, test 3 documents\n" in out
    assert ("  deduplicated: test 4 -> 3 (1 within); train 18 -> 15 (2 within, 1 in test); kept the first "
            "copy in test, train order, file order within a split; texts compared after NFKC, casefold, word "
            "characters only (whitespace and punctuation ignored)\n") in out


def test_a_copy_under_another_label_is_named_by_both_lines(tmp_path, capsys):
    train = FILLER + [("neg", "A fine film")]  # train line 15; test line 1 holds it as pos
    spec = _write(tmp_path, train, TEST)
    ds = wordeval.get_task(str(spec)).load_dataset()
    assert ds.metadata["deduplicated"]["conflicting_labels"] == 1
    assert (f"1 dropped copy labelled otherwise than the copy kept, first {tmp_path / 'train.tsv'}:15 "
            f"('neg'), a copy of {tmp_path / 'test.tsv'}:1 ('pos', kept): 'a fine film.'; the kept copy's "
            "label is the gold one") in ds.metadata["warnings"]
    assert ds.splits["test"][0].label == "pos"


def _table():
    rng = np.random.default_rng(0)
    texts = [t for _, t in TRAIN + TEST] + ["film 8"]
    words = {w for t in texts for w in t.lower().replace(".", "").replace("!", "").split()}
    return {w: rng.standard_normal(4) for w in sorted(words)}


CONFIG = {"n_seeds": 1, "cv_folds": 2, "c_grid": [1.0]}


def test_a_run_with_the_key_is_the_run_on_the_files_deduplicated_by_hand(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    keyed = wordeval.evaluate(_table(), str(_write(tmp_path / "a", TRAIN, TEST)), name="t", config=CONFIG,
                              seed=0)
    by_hand = wordeval.evaluate(_table(), str(_write(tmp_path / "b", FILLER + [("pos", "great")], TEST[:3],
                                                      key="")), name="t", config=CONFIG, seed=0)
    assert keyed.n_total == by_hand.n_total == 3
    assert keyed.scores == by_hand.scores and keyed.per_item == by_hand.per_item
    assert keyed.dataset["deduplicated"]["n_after"] == {"train": 15, "test": 3}


def test_accuracy_moves_exactly_as_the_dropped_test_copies_imply(tmp_path):
    """train has no copy, so the learner is the same with and without the key. Dropped: test line 4 (line 2's
    text but for case and punctuation) and line 6 (line 5's, a 'bad' text labelled pos), whose
    features and predictions are their first copies'. Accuracy with the key = (correct without it - lines 4
    and 6's) / (6 - 2)."""
    test = TEST + [("pos", "bad film 8"), ("pos", "Bad film 8.")]
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    plain = wordeval.evaluate(_table(), str(_write(tmp_path / "a", FILLER, test, key="")), name="t",
                              config=CONFIG, seed=0)
    keyed = wordeval.evaluate(_table(), str(_write(tmp_path / "b", FILLER, test)), name="t", config=CONFIG,
                              seed=0)
    correct = plain.per_item["correct"]
    assert len(correct) == 6 and correct[3] == correct[1] and correct[5] == correct[4]
    assert plain.scores["accuracy"] == pytest.approx(sum(correct) / 6, abs=1e-12)
    assert keyed.scores["accuracy"] == pytest.approx((sum(correct) - correct[3] - correct[5]) / 4, abs=1e-12)
    assert keyed.scores["accuracy"] != plain.scores["accuracy"]  # this table: 2/6 without the key, 1/4 with
    assert keyed.per_item["correct"] == [correct[i] for i in (0, 1, 2, 4)]
    assert keyed.dataset["deduplicated"]["within"] == {"test": 2, "train": 0}


def test_an_unread_dev_file_takes_no_training_document_away(tmp_path, capsys):
    """Under protocol "split" (the default) dev is never read, yet its copies left train: 4 of 18 training
    documents of a README-style spec went for a file the learner never sees. train's copy is now kept and
    dev's dropped, so the run equals the run without the dev file (by hand: dev lines 1-2 are train lines 1
    and 10, dev line 3 is new)."""
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    spec = _write(tmp_path / "a", FILLER, TEST[:3])
    (tmp_path / "a" / "dev.tsv").write_text(f"pos\t{FILLER[0][1]}\nneg\t{FILLER[9][1]}\npos\tfilm 8\n",
                                           encoding="utf-8")
    spec.write_text(spec.read_text(encoding="utf-8") + 'dev = "dev.tsv"\n', encoding="utf-8")
    ds = wordeval.get_task(str(spec)).load_dataset()
    assert ds.metadata["deduplicated"]["n_after"] == {"train": 14, "dev": 1, "test": 3}
    assert ds.metadata["deduplicated"]["in_earlier"] == {"dev": {"train": 2}}
    assert [it.text for it in ds.splits["train"]] == [t for _, t in FILLER]
    assert main(["datasets", "check", str(spec)]) == 0
    assert ("dev 3 -> 1 (2 in train); test 3 -> 3; train 14 -> 14; kept the first copy in test, train, dev "
            "order") in capsys.readouterr().out
    with_dev = wordeval.evaluate(_table(), str(spec), name="t", config=CONFIG, seed=0)
    without = wordeval.evaluate(_table(), str(_write(tmp_path / "b", FILLER, TEST[:3])), name="t",
                                config=CONFIG, seed=0)
    assert with_dev.dataset["n_train"] == without.dataset["n_train"] == 14
    assert with_dev.scores == without.scores and with_dev.per_item == without.per_item


def test_the_key_changes_the_task_s_data_identity(tmp_path):
    from wordeval.runner import data_identity

    ids = []
    for key, sub in (("", "a"), ("deduplicate = true\n", "b")):
        (tmp_path / sub).mkdir()
        task = wordeval.get_task(str(_write(tmp_path / sub, TRAIN, TEST, key=key)))
        ids.append(data_identity(task, task.load_dataset()))
    assert ids[0] != ids[1]


@pytest.mark.parametrize("spec, expected", [
    ('name = "c"\nfamily = "classification"\ndeduplicate = "true"\n[files]\ntrain = "train.tsv"\n'
     'test = "test.tsv"\n', ":3: expected deduplicate = true or false, written without quotes, got "
     'deduplicate = "true"'),
    ('name = "c"\nfamily = "classification"\ndedupicate = true\n[files]\ntrain = "train.tsv"\n',
     ":3: expected known keys only .*got unknown key 'dedupicate' \\(did you mean 'deduplicate'\\?\\)"),
    ('name = "c"\nfamily = "similarity"\ndeduplicate = true\n[files]\ntest = "train.tsv"\n',
     ":3: expected deduplicate only for a classification, STS, POS, chunking or NER task \\(a similarity task "
     "does not read it\\)"),
    ('name = "c2"\nfamily = "classification"\ndataset = "bbc"\ndeduplicate = true\n',
     ":4: expected deduplicate only in a spec that names its own files"),
])
def test_a_bad_key_is_one_line_at_its_line(tmp_path, capsys, spec, expected):
    _write(tmp_path, TRAIN, TEST)
    (tmp_path / "c.toml").write_text(spec, encoding="utf-8")
    assert main(["datasets", "check", str(tmp_path / "c.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    import re
    assert re.search(re.escape(str(tmp_path / "c.toml")) + expected, err), err
