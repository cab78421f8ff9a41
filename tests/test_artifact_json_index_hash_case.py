"""A PEP 691 (JSON) index whose file hashes are upper-case hex, served on 127.0.0.1. A hex digest's case is
not part of its value (wordeval lowercased the HTML anchors' #sha256= already), but the JSON page's was
compared as given: the pinned file was skipped as 'offers ... with sha256 <the same digest>' and the fetch
failed with a checksum error. Oracle: hashlib's digest of the served bytes, upper-cased by the test."""
from __future__ import annotations

import hashlib
import json
import os

import pytest

from tests._archives import tar_gz
from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.artifacts import PackageArtifact, artifact_root

WORDS = b"alpha\nbeta\n"
SDIST = tar_gz({"casedata-1.0/casedata/data/words.txt": WORDS})
SHA = hashlib.sha256(SDIST).hexdigest()
JSON = "application/vnd.pypi.simple.v1+json"


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        if self.path == "/simple/casedata/":
            body = json.dumps({"meta": {"api-version": "1.0"}, "name": "casedata", "files": [
                {"filename": "casedata-1.0.tar.gz", "url": "/files/casedata-1.0.tar.gz",
                 "hashes": {"sha256": SHA.upper()}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", JSON)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_head_for(SDIST)
        self.wfile.write(SDIST)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


def test_an_upper_case_json_hash_is_the_pinned_one(server, tmp_path, monkeypatch):
    offline_switches_off(monkeypatch)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for var in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PIP_INDEX_URL", server + "/simple")
    artifact = PackageArtifact("casedata", "1.0", "casedata-1.0.tar.gz", SHA, "casedata", installed_ok=False)
    root = artifact_root(artifact, cache_home=tmp_path)
    assert (root / "casedata" / "data" / "words.txt").read_bytes() == WORDS
