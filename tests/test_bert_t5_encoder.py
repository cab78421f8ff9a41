"""``bert:model=FOLDER`` on a T5 folder (a sentence-T5 style model): its encoder is read, as
sentence-transformers reads it (``T5EncoderModel``).

AutoModel gave T5Model, whose forward asks for decoder inputs: the first batch was a ValueError traceback
(exit 1), and a folder sentence-transformers saved from the encoder alone was refused for lacking the
decoder's weights. Oracles: transformers' own T5EncoderModel forward pass and ``SentenceTransformer.encode``.
"""
from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytest.importorskip("tokenizers")

from wordeval.embeddings.bert import BertEncoder  # noqa: E402

TEXT = ["The cat sat on the mat .", "A dog barked at the mailman !", "Tokenisation isn't trivial , is it ?",
        "New York is a big city ."] * 10
SENT = ["The", "cat", "sat", "on", "mats", "isn't", "New-York", "!"]
EPS = np.finfo(np.float32).eps


@pytest.fixture(scope="module")
def t5(tmp_path_factory):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

    folder = tmp_path_factory.mktemp("t5")
    tok = Tokenizer(models.Unigram())
    tok.pre_tokenizer, tok.decoder = pre_tokenizers.Metaspace(), decoders.Metaspace()
    tok.train_from_iterator(TEXT, trainers.UnigramTrainer(vocab_size=120, special_tokens=["<pad>", "</s>", "<unk>"],
                                                          unk_token="<unk>"))
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                       special_tokens=[("</s>", 1)])
    tok.save(str(folder / "tokenizer.json"))
    transformers.T5TokenizerFast(tokenizer_file=str(folder / "tokenizer.json"), extra_ids=0).save_pretrained(folder)
    torch.manual_seed(0)
    transformers.T5Model(transformers.T5Config(vocab_size=tok.get_vocab_size(), d_model=32, d_kv=16, d_ff=64,
                                               num_layers=2, num_heads=2, decoder_start_token_id=0)
                         ).eval().save_pretrained(folder)
    return folder


@pytest.mark.parametrize("subword", ["first", "mean"])
def test_t5_token_features_are_its_encoders_states(t5, subword):
    tok = transformers.AutoTokenizer.from_pretrained(t5)
    model = transformers.T5EncoderModel.from_pretrained(t5).eval()
    enc = tok(SENT, is_split_into_words=True, return_tensors="pt")
    with torch.inference_mode():
        states = model(**enc).last_hidden_state[0].numpy()
    pieces = [[i for i, w in enumerate(enc.word_ids()) if w == k] for k in range(len(SENT))]
    assert any(len(p) > 1 for p in pieces)
    want = np.stack([states[p[0]] if subword == "first" else states[p].mean(axis=0) for p in pieces])
    got = BertEncoder(t5, subword=subword, device="cpu").encode_tokens([SENT])[0]
    np.testing.assert_allclose(got, want, rtol=0, atol=64 * EPS * np.abs(states).max())


def test_a_sentence_t5_folder_gives_sentence_transformers_vectors(t5, tmp_path):
    pytest.importorskip("sentence_transformers")
    from sentence_transformers import SentenceTransformer, models

    transformer = models.Transformer(str(t5))
    folder = tmp_path / "sentence-t5"  # saved from the encoder alone: no decoder weights in it
    SentenceTransformer(modules=[transformer, models.Pooling(32, pooling_mode="mean"), models.Normalize()],
                        device="cpu").save(str(folder))
    texts = ["The cat sat on the mat .", "A dog barked !", "New York is a big city , is it ?"]
    want = SentenceTransformer(str(folder), device="cpu").encode(texts, convert_to_numpy=True)
    got = BertEncoder(folder, device="cpu").encode_sentences(texts)
    cosine = (got * want).sum(axis=1) / np.linalg.norm(got, axis=1) / np.linalg.norm(want, axis=1)
    assert cosine.min() >= 1 - 8 * EPS
    np.testing.assert_allclose(got, want, rtol=0, atol=16 * EPS)


def test_an_encoder_decoder_without_an_encoder_class_is_refused_before_anything_is_written(tmp_path, capsys):
    """BART through AutoModel runs its decoder on the text shifted by one token: those decoder states were
    scored as the words' token features, and ``layer=1`` was an AttributeError traceback (exit 1, store made)."""
    from tokenizers import ByteLevelBPETokenizer

    from tests._small_task import write_small_task
    from wordeval.cli import main

    folder = tmp_path / "bart"
    folder.mkdir()
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(TEXT, vocab_size=300, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.save_model(str(folder))
    transformers.BartTokenizerFast.from_pretrained(folder).save_pretrained(folder)
    transformers.BartModel(transformers.BartConfig(
        vocab_size=bpe.get_vocab_size(), d_model=32, encoder_layers=2, decoder_layers=2, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=64)
    ).eval().save_pretrained(folder)
    _, spec = write_small_task(tmp_path)
    transformers.utils.logging.disable_progress_bar()
    capsys.readouterr()
    for layer in (-1, 1):
        out = tmp_path / f"out{layer}"
        rc = main(["-q", "intrinsic", f"bert:type-level,model={folder},layer={layer}", "--tasks", str(spec),
                   "--out", str(out)])
        err = capsys.readouterr().err
        assert rc == 2, err
        assert err.count("\n") == 1 and err.startswith(f"wordeval: error: {folder / 'config.json'}: expected an "
                                                       "encoder") and "'bart'" in err
        assert not out.exists()
