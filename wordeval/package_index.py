"""The package index as a plain file server: pip's configured indexes and find-links, read through the
simple API (PEP 503 HTML, PEP 691 JSON) with urllib, never through pip's resolver (which runs an sdist's
``setup.py`` to learn its metadata).

pip's configuration is read with ``python -m pip config list``, so PIP_* variables, the pip.conf files and
their precedence (environment over the ``[download]`` section over ``[global]``) are pip's own.
A location on the local disk (a folder, a ``file://`` URL) is not network: it is used even offline
(``offline_switch``), and before any remote one.
"""
from __future__ import annotations

import ast
import hashlib
import os
import posixpath
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from wordeval import download_limits, download_retry
from wordeval.errors import ChecksumError, NotAvailableError
from wordeval.url_credentials import split_credentials

DEFAULT_INDEX = "https://pypi.org/simple"
_JSON = "application/vnd.pypi.simple.v1+json"
_ACCEPT = f"{_JSON}, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01"
_TRUE = {"1", "y", "yes", "t", "true", "on"}  # pip's strtobool
_HF_TRUE = {"1", "true", "yes", "on"}  # huggingface_hub's reading of HF_HUB_OFFLINE


def offline_switch() -> str | None:
    """Name of the environment variable that forbids network access, or None when it is allowed.

    ``WORDEVAL_OFFLINE=1``, or ``HF_HUB_OFFLINE=1`` (whoever cut off the hub means no network at all):
    nothing is fetched from a network index or URL then; folders and ``file://`` indexes are still read.
    """
    from wordeval.environment import flag

    if flag("WORDEVAL_OFFLINE", False):  # a value that is neither yes nor no is an error, not a run online
        return "WORDEVAL_OFFLINE"
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in _HF_TRUE:  # huggingface_hub's own variable
        return "HF_HUB_OFFLINE"
    return None


@dataclass(frozen=True)
class IndexConfig:
    index_urls: tuple[str, ...]
    find_links: tuple[str, ...]
    cert: str | None = None
    timeout: float = 60.0
    proxy: str | None = None  # pip's proxy= (scheme://[user:password@]host:port); else http(s)_proxy as pip


@dataclass(frozen=True)
class Offer:
    """A file some index or find-links location lists: where to get it and the sha256 it advertises."""

    url: str
    filename: str
    sha256: str | None
    where: str


def _pip_config() -> dict[str, str]:
    """``section.key -> value`` as pip resolves it (``:env:`` is the PIP_* variables)."""
    try:
        res = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True,
                             timeout=120)
    except (OSError, subprocess.SubprocessError):
        res = None
    values: dict[str, str] = {}
    if res is not None and res.returncode == 0:
        for line in res.stdout.splitlines():
            key, sep, value = line.partition("=")
            if not sep:
                continue
            try:  # pip prints repr(value)
                values[key.strip()] = str(ast.literal_eval(value.strip()))
            except (ValueError, SyntaxError):
                values[key.strip()] = value.strip()
        return values
    # pip cannot run in this interpreter: its variables still say where the user's packages are
    for key, value in os.environ.items():
        if key.startswith("PIP_"):
            values[":env:." + key[4:].lower().replace("_", "-")] = value
    return values


def index_config() -> IndexConfig:
    """Indexes (index-url then extra-index-url) and find-links as pip would use them for ``pip download``."""
    values = _pip_config()

    def get(key: str) -> str | None:
        for section in (":env:", "download", "global"):
            if f"{section}.{key}" in values:
                return values[f"{section}.{key}"]
        return None

    index_urls: list[str] = []
    if (get("no-index") or "").strip().lower() not in _TRUE:
        index_urls = (get("index-url") or DEFAULT_INDEX).split()[:1] + (get("extra-index-url") or "").split()
    try:
        timeout = float(get("timeout") or get("default-timeout") or 60)
    except ValueError:
        timeout = 60.0
    return IndexConfig(tuple(dict.fromkeys(index_urls)), tuple(dict.fromkeys((get("find-links") or "").split())),
                       get("cert"), timeout, get("proxy") or None)


