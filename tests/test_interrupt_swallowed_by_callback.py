"""A Ctrl-C that lands while C code has called back into Python (numba's LLVM object cache, through ctypes, as
an analogy kernel compiles) raises its KeyboardInterrupt inside the callback, where ctypes prints it as
'Exception ignored on calling ctypes callback function' and returns: the run went on to its last cell and
exited 0, as if Ctrl-C had not been pressed. The first cell here ends with such a callback receiving SIGINT
(the real ctypes mechanism, at a fixed point); the run must stop after that cell, with the one line and exit
130, that cell stored and the next one not, and the same command must then compute only the next one."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests._small_task import write_small_task

ROOT = Path(__file__).resolve().parent.parent

SWALLOWED = """
import ctypes, os, signal, sys
import wordeval.runner as runner

real = runner.compute_cell
calls = []

def compute_cell(*args, **kwargs):
    record = real(*args, **kwargs)
    if not calls and os.environ.get("SWALLOW") == "1":
        calls.append(1)
        def callback():
            os.kill(os.getpid(), signal.SIGINT)
            sum(range(100000))  # the handler runs here, inside the callback
        ctypes.CFUNCTYPE(None)(callback)()
    return record

runner.compute_cell = compute_cell
from wordeval.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def _run(tmp_path, swallow: str, *args):
    script = tmp_path / "swallowed.py"
    script.write_text(SWALLOWED, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SWALLOW": swallow, "WORDEVAL_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=tmp_path, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def test_a_ctrl_c_swallowed_by_a_ctypes_callback_stops_the_run_after_its_cell(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    store = tmp_path / "R"
    args = ["-q", "intrinsic", f"a={vectors}", f"b={vectors}", "--tasks", str(spec), "--out", str(store)]
    res = _run(tmp_path, "1", *args)
    assert res.returncode == 130, res.stderr
    assert res.stderr.splitlines()[-1] == ("wordeval: interrupted (what was stored so far is kept; run the same "
                                           "command again to resume)"), res.stderr
    with sqlite3.connect(store / "results.sqlite") as db:
        assert db.execute("SELECT embedding_name FROM records").fetchall() == [("a",)]
    again = _run(tmp_path, "0", *args)
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines()[-1].startswith("1 computed, 1 already stored"), again.stderr
