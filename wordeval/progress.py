"""Every progress bar of wordeval, from one place: a tqdm bar where it can be redrawn, plain lines elsewhere.

Why: bars were drawn only on a terminal (in a batch job's log each redraw was a line of carriage returns), and
nothing replaced them there: `wordeval extrinsic glove-6b-50d --tasks ner/conll2003 2> log` wrote nothing for 19
minutes between its seeds note and its first "stored" line, and a cluster job could not be told from a hung one.

Where stderr is a terminal (``TERM`` not ``dumb``) or a notebook draws tqdm's widgets, a bar is tqdm's own.
Elsewhere it is a ``LineBar``: it keeps tqdm's counting and wording but draws nothing as it goes; a watcher
thread writes one plain line for an open bar once it has run ``INTERVAL`` seconds, then at most one each
``INTERVAL`` (counted or not: the run's bar waits on cells that train for minutes), and a last line when a bar
that ran that long closes. A step shorter than ``INTERVAL`` writes nothing, so short bars add no lines to a log.
"""
from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import weakref
from typing import Any, Iterable, Iterator

from tqdm.std import tqdm as _ConsoleBar

INTERVAL = 60.0  # seconds between two lines of one bar: a sign of life, not a record of each step
_TICK = 5.0  # how often the watcher looks; a line comes at most this late


def clock() -> float:
    return time.monotonic()


def bars_drawn(stream=None) -> bool:
    """Whether tqdm can redraw a bar on ``stream`` (default stderr): a terminal that can go back to a line's
    start (not ``TERM=dumb``), or a notebook, where tqdm draws widgets."""
    from tqdm.autonotebook import tqdm as chosen

    if chosen is not _ConsoleBar:
        return True
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def progress_bar(iterable: Iterable | None = None, *, shown: bool, **options: Any):
    """A tqdm bar over ``iterable`` (or counting ``update`` calls) taking tqdm's ``options``: drawn where
    ``bars_drawn()``, plain lines elsewhere (``LineBar``), nothing (a pass-through) unless ``shown``."""
    from tqdm.auto import tqdm

    if not shown or options.get("disable"):
        return _ConsoleBar(iterable, **{**options, "disable": True})
    if bars_drawn():
        return tqdm(iterable, **options)
    return LineBar(iterable, **options)


@contextlib.contextmanager
def logs_above_bars(shown: bool) -> Iterator[None]:
    """Log lines written above a drawn bar: on its line they were appended to the bar's text. Plain lines
    need no such care."""
    if shown and bars_drawn():
        from tqdm.contrib.logging import logging_redirect_tqdm
        with logging_redirect_tqdm():
            yield
    else:
        yield


class LineBar(_ConsoleBar):
    """tqdm's counting, with its text written as whole lines by ``_Watcher`` and ``close`` (see the module)."""

    def __init__(self, iterable=None, **options: Any):
        # smoothing 0: the rate over the whole step, which a line an interval later should say; no bar graphic
        # (ncols 0), no nested-bar positions.
        # refreshed on every update, which draws nothing (``refresh``): tqdm counts an iteration only there
        options.update(ncols=0, smoothing=0, mininterval=0, miniters=1, position=None, dynamic_ncols=False)
        options.pop("leave", None)
        super().__init__(iterable, leave=False, **options)
        self._time = lambda: clock()  # read when called: tests give the module a fake clock
        self.start_t = self.last_print_t = self._time()
        self.said_at: float | None = None
        _WATCHER.add(self)

    def refresh(self, nolock=False, lock_args=None) -> None:
        pass  # tqdm's redraws (after updates, set_postfix) write nothing: the watcher's lines and close do

    def display(self, msg=None, pos=None) -> bool:
        return False

    def clear(self, nolock=False) -> None:
        pass

    def due(self, now: float) -> bool:
        """Whether a line is due at ``now``: the bar has run ``INTERVAL`` since it opened or last said one."""
        return not self.disable and now - (self.start_t if self.said_at is None else self.said_at) >= INTERVAL

    def say(self, now: float) -> None:
        self._write(self.__str__())
        self.said_at = now

    def close(self) -> None:
        if not self.disable and _WATCHER is not None:  # None: tqdm's __del__ as the interpreter ends
            with _WATCHER.removing(self):
                if self.said_at is not None or self._time() - self.start_t >= INTERVAL:  # a long step's end
                    d = self.format_dict
                    total = "/{total_fmt}" if d["total"] else ""
                    self._write(self.format_meter(**{**d, "ncols": None, "bar_format": (
                        f"{{desc}}: ended at {{n_fmt}}{total} {{unit}} after {{elapsed}}{{postfix}}")}))
        super().close()

    def _write(self, line: str) -> None:
        from wordeval.visible_text import visible

        with self.get_lock():
            try:
                self.fp.write(visible(line) + "\n")  # one write: a log line from another thread stays whole
                self.fp.flush()
            except (OSError, ValueError):  # a closed or full stderr: progress is not worth an error
                pass


class _Watcher:
    """One daemon thread while line bars are open: the lines of bars that no update reaches. Bars are held
    weakly: one left unclosed (a loop left by ``break``) closes when dropped, as any tqdm bar, and says no
    more."""

    def __init__(self):
        self._bars: list[weakref.ref] = []
        self._lock = threading.Lock()
        self._saying = threading.Lock()  # one tick at a time: a due bar says one line, not one per caller
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()  # a forked child has no copy of the thread: it starts its own
        if hasattr(os, "register_at_fork"):  # nor may it inherit a lock the parent's watcher held at the fork
            os.register_at_fork(after_in_child=self._forked)

    def _forked(self) -> None:
        self._lock = threading.Lock()
        self._saying = threading.Lock()
        self._bars = []  # the parent's bars are the parent's to say
        self._thread = None

    def add(self, bar: LineBar) -> None:
        with self._lock:
            self._bars.append(weakref.ref(bar))
            if self._thread is None or self._pid != os.getpid():
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="wordeval-progress", daemon=True)
                self._thread.start()

    @contextlib.contextmanager
    def removing(self, bar: LineBar) -> Iterator[None]:
        """``bar`` no longer watched, and no tick under way while its last line is written after that."""
        with self._saying:
            with self._lock:
                self._bars = [r for r in self._bars if r() is not None and r() is not bar]
            yield

    def tick(self, now: float) -> None:
        """A line for each open bar that is due at ``now``, in the order they opened."""
        with self._saying:
            with self._lock:
                self._bars = [r for r in self._bars if r() is not None]
                bars = [r() for r in self._bars]
            for bar in bars:
                if bar is not None and bar.due(now):
                    bar.say(now)

    def _run(self) -> None:
        while True:
            time.sleep(_TICK)
            with self._lock:
                if not self._bars:
                    self._thread = None
                    return
            self.tick(clock())


_WATCHER = _Watcher()
