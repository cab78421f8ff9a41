"""Sentence vectors of ``bert:model=FOLDER`` follow the folder's sentence-transformers modules.json: a Normalize
module gives unit-length vectors as ``SentenceTransformer(folder).encode`` does (the oracle), a module the
encoder cannot run is refused naming modules.json; and a text's vector does not depend on the other texts of
its batch (bit-identical, on CPU with one thread)."""
from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
st = pytest.importorskip("sentence_transformers")

from _st_versions import cls_prompt_skip_reason, cls_pools_the_prompt, pooling_modes  # noqa: E402
from _tiny_bert import write_tiny_bert  # noqa: E402

from wordeval.embeddings.bert import BertEncoder  # noqa: E402
from wordeval.errors import InputFormatError, NotAvailableError  # noqa: E402

WORDS = ["a", "cat", "dog", "sat", "on", "the", "mat", "ran", "far", "away"]
TEXTS = ["A man is playing a guitar.", "", "Stocks fell sharply on Monday after the report.", "Hi",
         "Ça coûte 5 € — naïve café", "word " * 300]


def _rounding_atol(enc, scale: float) -> float:
    """float32 rounding of one forward pass on states of magnitude ``scale`` (as in test_bert.py)."""
    cfg = enc.model.config
    return 4 * cfg.num_hidden_layers * np.sqrt(cfg.intermediate_size) * np.finfo(np.float32).eps / 2 * scale


def _state_scale(enc, texts) -> float:
    with torch.inference_mode():
        b = enc.tokenizer(texts, padding=True, truncation=True, max_length=enc.sentence_max_length,
                          return_tensors="pt")
        return float(enc.model(**b).last_hidden_state.abs().max())


@pytest.fixture(scope="module")
def minilm():
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    return BertEncoder("minilm", device="cpu", threads=1)


def test_minilm_sentence_vectors_are_the_models_own_unit_vectors(minilm):
    """all-MiniLM-L6-v2's modules.json ends in a Normalize module: its vectors were the unnormalised means
    (norms 2 to 6.4)."""
    modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((minilm.model_dir / "modules.json").read_text())]
    assert modules == ["Transformer", "Pooling", "Normalize"]
    ours = minilm.encode_sentences(TEXTS)
    own = st.SentenceTransformer(str(minilm.model_dir), device="cpu").encode(TEXTS)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, rtol=0, atol=1e-6)
    # a mean's rounding is at most its states'; unit length divides it by the mean's norm (> 2 here)
    np.testing.assert_allclose(ours, own, rtol=0, atol=_rounding_atol(minilm, _state_scale(minilm, TEXTS)))
    assert minilm.info.parameters["sentence_pipeline"] == ["Pooling(mean)", "Normalize"]


@pytest.fixture(scope="module")
def bert_folder(tmp_path_factory):
    return write_tiny_bert(tmp_path_factory.mktemp("bert"), WORDS)


def _st_folder(bert_folder, folder, pooling="mean", *, normalize=True, dense=False):
    try:
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:
        from sentence_transformers import models
    mods = [models.Transformer(str(bert_folder)), models.Pooling(16, pooling_mode=pooling)]
    if dense:
        mods.append(models.Dense(16, 8, activation_function=torch.nn.Tanh()))
    if normalize:
        mods.append(models.Normalize())
    st.SentenceTransformer(modules=mods, device="cpu").save(str(folder))
    return folder


@pytest.mark.parametrize("pooling,normalize", [("cls", True), ("mean", False)])
def test_a_folder_gives_what_sentence_transformers_gives_from_it(bert_folder, tmp_path, pooling, normalize):
    folder = _st_folder(bert_folder, tmp_path / "m", pooling, normalize=normalize)
    texts = ["a cat sat on the mat", "the dog", "", "a dog ran far away on the mat"]
    enc = BertEncoder(folder, device="cpu", threads=1)
    ours = enc.encode_sentences(texts, pooling=pooling)
    own = st.SentenceTransformer(str(folder), device="cpu").encode(texts)
    with torch.inference_mode():  # the pooled states by hand: unit length divides their rounding by their norm
        b = enc.tokenizer(texts, padding=True, return_tensors="pt")
        h = enc.model(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).float()
        pooled = h[:, 0] if pooling == "cls" else (h * m).sum(1) / m.sum(1)
    scale = float(h.abs().max()) / (float(pooled.norm(dim=1).min()) if normalize else 1.0)
    np.testing.assert_allclose(ours, own, rtol=0, atol=_rounding_atol(enc, scale))
    assert enc.info.parameters["sentence_pipeline"] == [f"Pooling({pooling})"] + (["Normalize"] if normalize else [])


