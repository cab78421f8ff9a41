"""A command run with standard output closed (`>&-`) or full (/dev/full), or with standard error closed (`2>&-`),
ends with its one line (where stderr is open) and exit code 2, as any unwritable output does.

Python makes a closed stream None. print() to None writes nothing: `datasets list >&-` lost its table with exit
code 0; `--json` (json.dump to None) was an AttributeError traceback calling itself a bug, exit 1; `--help` and
`--version` went to stderr instead, and into /dev/full they were an OutputError traceback, exit 1. With stderr
closed, a usage error's one line (sys.stderr.write on None) turned exit 2 into 1. The oracle is the shell's
convention (coreutils: a write error on stdout is a failure) and the project's: an unwritable output is exit 2."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLOSED = ("wordeval: error: standard output: cannot write: it is closed (a '>&-' redirection): point it to a file "
          "or /dev/null")
FULL = ("wordeval: error: standard output: cannot write: the disk is full: free space there (or point the output "
        "elsewhere) and run again (No space left on device)")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="closes descriptors, needs /dev/full")


def _wordeval(args, *, close_fd=None, stdout=subprocess.DEVNULL):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "wordeval", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, env=env, timeout=120,
                          preexec_fn=(lambda: os.close(close_fd)) if close_fd is not None else None)


@pytest.mark.parametrize("args", [["datasets", "list"], ["datasets", "list", "--json"], ["--version"], ["--help"]],
                         ids=["table", "json", "version", "help"])
def test_a_closed_stdout_is_one_line_and_exit_2(args):
    res = _wordeval(args, close_fd=1)
    assert (res.returncode, res.stderr.splitlines()) == (2, [CLOSED]), res.stderr


@pytest.mark.parametrize("args", [["--version"], ["--help"], []], ids=["version", "help", "no-command"])
def test_help_and_version_into_a_full_disk_are_one_line_and_exit_2(args):
    with open("/dev/full", "w") as full:
        res = _wordeval(args, stdout=full)
    assert (res.returncode, res.stderr.splitlines()) == (2, [FULL]), res.stderr


def test_a_usage_error_with_stderr_closed_keeps_exit_2():
    res = subprocess.run([sys.executable, "-m", "wordeval", "compare", "--bogus"], stdout=subprocess.PIPE,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, preexec_fn=lambda: os.close(2))
    assert (res.returncode, res.stdout) == (2, b"")
