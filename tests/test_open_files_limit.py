"""Too many open files (a low ``ulimit -n``, a full system table) is the machine's limit, not a bug: one line
naming the file and saying to raise the limit, exit 2. It was a traceback asking to report a bug (an import,
a dataset or a module of the command opened late) or, for the store, 'unable to open database file (disk
full, ulimit -f, read-only or locked?): free disk space', which sent the user to a disk that was not full."""
from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

resource = pytest.importorskip("resource")

# the child imports what it needs, then holds every descriptor its limit allows, so the command's first open
# fails as it does under a `ulimit -n` too low for it
CHILD = """import os, resource, sys
import wordeval.cli, wordeval.cli.console, wordeval.cli.status, wordeval.cli.intrinsic
import wordeval.atomic_write, wordeval.visible_text  # what main() imports before its command
from wordeval.errors import OutputError
from wordeval.results.store import ResultStore
wordeval.cli.build_parser()
if sys.argv[1] == "store":
    ResultStore(sys.argv[2]).close()  # its modules imported: the open below is the store's own
resource.setrlimit(resource.RLIMIT_NOFILE, (64, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
held = []
while True:
    try:
        held.append(os.open(os.devnull, os.O_RDONLY))
    except OSError:
        break
if sys.argv[1] == "store":
    try:
        ResultStore(sys.argv[2], readonly=sys.argv[3] == "readonly")
    except OutputError as exc:
        print(exc)
        sys.exit(2)
    sys.exit(0)
sys.exit(wordeval.cli.main(sys.argv[1:]))
"""
RAISE = "raise the limit (ulimit -n 4096) and run again"


def _child(*argv):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.mark.parametrize("readonly", ["readonly", "write"])
def test_a_store_that_cannot_be_opened_for_want_of_descriptors_says_so(tmp_path, readonly):
    from wordeval.results.store import ResultStore

    path = tmp_path / "s" / "results.sqlite"
    ResultStore(path).close()
    r = _child("store", str(path), readonly)
    assert r.returncode == 2, r.stderr
    line = r.stdout.strip()
    assert line == f"{path}: cannot open the result store: too many open files (ulimit -n): {RAISE}"


def test_a_command_whose_files_cannot_be_opened_is_one_line(tmp_path):
    vectors = tmp_path / "v.txt"
    vectors.write_text("cat 1 0\ndog 0 1\n", encoding="utf-8")
    out = tmp_path / "R"
    r = _child("intrinsic", str(vectors), "--tasks", "similarity/ws353", "--out", str(out))
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith("wordeval: error: ") and ": cannot open: too many open files" in r.stderr
    assert r.stderr.rstrip().endswith(RAISE)
    assert not out.exists()


@pytest.mark.parametrize("number, said", [
    (errno.EMFILE, f"wordeval: error: /x/y.py: cannot open: too many open files (ulimit -n): {RAISE}\n"),
    (errno.ENFILE, "wordeval: error: /x/y.py: cannot open: the system's table of open files is full: close "
                   "other programs and run again\n"),
    (errno.ENOMEM, "wordeval: error: out of memory (a smaller --restrict-vocab, fewer representations at once, "
                   "or a machine with more memory)\n"),
])
def test_machine_errnos_raised_anywhere_in_a_command(monkeypatch, capsys, number, said):
    """Raised where no output path is involved (a module imported late, an mmap under ulimit -v)."""
    import wordeval.cli.info as info
    from wordeval.cli import main

    def fail(*args, **kwargs):
        raise OSError(number, os.strerror(number), "/x/y.py")

    monkeypatch.setattr(info, "run", fail)
    assert main(["info", "whatever"]) == 2
    assert capsys.readouterr().err == said


def test_while_the_parser_is_built(monkeypatch, capsys):
    import wordeval.cli as cli

    def fail():
        raise OSError(errno.EMFILE, "Too many open files", "/x/cli/report.py")

    monkeypatch.setattr(cli, "build_parser", fail)
    assert cli.main(["info", "whatever"]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: /x/cli/report.py: cannot open: too many open files "
                                       f"(ulimit -n): {RAISE}\n")


@pytest.mark.parametrize("message", [
    "libquadmath-828275a7.so.0.0.0: failed to map segment from shared object",
    "libtorch_cpu.so: cannot allocate memory",
])
def test_a_library_the_loader_cannot_map_is_out_of_memory(monkeypatch, capsys, message):
    """What a late import says under a tight `ulimit -v` (seen: scipy.linalg's _fblas in an intrinsic cell)."""
    import wordeval.cli.info as info
    from wordeval.cli import main

    def fail(*args, **kwargs):
        raise ImportError(message)

    monkeypatch.setattr(info, "run", fail)
    assert main(["info", "whatever"]) == 2
    assert capsys.readouterr().err == ("wordeval: error: out of memory (a smaller --restrict-vocab, fewer "
                                       "representations at once, or a machine with more memory)\n")


def test_another_import_error_is_still_a_bug(monkeypatch, capsys):
    import wordeval.cli.info as info
    from wordeval.cli import main

    def fail(*args, **kwargs):
        raise ImportError("cannot import name 'x' from 'y'")

    monkeypatch.setattr(info, "run", fail)
    assert main(["info", "whatever"]) == 1
    assert "this is a bug in wordeval" in capsys.readouterr().err
