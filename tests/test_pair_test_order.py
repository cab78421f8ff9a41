"""The paired bootstrap over items x seeds (code S) drew each representation's seeds in turn from the task's
one stream: the same two representations got another p-value when given in the other order, or when a third
was compared beside them. A two-sided test of A against B is the test of B against A (the oracle here is
that symmetry: the same p-value, the difference and its interval mirrored)."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.stats import agreement


def _seed_columns(rng, total, acc, n_seeds=3):
    return [{"id": list(range(len(total))), "correct": rng.binomial(total, acc), "total": total}
            for _ in range(n_seeds)]


def _items(runs):
    return agreement.align_items("pos/s", runs, kind="extrinsic", direction="higher", scorer="accuracy:counts")


@pytest.fixture
def runs():
    rng = np.random.default_rng(7)
    total = rng.integers(5, 20, 200)
    return {"a": _seed_columns(rng, total, 0.80), "b": _seed_columns(rng, total, 0.81),
            "c": _seed_columns(rng, total, 0.6)}


def test_a_pair_tested_over_seeds_gets_one_p_value_whatever_the_order(runs):
    ab = agreement.PairTests([_items({"a": runs["a"], "b": runs["b"]})], n_boot=500, seed=0).test("pos/s", "a", "b")
    ba = agreement.PairTests([_items({"b": runs["b"], "a": runs["a"]})], n_boot=500, seed=0).test("pos/s", "b", "a")
    assert ab["test"] == ba["test"] == "bootstrap-seeds"
    assert ab["p_value"] == ba["p_value"]
    assert ab["difference"] == -ba["difference"]
    assert ab["ci"] == pytest.approx([-ba["ci"][1], -ba["ci"][0]], rel=float(4 * np.finfo(np.float32).eps))


def test_a_third_representation_leaves_a_pairs_p_value_as_it_was(runs):
    two = agreement.PairTests([_items({"a": runs["a"], "b": runs["b"]})], n_boot=500, seed=0).test("pos/s", "a", "b")
    three = agreement.PairTests([_items({"c": runs["c"], "a": runs["a"], "b": runs["b"]})], n_boot=500,
                                seed=0).test("pos/s", "a", "b")
    assert two["p_value"] == three["p_value"]
