"""The downloader pooch runs for a dataset URL (``pooch.retrieve(downloader=...)``): requests, through a
session whose connections the download's deadline (``download_retry``) shuts from the moment they are made.

pooch's own ``HTTPDownloader`` calls ``requests.get``, whose connection is out of reach until its response
has arrived: a server that trickled its status line and headers held the download past its deadline for as
long as it liked. What is written goes through ``CappedWriter``, counted after requests decoded a
gzip-encoded response, so neither an endless body nor an inflating one fills the disk; a larger announced
Content-Length is refused on the headers, as the package index's fetch does (counted, it wrote the whole cap,
1 GiB, first). pooch still names the temporary file, checks the sha256 and renames.
"""
from __future__ import annotations

from wordeval import download_limits, download_retry
from wordeval.download_limits import CappedWriter
from wordeval.download_retry import watching

CHUNK_BYTES = 1 << 16


class Announced(Exception):
    """The response's Content-Length is past the download cap."""

    def __init__(self, length: int):
        super().__init__(length)
        self.length = length


def capped_downloader(progress: bool, deadline: download_retry.Deadline, served: dict | None = None):
    """A pooch downloader fetching with a progress bar on stderr (``progress``) until ``deadline``; the
    response's Content-Type goes in ``served`` (a refusal names an HTML page served for the file)."""

    def refuse_announced(response, *args, **kwargs):
        deadline.watch(response)
        length = response.headers.get("Content-Length", "")
        too_long = length.isdigit() and int(length) > download_limits.MAX_DOWNLOAD_BYTES
        if response.ok and not response.is_redirect and too_long:
            response.close()
            raise Announced(int(length))

    def fetch(url, output_file, pooch_obj):
        import requests

        with requests.Session() as session:
            adapter = _watched_adapter(deadline)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            with session.get(url, stream=True, timeout=download_limits.SILENT_SECONDS,
                             hooks={"response": refuse_announced}) as response:
                response.raise_for_status()
                if served is not None:
                    served["content_type"] = response.headers.get("Content-Type")
                with open(output_file, "w+b") as fh, _bar(progress, response) as bar:
                    out = CappedWriter(fh, download_limits.MAX_DOWNLOAD_BYTES)
                    for chunk in response.iter_content(chunk_size=CHUNK_BYTES):
                        out.write(chunk)
                        bar.update(len(chunk))

    return fetch


def _bar(progress: bool, response):
    from wordeval.progress import progress_bar

    length = response.headers.get("Content-Length", "")
    return progress_bar(total=int(length) if length.isdigit() else None, shown=progress, ncols=79, unit="B",
                        unit_scale=True, leave=True)


def _watched_adapter(deadline: download_retry.Deadline):
    """requests' adapter whose pools (direct, or through a proxy: HTTP or SOCKS) make watched connections."""
    import requests

    def watch_pools(manager):
        manager.pool_classes_by_scheme = {
            scheme: type(cls.__name__, (cls,), {"ConnectionCls": watching(cls.ConnectionCls, deadline)})
            for scheme, cls in manager.pool_classes_by_scheme.items()}
        return manager

    class WatchedAdapter(requests.adapters.HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            watch_pools(self.poolmanager)

        def proxy_manager_for(self, proxy, **proxy_kwargs):
            made = proxy not in self.proxy_manager  # made once per proxy, then reused: watched once
            manager = super().proxy_manager_for(proxy, **proxy_kwargs)
            return watch_pools(manager) if made else manager

    return WatchedAdapter()
