"""Minimised cases found by mutation fuzzing the readers through the command line (a seeded mutator over small
valid files of every embedding format and every dataset reader): each is exit code 2 and one line on
stderr, by ``str.splitlines`` too (U+2028 is a line break there and in some terminals), naming the file,
with no traceback and nothing cached."""
from __future__ import annotations

import bz2
import gzip
import lzma
import struct

import pytest

from wordeval.cli import main

ROWS = b"car 1 2 3 4\ngem 1 -2 0.5 4\n"
BIN_ROWS = b"".join(w + b" " + struct.pack("<4f", *v) + b"\n" for w, v in [(b"car", (1, 2, 3, 4)),
                                                                           (b"gem", (1, -2, 0.5, 4))])
HUGE = [2 ** 63, 10 ** 20]  # a dimension beyond what numpy can give a float32 row: a ValueError once
HEADERS = [(name, compress, dim) for dim in HUGE for name, compress in [
    ("w.txt.gz", gzip.compress), ("w.vec.bz2", bz2.compress), ("w.txt.xz", lzma.compress),
    ("w.bin", None), ("w.bin.gz", gzip.compress)]]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("WORDEVAL_CACHE", str(folder))
    return folder


def _one_error_line(err: str, path) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"wordeval: error: {path}"), lines[0]
    return lines[0]


@pytest.mark.parametrize("name, compress, dim", HEADERS, ids=[f"{n}-{d}" for n, _, d in HEADERS])
def test_header_dimension_no_row_can_have(tmp_path, capsys, cache, name, compress, dim):
    body = BIN_ROWS if ".bin" in name else ROWS
    data = b"2 %d\n" % dim + body
    path = tmp_path / name
    path.write_bytes(compress(data) if compress else data)
    assert main(["info", "--no-cache", str(path)]) == 2
    captured = capsys.readouterr()
    line = _one_error_line(captured.err, path)
    assert f"{path}:1: expected a header whose dimension a row of float32 values can have" in line, line
    assert f"got '2 {dim}'" in line
    assert captured.out == "" and not cache.exists()


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029"])
def test_line_separator_in_a_spec_path_is_escaped(tmp_path, capsys, cache, breaker):
    (tmp_path / "sim.tsv").write_text("car\tautomobile\t3.9\ngem\tjewel\t3.8\n", encoding="utf-8")
    spec = tmp_path / "spec.toml"
    spec.write_text(f'name = "fz"\nfamily = "similarity"\n[files]\ntest = "sim{breaker}.tsv"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    line = _one_error_line(capsys.readouterr().err, spec)
    assert f"sim\\u{ord(breaker):04x}.tsv" in line, line


def test_visible_escapes_unicode_line_breaks():
    from wordeval.visible_text import visible, visible_lines
    assert visible("a\u2028b\u2029c") == "a\\u2028b\\u2029c"
    assert visible_lines("a\nb\u2028c") == "a\nb\\u2028c"


@pytest.mark.parametrize("layout", ["labeled_lines", "classes"])
def test_too_few_documents_per_class_names_the_spec(tmp_path, capsys, cache, layout):
    spec = tmp_path / "spec.toml"
    if layout == "classes":
        for name, text in [("pos.txt", "good\nfine\n"), ("neg.txt", "bad\ndull\n"), ("tp.txt", "nice\n"),
                           ("tn.txt", "awful\n")]:
            (tmp_path / name).write_text(text, encoding="utf-8")
        spec.write_text('name = "fz"\nfamily = "classification"\n[classes.train]\npos = "pos.txt"\n'
                        'neg = "neg.txt"\n[classes.test]\npos = "tp.txt"\nneg = "tn.txt"\n', encoding="utf-8")
        where = f"{spec}:3: "
    else:
        (tmp_path / "train.tsv").write_text("pos\tgood\nneg\tbad\npos\tfine\nneg\tdull\n", encoding="utf-8")
        (tmp_path / "test.tsv").write_text("pos\tnice\nneg\tawful\n", encoding="utf-8")
        spec.write_text('name = "fz"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                        'test = "test.tsv"\n', encoding="utf-8")
        where = f"{spec}:4: "
    assert main(["datasets", "check", str(spec)]) == 2
    line = _one_error_line(capsys.readouterr().err, spec)
    assert line.startswith(f"wordeval: error: {where}cv_folds = 5 stratified folds choose C"), line


SST_TRAIN = "".join(f"{w} \t{i % 2}\n" for i, w in enumerate(["good", "bad", "fine", "dull", "nice", "poor",
                                                                 "neat", "weak", "grand", "sad", "fun", "flat"]))


@pytest.mark.parametrize("label_map, expected", [
    ('"1" = "positive"\n"0" = "negative"', None),
    ('"pos" = "positive"', ":5: label_map: expected keys among the labels read from test.txt, train.txt ('0', '1'), "
                           "got 'pos'")])
def test_sst_format_with_a_label_map(tmp_path, capsys, cache, label_map, expected):
    """format = 'sst' and a [label_map]: a TypeError traceback from the labels' probe; the map now applies."""
    (tmp_path / "train.txt").write_text(SST_TRAIN, encoding="utf-8")
    (tmp_path / "test.txt").write_text("ok \t1\nmeh \t0\n", encoding="utf-8")
    spec = tmp_path / "spec.toml"
    spec.write_text(f'name = "fz"\nfamily = "classification"\nformat = "sst"\n[label_map]\n{label_map}\n'
                    '[files]\ntrain = "train.txt"\ntest = "test.txt"\n', encoding="utf-8")
    code = main(["datasets", "check", "--json", str(spec)])
    captured = capsys.readouterr()
    if expected is None:
        import json
        assert code == 0
        info = json.loads(captured.out)
        assert info["labels"] == ["negative", "positive"] and info["splits"] == {"train": 12, "test": 2}
        assert info["reader_options"]["label_map"] == {"1": "positive", "0": "negative"}
    else:
        assert code == 2
        assert expected in _one_error_line(captured.err, spec)
