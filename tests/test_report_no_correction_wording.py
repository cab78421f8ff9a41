"""Under ``--correction none`` nothing is corrected, and no text may say otherwise: the verdict rule in every τ
caption said the permutation p was "corrected over all agreement cells", and the copies' line said they share
a "corrected p". With Holm the words stay."""
from __future__ import annotations

import math
import re

from tests.test_report_outputs import _store
from wordeval.report.compare import compare
from wordeval.report.writer import write_report
from wordeval.stats.multiplicity import adjust


def _with_a_copy():
    recs = _store(("A", "B", "C", "D"))
    copy = [r for r in _store(("A",)) if r.task == "similarity/toy"][0]
    copy.embedding = dict(copy.embedding, name="A-copy")
    return recs + [copy]


def test_no_text_claims_a_correction_that_was_not_made(tmp_path):
    comp = compare(_with_a_copy(), n_boot=50, correction="none")
    assert comp.parameters["n_duplicate_tests"] > 0  # the copy's line is in the summary
    # analogy/toy § is outside the family (no verdict, its p written uncorrected): the others keep theirs
    family = [r for r in comp.taus if not r["not_comparable"]]
    assert family and all(math.isnan(r["p_adjusted"]) for r in comp.taus if r["not_comparable"])
    p = [r["p_permutation"] for r in family]
    assert [r["p_adjusted"] for r in family] == list(adjust(p, "none")) == p  # none: the raw p-values
    out = write_report(comp, tmp_path / "rep", figures=False)
    for name in ("report.md", "report.html"):
        text = (out / name).read_text(encoding="utf-8")
        claims = [m for m in re.findall(r"[^.;(]*\bcorrected\b[^.;)]*", text) if "not corrected" not in m
                  and "bias-corrected" not in m]
        assert not claims, (name, claims)


def test_holm_keeps_its_words():
    comp = compare(_with_a_copy(), n_boot=50, correction="holm")
    assert "(corrected over the agreement cells that can have a verdict)" in comp.parameters["verdict_rule"]
    assert any("shares its corrected p" in line for line in comp.summary)
