"""scheme = "auto" and a stray E-/S- tag: one ``S-LOC`` in an otherwise IOB2 train file made the whole dataset
IOBES, so every other train chunk was an unclosed IOBES chunk (a repair each, dropped by chunks = "strict").
IOBES is now inferred when more than half of the train file's chunks are closed by E-/S- (an IOBES file closes
all of them, an IOB2 file none). Oracle: seqeval's ``get_entities`` (conlleval's reading) of the file as written."""
from __future__ import annotations

from seqeval.metrics.sequence_labeling import get_entities

from wordeval.datasets.parsers_seq import read_conll
from wordeval.extrinsic.spans import extract_chunks


def _write(path, sentences):
    path.write_text("".join("".join(f"{t}\t{g}\n" for t, g in s) + "\n" for s in sentences), encoding="utf-8")
    return path


IOB2 = [[("John", "B-PER"), ("Smith", "I-PER"), ("in", "O"), ("Paris", "B-LOC")],  # lines 1-4
        [("Mary", "B-PER"), ("Ann", "I-PER"), ("left", "O")],  # lines 6-8
        [("the", "O"), ("UN", "B-ORG"), ("and", "O"), ("Rome", "S-LOC")]]  # lines 10-13: Rome is the stray tag


def _entities(sentences):
    return [[(t, s, e) for t, s, e in get_entities([g for _, g in sent])] for sent in sentences]


def test_one_stray_s_tag_leaves_an_iob2_train_file_iob2_and_is_named(tmp_path):
    train = _write(tmp_path / "train.conll", IOB2)
    test = _write(tmp_path / "test.conll", IOB2[:2])
    splits, extra = read_conll({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB2" and "scheme_converted" not in extra
    # by hand: 5 chunks in train, 1 closed by S-: IOB2, with one repair at line 13
    repairs = {k: v for k, v in extra["scheme_repairs"].items() if k.startswith("E-X/S-X tag")}
    assert list(repairs.values()) == [{"count": 1, "first": f"{train}:13"}]
    notes = [w for w in extra["warnings"] if w.startswith('scheme = "auto" read the tags as IOB2')]
    assert len(notes) == 1 and f"first at {train}:13" in notes[0] and "closes 1 of 5 chunk(s)" in notes[0], notes
    # the same chunks as written, now in IOB2 tags that the strict reading keeps, every one of them
    for key, rows in (("train", IOB2), ("test", IOB2[:2])):
        strict = [[(t, s, e) for t, s, e in extract_chunks(x.tags, "IOB2", mode="strict")] for x in splits[key]]
        assert strict == _entities(rows)
    assert splits["train"][2].tags == ("O", "B-ORG", "O", "B-LOC")


def test_without_a_train_file_all_files_decide_by_the_same_rule(tmp_path):
    whole = _write(tmp_path / "all.conll", IOB2)
    _, extra = read_conll({"all": whole}, scheme="auto")
    assert extra["scheme"] == "IOB2"


def test_a_train_file_closing_most_chunks_with_e_s_is_still_iobes(tmp_path):
    """3 chunks, 2 closed by E-/S- (Paris left unclosed): IOBES, with the unclosed chunk a repair."""
    rows = [[("John", "B-PER"), ("Smith", "E-PER"), ("in", "O"), ("Paris", "B-LOC")],
            [("Mary", "S-PER"), ("left", "O")]]
    train = _write(tmp_path / "train.conll", rows)
    _, extra = read_conll({"train": train, "test": _write(tmp_path / "test.conll", rows[:1])}, scheme="auto")
    assert extra["scheme"] == "IOBES"
    assert any(k.startswith("B-X/I-X chunk not closed") for k in extra["scheme_repairs"])


def test_one_stray_s_tag_in_an_iob2_file_beside_an_iobes_train_file_is_still_converted(tmp_path):
    """The same rule for the other files: an IOB2 test file beside an IOBES train file is converted to IOBES,
    but one stray S-X in it kept it as written (an IOBES file with 3 of its 4 chunks unclosed-chunk repairs,
    which chunks = "strict" dropped). Oracle: seqeval's reading of the test file as written."""
    iobes = [[("John", "S-PER"), ("in", "O"), ("New", "B-LOC"), ("York", "E-LOC")],
             [("Big", "B-ORG"), ("Corp", "E-ORG"), ("won", "O")]]
    train = _write(tmp_path / "train.conll", iobes)
    test = _write(tmp_path / "test.conll", IOB2)  # 4 B-/I- chunks and the stray S-LOC at line 13
    splits, extra = read_conll({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOBES"
    assert extra["scheme_converted"]["test"]["from"] == "IOB2"
    # no unclosed-chunk repair: the one repair is the stray tag, by hand at line 13
    (what, repair), = extra["scheme_repairs"].items()
    assert what.startswith("E-X/S-X tag") and repair == {"count": 1, "first": f"{test}:13"}
    strict = [[(t, s, e) for t, s, e in extract_chunks(x.tags, "IOBES", mode="strict")] for x in splits["test"]]
    assert strict == _entities(IOB2)
