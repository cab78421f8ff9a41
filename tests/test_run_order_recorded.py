"""compare and report list a run's representations in the order its command named them, in every way of running.
They sorted by each label's earliest record time (then its commit into the store): completion times, so a
--workers run whose workers finished a later-named label's cells first (or a run resumed after a kill that had
stored those first) listed that label first, while a serial run of the same command did not. Each record now
holds its run's labels in the command's order (``run.representations``); records written without them keep
the order they had."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests._records import make_record
from tests._small_task import write_small_task
from wordeval.report.compare import compare
from wordeval.results.store import ResultStore

ROOT = Path(__file__).resolve().parent.parent


def _records(names, times, *, command=None):
    rng = np.random.default_rng(0)
    gold = rng.normal(size=30)
    out = []
    for k, (name, time) in enumerate(zip(names, times)):
        rec = make_record(name, "similarity/toy", {"id": list(range(30)), "gold": gold,
                                                   "pred": gold + rng.normal(scale=1 + k, size=30)}, time=time)
        if command is not None:
            rec.run["representations"] = list(command)
        out.append(rec)
    return out


def test_a_later_named_label_computed_first_stays_second():
    # h's cell finished a minute before g's (a worker that was free first); the command named g first
    recs = _records(["h", "g"], ["2024-01-01T10:00:00", "2024-01-01T10:01:00"], command=["g", "h"])
    assert compare(recs, n_boot=50).representations == ["g", "h"]


def test_a_resumed_run_keeps_its_commands_order():
    # the first run was killed after h's record; the same command computed g an hour later
    first = _records(["h"], ["2024-01-01T10:00:00"], command=["g", "h"])
    resumed = _records(["h", "g"], ["", "2024-01-01T11:00:00"], command=["g", "h"])[1:]
    assert compare(first + resumed, n_boot=50).representations == ["g", "h"]


def test_records_without_the_runs_labels_keep_their_order():
    old = _records(["h", "g"], ["2024-01-01T10:00:00", "2024-01-01T10:01:00"])
    assert compare(old, n_boot=50).representations == ["h", "g"]
    # an earlier store's label stays ahead of a later run that names it second
    later = _records(["x", "h"], ["2024-01-02T10:00:00", "2024-01-02T10:00:00"], command=["x", "h"])
    assert compare(old[:1] + later[:1], n_boot=50).representations == ["h", "x"]
    # and a later run's labels come after the labels computed before it, in its own order
    runs = (_records(["g", "h"], ["2024-01-01T10:00:01", "2024-01-01T10:00:00"], command=["g", "h"])
            + _records(["y", "x"], ["2024-01-01T09:00:00", "2024-01-02T10:00:00"])[1:]
            + _records(["z"], ["2024-01-03"], command=["z", "g"]))
    assert compare(runs, n_boot=50).representations == ["g", "h", "x", "z"]


def test_the_intersection_path_records_the_runs_labels_too(tmp_path, monkeypatch):
    import wordeval

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    vectors, spec = write_small_task(tmp_path)
    wordeval.run([f"b={vectors}", f"a={vectors}"], [str(spec)], out=tmp_path / "s", intersection=True)
    with ResultStore(tmp_path / "s", create=False) as store:
        assert [r.run.get("representations") for r in store.records()] == [["b", "a"], ["b", "a"]]


SLOW = """
import os
if os.environ.get("WORDEVAL_TEST_SLOW_LABEL"):
    import time
    from wordeval import runner
    _original = runner.compute_cell

    def _slowed(cell, *args, **kwargs):
        if cell.rep.name == os.environ["WORDEVAL_TEST_SLOW_LABEL"]:
            time.sleep(4)
        return _original(cell, *args, **kwargs)

    runner.compute_cell = _slowed
"""


def _run(args, env):
    done = subprocess.run([sys.executable, "-m", "wordeval", "--quiet", *args], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _bytes_but_the_run(out: Path) -> dict:
    with ResultStore(out, create=False) as store:
        recs = {r.cache_key(): json.loads(r.to_json()) for r in store.records()}
    for rec in recs.values():
        for field in ("time", "command", "cwd"):  # what describes the run, not the result
            rec["run"].pop(field)
    return {k: json.dumps(v) for k, v in recs.items()}


def test_serial_and_workers_runs_list_the_representations_alike(tmp_path):
    pytest.importorskip("distributed")
    vectors, spec = write_small_task(tmp_path)
    lines = vectors.read_text(encoding="utf-8").splitlines()
    reps = []
    for i, name in enumerate(["g", "h"]):
        path = tmp_path / f"{name}.txt"
        path.write_text("".join(f"{line.split()[0]} {' '.join(f'{float(x) + i:.4f}' for x in line.split()[1:])}\n"
                                for line in lines), encoding="utf-8")
        reps.append(f"{name}={path}")
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(SLOW, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache")}
    run = ["run", *reps, "--tasks", str(spec)]
    _run([*run, "--out", str(tmp_path / "s")], env)
    # g's cell sleeps on its worker, so h's record comes back (and is stored) first
    _run([*run, "--out", str(tmp_path / "d"), "--workers", "2"],
         {**env, "PYTHONPATH": os.pathsep.join([str(tmp_path / "hook"), str(ROOT)]), "WORDEVAL_TEST_SLOW_LABEL": "g"})
    with ResultStore(tmp_path / "d", create=False) as store:
        assert [r.label for r in store.records()] == ["h", "g"]  # the case this test is about
    assert _bytes_but_the_run(tmp_path / "d") == _bytes_but_the_run(tmp_path / "s")
    for out in ("s", "d"):
        shown = json.loads(_run(["compare", str(tmp_path / out), "--json", "--n-boot", "50"], env))
        assert shown["representations"] == ["g", "h"], out
        _run(["report", str(tmp_path / out), "--out", str(tmp_path / f"report-{out}"), "--n-boot", "50"], env)
        with open(tmp_path / f"report-{out}" / "results.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        column = next(k for k in rows[0] if k in ("representation", "embedding", "label"))
        assert [row[column] for row in rows] == ["g", "h"], out
