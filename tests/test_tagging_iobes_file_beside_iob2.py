"""IOB2 and IOBES files in one dataset: ``scheme = "auto"`` chose IOBES when any file had an E-/S- tag, so an
IOBES test file beside an IOB2 train file (or an IOB2 test file beside an IOBES train file) made every IOB2
chunk an unclosed IOBES chunk, which chunks = "strict" drops: strict F1 0.0 where both files hold the same
chunks. The train file now decides, and a file written in the other scheme is rewritten in the dataset's,
recorded in ``scheme_converted``. Oracle: seqeval's default mode (conlleval's reading) on the files as
written, and seqeval's ``get_entities`` for the rewriting."""
from __future__ import annotations

import random
import warnings

import pytest
from seqeval.metrics import f1_score
from seqeval.metrics.sequence_labeling import get_entities

from wordeval.datasets.parsers_seq import read_conll
from wordeval.extrinsic.spans import span_scores

IOB2 = [[("John", "B-PER"), ("Smith", "I-PER"), ("in", "O"), ("Paris", "B-LOC")],
        [("Mary", "B-PER"), ("left", "O")]]
IOBES = [[("Anna", "B-PER"), ("Jones", "I-PER"), ("Lee", "E-PER"), ("in", "O"), ("Rome", "S-LOC")],
         [("Berlin", "S-LOC"), ("and", "O"), ("Bonn", "S-LOC"), ("Paul", "S-PER")]]


def _write(path, sentences):
    path.write_text("".join("".join(f"{t}\t{g}\n" for t, g in s) + "\n" for s in sentences), encoding="utf-8")
    return path


# the test file's chunks written as a tagger that learned the train file's scheme writes them (by hand)
IOBES_AS_IOB2 = [["B-PER", "I-PER", "I-PER", "O", "B-LOC"], ["B-LOC", "O", "B-LOC", "B-PER"]]
IOB2_AS_IOBES = [["B-PER", "E-PER", "O", "S-LOC"], ["S-PER", "O"]]


@pytest.mark.parametrize("train_rows, test_rows, scheme, source, pred", [
    (IOB2, IOBES, "IOB2", "IOBES", IOBES_AS_IOB2), (IOBES, IOB2, "IOBES", "IOB2", IOB2_AS_IOBES)])
def test_the_train_file_decides_and_the_other_file_is_rewritten(tmp_path, train_rows, test_rows, scheme, source,
                                                                pred):
    train = _write(tmp_path / "train.conll", train_rows)
    test = _write(tmp_path / "test.conll", test_rows)
    splits, extra = read_conll({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == scheme and "scheme_repairs" not in extra
    assert extra["scheme_converted"]["test"]["from"] == source
    assert not any("never seen in train" in w for w in extra["warnings"]), extra["warnings"]
    original = [[g for _, g in s] for s in test_rows]
    gold = [list(s.tags) for s in splits["test"]]
    assert [get_entities(s) for s in gold] == [get_entities(s) for s in original]  # the same chunks
    # a tagger that learned train's scheme and finds every chunk: F1 1 by conlleval's reading of the files
    assert f1_score(original, pred) == 1.0
    assert span_scores(gold, pred, scheme=scheme, mode="strict")["f1"] == 1.0


def test_a_file_that_writes_iob2_chunks_as_iobes_with_ill_formed_ones_keeps_conllevals_chunks(tmp_path):
    """Hand example: 'B-PER O' (unclosed) and 'E-LOC' alone (no B-) in an IOBES test file beside IOB2 train
    are chunks for conlleval; rewritten in IOB2 they stay those chunks."""
    train = _write(tmp_path / "train.conll", IOB2)
    test = _write(tmp_path / "test.conll", [[("Ann", "B-PER"), ("in", "O"), ("Rome", "E-LOC"), ("Bonn", "S-LOC")]])
    splits, extra = read_conll({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB2"
    assert splits["test"][0].tags == ("B-PER", "O", "B-LOC", "B-LOC")
    assert extra["scheme_converted"]["test"]["tags_rewritten"] == 2  # E-LOC, S-LOC


def test_rewriting_keeps_seqevals_chunks_on_random_sequences():
    from wordeval.extrinsic.spans import rewrite_tags

    warnings.filterwarnings("ignore")
    rng = random.Random(0)
    for source, prefixes in (("IOB1", "BI"), ("IOB2", "BI"), ("IOBES", "BIES")):
        for _ in range(3000):
            tags = [rng.choice(["O"] + [f"{p}-{t}" for p in prefixes for t in "XY"]) for _ in range(rng.randint(1, 8))]
            for target in ("IOB2", "IOBES"):
                assert get_entities(list(rewrite_tags(tags, source, target))) == get_entities(tags), (tags, target)
