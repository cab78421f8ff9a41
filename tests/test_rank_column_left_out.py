"""results.csv's `rank` (and results.json's table) is empty where no test stands behind it, with the reason in
`rank_left_out`, appended after the other columns: the cells the mean ranks (the rank scatter) leave out. The
demo's results.csv ranked spaCy-md 1 on analogy/google and analogy/msr, where it is alone with its candidate set
size (20,000 words) and last by accuracy (0.04). Oracles: ranks by hand from the relations the tests gave."""
from __future__ import annotations

import csv
import io
import json

import numpy as np

from tests._records import make_record
from tests.test_mean_ranks_untested_representation import _records
from wordeval.report.compare import compare
from wordeval.report.tables import CSV_FIELDS, results_csv


def _rows(comp) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["representation"], r["task"]): r for r in csv.DictReader(io.StringIO(results_csv(comp)))}


def test_an_untested_representation_has_no_rank_and_says_why(tmp_path):
    from wordeval.report.writer import write_report

    comp = compare(_records(), n_boot=200)
    # A (0.8) and B (0.4) share a candidate set of 30,000 words and are tested; C (0.05) searched 400,000
    assert comp.relations["analogy/toy"] == [">", "="] and comp.rankings["analogy/toy"] == ["A", "B", "C"]
    rows = _rows(comp)
    got = {rep: (rows[(rep, "analogy/toy")]["rank"], rows[(rep, "analogy/toy")]["rank_left_out"]) for rep in "ABC"}
    assert got == {"A": ("1", ""), "B": ("2", ""), "C": ("", "candidate sets of different sizes")}
    # a tested task keeps every rank, 1 + the number significantly ahead: A > B > C
    assert [rows[(rep, "similarity/toy")]["rank"] for rep in "ABC"] == ["1", "2", "3"]
    assert {rows[(rep, "similarity/toy")]["rank_left_out"] for rep in "ABC"} == {""}
    # appended: readers of the columns by position keep working
    assert CSV_FIELDS.index("rank") == 12 and CSV_FIELDS[CSV_FIELDS.index("ci_resamples") + 1] == "rank_left_out"
    assert CSV_FIELDS[-4:] == ["rank_left_out", "unit", "n_tokens", "n_gold_chunks"]  # appended after it
    out = write_report(comp, tmp_path / "rep", figures=False)
    table = json.loads((out / "results.json").read_text(encoding="utf-8"))["comparison"]["table"]
    cell = next(c for c in table if (c["representation"], c["task"]) == ("C", "analogy/toy"))
    assert (cell["rank"], cell["rank_left_out"]) == (None, "candidate sets of different sizes")


def test_a_task_where_no_pair_could_be_tested_has_no_ranks():
    """5 common items: too few for a paired test, so the ranking writes every pair '=' and each rank was 1."""
    rng = np.random.default_rng(11)
    gold = rng.normal(size=5)
    recs = [make_record(name, "similarity/five", {"id": list(range(5)), "gold": gold,
                                                  "pred": gold + rng.normal(scale=scale, size=5)})
            for name, scale in (("A", 0.1), ("B", 1.0), ("C", 3.0))]
    comp = compare(recs, n_boot=50)
    assert comp.task("similarity/five")["rank_evidence"] is False
    rows = _rows(comp)
    assert {(rows[(r, "similarity/five")]["rank"], rows[(r, "similarity/five")]["rank_left_out"]) for r in "ABC"} \
        == {("", "5 common word pairs")}
    assert all(np.isnan(v) for v in comp.mean_ranks("intrinsic").values())  # as the means leave them out


def test_the_rankings_mark_an_untested_representation_in_every_format(tmp_path):
    """The chain wrote "A > B = C" with C tested against no one: '=' read as a tie a test had found. Oracle: the
    candidate set sizes chosen in the records (C alone with 400,000)."""
    import html

    from wordeval.report.writer import write_report

    comp = compare(_records(), n_boot=200)
    out = write_report(comp, tmp_path / "rep", figures=False)
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| analogy/toy | A > B = C (untested) |" in md
    assert "| similarity/toy | A > B > C |" in md  # tested throughout: no mark
    said = ("(untested) after a name: none of that representation's pairs on the task could be tested (e.g. the "
            "only one with its candidate set size), so its place is its score's alone and no evidence; results.csv "
            "leaves its rank empty.")
    assert said in md
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<td>A &gt; B = C (untested)</td>" in page and html.escape(said) in page
    tex = (out / "report.tex").read_text(encoding="utf-8")
    assert "A $>$ B = C (untested)" in tex and "so its place is its score" in tex