@pytest.mark.parametrize("pooling", ["cls", "max", "mean", "mean_sqrt_len_tokens", "weightedmean", "lasttoken"])
def test_the_folders_own_pooling_is_the_default(bert_folder, tmp_path, pooling):
    """1_Pooling/config.json's mode: a folder that pools by max or lasttoken was mean-pooled (with a note) in
    classification, which asks for no pooling, and by no option could it be pooled its own way."""
    folder = _st_folder(bert_folder, tmp_path / "m", pooling, normalize=False)
    texts = ["a cat sat on the mat", "the dog", "a dog ran far away on the mat", "a"]
    enc = BertEncoder(folder, device="cpu", threads=1)
    ours = enc.encode_sentences(texts)
    own = st.SentenceTransformer(str(folder), device="cpu").encode(texts)
    # a pooled value is a weighted mean of, or one of, token states: its rounding is at most theirs; the
    # square-root mean multiplies it by at most sqrt(tokens)
    scale = _state_scale(enc, texts) * (np.sqrt(12) if pooling == "mean_sqrt_len_tokens" else 1)
    np.testing.assert_allclose(ours, own, rtol=0, atol=_rounding_atol(enc, scale))
    assert enc.info.parameters["sentence_pipeline"] == [f"Pooling({pooling})"]


def test_the_older_pooling_flags_are_read_as_sentence_transformers_reads_them(bert_folder, tmp_path):
    folder = _st_folder(bert_folder, tmp_path / "m", "max", normalize=False)
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": 16, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": False,
        "pooling_mode_max_tokens": True, "pooling_mode_mean_sqrt_len_tokens": False}))
    own = st.SentenceTransformer(str(folder), device="cpu")
    assert [pooling_modes(m) for m in own if type(m).__name__ == "Pooling"] == [("max",)]
    enc = BertEncoder(folder, device="cpu", threads=1)
    assert enc.info.parameters["sentence_pipeline"] == ["Pooling(max)"]
    texts = ["a cat sat on the mat", "the dog"]
    np.testing.assert_allclose(enc.encode_sentences(texts), own.encode(texts), rtol=0,
                               atol=_rounding_atol(enc, _state_scale(enc, texts)))


def test_concatenated_poolings_are_refused_naming_the_pooling_config(bert_folder, tmp_path):
    folder = _st_folder(bert_folder, tmp_path / "m", "mean", normalize=False)
    # in the older flags, which every sentence-transformers version reads (3.x takes no tuple of modes)
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": 16, "pooling_mode_cls_token": True, "pooling_mode_mean_tokens": True}))
    assert pooling_modes(next(m for m in st.SentenceTransformer(str(folder), device="cpu")
                              if type(m).__name__ == "Pooling")) == ("cls", "mean")
    with pytest.raises(NotAvailableError, match=r"^" + str(folder / "1_Pooling" / "config.json") +
                       r": concatenates the poolings cls \+ mean"):
        BertEncoder(folder, device="cpu").encode_sentences(["a cat"])


@pytest.mark.parametrize("pooling,include_prompt", [("mean", True), ("mean", False), ("cls", False),
                                                    ("weightedmean", False), ("lasttoken", False)])
def test_the_folders_default_prompt_is_put_before_each_text(bert_folder, tmp_path, pooling, include_prompt):
    """config_sentence_transformers.json's default_prompt_name: SentenceTransformer.encode reads every text
    after that prompt (and pools without its tokens under include_prompt false); we read the text alone."""
    if pooling == "cls" and not include_prompt and cls_pools_the_prompt():
        pytest.skip(cls_prompt_skip_reason())
    try:
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:
        from sentence_transformers import models
    folder = tmp_path / "prompted"
    st.SentenceTransformer(modules=[models.Transformer(str(bert_folder)),
                                    models.Pooling(16, pooling_mode=pooling, include_prompt=include_prompt),
                                    models.Normalize()],
                           prompts={"query": "the dog: "}, default_prompt_name="query", device="cpu").save(str(folder))
    texts = ["a cat sat on the mat", "", "a dog ran far away"]
    own = st.SentenceTransformer(str(folder), device="cpu").encode(texts)
    enc = BertEncoder(folder, device="cpu", threads=1)
    ours = enc.encode_sentences(texts)
    with torch.inference_mode():  # the pooled states' norms, to bound the unit vectors' rounding
        b = enc.tokenizer(["the dog: " + t for t in texts], padding=True, return_tensors="pt")
        h = enc.model(**b).last_hidden_state
    norms = torch.stack([h[i, : int(b["attention_mask"][i].sum())].mean(0) for i in range(len(texts))]).norm(dim=1)
    scale = float(h.abs().max()) / float(norms.min()) * 4  # a pooled vector of a few tokens: a margin of 4
    np.testing.assert_allclose(ours, own, rtol=0, atol=_rounding_atol(enc, scale))
    assert enc.info.parameters["sentence_pipeline"][0] == "Prompt('the dog: '" + ("" if include_prompt else
                                                                                 ", not pooled") + ")"


