"""Rank agreement, pair tests, flips and the correlation matrix against scipy and hand-computed oracles."""
from __future__ import annotations

import itertools
import zlib

import numpy as np
import pytest
from scipy.stats import binomtest, kendalltau, pearsonr, spearmanr

from tests._oracles import hand_holm
from tests._records import accuracy_from_items, make_record, spearman_from_items, toy_records
from wordeval.stats import agreement
from wordeval.stats.dependent_correlations import williams_t

EPS = np.finfo(np.float64).eps


def _items(records, task):
    recs = {r.embedding["name"]: r for r in records if r.task == task}
    first = next(iter(recs.values()))
    return agreement.align_items(task, {n: r.per_item for n, r in recs.items()}, kind=first.kind,
                                 direction="higher", scorer=first.scorer)


def test_align_items_intersects_ids_over_representations_and_seeds():
    a = {"id": [1, 2, 3, 4], "gold": [1.0, 2.0, 3.0, 4.0], "pred": [10.0, 20.0, 30.0, 40.0]}
    b = {"id": [4, 3, 1], "gold": [4.0, 3.0, 1.0], "pred": [0.4, 0.3, 0.1]}  # item 2 uncovered, other order
    b2 = {"id": [3, 4, 2, 1, 9], "gold": [3.0, 4.0, 2.0, 1.0, 9.0], "pred": [3.0, 4.0, 2.0, 1.0, 9.0]}
    items = agreement.align_items("similarity/x", {"a": a, "b": [b, b2]}, kind="intrinsic", direction="higher",
                                  scorer="spearman")
    assert items.n_common == 3 and items.n_seeds("b") == 2 and items.n_seeds("a") == 1
    assert list(items.columns["a"][0]["id"]) == [1, 3, 4] == list(items.columns["b"][0]["id"])
    assert list(items.columns["b"][0]["pred"]) == [0.1, 0.3, 0.4]
    assert list(items.columns["b"][1]["pred"]) == [1.0, 3.0, 4.0]
    assert items.n_items == {"a": 4, "b": 3}


def test_tau_point_estimate_equals_scipy_and_too_few_representations_get_no_verdict():
    records = toy_records()
    items = [_items(records, "similarity/toy"), _items(records, "pos/toy")]
    (row,) = agreement.tau_table(items, n_boot=50, seed=1)
    si, se = items[0].scores(), items[1].scores()
    expect = kendalltau([si[r] for r in "ABC"], [se[r] for r in "ABC"]).statistic
    assert row["tau"] == pytest.approx(expect) == pytest.approx(-1.0)  # A > B > C, then C > B > A
    assert row["n_representations"] == 3 and row["representations"] == ["A", "B", "C"]
    assert row["p_permutation"] == pytest.approx(2 / 6)  # τ = ±1 in 2 of the 3! orderings
    assert agreement.verdict(row, alpha=0.05) is None  # 3 representations: no verdict whatever the numbers
    assert np.isnan(row["ci"]).all() and row["n_items"] == [200, 150]  # nor an interval (τ takes 4 values)


@pytest.mark.parametrize("x, y", [
    ([0.1, 0.5, 0.3, 0.9], [1.0, 2.0, 3.0, 4.0]),
    ([0.1, 0.5, 0.5, 0.9, 0.2], [1.0, 2.0, 2.0, 4.0, 0.0]),  # ties on both sides
    ([3, 1, 2, 5, 4, 6], [1, 2, 3, 4, 6, 5]),
])
def test_exact_permutation_p_equals_brute_force_over_scipy(x, y):
    observed = abs(kendalltau(x, y).statistic)
    taus = [abs(kendalltau(x, [y[i] for i in perm]).statistic) for perm in itertools.permutations(range(len(y)))]
    expect = np.mean([t >= observed - 1e-12 for t in taus])
    res = agreement.permutation_p(x, y)
    assert res["p_value"] == pytest.approx(expect, abs=1e-15)
    assert res["method"].startswith("exact")


