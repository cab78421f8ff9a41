"""Set up in each nanny of a run's own LocalCluster (``--workers``), as a Dask nanny preload.

A terminal's Ctrl-C goes to every process of its group, the local workers too: each printed a
KeyboardInterrupt traceback of its own (an idle worker's from asyncio, a busy one's from its cell, one still
starting from its imports) after the run's one line. The client alone answers a Ctrl-C: it stores what came
back, cancels the rest and closes the cluster, which ends the workers. Workers started by hand
(``dask worker``, ``--scheduler``) keep Dask's own behaviour.
"""
from __future__ import annotations


def dask_setup(nanny) -> None:  # noqa: ARG001 - Dask's preload API
    """Runs in the client process, in the thread of the cluster's event loop, before the nanny starts its
    worker process: SIGINT is blocked in this thread, so in the thread the nanny creates to spawn the worker
    (a thread inherits its creator's signal mask) and in the worker process (a child inherits the mask of the
    thread that forked it, across exec), from its first instruction on, and again when the nanny restarts a
    worker that died. Python handles signals in the main thread only, so this thread never needed SIGINT;
    the client's main thread still gets it."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        return
    from wordeval.held_signals import resource_tracker_started

    # multiprocessing unblocks SIGINT in the calling thread after it has started its resource tracker, which
    # the nanny's first queue would do in this thread after this preload: started first, it is not started
    # then; and started deaf to a hang-up, which killed it (a warning and a KeyError traceback for each of
    # the nanny queues' semaphores after the run's 'hung up' line)
    resource_tracker_started()
    # a closed terminal hangs up the whole group as Ctrl-C interrupts it: the client alone answers both
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, *([signal.SIGHUP] if hasattr(signal, "SIGHUP")
                                                                else [])})
