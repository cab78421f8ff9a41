"""`oov` and `case` are the lookup policies of a word table. An encoder's token states (tagging) and sentence
vectors (classification) read every word as written, so under it those options change nothing: a one-line
note, as for STS's case on a sentence encoder, instead of a record that says the policy applied. Oracle: the
predictions with and without the option are identical (it did nothing); a word table under the same option
gets no note (there it acts)."""
from __future__ import annotations

import logging

import numpy as np

from wordeval.datasets.types import Dataset, TaggedSentence
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.extrinsic import classification as clf
from wordeval.extrinsic import tagging
from wordeval.tasks.task import get_task

from test_classification import _SentenceEncoder, _toy
from test_learners import _corpus, _embedding

NER = get_task("ner/conll2003").spec
_SST2 = get_task("classification/sst2").spec
# its toy set has no dev split: SST-2's spec under the protocol that chooses C by CV on train
SST2 = _SST2.__class__(**{**_SST2.to_dict(), "parameters": {**_SST2.parameters, "protocol": "split"}})


class _TokenEncoder:
    """A token encoder (no lookup): each token's vector from its characters, as written."""

    def __init__(self):
        self.info = EmbeddingInfo("tokenc", "<memory>", "memory", 4, None, "sha256:0")

    def encode_tokens(self, sentences):
        return [np.asarray([[len(t), sum(map(ord, t)) % 11, t[:1].isupper(), 1.0] for t in s], dtype=np.float32)
                for s in sentences]


def _ner() -> Dataset:
    splits = {}
    for name, (n, seed) in {"train": (20, 1), "dev": (6, 2), "test": (8, 3)}.items():
        sents, tags = _corpus(n, seed)
        splits[name] = [TaggedSentence(tuple(s), tuple(t)) for s, t in zip(sents, tags)]
    return Dataset("toy", "1", "ner", splits, {"toy.txt": "0" * 64}, "memory", {"scheme": "IOB2"})


def _notes(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("wordeval: note:")]


def _tag(embedding, **cfg):
    return tagging.evaluate_dataset(NER, embedding, _ner(), progress=False,
                                    config={"learner": "perceptron", "n_seeds": 1, "epochs": 2, **cfg})


def test_oov_and_case_on_a_token_encoder_are_noted_and_change_nothing(caplog):
    caplog.set_level(logging.WARNING)
    plain = _tag(_TokenEncoder())
    assert _notes(caplog) == []
    asked = _tag(_TokenEncoder(), oov="zero", case="lower")
    assert asked.per_item == plain.per_item
    assert _notes(caplog) == ["wordeval: note: oov='zero', case='lower' have no effect on tokenc: an encoder "
                              "gives every token its own vector, as written (oov and case are the word lookup "
                              "of a word table)"]


def test_oov_and_case_on_a_word_table_are_not_noted(caplog):
    caplog.set_level(logging.WARNING)
    _tag(_embedding(), oov="zero", case="lower")
    assert _notes(caplog) == []


def test_oov_and_case_on_sentence_vectors_are_noted_and_change_nothing(caplog):
    _, ds = _toy()
    cfg = {"n_seeds": 1, "cv_folds": 3, "c_grid": [1.0]}
    caplog.set_level(logging.WARNING)
    plain = clf.evaluate_dataset(SST2, _SentenceEncoder(), ds, config=cfg)
    assert _notes(caplog) == []
    asked = clf.evaluate_dataset(SST2, _SentenceEncoder(), ds, config={**cfg, "oov": "unk"})
    assert asked.per_item == plain.per_item
    assert _notes(caplog) == ["wordeval: note: oov='unk' has no effect on charproj: it is classified on its own "
                              "sentence vectors of each text as written (oov and case are the word lookup of a "
                              "word table)"]
    caplog.clear()
    emb, _ = _toy()
    clf.evaluate_dataset(SST2, emb, ds, config={**cfg, "oov": "unk"})  # pooled word vectors: it acts there
    assert _notes(caplog) == []


def test_oov_and_case_under_the_finetune_learner_are_noted_when_planned():
    """learner = "finetune" trains the encoder on the text itself, as tagging's bert-finetune does, where the
    same two options were already noted."""
    from wordeval.option_effects import idle_options

    given = {"learner": "finetune", "oov": "zero", "case": "lower"}
    assert [n.split(":")[0] for n in idle_options("classification", given, clf.resolve_config(given))] == [
        "oov='zero' has no effect", "case='lower' has no effect"]
    given = {"oov": "zero", "case": "lower"}  # logreg on pooled word vectors: they act
    assert idle_options("classification", given, clf.resolve_config(given)) == []


def test_the_note_is_said_once_per_run_not_once_per_seed(tmp_path, caplog):
    """`--seeds 3` said the same note three times, once per seed's record; a second run says it again."""
    from wordeval.cli import main

    sentence = "John B-PER\nSmith I-PER\nlives O\nin O\nParis B-LOC\n. O\n\n"
    (tmp_path / "train.txt").write_text(sentence * 8, encoding="utf-8")
    (tmp_path / "test.txt").write_text(sentence * 2, encoding="utf-8")
    spec = tmp_path / "ner.toml"
    spec.write_text('name = "toy"\nfamily = "ner"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n',
                    encoding="utf-8")
    note = ("wordeval: note: oov='zero' has no effect on minilm: an encoder gives every token its own vector, "
            "as written (oov and case are the word lookup of a word table)")
    caplog.set_level(logging.WARNING)
    for out in ("a", "b"):
        caplog.clear()
        assert main(["-q", "extrinsic", "minilm", "--tasks", str(spec), "--learner", "perceptron", "--oov", "zero",
                     "--seeds", "3", "--epochs", "1", "--out", str(tmp_path / out)]) == 0
        assert _notes(caplog) == [note]


def test_outside_a_run_each_evaluation_says_its_note(caplog):
    caplog.set_level(logging.WARNING)
    _tag(_TokenEncoder(), oov="zero")
    _tag(_TokenEncoder(), oov="zero")
    assert len(_notes(caplog)) == 2
