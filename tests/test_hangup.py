"""SIGHUP (the terminal closed, an ssh session dropped) ends a run as SIGTERM does: its one line, exit code
129, the record being committed kept with its prediction files, the run log's row 'interrupted', and the same
command resumes. Python's default for SIGHUP killed the process on the spot: 129 with no line, nothing cleaned
up, the row left 'running'. A process started with SIGHUP ignored (``nohup``) keeps ignoring it. The signal is
sent by the process itself right after the commit of a record (fault injection, not timing). Oracle: the
store read with sqlite3, and the sidecar .json beside each prediction file."""
from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest

from tests._small_task import write_small_task
from tests.test_interrupt_during_record_commit import SIGNAL_AFTER_COMMIT, _env, _predicted_keys, _stored_keys

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")

RESUME = "wordeval: hung up (what was stored so far is kept; run the same command again to resume)\n"


def _hung_up_run(tmp_path, *, ignored: bool):
    vectors, spec = write_small_task(tmp_path)
    other = tmp_path / "w.txt"  # a second representation: a second cell, left for the resume
    shutil.copyfile(vectors, other)
    store, predictions = tmp_path / "store", tmp_path / "predictions"
    argv = ["--quiet", "intrinsic", str(vectors), str(other), "--tasks", str(spec), "--out", str(store),
            "--save-predictions", str(predictions)]
    script = tmp_path / "signal_after_commit.py"
    script.write_text(SIGNAL_AFTER_COMMIT.format(signame="SIGHUP", argv=argv), encoding="utf-8")
    disposition = signal.SIG_IGN if ignored else signal.SIG_DFL
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=_env(tmp_path),
                          timeout=120, preexec_fn=lambda: signal.signal(signal.SIGHUP, disposition))
    return argv, store, predictions, proc


def _outcomes(store) -> list[str]:
    db = sqlite3.connect(f"file:{store / 'results.sqlite'}?mode=ro", uri=True)
    try:
        return [outcome for (outcome,) in db.execute("SELECT outcome FROM runs ORDER BY rowid")]
    finally:
        db.close()


def test_a_hangup_ends_the_run_as_sigterm_does_and_it_resumes(tmp_path):
    argv, store, predictions, proc = _hung_up_run(tmp_path, ignored=False)
    assert proc.returncode == 129, proc.stderr  # was -SIGHUP: killed by the signal
    assert proc.stderr == RESUME
    stored = _stored_keys(store)
    assert len(stored) == 1 and _predicted_keys(predictions) == stored
    assert _outcomes(store) == ["interrupted"]  # was 'running': the row of a run that never closed it

    again = subprocess.run([sys.executable, "-m", "wordeval", *argv], capture_output=True, text=True,
                           env=_env(tmp_path), timeout=120)
    assert again.returncode == 0, again.stderr
    resumed = _stored_keys(store)
    assert len(resumed) == 2 and stored < resumed and _predicted_keys(predictions) == resumed
    assert _outcomes(store) == ["interrupted", "finished"]


def test_a_hangup_ignored_at_start_stays_ignored(tmp_path):
    """``nohup wordeval run ...``: the run is meant to outlive its terminal, so it goes on to its end."""
    _, store, predictions, proc = _hung_up_run(tmp_path, ignored=True)
    assert proc.returncode == 0, proc.stderr
    assert "hung up" not in proc.stderr and "Traceback" not in proc.stderr
    stored = _stored_keys(store)
    assert len(stored) == 2 and _predicted_keys(predictions) == stored
    assert _outcomes(store) == ["finished"]
