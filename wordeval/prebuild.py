"""Corpus-trained representations (the ``builder=True`` embeddings: lsa, word2vec, glove...) built in a child
process while the run evaluates the representations before them.

Why: a run evaluates one representation at a time, and much of that leaves a core idle (single-threaded
intrinsic scoring, logistic-regression CV, a task's last seed); gensim's seeded word2vec trains on one
thread. ``make demo`` on 2 cores used 153% CPU over 812 s (AMD Zen 3, a1a3d83), i.e. ~380 idle core-seconds,
while its three builds took ~115 s in line. The child runs the same builder with the same arguments and
environment, writes the same entry of the builder cache (``wordeval.embeddings.builders``, written
atomically), and the run then loads it from there; nothing about the vectors depends on which process
trained them. A build that fails in the child is simply not there: the run then builds it in line and
reports its error as it always did. So is one the run stopped because the child, at niceness 19, was starved
of CPU by other processes while the run waited for it (``Prebuilder.wait``).
"""
from __future__ import annotations

import logging
import os
import time
from typing import Iterable

log = logging.getLogger("wordeval.prebuild")

# read when a Prebuilder starts its child: the tests of what the child builds run it at their own priority:
# at 19 it gets next to no CPU on a loaded machine, and their waits for its builds took minutes
CHILD_NICENESS = 19

# A run waiting for its child has nothing else to do, but the child cannot be given the run's priority back
# (unprivileged processes may only raise niceness): beside two busy loops of other users on 2 cores it had a
# tenth to a quarter of a core, and a 4.8 s build took 43 s (10 s now, 8 s built in line). Given less than
# STARVED_SHARE of a core over the last STARVED_SECONDS (checked every CHECK_SECONDS) while it waited for a
# CPU more than half that time, its build is left to the run. A child asleep (disk, a GPU) wants no CPU and
# is waited for; one with a quarter of a core has what the run would get beside 4 busy processes a core, and
# throwing its work away gains nothing.
CHECK_SECONDS = 0.5
STARVED_SECONDS = 3.0
STARVED_SHARE = 0.25


def _child_setup(parent_pid: int, niceness: int = CHILD_NICENESS) -> None:
    """Lowest priority, deaf to Ctrl-C and to a hang-up, and no life of its own.

    The child takes only CPU time the run leaves idle: at equal priority it slowed the run's own two-thread
    phases (MiniLM's STS12 encoding 37 s instead of ~20 s in the demo), and a build the run waits for then
    has the machine to itself anyway. Ctrl-C reaches every process of the terminal's foreground group: the
    run handles it and closes the child, which otherwise printed its own KeyboardInterrupt traceback from
    inside gensim. On Linux it is killed when the run's process ends, however that ends (a pool worker
    otherwise finishes its build as an orphan after a SIGKILL: minutes of CPU for nothing)."""
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a closed terminal hangs up the whole group as Ctrl-C interrupts it: the run ends (exit 129) and closes
    # the child, as for Ctrl-C
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
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


