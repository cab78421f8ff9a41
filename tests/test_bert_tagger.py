"""learner=bert-finetune on CPU: tiny hand-made IOB2 data, one epoch (it must run without a GPU)."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from wordeval.datasets.types import Dataset, TaggedSentence  # noqa: E402
from wordeval.errors import ConfigError  # noqa: E402
from wordeval.extrinsic import tagging  # noqa: E402
from wordeval.extrinsic.learners.bert_tagger import BertFineTuneTagger, EncoderInputs  # noqa: E402
from wordeval.extrinsic.spans import span_scores  # noqa: E402
from wordeval.tasks.task import get_task  # noqa: E402

NER_CONLL2003, POS_PTB = get_task("ner/conll2003").spec, get_task("pos/ptb-pos").spec

from test_learners import _corpus, _embedding  # noqa: E402

MAX_LENGTH = 16  # 14 subwords per window after [CLS]/[SEP]: the long test sentence needs several windows


@pytest.fixture(scope="module")
def minilm():
    from wordeval.embeddings.bert import BertEncoder

    return BertEncoder("minilm", device="cpu", max_length=MAX_LENGTH)


def _long_sentence():
    sents, tags = _corpus(6, 9)
    return tuple(w for s in sents for w in s), tuple(t for tg in tags for t in tg)


def _dataset(pos: bool = False) -> Dataset:
    splits = {}
    for name, (n, seed) in {"train": (20, 1), "dev": (6, 2), "test": (6, 3)}.items():
        sents, tags = _corpus(n, seed)
        items = [TaggedSentence(tuple(s), tuple(t)) for s, t in zip(sents, tags)]
        if name == "test":
            items.append(TaggedSentence(*_long_sentence()))
        if pos:
            items = [TaggedSentence(x.tokens, tuple("PROPN" if t != "O" else "X" for t in x.tags)) for x in items]
        splits[name] = items
    return Dataset("toy", "1", "pos" if pos else "ner", splits, {"toy.txt": "0" * 64}, "memory",
                   {"scheme": None if pos else "IOB2"})


def _digest(model) -> str:
    h = hashlib.sha256()
    for k, v in sorted(model.state_dict().items()):
        h.update(k.encode() + v.detach().cpu().numpy().tobytes())
    return h.hexdigest()


def _fit(minilm, data, seed):
    tokens = {s: [x.tokens for x in items] for s, items in data.splits.items()}
    inputs = EncoderInputs(minilm, tokens)
    score = lambda gold, pred: span_scores(gold, pred, scheme="IOB2")["f1"]  # noqa: E731
    learner = BertFineTuneTagger(epochs=1, device="cpu").fit(
        inputs, [x.tags for x in data.splits["train"]], [x.tags for x in data.splits["dev"]], score=score,
        seed=seed, progress=False)
    return inputs, learner


def test_same_seed_same_predictions_caller_untouched_and_long_sentences_stitched(minilm):
    data = _dataset()
    before = _digest(minilm.model)
    features_before = minilm.encode_tokens([data.splits["test"][0].tokens])[0]
    inputs, first = _fit(minilm, data, seed=3)
    _, second = _fit(minilm, data, seed=3)
    pred1, pred2 = first.predict(inputs, "test"), second.predict(inputs, "test")
    assert pred1 == pred2
    assert _digest(minilm.model) == before  # a private copy was trained
    # (allclose: training set torch's CPU thread count, which reorders float sums in the last bits)
    np.testing.assert_allclose(minilm.encode_tokens([data.splits["test"][0].tokens])[0], features_before,
                               atol=1e-5)
    assert _digest(first.model.encoder) != before  # ... and it did move
    long_words = data.splits["test"][-1].tokens
    test_inputs = inputs.splits["test"]
    assert sum(w.sentence == len(test_inputs.tokens) - 1 for w in test_inputs.windows) > 1
    # every word of the long sentence is labelled by exactly one window
    covered = sorted(i for w in test_inputs.windows if w.sentence == len(test_inputs.tokens) - 1 for i in w.words)
    assert covered == list(range(len(long_words)))
    assert [len(p) for p in pred1] == [len(x.tokens) for x in data.splits["test"]]
    assert set(t for p in pred1 for t in p) <= set(first.vocab.tags)


def test_evaluator_record_span_and_pos(minilm):
    cfg = {"learner": "bert-finetune", "epochs": 1, "n_seeds": 2, "profile": "quick", "device": "cpu"}
    rec = tagging.evaluate_dataset(NER_CONLL2003, minilm, _dataset(), config=cfg, seed=5, progress=False)
    # summed counts, then each seed's own (schema 3: wordeval.results.seed_items)
    assert list(rec.per_item) == ["id", "tp", "fp", "fn", "tp@0", "fp@0", "fn@0", "tp@1", "fp@1", "fn@1"]
    assert rec.n_used == 7
    for k in ("tp", "fp", "fn"):
        assert np.array_equal(np.add(rec.per_item[f"{k}@0"], rec.per_item[f"{k}@1"]), rec.per_item[k])
    assert rec.extra["per_seed"]["seed"] == [5, 6] and len(rec.extra["per_seed"]["f1"]) == 2
    pooled = tagging.main_score_from_items({k: np.asarray(v) for k, v in rec.per_item.items()})
    gold_spans = sum(rec.per_item["tp"]) + sum(rec.per_item["fn"])
    n_gold = sum(t.startswith("B-") for x in _dataset().splits["test"] for t in x.tags)
    assert gold_spans == 2 * n_gold  # summed over two seeds
    assert 0.0 <= pooled <= 1.0
    settings = rec.config["learner_settings"]
    assert settings["lr"] == 5e-5 and settings["subword"] == "first" and settings["epochs"] == 1
    assert rec.config["learner_params"] == {"epochs": 1, "device": "cpu", "threads": 1}
    assert rec.extra["feature_level"] == "subword (fine-tuned)" and rec.scores["oov_rate"] == 0.0
    # the fine-tuned tagger reads the encoder's windows too, so its record describes them
    test_words = sum(len(x.tokens) for x in _dataset().splits["test"])
    assert {k: rec.extra["token_windows"]["test"][k] for k in ("sentences", "words")} == {"sentences": 7,
                                                                                      "words": test_words}

    pos = tagging.evaluate_dataset(POS_PTB, minilm, _dataset(pos=True), config=dict(cfg, n_seeds=1), seed=0,
                                   progress=False)
    assert list(pos.per_item) == ["id", "correct", "total"]
    assert pos.per_item["total"] == [len(x.tokens) for x in _dataset().splits["test"]]
    assert pos.scores["accuracy"] == pytest.approx(sum(pos.per_item["correct"]) / sum(pos.per_item["total"]))


@pytest.mark.parametrize("config, match", [
    ({"hidden": 100}, "no hidden layer"),
    ({"clusters": 5}, "no hidden layer or cluster"),
    ({"epochs": -1}, "epochs must be a positive"),
    ({"dropout": 1.5}, "dropout must be in"),
])
def test_bad_options_raise_config_error(minilm, config, match):
    with pytest.raises(ConfigError, match=match):
        tagging.evaluate_dataset(NER_CONLL2003, minilm, _dataset(),
                                 config=dict({"learner": "bert-finetune", "device": "cpu"}, **config),
                                 progress=False)


def test_wrong_representation_or_combination_raises_config_error(minilm):
    with pytest.raises(ConfigError, match="needs a transformers encoder"):
        tagging.evaluate_dataset(NER_CONLL2003, _embedding(), _dataset(),
                                 config={"learner": "bert-finetune", "epochs": 1}, progress=False)
    with pytest.raises(ConfigError, match="learner=bert-finetune"):
        tagging.evaluate_dataset(NER_CONLL2003, minilm, _dataset(),
                                 config={"learner": "mlp", "finetune": True, "epochs": 1}, progress=False)
    with pytest.raises(ConfigError, match="lr must be a positive"):
        BertFineTuneTagger(lr=0)


def test_cli_offers_the_learner():
    import argparse

    from wordeval.cli import extrinsic

    parser = argparse.ArgumentParser()
    extrinsic.add_arguments(parser)
    args = parser.parse_args(["minilm", "--learner", "bert-finetune", "--tasks", "ner/wnut16"])
    assert extrinsic.family_config("ner", args)["learner"] == "bert-finetune"
