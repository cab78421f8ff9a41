"""A τ cell over a task of 9 common items has no verdict; report.md and report.html said why ('no verdict
(9 common items)'), report.tex said only 'no verdict', a cell that reads like one whose representations were
too few."""
from __future__ import annotations

import numpy as np

from tests.test_report_outputs import _pos, _sim
from wordeval.report.compare import compare
from wordeval.report.writer import write_report


def test_every_format_says_why_a_tau_cell_has_no_verdict(tmp_path):
    rng = np.random.default_rng(3)
    gold, total = rng.normal(size=9), rng.integers(5, 20, size=60)
    recs = []
    for k, name in enumerate("ABCD"):
        recs.append(_sim(name, gold, gold + rng.normal(scale=0.3 + k, size=9)))
        recs.append(_pos(name, rng.binomial(total, 0.5 + 0.1 * k), total))
    out = write_report(compare(recs, n_boot=50), tmp_path / "rep", figures=False)
    for name in ("report.md", "report.html", "report.tex"):
        assert "no verdict (9 common word pairs)" in (out / name).read_text(encoding="utf-8"), name
