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
            # from a file: written into the writer's stdin, content over a pipe's buffer would block this process
            source = folder / f".{name}.bytes"
            source.write_bytes(content)
            _left.append(subprocess.Popen(["sh", "-c", 'cat "$1" > "$0"', str(path), str(source)]))
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


def _records_json(folder: Path) -> bytes:
    from tests._records import cli_records

    return ("[" + ", ".join(r.to_json() for r in cli_records(n_sim=30, n_doc=30)) + "]").encode()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command, name", [(c, n) for c in ("compare", "cite", "report", "status")
                                           for n in ("results.sqlite", "records.json", "records.jsonl")
                                           if c != "status" or n == "results.sqlite"])  # status reads stores
def test_a_store_or_record_file(tmp_path, kind, command, name):
    """A FIFO store was SQLite's 'disk I/O error (locked by another program ...)' to status, and a FIFO .json
    'no such result file'; a pipe or a device, which has no suffix, was looked for as a store folder
    ('/dev/fd/63/results.sqlite: no wordeval result store here', 'neither a result store, ...')."""
    from tests._records import small_store

    content = (small_store(tmp_path / "R") / "results.sqlite").read_bytes() if name.endswith(".sqlite") \
        else _records_json(tmp_path)
    if name.endswith(".jsonl"):
        import json
        content = "".join(json.dumps(r) + "\n" for r in json.loads(content)).encode()
    path, stdin = _special(tmp_path, kind, name, content)
    _refused(tmp_path, [command, path, *(["--out", "rep"] if command == "report" else [])], stdin, path, kind)


@pytest.mark.parametrize("command", ["compare", "status"])
def test_a_fifo_in_a_store_or_records_folder(tmp_path, command):
    """A store folder whose results.sqlite, or a folder of records one of whose .json files, is a FIFO: the
    folder's record was read, and waited for a writer for good."""
    from tests._records import small_store

    if command == "compare":
        (tmp_path / "J").mkdir()
        (tmp_path / "J" / "a.json").write_bytes(_records_json(tmp_path))
        os.mkfifo(tmp_path / "J" / "b.json")
        _refused(tmp_path, [command, "J"], None, "J/b.json", "fifo")
    small_store(tmp_path / "S")
    (tmp_path / "S" / "results.sqlite").unlink()
    os.mkfifo(tmp_path / "S" / "results.sqlite")
    _refused(tmp_path, [command, "S"], None, "S/results.sqlite", "fifo")


def test_a_folder_named_like_a_record_file_is_read_as_a_folder_of_records(tmp_path):
    """`compare x.json/` was 'no such result file' for a folder that is there: it is read as the folder of
    records it is (the same comparison as its file's, the oracle), or said to hold none."""
    (tmp_path / "x.json").mkdir()
    done = _wordeval(tmp_path, ["compare", "x.json"], None)
    assert (done.returncode, done.stderr.decode()) == (2, "wordeval: error: x.json: neither a result store, a "
                                                          "folder of .json records, nor a .json/.jsonl record file\n")
    (tmp_path / "x.json" / "r.json").write_bytes(_records_json(tmp_path))
    (tmp_path / "r.json").write_bytes(_records_json(tmp_path))
    as_folder, as_file = (_wordeval(tmp_path, ["compare", "--json", p], None) for p in ("x.json", "r.json"))
    assert as_folder.returncode == as_file.returncode == 0
    assert as_folder.stdout == as_file.stdout


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
@pytest.mark.parametrize("name", ["config.json", "modules.json", "tokenizer_config.json", "1_Pooling/config.json"])
def test_a_file_of_a_model_folder(tmp_path, kind, name):
    """transformers opens what it finds in a bert:model=FOLDER: a FIFO config.json or modules.json held the
    command for good, a FIFO tokenizer_config.json was passed over as absent (another tokenizer), and a
    tokenizer.json linked to /dev/null was a traceback. Refused before any file of the folder is read."""
    model = tmp_path / "m"
    (model / "1_Pooling").mkdir(parents=True)
    for other in ("config.json", "modules.json", "1_Pooling/config.json"):
        (model / other).write_text("{}")  # never read: the special file is refused first
    (model / name).unlink(missing_ok=True)
    path, _ = _special(model, kind, name, b"{}")
    _refused(tmp_path, ["info", f"bert:model={model}"], None, path, kind)
