"""Hold Ctrl-C and SIGTERM over a step that must not be cut in two, and deliver them once it is over.

Used where an interrupt midway leaves a worse state than one before or after: between the two renames of a
folder swap (nothing at the path), inside a LocalCluster's constructor (a half-built cluster left to Dask's
exit handler). One helper, so that both steps hold the same signals the same way.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """A SIGINT or SIGTERM that arrives in the block is raised again as it ends. Python-level handlers, not a
    thread signal mask: the process's other threads (torch's, a run's heartbeat) took a masked signal and the
    main thread still ran its handler mid-block. Only the main thread runs handlers, so elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    signals = [s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None]
    before = {sig: signal.signal(sig, lambda signum, frame: received.append(signum)) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in before.items():  # None: a handler installed outside Python, not restorable
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if received:
            signal.raise_signal(received[0])
