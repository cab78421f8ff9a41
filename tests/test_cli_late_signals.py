"""A Ctrl-C or SIGTERM that lands after the command has finished its work (while the process exits) leaves
the command's own exit code and output: it killed the process by the signal (130/143 in a shell, no line).
Each signal is sent by the process itself at a fixed step of its exit (fault injection, not timing)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

AT_TEARDOWN = """
import os, signal, sys, time
import wordeval.cli as cli

class SignalAtTeardown:
    # deleted as the interpreter tears the modules down, after atexit: the signal lands there
    def __del__(self):
        os.kill(os.getpid(), signal.{signame})
        time.sleep(0.2)

cli._late = SignalAtTeardown()
sys.argv = ["wordeval", *{argv!r}]
cli.command_line()
"""

IN_EXIT_HANDLER = """
import atexit, os, signal, sys, threading
import wordeval.cli as cli

def late():
    print("written by an exit handler")  # still in stdout's buffer (a pipe) when the signal lands
    sys.stderr.write("exiting\\n")
    sys.stderr.flush()
    if {hang}:
        threading.Event().wait()  # a shutdown that hangs: the parent sends the signal now
    os.kill(os.getpid(), signal.{signame})
    threading.Event().wait(5)

atexit.register(late)
sys.argv = ["wordeval", *{argv!r}]
cli.command_line()
"""


def _run(tmp_path, source: str, *, send=None) -> subprocess.CompletedProcess:
    script = tmp_path / "late.py"
    script.write_text(source, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    if send is not None:
        assert proc.stderr.readline() == "exiting\n"
        proc.send_signal(send)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("argv,code", [(["--version"], 0), (["--quiet", "compare", "nowhere"], 2)])
def test_a_signal_as_the_modules_are_torn_down_keeps_the_commands_exit_code(tmp_path, signame, argv, code):
    res = _run(tmp_path, AT_TEARDOWN.format(signame=signame, argv=argv))
    assert res.returncode == code, (res.returncode, res.stderr)
    assert "Traceback" not in res.stderr
    if code == 0:
        assert res.stdout.startswith("wordeval ") and res.stderr == ""


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_signal_in_an_exit_handler_keeps_the_code_and_the_buffered_output(tmp_path, signame):
    res = _run(tmp_path, IN_EXIT_HANDLER.format(signame=signame, argv=["--version"], hang=False))
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [res.stdout.splitlines()[0], "written by an exit handler"]
    assert res.stdout.startswith("wordeval ") and res.stderr == "exiting\n"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_hung_exit_still_ends_on_a_signal(tmp_path, sig):
    res = _run(tmp_path, IN_EXIT_HANDLER.format(signame="SIGINT", argv=["--version"], hang=True), send=sig)
    assert res.returncode == 0, res.stderr
    assert res.stdout.endswith("written by an exit handler\n") and res.stderr == ""
