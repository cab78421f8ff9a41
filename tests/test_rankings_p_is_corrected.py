"""The rankings' 'test, best vs runner-up' column prints the p-value after the correction over all pair tests,
but no caption said so: a reader pasting 'S, p = 0.65' from a two-task comparison cited the Holm-corrected p
as the test's own (0.32). Every caption of that column (compare, report.md and report.html share one; report.tex) now says
which p it is, and where the uncorrected one is."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report import tables, tables_tex
from wordeval.report.compare import compare
from wordeval.report.fmt import fmt_p


def _comparison(correction: str):
    rng = np.random.default_rng(3)
    records = []
    for task in ("similarity/one", "similarity/two"):
        gold = rng.normal(size=120)
        for name, noise in (("A", 1.0), ("B", 1.3)):
            pred = gold + rng.normal(scale=noise, size=120)
            records.append(make_record(name, task, {"id": list(range(120)), "gold": gold, "pred": pred}))
    return compare(records, n_boot=200, correction=correction)


def _holm(ps):
    # Holm (1979) by hand: step-down, monotone, capped at 1
    order = np.argsort(ps)
    out, running = np.empty(len(ps)), 0.0
    for k, i in enumerate(order):
        running = max(running, min(1.0, (len(ps) - k) * ps[i]))
        out[i] = running
    return out


def test_the_printed_p_is_the_corrected_one_and_the_captions_say_so():
    comp = _comparison("holm")
    tests = [t for t in comp.tests if t.get("p_value") is not None]
    assert len(tests) == 2
    assert np.allclose([t["p_adjusted"] for t in tests], _holm(np.array([t["p_value"] for t in tests])))
    rows = tables.markdown_rankings(comp)
    for t in tests:
        assert fmt_p(t["p_adjusted"]) in rows
    said = "p-value after that Holm (1979) correction"
    assert said in tables.rankings_caption(comp)
    assert said in tables_tex.latex_rankings(comp)
    assert "`p_value`" in tables.rankings_caption(comp) and "p\\_value" in tables_tex.latex_rankings(comp)


def test_without_a_correction_the_caption_says_uncorrected():
    comp = _comparison("none")
    tests = [t for t in comp.tests if t.get("p_value") is not None]
    assert all(t["p_adjusted"] == t["p_value"] for t in tests)
    assert "its p-value, uncorrected" in tables.rankings_caption(comp)
    assert "its p-value, uncorrected" in tables_tex.latex_rankings(comp)
