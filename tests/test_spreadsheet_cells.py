"""CSV injection (OWASP) in what wordeval writes for spreadsheets: results.csv / ``compare --csv`` and the
``.tsv`` files of ``--save-predictions``. A label or dataset word that begins with = + - @ TAB or CR was
written raw, and a spreadsheet ran it as a formula. Oracles: pandas' and the csv module's readers (what the
cells hold, how many rows there are) and the values the test put in; numbers must read back exactly."""
from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.tables import results_csv
from wordeval.results.predictions import read_table, write_table
from wordeval.spreadsheet_cells import inert, original_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_LABELS = ['=HYPERLINK("http://example.com/x","click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+b", "-c"]


def _runs_in_a_spreadsheet(cell: str) -> bool:
    try:
        float(cell)
        # a number (-0.25, -1) is read as that number; Python's float also takes "-inf", which a spreadsheet
        # reads as a formula (=-inf)
        return cell.lstrip("+-")[:1] not in tuple("0123456789.")
    except ValueError:
        return cell.startswith(FORMULA_START)


@pytest.mark.parametrize("text", ["=1+1", "+x", "-tree", "@sum", "\t=1", "\r=1", "'=1", "''@x", "'tis", "-",
                                  "-1", "+2.5", "-0.25", "1e-3", "-inf", "plain", "", "'", "a=b"])
def test_inert_cells_never_start_a_formula_and_read_back_exactly(text):
    cell = inert(text)
    assert not _runs_in_a_spreadsheet(cell)
    assert original_text(cell) == text
    if not _runs_in_a_spreadsheet(text) and not text.startswith("'"):
        assert cell == text  # nothing else changes


def _hostile_comparison():
    rng = np.random.default_rng(0)
    gold = rng.normal(size=40)
    recs = []
    for k, label in enumerate(HOSTILE_LABELS):
        # the last one anti-correlated: its Spearman is a negative number in the csv
        pred = (-gold if k == len(HOSTILE_LABELS) - 1 else gold) + rng.normal(scale=0.5 + k, size=40)
        recs.append(make_record(label, "similarity/toy", {"id": list(range(40)), "gold": gold, "pred": pred}))
    return compare(recs, n_boot=50)


def test_results_csv_neutralises_formula_labels_and_keeps_numbers_exact():
    comp = _hostile_comparison()
    text = results_csv(comp)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [c for c in cells if _runs_in_a_spreadsheet(c)]
    # the rows follow the comparison's representation order (run time, then label: 393a4a0), not the inputs'
    assert [original_text(c) for c in frame["representation"]] == list(comp.representations)
    assert sorted(comp.representations) == sorted(HOSTILE_LABELS)
    values = {original_text(r): float(v) for r, v in zip(frame["representation"], frame["value"])}
    expected = {rep: comp.cells[(rep, "similarity/toy")]["value"] for rep in HOSTILE_LABELS}
    assert values == expected  # exactly: repr round-trips a float
    assert values["-c"] < 0 and pd.read_csv(io.StringIO(text))["value"].dtype == np.float64


def test_prediction_tables_neutralise_words_keep_rows_and_numbers(tmp_path):
    words = ["=1+1", "-tree", "@sum", "+x", "\t=1", "a\rb", '"q', "'=already", "-1", "'tis", "ok"]
    golds = [-0.25, 7.5, -2.0, 0.0, 1e-7, -3.5, 2.0, 4.0, 5.0, 6.0, -1.0]
    cosines = [np.float32(-0.3), np.float64(0.9285714308522184), -1.0, 0.5, 0.25, 0.125, 0.1, 0.2, 0.3, 0.4, 0.6]
    rows = [(i, w, "cat", g, c) for i, (w, g, c) in enumerate(zip(words, golds, cosines))]
    task, emb = SimpleNamespace(name="similarity/x"), SimpleNamespace(info=SimpleNamespace(name="e"))
    path = write_table(tmp_path, task, emb, "tsv", ("id", "word1", "word2", "gold", "cosine"), rows)
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    with open(path, encoding="utf-8", newline="") as fh:
        parsed = list(csv.reader(fh, delimiter="\t"))
    # one row per item in both readers: a CR in a word, or a word starting with '"', made more or fewer
    assert len(frame) == len(words) and len(parsed) == len(words) + 1
    assert all(len(r) == 5 for r in parsed)
    assert not [c for r in parsed for c in r if _runs_in_a_spreadsheet(c)]
    assert [float(x) for x in frame["gold"]] == golds
    assert [float(x) for x in frame["cosine"]] == [float(str(c)) for c in cosines]
    assert list(frame["id"].astype(int)) == list(range(len(words)))
    header, back = read_table(path)
    assert header == ["id", "word1", "word2", "gold", "cosine"]
    # TAB and line breaks inside a word become a space (each row stays one line); all else reads back
    assert [r[1] for r in back] == [w.replace("\t", " ").replace("\r", " ") for w in words]

