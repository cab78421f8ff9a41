"""A train file in IOB2 beside a test file in IOB1 (CoNLL-2003's original eng.testb): the dataset is IOB2, and
chunks = "strict" read the test file's I-X chunk starts as seqeval's strict IOB2 mode does, dropping every gold
chunk they start. The test file is now converted to IOB2 and the conversion recorded; strict F1 equals
conlleval's on the original files. Oracle: seqeval's default mode (conlleval's reading: an I-X after O or another
type starts a chunk) on the files as written."""
from __future__ import annotations

import numpy as np
import pytest
from seqeval.metrics import f1_score
from seqeval.metrics.sequence_labeling import get_entities

from wordeval.datasets.parsers_seq import read_conll
from wordeval.extrinsic.spans import span_scores

EPS = 8 * np.finfo(np.float64).eps
TRAIN = [[("John", "B-PER"), ("Smith", "I-PER"), ("lives", "O"), ("in", "O"), ("Paris", "B-LOC")],
         [("Mary", "B-PER"), ("left", "O"), ("Rome", "B-LOC")]]


def _write(path, sentences):
    path.write_text("".join("".join(f"{t} {g}\n" for t, g in s) + "\n" for s in sentences), encoding="utf-8")
    return path


def _iob2(n: int, entities) -> list[str]:
    tags = ["O"] * n
    for type_, start, end in entities:
        tags[start:end + 1] = [f"B-{type_}"] + [f"I-{type_}"] * (end - start)
    return tags


