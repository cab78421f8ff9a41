"""A real `dask scheduler` process on 127.0.0.1 for the tests that need an existing scheduler.

It binds a port of the kernel's choosing (--port 0) and says which in its --scheduler-file. A port found free
by a probe socket and handed to the scheduler afterwards could be taken in between by any other process of a
busy machine (an ephemeral port of an outgoing connection: Dask makes many), and the scheduler then failed to
start or the test reached another server at that address."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def start_scheduler(folder: Path, *, env=None, seconds: float = 60) -> tuple[str, subprocess.Popen]:
    """(address, process) of a scheduler that listens; ``folder`` takes its scheduler file. The caller stops
    the process."""
    info = folder / "scheduler.json"
    info.unlink(missing_ok=True)
    proc = subprocess.Popen([str(Path(sys.executable).with_name("dask")), "scheduler", "--host", "127.0.0.1",
                             "--port", "0", "--dashboard-address", ":0", "--scheduler-file", str(info)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + seconds
    while True:
        try:  # written once the scheduler listens; read whole or not yet
            return json.loads(info.read_text(encoding="utf-8"))["address"], proc
        except (OSError, ValueError, KeyError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise AssertionError("the scheduler did not start") from None
            time.sleep(0.2)
