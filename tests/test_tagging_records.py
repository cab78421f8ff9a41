"""What a tagging record says about how its fits ran: the device used, the OOV rows under fine-tuning."""
from __future__ import annotations

import numpy as np
import pytest

from test_learners import _embedding
from test_tagging import NER_CONLL2003, _dataset
from tests._records import make_record
from wordeval.extrinsic import tagging
from wordeval.report.compare import compare

MLP = {"learner": "mlp", "epochs": 2, "profile": "quick", "n_seeds": 1}


def test_learner_settings_name_the_device_the_fit_used_not_auto():
    """learner_settings.device_name was read from the unfitted learner: 'auto', whichever device trained."""
    import torch

    used = "cuda:0" if torch.cuda.is_available() else "cpu"  # what device=auto picks (torch_common.pick_device)
    rec = tagging.evaluate_dataset(NER_CONLL2003, _embedding(), _dataset(), config=MLP, progress=False)
    assert rec.config["device"] == "auto"  # what was asked stays in the config
    assert rec.config["learner_settings"]["device_name"] == used
    assert rec.extra["per_seed"]["device"] == [used]


def _pos_record(seed: int, device_name: str, day: int):
    total = np.random.default_rng(4).integers(5, 20, size=60)
    rec = make_record("A", "pos/toy", {"id": list(range(len(total))), "correct": list(total // (2 + seed)),
                                       "total": list(total)}, seed=seed)
    rec.extra = {"protocol": {"n_sentences": {"test": len(total)}, "n_available": {"test": len(total)},
                              "seeds": [seed], "learner": "mlp"}, "per_seed": {"seed": [seed]}}
    rec.config = {"oov": "unk", "learner": "mlp", "learner_params": {"epochs": 10}, "n_seeds": 1,
                  "device": "auto", "learner_settings": {"epochs": 10, "device_name": device_name}}
    rec.run = {**rec.run, "time": f"2026-01-0{day}T00:00:00+00:00"}
    return rec


@pytest.mark.parametrize("older", ["auto", "cuda:0"])
def test_seeds_on_another_device_stay_one_setting(older):
    """A seed recorded with device_name 'auto' (before the used device was recorded) or run on a GPU, and a
    later seed on the CPU, are one setting: both count, no note says they differ."""
    comp = compare([_pos_record(0, older, 1), _pos_record(1, "cpu", 2)], n_boot=50)
    assert comp.cells[("A", "pos/toy")]["n_seeds"] == 2
    assert not any("other settings" in n for n in comp.notes), comp.notes


@pytest.mark.parametrize("learner", ["mlp", "bilstm-crf"])
@pytest.mark.parametrize("oov", ["zero", "random"])
def test_finetuning_keeps_the_oov_rows_of_zero_and_random_fixed(learner, oov):
    """README: oov=zero is a fixed zero vector, random a fixed seeded one per OOV word. --finetune trained
    those rows like any word's (oov=zero became a learned vector per OOV word); the covered rows still train."""
    from test_learners import _corpus
    from wordeval.extrinsic.features import build_features
    from wordeval.extrinsic.learners import learner_class
    from wordeval.extrinsic.spans import span_scores

    (tr, ytr), (dv, ydv) = _corpus(60, 1), _corpus(20, 2)
    tr = [tuple("zzz" if t == "and" else t for t in s) for s in tr]  # an OOV word the training sees
    feats = build_features(_embedding(), {"train": tr, "dev": dv}, oov=oov, case="exact-then-lower")
    oov_rows = [len(feats.table) - 1]  # 'zzz', the one OOV type: a type table puts its own OOV rows last
    fitted = learner_class(learner)(epochs=2, finetune=True, device="cpu").fit(
        feats, ytr, ydv, score=lambda g, p: span_scores(g, p, scheme="IOB2")["f1"], seed=0)
    weights = fitted.model.inputs.emb.weight.detach().cpu().numpy()
    np.testing.assert_array_equal(weights[oov_rows], feats.table[oov_rows])  # not a bit moved
    assert not np.array_equal(weights[2:oov_rows[0]], feats.table[2:oov_rows[0]])  # fine-tuned covered rows


def test_the_record_says_the_oov_rows_stayed_fixed():
    cfg = tagging.resolve_config({"learner": "mlp", "finetune": True, "oov": "zero"})
    assert cfg["oov_rows"] == "fixed" and tagging.validate_config(cfg) == cfg
    assert "oov_rows" not in tagging.resolve_config({"learner": "mlp", "finetune": True, "oov": "unk"})
    assert "oov_rows" not in tagging.resolve_config({"learner": "mlp", "oov": "zero"})
