"""A tokenizer that gives a word no piece at all: a BPE without an unknown token drops every character its
vocabulary lacks. The encoder reads its special tokens off the encoding of the word "a", and such a tokenizer
was refused as "got list index out of range": now the message names the word and what was expected.

Oracle: the tokenizer itself, which gives "a" no piece."""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._small_task import write_small_task  # noqa: E402
from wordeval.cli import main  # noqa: E402
from wordeval.embeddings.bert import BertEncoder  # noqa: E402
from wordeval.errors import InputFormatError  # noqa: E402


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from tokenizers import Tokenizer, models, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("no_piece")
    tok = Tokenizer(models.BPE())  # no unk_token
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(["xyz zyx yy xx zz"] * 5,
                            trainers.BpeTrainer(vocab_size=40, special_tokens=["[PAD]", "[CLS]", "[SEP]"]))
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]",
                                                       special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]")
    fast.save_pretrained(folder)
    assert fast(["a"], is_split_into_words=True, add_special_tokens=False)["input_ids"] == []
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
                         num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
              ).save_pretrained(folder)
    return folder


EXPECTED = ("tokenizer.json: expected a tokenizer that gives the word 'a' at least one piece (its unknown "
            "token where its vocabulary has none), got no piece for 'a'")


def test_the_message_names_the_word_and_what_was_expected(folder):
    with pytest.raises(InputFormatError) as caught:
        BertEncoder(str(folder), device="cpu")
    assert EXPECTED in str(caught.value) and "index out of range" not in str(caught.value)


def test_the_cli_refuses_it_in_one_line_before_its_store(folder, tmp_path, capsys):
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"bert:model={folder}", "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and f"{folder / EXPECTED}" in err, err
    assert not out.exists()


@pytest.fixture(scope="module")
def no_fallback(tmp_path_factory):
    """A BPE that knows "a" (so the encoder loads) but has neither an unknown nor a padding token."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    folder = tmp_path_factory.mktemp("no_fallback")
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(["a cat sat on a mat"] * 5,
                            trainers.BpeTrainer(vocab_size=40, special_tokens=["[CLS]", "[SEP]"]))
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]",
                                                       special_tokens=[("[CLS]", 0), ("[SEP]", 1)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, cls_token="[CLS]", sep_token="[SEP]")
    fast.save_pretrained(folder)
    assert fast.unk_token_id is None and fast.pad_token_id is None
    assert fast(["zzz"], is_split_into_words=True, add_special_tokens=False)["input_ids"] == []
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=2,
                         num_attention_heads=2, intermediate_size=64, max_position_embeddings=64,
                         pad_token_id=None)).save_pretrained(folder)
    return folder


def test_a_word_without_a_piece_or_a_token_to_stand_for_it_is_named(no_fallback):
    """It was a None id in the batch: a TypeError traceback (exit 1) in the first batch."""
    enc = BertEncoder(str(no_fallback), device="cpu")
    assert [v.shape for v in enc.encode_tokens([["a", "cat"]])] == [(2, 32)]
    expected = (f"{no_fallback / 'tokenizer.json'}: expected a tokenizer that gives every word a piece, or "
                "an unknown token for a word it cannot, got no piece for the word 'zzz' and no unknown or "
                "padding token")
    for run in (enc.encode_tokens, enc.describe_windows):
        with pytest.raises(InputFormatError) as caught:
            run([["a", "cat"], ["a", "zzz", "cat"]])
        assert str(caught.value) == expected
