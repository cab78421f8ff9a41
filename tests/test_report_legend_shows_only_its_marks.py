"""Each legend defines only the marks, test codes and cases its table shows: the Results legend of one
representation's two similarity rows defined ‡ § † ° ¶, Williams' t, McNemar's test and 'over seeds', none of
which stood in the table. Oracles: the table's own cells (the marks printed in them, the codes of its tests
column), read from the rendered md/html, against what the legend defines."""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from tests._records import make_record, toy_records
from wordeval.cli.compare import text_report
from wordeval.report.compare import compare
from wordeval.report.tables import FLAG_SYMBOLS, flag_text
from wordeval.report.writer import write_report
from wordeval.stats import pair_tests


def _one_representation() -> list:
    rng = np.random.default_rng(1)
    out = []
    for task, n in (("similarity/ws", 60), ("similarity/men", 80)):
        gold = rng.normal(size=n)
        out.append(make_record("G", task, {"id": list(range(n)), "gold": gold,
                                           "pred": gold + rng.normal(scale=0.5, size=n)}))
    return out


def _legend(md: str, section: str) -> str:
    body = md.split(f"## {section}\n\n", 1)[1]
    return body.split("\n\n", 1)[0]


def _html_legend(html: str, section: str) -> str:
    body = html.split(f"<h2>{section}</h2>", 1)[1]
    return body.split("</p>", 1)[0]


def _report(tmp_path, records, n_boot=50):
    comp = compare(records, n_boot=n_boot)
    out = write_report(comp, tmp_path / "rep", figures=False)
    return comp, (out / "report.md").read_text(encoding="utf-8"), (out / "report.html").read_text(encoding="utf-8")


def test_one_representation_legend_defines_no_absent_mark_or_test(tmp_path):
    comp, md, html = _report(tmp_path, _one_representation())
    table = md.split("## Results\n\n", 1)[1].split("\n\n", 2)[1]
    assert not any(s in table for s in FLAG_SYMBOLS.values()), table  # the oracle: no cell carries a mark
    for legend in (_legend(md, "Results"), _html_legend(html, "Results")):
        for s in FLAG_SYMBOLS.values():
            assert f"{s}:" not in legend, (s, legend)
        for absent in ("Williams", "McNemar", "paired bootstrap", "Bold", "over seeds", "Rankings, marks"):
            assert absent not in legend, (absent, legend)
        assert "each count with its unit: word pairs)" in legend  # the one unit of its tasks
    text = text_report(comp)
    results = text.split("Results:\n", 1)[1].split("\n|", 1)[0]
    assert "McNemar" not in results and "‡:" not in results
    # the empty sections say why in one line
    assert "Rankings:\n  None: a ranking needs two representations; these results have one (G)." in text
    assert ("Flipped pairs:\n  None: a flip needs two representations and an intrinsic and an extrinsic task; "
            "these results have one representation (G) and no extrinsic task.") in text


def test_present_marks_and_codes_are_defined_and_only_those(tmp_path):
    records = toy_records()
    # C covers 40 of the 200 word pairs: its cell is flagged ‡ (coverage more than 5 points below the best)
    for r in records:
        if r.embedding["name"] == "C" and r.task == "similarity/toy":
            r.n_used = 40
    comp, md, html = _report(tmp_path, records, n_boot=200)  # a bootstrap p floor Holm keeps under 0.05
    flags = {f for c in comp.cells.values() for f in c["flags"]}
    assert any(b.get("representation") for b in comp.best.values())  # a bold `*X` cell
    codes = {code for t in comp.tasks for code in t["tests"]}
    assert flags == {"coverage"} and codes and codes < set(pair_tests.CODES.values())
    unit = "items (its task's unit)"
    for legend, escape in ((_legend(md, "Results"), str), (_html_legend(html, "Results"), _html)):
        assert escape(f"‡: {flag_text('coverage', unit)}.") in legend
        for k, s in FLAG_SYMBOLS.items():
            if k != "coverage":
                assert f"{s}:" not in legend, (s, legend)
        assert "Bold with " in legend and "X</code>: significantly ahead" in legend.replace("`*X`: ", "*X</code>: ")
        named = set(re.findall(r"\b([WMBS]) = ", legend))
        assert named == codes, (named, codes, legend)
        assert "over seeds" not in legend  # one seed per cell: no '± sd'


