"""A causal model (GPT-2, Llama, ...) given as bert:model=FOLDER gives token vectors that see only the words
before them; wordeval read it as it reads BERT and said nothing. Now a note says so at load, and the
records' embedding parameters keep it (attention); BERT's say nothing, and GPT-2's fingerprint is unmoved.
The oracle of "left context only" is the model itself: a GPT-2's first word's vector does not change with
the words after it, a BERT's does. Tiny random models built by transformers, offline."""
from __future__ import annotations

import json
import logging

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._tiny_bert import write_tiny_bert  # noqa: E402
from wordeval.cli import main  # noqa: E402

WORDS = ["the", "cat", "sat", "dog", "ran", "tiger", "book", "paper", "money", "cash"]


@pytest.fixture(scope="module")
def gpt2(tmp_path_factory):
    from tokenizers import ByteLevelBPETokenizer

    folder = tmp_path_factory.mktemp("gpt2")
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator([" ".join(WORDS)] * 3, vocab_size=280, min_frequency=1, special_tokens=["<|e|>"])
    bpe.save_model(str(folder))
    transformers.GPT2TokenizerFast.from_pretrained(folder).save_pretrained(folder)
    torch.manual_seed(0)
    transformers.GPT2Model(transformers.GPT2Config(vocab_size=bpe.get_vocab_size(), n_embd=16, n_layer=1,
                                                   n_head=2, n_positions=32)).eval().save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def bert(tmp_path_factory):
    return write_tiny_bert(tmp_path_factory.mktemp("bert"), WORDS)


def _first_word(enc, second: str) -> np.ndarray:
    return np.asarray(enc.encode_tokens([["the", second]])[0][0])


def test_the_note_and_the_record_say_left_context_only(gpt2, bert, caplog, tmp_path):
    from wordeval.embeddings.bert import BertEncoder

    with caplog.at_level(logging.WARNING, logger="wordeval.notices"):
        g = BertEncoder(gpt2)
        b = BertEncoder(bert)
    # the oracle: what each model does with the words after the first
    np.testing.assert_array_equal(_first_word(g, "cat"), _first_word(g, "dog"))
    assert not np.allclose(_first_word(b, "cat"), _first_word(b, "dog"))
    notes = [r.getMessage() for r in caplog.records if r.name == "wordeval.notices"]
    assert notes == [f"wordeval: note: {gpt2}: token vectors of left context only (a causal model: a token's "
                     f"vector sees no word after it); type-level and sentence vectors pool them"]
    assert g.info.parameters["attention"].startswith("left context only")
    assert "attention" not in b.info.parameters
    # recorded without moving the fingerprint a GPT-2's records were stored under
    g.left_context_only = False
    assert g.fingerprint_for("token") == g.info.fingerprint


def test_a_run_record_keeps_it(gpt2, tmp_path):
    from tests._small_task import write_small_task

    _, spec = write_small_task(tmp_path)
    out = tmp_path / "res"
    rep = f"bert:type-level,model={gpt2}"
    assert main(["--quiet", "run", rep, "--tasks", str(spec), "--out", str(out)]) == 0
    from wordeval.results.store import ResultStore
    with ResultStore(out, readonly=True) as store:
        (record,) = store.records()
    params = json.loads(record.to_json())["embedding"]["parameters"]
    assert params["attention"].startswith("left context only (a causal model")
