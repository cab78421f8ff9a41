"""`wordeval status`: a run line said "planned 1 cell(s)" above "Summary: 2 cell(s) ... 1 skipped", the other
cell skipped when the run was planned (no data) and so in no run's plan. The summary now says how many of
its cells the runs planned and why the others are in no plan."""
from __future__ import annotations

import json

from tests._records import pos_record
from wordeval.cli import main
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore


def test_summary_says_which_cells_no_run_planned(tmp_path, capsys):
    with ResultStore(tmp_path / "s") as store, registered(store, [("A", "pos/toy", 0, "cfg")]):
        store.put(pos_record("A", 0))
        store.put_task_skipped("pos/other", ["A"], "no data")  # skipped when the run was planned
    assert main(["status", str(tmp_path / "s"), "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert [r["planned_cells"] for r in out["runs"]] == [1]
    assert out["summary"]["cells"] == 2 and out["summary"]["skipped"] == 1 and out["summary"]["planned"] == 1
    assert main(["status", str(tmp_path / "s")]) == 3
    text = capsys.readouterr().out
    assert "planned 1 cell(s)" in text
    assert "Summary: 2 cell(s) (1 planned by the runs, 1 in no run's plan: skipped when planned" in text, text


def test_no_clause_when_every_cell_was_planned(tmp_path, capsys):
    with ResultStore(tmp_path / "s") as store, registered(store, [("A", "pos/toy", 0, "cfg")]):
        store.put(pos_record("A", 0))
    assert main(["status", str(tmp_path / "s")]) == 0
    assert "Summary: 1 cell(s): 1 stored," in capsys.readouterr().out
