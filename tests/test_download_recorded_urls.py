"""A dataset whose files come from several URLs (TREC's train and test, UD's three splits) was recorded as
``source: "url:2 files"``: neither URL was in the record. The record's dataset block now lists each file's
URL (and archive member) with the sha256 of the bytes read, and ``datasets fetch`` prints them. The oracle
is hashlib over the bytes the server on 127.0.0.1 sent."""
from __future__ import annotations

import hashlib
import importlib
from types import SimpleNamespace

import pytest

from tests._archives import zip_of
from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.datasets.load import load
from wordeval.datasets.spec import DataFile, DatasetSpec, Source

TRAIN = (b"DESC:manner How did serfdom develop ?\nENTY:cremat What films featured Tom ?\n"
         b"HUM:ind Who killed Gandhi ?\nLOC:city What is the capital of France ?\n")
TEST = b"NUM:date When was Ozzy born ?\nHUM:ind Who wrote Hamlet ?\n"
ARCHIVE = zip_of({"qc/TREC_10.label": TEST})
SERVED = {"/qc/train_5500.label": TRAIN, "/qc/TREC_10.label": TEST, "/qc/qc.zip": ARCHIVE}


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        body = SERVED[self.path]
        self.send_head_for(body)
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _spec(server: str, *, archived_test: bool = False) -> DatasetSpec:
    test = (DataFile("TREC_10.label", _sha(TEST), url=f"{server}/qc/qc.zip", member="qc/TREC_10.label")
            if archived_test else DataFile("TREC_10.label", _sha(TEST), url=f"{server}/qc/TREC_10.label"))
    train = DataFile("train_5500.label", _sha(TRAIN), url=f"{server}/qc/train_5500.label")
    files = {"train": train, "test": test}
    return DatasetSpec(name="loopback-trec", version="1", family="classification", description="test",
                       counts={"train": 4, "test": 2}, licence="test", citation="", canonical=server,
                       sources=(Source("url", files, "classification", {"format": "trec", "fine": True}),))


@pytest.mark.parametrize("archived_test", [False, True])
def test_each_url_is_recorded_with_the_sha256_of_its_file(server, tmp_path, monkeypatch, archived_test):
    from wordeval.results.build import make_record
    from wordeval.tasks.task import get_task

    offline_switches_off(monkeypatch)
    ds = load(_spec(server, archived_test=archived_test), cache_home=tmp_path)
    test = ({"url": f"{server}/qc/qc.zip", "member": "qc/TREC_10.label"} if archived_test
            else {"url": f"{server}/qc/TREC_10.label"})
    want = [{"url": f"{server}/qc/train_5500.label", "file": "train_5500.label", "sha256": _sha(TRAIN)},
            {**test, "file": "TREC_10.label", "sha256": _sha(TEST)}]
    embedding = SimpleNamespace(info=SimpleNamespace(to_dict=lambda: {"name": "stub"}))
    record = make_record(get_task("classification/trec50").spec, embedding, ds, config={},
                         scores={"accuracy": 0.5}, n_total=2, n_used=2, seed=0)
    assert record.dataset["urls"] == want
    assert record.to_dict()["dataset"]["urls"] == want  # what the store and the record files keep


def test_fetch_prints_each_file_s_url(server, tmp_path, monkeypatch, capsys):
    from wordeval.cli import main

    offline_switches_off(monkeypatch)
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    spec = _spec(server)
    monkeypatch.setattr(importlib.import_module("wordeval.datasets.load"), "get_spec", lambda name: spec)
    assert main(["--quiet", "datasets", "fetch", "loopback-trec"]) == 0
    out = capsys.readouterr().out
    assert f"  {_sha(TRAIN)}  train_5500.label  from {server}/qc/train_5500.label\n" in out
    assert f"  {_sha(TEST)}  TREC_10.label  from {server}/qc/TREC_10.label\n" in out
