"""crfsuite's averaged perceptron shuffles its training sequences with the C library's rand(): its result must
depend on the fit's seed, not on the fits the process ran before it (a resumed run, another representation
in the same run)."""
from __future__ import annotations

import random

import numpy as np
import pytest

pytest.importorskip("pycrfsuite")

import wordeval  # noqa: E402

WORDS = [f"w{i}" for i in range(40)]
TAGS = ["NN", "VB", "JJ", "DT"]


def _sentences(rng: random.Random, n: int) -> list[str]:
    lines = []
    for _ in range(n):
        prev, items = "DT", []
        for _ in range(rng.randint(4, 12)):
            w = rng.choice(WORDS)
            # the tag depends on the word and the previous tag, with noise: a perceptron's updates then
            # depend on the order it sees the sentences in
            tag = TAGS[(WORDS.index(w) + TAGS.index(prev)) % 4] if rng.random() > 0.25 else rng.choice(TAGS)
            items.append(f"{w}/{tag}")
            prev = tag
        lines.append(" ".join(items))
    return lines


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pos")
    rng = random.Random(7)
    (folder / "train.txt").write_text("\n".join(_sentences(rng, 120)) + "\n", encoding="utf-8")
    (folder / "test.txt").write_text("\n".join(_sentences(rng, 40)) + "\n", encoding="utf-8")
    (folder / "tiny.toml").write_text('name = "tiny"\nfamily = "pos"\n[files]\ntrain = "train.txt"\n'
                                      'test = "test.txt"\n', encoding="utf-8")
    return folder / "tiny.toml"


def _vectors(seed: int) -> dict:
    rng = np.random.default_rng(seed)
    return {w: rng.normal(size=8).astype(np.float32) for w in WORDS}


def _correct(spec, vectors, seed=0) -> list[int]:
    rec = wordeval.evaluate(vectors, str(spec), name="v", seed=seed,
                            config={"learner": "perceptron", "n_seeds": 1, "epochs": 3})
    return list(rec.per_item["correct"])


def test_a_perceptron_fit_does_not_depend_on_the_fits_before_it(spec):
    first = _correct(spec, _vectors(0))
    _correct(spec, _vectors(1))  # another representation's fit in between, as in a run
    assert _correct(spec, _vectors(0)) == first


def test_seeds_0_and_1_shuffle_differently(spec):
    """glibc's srand(0) is srand(1): seeding with the seed itself gave seeds 0 and 1 the same fit."""
    assert _correct(spec, _vectors(0), seed=0) != _correct(spec, _vectors(0), seed=1)
