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


def _analogy(config):
    rng = np.random.default_rng(1)
    out = []
    for name, p in (("A", 0.3), ("B", 0.5)):
        correct = (rng.random(40) < p).astype(int)
        rec = make_record(name, "pos/toy", {"id": list(range(40)), "correct": list(correct), "total": [1] * 40})
        rec.task, rec.family, rec.kind, rec.scorer = "analogy/toy", "analogy", "intrinsic", "mean:correct"
        rec.per_item = {"id": list(range(40)), "correct": list(correct)}
        rec.scores, rec.ci = {"accuracy": float(correct.mean())}, {}
        rec.config = dict(config)
        rec.extra = {"candidate_vocabulary": {"n_candidates": 500, "restrict_vocab": config.get("restrict_vocab"),
                                              "vocab_size": 500}}
        out.append(rec)
    return out


def test_an_analogy_tasks_restrict_vocab_is_written_once():
    """Analogy records hold restrict_vocab in their config and in their candidate vocabulary: the Protocol
    printed it twice per task ('restrict_vocab: None' and '... restrict_vocab = None')."""
    for value, shown in ((None, "None"), (30000, "30,000")):
        lines = _lines(_analogy({"method": "3cosadd", "oov": "skip", "restrict_vocab": value}))
        said = [line for line in lines if "restrict_vocab" in line]
        assert len(said) == 1 and f"restrict_vocab = {shown}" in said[0], lines


def test_a_record_without_restrict_vocab_in_its_config_keeps_its_candidate_line():
    recs = _analogy({"method": "3cosadd", "oov": "skip"})
    for rec in recs:
        rec.extra["candidate_vocabulary"]["restrict_vocab"] = 30000
    said = [line for line in _lines(recs) if "restrict_vocab" in line]
    assert said == ["restrict_vocab: 30,000"], said
