"""A comparison of a single representation says so in its summary instead of only 'over 0 pair tests'."""
from __future__ import annotations

from tests._records import cli_records
from wordeval.report.compare import compare


def test_one_representation_is_named_in_the_summary():
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A",)), n_boot=20)
    assert comp.summary[0].startswith("Only one representation (A): nothing is ranked or tested")


def test_two_representations_get_no_such_line():
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A", "B")), n_boot=20)
    assert not any(s.startswith("Only one representation") for s in comp.summary)


_SKIP = {"task": "analogy/toy", "reason": "an open vocabulary: analogy searches a fixed vocabulary's rows"}


def test_a_representation_skipped_everywhere_is_not_asked_for():
    # two were named (wordeval intrinsic glove enc --tasks analogy): 'name two or more' told the user to do
    # what they did, and nothing said where enc had gone
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A",)), n_boot=20,
                   skipped=[{**_SKIP, "embedding": "enc"}])
    assert comp.summary[0] == ("Only one representation has results (A): nothing is ranked or tested; the "
                               "tables give its scores with their CIs.")
    assert comp.summary[1] == ("No results for enc: each of its cells is listed under Skipped; the tables, "
                               "rankings and figures leave it out.")


def test_representations_without_results_are_named_among_several():
    skipped = [{**_SKIP, "embedding": e} for e in ("enc", "enc", "bert")]
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A", "B")), n_boot=20, skipped=skipped)
    assert ("No results for enc, bert: each of their cells is listed under Skipped; the tables, rankings and "
            "figures leave them out.") in comp.summary
    # a representation skipped on some tasks only keeps its column: no such line
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A", "B")), n_boot=20,
                   skipped=[{**_SKIP, "embedding": "B"}])
    assert not any(s.startswith("No results for") for s in comp.summary)


def test_a_task_skipped_for_every_representation_names_none():
    # the runner records a task whose data is missing as skipped on "(all)": the demo's report without
    # WORDEVAL_DATA said "No results for (all)"
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A", "B")), n_boot=20,
                   skipped=[{**_SKIP, "embedding": "(all)"}])
    assert not any(s.startswith("No results for") for s in comp.summary)
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A",)), n_boot=20,
                   skipped=[{**_SKIP, "embedding": "(all)"}])
    assert comp.summary[0].startswith("Only one representation (A): nothing is ranked or tested")


def _sections(comp):
    from wordeval.report import html, tables_tex, writer

    md = writer.render_markdown(comp, "", title="t", figures={})
    page = html.render_html(comp, figures={}, provenance_text="", title="t")
    tex = tables_tex.latex_document(comp, title_text="t", cite_keys=[], method_keys={}, figures={},
                                    provenance_text="")
    return md, page, tex


def test_one_representation_gets_no_empty_comparison_sections():
    # a ranking of one name per task, and the τ, flipped-pairs and correlation paragraphs over '_No ..._'
    md, page, tex = _sections(compare(cli_records(n_sim=30, n_doc=30, names=("A",)), n_boot=20))
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads[:4] == ["## Summary", "## Methods", "## Results", "## Figures"]
    for gone in ("Ranking per task", "Kendall τ", "Flipped pairs", "Benchmark × task correlation"):
        assert gone not in md and gone not in page
    assert "tab:wordeval-rankings" not in tex and "tab:wordeval-tau" not in tex
    # two representations keep them
    md, page, _ = _sections(compare(cli_records(n_sim=30, n_doc=30, names=("A", "B")), n_boot=20))
    for kept in ("## Ranking per task", "## Kendall τ", "## Flipped pairs", "## Benchmark × task"):
        assert kept in md
    assert "<h2>Ranking per task</h2>" in page