def test_monte_carlo_permutation_beyond_eight_is_seeded_and_never_zero():
    rng = np.random.default_rng(0)
    x = rng.normal(size=10)
    y = x + rng.normal(scale=0.01, size=10)  # τ = 1 or nearly: p is tiny, but a sample cannot say 0
    a = agreement.permutation_p(x, y, seed=3, n_monte_carlo=999)
    assert a == agreement.permutation_p(x, y, seed=3, n_monte_carlo=999)
    assert a["method"].startswith("Monte Carlo") and a["p_value"] >= 1 / 1000 and a["p_floor"] == 1 / 1000


def test_tau_b_rows_equal_scipy_row_by_row_with_ties():
    rng = np.random.default_rng(5)
    x = rng.integers(0, 4, size=(40, 6)).astype(float)
    y = rng.integers(0, 4, size=(40, 6)).astype(float)
    got = agreement.tau_b_rows(x, y)
    for b in range(40):
        expect = kendalltau(x[b], y[b]).statistic
        if np.isnan(expect):
            assert np.isnan(got[b])
        else:
            assert got[b] == pytest.approx(expect, abs=16 * EPS)


def test_bootstrap_uses_the_same_item_draws_for_every_representation():
    rng = np.random.default_rng(3)
    gold = rng.normal(size=80)
    pred = gold + rng.normal(size=80)
    per_item = {name: {"id": list(range(80)), "gold": gold, "pred": pred} for name in ("x", "y")}
    per_item["z"] = {"id": list(range(80)), "gold": gold, "pred": -pred}
    items = agreement.align_items("similarity/s", per_item, kind="intrinsic", direction="higher", scorer="spearman")
    boot = agreement.bootstrap_scores(items, n_boot=40, seed=0)
    np.testing.assert_array_equal(boot[:, 0], boot[:, 1])  # identical columns, identical draws
    np.testing.assert_allclose(boot[:, 2], -boot[:, 0], atol=16 * EPS)
    assert np.std(boot[:, 0]) > 0
    # each replicate is scipy's Spearman on one resample of the items: the draws are the task stream's
    r = agreement.task_rng(0, "similarity/s")
    idx = r.integers(0, 80, size=(40, 80))
    expect = [spearmanr(gold[i], pred[i]).statistic for i in idx]
    np.testing.assert_allclose(boot[:, 0], expect, atol=64 * EPS)


def test_lower_is_better_direction_flips_the_orientation():
    records = toy_records()
    sim = _items(records, "similarity/toy")
    sim.direction = "lower"
    pos = _items(records, "pos/toy")
    (row,) = agreement.tau_table([sim, pos], n_boot=20, seed=0)
    assert row["tau"] == pytest.approx(1.0)


def _bootstrap_oracle(items, a, b, n_boot, seed, scorer):
    """Independent paired bootstrap: the same index draws, scipy per resample, p = (1 + count) / (1 + B)."""
    n = items.n_common
    idx = agreement.task_rng(seed, items.task).integers(0, n, size=(n_boot, n))
    ca, cb = items.columns[a][0], items.columns[b][0]
    d0 = scorer(ca) - scorer(cb)
    d = np.array([scorer({k: v[i] for k, v in ca.items()}) - scorer({k: v[i] for k, v in cb.items()}) for i in idx])
    return (1 + np.count_nonzero(np.abs(d - d0) >= abs(d0))) / (1 + n_boot)


def test_flipped_pairs_are_the_hand_checked_ones_with_the_right_tests():
    records = toy_records()
    items = [_items(records, "similarity/toy"), _items(records, "pos/toy")]
    tests = agreement.PairTests(items, n_boot=200, seed=0)
    flips = agreement.flipped_pairs(items, tests=tests)
    assert {(f["ahead_intrinsic"], f["ahead_extrinsic"]) for f in flips} == {("A", "B"), ("A", "C"), ("B", "C")}
    ac = next(f for f in flips if (f["ahead_intrinsic"], f["ahead_extrinsic"]) == ("A", "C"))
    assert (ac["test_intrinsic"], ac["test_extrinsic"]) == ("B", "B")  # Spearman; token accuracy from counts
    assert ac["p_intrinsic"] == pytest.approx(_bootstrap_oracle(items[0], "A", "C", 200, 0, spearman_from_items))
    assert ac["p_extrinsic"] == pytest.approx(_bootstrap_oracle(items[1], "A", "C", 200, 0, accuracy_from_items))
    assert ac["p_intrinsic"] >= 1 / 201 and ac["floor_intrinsic"]  # the bootstrap cannot resolve less
    assert ac["intrinsic_scores"][0] > ac["intrinsic_scores"][1] and ac["extrinsic_scores"][0] < ac["extrinsic_scores"][1]
    assert [f["p_max"] for f in flips] == sorted(f["p_max"] for f in flips)


