"""A result record file whose fields have the wrong types (edited by hand, written by another tool) is a
one-line error naming the file and the field, from the API and from compare (exit 2): it was a traceback deep
inside compare, and per-item columns of different lengths were read without a word."""
from __future__ import annotations

import json

import pytest

import wordeval
from tests._records import make_record
from wordeval.cli import main
from wordeval.errors import InputFormatError


def _good() -> dict:
    return make_record("A", "similarity/toy", {"id": [0, 1, 2], "gold": [1.0, 2.0, 3.0],
                                               "pred": [0.1, 0.3, 0.2]}).to_dict()


@pytest.mark.parametrize("field, value, expected", [
    ("scores", [], "scores to be a JSON object"),
    ("embedding", "x", "embedding to be a JSON object"),
    ("seed", "a", "seed to be an integer"),
    ("n_total", "353", "n_total to be an integer >= 0"),
    ("main_score", "nope", "main_score to be one of the scores (spearman)"),
    ("per_item", {"id": [0, 1], "gold": [1.0]}, "per_item to be columns (lists) of one length"),
    ("kind", "both", "kind to be 'intrinsic' or 'extrinsic'"),
    ("direction", "up", "direction to be 'higher' or 'lower'"),
    # a traceback in the tables (fmt_ci unpacked [low, high]), and an unknown family one naming no file
    ("ci", {"spearman": [0.5]}, "ci to be score -> [low, high] (numbers or null)"),
    ("ci", {"spearman": "0.1-0.5"}, "ci to be score -> [low, high] (numbers or null)"),
    ("family", "similarty", "family to be one of similarity, analogy, sts, pos, chunking, ner, classification, "
                            "qvec, qvec-cca"),
])
def test_a_record_field_of_the_wrong_type_is_named(tmp_path, capsys, field, value, expected):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({**_good(), field: value}), encoding="utf-8")
    with pytest.raises(InputFormatError) as err:
        wordeval.load_records(path)
    assert str(err.value).startswith(f"{path}: expected {expected} in a wordeval result record, got ")
    assert main(["--quiet", "compare", str(path)]) == 2
    out = capsys.readouterr().err.strip()
    assert out == f"wordeval: error: {err.value}"


def test_a_well_formed_record_reads_back_equal(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_good()), encoding="utf-8")
    assert wordeval.load_records(path)[0][0].to_dict() == _good()


@pytest.mark.parametrize("version, got", [(4, "4 (written by a newer wordeval: read it with that one)"), (0, "0")])
def test_a_record_of_another_schema_version_says_whether_a_newer_wordeval_wrote_it(tmp_path, capsys, version, got):
    """'expected result schema_version in (1, 2, 3), got 4' did not say that a newer wordeval reads the file, as
    the refusal of a store of a newer store schema does."""
    path = tmp_path / "r.json"
    path.write_text(json.dumps({**_good(), "schema_version": version}), encoding="utf-8")
    assert main(["--quiet", "compare", str(path)]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: {path}: expected result schema_version in (1, 2, 3), "
                                       f"got {got}\n")
