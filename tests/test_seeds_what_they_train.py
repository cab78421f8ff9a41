"""What a seed trains, as README's Seeds paragraph and ``run --help`` say: ``run`` with one seed keeps a tagging
task's n_seeds (the record of seed 0 trains seeds 0, 1, 2), and a crf fit does not read its seed (L-BFGS has no
random order), so its seeds repeat one fit unless k-means clusters or random OOV vectors draw from it. README
said only "--seeds N runs seeds SEED..SEED+N-1, one record each", which a run of one seed does not keep."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.datasets.types import Dataset, TaggedSentence
from wordeval.extrinsic import tagging
from wordeval.runner import plan
from wordeval.tasks.task import get_task

from wordeval.embeddings.base import StaticEmbedding

from test_learners import FILLER, NAMES, _corpus
from test_readme_claims import PROSE

NER = get_task("ner/conll2003").spec


def _noisy_dataset() -> Dataset:
    """The learners' toy corpus with a quarter of the training tags shuffled, so that fits can differ."""
    rng = np.random.default_rng(5)
    splits = {}
    for name, (n, seed) in {"train": (120, 1), "dev": (30, 2), "test": (60, 3)}.items():
        sents, tags = _corpus(n, seed)
        if name == "train":
            pool = ["O", "B-PER", "B-LOC", "B-ORG"]
            tags = [[pool[rng.integers(4)] if rng.random() < 0.25 else t for t in tg] for tg in tags]
        splits[name] = [TaggedSentence(tuple(s), tuple(t)) for s, t in zip(sents, tags)]
    return Dataset("toy", "1", "ner", splits, {"toy.txt": "0" * 64}, "memory", {"scheme": "IOB2"})


def _uninformative_embedding() -> StaticEmbedding:
    """Random vectors: they do not say an entity's type, so a fit has to guess and can guess otherwise."""
    words = NAMES + FILLER
    return StaticEmbedding(words, np.random.default_rng(0).normal(size=(len(words), 8)).astype(np.float32))


def _seed_columns(config) -> list[list[int]]:
    config = {"profile": "quick", "n_seeds": 3, "epochs": 30, **config}
    rec = tagging.evaluate_dataset(NER, _uninformative_embedding(), _noisy_dataset(), config=config, seed=0,
                                   progress=False)
    assert rec.extra["per_seed"]["seed"] == [0, 1, 2]
    return [rec.per_item[f"{c}@{k}"] for k in range(3) for c in ("tp", "fp", "fn")]


def test_crf_seeds_repeat_one_fit_unless_k_means_draws_from_the_seed():
    crf = _seed_columns({"learner": "crf"})
    assert sum(crf[1]) > 0 and crf[0:3] == crf[3:6] == crf[6:9]  # imperfect fits, the same three times
    # the comparison can see a difference: the seed moves k-means' cluster ids, and the perceptron's order
    for config in ({"learner": "crf", "clusters": 3}, {"learner": "perceptron", "epochs": 3}):
        other = _seed_columns(config)
        assert not other[0:3] == other[3:6] == other[6:9], config


def test_random_oov_vectors_are_drawn_by_each_seed(monkeypatch):
    """README: each seed of a record draws oov = "random"'s vectors with its own seed, so seed s of a record is
    the fit of the record of seed s (they were drawn once, with the first seed). Checked on the features
    themselves (words of the toy corpus left out of the table) and on the records' per-seed counts."""
    import wordeval.extrinsic.features as features

    kept = NAMES[:3] + FILLER[:5]
    table = StaticEmbedding(kept, np.random.default_rng(0).normal(size=(len(kept), 8)).astype(np.float32))
    sents = {"train": [tuple(NAMES + FILLER)]}
    first, again, other = (features.build_features(table, sents, oov="random", seed=s).table for s in (0, 0, 1))
    assert np.array_equal(first, again) and not np.array_equal(first, other)
    seeds_drawn, real = [], features.build_features

    def spy(*args, **kwargs):
        seeds_drawn.append(kwargs.get("seed"))
        return real(*args, **kwargs)

    monkeypatch.setattr(features, "build_features", spy)  # evaluate_dataset imports it when it runs
    config = {"learner": "crf", "oov": "random", "n_seeds": 3, "epochs": 5, "profile": "quick"}
    rec = tagging.evaluate_dataset(NER, table, _noisy_dataset(), config=config, seed=4, progress=False)
    assert rec.extra["per_seed"]["seed"] == [4, 5, 6] and seeds_drawn == [4, 5, 6]
    assert rec.config["oov_draws"] == "per-seed"
    # seed 5 of that record is the record of seed 5 alone (a crf fit reads no other draw)
    alone = tagging.evaluate_dataset(NER, table, _noisy_dataset(), config={**config, "n_seeds": 1}, seed=5,
                                     progress=False)
    assert "oov_draws" not in alone.config  # one seed draws with it, as before: its key did not change
    assert rec.extra["per_seed"]["f1"][1] == alone.extra["per_seed"]["f1"][0]


def test_run_with_one_seed_keeps_the_tagging_task_s_n_seeds(tmp_path):
    words = "EU rejects German call Peter Blackburn".split()
    (tmp_path / "v.txt").write_text("".join(f"{w} {i} 1 0\n" for i, w in enumerate(words)))
    (tmp_path / "train.txt").write_text("EU\tB-ORG\nrejects\tO\n\nPeter\tB-PER\nBlackburn\tI-PER\n\n")
    (tmp_path / "dev.txt").write_text("German\tB-ORG\ncall\tO\n\n")  # a type train has: none is refused
    (tmp_path / "test.txt").write_text("Peter\tB-PER\ncall\tO\n\n")
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "ner"\n[files]\ntrain = "train.txt"\ndev = "dev.txt"\n'
                    'test = "test.txt"\n')
    one = plan([f"v={tmp_path / 'v.txt'}"], [str(spec)], seeds=[0])
    assert [c.config["n_seeds"] for c in one.cells] == [3]
    two = plan([f"v={tmp_path / 'v.txt'}"], [str(spec)], seeds=[0, 1])
    assert [c.config["n_seeds"] for c in two.cells] == [1, 1]


@pytest.mark.parametrize("claim", [
    "With one seed (`run --tasks` without `--seeds`, or `--seeds 1`) `run` keeps the family's `n_seeds`: the "
    "one record of a tagging or classification task trains seeds SEED..SEED+2",
    "A `crf` fit is deterministic",
    "`oov = \"random\"`'s vectors, which each seed draws with its own seed (seed s of a record is the fit of "
    "the record of `--seed s`; the record's config says `oov_draws: per-seed`). Otherwise the seeds of a `crf` "
    "record repeat one fit, and their sd is 0",
])
def test_readme_says_what_a_seed_trains(claim):
    assert claim in PROSE


def test_run_help_says_it_too():
    from wordeval.cli import build_parser

    run = next(a for a in build_parser()._subparsers._group_actions[0].choices["run"]._actions
               if "--seeds" in a.option_strings)
    assert "with one seed, a tagging or classification record trains the task's n_seeds" in run.help
