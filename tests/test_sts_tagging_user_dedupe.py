"""``deduplicate = true`` in a user's STS and tagging specs, through dedupe.py's one code path (TEST_FIRST).
STS: a pair is its two sentences after ``dedupe.text_key``, in either order (gold and scorers are symmetric);
tagging: a sentence is its exact token sequence. Oracles: counts by hand; the pooled Spearman of the kept
pairs equals scipy's on the pairs kept by hand; the tagging copies leave train before dev is carved."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.cli import main

# line 3 is line 1 swapped, but for case and punctuation, scored 4.0 against 4.5 (a conflict); line 5
# repeats line 2: dropped 2, both within test
STS = [("a man plays", "a man is playing", 4.5), ("the cat sat", "a dog ran", 1.0),
       ("A man is playing.", "a man plays", 4.0), ("hello there", "hi there", 3.0),
       ("the cat sat", "a dog ran", 1.0), ("birds fly", "a plane flies", 2.0)]


def _sts(folder, rows, key="deduplicate = true\n"):
    (folder / "t.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in rows), encoding="utf-8")
    spec = folder / "s.toml"
    spec.write_text(f'name = "s"\nfamily = "sts"\n{key}[files]\ntest = "t.tsv"\n', encoding="utf-8")
    return spec


def test_sts_copies_in_either_order_are_dropped_and_a_score_conflict_named(tmp_path):
    ds = wordeval.get_task(str(_sts(tmp_path, STS))).load_dataset()
    record = ds.metadata["deduplicated"]
    assert record["n_before"] == {"test": 6} and record["n_after"] == {"test": 4}
    assert record["within"] == {"test": 2} and record["conflicting_labels"] == 1 and record["gold"] == "score"
    assert [p.score for p in ds.splits["test"]] == [4.5, 1.0, 3.0, 2.0]
    t = tmp_path / "t.tsv"
    assert (f"1 dropped copy scored otherwise than the copy kept, first {t}:3 (4.0), a copy of {t}:1 (4.5, "
            "kept): ('a man plays', 'a man is playing'); the kept copy's score is the gold one"
            ) in ds.metadata["warnings"]


def _table():
    rng = np.random.default_rng(1)
    words = {w for a, b, _ in STS for w in f"{a} {b}".lower().replace(".", "").split()}
    return {w: rng.standard_normal(5) for w in sorted(words)}


def test_sts_spearman_moves_exactly_as_the_dropped_pairs_imply(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    plain = wordeval.evaluate(_table(), str(_sts(tmp_path / "a", STS, key="")), name="t", seed=0)
    keyed = wordeval.evaluate(_table(), str(_sts(tmp_path / "b", STS)), name="t", seed=0)
    assert plain.n_total == 6 and keyed.n_total == 4
    pred = plain.per_item["predicted"] if "predicted" in plain.per_item else None
    if pred is None:  # the record's per-item cosine under whatever name it has
        pred = next(v for k, v in plain.per_item.items() if k not in ("gold", "subset") and len(v) == 6
                    and all(isinstance(x, float) for x in v))
    kept = [0, 1, 3, 5]
    want = spearmanr([pred[i] for i in kept], [STS[i][2] for i in kept]).statistic
    assert keyed.scores["spearman_pooled"] == pytest.approx(want, abs=1e-12)
    assert keyed.scores["spearman_pooled"] != pytest.approx(plain.scores["spearman_pooled"], abs=1e-9)


def test_the_key_changes_the_sts_task_s_data_identity(tmp_path):
    from wordeval.runner import data_identity

    ids = []
    for key, sub in (("", "a"), ("deduplicate = true\n", "b")):
        (tmp_path / sub).mkdir()
        task = wordeval.get_task(str(_sts(tmp_path / sub, STS, key=key)))
        ids.append(data_identity(task, task.load_dataset()))
    assert ids[0] != ids[1]


def _conll(sentences):
    return "".join("".join(f"{w} {t}\n" for w, t in s) + "\n" for s in sentences)


EU = [("EU", "B-ORG"), ("rejects", "O")]
PETER = [("Peter", "B-PER"), ("said", "O")]
TRAIN = [EU, PETER, EU, [("John", "B-PER"), ("ran", "O")], [("Peter", "B-PER"), ("said", "B-ORG")],
         [("Anna", "B-PER"), ("sang", "O")], [("Rome", "B-LOC"), ("fell", "O")]]
TEST = [PETER, [("Mary", "B-PER"), ("sat", "O")], [("Mary", "B-PER"), ("sat", "O")], [("Paris", "B-LOC")]]


def _tagging(folder, dev: bool, key="deduplicate = true\n"):
    (folder / "train.conll").write_text(_conll(TRAIN), encoding="utf-8")
    (folder / "test.conll").write_text(_conll(TEST), encoding="utf-8")
    files = 'train = "train.conll"\ntest = "test.conll"\n'
    if dev:
        (folder / "dev.conll").write_text(_conll([[("Bob", "B-PER"), ("ate", "O")]]), encoding="utf-8")
        files += 'dev = "dev.conll"\n'
    spec = folder / "t.toml"
    extra = "" if dev else "dev_fraction = 0.2\n"
    spec.write_text(f'name = "t"\nfamily = "ner"\n{key}{extra}[files]\n{files}', encoding="utf-8")
    return spec


def test_tagging_copies_leave_train_test_kept_and_a_tag_conflict_named(tmp_path):
    # by hand: test 4 -> 3 (Mary sat twice); train 7 -> 4: 'Peter said' (line 4) is test's, 1 in test; its
    # second copy (line 13, tagged otherwise) and EU's second repeat train's own, 2 within
    ds = wordeval.get_task(str(_tagging(tmp_path, dev=True))).load_dataset()
    record = ds.metadata["deduplicated"]
    assert record["n_before"] == {"train": 7, "test": 4, "dev": 1}
    assert record["n_after"] == {"train": 4, "test": 3, "dev": 1}
    assert record["within"] == {"test": 1, "dev": 0, "train": 2} and record["in_earlier"] == {"train": {"test": 1}}
    assert record["conflicting_labels"] == 1 and record["gold"] == "tags"
    assert [s.tokens for s in ds.splits["train"]] == [("EU", "rejects"), ("John", "ran"), ("Anna", "sang"),
                                                    ("Rome", "fell")]
    assert (f"1 dropped copy tagged otherwise than the copy kept, first {tmp_path / 'train.conll'}:13 "
            f"(B-PER B-ORG), a copy of {tmp_path / 'test.conll'}:1 (B-PER O, kept): 'Peter said'; the kept "
            "copy's tags are the gold ones") in ds.metadata["warnings"]


def test_tagging_copies_are_dropped_before_dev_is_carved_from_train(tmp_path):
    ds = wordeval.get_task(str(_tagging(tmp_path, dev=False))).load_dataset()
    assert ds.metadata["deduplicated"]["n_after"]["train"] == 4
    assert len(ds.splits["train"]) + len(ds.splits["dev"]) == 4  # carved from the 4 kept, not the 7 read
    assert ds.metadata["derived_split"]


def test_datasets_check_shows_the_tagging_counts(tmp_path, capsys):
    assert main(["datasets", "check", str(_tagging(tmp_path, dev=True))]) == 0
    out = capsys.readouterr().out
    assert ("  deduplicated: train 7 -> 4 (2 within, 1 in test); test 4 -> 3 (1 within); dev 1 -> 1; kept the "
            "first copy in test, dev, train order, file order within a split; sentences compared after the token "
            "sequence exactly as written") in out


@pytest.mark.parametrize("family", ["similarity", "analogy", "qvec"])
def test_families_without_deduplication_still_refuse_the_key(tmp_path, capsys, family):
    spec = tmp_path / "s.toml"
    spec.write_text(f'name = "c"\nfamily = "{family}"\ndeduplicate = true\n[files]\ntest = "x.tsv"\n',
                    encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    assert f"{spec}:3: expected deduplicate only for" in capsys.readouterr().err