@pytest.mark.parametrize("mode", ["cls", "max", "mean", "mean_sqrt_len_tokens", "weightedmean", "lasttoken"])
def test_pooling_without_the_prompt_is_sentence_transformers_pooling(mode):
    """Oracle: sentence-transformers' own Pooling module told the prompt's length (include_prompt false), on
    states of one length; lasttoken took the position of the mask's count less one, which the zeroed prompt
    moved that many tokens before the text's last."""
    if mode == "cls" and cls_pools_the_prompt():
        pytest.skip(cls_prompt_skip_reason())
    from wordeval.embeddings.st_pipeline import pool
    try:
        from sentence_transformers.sentence_transformer.modules import Pooling
    except ImportError:
        from sentence_transformers.models import Pooling
    h = torch.randn(2, 6, 4, generator=torch.Generator().manual_seed(0))
    mask = torch.ones(2, 6, dtype=torch.long)
    own = Pooling(4, pooling_mode=mode, include_prompt=False)(
        {"token_embeddings": h, "attention_mask": mask.clone(), "prompt_length": 3})["sentence_embedding"]
    without_prompt = mask.clone()
    without_prompt[:, :3] = 0
    torch.testing.assert_close(pool(h, without_prompt, mode), own, rtol=0, atol=1e-6)


def test_an_unreadable_prompt_config_is_refused_naming_it(bert_folder, tmp_path):
    folder = _st_folder(bert_folder, tmp_path / "m")
    (folder / "config_sentence_transformers.json").write_text(
        json.dumps({"prompts": {"query": "q: "}, "default_prompt_name": "passage"}), encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"^" + str(folder / "config_sentence_transformers.json") +
                       r": expected a prompt named 'passage'"):
        BertEncoder(folder, device="cpu").encode_sentences(["a cat"])


def test_normalising_is_in_the_fingerprint(bert_folder, tmp_path):
    with_norm = BertEncoder(_st_folder(bert_folder, tmp_path / "n", normalize=True), device="cpu")
    without = BertEncoder(_st_folder(bert_folder, tmp_path / "p", normalize=False), device="cpu")
    assert with_norm.info.fingerprint != without.info.fingerprint


def test_a_module_the_encoder_cannot_run_is_refused_naming_modules_json(bert_folder, tmp_path):
    """A Dense projection after the pooling: the pooled transformer states were scored as the model's own
    vectors (another dimension than SentenceTransformer's), with only a note."""
    folder = _st_folder(bert_folder, tmp_path / "dense", dense=True)
    dense = [m["path"] for m in json.loads((folder / "modules.json").read_text()) if m["type"].endswith("Dense")]
    enc = BertEncoder(folder, device="cpu")
    with pytest.raises(NotAvailableError) as err:
        enc.encode_sentences(["a cat sat"])
    msg = str(err.value)
    assert msg.startswith(f"{folder / 'modules.json'}: lists {dense[0]} (Dense), ") and "\n" not in msg
    assert enc.encode_tokens([["a", "cat"]])[0].shape == (2, 16)  # token features need no sentence module


def test_an_unreadable_modules_json_is_refused_naming_it(bert_folder, tmp_path):
    folder = _st_folder(bert_folder, tmp_path / "bad")
    (folder / "modules.json").write_text('[{"idx": 0, "type": "sentence_transformers.models.Transformer"',
                                         encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"^" + str(folder / "modules.json") + r":1: expected a JSON list of modules, got not JSON"):
        BertEncoder(folder, device="cpu").encode_sentences(["a cat"])


# -- batches -------------------------------------------------------------------------------------------
def test_a_sentence_has_one_vector_whatever_its_batch(bert_folder, minilm):
    """Padded to the longest text of its batch, a text's vector moved by up to ~3e-6 with its companions."""
    text = "a cat sat on the mat"
    longer = ["a man is playing a guitar on the mat " * k for k in range(2, 12)]
    same = [w for w in ("the dog ran far away", "a dog sat on a rug", "one cat ran on the mat")
            if len(minilm.tokenizer(w)["input_ids"]) == len(minilm.tokenizer(text)["input_ids"])]
    assert same
    alone = minilm.encode_sentences([text])[0]
    for batch_size in (1, 3, 32):
        enc = BertEncoder("minilm", device="cpu", threads=1, batch_size=batch_size)
        mixed = enc.encode_sentences(longer + [text] + same * 5 + ["Hi"])
        assert np.array_equal(mixed[len(longer)], alone), batch_size
        tokens = enc.encode_tokens([w.split() for w in longer] + [text.split()])
        assert np.array_equal(tokens[-1], minilm.encode_tokens([text.split()])[0]), batch_size


def test_the_fingerprint_says_batches_are_not_padded(minilm):
    assert minilm.info.parameters["batches"] == "one input length each"


def test_a_folder_without_modules_json_pools_without_normalising(bert_folder, tmp_path):
    folder = tmp_path / "plain"
    shutil.copytree(bert_folder, folder)
    enc = BertEncoder(folder, device="cpu", threads=1)
    texts = ["a cat sat", "the dog ran far away"]
    with torch.inference_mode():
        b = enc.tokenizer(texts, padding=True, return_tensors="pt")
        h = enc.model(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).float()
        want = ((h * m).sum(1) / m.sum(1)).numpy()
    np.testing.assert_allclose(enc.encode_sentences(texts), want, rtol=0,
                               atol=_rounding_atol(enc, float(h.abs().max())))
    assert enc.info.parameters["sentence_pipeline"] == ["Pooling(mean)"]
