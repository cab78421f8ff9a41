"""scheme = "auto" on IOB files that write chunk starts both ways: which scheme, and a warning saying why."""
from __future__ import annotations

from wordeval.datasets.parsers_seq import read_conll


def _write(folder, name, sentences):
    path = folder / name
    path.write_text("".join("".join(f"{t}\t{g}\n" for t, g in s) + "\n" for s in sentences), encoding="utf-8")
    return path


IOB2 = [[("John", "B-PER"), ("Smith", "I-PER"), ("lives", "O"), ("in", "O"), ("Paris", "B-LOC")],
        [("Mary", "B-PER"), ("left", "O")]]


def test_an_iob2_file_with_one_broken_chunk_start_is_iob2_and_says_where(tmp_path):
    """'the O / man I-PER' on line 11 of an otherwise IOB2 file made the whole dataset IOB1, silently."""
    train = _write(tmp_path, "train.conll", IOB2 + [[("the", "O"), ("man", "I-PER")]])  # lines 1-5, 7-8, 10-11
    test = _write(tmp_path, "test.conll", IOB2[1:])
    _, extra = read_conll({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB2"
    note = [w for w in extra["warnings"] if w.startswith('scheme = "auto" read the tags as IOB2')]
    assert len(note) == 1, extra["warnings"]
    assert f"starts 3 chunk(s) with B-X (first at {train}:1)" in note[0]
    assert f"1 with I-X after O or another type (first at {train}:11)" in note[0]
    assert extra["scheme_repairs"]["I-X starting a chunk (no B-X/I-X before it; read as a chunk start, as "
                                   "conlleval does)"] == {"count": 1, "first": f"{train}:11"}


def test_an_iob1_file_stays_iob1_and_a_stray_b_start_is_named(tmp_path):
    iob1 = [[("John", "I-PER"), ("Smith", "I-PER"), ("lives", "O"), ("in", "O"), ("Paris", "I-LOC")],
            [("Mary", "I-PER"), ("Jane", "B-PER"), ("left", "O")]]  # B-X between two PER chunks: IOB1's own
    train = _write(tmp_path, "train.conll", iob1)
    test = _write(tmp_path, "test.conll", iob1[1:])
    _, extra = read_conll({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB1" and not extra.get("warnings")
    stray = _write(tmp_path, "train.conll", iob1 + [[("in", "O"), ("Rome", "B-LOC")]])  # Rome: line 12
    _, extra = read_conll({"train": stray, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB1"
    assert any(w.startswith('scheme = "auto" read the tags as IOB1') and f"(first at {stray}:12)" in w
               for w in extra["warnings"]), extra["warnings"]


def test_a_tiny_dev_file_with_an_i_start_does_not_make_an_iob2_dataset_iob1(tmp_path):
    """The scheme was decided per file (IOB1 when any file had more I-X than B-X chunk starts): a one-sentence
    dev file 'the O / EU I-ORG' beside an IOB2 train made the dataset IOB1, so chunks = "strict" was refused
    and the record said IOB1. By hand: train starts its 3 chunks with B-X (IOB2), dev its one with I-X."""
    train = _write(tmp_path, "train.conll", IOB2)
    # a type train has: a dev file sharing none with train is refused on its own account
    dev = _write(tmp_path, "dev.conll", [[("the", "O"), ("EU", "I-LOC")]])
    test = _write(tmp_path, "test.conll", IOB2[1:])
    splits, extra = read_conll({"train": train, "dev": dev, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB2"
    # dev starts its one chunk with I-X, as IOB1 does: rewritten as B-X (the chunk conlleval reads there)
    assert extra["scheme_converted"] == {"dev": {"file": str(dev), "from": "IOB1", "to": "IOB2",
                                                 "tags_rewritten": 1}}
    assert splits["dev"][0].tags == ("O", "B-LOC") and "scheme_repairs" not in extra


def test_the_train_file_decides_and_without_one_all_files_together(tmp_path):
    """The other way round: an IOB1 train (3 I-X starts) stays IOB1 beside a test file of B-X starts; with no
    train file (one file to carve splits from), every file's starts count: 3 I-X against 1 B-X."""
    iob1 = [[("John", "I-PER"), ("Smith", "I-PER"), ("lives", "O"), ("in", "O"), ("Paris", "I-LOC")],
            [("Mary", "I-PER"), ("left", "O")]]
    train = _write(tmp_path, "train.conll", iob1)
    test = _write(tmp_path, "test.conll", [[("Mary", "B-PER"), ("left", "O")]])
    _, extra = read_conll({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB1"
    _, extra = read_conll({"all": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB1"
