"""Corpus-trained representations (the ``builder=True`` embeddings: lsa, word2vec, glove...) built in a child
process while the run evaluates the representations before them.

Why: a run evaluates one representation at a time, and much of that leaves a core idle (single-threaded
intrinsic scoring, logistic-regression CV, a task's last seed); gensim's seeded word2vec trains on one
thread. ``make demo`` on 2 cores used 153% CPU over 812 s (AMD Zen 3, a1a3d83), i.e. ~380 idle core-seconds,
while its three builds took ~115 s in line. The child runs the same builder with the same arguments and
environment, writes the same entry of the builder cache (``wordeval.embeddings.builders``, written
atomically), and the run then loads it from there; nothing about the vectors depends on which process
trained them. A build that fails in the child is simply not there: the run then builds it in line and
reports its error as it always did.
"""
from __future__ import annotations

import logging
from typing import Iterable

log = logging.getLogger("wordeval.prebuild")

# read when a Prebuilder starts its child: the tests of what the child builds run it at their own priority:
# at 19 it gets next to no CPU on a loaded machine, and their waits for its builds took minutes
CHILD_NICENESS = 19


def _child_setup(parent_pid: int, niceness: int = CHILD_NICENESS) -> None:
    """Lowest priority, deaf to Ctrl-C, and no life of its own.

    The child takes only CPU time the run leaves idle: at equal priority it slowed the run's own two-thread
    phases (MiniLM's STS12 encoding 37 s instead of ~20 s in the demo), and a build the run waits for then
    has the machine to itself anyway. Ctrl-C reaches every process of the terminal's foreground group: the
    run handles it and closes the child, which otherwise printed its own KeyboardInterrupt traceback from
    inside gensim. On Linux it is killed when the run's process ends, however that ends (a pool worker
    otherwise finishes its build as an orphan after a SIGKILL: minutes of CPU for nothing)."""
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        os.nice(niceness)
    except (AttributeError, OSError):  # no nice() on this platform: equal priority, still correct
        pass
    _die_with_parent(parent_pid)


def _die_with_parent(parent_pid: int) -> None:
    import os
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the child may outlive a killed run, as before
        return
    if os.getppid() != parent_pid:  # the run ended before the setting took effect
        os._exit(0)


def builder_cache_writable() -> bool:
    """Whether the builder cache can take an entry. A child's build reaches the run only through it: with a
    read-only or full WORDEVAL_CACHE the child trained every model for nothing and the run trained it again."""
    import tempfile

    from wordeval.errors import WordevalError
    from wordeval.paths import cache_home

    try:
        folder = cache_home() / "built"
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except (OSError, WordevalError):
        return False
    return True


def _build(spec: str) -> str | None:
    """In the child: build (or find cached) and drop the result; the cache entry is what the parent wants.
    A failure comes back as text, never as the exception: the pool pickles it for the parent, and one whose
    ``__init__`` takes other arguments than its ``args`` (InputFormatError: a corpus file that is not UTF-8)
    cannot be unpickled there, which killed the pool's result thread and left the run waiting for ever."""
    from wordeval.embeddings.load import load_embedding

    try:
        load_embedding(spec)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


class Prebuilder:
    """Builds ``specs`` one after the other in one spawned child process, in the order given.

    ``wait(spec)`` blocks until the child is done with ``spec`` (at once for a spec it was not given);
    ``close()`` stops the child, whatever it is doing: a build it cuts short leaves no cache entry (the
    builder renames a finished folder into place), at most a hidden temporary folder beside the entries."""

    def __init__(self, specs: Iterable[str]):
        import multiprocessing
        import os

        self._pending: dict = {}
        specs = list(dict.fromkeys(specs))
        self._pool = None
        if not specs:
            return
        try:
            os.getcwd()
        except FileNotFoundError:  # spawn hands the child the parent's directory: removed, that was a traceback
            log.info("the working directory has been removed: %s built in this process", ", ".join(specs))
            return
        # spawn, not fork: the parent may already hold torch/OpenMP threads, which a forked child inherits
        # in a broken state
        self._pool = multiprocessing.get_context("spawn").Pool(1, initializer=_child_setup,
                                                               initargs=(os.getpid(), CHILD_NICENESS))
        for spec in specs:
            self._pending[spec] = self._pool.apply_async(_build, (spec,))
        log.info("building %s in a child process", ", ".join(specs))

    def wait(self, spec: str) -> None:
        job = self._pending.pop(spec, None)
        if job is None:
            return
        try:
            failure = job.get()
        except Exception as exc:
            failure = f"{type(exc).__name__}: {exc}"
        if failure:  # the run builds it itself and reports the error in its own words
            log.info("child build of %s failed (%s); building in this process", spec, failure)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self._pending.clear()

    def __enter__(self) -> "Prebuilder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
