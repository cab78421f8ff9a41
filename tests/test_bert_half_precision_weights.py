"""A ``bert:model=FOLDER`` whose weights are stored in bfloat16 or float16 (as many released sentence encoders
are) is computed in float32, as transformers 4 loaded it. transformers 5 loads such weights as stored, so the
same folder's vectors moved by ~3e-3 with the library's major version under one fingerprint.

Oracle: transformers' own forward pass of the folder loaded as float32 (the stored values, widened exactly)."""
from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._tiny_bert import write_tiny_bert  # noqa: E402
from wordeval.embeddings.bert import BertEncoder  # noqa: E402

WORDS = ["the", "cat", "sat", "on", "mat", "dog", "ran"]
SENT = ["the", "cat", "sat", "on", "the", "mat"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("dtype")
    full = write_tiny_bert(root / "float32", WORDS)
    half = write_tiny_bert(root / "bfloat16", WORDS)
    transformers.AutoModel.from_pretrained(full).to(torch.bfloat16).save_pretrained(half)
    return {"float32": full, "bfloat16": half}


def test_half_precision_weights_are_computed_in_float32(folders):
    folder = folders["bfloat16"]
    key = "dtype" if int(transformers.__version__.split(".")[0]) >= 5 else "torch_dtype"
    model = transformers.AutoModel.from_pretrained(folder, **{key: torch.float32}).eval()
    assert next(model.parameters()).dtype == torch.float32
    ids = transformers.AutoTokenizer.from_pretrained(folder)(SENT, is_split_into_words=True, return_tensors="pt")
    with torch.inference_mode():
        states = model(**ids).last_hidden_state[0].numpy()
    want = states[1:-1]  # one piece per word: every word is in the vocabulary
    enc = BertEncoder(folder, device="cpu")
    got = enc.encode_tokens([SENT])[0]
    np.testing.assert_allclose(got, want, rtol=0, atol=64 * np.finfo(np.float32).eps * np.abs(states).max())
    assert enc.info.parameters["compute_dtype"] == "float32"


def test_a_float32_folder_keeps_its_parameters(folders):
    assert "compute_dtype" not in BertEncoder(folders["float32"], device="cpu").info.parameters


def test_a_sentence_transformer_in_bfloat16_is_taken_by_the_python_api(folders):
    """Its fingerprint read each tensor through numpy, which has no bfloat16: a TypeError traceback."""
    pytest.importorskip("sentence_transformers")
    from sentence_transformers import SentenceTransformer

    from wordeval.adapters import as_embedding

    st = SentenceTransformer(str(folders["bfloat16"]), device="cpu").to(torch.bfloat16)
    emb = as_embedding(st, name="half")
    texts = ["the cat sat on the mat", "the dog ran"]
    np.testing.assert_array_equal(emb.encode_sentences(texts), st.encode(texts, convert_to_numpy=True))
    widened = as_embedding(SentenceTransformer(str(folders["bfloat16"]), device="cpu").to(torch.float32))
    assert emb.info.fingerprint != widened.info.fingerprint


def test_half_precision_weights_whose_config_names_no_dtype_are_recorded(folders, tmp_path):
    """transformers 5 loads such weights as stored (its "auto" falls back on the weights' dtype): they were
    computed in bfloat16 before, so their float32 encodings are not those of before. Only config.json was read,
    and the folder kept its fingerprint with nothing recorded."""
    import json
    import shutil

    folder = shutil.copytree(folders["bfloat16"], tmp_path / "no-dtype")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config.pop("dtype", None) or config.pop("torch_dtype", None)
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    # transformers 5's default falls back on the weights' dtype; 4 loads float32 unless told otherwise
    as_stored = int(transformers.__version__.split(".")[0]) >= 5
    default = next(transformers.AutoModel.from_pretrained(folder).parameters()).dtype
    assert default == (torch.bfloat16 if as_stored else torch.float32)
    assert BertEncoder(folder, device="cpu").info.parameters["compute_dtype"] == "float32"