def _child_usage(pid: int) -> tuple[float, dict[str, float] | None] | None:
    """The CPU seconds process ``pid`` has had (all its threads, ended ones too), and the seconds each of its
    threads has spent runnable but waiting for a CPU (Linux's schedstat; None where the kernel keeps none);
    None where /proc cannot say (not Linux, the process gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime, in ticks
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    waits = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return cpu, None
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat", "rb") as f:
                waits[tid] = int(f.read().split()[1]) / 1e9
        except (OSError, ValueError, IndexError):  # a thread that ended meanwhile, or no schedstat
            continue
    return cpu, waits or None


def _starved(before, after, seconds: float) -> bool:
    """Whether the child, measured by ``_child_usage`` ``seconds`` apart, was kept from the CPU it wanted."""
    if (after[0] - before[0]) / seconds >= STARVED_SHARE:
        return False
    if before[1] is None or after[1] is None:  # no schedstat: its low share is all there is to go on
        return True
    # a thread started meanwhile has no "before": its wait is left out (it can only make starvation look less)
    waited = sum(w - before[1][tid] for tid, w in after[1].items() if tid in before[1])
    return waited / seconds > 0.5


class Prebuilder:
    """Builds ``specs`` one after the other in one spawned child process, in the order given.

    ``wait(spec)`` blocks until the child is done with ``spec`` (at once for a spec it was not given), or
    until it stops a child that is starved of CPU or has died, leaving ``spec`` to the caller's own build;
    ``close()`` stops the child, whatever it is doing: a build it cuts short leaves no cache entry (the
    builder renames a finished folder into place), at most a hidden temporary folder beside the entries."""

    def __init__(self, specs: Iterable[str]):
        self._pending: dict = {}
        self._pool = None
        self._worker = None
        self._start(list(dict.fromkeys(specs)))

    def _start(self, specs: list[str]) -> None:
        import multiprocessing

        if not specs:
            return
        try:
            os.getcwd()
        except FileNotFoundError:  # spawn hands the child the parent's directory: removed, that was a traceback
            log.info("the working directory has been removed: %s built in this process", ", ".join(specs))
            return
        from wordeval.held_signals import resource_tracker_started

        resource_tracker_started()  # the spawned pool starts it otherwise, and a hang-up killed it
        # spawn, not fork: the parent may already hold torch/OpenMP threads, which a forked child inherits
        # in a broken state
        self._pool = multiprocessing.get_context("spawn").Pool(1, initializer=_child_setup,
                                                               initargs=(os.getpid(), CHILD_NICENESS))
        # the pool's worker process, kept here: where it dies the pool puts another in its list
        workers = getattr(self._pool, "_pool", None)
        self._worker = workers[0] if workers and len(workers) == 1 else None
        for spec in specs:
            self._pending[spec] = self._pool.apply_async(_build, (spec,))
        log.info("building %s in a child process", ", ".join(specs))

    def wait(self, spec: str) -> None:
        job = self._pending.pop(spec, None)
        if job is None:
            return
        why = self._watch(job)
        if why:
            self._restart_without(spec, why)
            return
        try:
            failure = job.get()
        except Exception as exc:
            failure = f"{type(exc).__name__}: {exc}"
        if failure:  # the run builds it itself and reports the error in its own words
            log.info("child build of %s failed (%s); building in this process", spec, failure)

    def _watch(self, job) -> str | None:
        """Wait until ``job`` is done (None), or say why the run should build it instead: the child has been
        starved for STARVED_SECONDS (never judged so where its CPU time cannot be read: not Linux), or it
        has died."""
        worker = self._worker
        # judged over the last STARVED_SECONDS, not check by check: the kernel counts CPU time in ticks and a
        # thread's wait for a CPU only once it gets one, and single checks of a starved child read 2 % or 40 %
        samples: list = []
        while worker is not None and not job.ready():
            now, usage = time.monotonic(), _child_usage(worker.pid)
            if worker.exitcode is not None:  # the OOM killer, say: the pool never returns the job the worker
                code = worker.exitcode       # held, and get() waited for ever
                return f"was killed by signal {-code}" if code < 0 else f"ended with exit code {code}"
            if usage is not None:
                while len(samples) > 1 and now - samples[1][0] >= STARVED_SECONDS:
                    samples.pop(0)
                since, before = samples[0] if samples else (now, usage)
                if now - since >= STARVED_SECONDS and _starved(before, usage, now - since):
                    return (f"got under {round(STARVED_SHARE * 100)}% of a core for {STARVED_SECONDS:.0f} s "
                            "while this process waited (the machine is busy with other processes)")
                samples.append((now, usage))
            job.wait(CHECK_SECONDS)
        return None

    def _restart_without(self, spec: str, why: str) -> None:
        """Stop the child, leave ``spec`` to the run (which builds what it does not find in the builder
        cache), and give the builds still ahead to a new child: the load may be gone by then."""
        done = {s: job for s, job in self._pending.items() if job.ready()}
        ahead = [s for s in self._pending if s not in done]
        self.close()
        log.info("the child process building %s %s: building it in this process", spec, why)
        self._pending = done
        self._start(ahead)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
            self._worker = None
        self._pending.clear()

    def __enter__(self) -> "Prebuilder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
