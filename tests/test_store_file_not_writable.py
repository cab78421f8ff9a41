"""A store folder of one's own holding a results.sqlite one may not write (another user wrote it, or it was
made read-only): the folder passed --out's check, and the run planned, opened the store and failed with
"attempt to write a readonly database (disk full, ulimit -f, read-only or locked?): free disk space". It is
now one line before any work, naming the store file, exit 2, the store unchanged. Root writes whatever the
mode, so the real chmod runs only as another user; the root-runnable test plays the refusal with os.access."""
from __future__ import annotations

import os

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main


def _stored_once(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "R"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(out)]) == 0
    capsys.readouterr()
    return vectors, spec, out


def _assert_refused(capsys, argv, out, before):
    assert main(["--quiet", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.err == (f"wordeval: error: --out {out}: its store {out / 'results.sqlite'} is not writable "
                            f"(permission denied or read-only file system); name a new folder, or make it "
                            f"writable\n")
    assert captured.out == ""
    assert (out / "results.sqlite").read_bytes() == before


@pytest.mark.parametrize("command", ["run", "intrinsic"])
def test_a_store_file_os_access_refuses_is_one_line(tmp_path, capsys, monkeypatch, command):
    vectors, spec, out = _stored_once(tmp_path, capsys)
    before = (out / "results.sqlite").read_bytes()
    access = os.access
    refused = os.fspath(out / "results.sqlite")
    monkeypatch.setattr(os, "access",
                        lambda path, mode, **kw: False if os.fspath(path) == refused and mode & os.W_OK
                        else access(path, mode, **kw))
    argv = [command, f"B={vectors}", "--tasks", str(spec), "--out", str(out)]
    _assert_refused(capsys, argv, out, before)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a file whatever its mode; the os.access test covers it")
def test_a_read_only_store_file_is_one_line(tmp_path, capsys):
    vectors, spec, out = _stored_once(tmp_path, capsys)
    before = (out / "results.sqlite").read_bytes()
    os.chmod(out / "results.sqlite", 0o444)
    try:
        _assert_refused(capsys, ["run", f"B={vectors}", "--tasks", str(spec), "--out", str(out)], out, before)
    finally:
        os.chmod(out / "results.sqlite", 0o644)
