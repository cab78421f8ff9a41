"""``bert:model=FOLDER`` on folders that are not a BERT-like text encoder with a position limit: a vision or
speech model (ViT, wav2vec 2.0) and a vision-text pair (CLIP) are refused in one line while the run is
planned; an XLNet, whose relative positions have no limit (its config answers max_position_embeddings with
-1), is read with a window of 512 tokens. Tiny random models written here with transformers."""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._tiny_bert import SPECIALS, write_tiny_bert  # noqa: E402

WORDS = ["a", "cat", "dog", "man", "car", "sat"]


def _with_tokenizer(folder, model, bert_folder):
    model.save_pretrained(folder)
    transformers.AutoTokenizer.from_pretrained(bert_folder).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("non_text")
    bert = write_tiny_bert(root / "bert", WORDS)
    vocab = len(SPECIALS) + len(WORDS)
    torch.manual_seed(0)
    small = dict(num_hidden_layers=1, hidden_size=16, num_attention_heads=2, intermediate_size=32)
    vit = transformers.ViTModel(transformers.ViTConfig(**small, image_size=16, patch_size=8))
    wav = transformers.Wav2Vec2Model(transformers.Wav2Vec2Config(
        **small, conv_dim=(8, 8), conv_stride=(5, 2), conv_kernel=(10, 3), num_conv_pos_embeddings=16,
        num_conv_pos_embedding_groups=2))
    clip = transformers.CLIPModel(transformers.CLIPConfig(
        text_config=dict(**small, vocab_size=vocab, max_position_embeddings=32),
        vision_config=dict(**small, image_size=16, patch_size=8), projection_dim=8))
    xlnet = transformers.XLNetModel(transformers.XLNetConfig(n_layer=1, n_head=2, d_model=16, d_inner=32,
                                                             vocab_size=vocab, pad_token_id=0))
    return {name: _with_tokenizer(root / name, model, bert)
            for name, model in [("vit", vit), ("wav2vec2", wav), ("clip", clip), ("xlnet", xlnet)]}


def _sts_task(tmp_path):
    (tmp_path / "sts.tsv").write_text("a cat\ta dog\t1.0\na man\ta car\t0.2\na cat sat\ta dog sat\t0.7\n")
    (tmp_path / "sts.toml").write_text('name = "tiny"\nfamily = "sts"\n[files]\ntest = "sts.tsv"\n')
    return str(tmp_path / "sts.toml")


@pytest.mark.parametrize("name, model_type, reads", [
    ("vit", "vit", "ViTModel reads pixel_values"),
    ("wav2vec2", "wav2vec2", "Wav2Vec2Model reads input_values"),
    ("clip", "clip", "CLIPModel reads pixel_values")])
def test_a_model_that_reads_no_token_ids_alone_is_refused_before_the_store(folders, tmp_path, capsys, name,
                                                                            model_type, reads):
    """ViT and wav2vec 2.0 were run on token ids and failed inside transformers ('NoneType' object has no
    attribute 'dtype'; forward() missing 'input_values'): a traceback, exit 1, the store created. CLIP's
    composite config was an AttributeError on hidden_size."""
    from wordeval.cli import main

    out = tmp_path / "out"
    assert main(["-q", "intrinsic", f"bert:model={folders[name]}", "--tasks", _sts_task(tmp_path),
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err == (f"wordeval: error: {folders[name] / 'config.json'}: expected a text encoder, whose "
                   f"transformers model reads token ids (input_ids) alone, got model_type {model_type!r}, "
                   f"whose {reads}")
    assert not out.exists()


def test_an_xlnet_is_read_with_a_window_of_512_tokens(folders):
    """XLNetConfig.max_position_embeddings is -1: taken as the limit, every XLNet folder was refused with
    "max_length=-1: leaves no room for words after special tokens", a max_length nobody gave."""
    from wordeval.embeddings.bert import BertEncoder
    from wordeval.embeddings.encoder_memory import geometry

    enc = BertEncoder(folders["xlnet"], device="cpu", threads=1)
    assert enc.max_length == 512 == geometry(folders["xlnet"]).positions
    assert enc.window == 512 - len(enc._prefix) - len(enc._suffix)
    # oracle: transformers' own forward pass over the same ids, mean pooled over the attention mask
    text = "a cat sat"
    ids = enc.tokenizer(text)["input_ids"]
    with torch.inference_mode():
        states = enc.model(input_ids=torch.tensor([ids])).last_hidden_state[0]
    got = enc.encode_sentences([text], pooling="mean")[0]
    assert got == pytest.approx(states.mean(0).numpy(), abs=1e-5)
