"""Hold Ctrl-C, SIGTERM and SIGHUP over a step that must not be cut in two, and deliver them once it is over.

Used where an interrupt midway leaves a worse state than one before or after: between the two renames of a
folder swap (nothing at the path), inside a LocalCluster's constructor (a half-built cluster left to Dask's
exit handler). One helper, so that both steps hold the same signals the same way.
"""
from __future__ import annotations

import contextlib
import signal
import sys
import threading
from typing import Callable, Iterator


def stopping_signals() -> list[int]:
    """The signals a command ends on as on Ctrl-C, its clean-up run: SIGINT, SIGTERM (``kill``, a scheduler's
    time limit) and, where the platform has it (not Windows), SIGHUP (the terminal closed, an ssh session
    dropped), which otherwise killed a run on the spot with no line and its temporaries left behind."""
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    return [getattr(signal, name) for name in names if hasattr(signal, name)]


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """A SIGINT, SIGTERM or SIGHUP that arrives in the block is raised again as it ends. Python-level
    handlers, not a thread signal mask: the process's other threads (torch's, a run's heartbeat) took a
    masked signal and the main thread still ran its handler mid-block. Only the main thread runs handlers, so
    elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    # one the process ignores on purpose (``nohup`` ignores SIGHUP) is left ignored, not caught for the block
    signals = [s for s in stopping_signals() if signal.getsignal(s) is not signal.SIG_IGN]
    before = {sig: signal.signal(sig, lambda signum, frame: received.append(signum)) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in before.items():  # None: a handler installed outside Python, not restorable
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if received:
            signal.raise_signal(received[0])


@contextlib.contextmanager
def interrupts_kept() -> Iterator[Callable[[], None]]:
    """Yields ``raise_swallowed``: it raises, as its handler would have, a stopping signal that arrived in the
    block and did not end it. C code that calls back into Python swallows what the handler raised there:
    ctypes prints a KeyboardInterrupt raised in a callback (numba's LLVM object cache, while a kernel
    compiles) as 'Exception ignored ...' and returns, and a run went on to its end, exit 0, as if Ctrl-C had
    not been pressed. Only the main thread runs handlers, so elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    received: list[int] = []
    before: dict = {}

    def noted(previous):
        def handler(signum, frame):
            received.append(signum)
            previous(signum, frame)
        return handler

    for sig in stopping_signals():
        previous = signal.getsignal(sig)
        if callable(previous):  # a signal left to the default or ignored is not turned into an exception
            before[sig] = signal.signal(sig, noted(previous))
    unraisable_hook = sys.unraisablehook

    def unraisable(report):
        # ctypes's 'Exception ignored ...' and its traceback for the interrupt noted above, raised at the
        # next raise_swallowed instead
        if not (received and isinstance(report.exc_value, KeyboardInterrupt)):
            unraisable_hook(report)

    sys.unraisablehook = unraisable

    def raise_swallowed() -> None:
        if received:
            signum = received[0]
            received.clear()
            before[signum](signum, None)

    try:
        yield raise_swallowed
    finally:
        sys.unraisablehook = unraisable_hook
        for sig, handler in before.items():
            signal.signal(sig, handler)


def resource_tracker_started() -> None:
    """Start multiprocessing's resource tracker, if it is not running yet, deaf to SIGHUP as it is to SIGINT
    and SIGTERM. The tracker (started by the first spawned child: the builds' child, a LocalCluster's
    workers) ignores only those two: a closed terminal hangs up its whole group, the tracker died of it while
    the run was stopping, and the run's exit, unlinking its semaphores, relaunched one that printed a
    warning and a KeyError traceback for each (after the run's one 'hung up' line). SIGHUP is blocked while
    the tracker is spawned: the mask is inherited across exec, and the tracker unblocks only SIGINT and
    SIGTERM. Blocked, not ignored, in this thread: a hang-up meanwhile is delivered here once it is over."""
    if not hasattr(signal, "SIGHUP") or not hasattr(signal, "pthread_sigmask"):
        return
    from multiprocessing import resource_tracker

    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
    try:
        resource_tracker.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
