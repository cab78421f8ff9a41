"""``wordeval info`` on a builder (``lsa:corpus=...``, ``brown:corpus=...``) served from the builder cache says
so, as it does for a file served from the binary cache: it said ``"from_cache": false`` and nothing on its load
time line while the model was read from the cache, not trained. Oracle: whether the builder trained at all
(its training function is replaced by one that fails the test); the text lines are written out by hand."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from wordeval.cli import main

GENSIM_DATA = Path(importlib.util.find_spec("gensim").submodule_search_locations[0]) / "test" / "test_data"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))


def _never_trained(monkeypatch):
    from wordeval.embeddings import builders

    monkeypatch.setattr(builders, "_train", lambda *a, **k: pytest.fail("retrained despite the cache"))
    monkeypatch.setattr("wordeval.embeddings.brown_train.brown_clusters",
                        lambda *a, **k: pytest.fail("retrained despite the cache"))


def _load_time_line(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("load time")).split(None, 2)[2]


@pytest.mark.parametrize("spec", ["lsa:corpus={},dim=4", "brown:corpus={},clusters=5"])
def test_a_builder_served_from_its_cache_says_so(tiny_corpus, monkeypatch, capsys, spec):
    spec = spec.format(tiny_corpus)
    assert main(["info", spec, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["from_cache"] is False  # trained now

    _never_trained(monkeypatch)
    assert main(["info", spec, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["from_cache"] is True
    assert main(["info", spec]) == 0
    assert _load_time_line(capsys.readouterr().out).endswith(" s (builder cache)")


def test_a_builder_with_its_cache_off_is_not_from_the_cache(tiny_corpus, capsys):
    spec = f"lsa:corpus={tiny_corpus},dim=4"
    assert main(["info", spec, "--json"]) == 0
    capsys.readouterr()
    assert main(["info", spec + ",cache=false"]) == 0
    assert _load_time_line(capsys.readouterr().out).endswith(" s")  # trained again: nothing in brackets


def test_a_file_served_from_the_binary_cache_still_says_binary_cache(capsys):
    path = GENSIM_DATA / "euclidean_vectors.bin"
    assert main(["info", str(path)]) == 0
    assert _load_time_line(capsys.readouterr().out).endswith(" s")  # parsed
    assert main(["info", str(path)]) == 0
    assert _load_time_line(capsys.readouterr().out).endswith(" s (binary cache)")
