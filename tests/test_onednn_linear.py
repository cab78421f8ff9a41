"""Linear layers on oneDNN (``onednn_linear``): the same products as torch's ``F.linear`` to float32 rounding.

Oracles: ``torch.nn.functional.linear`` and the unpatched model's forward pass, within a float32 rounding
bound derived from the summation length (never a number this code produced).
"""
from __future__ import annotations

import os

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from wordeval.embeddings import onednn_linear  # noqa: E402
from wordeval.embeddings.onednn_linear import use_onednn_linear  # noqa: E402
from wordeval.errors import ConfigError  # noqa: E402

U = np.finfo(np.float32).eps / 2

needs_op = pytest.mark.skipif(onednn_linear._op() is None, reason="this torch build has no oneDNN linear op")


def _model(seed=0):
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(64, 96), torch.nn.GELU(),
                               torch.nn.Sequential(torch.nn.Linear(96, 32, bias=False)))


def _linears(model):
    return [m for m in model.modules() if type(m) is torch.nn.Linear]


@needs_op
def test_every_linear_layer_is_replaced_and_computes_the_same_products():
    model = _model()
    x = torch.randn(4, 7, 64)
    first, second = _linears(model)
    with torch.inference_mode():
        want = model(x)
        # elementwise rounding bound: a sum of K products in any order is within 2·K·u·sum|terms| of exact
        # (K = 96 at most); the first layer's error passes through GELU (slope <= 1.13) and the second layer
        a1 = x.abs() @ first.weight.abs().t() + first.bias.abs()
        h = torch.nn.functional.gelu(x @ first.weight.t() + first.bias)
        bound = 2 * 96 * U * (h.abs() @ second.weight.abs().t() + 1.13 * a1 @ second.weight.abs().t())
    weights = [first.weight, second.weight]
    assert use_onednn_linear(model, "auto") == "onednn"
    assert not _linears(model)  # both layers, the nested one too
    assert [m.weight for m in model.modules() if hasattr(m, "in_features")] == weights  # shared, not copied
    with torch.inference_mode():
        got = model(x)
    assert got.shape == want.shape
    # twice the bound: torch's own result is off by as much in its own order
    assert bool(((got - want).abs() <= 2 * bound).all())
    assert not bool(((got + 1e-2 - want).abs() <= 2 * bound).all())  # a wrong bias or weight would fail it


def test_torch_choice_and_bad_choice():
    model = _model()
    assert use_onednn_linear(model, "torch") == "torch"
    assert len(_linears(model)) == 2
    with pytest.raises(ConfigError, match="cpu_linear must be one of"):
        use_onednn_linear(model, "mkl")


def test_no_linear_layer():
    model = torch.nn.Sequential(torch.nn.GELU())
    assert use_onednn_linear(model, "auto") == "torch"
    if onednn_linear._op() is not None:
        with pytest.raises(ConfigError, match="no float32 linear layer"):
            use_onednn_linear(model, "onednn")


def test_an_op_that_does_not_match_torch_is_not_used(monkeypatch):
    """A wrong op (here: off by one in every output) fails the check on the first layer: "auto" keeps torch's
    layers, "onednn" says why it cannot."""
    def wrong(x, w, b, *args):
        return torch.nn.functional.linear(x, w, b) + 1.0

    monkeypatch.setattr(onednn_linear, "_op", lambda: wrong)
    model = _model()
    assert use_onednn_linear(model, "auto") == "torch"
    assert len(_linears(model)) == 2
    with pytest.raises(ConfigError, match="did not match"):
        use_onednn_linear(model, "onednn")
    monkeypatch.setattr(onednn_linear, "_op", lambda: None)
    assert use_onednn_linear(model, "auto") == "torch"
    with pytest.raises(ConfigError, match="no oneDNN linear op"):
        use_onednn_linear(model, "onednn")


@needs_op
def test_minilm_on_onednn_matches_torch_and_keeps_its_fingerprint():
    pytest.importorskip("transformers")
    from wordeval.embeddings.bert import BertEncoder

    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    fast = BertEncoder("minilm", device="cpu")
    plain = BertEncoder("minilm", device="cpu", cpu_linear="torch")
    assert (fast.cpu_linear, plain.cpu_linear) == ("onednn", "torch")
    assert fast.info.parameters["cpu_linear"] == "onednn" and plain.info.parameters["cpu_linear"] == "torch"
    assert fast.info.fingerprint == plain.info.fingerprint  # only the rounding differs, as with the device
    texts = ["Stocks fell sharply on Monday.", "A man is playing a guitar " * 20]
    got, want = fast.encode_sentences(texts), plain.encode_sentences(texts)
    tokens = [["The", "cat", "sat"], ["Tokenisation", "isn't", "trivial", "!"]]
    got_t, want_t = fast.encode_tokens(tokens), plain.encode_tokens(tokens)
    # the rounding bound of test_bert._rounding_atol: 4·L·sqrt(K)·u per unit of magnitude
    cfg = plain.model.config
    bound = 4 * cfg.num_hidden_layers * np.sqrt(cfg.intermediate_size) * U
    np.testing.assert_allclose(got, want, rtol=0, atol=bound * np.abs(want).max())
    for g, w in zip(got_t, want_t):
        np.testing.assert_allclose(g, w, rtol=0, atol=bound * np.abs(w).max())
    with pytest.raises(ConfigError, match="cpu_linear must be one of"):
        BertEncoder("minilm", device="cpu", cpu_linear="fast")


def test_the_spec_option_reaches_the_encoder():
    pytest.importorskip("transformers")
    from wordeval.embeddings.load import load_embedding

    assert load_embedding("minilm:cpu_linear=torch").info.parameters["cpu_linear"] == "torch"
    with pytest.raises(ConfigError, match="cpu_linear must be one of"):
        load_embedding("minilm:cpu_linear=fast")
