"""``bert:model=FOLDER`` on encoders other than MiniLM: a WordPiece BERT and a RoBERTa with a byte-level BPE
tokenizer, both tiny, random and built here offline with transformers and tokenizers.

Oracles: Hugging Face's own recipe for pre-tokenised input (``add_prefix_space=True`` for a byte-level BPE),
a direct AutoModel forward pass, and pooling by hand.
"""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytest.importorskip("tokenizers")

from wordeval.embeddings.bert import BertEncoder  # noqa: E402

TEXT = ["The cat sat on the mat .", "A dog barked at the mailman !", "Tokenisation isn't trivial , is it ?",
        "New York is a big city ."] * 10
SENT = ["The", "cat", "sat", "on", "mats", "isn't", "New-York", "!"]


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    from tokenizers import ByteLevelBPETokenizer
    from transformers import (BertConfig, BertModel, BertTokenizerFast, GPT2Config, GPT2Model, RobertaConfig,
                              RobertaModel)

    root = tmp_path_factory.mktemp("encoders")
    torch.manual_seed(0)
    bert = root / "bert"
    bert.mkdir()
    words = sorted({w.lower() for s in TEXT for w in s.split()})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, "##s", "##n", "'", "t", "-"]
    (bert / "vocab.txt").write_text("\n".join(vocab) + "\n")
    BertTokenizerFast.from_pretrained(bert).save_pretrained(bert)
    BertModel(BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=3, num_attention_heads=2,
                         intermediate_size=64, max_position_embeddings=64)).eval().save_pretrained(bert)

    roberta = root / "roberta"
    roberta.mkdir()
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(TEXT, vocab_size=300, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.save_model(str(roberta))
    # a tokenizer saved from a fresh training: no model_max_length, so only the config bounds the input
    transformers.AutoTokenizer.from_pretrained(roberta, tokenizer_type="roberta").save_pretrained(roberta)
    RobertaModel(RobertaConfig(vocab_size=bpe.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
                               num_attention_heads=2, intermediate_size=64, max_position_embeddings=66,
                               pad_token_id=1, bos_token_id=0, eos_token_id=2)).eval().save_pretrained(roberta)
    gpt2 = root / "gpt2"  # the same byte-level BPE, no special tokens, positions named n_positions
    gpt2.mkdir()
    for name in ("vocab.json", "merges.txt"):
        shutil.copy(roberta / name, gpt2 / name)
    transformers.GPT2TokenizerFast.from_pretrained(gpt2).save_pretrained(gpt2)
    GPT2Model(GPT2Config(vocab_size=bpe.get_vocab_size(), n_embd=32, n_layer=2, n_head=2, n_positions=64,
                         bos_token_id=0, eos_token_id=2)).eval().save_pretrained(gpt2)
    return {"bert": bert, "roberta": roberta, "gpt2": gpt2}


def _rounding_atol(model, scale: float) -> float:
    """float32 rounding bound of one forward pass for values of magnitude ``scale`` (see test_bert.py)."""
    cfg = model.config
    return 4 * cfg.num_hidden_layers * np.sqrt(cfg.intermediate_size) * np.finfo(np.float32).eps / 2 * scale


def _hf_word_states(folder, words, layer=-1):
    """Hidden states of ``words`` and each word's piece positions, as Hugging Face says to encode
    pre-tokenised input (a byte-level BPE needs ``add_prefix_space=True``)."""
    tok = transformers.AutoTokenizer.from_pretrained(folder, add_prefix_space=True)
    model = transformers.AutoModel.from_pretrained(folder).eval()
    enc = tok(words, is_split_into_words=True)
    with torch.inference_mode():
        states = model(input_ids=torch.tensor([enc["input_ids"]]), output_hidden_states=True).hidden_states
    wid = enc.word_ids()
    pieces = [[i for i, w in enumerate(wid) if w == k] for k in range(len(words))]
    return states[layer][0].numpy(), pieces, tok.convert_ids_to_tokens(enc["input_ids"]), model


@pytest.mark.parametrize("arch", ["bert", "roberta"])
@pytest.mark.parametrize("subword", ["first", "mean", "last"])
@pytest.mark.parametrize("layer", [-1, 1])
def test_word_features_pool_the_pieces_hugging_face_gives_each_word(models, arch, subword, layer):
    states, pieces, _, model = _hf_word_states(models[arch], SENT, layer)
    assert any(len(p) > 1 for p in pieces)  # the oracle covers words of several pieces
    want = np.stack([states[p[0]] if subword == "first" else states[p[-1]] if subword == "last"
                     else states[p].mean(axis=0) for p in pieces])
    got = BertEncoder(models[arch], subword=subword, layer=layer, device="cpu", batch_size=1).encode_tokens([SENT])
    np.testing.assert_allclose(got[0], want, rtol=0, atol=_rounding_atol(model, np.abs(states).max()))


def test_byte_level_bpe_words_carry_the_space_mark(models):
    """A byte-level BPE tokenised each word as if it began the text: "cat" mid-sentence reached the model as
    c + at, never as the Ġc + at that running text gives it."""
    enc = BertEncoder(models["roberta"], device="cpu")
    pieces, spans = enc._pieces(["The", "cat", "sat"])
    got = enc.tokenizer.convert_ids_to_tokens(pieces[spans[1][0]:spans[1][1]])
    running = enc.tokenizer.tokenize("The cat sat")
    assert got[0].startswith("Ġ") and got == running[running.index("Ġc"):][:len(got)]


def _refuse_words_without_prefix_space(self, *args, **kwargs):
    """transformers 4's check in RobertaTokenizerFast/GPT2TokenizerFast (_batch_encode_plus), which 5 dropped."""
    pre = json.loads(self.backend_tokenizer.to_str()).get("pre_tokenizer") or {}
    if kwargs.get("is_split_into_words") and not pre.get("add_prefix_space"):
        raise AssertionError(f"You need to instantiate {type(self).__name__} with add_prefix_space=True to use "
                             "it with pretokenized inputs.")
    return _TOKENIZER_CALL(self, *args, **kwargs)


_TOKENIZER_CALL = transformers.PreTrainedTokenizerBase.__call__


@pytest.mark.parametrize("name", ["roberta", "gpt2"])
def test_byte_level_bpe_folders_load_where_transformers_refuses_words_without_prefix_space(
        models, name, monkeypatch):
    """Regression (transformers 4.40 to 4.5x): the special-token probe gave a word to the folder's own
    tokenizer, which those versions refuse for a byte-level BPE without add_prefix_space: every RoBERTa and
    GPT-2 folder was refused as 'a tokenizer transformers can build from the folder'."""
    monkeypatch.setattr(transformers.PreTrainedTokenizerBase, "__call__", _refuse_words_without_prefix_space)
    enc = BertEncoder(models[name], device="cpu")
    assert enc.encode_tokens([["The", "cat", "sat"]])[0].shape == (3, 32)


def test_a_missing_pooler_named_after_the_checkpoints_head_is_not_refused(models, monkeypatch):
    """Regression (transformers 4.40 to 4.5x): a BertModel read from a BertForMaskedLM checkpoint reports its
    missing pooler as ``bert.pooler.*``, and every masked-LM checkpoint was refused; the loading info is
    rewritten here as those versions give it. A missing layer under that name is still refused."""
    from wordeval.embeddings import bert_support
    from wordeval.errors import InputFormatError

    real = transformers.BertModel.from_pretrained.__func__

    def as_transformers_4(missing):
        def from_pretrained(cls, *args, **kwargs):
            model, info = real(cls, *args, **kwargs)
            return model, {**info, "missing_keys": missing}
        return classmethod(from_pretrained)

    monkeypatch.setattr(transformers.BertModel, "from_pretrained",
                        as_transformers_4(["bert.pooler.dense.bias", "bert.pooler.dense.weight"]))
    assert type(bert_support.load_encoder_model(models["bert"])).__name__ == "BertModel"
    monkeypatch.setattr(transformers.BertModel, "from_pretrained",
                        as_transformers_4(["bert.encoder.layer.1.output.dense.bias"]))
    with pytest.raises(InputFormatError, match=r"1 missing \(bert\.encoder\.layer\.1"):
        bert_support.load_encoder_model(models["bert"])


@pytest.mark.parametrize("pooling", ["mean", "cls"])
def test_sentence_vectors_pool_by_hand_on_roberta(models, pooling):
    enc = BertEncoder(models["roberta"], device="cpu", batch_size=2)
    texts = ["The cat sat on the mat .", "A dog barked !", "New York is a big city , is it ?"]
    model = transformers.AutoModel.from_pretrained(models["roberta"]).eval()
    got = enc.encode_sentences(texts, pooling=pooling)
    for text, vec in zip(texts, got):
        ids = enc.tokenizer(text)["input_ids"]
        with torch.inference_mode():
            h = model(input_ids=torch.tensor([ids])).last_hidden_state[0].numpy()
        want = h[0] if pooling == "cls" else h.mean(axis=0)
        np.testing.assert_allclose(vec, want, rtol=0, atol=_rounding_atol(model, np.abs(h).max()))


def test_roberta_positions_leave_out_the_padding_offset(models):
    """max_position_embeddings 66 with padding id 1 takes 64 tokens; taking 66 ran long inputs into an index
    error inside the model (token features and sentence vectors alike)."""
    from wordeval.embeddings.encoder_memory import geometry

    enc = BertEncoder(models["roberta"], device="cpu")
    assert enc.max_length == enc.sentence_max_length == geometry(models["roberta"]).positions == 66 - 2
    words = " ".join(TEXT[:6]).split()
    assert len(enc._pieces(words)[0]) > enc.window
    assert enc.encode_tokens([words])[0].shape == (len(words), 32)
    assert enc.describe_windows([words])["windowed"] == 1
    text = " ".join(words)
    ids = enc.tokenizer(text, truncation=True, max_length=64)["input_ids"]
    assert len(ids) == 64 and enc.count_cut_texts([text]) == 1
    model = transformers.AutoModel.from_pretrained(models["roberta"]).eval()
    with torch.inference_mode():
        h = model(input_ids=torch.tensor([ids])).last_hidden_state[0].numpy()
    np.testing.assert_allclose(enc.encode_sentences([text])[0], h.mean(axis=0), rtol=0,
                               atol=_rounding_atol(model, np.abs(h).max()))


def _edited_copy(src, dst, edit):
    shutil.copytree(src, dst)
    edit(dst)
    return dst


def _json_edit(name, change):
    def edit(folder):
        data = json.loads((folder / name).read_text())
        change(data)
        (folder / name).write_text(json.dumps(data))
    return edit


def test_gpt2_positions_are_read_under_their_own_name(models):
    """GPT-2's config names its sizes n_positions, n_embd, n_layer: the memory plan took a 512-position,
    768-wide, 12-layer model for it, and the encoder must read 64 positions through the config's attribute
    map, or long inputs die in an index error."""
    from wordeval.embeddings.encoder_memory import geometry

    enc = BertEncoder(models["gpt2"], device="cpu")
    plan = geometry(models["gpt2"])
    assert enc.max_length == plan.positions == 64 and (plan.hidden, plan.layers, plan.heads) == (32, 2, 2)
    words = " ".join(TEXT[:6]).split()
    assert enc.encode_tokens([words])[0].shape == (len(words), 32)
    assert enc.encode_sentences([" ".join(words)]).shape == (1, 32) and enc.count_cut_texts([" ".join(words)]) == 1


def test_a_folder_with_other_tokenizer_or_config_has_another_fingerprint(models, tmp_path):
    """Same weights, another tokenizer or config: other vectors, so never the same fingerprint (the encoding
    caches are keyed by it); the same files at another path keep it."""
    base = BertEncoder(models["bert"], device="cpu")
    same = BertEncoder(_edited_copy(models["bert"], tmp_path / "copy", lambda f: None), device="cpu")
    def cased_tokenizer(folder):
        _json_edit("tokenizer.json", lambda d: d["normalizer"].update(lowercase=False))(folder)
        _json_edit("tokenizer_config.json", lambda d: d.update(do_lower_case=False))(folder)

    cased = BertEncoder(_edited_copy(models["bert"], tmp_path / "cased", cased_tokenizer), device="cpu")
    eps = BertEncoder(_edited_copy(models["bert"], tmp_path / "eps", _json_edit(
        "config.json", lambda d: d.update(layer_norm_eps=0.5))), device="cpu")
    words = [["The", "Cat", "sat"]]
    base_vec = base.encode_tokens(words)[0]
    for other in (cased, eps):
        assert np.abs(other.encode_tokens(words)[0] - base_vec).max() > 1e-3  # the edit moves the vectors
        assert other.info.fingerprint != base.info.fingerprint
    assert same.info.fingerprint == base.info.fingerprint


def test_a_roberta_sentence_transformer_gives_words_their_space_mark(models):
    """The SentenceTransformer adapter's token features (first piece, last layer) tokenised words as if each
    began the text, as the folder encoder did."""
    st = pytest.importorskip("sentence_transformers")
    from wordeval.adapters import as_embedding

    model = st.SentenceTransformer(str(models["roberta"]), device="cpu")  # plain folder: Transformer + mean
    states, pieces, tokens, hf_model = _hf_word_states(models["roberta"], SENT)
    assert tokens[pieces[1][0]].startswith("Ġ")
    got = as_embedding(model, name="st").encode_tokens([SENT])[0]
    np.testing.assert_allclose(got, states[[p[0] for p in pieces]], rtol=0,
                               atol=_rounding_atol(hf_model, np.abs(states).max()))


def test_pooling_other_than_the_folders_sentence_transformers_pooling_is_noted(models, tmp_path, caplog):
    """A BGE-style folder (modules.json + 1_Pooling with CLS) read with mean pooling gave vectors the model
    was not trained to give, without a word."""
    def cls_pooling(folder):
        (folder / "modules.json").write_text(json.dumps([
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]))
        (folder / "1_Pooling").mkdir()
        (folder / "1_Pooling" / "config.json").write_text(json.dumps(
            {"word_embedding_dimension": 32, "pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False}))

    enc = BertEncoder(_edited_copy(models["bert"], tmp_path / "bge", cls_pooling), device="cpu")
    with caplog.at_level("WARNING", logger="wordeval.notices"):
        enc.encode_sentences(["a cat"], pooling="cls")
        assert not caplog.records
        enc.encode_sentences(["a cat"], pooling="mean")
    notes = [r.getMessage() for r in caplog.records]
    assert len(notes) == 1 and "pools by cls" in notes[0] and "by mean" in notes[0]
    caplog.clear()
    with caplog.at_level("WARNING", logger="wordeval.notices"):
        BertEncoder(models["bert"], device="cpu").encode_sentences(["a cat"], pooling="mean")
    assert not caplog.records  # a plain folder names no pooling


def test_last4_on_a_model_of_fewer_than_four_layers_is_refused(models):
    """On a 3-layer model "the mean of the last four hidden states" averaged all four it has, the embedding
    layer included, under the name last4."""
    from wordeval.errors import ConfigError

    with pytest.raises(ConfigError, match="layer=last4: this model has 3 layers"):
        BertEncoder(models["bert"], layer="last4", device="cpu")


@pytest.mark.parametrize("layer", ["9", "last4"])
def test_a_layer_the_model_lacks_stops_the_run_before_its_store(models, tmp_path, capsys, layer):
    """layer=9 on a 3-layer model was found when the model loaded, after the run had created its store."""
    from wordeval.cli import main

    (tmp_path / "sts.tsv").write_text("a cat\ta dog\t1.0\na man\ta car\t0.2\n")
    (tmp_path / "sts.toml").write_text('name = "tiny"\nfamily = "sts"\n[files]\ntest = "sts.tsv"\n')
    out = tmp_path / "out"
    assert main(["-q", "intrinsic", f"bert:model={models['bert']},layer={layer}", "--tasks",
                 str(tmp_path / "sts.toml"), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    # the line names the representation's spec first (874a9bd), then the option and what the model has
    spec = f"bert:model={models['bert']},layer={layer}"
    assert len(err.splitlines()) == 1 and err.startswith(f"wordeval: error: {spec}: layer={layer}: this model has")
    assert not out.exists()


def test_classification_fine_tuning_cuts_texts_at_a_short_models_limit(models):
    """The default cut of 128 tokens on a 64-position model was a tensor-size traceback inside the model."""
    from wordeval.errors import ConfigError
    from wordeval.extrinsic.bert_finetune import finetune_predict

    enc = BertEncoder(models["bert"], device="cpu")
    texts = [" ".join(TEXT[:12]), "a cat sat", " ".join(TEXT[1:13]), "a dog barked"]
    labels = ["long", "short", "long", "short"]
    preds, info = finetune_predict(enc, texts, labels, texts[:2], epochs=1, batch_size=4, device="cpu")
    lengths = [len(enc.tokenizer(t)["input_ids"]) for t in texts]
    assert len(preds) == 2 and info["max_length"] == 64
    assert info["cut_texts"]["train"] == {"texts": 4, "cut": sum(n > 64 for n in lengths), "max_tokens": 64} \
        and sum(n > 64 for n in lengths) == 2
    with pytest.raises(ConfigError, match="finetune max_length=100: this model handles at most 64 tokens"):
        finetune_predict(enc, texts, labels, texts[:2], epochs=1, max_length=100, device="cpu")


def test_sentence_transformer_token_features_past_its_cut_are_noted(models, caplog):
    """Words past a SentenceTransformer's max_seq_length got zero token features without a word."""
    st = pytest.importorskip("sentence_transformers")
    from wordeval.adapters import as_embedding

    model = st.SentenceTransformer(str(models["bert"]), device="cpu")
    model.max_seq_length = 8
    words = "the cat sat on the mat with a dog".split()
    n_in = len(model.tokenizer(words, is_split_into_words=True, truncation=True, max_length=8).word_ids()) - 2
    with caplog.at_level("WARNING", logger="wordeval.notices"):
        got = as_embedding(model, name="st").encode_tokens([words])[0]
    assert n_in == 6 and not got[n_in:].any() and got[:n_in].all(axis=1).all()
    # sentence-transformers 3.0.1 logs a warning of its own when it reads a folder without modules.json
    notes = [r.getMessage() for r in caplog.records if r.name == "wordeval.notices"]
    assert len(notes) == 1 and "3 of 9 words have zero token features" in notes[0]


def test_weights_missing_from_the_checkpoint_are_refused_not_drawn_at_random(models, tmp_path):
    """A checkpoint without some of the model's tensors was scored with those drawn at random (transformers
    only logs it): another vector on every load. A masked-LM checkpoint, which lacks only the pooler that
    nothing here reads, still loads."""
    from safetensors.torch import load_file, save_file

    from wordeval.errors import InputFormatError

    def drop_layer_1(folder):
        weights = load_file(folder / "model.safetensors")
        save_file({k: v for k, v in weights.items() if ".layer.1." not in k}, folder / "model.safetensors",
                  metadata={"format": "pt"})

    with pytest.raises(InputFormatError, match=r"expected weights for every tensor of a BertModel, got 16 missing"):
        BertEncoder(_edited_copy(models["bert"], tmp_path / "cut", drop_layer_1), device="cpu")

    mlm = tmp_path / "mlm"
    config = transformers.BertConfig.from_pretrained(models["bert"])
    transformers.BertForMaskedLM(config).save_pretrained(mlm)
    for name in ("vocab.txt", "tokenizer.json", "tokenizer_config.json"):
        shutil.copy(models["bert"] / name, mlm / name)
    want = transformers.BertForMaskedLM.from_pretrained(mlm).bert
    enc = BertEncoder(mlm, device="cpu")
    got = {k: v for k, v in enc.model.state_dict().items() if not k.startswith("pooler.")}
    assert all(torch.equal(v, want.state_dict()[k]) for k, v in got.items())


def test_cls_pooling_is_refused_where_no_special_token_leads(models):
    """A GPT-2-style tokenizer adds nothing before a text: "CLS" pooling read the first word's state."""
    from wordeval.errors import NotAvailableError

    gpt2 = BertEncoder(models["gpt2"], device="cpu")
    assert gpt2.tokenizer("a cat")["input_ids"] == gpt2.tokenizer("a cat", add_special_tokens=False)["input_ids"]
    with pytest.raises(NotAvailableError, match="pooling='cls': gpt2's tokenizer puts no special token"):
        gpt2.encode_sentences(["a cat"], pooling="cls")
    assert gpt2.encode_sentences(["a cat"], pooling="mean").shape == (1, 32)


def test_an_empty_text_without_special_tokens_is_a_zero_vector_in_any_batch(models):
    """GPT-2's tokenizer gives an empty text no token at all: its mean over no state is the zero vector (as
    sentence-transformers' clamped mean gives), alone or beside other texts; alone it was a torch reshape
    error (a traceback)."""
    gpt2 = BertEncoder(models["gpt2"], device="cpu", threads=1)
    assert gpt2.tokenizer("")["input_ids"] == []
    alone = gpt2.encode_sentences([""])
    mixed = gpt2.encode_sentences(["a cat", "", "a cat sat"])
    assert not alone.any() and not mixed[1].any()
    assert np.array_equal(mixed[0], gpt2.encode_sentences(["a cat"])[0]) and mixed[0].any()
