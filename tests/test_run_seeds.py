"""``--seeds N`` / ``wordeval.run(seeds=...)``: one record per seed, each training that seed only. With a
family's default ``n_seeds`` (3) the record of seed s trained seeds s..s+2, so the records of seeds 0 and 1
shared two of their three fits, and the spread between them understated seed-to-seed variance."""
from __future__ import annotations

import numpy as np
import pytest

import wordeval
from wordeval.report.cells import inner_seeds
from wordeval.results.store import load_records
from wordeval.runner import plan

GOOD, BAD, FILLER = ["great", "fine", "lovely"], ["awful", "bad", "dull"], ["plot", "actor", "scene", "music"]


@pytest.fixture
def tiny(tmp_path):
    rng = np.random.default_rng(0)
    words = GOOD + BAD + FILLER + ["the", "film", "was"]
    (tmp_path / "v.txt").write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n"
                                            for w in words), encoding="utf-8")
    for label, pick in (("pos", GOOD), ("neg", BAD)):
        lines = [f"the film was {rng.choice(pick)} {rng.choice(FILLER)}" for _ in range(20)]
        (tmp_path / f"rev.{label}").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def spec(config: str = "") -> str:
        path = tmp_path / "rev.toml"
        path.write_text('name = "tinyrev"\nfamily = "classification"\nprotocol = "cv10"\n[classes]\n'
                        'pos = "rev.pos"\nneg = "rev.neg"\n[config]\ncv_folds = 2\ncv_outer_folds = 2\n' + config,
                        encoding="utf-8")
        return str(path)

    return tmp_path, spec


def test_records_of_several_seeds_train_disjoint_seeds(tiny):
    root, spec = tiny
    wordeval.run([f"v={root / 'v.txt'}"], [spec()], out=root / "S", seeds=[0, 1])
    records, _ = load_records(root / "S")
    assert sorted((r.seed, inner_seeds(r)) for r in records) == [(0, [0]), (1, [1])]


def test_a_single_seed_keeps_the_familys_n_seeds(tiny):
    root, spec = tiny
    p = plan([f"v={root / 'v.txt'}"], [spec()], seeds=[0])
    assert [c.config["n_seeds"] for c in p.cells] == [3]


@pytest.mark.parametrize("where", ["spec", "config"])
def test_an_explicit_n_seeds_with_several_seeds_is_refused(tiny, where):
    root, spec = tiny
    task = spec("n_seeds = 3\n") if where == "spec" else (spec(), {"n_seeds": 3})
    with pytest.raises(wordeval.WordevalError, match=r"n_seeds = 3 with seeds \[0, 1\]"):
        plan([f"v={root / 'v.txt'}"], [task], seeds=[0, 1])