def test_hand_example_strict_scores_iob1_chunk_starts(tmp_path):
    """By hand: test 'Mary I-PER / Jones I-PER / in O / Rome I-LOC / Milan B-LOC' holds PER 0-1, LOC 3, LOC 4
    (IOB1: B-LOC between two LOC chunks). A prediction of exactly those chunks in IOB2 has F1 1; strict read
    only the B-LOC chunk as gold (F1 0.5)."""
    train = _write(tmp_path / "train.conll", TRAIN)
    test = _write(tmp_path / "test.conll", [[("Mary", "I-PER"), ("Jones", "I-PER"), ("in", "O"),
                                             ("Rome", "I-LOC"), ("Milan", "B-LOC")]])
    splits, extra = read_conll({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB2"
    assert splits["test"][0].tags == ("B-PER", "I-PER", "O", "B-LOC", "B-LOC")
    assert extra["scheme_converted"] == {"test": {"file": str(test), "from": "IOB1", "to": "IOB2",
                                                  "tags_rewritten": 2}}
    assert "scheme_repairs" not in extra  # IOB1's own chunk starts are not repairs
    # 'I-LOC never seen in train' was said of a tag that decodes to the chunk train's B-LOC starts
    assert not any("never seen in train" in w for w in extra["warnings"]), extra["warnings"]
    assert any("written in IOB1, the dataset in IOB2: 2 of its tags rewritten" in w for w in extra["warnings"])
    gold = [list(s.tags) for s in splits["test"]]
    pred = [["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]]
    assert span_scores(gold, pred, scheme="IOB2", mode="strict")["f1"] == 1.0


def test_a_file_writing_starts_both_ways_is_not_converted(tmp_path):
    """An IOB2 file with a stray 'O I-PER' is IOB2 with a repair (it also writes B-X after O): left as written."""
    train = _write(tmp_path / "train.conll", TRAIN)
    test = _write(tmp_path / "test.conll", [[("the", "O"), ("man", "I-PER"), ("in", "O"), ("Rome", "B-LOC")]])
    splits, extra = read_conll({"train": train, "test": test}, scheme="IOB2")
    assert "scheme_converted" not in extra
    assert splits["test"][0].tags == ("O", "I-PER", "O", "B-LOC")
    (repair,) = extra["scheme_repairs"].values()
    assert repair == {"count": 1, "first": f"{test}:2"}


def test_strict_f1_on_original_conll2003_test_equals_conlleval(tmp_path, shared_data):
    """eng.testb as released (IOB1, every chunk start I-X) beside an IOB2 train file, against IOB2 predictions
    that miss every 7th gold entity and retype every 11th: strict F1 equals seqeval's default mode (conlleval)
    on eng.testb's own tags."""
    testb = shared_data / "seq" / "conll2003" / "eng.testb"
    train = _write(tmp_path / "train.conll", [[(f"{t} NNP I-NP", g) for t, g in s] for s in TRAIN])
    splits, extra = read_conll({"train": train, "test": testb}, scheme="auto", n_columns=4, tag_column=3)
    assert extra["scheme"] == "IOB2" and extra["scheme_converted"]["test"]["from"] == "IOB1"
    original = []
    for block in testb.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.split() for line in block.splitlines() if line.strip() and not line.startswith("-DOCSTART-")]
        if rows:
            original.append([r[3] for r in rows])
    assert len(original) == len(splits["test"]) == 3453
    types = ["LOC", "MISC", "ORG", "PER"]
    pred, k = [], 0
    for tags in original:
        kept = []
        for type_, start, end in get_entities(tags):  # conlleval's chunks of the released tags
            k += 1
            if k % 7:
                kept.append((types[(types.index(type_) + 1) % 4] if k % 11 == 0 else type_, start, end))
        pred.append(_iob2(len(tags), kept))
    expected = f1_score(original, pred)
    assert 0.5 < expected < 0.95
    gold = [list(s.tags) for s in splits["test"]]
    assert span_scores(gold, pred, scheme="IOB2", mode="strict")["f1"] == pytest.approx(expected, abs=EPS)
    assert span_scores(gold, pred, scheme="IOB2")["f1"] == pytest.approx(expected, abs=EPS)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_strict_record_equals_conlleval_on_the_original_test_file_and_says_it_converted(tmp_path):
    """End to end: a crf on an IOB2 train/dev pair, an IOB1 test file, chunks = "strict". The record's F1 equals
    seqeval's default mode (conlleval) on the test file's own tags and the saved predictions, and its dataset
    block says the test file was converted."""
    from wordeval.cli import main
    from wordeval.results.predictions import read_conll as read_predictions
    from wordeval.results.store import load_records

    rng = np.random.default_rng(0)
    names, places = ["John", "Mary", "Smith", "Paul", "Anna"], ["Paris", "London", "Berlin", "Rome"]
    filler = ["the", "a", "said", "went", "to", "from", "and", "with", "today", "visited"]
    original = {}
    for split, n in (("train", 120), ("dev", 30), ("test", 40)):
        sentences = []
        for _ in range(n):
            words, chunks, i = [], [], 0
            for _ in range(rng.integers(4, 9)):
                r = rng.random()
                if r < 0.25:
                    k = int(rng.integers(1, 3))
                    chunks.append(("PER", i, i + k - 1))
                    words += [str(w) for w in rng.choice(names, k)]
                elif r < 0.4:
                    chunks.append(("LOC", i, i))
                    words.append(str(rng.choice(places)))
                else:
                    words.append(str(rng.choice(filler)))
                i = len(words)
            tags = _iob2(len(words), chunks)
            if split == "test":  # IOB1: I-X starts every chunk but one that directly follows its own type
                tags = ["I-" + t[2:] if t.startswith("B-") and (j == 0 or tags[j - 1][2:] != t[2:]) else t
                        for j, t in enumerate(tags)]
            sentences.append(list(zip(words, tags)))
        _write(tmp_path / f"ner.{split}", sentences)
        original[split] = [[g for _, g in s] for s in sentences]
    assert any(t.startswith("I-") and (j == 0 or s[j - 1] == "O") for s in original["test"] for j, t in enumerate(s))
    (tmp_path / "ner.toml").write_text('name = "mixed"\nfamily = "ner"\n[config]\nchunks = "strict"\n[files]\n'
                                       'train = "ner.train"\ndev = "ner.dev"\ntest = "ner.test"\n', encoding="utf-8")
    preds, store = tmp_path / "P", tmp_path / "S"
    assert main(["--quiet", "extrinsic", "glove-6b-50d", "--tasks", str(tmp_path / "ner.toml"), "--learner", "crf",
                 "--profile", "quick", "--epochs", "5", "--seeds", "1", "--save-predictions", str(preds),
                 "--out", str(store)]) == 0
    (rec,), _ = load_records([store])
    assert rec.config["chunks"] == "strict" and rec.dataset["scheme"] == "IOB2"
    assert rec.dataset["scheme_converted"]["test"]["from"] == "IOB1"
    (saved,) = sorted(preds.glob("ner__mixed__glove-6b-50d__seed0__cfg*.conll"))
    _, _, pred = read_predictions(saved)
    expected = f1_score(original["test"], pred)
    assert 0 < expected
    assert rec.scores["f1"] == pytest.approx(expected, abs=EPS)
