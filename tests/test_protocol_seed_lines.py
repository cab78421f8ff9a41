"""The Protocol listed a tagging task's config key n_seeds (the seeds inside one record) among its policies:
two seed records of one seed each read "seeds: 0, 1" and then "n_seeds = 1", as if one seed had run. The
seeds line alone says which seeds ran, whether as records of their own or inside one record."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.protocol import protocol_lines


def _pos(name, seed, rng):
    total = np.full(30, 10)
    rec = make_record(name, "pos/toy", {"id": list(range(30)), "correct": rng.binomial(total, 0.7), "total": total},
                      seed=seed)
    rec.config = {**rec.config, "learner": "crf", "n_seeds": 1}
    return rec


def test_two_seed_records_are_listed_as_two_seeds_and_not_as_n_seeds_1():
    rng = np.random.default_rng(0)
    records = [_pos(name, seed, rng) for name in ("A", "B") for seed in (0, 1)]
    lines = [text for _, text in protocol_lines(compare(records, n_boot=50).protocol)]
    assert "seeds: 0, 1" in lines
    policies = next(text for text in lines if text.startswith("policies: "))
    assert "learner = crf" in policies and "n_seeds" not in policies
