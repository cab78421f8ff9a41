"""task_bars and an analogy searched over candidate sets of different sizes: every table flags the task §
(GloVe's 400,000 candidate words against spaCy's 20,000: 0.363 beside 0.073 is not a like-for-like score),
but the figure drew it as bare bars under 'analogy/msr (accuracy)', and its caption said nothing, so the figure
pasted alone read as one representation far ahead. Oracle: the flag as the Results table writes it."""
from __future__ import annotations

import numpy as np
import pytest

from tests._records import make_record
from wordeval.report import plots, tables
from wordeval.report.compare import compare
from wordeval.results.record import ResultRecord


def _analogy(name: str, candidates: int, correct) -> ResultRecord:
    n = len(correct)
    rec = make_record(name, "pos/x", {"id": list(range(n)), "correct": correct, "total": np.ones(n, int)})
    return ResultRecord(**{**rec.__dict__, "task": "analogy/toy", "family": "analogy", "kind": "intrinsic",
                           "scorer": "accuracy",
                           "extra": {"candidate_vocabulary": {"n_candidates": candidates}},
                           "dataset": {"name": "toy"}})


@pytest.fixture
def comparison():
    rng = np.random.default_rng(1)
    recs = [_analogy("big", 400_000, rng.integers(0, 2, 60)), _analogy("small", 20_000, rng.integers(0, 2, 60))]
    gold = rng.normal(size=40)
    for k, name in enumerate(("big", "small")):
        recs.append(make_record(name, "similarity/toy", {"id": list(range(40)), "gold": gold,
                                                         "pred": gold + rng.normal(scale=1 + k, size=40)}))
    return compare(recs, n_boot=50)


def test_the_flagged_task_carries_its_mark_in_the_figure_and_the_caption(comparison, monkeypatch, tmp_path):
    assert "§" in tables.markdown_results(comparison)  # the control: the tables flag it
    drawn = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: drawn.setdefault(stem, fig) and [])
    plots.task_bars(comparison, tmp_path)
    labels = {t.get_text().split(" ")[0]: t.get_text() for t in drawn["task_bars"].axes[0].get_yticklabels()}
    assert labels["analogy/toy"].startswith("analogy/toy §") and "§" not in labels["similarity/toy"]
    caption = plots.figure_captions(comparison)["task_bars"]
    assert "analogy/toy §: the representations searched candidate sets of different sizes" in caption
    assert "similarity/toy §" not in caption
