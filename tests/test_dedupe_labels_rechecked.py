"""``deduplicate = true`` drops train's copies of test items, and with them can go every train item of a class
(or a tag). The label checks ran on the files as read, so a train left with one class was passed by
``datasets check`` and refused only by the learner, naming neither file nor cause, and a test class left
without train documents scored its items as errors without the warning every other reading gives. Expected
values by hand on tiny files."""
from __future__ import annotations

import wordeval
from wordeval.cli import main

POS = [f"good film {i}" for i in range(8)]
NEG = [f"bad film {i}" for i in range(8)]
NEU = [f"some film {i}" for i in range(3)]


def _classification(folder, train, test):
    for name, rows in (("train", train), ("test", test)):
        (folder / f"{name}.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    spec = folder / "c.toml"
    spec.write_text('name = "c"\nfamily = "classification"\ndeduplicate = true\n[files]\ntrain = "train.tsv"\n'
                    'test = "test.tsv"\n', encoding="utf-8")
    return spec


def test_a_train_left_with_one_class_is_refused_naming_the_copies(tmp_path, capsys):
    # every neg training document is a copy of a test one: train keeps pos alone
    spec = _classification(tmp_path, [("pos", t) for t in POS] + [("neg", t) for t in NEG],
                           [("neg", t) for t in NEG] + [("pos", "nice acting")])
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"wordeval: error: {tmp_path / 'train.tsv'}: expected at least two distinct labels in train, "
                   "got one label only, ['pos'], after deduplicate = true dropped the copies (train 16 -> 8 "
                   "items)")


def test_a_test_class_left_out_of_train_is_warned_of(tmp_path):
    # train's three neu documents are all copies of test's: test's neu items cannot be predicted
    spec = _classification(tmp_path, [("pos", t) for t in POS] + [("neg", t) for t in NEG]
                           + [("neu", t) for t in NEU],
                           [("neu", t) for t in NEU] + [("pos", "nice acting"), ("neg", "poor acting")])
    ds = wordeval.get_task(str(spec)).load_dataset()
    assert sorted({it.label for it in ds.splits["train"]}) == ["neg", "pos"]
    assert ds.metadata["labels"] == ["neg", "neu", "pos"]
    assert [w for w in ds.metadata["warnings"] if "never seen in train" in w] == [
        "test: 1 label(s) never seen in train ('neu'); no learner trained here can predict them, so their "
        "items count as errors"]


def test_a_tag_left_out_of_train_is_warned_of(tmp_path):
    # the one train sentence holding INTJ is a copy of a test sentence
    train = "".join(f"the\tDET\nfilm\tNOUN\nruns\tVERB\n{i}\tNUM\n\n" for i in range(6)) + "wow\tINTJ\n!\tPUNCT\n\n"
    test = "wow\tINTJ\n!\tPUNCT\n\nthe\tDET\nfilm\tNOUN\n\n"
    (tmp_path / "train.tsv").write_text(train, encoding="utf-8")
    (tmp_path / "test.tsv").write_text(test, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "pos"\ndeduplicate = true\n[files]\ntrain = "train.tsv"\n'
                    'test = "test.tsv"\n', encoding="utf-8")
    ds = wordeval.get_task(str(spec)).load_dataset()
    assert ds.metadata["deduplicated"]["n_after"]["train"] == 6
    tags = set().union(*(s.tags for s in ds.splits["train"]), *(s.tags for s in ds.splits.get("dev", ())))
    assert "INTJ" not in tags and "PUNCT" not in tags
    unseen = [w for w in ds.metadata["warnings"] if "never seen in train" in w]
    assert unseen and unseen[0].startswith("test: 2 tag(s) never seen in train ('INTJ', 'PUNCT')")