def test_mcnemar_on_binary_accuracy_and_williams_on_pearson():
    rng = np.random.default_rng(11)
    n = 400
    ids = list(range(n))
    ca = (rng.random(n) < 0.6).astype(int)
    cb = (rng.random(n) < 0.5).astype(int)
    items = agreement.align_items("analogy/x", {"a": {"id": ids, "correct": ca}, "b": {"id": ids, "correct": cb}},
                                  kind="intrinsic", direction="higher", scorer="mean:correct")
    res = agreement.PairTests([items], n_boot=50).test("analogy/x", "a", "b")
    only_a, only_b = int(np.sum((ca == 1) & (cb == 0))), int(np.sum((cb == 1) & (ca == 0)))
    assert res["test"] == "mcnemar" and res["statistic"] == {"only_a": only_a, "only_b": only_b}
    assert res["p_value"] == pytest.approx(binomtest(only_a, only_a + only_b, 0.5).pvalue, rel=1e-12)

    gold = rng.normal(size=n)
    pa, pb = gold + rng.normal(size=n), gold + rng.normal(scale=1.3, size=n)
    items = agreement.align_items("sts/x", {"a": {"id": ids, "gold": gold, "pred": pa},
                                            "b": {"id": ids, "gold": gold, "pred": pb}},
                                  kind="intrinsic", direction="higher", scorer="pearson")
    res = agreement.PairTests([items], n_boot=50).test("sts/x", "a", "b")
    expect = williams_t(pearsonr(gold, pa).statistic, pearsonr(gold, pb).statistic, pearsonr(pa, pb).statistic, n)
    assert res["test"] == "williams" and res["p_value"] == pytest.approx(expect["p_value"], rel=1e-9)


def test_exact_ties_get_p_one_and_equal_ranks():
    rng = np.random.default_rng(2)
    gold = rng.normal(size=60)
    pred = gold + rng.normal(size=60)
    per_item = {"g": {"id": list(range(60)), "gold": gold, "pred": pred},
                "g-unit": {"id": list(range(60)), "gold": gold, "pred": pred * 3.0},  # a rescaled copy: same ranks
                "other": {"id": list(range(60)), "gold": gold, "pred": -pred}}
    items = agreement.align_items("similarity/t", per_item, kind="intrinsic", direction="higher", scorer="spearman")
    res = agreement.PairTests([items], n_boot=100).test("similarity/t", "g", "g-unit")
    # the same ranking of the items: the same Spearman on every resample, a tie by definition (no test)
    assert res["tie"] and res["identical"] and res["difference"] == 0 and np.isnan(res["p_value"])
    assert res["not_compared"].startswith("identical per-item outputs (ranks) on the 60 common items")
    # equal accuracy from different questions: a tie that is an outcome, p = 1, and a test like any other
    ca = np.array([1, 0] * 30)
    cb = np.array([0, 1] * 30)
    items = agreement.align_items("analogy/t", {"a": {"id": list(range(60)), "correct": ca},
                                                "b": {"id": list(range(60)), "correct": cb}},
                                  kind="intrinsic", direction="higher", scorer="mean:correct")
    tests = agreement.PairTests([items], n_boot=100)
    res = tests.test("analogy/t", "a", "b")
    assert res["tie"] and not res.get("identical") and res["p_value"] == 1.0 and tests.n_tests == 1