def test_no_extrinsic_task_says_why_there_is_no_agreement_or_flip(tmp_path):
    records = [r for r in toy_records() if r.kind == "intrinsic"]
    comp, md, html = _report(tmp_path, records)
    tau = md.split("## Kendall τ between intrinsic and extrinsic rankings\n\n", 1)[1].split("\n\n", 1)[0]
    assert tau == ("_None: agreement needs an intrinsic and an extrinsic task compared on two or more "
                   "representations; these results have no extrinsic task._")
    flips = md.split("## Flipped pairs\n\n", 1)[1].split("\n\n", 1)[0]
    assert flips == ("_None: a flip needs two representations and an intrinsic and an extrinsic task; these "
                     "results have no extrinsic task._")
    assert "Verdict rule" not in md and "Verdict rule" not in html
    assert "<p>None: a flip needs two representations and an intrinsic and an extrinsic task" in html


def _html(text: str) -> str:
    import html
    return html.escape(text, quote=True)


def test_a_greater_than_of_reported_scores_is_not_called_significant(tmp_path):
    """Records without per-item scores are ranked on their reported values: `A > B` with no test behind it
    (its common items and test cells '—'), yet the legend defined `>` as "significantly ahead ... at α = 0.05
    (no pair test was made, so none was corrected)". Oracle: the table's own row."""
    records = _one_representation()[:1]
    other = make_record("H", "similarity/ws", {k: list(v) for k, v in records[0].per_item.items()})
    other.scores = {"spearman": records[0].scores["spearman"] - 0.1}
    for r in (records[0], other):
        r.per_item = {}
    comp, md, html = _report(tmp_path, [records[0], other])
    ranking = md.split("## Ranking per task\n\n", 1)[1].split("\n\n", 2)
    assert "| similarity/ws | G > H | — | — |" in ranking[1]  # a `>` without a test
    tex = (tmp_path / "rep" / "report.tex").read_text(encoding="utf-8")
    tex_legend = tex.split(r"\caption{Rankings. ", 1)[1].split(r"\label", 1)[0]
    for legend in (ranking[0], _html_legend(html, "Ranking per task"), text_report(comp), tex_legend):
        assert "significantly ahead" not in legend, legend
    assert "`>`: the left one's reported score is ahead (no per-item scores, so no test)." in ranking[0]
    assert "$>$: a reported score ahead, not tested (no per-item scores)" in tex_legend


def test_a_task_not_compared_among_several_representations_is_explained(tmp_path):
    """Review of today's legends: on two representations, a task with per-item scores from one of them only
    printed 'not compared' in its common-items cell, which the legend explained on one representation only."""
    rng = np.random.default_rng(3)
    gold = rng.normal(size=40)
    both = [make_record(r, "similarity/ws", {"id": list(range(40)), "gold": gold,
                                             "pred": gold + rng.normal(scale=s, size=40)})
            for r, s in (("G", 0.3), ("H", 0.8))]
    lone = make_record("G", "similarity/men", {"id": list(range(40)), "gold": gold, "pred": gold})
    h_men = replace(make_record("H", "similarity/men", {"id": list(range(40)), "gold": gold, "pred": -gold}),
                    per_item={})  # no per-item scores: not comparable on common items
    comp, md, html = _report(tmp_path, both + [lone, h_men])
    table = md.split("## Results\n\n", 1)[1].split("\n\n", 2)[1]
    assert "not compared" in table  # the oracle: the cell the legend must explain
    from html import unescape
    for legend in (_legend(md, "Results"), unescape(_html_legend(html, "Results"))):
        assert "'not compared' in the common-items column" in legend, legend
    comp2, md2, _ = _report(tmp_path / "b", both)
    assert "'not compared'" not in _legend(md2, "Results")


def _legends(tmp_path, records) -> list[str]:
    """The Results legend as md, html, tex and `compare` print it."""
    from html import unescape
    comp, md, html = _report(tmp_path, records)
    tex = (tmp_path / "rep" / "report.tex").read_text(encoding="utf-8")
    text = text_report(comp)
    return [_legend(md, "Results"), unescape(_html_legend(html, "Results")),
            tex.split(r"\caption{Results. ", 1)[1].split(r"\label", 1)[0],
            text.split("Results:\n", 1)[1].split("\n|", 1)[0]], md


