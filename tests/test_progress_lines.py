"""Off a terminal (a batch job's log, `nohup`, a pipe) the progress bars were hidden and nothing replaced them:
`wordeval extrinsic glove-6b-50d --tasks ner/conll2003 2> log` wrote nothing for 19 minutes between its seeds
note and its first "stored" line. There a bar is now a plain line once it has run wordeval.progress.INTERVAL
seconds, at most one each INTERVAL, and an end line; a shorter step writes nothing. A fake clock stands in
for time, and the test ticks the watcher itself (its thread never runs here).

Oracle for a line's text: tqdm's own meter (``tqdm.format_meter`` with ``ncols=0``, its bar-less form), called
with the hand-counted n, total and elapsed seconds; the number of lines is counted by hand from the interval.
"""
from __future__ import annotations

import io
import itertools
import json

import pytest
from tqdm.std import tqdm as oracle

import wordeval.progress as progress
from tests._small_task import write_small_task


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def now(monkeypatch):
    """A fake clock (a one-item list the test moves) and a watcher only the test ticks."""
    clock = [1000.0]
    monkeypatch.setattr(progress, "clock", lambda: clock[0])
    monkeypatch.setenv("TERM", "xterm")
    watcher = progress._Watcher()
    monkeypatch.setattr(watcher, "_run", lambda: None)
    monkeypatch.setattr(progress, "_WATCHER", watcher)
    return clock


def _run_for(clock, seconds, *, every=5, step=None, bar=None):
    """Advance the clock ``seconds`` in ``every``-second ticks, updating ``bar`` each ``step`` seconds."""
    for t in range(every, seconds + 1, every):
        clock[0] += every
        if step and t % step == 0:
            bar.update(1)
            bar.set_postfix(dev=f"{t / 200:.4f}")
        progress._WATCHER.tick(clock[0])


def _pipe(monkeypatch) -> io.StringIO:
    """stderr a pipe, set in the test itself (pytest's capture replaces one set by a fixture)."""
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    return err


def test_a_long_step_says_a_line_each_interval_then_its_end(now, monkeypatch):
    err = _pipe(monkeypatch)
    assert progress.INTERVAL == 60
    bar = progress.progress_bar(range(30), shown=True, desc="mlp seed 0", unit="epoch", leave=False)
    assert isinstance(bar, progress.LineBar)
    _run_for(now, 200, step=20, bar=bar)  # an epoch each 20 s; early stopping after the 10th
    bar.close()
    lines = err.getvalue().splitlines()
    # 200 s: lines at 60, 120 and 180 s (3, 6 and 9 epochs done), then the end
    expected = [oracle.format_meter(n=3 * k, total=30, elapsed=60.0 * k, ncols=0, prefix="mlp seed 0", unit="epoch",
                                    postfix=f"dev={60 * k / 200:.4f}") for k in (1, 2, 3)]
    assert lines == [*expected, "mlp seed 0: ended at 10/30 epoch after 03:20, dev=1.0000"]
    assert "\r" not in err.getvalue()


def test_a_short_step_writes_nothing(now, monkeypatch):
    err = _pipe(monkeypatch)
    bar = progress.progress_bar(total=10, shown=True, desc="figures", unit="figure")
    _run_for(now, 55, step=5, bar=bar)
    bar.close()
    assert err.getvalue() == ""


def test_a_bar_no_update_reaches_still_says_it_is_alive(now, monkeypatch):
    """The run's bar while three seeds train in threads: no cell ends for minutes, the lines still come."""
    err = _pipe(monkeypatch)
    bar = progress.progress_bar(total=3, shown=True, desc="wordeval run", unit="cell")
    _run_for(now, 130)
    lines = err.getvalue().splitlines()
    assert lines == [oracle.format_meter(n=0, total=3, elapsed=e, ncols=0, prefix="wordeval run", unit="cell")
                     for e in (60.0, 120.0)]
    bar.close()


def test_drawn_on_a_terminal_and_nothing_when_not_shown(now, monkeypatch):
    from tqdm.auto import tqdm

    _pipe(monkeypatch)
    assert not isinstance(progress.progress_bar(total=3, shown=False), progress.LineBar)
    monkeypatch.setattr("sys.stderr", _Terminal())
    bar = progress.progress_bar(total=3, shown=True)
    assert isinstance(bar, tqdm) and not isinstance(bar, progress.LineBar)
    bar.close()
    monkeypatch.setenv("TERM", "dumb")
    assert isinstance(progress.progress_bar(total=3, shown=True), progress.LineBar)


@pytest.mark.parametrize("stderr, quiet, said", [("pipe", False, True), ("pipe", True, False),
                                                 ("terminal", False, False)])
def test_cli_lines_go_to_stderr_and_json_stays_pure(tmp_path, monkeypatch, capsys, stderr, quiet, said):
    """A clock that moves an interval at each reading: every bar of the run is a long step."""
    from wordeval.cli import main

    ticks = itertools.count(0.0, progress.INTERVAL)
    monkeypatch.setattr(progress, "clock", lambda: next(ticks))
    watcher = progress._Watcher()
    monkeypatch.setattr(watcher, "_run", lambda: None)
    monkeypatch.setattr(progress, "_WATCHER", watcher)
    monkeypatch.setenv("TERM", "xterm")
    err = _Terminal() if stderr == "terminal" else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    vectors, spec = write_small_task(tmp_path)
    argv = ["run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "S"), "--json"]
    assert main([*argv, "-q"] if quiet else argv) == 0
    summary = json.loads(capsys.readouterr().out)  # the whole of stdout: no progress line in it
    assert summary["computed"]
    ended = [line for line in err.getvalue().splitlines() if line.startswith("wordeval run: ended at 1/1 cell")]
    assert len(ended) == (1 if said else 0), err.getvalue()
