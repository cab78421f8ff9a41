"""An in-memory SentenceTransformer: its fingerprint tells apart what computes other vectors (weights,
modules, tokenizer, architecture config) and only that, and its record cites Sentence-BERT and its
architecture's paper. Tiny BERT folders built here, offline."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

torch = pytest.importorskip("torch")
st_models = pytest.importorskip("sentence_transformers.models")
from sentence_transformers import SentenceTransformer  # noqa: E402

from wordeval.adapters import as_embedding  # noqa: E402

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "the", "cat", "sat", "a", "dog"]
TEXTS = ["Hello World", "The Cat sat", "a dog"]


def _folder(path, *, lower: bool, seed: int = 0, **config):
    from transformers import BertConfig, BertModel, BertTokenizerFast

    path.mkdir()
    (path / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=len(VOCAB), hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=16, max_position_embeddings=32, **config)
    BertModel(cfg).save_pretrained(path)
    BertTokenizerFast(str(path / "vocab.txt"), do_lower_case=lower).save_pretrained(path)
    return path


def _st(path) -> SentenceTransformer:
    t = st_models.Transformer(str(path), max_seq_length=16)
    return SentenceTransformer(modules=[t, st_models.Pooling(8, pooling_mode="mean")], device="cpu")


def _same_weights(a, b) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def test_equal_weights_with_a_cased_and_an_uncased_tokenizer_get_two_fingerprints(tmp_path):
    uncased, cased = _st(_folder(tmp_path / "u", lower=True)), _st(_folder(tmp_path / "c", lower=False))
    assert _same_weights(uncased, cased)
    # the model's own encode: "Hello" is a word of the uncased tokenizer, [UNK] for the cased one
    assert not np.allclose(uncased.encode(TEXTS), cased.encode(TEXTS))
    assert as_embedding(uncased).info.fingerprint != as_embedding(cased).info.fingerprint


def test_equal_weights_under_another_activation_get_two_fingerprints(tmp_path):
    gelu = _st(_folder(tmp_path / "g", lower=True, hidden_act="gelu"))
    relu = _st(_folder(tmp_path / "r", lower=True, hidden_act="relu"))
    assert _same_weights(gelu, relu) and not np.allclose(gelu.encode(TEXTS), relu.encode(TEXTS))
    assert as_embedding(gelu).info.fingerprint != as_embedding(relu).info.fingerprint


def test_one_model_keeps_its_fingerprint_across_calls_loads_and_folder_copies(tmp_path):
    folder = _folder(tmp_path / "m", lower=True)
    model = _st(folder)
    first = as_embedding(model).info.fingerprint
    model.encode(["the cat " * 40, "a"])  # truncation and padding are set on the tokenizer by each call
    as_embedding(model).encode_tokens([["the", "cat"]])
    assert as_embedding(model).info.fingerprint == first
    assert as_embedding(_st(folder)).info.fingerprint == first
    shutil.copytree(folder, tmp_path / "copy")
    assert as_embedding(_st(tmp_path / "copy")).info.fingerprint == first


def test_an_in_memory_sentence_transformer_cites_sentence_bert_and_its_architecture(tmp_path):
    from wordeval.embeddings.model_citations import BERT_CITATION, SBERT_CITATION

    info = as_embedding(_st(_folder(tmp_path / "m", lower=True))).info
    assert SBERT_CITATION in info.citation and BERT_CITATION in info.citation
    assert info.parameters["model_type"] == "bert" and info.parameters["class"] == "SentenceTransformer"
    assert info.dim == 8


def test_a_sentence_transformer_of_an_unlisted_architecture_is_named_as_uncited():
    from wordeval.embeddings.model_citations import uncited_architectures

    emb = {"format": "sentence-transformer", "source": "<SentenceTransformer>",
           "parameters": {"model_type": "nomic_bert"}}
    assert uncited_architectures([("st", emb)]) == [("st", "<SentenceTransformer>", "nomic_bert")]


def test_a_record_of_an_in_memory_sentence_transformer_carries_its_citation_and_libraries(tmp_path):
    import json

    import wordeval
    from wordeval.report.bibtex import record_methods

    (tmp_path / "p.tsv").write_text("hello world\tthe cat\t1\na dog sat\tthe cat sat\t4\nhello\tworld\t2\n",
                                    encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "sts"\n[files]\ntest = "p.tsv"\n')
    rec = wordeval.evaluate(_st(_folder(tmp_path / "m", lower=True)), str(tmp_path / "t.toml"),
                            config={"n_boot": 10})
    assert "reimers2019sentencebert" in rec.embedding["citation"]
    assert {"torch", "transformers"} <= set(record_methods(rec))
    text = rec.to_json()
    assert json.loads(text)["embedding"]["parameters"]["model_type"] == "bert" and " object at 0x" not in text