@pytest.mark.parametrize("n", [2, 5, 9, 10])
def test_too_few_items_for_a_bootstrap_are_not_tested(n):
    """Two items: each representation's Spearman is +1 or -1 by construction, and before this rule the
    bootstrap (every defined resample equal to the observed one) called the difference significant at its
    floor p = 1/(B + 1). Below MIN_BOOTSTRAP_ITEMS the pair gets no test; at the floor it is tested."""
    from wordeval.stats.pair_tests import MIN_BOOTSTRAP_ITEMS

    gold = np.arange(n, dtype=np.float64)
    per_item = {"up": {"id": list(range(n)), "gold": gold, "pred": gold},
                "down": {"id": list(range(n)), "gold": gold, "pred": -gold}}
    items = agreement.align_items("similarity/t", per_item, kind="intrinsic", direction="higher", scorer="spearman")
    tests = agreement.PairTests([items], n_boot=200, seed=0)
    tests.correct("holm")
    res = tests.test("similarity/t", "up", "down")
    # Spearman +1 against -1, as the similarity scorer (scipy) computes them: 0.9999999999999999 each
    from scipy.stats import spearmanr
    assert res["difference"] == spearmanr(gold, gold).statistic - spearmanr(gold, -gold).statistic
    assert res["difference"] == pytest.approx(2.0)
    if n < MIN_BOOTSTRAP_ITEMS:
        assert res["test"] == "none" and np.isnan(res["p_value"]) and tests.n_tests == 0
        assert f"{n} common items, too few for a paired bootstrap" in res["not_compared"]
        assert not tests.significant("similarity/t", "up", "down", 0.05)
    else:
        assert res["test"] == "bootstrap" and res["p_value"] < 0.05 and tests.n_tests == 1


def test_seed_records_widen_the_test_and_one_seed_is_the_item_bootstrap():
    rng = np.random.default_rng(4)
    n = 300
    ids = list(range(n))
    total = rng.integers(5, 20, n)

    def seed_cols(acc):
        return {"id": ids, "correct": rng.binomial(total, acc), "total": total}

    # B is ahead by 0.03 on one seed but seed-to-seed variation is as large as the gap
    a = [seed_cols(0.80) for _ in range(3)]
    b = [seed_cols(0.83), seed_cols(0.74), seed_cols(0.88)]
    items = agreement.align_items("pos/s", {"a": a, "b": b}, kind="extrinsic", direction="higher",
                                  scorer="accuracy:counts")
    tests = agreement.PairTests([items], n_boot=400, seed=1)
    res = tests.test("pos/s", "a", "b")
    assert res["test"] == "bootstrap-seeds" and res["n_seeds"] == [3, 3]
    assert res["difference"] == pytest.approx(np.mean([accuracy_from_items(c) for c in items.columns["a"]])
                                              - np.mean([accuracy_from_items(c) for c in items.columns["b"]]))
    one = agreement.align_items("pos/s", {"a": a[:1], "b": b[:1]}, kind="extrinsic", direction="higher",
                                scorer="accuracy:counts")
    single = agreement.PairTests([one], n_boot=400, seed=1).test("pos/s", "a", "b")
    assert single["test"] == "bootstrap"
    assert single["p_value"] == pytest.approx(_bootstrap_oracle(one, "a", "b", 400, 1, accuracy_from_items))
    # the seeds' spread enters the null distribution: the items-only view of seed 0 is far more confident
    assert single["p_value"] < 0.05 < res["p_value"]


def test_verdict_rule_follows_the_documented_numbers():
    base = {"n_representations": 6, "tau": 0.6}
    assert agreement.verdict({**base, "p_adjusted": 0.01, "ci": [0.2, 0.9]}, alpha=0.05) == "clear"
    assert agreement.verdict({**base, "p_adjusted": 0.01, "ci": [-0.1, 0.9]}, alpha=0.05) == "likely"
    # an item CI that excludes 0 does not make up for a failed test over representations
    assert agreement.verdict({**base, "p_adjusted": 0.20, "ci": [0.1, 0.9]}, alpha=0.05) == "could be chance"
    assert agreement.verdict({**base, "p_adjusted": 0.20, "ci": [-0.1, 0.9]}, alpha=0.05) == "could be chance"
    assert agreement.verdict({**base, "n_representations": 3, "p_adjusted": 0.0, "ci": [0.9, 1]},
                             alpha=0.05) is None
    # tau exactly 0 with enough representations is a verdict too: no association
    assert agreement.verdict({**base, "tau": 0.0, "p_adjusted": 1.0, "ci": [-0.4, 0.4]}, alpha=0.05) == "could be chance"


