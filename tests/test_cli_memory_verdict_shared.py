"""The CLI classified memory errors in its own ``except`` chain (MemoryError, ENOMEM, a library the loader
could not map, llvmlite's unmapped library under a limit, "can't start new thread"), a copy of
``wordeval.memory_limit.out_of_memory``, which the distributed worker uses: a case added to one would be a
traceback in the other. The CLI now asks that function. Oracle: its verdict, exception by exception; the
lines themselves are pinned by test_address_space_limit.py and test_open_files_limit.py."""
from __future__ import annotations

import errno

import pytest

import wordeval.cli
import wordeval.cli.status
import wordeval.memory_limit
from wordeval.memory_limit import out_of_memory

KIB = 1024


class _Exhausted(Exception):
    """An exception no copy of the classifier knows: only the shared one, patched, calls it memory."""


def _raising(monkeypatch, exc):
    def run(args, **kwargs):
        raise exc

    monkeypatch.setattr(wordeval.cli.status, "run", run)


def test_the_cli_says_out_of_memory_where_the_shared_classifier_does(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(wordeval.memory_limit, "out_of_memory",
                        lambda exc: "out of memory" if isinstance(exc, _Exhausted) else out_of_memory(exc))
    monkeypatch.setattr(wordeval.memory_limit, "process_limit", lambda: (None, ""))
    _raising(monkeypatch, _Exhausted("arena full"))
    assert wordeval.cli.main(["status", str(tmp_path)]) == 2
    assert capsys.readouterr().err == ("wordeval: error: out of memory (a smaller --restrict-vocab, fewer "
                                       "representations at once, or a machine with more memory)\n")


LLVMLITE = ("Could not find/load shared object file 'libllvmlite.so' from resource location: "
            "'llvmlite.binding'.")


@pytest.mark.parametrize("limit", [None, 800_000 * KIB])
@pytest.mark.parametrize("exc", [
    MemoryError(), OSError(errno.ENOMEM, "Cannot allocate memory"), OSError(LLVMLITE),
    ImportError("libtorch_cpu.so: failed to map segment from shared object"),
    RuntimeError("can't start new thread"), RuntimeError("another"), ValueError("x"),
    OSError(errno.EACCES, "Permission denied"), ImportError("cannot import name 'x' from 'y'"),
], ids=repr)
def test_every_exception_is_one_line_exactly_where_the_classifier_names_memory(monkeypatch, capsys, tmp_path,
                                                                                exc, limit):
    monkeypatch.setattr(wordeval.memory_limit, "process_limit",
                        lambda: (limit, "the process's ulimit -v") if limit else (None, ""))
    said = out_of_memory(exc)
    _raising(monkeypatch, exc)
    code = wordeval.cli.main(["status", str(tmp_path)])
    err = capsys.readouterr().err
    if said is None:
        assert code == 1 and "Traceback" in err, err
    else:
        assert code == 2 and err.startswith(f"wordeval: error: {said}") and err.count("\n") == 1, err
