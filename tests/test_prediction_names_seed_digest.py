"""A prediction file's settings digest leaves out the seeds a record trained.

Classification records hold ``seeds: [k]`` in their config under ``--seeds``, so their files were named
``…__seed0__cfg5ec3a342`` and ``…__seed1__cfg018d9cdf`` (one digest per seed) while NER's seeds shared one
digest; the seed is in the name already. The expected digests are config_hash of configs written by hand."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from wordeval.results.predictions import scored_with_predictions
from wordeval.results.record import config_hash

SETTINGS = {"case": "exact-then-lower", "c_grid": [0.1, 1.0], "features": "pooled"}


def _record(seed, config):
    return SimpleNamespace(task="classification/tiny", task_version="1", label="mine",
                           embedding={"fingerprint": "f"}, seed=seed, config=config, main_score="accuracy",
                           main_value=0.5, dataset_sha256={},
                           cache_key=lambda: f"key{seed}")


def _publish(folder, seed, config):
    def score(tmp):
        (Path(tmp) / f"classification__tiny__mine__seed{seed}.tsv").write_text("id\tgold\tpredicted\n",
                                                                                encoding="utf-8")
        return _record(seed, config)

    return scored_with_predictions(str(folder), score)


def test_every_seed_of_one_setting_carries_one_digest_that_leaves_the_seeds_out(tmp_path):
    for seed in (0, 1):
        _publish(tmp_path, seed, {**SETTINGS, "seeds": [seed]})
    tag = config_hash(SETTINGS)[:8]
    names = sorted(p.name for p in tmp_path.glob("*.tsv"))
    assert names == [f"classification__tiny__mine__seed{k}__cfg{tag}.tsv" for k in (0, 1)]
    facts = json.loads((tmp_path / f"classification__tiny__mine__seed1__cfg{tag}.tsv.json").read_text())
    # the sidecar still names the record's own config and its full hash, and says which digest the name holds
    assert facts["config"]["seeds"] == [1]
    assert facts["config_hash"] == config_hash({**SETTINGS, "seeds": [1]})
    assert facts["file_settings_hash"] == config_hash(SETTINGS) and facts["seed"] == 1


def test_a_config_without_seeds_keeps_its_digest(tmp_path):
    _publish(tmp_path, 0, SETTINGS)
    assert (tmp_path / f"classification__tiny__mine__seed0__cfg{config_hash(SETTINGS)[:8]}.tsv").is_file()


def test_the_file_named_with_the_seeds_digest_is_replaced(tmp_path):
    config = {**SETTINGS, "seeds": [0]}
    old = f"classification__tiny__mine__seed0__cfg{config_hash(config)[:8]}.tsv"
    (tmp_path / old).write_text("id\tgold\tpredicted\n", encoding="utf-8")
    (tmp_path / f"{old}.json").write_text(json.dumps({"file": old, "task": "classification/tiny",
                                                      "representation": "mine"}), encoding="utf-8")
    _publish(tmp_path, 0, config)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        f"classification__tiny__mine__seed0__cfg{config_hash(SETTINGS)[:8]}.tsv",
        f"classification__tiny__mine__seed0__cfg{config_hash(SETTINGS)[:8]}.tsv.json"]
