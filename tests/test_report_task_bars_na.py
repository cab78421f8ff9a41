"""A task whose every score is n/a (no item covered) was dropped from the task_bars figure without a word:
its row fell outside the axes fitted to the other tasks' bars. Now every task keeps its row, and each cell
without a bar says why in the figure, naming its representation (one without any bar has no legend entry)."""
from __future__ import annotations

import dataclasses

import pytest

from tests._records import cli_records
from wordeval.report import plots
from wordeval.report.compare import compare


def _uncovered(rec):
    return dataclasses.replace(rec, scores={**rec.scores, rec.main_score: None}, n_used=0, per_item={}, ci={})


@pytest.fixture
def drawn(monkeypatch, tmp_path):
    figures = []
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: figures.append(fig) or [])

    def draw(comp):
        plots.task_bars(comp, tmp_path)
        return figures[-1].axes[0]
    return draw


def test_a_task_with_every_score_na_keeps_its_row_and_says_why(drawn):
    records = [_uncovered(r) if r.task.startswith("classification") else r for r in cli_records(n_sim=30, n_doc=30)]
    comp = compare(records, n_boot=20)
    ax = drawn(comp)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["similarity/toy (spearman)", "classification/toy (accuracy)"]
    low, high = sorted(ax.get_ylim())
    assert low <= -0.4 and high >= len(rows) - 0.6  # both rows inside the axes, the n/a one included
    notes = sorted(t.get_text() for t in ax.texts)
    assert notes == [f"{r}: n/a (no item covered)" for r in "ABC"]
    assert all(low < t.xy[1] < high for t in ax.texts)


def test_a_skipped_cell_is_named_and_a_scored_one_has_no_note(drawn):
    records = [r for r in cli_records(n_sim=30, n_doc=30) if not (r.label == "B" and r.task.startswith("sim"))]
    comp = compare(records, n_boot=20, skipped=[{"task": "similarity/toy", "embedding": "B", "reason": "no vectors",
                                                "kind": "unavailable"}])
    ax = drawn(comp)
    assert [t.get_text() for t in ax.texts] == ["B: skipped (see Skipped)"]
    assert plots.no_bar_text(comp, "A", "similarity/toy") is None
