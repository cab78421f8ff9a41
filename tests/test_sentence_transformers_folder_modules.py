"""``bert:model=FOLDER`` on folders saved by sentence-transformers itself (the installed version, 6.x at the
time of writing: its Pooling config says ``"pooling_mode": "cls"`` where older versions wrote
``pooling_mode_cls_token: true``); a Dense module after the pooling is refused (test_sentence_pipeline.py).

Oracles: sentence-transformers' own reading of the folder (the Pooling module's ``pooling_mode``, the
``encode`` output's dimension), and a tiny random BERT built here offline.
"""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
st = pytest.importorskip("sentence_transformers")

from tests._st_versions import pooling_modes  # noqa: E402
from wordeval.embeddings.bert import BertEncoder  # noqa: E402
from wordeval.embeddings.bert_support import sentence_transformers_pooling  # noqa: E402

WORDS = ["a", "cat", "dog", "sat", "on", "the", "mat"]
NOTES = "wordeval.notices"


@pytest.fixture(scope="module")
def bert_folder(tmp_path_factory):
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("bert")
    torch.manual_seed(0)
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n")
    BertTokenizerFast.from_pretrained(folder).save_pretrained(folder)
    BertModel(BertConfig(vocab_size=5 + len(WORDS), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=32, max_position_embeddings=32)).eval().save_pretrained(folder)
    return folder


def _saved_by_sentence_transformers(bert_folder, folder, pooling, *, dense=False):
    from sentence_transformers import SentenceTransformer
    try:  # where sentence-transformers 6 moved them; the old path warns there
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:
        from sentence_transformers import models

    modules = [models.Transformer(str(bert_folder)), models.Pooling(16, pooling_mode=pooling)]
    if dense:
        modules.append(models.Dense(16, 8, activation_function=torch.nn.Tanh()))
    modules.append(models.Normalize())
    SentenceTransformer(modules=modules, device="cpu").save(str(folder))
    return folder


@pytest.mark.parametrize("pooling", ["cls", "max", "mean"])
def test_the_pooling_of_a_folder_saved_by_sentence_transformers_is_read(bert_folder, tmp_path, pooling):
    folder = _saved_by_sentence_transformers(bert_folder, tmp_path / pooling, pooling)
    own = [m for m in st.SentenceTransformer(str(folder), device="cpu") if type(m).__name__ == "Pooling"][0]
    assert sentence_transformers_pooling(folder) == "+".join(pooling_modes(own)) == pooling


def test_a_folder_that_pools_by_cls_is_noted_when_pooled_by_mean(bert_folder, tmp_path, caplog):
    """Its pooling was read as none, so a BGE-style folder saved by sentence-transformers 6 was mean-pooled
    without the note that a folder of an older version gets."""
    enc = BertEncoder(_saved_by_sentence_transformers(bert_folder, tmp_path / "cls", "cls"), device="cpu")
    with caplog.at_level("WARNING", logger=NOTES):
        enc.encode_sentences(["a cat sat"], pooling="cls")
        assert not caplog.records
        enc.encode_sentences(["a cat sat"], pooling="mean")
    notes = [r.getMessage() for r in caplog.records]
    assert len(notes) == 1 and "pools by cls" in notes[0]


def test_a_folder_pooled_and_normalised_gets_no_note_and_the_models_own_vectors(bert_folder, tmp_path, caplog):
    folder = _saved_by_sentence_transformers(bert_folder, tmp_path / "plain", "mean")
    texts = ["a cat sat on the mat", "the dog"]
    enc = BertEncoder(folder, device="cpu")
    with caplog.at_level("WARNING", logger=NOTES):
        ours = enc.encode_sentences(texts)
    assert not caplog.records
    # mean pooling then Normalize, as the folder says: sentence-transformers' own vectors
    own = st.SentenceTransformer(str(folder), device="cpu").encode(texts)
    # float32 rounding of one forward pass (as in test_bert.py) on token states of magnitude <= scale, then
    # scaled by 1 / the mean's norm
    cfg = enc.model.config
    with torch.inference_mode():
        b = enc.tokenizer(texts, return_tensors="pt", padding=True)
        states = enc.model(**b).last_hidden_state
        m = b["attention_mask"].unsqueeze(-1).float()
        norms = ((states * m).sum(1) / m.sum(1)).norm(dim=1)
    scale = float(states.abs().max()) / float(norms.min())
    atol = 4 * cfg.num_hidden_layers * np.sqrt(cfg.intermediate_size) * np.finfo(np.float32).eps / 2 * scale
    np.testing.assert_allclose(ours, own, rtol=0, atol=atol)