def local_path(location: str) -> Path | None:
    """The path of a folder/file location or ``file://`` URL; None for a network location."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    parts = urlsplit(location)
    if parts.scheme == "file":
        return Path(url2pathname(parts.path))
    if len(parts.scheme) <= 1:  # a plain path (or a Windows drive letter)
        return Path(location).expanduser()
    return None


def _open(url: str, config: IndexConfig, accept: str | None = None, deadline=None):
    import ssl
    import urllib.request

    context = None
    if config.cert and os.path.isfile(config.cert):  # pip's cert= option: the CA bundle it trusts
        context = ssl.create_default_context(cafile=config.cert)
    handlers = _watched_handlers(deadline, context)
    if config.proxy:  # pip sends both schemes through it; urllib's default reads only the environment
        handlers.append(urllib.request.ProxyHandler({"http": config.proxy, "https": config.proxy}))
    # urllib reads "user:token@host" as a host name to look up; pip sends it as Basic auth to that host only
    url, login = split_credentials(url)
    if login is None:
        login = _login_for(url, config)
    if login is not None:
        passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
        # bound to this origin: a redirect to another host or scheme gets no login
        passwords.add_password(None, _origin(url), *login, is_authenticated=True)
        handlers.append(urllib.request.HTTPBasicAuthHandler(passwords))
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    return urllib.request.build_opener(*handlers).open(request, timeout=config.timeout)


def _watched_handlers(deadline, context) -> list:
    """urllib's HTTP and HTTPS handlers, whose connections ``deadline`` (if any) shuts from the first byte."""
    import http.client
    import urllib.request

    class WatchedHTTP(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(download_retry.watching(http.client.HTTPConnection, deadline), req)

    class WatchedHTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(download_retry.watching(http.client.HTTPSConnection, deadline), req,
                                context=self._context)

    return [WatchedHTTP(), WatchedHTTPS(context=context)]


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _login_for(url: str, config: IndexConfig) -> tuple[str, str] | None:
    """The credentials pip's configuration gives the host of ``url`` (an index page's absolute link to its
    files carries none; pip reuses the index URL's, per host)."""
    for location in config.index_urls + config.find_links:
        bare, login = split_credentials(location)
        if login is not None and _origin(bare) == _origin(url):
            return login
    return None


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    text = str(reason).splitlines()[0] if str(reason) else ""
    said = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return said + retry_after(getattr(exc, "headers", None))


def retry_after(headers) -> str:
    """What a 429/503's Retry-After asks (seconds or an HTTP date): without it a user retries at once."""
    value = (headers.get("Retry-After") or "").strip() if headers is not None else ""
    if not value:
        return ""
    return f" (the server asks to retry after {value}{' s' if value.isdigit() else ''})"


def _read_page(url: str, config: IndexConfig) -> tuple[bytes, str] | None:
    """(body, content type) of a page, None when the index does not have it (404/410). A network fault that
    may pass is tried again (``download_retry``), as an artifact's file is."""
    try:
        return download_retry.retrying(url, lambda deadline: _read_page_once(url, config, deadline))
    except download_retry.GaveUp as exc:
        raise NotAvailableError(f"{url}: {exc.said()}") from None


def _read_page_once(url: str, config: IndexConfig, deadline) -> tuple[bytes, str] | None:
    import http.client
    import urllib.error

    try:
        with _open(url, config, _ACCEPT, deadline) as resp:
            deadline.watch(resp)
            body = resp.read(download_limits.MAX_PAGE_BYTES + 1)
            if len(body) > download_limits.MAX_PAGE_BYTES:
                raise NotAvailableError(f"{url}: the index page is larger than "
                                        f"{download_limits.MAX_PAGE_BYTES:,} bytes; not read")
            return body, resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return None
        raise _open_failure(url, exc) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError is an OSError
        raise _open_failure(url, exc) from None


def _open_failure(url: str, exc: BaseException) -> Exception:
    """A failed request as download_retry.Transient when another attempt may fare better (a 5xx, a refused,
    dropped or silent connection), else as the NotAvailableError to raise (a 4xx, a bad URL or certificate)."""
    import ssl
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        said = f"HTTP {exc.code} {exc.reason}{retry_after(exc.headers)}"
        if exc.code < 500:  # the URL or the login is wrong: the same on every attempt
            return NotAvailableError(f"{url}: {said}")
        return download_retry.Transient(said, download_retry.asked_wait(exc.headers))
    if isinstance(exc, ValueError) or isinstance(getattr(exc, "reason", None), ssl.SSLError):
        return NotAvailableError(f"{url}: {_reason(exc)}")
    return download_retry.Transient(_reason(exc))


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


def _parse(body: bytes, content_type: str, base: str, where: str) -> list[Offer]:
    import json
    from urllib.parse import unquote, urljoin, urlsplit

    if content_type.split(";")[0].strip() == _JSON:
        try:
            files = [f for f in json.loads(body)["files"] if isinstance(f, dict) and "url" in f and "filename" in f]
        except (ValueError, KeyError, TypeError):
            raise NotAvailableError(f"{base}: expected a PEP 691 project page") from None
        # a hex digest's case is not part of its value (the HTML anchors' are lowercased below too)
        return [Offer(urljoin(base, f["url"]), f["filename"], _hex((f.get("hashes") or {}).get("sha256")),
                      where) for f in files]
    parser = _Anchors()
    parser.feed(body.decode("utf-8", "replace"))
    parser.close()
    out = []
    for href in parser.hrefs:
        url, _, fragment = urljoin(base, href).partition("#")
        sha = fragment[len("sha256="):].split("&")[0].lower() if fragment.startswith("sha256=") else None
        out.append(Offer(url, unquote(posixpath.basename(urlsplit(url).path)), sha or None, where))
    return out


def _hex(digest) -> str | None:
    return digest.lower() if isinstance(digest, str) and digest else None


def _index_page(index_url: str, name: str, config: IndexConfig) -> list[Offer]:
    from packaging.utils import canonicalize_name

    project = canonicalize_name(name)
    if (local := local_path(index_url)) is not None:
        folder = local / project
        page = folder / "index.html" if folder.is_dir() else folder
        if not page.is_file():
            return []
        return _parse(page.read_bytes(), "text/html", folder.resolve().as_uri() + "/", index_url)
    url = index_url.rstrip("/") + f"/{project}/"
    page = _read_page(url, config)
    return [] if page is None else _parse(page[0], page[1], url, index_url)


def _find_links(location: str, config: IndexConfig) -> list[Offer]:
    if (local := local_path(location)) is not None:
        if local.is_dir():
            return [Offer(p.resolve().as_uri(), p.name, None, location) for p in sorted(local.iterdir()) if p.is_file()]
        if local.is_file() and local.suffix in (".html", ".htm"):
            return _parse(local.read_bytes(), "text/html", local.resolve().as_uri(), location)
        return [Offer(local.resolve().as_uri(), local.name, None, location)] if local.is_file() else []
    page = _read_page(location, config)
    return [] if page is None else _parse(page[0], page[1], location, location)


def _file_key(filename: str) -> tuple:
    """Identity of a distribution file (name normalised as PEP 503/427 say); the raw name when unparsable."""
    from packaging.utils import parse_sdist_filename, parse_wheel_filename

    try:
        if filename.endswith(".whl"):
            return ("wheel", *parse_wheel_filename(filename))
        ext = ".zip" if filename.endswith(".zip") else ".tar.gz"
        return ("sdist", ext, *parse_sdist_filename(filename))
    except ValueError:  # InvalidWheelFilename, InvalidSdistFilename, InvalidVersion
        return ("file", filename.lower())


def offers(name: str, filename: str, config: IndexConfig, *, offline: bool, problems: list[str],
           skipped: list[str]) -> Iterator[Offer]:
    """Offers of ``filename``, local locations first; each location is read only when the earlier ones'
    offers were used up. Unreadable locations go to ``problems``, network ones not read (offline) to
    ``skipped``, and so do (offline) the network URLs a local page links to."""
    key = _file_key(filename)
    locations = [("find-links", x) for x in config.find_links] + [("index", x) for x in config.index_urls]
    locations.sort(key=lambda kind_loc: local_path(kind_loc[1]) is None)  # stable: order kept within each
    for kind, location in locations:
        if offline and local_path(location) is None:
            skipped.append(location)
            continue
        try:
            found = _index_page(location, name, config) if kind == "index" else _find_links(location, config)
        except NotAvailableError as exc:
            problems.append(str(exc))
            continue
        except OSError as exc:  # a local folder we may not read
            problems.append(f"{location}: {_reason(exc)}")
            continue
        for offer in found:
            if _file_key(offer.filename) != key:
                continue
            if offline and local_path(offer.url) is None:
                # a local page (a saved index, a find-links .html) linking to a network file: fetching it
                # was a network download with the offline switch set
                skipped.append(offer.url)
                continue
            yield offer


def fetch(offer: Offer, dest: Path, sha256: str, config: IndexConfig) -> Path:
    """Download ``offer`` to ``dest`` as plain bytes; ChecksumError (and ``dest`` removed) unless its sha256
    is ``sha256``. A network fault that may pass is tried again (``download_retry``); a file on this machine is
    read once. Nothing is opened as an archive here."""
    if local_path(offer.url) is not None:
        return _fetch_once(offer, dest, sha256, config, None)
    try:
        return download_retry.retrying(offer.url,
                                       lambda deadline: _fetch_once(offer, dest, sha256, config, deadline))
    except download_retry.GaveUp as exc:
        dest.unlink(missing_ok=True)  # an attempt that returned after the deadline: its bytes may be cut short
        raise NotAvailableError(f"{offer.url}: {exc.said()}") from None


def _fetch_once(offer: Offer, dest: Path, sha256: str, config: IndexConfig, deadline) -> Path:
    import http.client

    from wordeval.atomic_write import machine_errors

    def failed(reason: str) -> Exception:
        if deadline is None:  # not a network fetch: nothing another attempt would change
            return NotAvailableError(f"{offer.url}: {reason}")
        return download_retry.Transient(reason)

    try:
        resp = _open(offer.url, config, deadline=deadline)
    except (OSError, http.client.HTTPException, ValueError) as exc:  # HTTPError and URLError are OSErrors
        failure = _open_failure(offer.url, exc)
        if isinstance(failure, download_retry.Transient) and deadline is None:
            failure = failed(failure.reason)  # a file on this machine is read once
        raise failure from None
    if deadline is not None:
        deadline.watch(resp)
    h = hashlib.sha256()
    cap = download_limits.MAX_DOWNLOAD_BYTES
    try:
        with resp, machine_errors(dest, cache=True), open(dest, "wb") as out:
            length = resp.headers.get("Content-Length")
            expected = int(length) if length and length.isdigit() else None
            if expected is not None and expected > cap:  # refused before a byte is written
                raise NotAvailableError(f"{offer.url}: the server announces {expected:,} bytes, more than the "
                                        f"{cap:,} any pinned file is; not downloaded")
            try:
                got = download_limits.copy_capped(resp, out, cap, h,
                                                  read_errors=(OSError, http.client.HTTPException))
            except download_limits.ReadFailed as exc:
                raise failed(f"transfer interrupted after {exc.copied} bytes ({_reason(exc.cause)})") from None
            except download_limits.TooLarge:  # an endless server would fill the disk before the sha256 check
                raise NotAvailableError(f"{offer.url}: sent more than {cap:,} bytes, more than any pinned "
                                        f"file is; stopped, nothing kept") from None
        if expected is not None and got != expected:
            raise failed(f"transfer interrupted after {got} of {expected} bytes")
        if h.hexdigest() != sha256:
            from wordeval.datasets.download_check import wrong_bytes  # it imports this module (via artifacts)

            raise ChecksumError(wrong_bytes(offer.url, dest, sha256, h.hexdigest(),
                                            resp.headers.get("Content-Type")))
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return dest
