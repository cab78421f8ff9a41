"""A Ctrl-C that lands while C code has called back into Python (numba's LLVM object cache, through ctypes, as
an analogy kernel compiles) raises its KeyboardInterrupt inside the callback, where ctypes printed it as
'Exception ignored on calling ctypes callback function' with a traceback and returned: the run went on to its
last cell and exited 0, as if Ctrl-C had not been pressed. The first cell here ends with SIGINT received at a
fixed point: inside a real ctypes callback, or inside library code that catches KeyboardInterrupt and goes on.
The run must stop once that cell is stored, with its one line (no 'Exception ignored' traceback) and exit 130,
and the same command must then compute only the next cell."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task

ROOT = Path(__file__).resolve().parent.parent
LINE = "wordeval: interrupted (what was stored so far is kept; run the same command again to resume)"

SWALLOWED = """
import ctypes, os, signal, sys
import wordeval.runner as runner

real = runner.compute_cell
calls = []

def interrupted_here():
    os.kill(os.getpid(), signal.SIGINT)
    sum(range(100000))  # the handler runs here

def compute_cell(*args, **kwargs):
    record = real(*args, **kwargs)
    if not calls and os.environ.get("SWALLOW"):
        calls.append(1)
        if os.environ["SWALLOW"] == "ctypes":
            ctypes.CFUNCTYPE(None)(interrupted_here)()
        else:  # a library that catches the interrupt and carries on
            try:
                interrupted_here()
            except KeyboardInterrupt:
                pass
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


def _stored(store: Path) -> list[str]:
    with sqlite3.connect(store / "results.sqlite") as db:
        return sorted(name for (name,) in db.execute("SELECT embedding_name FROM records"))


@pytest.mark.parametrize("swallow", ["ctypes", "library"])
def test_a_swallowed_ctrl_c_stops_the_run_after_its_cell_in_one_line(tmp_path, swallow):
    vectors, spec = write_small_task(tmp_path)
    store = tmp_path / "R"
    args = ["-q", "intrinsic", f"a={vectors}", f"b={vectors}", "--tasks", str(spec), "--out", str(store)]
    res = _run(tmp_path, swallow, *args)
    assert (res.returncode, res.stderr) == (130, LINE + "\n")
    assert _stored(store) == ["a"]
    again = _run(tmp_path, "", *args)
    assert again.returncode == 0, again.stderr
    assert again.stderr.startswith("1 computed, 1 already stored"), again.stderr
    assert _stored(store) == ["a", "b"]
