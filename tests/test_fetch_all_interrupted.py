"""`make fetch` (run by `make test` and `make demo`) is `python -m wordeval.cli.fetch_artifacts` (it was
`python -m wordeval.artifact_table`). A Ctrl-C while it waited on an index was a KeyboardInterrupt traceback,
a SIGTERM ended it before its temporary fetch folder was removed, and its errors lacked the "wordeval: error:"
of every other command. Now: the wordeval command's one line, exit 130 or 143 (README, Exit codes), and
nothing left in the cache. The index is a local server that accepts connections and never answers, so the
signal lands while the first artifact is being fetched."""
from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from wordeval.artifact_table import ARTIFACTS


@pytest.fixture
def silent_index():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/simple", accepted
    server.close()
    for conn in accepted:
        conn.close()


def _env(tmp_path, index: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")
           and k not in ("WORDEVAL_OFFLINE", "HF_HUB_OFFLINE")}
    env.update(WORDEVAL_CACHE=str(tmp_path / "cache"), PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL=index)
    return env


@pytest.mark.parametrize("sig, code, word", [(signal.SIGINT, 130, "interrupted"),
                                             (signal.SIGTERM, 143, "terminated")])
def test_a_signal_during_the_fetch_is_one_line_and_leaves_nothing(tmp_path, silent_index, sig, code, word):
    first = ARTIFACTS[0]
    if importlib.util.find_spec(first.import_name) is not None:
        pytest.skip(f"{first.import_name} is installed: nothing would be fetched")
    index, accepted = silent_index
    proc = subprocess.Popen([sys.executable, "-m", "wordeval.cli.fetch_artifacts"], env=_env(tmp_path, index),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    folder = tmp_path / "cache" / "artifacts"
    end = time.monotonic() + 60
    while not (accepted and any(folder.glob(".*"))) and time.monotonic() < end:
        time.sleep(0.05)
    assert accepted, "the fetch never reached the index"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert "Traceback" not in err
    assert err.splitlines() == [err.splitlines()[-1]] and err.startswith(f"wordeval: {word} (")
    assert list(folder.iterdir()) == []


def test_an_error_is_the_commands_one_line(tmp_path):
    env = {**_env(tmp_path, "http://127.0.0.1:9/simple"), "WORDEVAL_OFFLINE": "1"}
    res = subprocess.run([sys.executable, "-m", "wordeval.cli.fetch_artifacts"], env=env, capture_output=True,
                         text=True, timeout=120)
    if importlib.util.find_spec(ARTIFACTS[0].import_name) is not None:
        pytest.skip(f"{ARTIFACTS[0].import_name} is installed: nothing would be fetched")
    assert res.returncode == 2
    assert res.stderr.startswith("wordeval: error: offline (WORDEVAL_OFFLINE is set): ")
    assert len(res.stderr.splitlines()) == 1
