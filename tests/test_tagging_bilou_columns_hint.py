"""BILOU tags (U-, L-) in a column a spec's columns.tag names: the sniffer's rename hint was given only for a
column it found itself, so the reader's refusal said "expected a chunk tag (O, B-TYPE, ...), got 'U-ORG'" and
no more. The rename it advises is checked against seqeval, which reads BILOU itself."""
from __future__ import annotations

import pytest

from wordeval.extrinsic.spans import extract_chunks

BILOU = [["U-ORG", "O", "B-PER", "L-PER"], ["B-LOC", "I-LOC", "L-LOC", "O", "U-MISC"]]


def _renamed(tags):
    return [[{"U": "S", "L": "E"}.get(t[0], t[0]) + t[1:] if t != "O" else t for t in s] for s in tags]


def _checked(tmp_path, capsys, tags, settings: str) -> str:
    """stderr of `datasets check` (which must refuse it) on mine.toml, an ner spec with ``settings`` on the
    lines after its family, whose train (three copies) and test files hold ``tags``."""
    from wordeval.cli import main

    text = "\n\n".join("\n".join(f"w{i}\t{t}" for i, t in enumerate(s)) for s in tags) + "\n"
    (tmp_path / "train.txt").write_text(text * 3)
    (tmp_path / "test.txt").write_text(text)
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "ner"\n{settings}\n[files]\ntrain = "train.txt"\n'
                    'test = "test.txt"\n')
    assert main(["datasets", "check", str(spec)]) == 2
    return capsys.readouterr().err


def test_the_rename_keeps_seqeval_s_bilou_chunks():
    scheme = pytest.importorskip("seqeval.scheme")
    bilou = scheme.Entities(BILOU, scheme.BILOU, suffix=False).entities
    ours = [sorted((t, a, b + 1) for t, a, b in extract_chunks(s, "IOBES")) for s in _renamed(BILOU)]
    assert [sorted((e.tag, e.start, e.end) for e in sent) for sent in bilou] == ours


@pytest.mark.parametrize("hint", ['columns = {tag = 1}', 'scheme = "IOBES"\ncolumns = {tag = 1}'])
def test_a_bilou_column_named_by_the_spec_is_refused_with_the_rename(tmp_path, capsys, hint):
    err = _checked(tmp_path, capsys, BILOU, f"dev_fraction = 0.34\n{hint}")
    assert err.startswith(f"wordeval: error: {tmp_path / 'train.txt'}:1: expected a") and err.count("\n") == 1
    assert err.rstrip().endswith("got 'U-ORG': a BILOU tag? rename U- to S- and L- to E- (the same chunks, in IOBES)")


@pytest.mark.parametrize("name", ["BILOU", "bilou", "BIOLU"])
def test_scheme_bilou_in_the_spec_is_refused_at_its_line_with_the_rename(tmp_path, capsys, name):
    """scheme = "BILOU" was told only "expected one of IOB1, IOB2, IOBES, auto"."""
    err = _checked(tmp_path, capsys, _renamed(BILOU), f'scheme = "{name}"')
    spec = tmp_path / "mine.toml"
    assert err.startswith(f"wordeval: error: {spec}:3: scheme='{name}': expected one of IOB1, IOB2, IOBES, auto")
    assert err.count("\n") == 1 and 'rename U- to S- and L- to E- in the files and set scheme = "IOBES"' in err