def test_best_predictor_only_when_strictly_ahead_else_the_tie():
    def row(i, tau):
        return {"intrinsic": i, "extrinsic": "ner/x", "tau": tau, "ci": [0.1, 0.9], "n_representations": 5,
                "p_permutation": 0.01, "p_adjusted": 0.02, "_boot": np.full(10, tau)}
    (tie,) = agreement.best_predictors([row("a", 0.8), row("b", 0.8), row("c", 0.2)])
    assert tie["status"] == "tie" and tie["intrinsic"] is None and tie["tied"] == ["a", "b"]
    (best,) = agreement.best_predictors([row("a", 0.8), row("b", 0.6)])
    assert best["status"] == "best" and best["intrinsic"] == "a" and best["runner_up"] == "b"
    assert best["share_best"] == 1.0 and best["verdict"] == "clear"
    (few,) = agreement.best_predictors([{**row("a", 1.0), "n_representations": 2}])
    assert few["status"] == "too few representations" and few["intrinsic"] is None


def test_runners_up_sharing_a_tau_are_all_named():
    """WS-353 and RG-65 both at τ = 0.33 behind SimLex at 0.67: the summary named RG-65 alone as runner-up."""
    from wordeval.report.summary import _agreement_lines

    def row(i, tau):
        return {"intrinsic": i, "extrinsic": "pos/x", "tau": tau, "ci": [0.1, 0.9], "n_representations": 5,
                "p_permutation": 0.5, "p_adjusted": 1.0, "_boot": np.full(10, tau)}
    (best,) = agreement.best_predictors([row("simlex", 2 / 3), row("rg65", 1 / 3), row("ws353", 1 / 3),
                                         row("men", 0.0)])
    assert best["intrinsic"] == "simlex" and best["runners_up"] == ["rg65", "ws353"]

    class Comp:
        taus = [{**row("simlex", 2 / 3), "verdict": "could be chance"}]
        predictors = [best]
        correlation: dict = {}
        representations = list("ABCDE")
        parameters = {"alpha": 0.05, "correction": "holm", "correction_name": "Holm (1979)",
                      "n_agreement_tests": 4}
    text = " ".join(_agreement_lines(Comp()))
    assert "runners-up rg65 = ws353 (τ = 0.33 each)" in text


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


def test_kendall_tau_is_nan_not_zero_for_a_constant_ranking():
    assert np.isnan(agreement.kendall_tau([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]))
    assert np.isnan(agreement.permutation_p([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])["p_value"])


def test_task_streams_do_not_depend_on_other_tasks():
    a = agreement.task_rng(0, "x").integers(0, 10, 5)
    assert list(a) == list(np.random.default_rng([0, zlib.crc32(b"x")]).integers(0, 10, 5))


