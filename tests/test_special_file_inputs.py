"""Inputs that are not regular files, given where wordeval reads a file: a FIFO made by mkfifo (nobody writing
it, or a writer that fills it once), the shell's pipe (``<(zcat f.gz)``, ``cat f |`` as /dev/stdin), a
character device (/dev/null) and a socket. wordeval reads an input more than once (its format, its sha256, its content),
which a pipe cannot give, and opening a FIFO waits for a writer for good: each is refused in one line naming
it, exit 2, before anything is written (the project's rule for bad input). Every command runs in a
subprocess under a timeout, so a hang fails the test instead of holding the suite."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/null"),
                                reason="needs FIFOs and /dev/null")

KINDS = ["fifo", "fifo-written", "pipe", "device", "socket"]
SAID = {"fifo": "a FIFO/pipe", "fifo-written": "a FIFO/pipe", "pipe": "a FIFO/pipe", "device": "a character device",
        "socket": "a socket"}


def _special(folder: Path, kind: str, name: str, content: bytes) -> tuple[str, bytes | None]:
    """(the path to give, what to pipe into the command's stdin) for an input of ``kind`` holding ``content``."""
    path = folder / name
    if kind in ("fifo", "fifo-written"):
        os.mkfifo(path)
        if kind == "fifo-written":  # a writer that fills it once, as `mkfifo p; zcat f.gz > p &` does
            writer = subprocess.Popen(["sh", "-c", 'cat > "$0"', str(path)], stdin=subprocess.PIPE)
            writer.stdin.write(content)
            writer.stdin.close()
            _left.append(writer)
        return str(path), None
    if kind == "pipe":
        return "/dev/stdin", content
    if kind == "device":  # by a link of the input's name: a spec is told by its .toml, a store by its .sqlite
        path.symlink_to("/dev/null")
        return str(path), None
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    _left.append(server)
    return str(path), None


_left: list = []  # sockets, and FIFO writers still waiting for a reader (a refused FIFO is never opened)


@pytest.fixture(autouse=True)
def _close_what_is_left():
    yield
    while _left:
        thing = _left.pop()
        if isinstance(thing, socket.socket):
            thing.close()
        else:
            thing.kill()
            thing.wait()


def _wordeval(folder: Path, args, stdin: bytes | None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(folder / "cache"), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "wordeval", "--quiet", *args], input=stdin or b"",
                          capture_output=True, env=env, cwd=folder, timeout=90)


def _refused(folder: Path, args, stdin, path: str, kind: str) -> None:
    before = sorted(p.name for p in folder.iterdir())
    done = _wordeval(folder, args, stdin)
    assert (done.returncode, done.stderr.decode()) == (
        2, f"wordeval: error: {path}: expected a regular file, got {SAID[kind]}\n")
    assert sorted(p.name for p in folder.iterdir()) == before  # no store, no cache entry


# /dev/stdin has no .toml suffix: it is no spec's name, refused as such (test_datasets_check_path_kinds)
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "pipe"])
@pytest.mark.parametrize("command", ["run", "datasets check"])
def test_a_task_spec_file(tmp_path, kind, command):
    """A spec is read when the run is planned and again when the task loads: a FIFO's second read waited for
    good (`run --tasks p.toml` hung, and SIGTERM left it at that), and a socket was a traceback."""
    vectors, spec = write_small_task(tmp_path)
    path, stdin = _special(tmp_path, kind, "p.toml", spec.read_bytes())
    args = ["run", vectors.name, "--tasks", path, "--out", "o"] if command == "run" else ["datasets", "check", path]
    _refused(tmp_path, args, stdin, os.path.realpath(path), kind)  # a spec is named resolved, as in its errors


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", ["run", "info"])
def test_a_builder_s_corpus(tmp_path, kind, command):
    """A corpus is read when the run is planned (is it text?) and again by the build: `run lsa:corpus=FIFO`
    hung before any work, and `info` called the FIFO, the pipe or the device 'corpus file not found'."""
    vectors, spec = write_small_task(tmp_path)
    path, stdin = _special(tmp_path, kind, "corpus.txt", b"the cat sat on the mat\n" * 50)
    builder = f"lsa:corpus={path},dim=2,min_count=1"
    args = ["run", builder, "--tasks", spec.name, "--out", "o"] if command == "run" else ["info", builder]
    _refused(tmp_path, args, stdin, path, kind)
