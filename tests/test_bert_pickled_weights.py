"""A model folder whose weights exist only as a pickle (``pytorch_model.bin``, read with torch.load, which can
run code) is refused unless ``--allow-pickle`` / ``allow_pickle=True`` is given, as gensim's pickled files
are; safetensors weights load as before, and are preferred where both are present.

Oracle: the same random BERT saved both ways, vectors compared with a float32-rounding tolerance."""
from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from wordeval.embeddings.load import load_embedding  # noqa: E402
from wordeval.errors import ConfigError  # noqa: E402

WORDS = ["the", "cat", "sat", "on", "mat"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    from transformers import BertConfig, BertModel, BertTokenizerFast

    root = tmp_path_factory.mktemp("pickled")
    torch.manual_seed(0)
    safe = root / "safe"
    safe.mkdir()
    (safe / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n")
    BertTokenizerFast.from_pretrained(safe).save_pretrained(safe)
    model = BertModel(BertConfig(vocab_size=10, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                                 intermediate_size=32, max_position_embeddings=32)).eval()
    model.save_pretrained(safe, safe_serialization=True)
    pickled = root / "pickled"
    shutil.copytree(safe, pickled)
    (pickled / "model.safetensors").unlink()
    # written as older transformers wrote it (transformers 5 saves safetensors only)
    torch.save(model.state_dict(), pickled / "pytorch_model.bin")
    assert (pickled / "pytorch_model.bin").exists()
    both = root / "both"
    shutil.copytree(safe, both)
    shutil.copy(pickled / "pytorch_model.bin", both / "pytorch_model.bin")
    return {"safe": safe, "pickled": pickled, "both": both}


def _vectors(emb):
    return np.asarray(emb.encode_sentences([" ".join(WORDS)]), dtype=np.float64)


def test_pickled_weights_are_refused_by_default_and_load_when_allowed(folders):
    with pytest.raises(ConfigError, match=r"pytorch_model\.bin.*pickle.*--allow-pickle"):
        load_embedding(f"bert:model={folders['pickled']}")
    allowed = _vectors(load_embedding(f"bert:model={folders['pickled']}", allow_pickle=True))
    safe = _vectors(load_embedding(f"bert:model={folders['safe']}"))
    # the same weights: equal up to float32 rounding of a one-layer forward pass
    np.testing.assert_allclose(allowed, safe, rtol=0, atol=64 * np.finfo(np.float32).eps)


def test_a_folder_with_both_loads_its_safetensors_without_asking(folders):
    safe = _vectors(load_embedding(f"bert:model={folders['safe']}"))
    both = _vectors(load_embedding(f"bert:model={folders['both']}"))
    np.testing.assert_allclose(both, safe, rtol=0, atol=64 * np.finfo(np.float32).eps)


def test_the_cli_says_it_in_one_line_with_exit_code_2(folders, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "wordeval", "intrinsic", f"bert:model={folders['pickled']}",
                           "--tasks", "similarity/ws353", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env={**__import__("os").environ, "HF_HUB_OFFLINE": "1"})
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--allow-pickle" in lines[0] and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_another_safetensors_file_beside_a_pickle_is_not_the_models_weights(folders, tmp_path, monkeypatch):
    """A pickle-only model with a stray adapter_model.safetensors counted as safetensors weights: transformers
    4.40 read the pytorch_model.bin under use_safetensors=True, without --allow-pickle; transformers 5 refused
    the folder as having no model.safetensors, even with allow_pickle=True."""
    from safetensors.torch import save_file

    folder = shutil.copytree(folders["pickled"], tmp_path / "adapter")
    save_file({"lora_A": torch.zeros(2, 2)}, str(folder / "adapter_model.safetensors"))
    unpickled = []
    original = torch.load
    monkeypatch.setattr(torch, "load", lambda *a, **k: unpickled.append(a[0]) or original(*a, **k))
    with pytest.raises(ConfigError, match=r"pytorch_model\.bin.*pickle.*--allow-pickle"):
        _vectors(load_embedding(f"bert:model={folder}"))
    assert unpickled == []
    allowed = _vectors(load_embedding(f"bert:model={folder}", allow_pickle=True))
    safe = _vectors(load_embedding(f"bert:model={folders['safe']}"))
    np.testing.assert_allclose(allowed, safe, rtol=0, atol=64 * np.finfo(np.float32).eps)
