"""The Protocol section left out options that change the scores: a similarity task's ``phrases`` (a multiword
term looked up whole, skipped or averaged from its parts) and classification's logistic-regression ``c_grid``
and ``max_iter``. Two reports of one task under ``phrases = "whole"`` and ``"average"`` had the same Protocol."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.protocol import protocol_lines


def _similarity(phrases):
    rng = np.random.default_rng(0)
    gold = rng.normal(size=30)
    out = []
    for name, noise in (("A", 0.5), ("B", 1.0)):
        rec = make_record(name, "similarity/toy", {"id": list(range(30)), "gold": gold,
                                                   "pred": gold + rng.normal(scale=noise, size=30)})
        rec.config = {"oov": "skip", "case": "exact-then-lower", "phrases": phrases}
        out.append(rec)
    return out


def _lines(records):
    return [text for _, text in protocol_lines(compare(records, n_boot=20).protocol)]


def test_phrases_policy_is_in_the_protocol():
    whole, average = _lines(_similarity("whole")), _lines(_similarity("average"))
    assert any("phrases = average" in line for line in average), average
    assert any("phrases = whole" in line for line in whole), whole


def test_logreg_c_grid_and_max_iter_are_in_the_protocol_only_under_logreg():
    recs = _similarity("whole")
    for rec in recs:
        rec.config.update(learner="logreg", c_grid=[0.5, 2.0], max_iter=200)
    text = "\n".join(_lines(recs))
    assert "c_grid = 0.5, 2" in text and "max_iter = 200" in text, text
    for rec in recs:
        rec.config.update(learner="finetune")
    text = "\n".join(_lines(recs))
    assert "c_grid" not in text and "max_iter" not in text, text
