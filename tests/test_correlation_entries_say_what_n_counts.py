"""The correlation table wrote an entry over fewer representations than the others as '0.40 (n=4)', beside
tables of word pairs, questions and sentences, where n read as a count of items; the τ cells say 'over 4
representations' since tau_n_text. The entries now say it in the same words, in report.md, report.html and
report.tex. Oracle: 5 representations, E without an analogy record, so each analogy entry is over 4
(``_five``), and the entries' values as the comparison computed them."""
from __future__ import annotations

import re

from tests.test_report_figure_captions import _five
from wordeval.report import tables
from wordeval.report.fmt import fmt
from wordeval.report.writer import write_report


def test_an_entry_over_fewer_representations_says_what_its_n_counts(tmp_path):
    comp = _five()
    c = comp.correlation
    i = c["tasks"].index("analogy/toy")
    j = c["tasks"].index("similarity/toy")
    assert (int(c["n"][i][j]), c["n_representations"]) == (4, 5)
    assert tables.correlation_entry(comp, i, j) == f"{fmt(c['matrix'][i][j], 2)} (over 4 representations)"
    k = c["tasks"].index("pos/toy")
    assert tables.correlation_entry(comp, j, k) == fmt(c["matrix"][j][k], 2)  # over all 5: no note
    assert "(an entry over fewer says how many; below 4: —)" in tables.correlation_caption(comp)
    out = write_report(comp, tmp_path / "rep", figures=False)
    for name in ("report.md", "report.html", "report.tex"):
        text = (out / name).read_text(encoding="utf-8")
        assert "(over 4 representations)" in text and not re.search(r"\(n=\d", text), name
