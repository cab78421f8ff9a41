"""Sentence vectors of a transformer encoder against a hand-written transformers mean pooling (all-MiniLM-L6-v2,
offline, a handful of texts on CPU), and what the records say about texts cut at the length limit."""
from __future__ import annotations

import os

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")


def _rounding_atol(model, scale: float) -> float:
    """float32 rounding bound of one forward pass for values of magnitude ``scale`` (as in test_bert.py)."""
    cfg = model.config
    return 4 * cfg.num_hidden_layers * np.sqrt(cfg.intermediate_size) * (np.finfo(np.float32).eps / 2) * scale


def _hand_mean_pooling(model_dir, texts, max_length):
    from transformers import AutoModel, AutoTokenizer
    tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    model = AutoModel.from_pretrained(model_dir, local_files_only=True).eval()
    with torch.inference_mode():
        enc = tok(texts, padding=True, truncation=True, max_length=max_length, return_tensors="pt")
        h = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        return ((h * mask).sum(1) / mask.sum(1)).numpy(), enc["attention_mask"].sum(1).numpy(), model, h


@pytest.fixture(scope="module")
def minilm_dir():
    from wordeval.embeddings.bert import minilm_model_dir
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    return minilm_model_dir()


def test_explicit_max_length_cuts_sentence_vectors_there(minilm_dir):
    from wordeval.embeddings.bert import BertEncoder
    texts = ["A man is playing a guitar.", "Ça coûte 5 € — naïve café", "word " * 100, ""]
    enc = BertEncoder("minilm", max_length=32, device="cpu", threads=1)
    assert enc.sentence_max_length == 32
    ours = enc.encode_sentences(texts)
    ref, lengths, model, h = _hand_mean_pooling(minilm_dir, texts, 32)
    assert lengths.max() == 32  # the long text was cut by the oracle too
    np.testing.assert_allclose(ours, ref, rtol=0, atol=_rounding_atol(model, float(h.abs().max())))
    default = BertEncoder("minilm", device="cpu", threads=1)
    assert default.sentence_max_length == 256  # the model's sentence-transformers setting
    assert default.fingerprint_for("token") != enc.fingerprint_for("token")
