"""A --scheduler address where no Dask scheduler answers is one line, exit 2, nothing written, and says what
is there: nothing (refused at once, not after Client's 30 s of retries) or another protocol's server."""
from __future__ import annotations

import socket
import threading
import time

import pytest

pytest.importorskip("distributed")


def _run(tmp_path, address: str) -> tuple[int, str, float]:
    from wordeval.cli import main

    t0 = time.monotonic()
    code = main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(tmp_path / "o"),
                 "--scheduler", address])
    return code, time.monotonic() - t0


def test_a_port_where_nothing_listens_fails_at_once_naming_the_address(tmp_path, capsys):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # the port is free: a connection to it is refused
    code, seconds = _run(tmp_path, f"tcp://127.0.0.1:{port}")
    err = capsys.readouterr().err
    assert code == 2
    assert err == (f"wordeval: error: --scheduler tcp://127.0.0.1:{port}: nothing listens there (connection "
                   f"refused); is a `dask scheduler` running at that address?\n"), err
    assert seconds < 10, seconds  # Client's own retries took the whole 30 s
    assert not (tmp_path / "o").exists()


def test_an_http_server_at_the_address_is_named_not_out_of_memory(tmp_path, capsys):
    """distributed read "HTTP/1.1" as an 8-byte frame length (3 EiB): the run said 'out of memory'."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)

    def answer() -> None:
        while True:  # every connection: the run's probe, then Client's
            try:
                conn, _ = server.accept()
            except OSError:  # closed by the test
                return
            with conn:
                conn.settimeout(5)
                try:
                    conn.recv(1024)
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    try:
        code, _ = _run(tmp_path, address)
    finally:
        server.close()
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"wordeval: error: --scheduler {address}: what answers there is not a Dask scheduler")
    assert err.count("\n") == 1 and "memory" not in err, err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("protocol", ["ws", "wss"])
def test_a_websocket_address_where_nothing_listens_fails_at_once_too(tmp_path, capsys, monkeypatch, protocol):
    """ws:// and wss:// are TCP connections first: a refused one waited out Client's retries ("Timed out
    ... after 30 s"), and ws://HOST:99999 did too, where tcp:// was refused at once."""
    from wordeval.distributed import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 3)  # without the probe: "Timed out" after 3 s
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    code, _ = _run(tmp_path, f"{protocol}://127.0.0.1:{port}")
    assert code == 2
    assert capsys.readouterr().err == (f"wordeval: error: --scheduler {protocol}://127.0.0.1:{port}: nothing "
                                       f"listens there (connection refused); is a `dask scheduler` running at "
                                       f"that address?\n")
    code, seconds = _run(tmp_path, f"{protocol}://127.0.0.1:99999")
    assert code == 2 and seconds < 3, seconds
    assert "port 99999 is not in 1..65535" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
