"""Set up in each worker process of a run's own LocalCluster (``--workers``), as a Dask worker preload.

A worker closed while its heartbeat to the scheduler is in flight (the run's end closes the cluster; the
heartbeat comes every 0.5 s) closes its own connection pool under that heartbeat, and Dask logs it at ERROR
with a traceback ("Failed to communicate with scheduler during heartbeat." ... "CommClosedError: in <TCP
(closed) ConnectionPool.heartbeat_worker ...>: Stream is closed"), printed on the run's stderr after its
last line, about one run in eight once a worker had died and been restarted. It says nothing: the worker
is going away. A heartbeat that fails while the worker runs is still logged.
"""
from __future__ import annotations

import logging

HEARTBEAT_FAILED = "Failed to communicate with scheduler during heartbeat."


class ShutdownHeartbeat(logging.Filter):
    def __init__(self, worker) -> None:
        super().__init__()
        self.worker = worker

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage() != HEARTBEAT_FAILED:
            return True
        from distributed.core import Status

        # Worker.close sets closing before it closes the pool; closing_gracefully: retired, as the cluster's
        # close does first
        return self.worker.status not in (Status.closing_gracefully, Status.closing, Status.closed)


def dask_setup(worker) -> None:
    logging.getLogger("distributed.worker").addFilter(ShutdownHeartbeat(worker))
