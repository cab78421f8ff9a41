"""`wordeval run --workers 2` end to end: a Ctrl-C of the terminal (SIGINT to the whole process group) while
cells run is the client's one line, exit 130, what came back stored; the same command then computes only the
rest, leaves the stored records as they were, and every score equals a serial run's. Cells are slowed on the
workers by a sitecustomize of the test's own, so the interrupt lands mid-run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from tests._small_task import write_small_task  # noqa: E402
from wordeval.results.store import ResultStore  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SLOW = """
import os
if os.environ.get("WORDEVAL_TEST_SLOW_CELLS"):
    import time
    from wordeval import runner
    _original = runner.compute_cell

    def _slowed(*args, **kwargs):
        time.sleep(float(os.environ["WORDEVAL_TEST_SLOW_CELLS"]))
        return _original(*args, **kwargs)

    runner.compute_cell = _slowed
"""


def _scores(out: Path) -> dict:
    with ResultStore(out, create=False) as store:
        return {r.cache_key(): json.loads(r.to_json())["scores"] for r in store.records()}


def test_a_ctrl_c_then_the_same_command_computes_only_the_rest_and_equals_a_serial_run(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    lines = vectors.read_text(encoding="utf-8").splitlines()
    reps = []
    for i in range(4):  # 4 cells: the same words, each file its own (shifted) values
        path = tmp_path / f"v{i}.txt"
        path.write_text("".join(f"{line.split()[0]} {' '.join(f'{float(x) + i:.4f}' for x in line.split()[1:])}\n"
                                for line in lines), encoding="utf-8")
        reps.append(f"R{i}={path}")
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(SLOW, encoding="utf-8")
    command = [sys.executable, "-m", "wordeval", "--quiet", "run", *reps, "--tasks", str(spec)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    serial = subprocess.run([*command, "--out", str(tmp_path / "s")], env=env, capture_output=True, text=True,
                            timeout=300)
    assert serial.returncode == 0, serial.stderr
    out = tmp_path / "d"
    proc = subprocess.Popen([*command, "--out", str(out), "--workers", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**env, "PYTHONPATH": os.pathsep.join([str(tmp_path / "hook"), str(ROOT)]),
                                 "WORDEVAL_TEST_SLOW_CELLS": "3"})
    try:
        deadline = time.monotonic() + 240
        stored = 0
        while stored == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            if (out / "results.sqlite").exists():
                # a store the run is still creating reads as empty (ResultStore's in_creation)
                with ResultStore(out, readonly=True) as store:
                    stored = len(store)
        assert proc.poll() is None and stored > 0, "no record came back while the run went on"
        os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole group
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130
    assert err == "wordeval: interrupted (what was stored so far is kept; run the same command again to resume)\n"
    with ResultStore(out, create=False) as store:
        before = store.stored_at()
    assert 0 < len(before) < 4
    rerun = subprocess.run([*command, "--out", str(out), "--workers", "2", "--json"], env=env, capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert sorted(summary["cached"]) == sorted(before) and len(summary["computed"]) == 4 - len(before)
    with ResultStore(out, create=False) as store:
        assert len(store) == 4
        assert {k: v for k, v in store.stored_at().items() if k in before} == before  # not rewritten
    assert _scores(out) == _scores(tmp_path / "s")
