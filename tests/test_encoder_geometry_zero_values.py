"""The memory plan reads a config.json value of 0 as that value: ``or`` took 0 for a missing key and planned with
its default (DeBERTa-v3's "type_vocab_size": 0 as 2 token types, "num_hidden_layers": 0 as 12 layers assumed).

Oracle: transformers itself, the parameters of a BertModel built from the same config (the plan's weights count
the same matrices) and the config's own num_hidden_layers; GPT-2's "n_inner": null is still 4 x n_embd wide, as
transformers' GPT2MLP builds it."""
from __future__ import annotations

import json

import pytest

transformers = pytest.importorskip("transformers")
pytest.importorskip("torch")

from wordeval.embeddings.encoder_memory import geometry  # noqa: E402
from wordeval.extrinsic.learners.memory import F32  # noqa: E402

SMALL = {"vocab_size": 10, "hidden_size": 4, "num_hidden_layers": 1, "num_attention_heads": 1,
         "intermediate_size": 8, "max_position_embeddings": 16}


def _folder(tmp_path, name, config):
    folder = tmp_path / name
    folder.mkdir()
    config.to_json_file(folder / "config.json")
    return folder


def _parameters(config) -> int:
    return sum(p.numel() for p in transformers.AutoModel.from_config(config).parameters())


def test_no_token_types_are_no_rows_of_weights(tmp_path):
    none, two = (transformers.BertConfig(**SMALL, type_vocab_size=n) for n in (0, 2))
    planned = {n: geometry(_folder(tmp_path, f"types{n}", c)).weights for n, c in ((0, none), (2, two))}
    # 2 token-type rows of 4 floats apart, as transformers counts them (the plan took 0 for 2: no difference)
    assert _parameters(two) - _parameters(none) == 8
    assert planned[2] - planned[0] == F32 * (_parameters(two) - _parameters(none))


def test_a_config_of_no_layers_is_planned_as_declared(tmp_path):
    config = transformers.BertConfig(**{**SMALL, "num_hidden_layers": 0})
    plan = geometry(_folder(tmp_path, "none", config))
    assert (plan.layers, plan.declares_layers) == (config.num_hidden_layers, True) == (0, True)


def test_a_null_size_is_still_the_default(tmp_path):
    config = transformers.GPT2Config(vocab_size=10, n_embd=4, n_layer=1, n_head=1, n_positions=16, n_inner=None)
    folder = _folder(tmp_path, "gpt2", config)
    assert json.loads((folder / "config.json").read_text(encoding="utf-8"))["n_inner"] is None
    mlp = transformers.AutoModel.from_config(config).h[0].mlp
    assert geometry(folder).intermediate == mlp.c_fc.weight.shape[1] == 16
