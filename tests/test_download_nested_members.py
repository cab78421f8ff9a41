"""A url source whose files sit in subfolders of the cache (BATS's canonical zip:
BATS_3.0/1_Inflectional_morphology/I01 [noun - plural_reg].txt, ...), against a local HTTP server on
127.0.0.1. The member's temporary file was made in a folder nobody had created, so every member failed, and
the downloaded archive was removed as 'not a readable archive' on every run: BATS could never come from its
URL. The oracle is the builtin spec itself: each member's pinned sha256 and BATS's published count of 98,000
questions."""
from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.datasets.load import get_spec, load

ARCHIVE: list[bytes] = []


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        self.send_head_for(ARCHIVE[0])
        self.wfile.write(ARCHIVE[0])


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture
def bats_from(server, shared_data, monkeypatch):
    """BATS's builtin spec with only its url source, pointed at the server, which serves the zip made from the
    shared copy (members under BATS_3.0/, as in the published zip)."""
    folder = shared_data / "analogy" / "BATS_3.0"
    if not folder.is_dir():
        pytest.skip("no BATS_3.0 in the data home")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*.txt")):
            zf.write(path, "BATS_3.0/" + path.relative_to(folder).as_posix())
    ARCHIVE[:] = [buf.getvalue()]
    offline_switches_off(monkeypatch)
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    spec = get_spec("bats")
    (url_source,) = [s for s in spec.sources if s.kind == "url"]
    files = {k: dataclasses.replace(f, url=f"{server}/BATS_3.0.zip") for k, f in url_source.files.items()}
    return dataclasses.replace(spec, sources=(dataclasses.replace(url_source, files=files),))


def test_bats_comes_from_its_url_with_every_member_in_its_subfolder(bats_from, tmp_path):
    ds = load(bats_from, cache_home=tmp_path)
    pinned = {f.path: f.sha256 for f in bats_from.sources[0].files.values()}
    assert len(pinned) == 40
    assert ds.source == "url:" + next(iter(bats_from.sources[0].files.values())).url
    assert all((tmp_path / "datasets" / "bats" / path).is_file() for path in pinned)
    assert sorted(ds.files.values()) == sorted(pinned.values())
    assert len(ds.items()) == 98_000  # BATS 3.0: 40 relations x 50 pairs x 49 questions each


def test_a_second_load_reads_the_cache_without_the_server(bats_from, tmp_path):
    load(bats_from, cache_home=tmp_path)
    ARCHIVE[:] = [b"gone"]  # what the server sends now would fail every check
    (tmp_path / "datasets" / "bats" / "archives" / "BATS_3.0.zip").unlink()
    assert len(load(bats_from, cache_home=tmp_path).items()) == 98_000