@pytest.fixture(scope="module")
def cased_folder(tmp_path_factory):
    """A cased WordPiece BERT: 'The' and 'the' are two pieces."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("cased")
    torch.manual_seed(1)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS, "The", "Cat", "A"]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n")
    BertTokenizerFast(str(folder / "vocab.txt"), do_lower_case=False).save_pretrained(folder)
    BertModel(BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=32, max_position_embeddings=32)).eval().save_pretrained(folder)
    return folder


def test_a_folder_that_lowercases_its_input_gives_the_models_own_vectors(cased_folder, tmp_path):
    """sentence_bert_config.json's do_lower_case (as published folders such as BAAI's bge-* have it): a
    sentence-transformers lowercases the text before its cased tokenizer reads it; the folder read as written
    gave 'The Cat' pieces the model never sees. (sentence-transformers 6 writes the lowercasing into
    tokenizer.json instead, which bert: reads as it is.)"""
    from sentence_transformers import SentenceTransformer

    folder = tmp_path / "lower"
    shutil.copytree(cased_folder, folder)
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 16,
                                                                   "pooling_mode_mean_tokens": True}))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 32, "do_lower_case": True}))
    texts = ["The Cat sat on the mat", "A dog", "the cat"]
    own = SentenceTransformer(str(folder), device="cpu").encode(texts)
    enc = BertEncoder(folder, device="cpu")
    ours = enc.encode_sentences(texts)
    cfg = enc.model.config
    with torch.inference_mode():  # a mean's rounding error is at most that of its states
        states = enc.model(**enc.tokenizer(texts, return_tensors="pt", padding=True)).last_hidden_state
    scale = float(states.abs().max())
    atol = 4 * cfg.num_hidden_layers * np.sqrt(cfg.intermediate_size) * np.finfo(np.float32).eps / 2 * scale
    np.testing.assert_allclose(ours, own, rtol=0, atol=atol)
    words = enc.encode_tokens([["The", "Cat"]])[0]
    np.testing.assert_array_equal(words, enc.encode_tokens([["the", "cat"]])[0])
    # another input than the cased folder read as written: another fingerprint
    assert enc.info.parameters["lowercase_input"] is True
    assert enc.info.fingerprint != BertEncoder(cased_folder, device="cpu").info.fingerprint


def test_fine_tuning_a_folder_that_lowercases_reads_its_texts_lowercased(cased_folder, tmp_path):
    """Fine-tuning loads the folder's tokenizer again: it read the texts as written where the encoder it
    fine-tunes lowercases them. Lowercased first, 'The Cat ...' and 'the cat ...' are one input."""
    from wordeval.extrinsic.bert_finetune import finetune_predict

    folder = tmp_path / "lower"
    shutil.copytree(cased_folder, folder)
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 32, "do_lower_case": True}))
    enc = BertEncoder(folder, device="cpu")
    train = ["The Cat sat", "A dog sat", "The mat", "A cat"]
    labels = ["x", "y", "x", "y"]
    opts = {"epochs": 1, "batch_size": 2, "device": "cpu"}
    cased = finetune_predict(enc, train, labels, ["The Cat", "A dog"], seed=0, **opts)
    lower = finetune_predict(enc, [t.lower() for t in train], labels, ["the cat", "a dog"], seed=0, **opts)
    assert cased[0] == lower[0] and cased[1]["last_loss"] == lower[1]["last_loss"]


def test_a_longer_max_length_than_the_tokenizer_says_is_refused_naming_where_the_limit_is(bert_folder, tmp_path):
    """sentence-transformers 6 saves max_seq_length as the tokenizer's model_max_length: the refusal said
    "this model handles at most 8 tokens" of a model whose positions take 32."""
    from sentence_transformers import SentenceTransformer

    from wordeval.errors import ConfigError
    try:
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:
        from sentence_transformers import models

    folder = tmp_path / "short"
    SentenceTransformer(modules=[models.Transformer(str(bert_folder), max_seq_length=8), models.Pooling(16)],
                        device="cpu").save(str(folder))
    own_limit = SentenceTransformer(str(folder), device="cpu").max_seq_length
    assert BertEncoder(folder, device="cpu").sentence_max_length == own_limit == 8
    with pytest.raises(ConfigError, match=r"at most 8 tokens \(its tokenizer_config.json's model_max_length.*"
                                          r"the model's positions take 32\)"):
        BertEncoder(folder, max_length=16, device="cpu")
