"""A BertEncoder listed its folder's weight files twice to decide safetensors or pickle: once before reading
the tokenizer, again inside ``load_encoder_model``. It now decides once and hands the verdict on; the refusal
of pickle-only weights without ``allow_pickle`` stays whatever verdict a caller passes."""
from __future__ import annotations

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from tests.test_bert_pickled_weights import folders  # noqa: E402,F401 (a fixture: tiny random BERT folders)
from wordeval.embeddings import bert, bert_support  # noqa: E402
from wordeval.embeddings.load import load_embedding  # noqa: E402
from wordeval.errors import ConfigError  # noqa: E402


@pytest.fixture
def weight_checks(monkeypatch):
    seen = []
    original = bert_support.check_weight_format

    def counted(model_dir, **kwargs):
        seen.append(model_dir)
        return original(model_dir, **kwargs)

    monkeypatch.setattr(bert_support, "check_weight_format", counted)
    monkeypatch.setattr(bert, "check_weight_format", counted)
    return seen


@pytest.mark.parametrize("folder, allow_pickle", [("safe", False), ("both", False)])
def test_an_encoder_checks_its_weight_format_once(folders, weight_checks, folder, allow_pickle):  # noqa: F811
    load_embedding(f"bert:model={folders[folder]}", allow_pickle=allow_pickle)
    assert weight_checks == [folders[folder].resolve()]


def test_a_verdict_passed_in_never_lets_a_pickle_through(folders):  # noqa: F811
    with pytest.raises(ConfigError, match=r"pytorch_model\.bin.*--allow-pickle"):
        bert_support.load_encoder_model(folders["pickled"], safetensors=False)
    with pytest.raises(ConfigError, match=r"pytorch_model\.bin.*--allow-pickle"):
        bert_support.load_encoder_model(folders["pickled"], safetensors=None)
    # a safetensors verdict for a folder that holds only a pickle: transformers is told to read safetensors
    # alone, so it fails to find them rather than unpickling
    with pytest.raises(Exception) as err:
        bert_support.load_encoder_model(folders["pickled"], safetensors=True)
    assert "safetensors" in str(err.value).lower()
