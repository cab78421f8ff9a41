"""The benchmark x task correlation matrix is descriptive: no p-value, interval or correction is computed for
its entries, and its caption did not say so. In the committed demo its entries of 0.93 to 1.00 between
similarity sets and classification/bbc sat beside τ cells whose verdicts were all 'could be chance', and read
as the evidence the τ table withheld. Oracle: the comparison's correlation holds a coefficient and an n per
entry and nothing else a test would give."""
from __future__ import annotations

from tests.test_report_figure_captions import _five
from wordeval.report import plots, tables
from wordeval.report.tables_tex import tex_escape
from wordeval.report.writer import write_report

SAID = ("Descriptive only: no test, interval or multiple-test correction; the Kendall τ table tests each "
        "intrinsic benchmark against each extrinsic task.")


def test_the_correlation_captions_say_the_entries_are_not_tested(tmp_path):
    comp = _five()
    c = comp.correlation
    assert not {"p", "p_value", "p_adjusted", "ci", "ci_low"} & set(c)  # what the caption says: no test
    assert {"intrinsic", "extrinsic"} <= set(c["kinds"])
    assert SAID in tables.correlation_caption(comp)
    assert SAID in plots.heatmap_caption(comp)
    out = write_report(comp, tmp_path / "rep", figures=False)
    for name in ("report.md", "report.html"):
        assert SAID in (out / name).read_text(encoding="utf-8"), name
    assert tex_escape(SAID) in (out / "report.tex").read_text(encoding="utf-8")
