"""``deduplicate = true``'s loose ends. SemEval STS: the copies were dropped after the check that each subset's
scores vary, so a subset constant once its copies were gone was scored (spearman_mean_subsets NaN); the check
now sees the pairs scored. word/TAG files: a copy tagged otherwise was named by its file alone (the parser
kept no sentence lines). Tagging: with train unchanged and a seeded learner, dropping test's own repeat moves
F1 exactly to seqeval's F1 over the kept sentences' saved predictions."""
from __future__ import annotations

import numpy as np
import pytest
from seqeval.metrics import f1_score

import wordeval
from wordeval.cli import main
from wordeval.results.predictions import read_conll


def _semeval(folder, gold):
    data = folder / "S"
    data.mkdir()
    pairs = [("a man plays", "a man is playing"), ("the cat sat", "a dog ran"), ("birds fly", "a plane flies"),
             ("A man plays.", "a man is playing")]  # line 4: line 1 again, but for case and punctuation
    (data / "STS.input.news.txt").write_text("".join(f"{a}\t{b}\n" for a, b in pairs), encoding="utf-8")
    (data / "STS.gs.news.txt").write_text("".join(f"{s}\n" for s in gold), encoding="utf-8")
    # a second subset that varies: the split's scores vary whatever news holds
    (data / "STS.input.forum.txt").write_text("a b\tc d\ne f\tg h\n", encoding="utf-8")
    (data / "STS.gs.forum.txt").write_text("1\n4\n", encoding="utf-8")
    spec = folder / "s.toml"
    spec.write_text('name = "s"\nfamily = "sts"\ndeduplicate = true\n[files]\ntest = "S"\n', encoding="utf-8")
    return spec, data / "STS.gs.news.txt"


def test_a_semeval_subset_constant_once_its_copies_are_dropped_is_refused(tmp_path, capsys):
    # by hand: 3, 3, 3 on the three kept pairs; only the dropped copy (line 4, 5) varied
    spec, gold = _semeval(tmp_path, [3, 3, 3, 5])
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert (f"{gold}: expected STS scores that vary across the pairs of subset 'news' (spearman_mean_subsets "
            "averages one correlation per subset), got a constant 3.0 on all 3 scored pairs, after deduplicate = "
            "true dropped 1 of its 4") in err, err


def test_a_semeval_subset_that_varies_after_the_copies_are_dropped_is_read(tmp_path):
    spec, _ = _semeval(tmp_path, [3, 1, 2, 5])
    ds = wordeval.get_task(str(spec)).load_dataset()
    assert [p.score for p in ds.splits["test"] if p.subset == "news"] == [3.0, 1.0, 2.0]
    assert ds.metadata["subsets"] == {"forum": 2, "news": 3}


def _word_tag(folder, key="deduplicate = true\n"):
    (folder / "train.txt").write_text("EU/B-ORG rejects/O\nPeter/B-PER said/O\nJohn/B-PER ran/O\n"
                                      "Rome/B-LOC fell/O\nAnna/B-PER sang/O\n", encoding="utf-8")
    (folder / "dev.txt").write_text("Bob/B-PER ate/O\n", encoding="utf-8")
    # line 3 is train's line 2 tagged otherwise: train's copy leaves, named by both lines
    (folder / "test.txt").write_text("Mary/B-PER sat/O\nParis/B-LOC won/O\nPeter/B-ORG said/O\n", encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "ner"\n{key}[files]\ntrain = "train.txt"\ndev = "dev.txt"\n'
                    'test = "test.txt"\n', encoding="utf-8")
    return spec


def test_a_word_tag_copy_tagged_otherwise_is_named_by_its_lines(tmp_path):
    ds = wordeval.get_task(str(_word_tag(tmp_path))).load_dataset()
    assert ds.metadata["deduplicated"]["n_after"] == {"test": 3, "dev": 1, "train": 4}
    assert (f"1 dropped copy tagged otherwise than the copy kept, first {tmp_path / 'train.txt'}:2 (B-PER O), a "
            f"copy of {tmp_path / 'test.txt'}:3 (B-ORG O, kept): 'Peter said'; the kept copy's tags are the gold "
            "ones") in ds.metadata["warnings"]


TRAIN = [[("EU", "B-ORG"), ("rejects", "O"), ("German", "B-MISC"), ("call", "O")],
         [("Peter", "B-PER"), ("Blackburn", "I-PER"), ("said", "O")],
         [("John", "B-PER"), ("ran", "O"), ("to", "O"), ("Rome", "B-LOC")],
         [("BRUSSELS", "B-LOC"), ("voted", "O")], [("Anna", "B-PER"), ("sang", "O"), ("in", "O"), ("Paris", "B-LOC")]]
# sentences 2 and 4 are one sentence: under the key the second copy leaves test; train is the same either way
TEST = [[("Mary", "B-PER"), ("sat", "O"), ("in", "O"), ("Rome", "B-LOC")],
        [("German", "B-MISC"), ("Peter", "B-PER"), ("ran", "O")],
        [("Bonn", "B-LOC"), ("voted", "O")],
        [("German", "B-MISC"), ("Peter", "B-PER"), ("ran", "O")],
        [("EU", "B-ORG"), ("said", "O"), ("Anna", "B-PER")]]


def _conll_spec(folder, key):
    folder.mkdir()
    for split, rows in (("train", TRAIN), ("dev", TRAIN[:2][::-1]), ("test", TEST)):
        (folder / f"{split}.txt").write_text("".join("".join(f"{w} {t}\n" for w, t in s) + "\n" for s in rows),
                                            encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "ner"\n{key}[files]\ntrain = "train.txt"\ndev = "dev.txt"\n'
                    'test = "test.txt"\n', encoding="utf-8")
    return spec


def test_tagging_f1_moves_exactly_as_the_dropped_test_copy_implies(tmp_path):
    rng = np.random.default_rng(0)
    words = sorted({w for s in TRAIN + TEST for w, _ in s})
    table = {w: rng.standard_normal(6) for w in words}
    config = {"learner": "perceptron", "n_seeds": 1}
    plain = wordeval.evaluate(table, str(_conll_spec(tmp_path / "a", "")), name="t", seed=0, config=config,
                              predictions=tmp_path / "pa")
    keyed = wordeval.evaluate(table, str(_conll_spec(tmp_path / "b", "deduplicate = true\n")), name="t", seed=0,
                              config=config)
    assert plain.n_total == 5 and keyed.n_total == 4
    (saved,) = list((tmp_path / "pa").glob("*.conll"))
    tokens, gold, predicted = read_conll(saved)
    assert tokens == [[w for w, _ in s] for s in TEST]
    kept = [0, 1, 2, 4]
    want = f1_score([gold[i] for i in kept], [predicted[i] for i in kept])
    assert keyed.scores["f1"] == pytest.approx(want, abs=1e-12)
    assert plain.scores["f1"] == pytest.approx(f1_score(gold, predicted), abs=1e-12)
    assert keyed.scores["f1"] != pytest.approx(plain.scores["f1"], abs=1e-9)  # the copy moved it
