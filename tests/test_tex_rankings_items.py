"""report.tex's rankings table gave the order and its '=' / '>' but not the items they rest on: a ranking on
147 of WS-353's 353 pairs (the pairs every representation covers) read as one on all of them. Each row now
says how many items every representation covers and the best-vs-runner-up test, as report.md's columns do."""
from __future__ import annotations

import dataclasses

from tests._records import spearman_from_items, toy_records
from wordeval.report.compare import compare
from wordeval.report.tables import markdown_rankings
from wordeval.report.tables_tex import latex_rankings


def _b_covers_150_of_200():
    out = []
    for rec in toy_records():
        if rec.label == "B" and rec.task == "similarity/toy":
            cols = {k: v[:150] for k, v in rec.per_item.items()}
            value = spearman_from_items(cols)
            rec = dataclasses.replace(rec, per_item=cols, n_used=150, scores={"spearman": value})
        out.append(rec)
    return out


def test_each_latex_ranking_names_its_common_items_and_its_test():
    comp = compare(_b_covers_150_of_200(), n_boot=200)
    tex = latex_rankings(comp)
    row = next(line for line in tex.splitlines() if line.startswith("similarity/toy &"))
    assert "150 of 200 common word pairs" in row  # the 150 pairs B covers, all of which A and C cover too
    pos = next(line for line in tex.splitlines() if line.startswith("pos/toy &"))
    # a POS task's items are sentences, and its accuracy is over their tokens (the records' 'total' column)
    tokens = sum(next(r for r in comp.records if r.task == "pos/toy").per_item["total"])
    assert f"150 of 150 common sentences ({tokens:,} tokens)" in pos
    # the same test and p as report.md's 'test, best vs runner-up' column
    md_row = next(line for line in markdown_rankings(comp).splitlines() if line.startswith("| similarity/toy |"))
    shown = md_row.rstrip(" |").rsplit(" | ", 1)[1]
    assert f"best vs runner-up {shown}" in row.replace(r"$\le$", "≤")
    caption = tex[tex.index(r"\caption{"):]
    # the legend defines only the cases its table shows: no § cell, no '(but a > b)', no task of fewer than 10
    # common items here (test_report_legend_shows_only_its_marks)
    assert r"\S{}" not in caption and "(but $a>b$)" not in caption and "fewer than 10" not in caption
