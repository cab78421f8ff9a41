"""A report whose every score is n/a draws no task_bars figure (it was an empty frame of task names) and says
why in report.md and report.html."""
from __future__ import annotations

import dataclasses

from tests._records import cli_records
from wordeval.report.compare import compare
from wordeval.report.writer import write_report


def _na(rec):
    return dataclasses.replace(rec, scores={**rec.scores, rec.main_score: None}, per_item={}, ci={})


def test_no_task_bars_figure_when_every_score_is_na(tmp_path):
    comp = compare([_na(r) for r in cli_records(n_sim=30, n_doc=30)], n_boot=20)
    assert all(c["value"] is None for c in comp.cells.values())
    out = write_report(comp, tmp_path / "rep")
    assert not list((out / "figures").glob("task_bars*"))
    why = "every score is n/a, so there is no bar to draw."
    assert why in (out / "report.md").read_text(encoding="utf-8")
    assert why in (out / "report.html").read_text(encoding="utf-8")


def test_task_bars_figure_and_no_excuse_when_a_score_exists(tmp_path):
    records = cli_records(n_sim=30, n_doc=30)
    comp = compare([records[0]] + [_na(r) for r in records[1:]], n_boot=20)
    out = write_report(comp, tmp_path / "rep")
    assert {p.suffix for p in (out / "figures").glob("task_bars*")} == {".png", ".svg"}
    assert "no bar to draw" not in (out / "report.md").read_text(encoding="utf-8")
