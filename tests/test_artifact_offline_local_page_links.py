"""Offline (WORDEVAL_OFFLINE / HF_HUB_OFFLINE), a local index page (a file:// index, a find-links .html) may
link to a file on the network, as a saved copy of pypi's simple page does
(https://files.pythonhosted.org/...). README: offline 'means no network attempt; local folders and file://
indexes still count'. The local page was read, and the file it linked to was downloaded over the network. Now
such a link is skipped offline and the message names it; the server on 127.0.0.1 counts the requests."""
from __future__ import annotations

import hashlib
import os

import pytest

from tests._archives import tar_gz
from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.artifacts import PackageArtifact, artifact_root
from wordeval.errors import NotAvailableError

SDIST = tar_gz({"offdata-1.0/offdata/data/words.txt": b"alpha\n"})
SHA = hashlib.sha256(SDIST).hexdigest()
HITS: list[str] = []


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        HITS.append(self.path)
        self.send_head_for(SDIST)
        self.wfile.write(SDIST)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture
def local_page(server, tmp_path, monkeypatch):
    """pip configured with only local locations, whose page links to the server's file."""
    link = f'<a href="{server}/files/offdata-1.0.tar.gz#sha256={SHA}">offdata-1.0.tar.gz</a>\n'
    (tmp_path / "simple" / "offdata").mkdir(parents=True)
    (tmp_path / "simple" / "offdata" / "index.html").write_text(link)
    (tmp_path / "links.html").write_text(link)
    offline_switches_off(monkeypatch)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for var in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
        monkeypatch.delenv(var, raising=False)
    HITS.clear()

    def use(where: str) -> None:
        if where == "index":
            monkeypatch.setenv("PIP_INDEX_URL", (tmp_path / "simple").as_uri())
        else:
            monkeypatch.setenv("PIP_NO_INDEX", "1")
            monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path / "links.html"))
    return use


def _artifact() -> PackageArtifact:
    return PackageArtifact("offdata", "1.0", "offdata-1.0.tar.gz", SHA, "offdata", installed_ok=False)


@pytest.mark.parametrize("where", ["index", "find_links"])
@pytest.mark.parametrize("switch", ["WORDEVAL_OFFLINE", "HF_HUB_OFFLINE"])
def test_offline_a_local_page_s_network_link_is_not_fetched(server, local_page, tmp_path, monkeypatch, where,
                                                             switch):
    local_page(where)
    monkeypatch.setenv(switch, "1")
    with pytest.raises(NotAvailableError) as err:
        artifact_root(_artifact(), cache_home=tmp_path / "cache")
    assert HITS == []
    message = str(err.value)
    assert "\n" not in message and f"offline ({switch} is set)" in message
    assert f"{server}/files/offdata-1.0.tar.gz" in message
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]


@pytest.mark.parametrize("where", ["index", "find_links"])
def test_online_the_same_link_is_fetched(server, local_page, tmp_path, where):
    local_page(where)
    root = artifact_root(_artifact(), cache_home=tmp_path / "cache")
    assert (root / "offdata" / "data" / "words.txt").read_bytes() == b"alpha\n"
    assert HITS == ["/files/offdata-1.0.tar.gz"]
