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
        mean = (h * mask).sum(1) / mask.sum(1)
        # MiniLM's modules.json ends in a Normalize module; the unit vector's rounding is the mean's over its norm
        norm = mean.norm(dim=1, keepdim=True)
        return (mean / norm).numpy(), enc["attention_mask"].sum(1).numpy(), model, h / norm.min()


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


@pytest.fixture(scope="module")
def short_minilm():
    from wordeval.embeddings.bert import BertEncoder
    return BertEncoder("minilm", max_length=32, device="cpu", threads=1)


def _hand_cut(model_dir, texts, limit):
    from transformers import AutoTokenizer
    tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    return sum(len(ids) > limit for ids in tok(list(texts))["input_ids"])


LONG = "the weather report said it would rain all day and all night " * 6


def test_sts_record_says_how_many_texts_were_cut(tmp_path, minilm_dir, short_minilm):
    import wordeval
    rows = [("A man plays a guitar.", "A man is playing music.", 4.2), (LONG, "It will rain.", 3.0),
            ("Le café est chaud.", "The coffee is hot.", 3.5), ("A dog runs.", LONG + " really", 0.5)]
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in rows), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "sts"\n[files]\ntest = "pairs.tsv"\n')
    rec = wordeval.evaluate(short_minilm, str(tmp_path / "t.toml"), name="minilm32")
    texts = list(dict.fromkeys([r[0] for r in rows] + [r[1] for r in rows]))
    assert rec.extra["cut_texts"] == {"texts": len(texts), "cut": _hand_cut(minilm_dir, texts, 32), "max_tokens": 32}
    assert rec.extra["cut_texts"]["cut"] == 2


def test_classification_record_says_how_many_documents_were_cut(tmp_path, minilm_dir, short_minilm):
    import wordeval
    train = [("pos", "good fine film"), ("neg", "bad dull film"), ("pos", LONG + " good"), ("neg", "awful")] * 3
    test = [("pos", "great"), ("neg", LONG + " bad")]
    for name, rows in (("train", train), ("test", test)):
        (tmp_path / f"{name}.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n')
    rec = wordeval.evaluate(short_minilm, str(tmp_path / "c.toml"), name="minilm32",
                            config={"n_seeds": 1, "cv_folds": 2, "c_grid": [1.0]})
    want = {split: {"texts": len(rows), "cut": _hand_cut(minilm_dir, [t for _, t in rows], 32), "max_tokens": 32}
            for split, rows in (("train", train), ("test", test))}
    assert rec.extra["cut_texts"] == want and want["train"]["cut"] == 3 and want["test"]["cut"] == 1


def test_word_vectors_record_no_cut_texts():
    import wordeval
    rng = np.random.default_rng(0)
    vecs = {w: rng.standard_normal(4) for w in "a man dog runs plays".split()}
    from wordeval.intrinsic.sts import score_sentence_pairs
    from wordeval.datasets.types import SentencePair
    pairs = [SentencePair("a man runs", "a dog runs", 3.0, "all"), SentencePair("a man plays", "a dog", 1.0, "all"),
             SentencePair("a dog plays", "a man plays", 2.0, "all")]
    res = score_sentence_pairs(pairs, wordeval.adapters.as_embedding(vecs), config={"n_boot": 10})
    assert "cut_texts" not in res["extra"]


def test_sentence_transformer_refuses_a_pooling_it_would_not_apply(tmp_path, minilm_dir):
    st_mod = pytest.importorskip("sentence_transformers")
    import wordeval
    from wordeval.errors import ConfigError
    (tmp_path / "p.tsv").write_text("a cat sat\ta dog sat\t3\nthe sun\ta car\t1\nrain falls\tit rains\t4\n",
                                    encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "sts"\n[files]\ntest = "p.tsv"\n')
    st = st_mod.SentenceTransformer(str(minilm_dir), device="cpu")
    with pytest.raises(ConfigError, match="pooling='cls'.*own modules.*Pooling"):
        wordeval.evaluate(st, str(tmp_path / "t.toml"), name="st", config={"pooling": "cls"})
    rec = wordeval.evaluate(st, str(tmp_path / "t.toml"), name="st")
    assert rec.n_used == 3


@pytest.mark.parametrize("layer", [3, "last4"])
def test_sentence_vectors_pool_the_chosen_layer(minilm_dir, layer):
    from transformers import AutoModel, AutoTokenizer

    from wordeval.embeddings.bert import BertEncoder
    texts = ["A man is playing a guitar.", "Stocks fell sharply on Monday after the report.", "Hi"]
    enc = BertEncoder("minilm", layer=layer, device="cpu", threads=1)
    ours = enc.encode_sentences(texts)
    tok = AutoTokenizer.from_pretrained(minilm_dir, local_files_only=True)
    model = AutoModel.from_pretrained(minilm_dir, local_files_only=True).eval()
    with torch.inference_mode():
        b = tok(texts, padding=True, return_tensors="pt")
        hs = model(**b, output_hidden_states=True).hidden_states
        h = hs[layer] if layer != "last4" else torch.stack(hs[-4:]).mean(0)
        mask = b["attention_mask"].unsqueeze(-1).float()
        mean = (h * mask).sum(1) / mask.sum(1)
        norm = mean.norm(dim=1, keepdim=True)  # MiniLM's Normalize module
        ref = (mean / norm).numpy()
    np.testing.assert_allclose(ours, ref, rtol=0, atol=_rounding_atol(model, float(h.abs().max() / norm.min())))


def test_sentence_transformer_records_how_many_texts_it_cut(tmp_path, minilm_dir):
    st_mod = pytest.importorskip("sentence_transformers")
    import wordeval
    rows = [("A man plays a guitar.", "A man is playing music.", 4.2), (LONG, "It will rain.", 3.0),
            ("Le café est chaud.", "The coffee is hot.", 3.5)]
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in rows), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "sts"\n[files]\ntest = "pairs.tsv"\n')
    st = st_mod.SentenceTransformer(str(minilm_dir), device="cpu")
    st.max_seq_length = 32
    rec = wordeval.evaluate(st, str(tmp_path / "t.toml"), name="st32")
    texts = list(dict.fromkeys([r[0] for r in rows] + [r[1] for r in rows]))
    assert rec.extra["cut_texts"] == {"texts": len(texts), "cut": _hand_cut(minilm_dir, texts, 32), "max_tokens": 32}
    assert rec.extra["cut_texts"]["cut"] == 1
