"""``wordeval run X --seed 1`` says once, before its first cell, which seeds its extrinsic tasks train, as
``wordeval extrinsic`` does: it said nothing, and with one seed a record trains the task's n_seeds (seeds 1,
2 and 3), which ``extrinsic --seeds 1`` called "seed 1". An intrinsic task trains nothing: no such line.

Oracle: the seeds the stored records trained (``inner_seeds``: their per-seed entries)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests._small_task import write_small_task
from wordeval.report.cells import inner_seeds
from wordeval.results.store import load_records

GOOD, BAD, FILLER = ["great", "fine", "lovely"], ["awful", "bad", "dull"], ["plot", "actor", "scene", "music"]


@pytest.fixture
def tiny(tmp_path):
    """A two-class classification task (2-fold CV: seconds to train) and a similarity task, one vector file."""
    rng = np.random.default_rng(0)
    vectors, similarity = write_small_task(tmp_path)
    words = GOOD + BAD + FILLER + ["the", "film", "was"]
    with open(vectors, "a", encoding="utf-8") as f:
        f.write("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n" for w in words))
    for label, pick in (("pos", GOOD), ("neg", BAD)):
        lines = [f"the film was {rng.choice(pick)} {rng.choice(FILLER)}" for _ in range(20)]
        (tmp_path / f"rev.{label}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    classification = tmp_path / "rev.toml"
    classification.write_text('name = "tinyrev"\nfamily = "classification"\nprotocol = "cv10"\n[classes]\n'
                              'pos = "rev.pos"\nneg = "rev.neg"\n[config]\ncv_folds = 2\ncv_outer_folds = 2\n',
                              encoding="utf-8")
    return vectors, similarity, classification


def _wordeval(tmp_path, *argv):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-m", "wordeval", *map(str, argv)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stderr.splitlines() if line.startswith("seed")]


ONE_RUN = ("seed 1 (--seeds 1): one record a task, which trains seeds 1, 2, 3 (the task's n_seeds; --set "
           "n_seeds=1 for one)")


def test_one_seed_is_said_with_the_seeds_its_record_trains(tiny, tmp_path):
    """``run`` keeps the task's n_seeds with one seed; ``extrinsic`` sets n_seeds 1, a record a seed."""
    vectors, _, classification = tiny
    for command, trained, line in (("run", [1, 2, 3], ONE_RUN), ("extrinsic", [1], "seed 1 (--seeds 1)")):
        out = tmp_path / command
        said = _wordeval(tmp_path, command, f"v={vectors}", "--tasks", classification, "--seed", 1,
                         "--seeds", 1, "--out", out)
        records, _ = load_records(out)
        assert [(r.seed, inner_seeds(r)) for r in records] == [(1, trained)], command
        assert said == [line], command


def test_run_says_several_seeds_once_as_extrinsic_does_and_none_for_intrinsic_tasks(tiny, tmp_path):
    vectors, similarity, classification = tiny
    said = _wordeval(tmp_path, "run", f"v={vectors}", "--tasks", similarity, classification, "--seed", 1,
                     "--seeds", 2, "--out", tmp_path / "S")
    records, _ = load_records(tmp_path / "S")
    trained = sorted(s for r in records if r.task.startswith("classification/") for s in inner_seeds(r))
    assert trained == [1, 2]
    assert said == ["seeds 1, 2 (--seed 1 is the first of --seeds 2 seeds, a record each; --seeds 1 for one)"]
    # an intrinsic task trains nothing: its seed moves only the bootstrap
    assert _wordeval(tmp_path, "run", f"v={vectors}", "--tasks", similarity, "--seed", 1,
                     "--out", tmp_path / "I") == []
