"""The Results legend names the unit of the tasks' items: '°: fewer than 10 items' and 'M = exact McNemar test
on the discordant items' stood over tables whose items were all word pairs, or all questions. Where the tasks
share one unit the legend names it; where they mix, it says once that each task's unit is its coverage's.
Oracle: the families' units as ``cells.UNITS`` names them (word pairs for similarity, sentences for POS)."""
from __future__ import annotations

import numpy as np

from tests._records import make_record, toy_records
from wordeval.report.compare import compare
from wordeval.report.tables import few_items_text, results_caption, table_unit
from wordeval.report.writer import write_report


def _similarity_only() -> list:
    rng = np.random.default_rng(0)
    out = []
    for task, n in (("similarity/toy", 60), ("similarity/other", 40)):
        gold = rng.normal(size=n)
        for name, noise in (("A", 0.3), ("B", 1.0)):
            out.append(make_record(name, task, {"id": list(range(n)), "gold": gold,
                                                "pred": gold + rng.normal(scale=noise, size=n)}))
    return out


def test_a_table_of_one_unit_names_it_in_the_legend(tmp_path):
    comp = compare(_similarity_only(), n_boot=50)
    caption = results_caption(comp)
    # the legend defines the codes its tests column prints (only B here) and no mark its cells lack (no °):
    # test_report_legend_shows_only_its_marks; the unit of those it defines is the tasks' one
    assert "B = paired bootstrap over word pairs." in caption
    assert few_items_text(table_unit(comp)[0]) == "fewer than 10 word pairs"
    assert "over items" not in caption and "discordant items" not in caption
    tex = (write_report(comp, tmp_path / "rep", figures=False) / "report.tex").read_text(encoding="utf-8")
    assert "B = paired bootstrap over word pairs" in tex


def test_the_methods_paragraph_names_the_one_unit_too(tmp_path):
    """report.tex's Methods said 'percentile bootstrap over items' and 'a paired bootstrap over items' below a
    legend that names word pairs; where the tasks share a unit the paragraph names it as well."""
    comp = compare(_similarity_only(), n_boot=50)
    tex = (write_report(comp, tmp_path / "rep", figures=False) / "report.tex").read_text(encoding="utf-8")
    methods = tex[tex.index("Scores and paired tests are recomputed"):]
    methods = methods[:methods.index("\n\n")]
    assert r"Confidence intervals: percentile bootstrap over word pairs~\cite{efron1993bootstrap}" in methods
    assert r"Paired tests: a paired bootstrap over word pairs~\cite{koehn2004significance,hall1991two};" \
        in methods
    assert "over items" not in methods, methods


def test_a_table_of_several_units_says_each_task_has_its_own(tmp_path):
    comp = compare(toy_records(), n_boot=50)  # word pairs and sentences
    caption = results_caption(comp)
    # no cell is bold at 50 resamples (Holm over 6 tests at the bootstrap's p floor): the codes are the tests
    # column's, and only the one it prints (B)
    assert ("the tests column names the tests, over items (each task's unit: see its coverage): B = paired "
            "bootstrap over items.") in caption
    assert few_items_text(table_unit(comp)[0]) == "fewer than 10 items (its task's unit)"
    out = write_report(comp, tmp_path / "rep", figures=False)
    tex = (out / "report.tex").read_text(encoding="utf-8")
    assert "test codes (as in the rankings), over items (each task's unit: see its coverage): B = " in tex
    # the Methods paragraph keeps 'items' where the units differ (test_citation_entries pins its test text)
    assert "Confidence intervals: percentile bootstrap over items~" in tex
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "over items (each task&#x27;s unit: see its coverage)" in html
