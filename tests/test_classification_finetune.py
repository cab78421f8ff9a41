"""Fine-tuning baseline on CPU: a tiny subset, one epoch (it must run without a GPU)."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from wordeval.datasets.types import Dataset, LabeledText  # noqa: E402
from wordeval.errors import ConfigError  # noqa: E402
from wordeval.extrinsic import classification as clf
from wordeval.tasks.task import get_task  # noqa: E402
from wordeval.extrinsic.bert_finetune import finetune_predict  # noqa: E402

POS = ["a wonderful , moving film", "great acting and a clever story", "i loved every minute of it",
       "funny , warm and beautifully shot", "a delightful surprise", "the best film of the year",
       "charming and smart", "an excellent , gripping thriller"]
NEG = ["a dull , lifeless mess", "terrible acting and a stupid plot", "i hated every minute of it",
       "boring , ugly and far too long", "a tedious disappointment", "the worst film of the year",
       "clumsy and stupid", "an awful , pointless bore"]


@pytest.fixture(scope="module")
def minilm():
    from wordeval.embeddings.bert import BertEncoder

    return BertEncoder("minilm", device="cpu")


def _dataset():
    train = [LabeledText(t, "pos") for t in POS[:6]] + [LabeledText(t, "neg") for t in NEG[:6]]
    test = [LabeledText(t, "pos") for t in POS[6:]] + [LabeledText(t, "neg") for t in NEG[6:]]
    return Dataset(name="tiny-sentiment", version="1", family="classification", splits={"train": train, "test": test},
                   files={}, source="<memory>")


def test_finetune_one_epoch_on_cpu_is_seeded_and_leaves_encoder_alone(minilm):
    import torch

    before = {k: v.clone() for k, v in list(minilm.model.state_dict().items())[:3]}
    ds = _dataset()
    opts = {"epochs": 1, "batch_size": 4, "device": "cpu"}
    texts = [t.text for t in ds.splits["train"]]
    labels = [t.label for t in ds.splits["train"]]
    test = [t.text for t in ds.splits["test"]]
    p1, info = finetune_predict(minilm, texts, labels, test, seed=3, **opts)
    p2, _ = finetune_predict(minilm, texts, labels, test, seed=3, **opts)
    assert p1 == p2 and set(p1) <= {"pos", "neg"} and len(p1) == 4
    assert info["steps"] == 3 and info["device"] == "cpu" and np.isfinite(info["last_loss"])
    for k, v in before.items():
        assert torch.equal(minilm.model.state_dict()[k], v)
    # protocol "split": its record called it "C by stratified K-fold CV on train", which fine-tuning never runs
    rec = clf.evaluate_dataset(get_task("classification/sst2").spec, minilm, ds, config={"learner": "finetune", "n_seeds": 1,
                                                                   "finetune": opts, "protocol": "split"}, seed=3)
    assert rec.per_item["pred"] == p1 and rec.config["features"] == "finetune"
    assert rec.config["protocol_description"] == "fine-tuned on train (no C to choose: dev unused); test once"
    assert rec.scores["accuracy"] == pytest.approx(np.mean(np.array(p1) == ["pos", "pos", "neg", "neg"]))


def test_finetune_bad_options(minilm):
    with pytest.raises(ConfigError, match="unknown finetune"):
        finetune_predict(minilm, ["a", "b"], ["x", "y"], ["c"], lr=1)
    with pytest.raises(ConfigError, match="model folder"):
        finetune_predict(object(), ["a", "b"], ["x", "y"], ["c"])
    with pytest.raises(ConfigError, match="two classes"):
        finetune_predict(minilm, ["a", "b"], ["x", "x"], ["c"])


def test_finetune_records_how_many_documents_max_length_cut(minilm):
    from transformers import AutoTokenizer

    long_doc = "a wonderful , moving film with great acting " * 4
    texts, labels = POS[:3] + [long_doc] + NEG[:3], ["pos"] * 4 + ["neg"] * 3
    test = [long_doc, NEG[6]]
    _, info = finetune_predict(minilm, texts, labels, test, seed=0, epochs=1, batch_size=8, max_length=16,
                               device="cpu")
    tok = AutoTokenizer.from_pretrained(minilm.model_dir, local_files_only=True)
    cut = {split: sum(len(ids) > 16 for ids in tok(docs)["input_ids"]) for split, docs in (("train", texts),
                                                                                            ("test", test))}
    assert info["cut_texts"] == {"train": {"texts": 7, "cut": cut["train"], "max_tokens": 16},
                                 "test": {"texts": 2, "cut": cut["test"], "max_tokens": 16}}
    assert cut == {"train": 1, "test": 1}
