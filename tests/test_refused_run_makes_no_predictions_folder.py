"""A run refused because a live run plans its cells in the same store (exit 2) made its --save-predictions
folder first: a new, empty, marked folder was left behind, and with --force a report standing at that path had
already been removed. Now the folder is made (and a wordeval output of another kind there replaced) only once
the run is registered in its store."""
from __future__ import annotations

import sqlite3

import pytest

import wordeval
from wordeval.cli import main
from wordeval.errors import ConfigError
from wordeval.output_paths import MARKER, write_marker
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore


def _cells_of_the_first_run(store):
    db = sqlite3.connect(store / "results.sqlite")
    try:
        return [tuple(cell.split("\x1f")) for (cell,) in db.execute("SELECT cell FROM planned")]
    finally:
        db.close()


def test_a_run_refused_by_a_live_run_writes_and_removes_nothing(tmp_path, capsys):
    store = tmp_path / "S"
    base = ["--quiet", "intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(store)]
    assert main(base) == 0
    report = tmp_path / "old-report"
    report.mkdir()
    (report / "report.md").write_text("# an earlier report\n", encoding="utf-8")
    write_marker(report, "report")
    cells = [(label, task, int(seed), key) for label, task, seed, key in _cells_of_the_first_run(store)]
    capsys.readouterr()
    with ResultStore(store) as live, registered(live, cells):  # a live run of this host plans the same cells
        assert main([*base, "--save-predictions", str(tmp_path / "new")]) == 2
        assert "another run" in capsys.readouterr().err
        assert not (tmp_path / "new").exists()
        assert main([*base, "--save-predictions", str(report), "--force"]) == 2
        assert (report / "report.md").read_text(encoding="utf-8") == "# an earlier report\n"
        assert (report / MARKER).is_file()
        with pytest.raises(ConfigError, match="another run"):  # the Python API's predictions= alike
            wordeval.run(["glove-6b-50d"], ["similarity/ws353"], out=store, predictions=tmp_path / "api")
        assert not (tmp_path / "api").exists()