def test_identical_outputs_and_few_item_tasks_are_not_tests_and_not_counted_in_holm():
    """A pair whose per-item outputs are identical is a tie by definition (no resample can separate them): it
    gets no test and does not enlarge Holm's m, nor do its copy's tests against a third (the same hypothesis
    as the original's). A task with fewer than MIN_BOOTSTRAP_ITEMS common items gets no
    pair test at all, an exact tie included (before: 'B, p = 1', counted in m)."""
    from scipy.stats import binomtest

    rng = np.random.default_rng(5)
    n1, n2 = 80, 90
    a1, b1 = (rng.random(n1) < 0.7).astype(int), (rng.random(n1) < 0.45).astype(int)
    a2, b2 = (rng.random(n2) < 0.5).astype(int), (rng.random(n2) < 0.6).astype(int)
    tasks = []
    for name, a, b in (("analogy/t1", a1, b1), ("analogy/t2", a2, b2)):
        ids = list(range(len(a)))
        tasks.append(agreement.align_items(name, {"A": {"id": ids, "correct": a}, "A-copy": {"id": ids, "correct": a.copy()},
                                                  "B": {"id": ids, "correct": b}},
                                           kind="intrinsic", direction="higher", scorer="mean:correct"))
    gold = np.arange(7, dtype=float)
    few_pred = {"A": gold, "A-copy": gold.copy(), "B": gold[::-1] * 1.0}
    tasks.append(agreement.align_items("similarity/few", {k: {"id": list(range(7)), "gold": gold, "pred": v}
                                                          for k, v in few_pred.items()},
                                       kind="intrinsic", direction="higher", scorer="spearman"))
    tests = agreement.PairTests(tasks, n_boot=200, seed=0)
    tests.correct("holm")

    def mcnemar(a, b):
        only_a, only_b = int(np.sum((a == 1) & (b == 0))), int(np.sum((b == 1) & (a == 0)))
        return binomtest(only_a, only_a + only_b, 0.5).pvalue

    raw = {("analogy/t1", "A", "B"): mcnemar(a1, b1), ("analogy/t1", "A-copy", "B"): mcnemar(a1, b1),
           ("analogy/t2", "A", "B"): mcnemar(a2, b2), ("analogy/t2", "A-copy", "B"): mcnemar(a2, b2)}
    # not 9: 2 identical pairs and the 3 pairs of the 7-item task are no tests, and A-copy vs B repeats A vs B's
    # hypothesis on each task: m = 2
    assert tests.n_tests == 2 and tests.n_duplicate_tests == 2
    per_task = dict(zip(("analogy/t1", "analogy/t2"), hand_holm([mcnemar(a1, b1), mcnemar(a2, b2)])))
    expected = {key: per_task[key[0]] for key in raw}
    for (task, a, b), p_adj in expected.items():
        res = tests.test(task, a, b)
        assert res["test"] == "mcnemar" and res["p_value"] == pytest.approx(raw[(task, a, b)], rel=1e-12)
        assert res["p_adjusted"] == pytest.approx(p_adj, rel=1e-12)
    for task in ("analogy/t1", "analogy/t2"):
        same = tests.test(task, "A", "A-copy")
        assert same["tie"] and same["identical"] and same["test"] == "none" and np.isnan(same["p_value"])
        assert np.isnan(same["p_adjusted"]) and "identical" in same["not_compared"]
        assert not tests.significant(task, "A", "A-copy", 0.05)
    for a, b in (("A", "A-copy"), ("A", "B"), ("A-copy", "B")):
        res = tests.test("similarity/few", a, b)
        assert res["test"] == "none" and np.isnan(res["p_value"]) and np.isnan(res["p_adjusted"])
        assert "7 common items, too few" in res["not_compared"]


def test_share_best_counts_only_resamples_where_the_top_benchmark_is_strictly_ahead():
    """A resample where the best benchmark only ties another is not one where it 'stays the top benchmark':
    argmax gave every such tie to the first row, and a demo said 82 % where 76 % of resamples had it on top."""
    rng = np.random.default_rng(3)
    values = np.array([-1, -1 / 3, 0, 1 / 3, 2 / 3, 1.0])  # τ over few representations takes few values
    boot_a, boot_b = rng.choice(values, 400), rng.choice(values, 400)
    boot_a[:5] = np.nan  # an undefined τ on a resample loses to any defined one

    def row(i, tau, boot):
        return {"intrinsic": i, "extrinsic": "pos/x", "tau": tau, "ci": [0.1, 0.9], "n_representations": 6,
                "p_permutation": 0.5, "p_adjusted": 1.0, "_boot": boot}
    (best,) = agreement.best_predictors([row("a", 2 / 3, boot_a), row("b", 1 / 3, boot_b)])
    strictly = sum(1 for x, y in zip(boot_a, boot_b) if not np.isnan(x) and x > y)  # hand count, no ties
    assert best["intrinsic"] == "a" and best["share_best"] == strictly / 400
    assert np.sum(boot_a == boot_b) > 0  # the data do hold ties, which the old count gave to "a"


def test_pair_difference_ci_has_the_comparison_level():
    """compare(level=0.9) gave 90 % intervals for the cells and τ but 95 % for every pair's difference."""
    from wordeval.report.compare import compare

    records = toy_records()
    comp = compare(records, n_boot=300, seed=2, level=0.9)
    items = _items(records, "similarity/toy")
    res = next(t for t in comp.tests if t["task"] == "similarity/toy" and {t["a"], t["b"]} == {"A", "B"})
    a, b = res["a"], res["b"]
    n = items.n_common
    idx = agreement.task_rng(2, "similarity/toy").integers(0, n, size=(300, n))
    ca, cb = items.columns[a][0], items.columns[b][0]
    d = np.array([spearman_from_items({k: v[i] for k, v in ca.items()})
                  - spearman_from_items({k: v[i] for k, v in cb.items()}) for i in idx])
    assert res["ci"] == pytest.approx(list(np.quantile(d, [0.05, 0.95])), abs=float(np.finfo(np.float32).eps))
