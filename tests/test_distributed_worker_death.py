"""A local worker process that dies during a --workers run: the run says so in one line of its own, instead
of the nanny's and the scheduler's log lines (which run in the client's process) in Dask's words."""
from __future__ import annotations

import logging
import os
import signal
import time

import pytest

pytest.importorskip("distributed")


def test_a_local_worker_that_dies_is_one_line_of_the_run_not_dasks(capfd, caplog):
    from wordeval.distributed.cluster import open_client, workers_info

    caplog.set_level(logging.INFO, logger="wordeval.run")
    with open_client(workers=1) as client:
        (address,) = workers_info(client)
        (dead,) = client.run(os.getpid).values()
        capfd.readouterr()
        caplog.clear()
        os.kill(dead, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and set(workers_info(client)) in ({address}, set()):
            time.sleep(0.2)
        assert set(workers_info(client)) - {address}, "the nanny did not start another worker within 60 s"
        client.run(os.getpid)  # what a run's release of a representation does: reaches every worker
        err = capfd.readouterr().err
    said = [r.getMessage() for r in caplog.records if r.name.startswith("wordeval")]
    assert said == ["a worker process died (killed, or out of memory?): a new one starts, and a cell it was "
                    "running runs again"], said
    assert "Restarting worker" not in err and "Removing worker" not in err, err
    assert not [r for r in caplog.records if r.name.startswith("distributed") and r.levelno >= logging.WARNING]
