"""GloVe's device: the builder cache's key and the losses' copies from the device.

``device=auto`` (the default) trains on CUDA where there is one, but the key held "auto": a model a GPU
trained (other rounding, other vectors) and one a CPU trained shared one entry of a shared WORDEVAL_CACHE, and
either was served to the other. The key now holds the device ``auto`` resolved to where it is CUDA; on the CPU
it is the key it was."""
from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from wordeval.embeddings.builders import BUILDER_VERSIONS, build  # noqa: E402


def test_auto_on_cuda_is_not_served_the_entry_auto_trained_on_the_cpu(tmp_path, tiny_corpus, monkeypatch):
    from wordeval.embeddings import glove_train

    cache = tmp_path / "cache"
    cpu = build("glove", corpus=str(tiny_corpus), cache_home=cache, dim="4", epochs="1")
    (entry,) = (cache / "built").iterdir()
    # the key of an entry trained on the CPU under device=auto is as before: it names "auto"
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    key = json.loads(meta["cache_key"])
    assert key["params"]["device"] == "auto" and key["version"] == BUILDER_VERSIONS["glove"]
    assert entry.name == hashlib.sha256(meta["cache_key"].encode()).hexdigest()[:24]
    assert cpu.info.parameters["trained_on"] == "cpu"

    # the same request where CUDA is there: trained anew (stopped here), not the CPU's entry
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)

    class Trained(Exception):
        pass

    def train(*args, device, **kwargs):
        raise Trained(device)

    monkeypatch.setattr(glove_train, "train_glove", train)
    with pytest.raises(Trained):
        build("glove", corpus=str(tiny_corpus), cache_home=cache, dim="4", epochs="1")
    # a device given by name keeps its key: device=cpu is the entry device=cpu trained
    monkeypatch.undo()
    named = build("glove", corpus=str(tiny_corpus), cache_home=cache, dim="4", epochs="1", device="cpu")
    assert json.loads(json.loads((cache / "built" / _only_new(cache, entry.name) / "meta.json").read_text(
        encoding="utf-8"))["cache_key"])["params"]["device"] == "cpu"
    assert np.array_equal(named.vectors, cpu.vectors)


def _only_new(cache, old: str) -> str:
    (name,) = [p.name for p in (cache / "built").iterdir() if p.name != old]
    return name