def _two_representations(n: int, per_item: bool = True) -> list:
    rng = np.random.default_rng(5)
    gold = rng.normal(size=n)
    out = [make_record(r, "similarity/ws", {"id": list(range(n)), "gold": gold,
                                            "pred": gold + rng.normal(scale=s, size=n)})
           for r, s in (("G", 0.3), ("H", 0.8))]
    return out if per_item else [replace(r, per_item={}) for r in out]


def test_the_ci_is_named_only_where_a_cell_shows_one(tmp_path):
    """Review of today's legends: the Results legend named a '95% item-bootstrap CI' where no cell printed an
    interval (records without per-item scores; every cell ° for too few items). Oracle: the table's own
    cells, whether any holds a '[lo, hi]'."""
    for case, records in (("no per-item scores", _two_representations(60, per_item=False)),
                          ("too few items", _two_representations(pair_tests.MIN_BOOTSTRAP_ITEMS - 2))):
        legends, md = _legends(tmp_path / case.replace(" ", "_"), records)
        table = md.split("## Results\n\n", 1)[1].split("\n\n", 2)[1]
        assert not re.search(r"\[-?\d", table), (case, table)  # the oracle: no interval in any cell
        for text in legends:
            # (° itself says 'no CI' / 'none is given': that is its meaning, not a CI the table shows)
            assert "item-bootstrap CI" not in text and "resamples" not in text, (case, text)
            assert "own covered items, and " in text, (case, text)
    legends, md = _legends(tmp_path / "with", _two_representations(60))
    assert re.search(r"\| 0\.\d{3} \[-?\d", md)  # an interval is shown: the legend keeps its words
    for text in legends:
        assert "own covered items with " in text and "95" in text and "item-bootstrap CI" in text, text


def test_the_task_bars_figure_names_an_interval_only_where_a_bar_has_one(tmp_path):
    """Review of the figure alts: with no cell holding an interval (records without per-item scores, so no
    whisker drawn) the task_bars alt said 'with 95% confidence intervals' and its caption 'with its 95%
    item-bootstrap CI', in report.md and report.html, where the Results legend rightly named none. Oracle: the
    cells the bars are drawn from, whether any has a finite [lo, hi]."""
    from html import unescape

    for case, per_item in (("bare", False), ("whiskers", True)):
        comp = compare(_two_representations(60, per_item=per_item), n_boot=50)
        has_ci = any(c.get("ci") and np.isfinite(c["ci"][0]) for c in comp.cells.values())
        assert has_ci is per_item  # the oracle
        out = write_report(comp, tmp_path / case)
        md = (out / "report.md").read_text(encoding="utf-8")
        alt, caption = re.search(r"!\[([^\n]*)\]\(figures/task_bars\.png\)\n\n_([^\n]*)_", md).groups()
        page = (out / "report.html").read_text(encoding="utf-8")
        figure = page.split("<section id='figures'>", 1)[1].split("</section>", 1)[0]
        html_alt = unescape(re.search(r"<img alt='([^']*)'", figure).group(1))
        html_caption = unescape(figure.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0])
        for text in (alt, caption, html_alt, html_caption):
            named = "confidence interval" in text or "item-bootstrap CI" in text
            assert named is per_item, (case, text)


def test_the_methods_describe_and_cite_the_bootstrap_only_where_an_interval_is_shown(tmp_path):
    """Review: with no cell holding an interval, the Methods paragraph (md, html, tex) still said 'Confidence
    intervals: percentile bootstrap over word pairs (... resamples ...)' and references.bib cited Efron &
    Tibshirani. Oracle: the cells, whether any has a finite [lo, hi]."""
    for case, per_item in (("bare", False), ("whiskers", True)):
        comp = compare(_two_representations(60, per_item=per_item), n_boot=50)
        assert any(c.get("ci") and np.isfinite(c["ci"][0]) for c in comp.cells.values()) is per_item
        out = write_report(comp, tmp_path / case, figures=False)
        for name in ("report.md", "report.html", "report.tex"):
            text = (out / name).read_text(encoding="utf-8")
            methods = text.split("Methods", 1)[1]
            assert ("percentile bootstrap" in methods) is per_item, (case, name)
            none = "Confidence intervals: none (no cell of the Results table has one)"
            assert (none in methods) is not per_item
        assert ("efron1993bootstrap" in (out / "references.bib").read_text(encoding="utf-8")) is per_item
