"""report.tex's Results table held, per representation, the score, its interval and the whole coverage text
('9,071/19,544 46.4%, OOV 15.8%, 19,318 candidates') side by side: four representations a part were scaled
to about 40 % of the text width, 3 pt type in the PDF pdflatex made of the demo. The interval now sits below the
score, the coverage column gives the share, and the coverage text is the Coverage table's, a line per fact;
each part is a float of its own (a page holds one legible part, not four). Oracle: the coverage text by hand."""
from __future__ import annotations

import re

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.tables_tex import latex_results

NAMES = ["GloVe-6B-50d", "MiniLM", "spaCy-md", "LSA-news", "word2vec-news", "GloVe-news"]


def _comparison():
    rng = np.random.default_rng(0)
    gold = rng.normal(size=50)
    total = np.full(40, 10)
    recs = []
    for k, name in enumerate(NAMES):
        pred = gold + rng.normal(scale=0.3 + 0.2 * k, size=50)
        recs.append(make_record(name, "similarity/simverb3500", {"id": list(range(50)), "gold": gold, "pred": pred}))
        recs.append(make_record(name, "pos/ptb-pos", {"id": list(range(40)), "total": total,
                                                      "correct": rng.binomial(total, 0.8)}))
    comp = compare(recs, n_boot=50)
    # LSA-news as the demo's analogy cell had it: 9,071 of 19,544 questions, 19,318 candidates, OOV 15.8 %
    comp.cells[("LSA-news", "pos/ptb-pos")].update(n_used=9071, n_total=19544, coverage=9071 / 19544,
                                                    oov_rate=0.158, candidates=19318)
    return comp


def _visible(cell: str) -> float:
    """Width of a cell's longest line in characters of the text's size (TeX commands, braces and math shifts
    left out; \\scriptsize, 7 pt, at 0.7 of the 10 pt text)."""
    cell = re.sub(r"\\(begin|end)\{tabular\}(\[t\])?(\{@\{\}[lr]@\{\}\})?", "", cell)
    strip = lambda s: re.sub(r"\\[a-zA-Z]+|[{}$]", "", s).strip()  # noqa: E731
    return max(len(strip(line)) * (0.7 if r"\scriptsize" in line else 1.0) for line in cell.split(r" \\ "))


def test_the_results_table_gives_the_share_and_the_coverage_table_the_whole_text():
    from wordeval.report.tables_tex import latex_coverage

    comp = _comparison()
    results, coverage = latex_results(comp), latex_coverage(comp)
    body = results[:results.index(r"\caption")]
    for long_text in ("9,071", "candidates", "OOV"):
        assert long_text not in body
    row = next(line for line in results.splitlines() if line.startswith(r"\begin{tabular}[t]{@{}l@{}}pos/ptb-pos"))
    assert r"{\scriptsize 46.4\%}" in row
    # the row is a POS task's: its items are sentences, and its tokens (40 sentences of 10) a line of their own
    assert r"9,071/19,544 sentences (46.4\%) \\ 400 tokens \\ OOV 15.8\% \\ 19,318 candidates" in coverage
    assert r"\ref{tab:wordeval-coverage}" in results


def test_each_part_is_a_float_of_its_own_and_a_row_fits_the_text_width():
    comp = _comparison()
    results = latex_results(comp)
    assert results.count(r"\begin{table*}") == 2 and results.count(r"\caption{") == 1
    assert r"Table \ref{tab:wordeval-results}, continued (2 of 2)." in results
    rows = [line for line in results.splitlines() if line.endswith(r" \\") and " & " in line]
    for row in rows:
        cells = row.removesuffix(r" \\").split(" & ")
        # about 100 characters of 10 pt type across a 2 cm-margin page (the demo's rows ran to about 250)
        assert sum(_visible(c) for c in cells) <= 100, row
