"""Rank agreement, flips and the correlation matrix against scipy and hand-computed oracles."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import kendalltau, spearmanr

from tests._records import SCORERS, accuracy_from_items, make_record, spearman_from_items, toy_records
from wordeval.stats import agreement
from wordeval.stats.bootstrap import paired_bootstrap


def _items(records, task):
    recs = {r.embedding["name"]: r for r in records if r.task == task}
    first = next(iter(recs.values()))
    return agreement.align_items(task, {n: r.per_item for n, r in recs.items()}, kind=first.kind,
                                 direction="higher", scorer=SCORERS[first.family])


def test_align_items_intersects_ids_and_keeps_one_order():
    a = {"id": [1, 2, 3, 4], "gold": [1.0, 2.0, 3.0, 4.0], "pred": [10.0, 20.0, 30.0, 40.0]}
    b = {"id": [4, 3, 1], "gold": [4.0, 3.0, 1.0], "pred": [0.4, 0.3, 0.1]}  # item 2 uncovered, other order
    items = agreement.align_items("similarity/x", {"a": a, "b": b}, kind="intrinsic", direction="higher",
                                  scorer=spearman_from_items)
    assert items.n_common == 3
    assert list(items.columns["a"]["id"]) == [1, 3, 4] == list(items.columns["b"]["id"])
    assert list(items.columns["b"]["pred"]) == [0.1, 0.3, 0.4]
    assert items.n_items == {"a": 4, "b": 3}


def test_tau_point_estimate_equals_scipy_kendalltau():
    records = toy_records()
    items = [_items(records, "similarity/toy"), _items(records, "pos/toy")]
    (row,) = agreement.tau_table(items, n_boot=50, seed=1)
    si, se = items[0].scores(), items[1].scores()
    expect = kendalltau([si[r] for r in "ABC"], [se[r] for r in "ABC"]).statistic
    assert row["tau"] == pytest.approx(expect)
    assert row["tau"] == pytest.approx(-1.0)  # A > B > C intrinsically, C > B > A extrinsically
    lo, hi = row["ci"]
    assert -1.0 <= lo <= hi <= 1.0
    assert row["n_representations"] == 3 and row["n_items"] == [200, 150]
    # Same seed, same interval.
    assert agreement.tau_table(items, n_boot=50, seed=1)[0]["ci"] == row["ci"]


def test_bootstrap_uses_the_same_item_indices_for_every_representation():
    rng = np.random.default_rng(3)
    gold = rng.normal(size=80)
    pred = gold + rng.normal(size=80)
    per_item = {name: {"id": list(range(80)), "gold": gold, "pred": pred} for name in ("x", "y")}
    per_item["z"] = {"id": list(range(80)), "gold": gold, "pred": -pred}
    items = agreement.align_items("similarity/s", per_item, kind="intrinsic", direction="higher",
                                  scorer=spearman_from_items)
    boot = agreement.bootstrap_scores(items, n_boot=40, seed=0)
    # Identical columns give identical resampled scores only if the resampled rows are shared.
    np.testing.assert_array_equal(boot[:, 0], boot[:, 1])
    np.testing.assert_allclose(boot[:, 2], -boot[:, 0])
    assert np.std(boot[:, 0]) > 0


def test_lower_is_better_direction_flips_the_orientation():
    records = toy_records()
    sim = _items(records, "similarity/toy")
    sim.direction = "lower"
    pos = _items(records, "pos/toy")
    (row,) = agreement.tau_table([sim, pos], n_boot=20, seed=0)
    assert row["tau"] == pytest.approx(1.0)


def test_flipped_pairs_are_the_hand_checked_ones_with_paired_bootstrap_p_values():
    records = toy_records()
    items = [_items(records, "similarity/toy"), _items(records, "pos/toy")]
    flips = agreement.flipped_pairs(items, n_boot=200, seed=0)
    pairs = {(f["ahead_intrinsic"], f["ahead_extrinsic"]) for f in flips}
    assert pairs == {("A", "B"), ("A", "C"), ("B", "C")}
    ac = next(f for f in flips if (f["ahead_intrinsic"], f["ahead_extrinsic"]) == ("A", "C"))
    # Oracle: the same paired bootstrap called directly on the aligned columns.
    sim = items[0]
    names = list(sim.columns["A"])
    direct = paired_bootstrap(lambda *c: spearman_from_items(dict(zip(names, c))),
                              [sim.columns["A"][c] for c in names], [sim.columns["C"][c] for c in names],
                              n_boot=200, seed=0 + __import__("zlib").crc32(b"similarity/toy") % 10_000)
    assert ac["p_intrinsic"] == pytest.approx(direct["p_value"])
    assert ac["p_intrinsic"] < 0.05 and ac["p_extrinsic"] < 0.05  # noise 0.3 vs 3.0; accuracy .55 vs .9
    assert ac["p_max"] == max(ac["p_intrinsic"], ac["p_extrinsic"])
    assert ac["intrinsic_scores"][0] > ac["intrinsic_scores"][1]
    assert ac["extrinsic_scores"][0] < ac["extrinsic_scores"][1]
    assert [f["p_max"] for f in flips] == sorted(f["p_max"] for f in flips)


def test_no_flip_when_rankings_agree():
    records = [r for r in toy_records() if r.task == "similarity/toy"]
    for r in toy_records():
        if r.task == "pos/toy":
            # Relabel so the extrinsic order is A > B > C as well.
            swap = {"A": "C", "C": "A", "B": "B"}[r.embedding["name"]]
            records.append(make_record(swap, "pos/toy", r.per_item))
    items = [_items(records, "similarity/toy"), _items(records, "pos/toy")]
    assert agreement.flipped_pairs(items, n_boot=20) == []
    assert agreement.tau_table(items, n_boot=20)[0]["tau"] == pytest.approx(1.0)


def test_paired_tests_are_antisymmetric_in_the_difference():
    records = toy_records()
    tests = agreement.PairedTests([_items(records, "pos/toy")], n_boot=100)
    ab, ba = tests.test("pos/toy", "A", "B"), tests.test("pos/toy", "B", "A")
    assert ab["difference"] == pytest.approx(-ba["difference"]) and ab["p_value"] == ba["p_value"]
    items = _items(records, "pos/toy")
    assert ab["difference"] == pytest.approx(accuracy_from_items(items.columns["A"])
                                             - accuracy_from_items(items.columns["B"]))


def test_correlation_matrix_matches_scipy_spearman_across_representations():
    rng = np.random.default_rng(7)
    records = []
    for k, name in enumerate("PQRST"):
        gold = rng.normal(size=60)
        records.append(make_record(name, "similarity/one", {"id": list(range(60)), "gold": gold,
                                                            "pred": gold + rng.normal(scale=0.5 + k, size=60)}))
        total = np.full(40, 10)
        records.append(make_record(name, "pos/two", {"id": list(range(40)), "total": total,
                                                     "correct": rng.binomial(total, 0.5 + 0.08 * ((k * 3) % 5))}))
    items = [_items(records, "pos/two"), _items(records, "similarity/one")]
    corr = agreement.correlation_matrix(items)
    assert corr["tasks"] == ["similarity/one", "pos/two"]  # intrinsic first
    s1, s2 = items[1].scores(), items[0].scores()
    expect = spearmanr([s1[r] for r in "PQRST"], [s2[r] for r in "PQRST"]).statistic
    assert corr["matrix"][0, 1] == pytest.approx(expect) == pytest.approx(corr["matrix"][1, 0])
    assert corr["matrix"][0, 0] == pytest.approx(1.0)


def test_best_predictor_share_and_ci_flag():
    records = toy_records()
    items = [_items(records, "similarity/toy"), _items(records, "pos/toy")]
    taus = agreement.tau_table(items, n_boot=100, seed=0)
    (best,) = agreement.best_predictors(taus)
    assert best["intrinsic"] == "similarity/toy" and best["share_best"] == 1.0  # the only benchmark
    assert best["ci_excludes_zero"] == (best["ci"][1] < 0 or best["ci"][0] > 0)


def test_kendall_tau_is_nan_not_zero_for_a_constant_ranking():
    assert np.isnan(agreement.kendall_tau([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]))
