"""Platforms without Linux's POSIX extras (Windows): no ``os.pathconf``, no ``fcntl``/``resource``, no
SIGKILL/SIGALRM, and an ``os.kill(pid, 0)`` that is not a liveness probe.

- Every atomic write named its temporary file from ``os.pathconf(folder, "PC_NAME_MAX")``, which Windows
  lacks: the first output of any command was an AttributeError traceback. The limit is now NTFS's 255 there.
- Whether a killed writer's temporary files may be swept, and whether a store's registered run is still alive,
  was asked with ``os.kill(pid, 0)``. On Windows signal 0 is CTRL_C_EVENT: the call sends a Ctrl-C to the
  process group ``pid`` and otherwise raises a plain OSError (never ProcessLookupError). Windows is now asked
  through OpenProcess/GetExitCodeProcess (Microsoft's documented way), simulated here with a fake kernel32.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

import wordeval.process_exists as pe
from tests._small_task import write_small_task
from wordeval.atomic_write import atomic_write_text, temp_stem

ROOT = Path(__file__).resolve().parent.parent


def test_atomic_writes_work_without_os_pathconf(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "pathconf")
    path = atomic_write_text(tmp_path / "café.txt", "naïve\n")
    assert path.read_bytes() == "naïve\n".encode("utf-8")
    assert temp_stem(tmp_path / ("r" * 191)) == "r" * 191  # 255 - the 64 bytes a temporary name adds
    assert temp_stem(tmp_path / ("r" * 192)) != "r" * 192


def test_the_cli_runs_and_reports_where_platform_only_modules_are_missing(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    prelude = textwrap.dedent("""
        import os, signal, sys
        for name in ("fcntl", "resource", "termios"):
            sys.modules[name] = None  # import fcntl: ImportError, as on Windows
        for attr in ("pathconf", "fpathconf", "getpgid", "killpg", "setsid", "setpgrp", "fork", "nice"):
            if hasattr(os, attr):
                delattr(os, attr)
        for attr in ("SIGKILL", "SIGALRM", "SIGHUP", "SIGUSR1", "SIGQUIT", "alarm", "setitimer"):
            if hasattr(signal, attr):
                delattr(signal, attr)
        from wordeval.cli import main
        sys.exit(main(sys.argv[1:]))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache")}
    for args in (["intrinsic", f"café={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "R"),
                  "--save-predictions", str(tmp_path / "P")],
                 ["report", str(tmp_path / "R"), "--out", str(tmp_path / "rep"), "--n-boot", "50"]):
        done = subprocess.run([sys.executable, "-c", prelude, "--quiet", *args], env=env, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=120)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "rep" / "report.md").is_file() and len(list((tmp_path / "P").glob("*.tsv"))) == 1


class _FakeKernel32:
    """OpenProcess/GetExitCodeProcess/CloseHandle over a table pid -> exit code (259: still running)."""

    def __init__(self, processes: dict[int, int], denied=()):
        self.processes, self.denied, self.closed, self.last_error = processes, set(denied), 0, 0

    def OpenProcess(self, access, inherit, pid):
        if pid in self.denied:
            self.last_error = 5  # ERROR_ACCESS_DENIED: another user's process
            return 0
        if pid not in self.processes:
            self.last_error = 87  # ERROR_INVALID_PARAMETER: no such process
            return 0
        return 1000 + pid

    def GetExitCodeProcess(self, handle, code_ref):
        code_ref._obj.value = self.processes[handle - 1000]
        return 1

    def CloseHandle(self, handle):
        self.closed += 1
        return 1


def test_on_windows_liveness_is_asked_of_the_process_table_never_by_signal_0(monkeypatch):
    def no_signal(pid, sig):
        raise AssertionError(f"os.kill({pid}, {sig}) on Windows sends CTRL_C_EVENT to process group {pid}")

    kernel32 = _FakeKernel32({100: 259, 101: 0, 102: 1}, denied={103})
    monkeypatch.setattr(pe, "sys", SimpleNamespace(platform="win32"))
    monkeypatch.setattr(pe, "_kernel32", lambda: kernel32)
    monkeypatch.setattr(pe, "_last_error", lambda: kernel32.last_error)
    monkeypatch.setattr(os, "kill", no_signal)
    assert [pe.process_exists(pid) for pid in (100, 101, 102, 103, 104)] == [True, False, False, True, False]
    assert kernel32.closed == 3  # every opened handle closed


def test_on_windows_a_stores_run_on_this_host_is_alive_as_its_process_is(monkeypatch):
    import socket

    from wordeval.results.run_log import _alive

    kernel32 = _FakeKernel32({100: 259, 101: 0})
    monkeypatch.setattr(pe, "sys", SimpleNamespace(platform="win32"))
    monkeypatch.setattr(pe, "_kernel32", lambda: kernel32)
    monkeypatch.setattr(pe, "_last_error", lambda: kernel32.last_error)
    monkeypatch.setattr(os, "kill", lambda pid, sig: pytest.fail("os.kill called on Windows"))
    host = socket.gethostname()
    assert [_alive(host, pid) for pid in (100, 101, 104)] == [True, False, False]


def test_on_windows_a_dead_writers_temporary_file_is_swept(tmp_path, monkeypatch):
    from wordeval.atomic_write import _host_key

    monkeypatch.setattr(pe, "sys", SimpleNamespace(platform="win32"))
    kernel32 = _FakeKernel32({})
    monkeypatch.setattr(pe, "_kernel32", lambda: kernel32)
    monkeypatch.setattr(pe, "_last_error", lambda: kernel32.last_error)
    monkeypatch.setattr(os, "kill", lambda pid, sig: pytest.fail("os.kill called on Windows"))
    target = tmp_path / "out.txt"
    leftover = tmp_path / f".out.txt.wordeval-999999-{_host_key()}.abc123.tmp"
    leftover.write_text("partial", encoding="utf-8")
    atomic_write_text(target, "whole\n")
    assert not leftover.exists() and target.read_text(encoding="utf-8") == "whole\n"


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX path")
def test_on_posix_a_running_process_exists_and_an_ended_one_does_not():
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    assert pe.process_exists(child.pid) and pe.process_exists(os.getpid())
    child.communicate(b"")  # ended and reaped: its pid names no process until the system reuses it
    assert not pe.process_exists(child.pid)


def test_a_report_is_written_with_lf_line_ends_where_text_mode_writes_crlf(tmp_path, monkeypatch):
    """Windows' text mode writes each LF as CRLF: report.md, results.csv ... and the SVG figures (matplotlib
    opens a path in text mode) differed from the same report written on Linux. Simulated with _pyio, Python's
    reference io, whose text mode writes os.linesep."""
    import _pyio
    import builtins
    import io

    import wordeval
    from tests._records import toy_records
    from wordeval.report.writer import write_report
    from wordeval.results.store import ResultStore

    with ResultStore(tmp_path / "R") as store:
        for rec in toy_records(n_sim=20, n_pos=20):
            store.put(rec)
    comp = wordeval.compare(tmp_path / "R", n_boot=50)
    monkeypatch.setattr(os, "linesep", "\r\n")
    monkeypatch.setattr(io, "open", _pyio.open)
    monkeypatch.setattr(builtins, "open", _pyio.open)
    out = write_report(comp, tmp_path / "rep", argv=["wordeval", "report"])
    monkeypatch.undo()
    written = sorted(p for p in out.rglob("*") if p.is_file() and p.suffix != ".png")
    assert {p.name for p in written} >= {"report.md", "results.csv", "report.html", "task_bars.svg"}
    assert [p.name for p in written if b"\r\n" in p.read_bytes()] == []
