"""One hidden state, one identity: ``layer=6`` and ``layer=-1`` of 6-layer MiniLM read the same state and
got two fingerprints (a store kept them as two representations' results). The layer is normalised before
fingerprinting: -1 for the last (so records made without a layer keep theirs), the index from 0 otherwise."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("transformers")

WORDS = ["A", "cat", "sat", "on", "the", "mat"]


@pytest.fixture(scope="module")
def encoders():
    from wordeval.embeddings.bert_types import minilm

    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    return {layer: minilm(layer=layer, device="cpu") for layer in (-1, 6, -2, 5)}


def _hidden_states(enc) -> list[np.ndarray]:
    """The oracle: transformers' own forward pass, every hidden state, first sub-word of each word."""
    import torch

    ids, pos = enc._pieces(WORDS)
    full = [*enc._prefix, *ids, *enc._suffix]
    with torch.no_grad():
        out = enc.model(torch.tensor([full]), output_hidden_states=True)
    first = [len(enc._prefix) + p[0] for p in pos]
    return [h[0].numpy()[first] for h in out.hidden_states]


def test_the_last_layer_by_index_and_by_minus_one_is_one_state_under_one_fingerprint(encoders):
    last, six = encoders[-1], encoders[6]
    assert six.info.fingerprint == last.info.fingerprint
    assert six.info.parameters["layer"] == last.info.parameters["layer"] == -1
    states = _hidden_states(last)
    assert len(states) == 7  # the embedding layer and 6 layers: index 6 is the last
    tol = 64 * float(np.finfo(np.float32).eps) * float(np.abs(states[6]).max())
    np.testing.assert_allclose(six.encode_tokens([WORDS])[0], states[6], atol=tol)


def test_a_negative_index_is_the_same_state_as_its_index_from_zero(encoders):
    assert encoders[-2].info.fingerprint == encoders[5].info.fingerprint
    assert encoders[-2].info.parameters["layer"] == 5
    assert encoders[-2].info.fingerprint != encoders[-1].info.fingerprint
    states = _hidden_states(encoders[5])
    tol = 64 * float(np.finfo(np.float32).eps) * float(np.abs(states[5]).max())
    np.testing.assert_allclose(encoders[-2].encode_tokens([WORDS])[0], states[5], atol=tol)


def test_the_default_layer_keeps_the_fingerprint_of_the_committed_demo_records(encoders):
    """Regression pin (a value this code produced): MiniLM's fingerprint in reports/demo/results.json, made
    before the layer was normalised; its records still match a run made now."""
    results = Path(__file__).resolve().parents[1] / "reports" / "demo" / "results.json"
    if not results.exists():
        pytest.skip("no committed demo results")
    records = json.loads(results.read_text(encoding="utf-8"))
    records = records["records"] if isinstance(records, dict) else records
    minilm = [r["embedding"] for r in records if r["embedding"].get("format") == "bert-token"
              and r["embedding"]["parameters"].get("layer") == -1]
    assert minilm, "no MiniLM record in the committed demo"
    assert {e["fingerprint"] for e in minilm} == {encoders[-1].info.fingerprint}


def test_max_contexts_without_contexts_is_noted_and_keeps_the_fingerprint(caplog):
    import logging

    from wordeval.embeddings.bert_types import minilm

    caplog.set_level(logging.WARNING)
    alone = minilm("type-level", device="cpu", cache=False)
    assert not [r for r in caplog.records if "note:" in r.getMessage()]
    capped = minilm("type-level", device="cpu", cache=False, max_contexts=5)
    assert [r.getMessage() for r in caplog.records if "note:" in r.getMessage()] == [
        "wordeval: note: max_contexts=5 has no effect without contexts= (each word is encoded alone)"]
    assert capped.info.fingerprint == alone.info.fingerprint
    np.testing.assert_array_equal(capped.lookup(["cat"])[0], alone.lookup(["cat"])[0])
