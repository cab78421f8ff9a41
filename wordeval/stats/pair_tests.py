"""The paired test of two representations on one task, chosen by what the main score is.

Both representations are scored on the same items (the comparison's common item set), so every test is paired:

- ``williams``: Pearson correlations with one gold set: Williams' (1959) t in Steiger's (1980) form
  (``wordeval.stats.dependent_correlations``), exact under normality, no resampling.
- ``mcnemar``: accuracy over 0/1 items (analogy questions, documents with one seed): the exact McNemar test,
  a two-sided binomial test of the discordant items (A right and B wrong vs the reverse) against 1/2.
- ``bootstrap``: every other score (Spearman correlations, F1 and token accuracy from per-sentence counts,
  accuracy as a share of seeds right per document): a paired bootstrap over items, the same resampled items
  for both representations. Two-sided p-value from the bootstrap distribution of the difference centred on
  the observed one (Hall & Wilson 1991): p = (1 + #{|d* - d| >= |d|}) / (1 + B), so the smallest p it can
  give is 1/(B + 1) and it never says 0.
- ``bootstrap-seeds``: either representation has several seed records (extrinsic tasks run with ``--seeds``):
  a two-level bootstrap. Each replicate draws the items once (the same for both representations and every
  seed, so the per-seed columns stay paired by item) and, independently for each representation, its seeds
  with replacement; the statistic is the difference of the means over the drawn seeds. Seed-to-seed
  variation therefore widens the null distribution, as it should: a difference that one lucky seed makes
  is not called significant. McNemar does not apply here (it compares one prediction per item).

Identical outputs are a tie by definition, not a test: when the two representations' per-item columns that the
score reads are the same (``identical_outputs``: a copy, or vectors rounded to 5 decimals whose cosines keep the
same order, which is all a Spearman reads), every resample gives both the same score, so there is no question
to ask. The pair
gets no test (p = NaN, ``identical``), is written ``A = B`` and does not count towards the m of the correction:
twelve such pairs once made Holm multiply every real p-value by 29 instead of 17.
Their tests against a third representation test one hypothesis twice: they count once in m (the larger p of
the copies), and share its corrected p.

Exactly equal scores from outputs that differ (two rankings that happen to give the same Spearman) are a tie too: p = 1 whatever
the test, and they are counted (that their scores coincide is an outcome, not a definition).

Too few items for a bootstrap: below ``MIN_BOOTSTRAP_ITEMS`` common items the pair is not tested (p = NaN,
reported as "not tested" with the count), whatever its scores (an exact tie included: no "B, p = 1" over 7
items). With 2 items every resample that defines a correlation is the
observed pair of items again, so the bootstrap distribution has no spread and p fell to its floor: a
"significant" difference between two correlations of 2 items each (always +1 or -1). The floor of 10 is a
chosen policy, not a theorem: the resampling distribution of a statistic over fewer items takes few distinct
values (C(2n - 1, n) multisets: 35 at n = 4, 126 at n = 5), too coarse for a p-value near 0.05 / m.
"""
from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from wordeval.stats.bootstrap import MIN_BOOTSTRAP_ITEMS, percentile_ci
from wordeval.stats.dependent_correlations import WILLIAMS_MIN_ITEMS

if TYPE_CHECKING:
    from wordeval.stats.task_items import TaskBootstrap, TaskItems

TESTS = ("williams", "mcnemar", "bootstrap", "bootstrap-seeds")
CODES = {"williams": "W", "mcnemar": "M", "bootstrap": "B", "bootstrap-seeds": "S"}


def _common(t) -> str:
    """'7 common word pairs': the task's unit ('7 common item(s)' left pairs or sentences to be guessed)."""
    return f"{t.n_common} common {t.unit.removesuffix('s') if t.n_common == 1 else t.unit}"


def describe(test: str, unit: str = "items") -> str:
    return {"williams": "Williams' t on the two Pearson correlations with the gold scores",
            "mcnemar": f"exact McNemar test on the discordant {unit}",
            "bootstrap": f"paired bootstrap over {unit}",
            "bootstrap-seeds": f"paired bootstrap over {unit} × seeds"}[test]


def choose_test(scorer: str, n_seeds_a: int, n_seeds_b: int, *, binary: bool) -> str:
    if n_seeds_a > 1 or n_seeds_b > 1:
        return "bootstrap-seeds"
    if scorer == "pearson":
        return "williams"
    if scorer == "mean:correct" and binary:
        return "mcnemar"
    return "bootstrap"


# The per-item columns each scorer reads (``item_scores``); a scorer not listed: every column but "id".
SCORE_COLUMNS = {"spearman": ("gold", "pred"), "pearson": ("gold", "pred"), "mean:correct": ("correct",),
                 "accuracy:counts": ("correct", "total"), "f1:counts": ("tp", "fp", "fn")}


def _same(x, y) -> bool:
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape:
        return False
    if x.dtype.kind in "fc" and y.dtype.kind in "fc":
        return bool(np.array_equal(x, y, equal_nan=True))
    return bool(np.array_equal(x, y))


def _score_view(scorer: str, cols: Mapping[str, Any], name: str):
    """What the score reads of a column: Spearman reads only the order of the predictions (ties included), so
    two prediction columns with the same ranks score alike on every resample."""
    from wordeval.stats.item_scores import rankdata

    if scorer == "spearman" and name == "pred":
        v = np.asarray(cols[name], dtype=np.float64)
        return rankdata(v) if np.isfinite(v).all() else v
    return cols[name]


def score_views(t: TaskItems, rep: str) -> list[dict[str, Any]]:
    """Per seed record of ``rep``, every column (but the id) as the task's score reads it."""
    return [{k: _score_view(t.scorer, cols, k) for k in cols if k != "id"} for cols in t.columns[rep]]


def identical_outputs(t: TaskItems, a: str, b: str, views: dict[tuple[str, str], list] | None = None) -> bool:
    """Whether ``a`` and ``b`` have the same per-item columns that the task's score reads (for Spearman the
    same ranking of the items), seed record by seed record, on the common items: then every resample scores
    them alike and no test applies. ``views``: a cache of ``score_views`` by (task, representation), so that
    each column is ranked once, not once per pair (k - 1 times for k representations)."""
    views = {} if views is None else views
    for rep in (a, b):
        if (t.task, rep) not in views:
            views[(t.task, rep)] = score_views(t, rep)
    ca, cb = views[(t.task, a)], views[(t.task, b)]
    if len(ca) != len(cb):
        return False
    for x, y in zip(ca, cb):
        names = SCORE_COLUMNS.get(t.scorer) or sorted(set(x) | set(y))
        if any(k not in x or k not in y or not _same(x[k], y[k]) for k in names):
            return False
    return True


def is_binary(values: Sequence[float]) -> bool:
    v = np.asarray(values, dtype=np.float64)
    return bool(v.size) and bool(np.all((v == 0) | (v == 1)))


def bootstrap_p(observed: float, differences: np.ndarray) -> tuple[float, float]:
    """(p, smallest attainable p) of a two-sided test from bootstrap differences (NaN resamples dropped)."""
    d = np.asarray(differences, dtype=np.float64)
    d = d[np.isfinite(d)]
    if d.size == 0 or not math.isfinite(observed):
        return float("nan"), float("nan")
    floor = 1.0 / (d.size + 1)
    if observed == 0:
        return 1.0, floor
    count = int(np.count_nonzero(np.abs(d - observed) >= abs(observed)))
    return (1.0 + count) / (1.0 + d.size), floor


def mcnemar_exact(correct_a: Sequence[float], correct_b: Sequence[float]) -> dict[str, Any]:
    """Exact McNemar test on paired 0/1 outcomes: binomial(only_a, only_a + only_b, 1/2), two-sided. The
    binomial with p = 1/2 is symmetric, so scipy's ``binomtest(k, n).pvalue`` is 2 P(X <= min(k, n - k)) (1 when
    k = n/2); computed with ``scipy.special.bdtr`` to keep scipy.stats (a second's import) off this path."""
    from scipy.special import bdtr

    a = np.asarray(correct_a) == 1
    b = np.asarray(correct_b) == 1
    only_a, only_b = int(np.sum(a & ~b)), int(np.sum(b & ~a))
    n = only_a + only_b
    p = 1.0 if only_a == only_b else float(2 * bdtr(min(only_a, only_b), n, 0.5))
    return {"p_value": min(1.0, p), "p_floor": 0.0, "statistic": {"only_a": only_a, "only_b": only_b}}


def williams_pearson(gold: Sequence[float], pred_a: Sequence[float], pred_b: Sequence[float]) -> dict[str, Any]:
    """Williams' t for r(gold, A) = r(gold, B) on the same items."""
    from wordeval.stats.dependent_correlations import williams_t
    from wordeval.stats.item_scores import _corr

    r12 = _corr("pearson", gold, pred_a)
    r13 = _corr("pearson", gold, pred_b)
    r23 = _corr("pearson", pred_a, pred_b)
    res = williams_t(r12, r13, r23, len(np.asarray(gold)))
    return {"p_value": res["p_value"], "p_floor": 0.0,
            "statistic": {"t": res["statistic"], "df": res["df"], "r_gold_a": r12, "r_gold_b": r13,
                          "r_a_b": r23}}


# -- every pair of representations on every task -----------------------------------------------------------

class PairTests:
    """The paired test of every pair of representations on every task (``pair_tests`` picks the test),
    computed once, corrected for multiplicity over all of them, reused by rankings, marks and flips."""

    def __init__(self, tasks: Sequence[TaskItems], boots: Mapping[str, TaskBootstrap] | None = None, *,
                 n_boot: int = 1000, seed: int = 0, not_comparable: Mapping[tuple[str, str, str], str] | None = None,
                 level: float = 0.95):
        """``not_comparable``: (task, a, b) -> why the pair's scores do not compare the representations (e.g.
        analogy answers searched over candidate sets of different sizes); such pairs get no test."""
        from wordeval.stats.task_items import TaskBootstrap

        self.tasks = {t.task: t for t in tasks}
        self.boots = dict(boots or {t.task: TaskBootstrap(t, n_boot=n_boot, seed=seed) for t in tasks})
        self.level = level  # of the difference's CI: the comparison's, as its cell and τ intervals
        self.results: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._views: dict[tuple[str, str], list] = {}  # identical_outputs' columns, ranked once per representation
        skip = dict(not_comparable or {})
        for t in tasks:
            scores = t.scores()
            for a, b in itertools.combinations(t.representations, 2):
                reason = skip.get((t.task, a, b)) or skip.get((t.task, b, a))
                if reason:
                    self.results[(t.task, a, b)] = {
                        "task": t.task, "a": a, "b": b, "test": "none", "code": "—", "difference": scores[a] - scores[b],
                        "n_items": t.n_common, "unit": t.unit, "n_seeds": [t.n_seeds(a), t.n_seeds(b)],
                        "tie": scores[a] == scores[b],
                        "p_value": float("nan"), "p_floor": float("nan"), "not_compared": reason}
                else:
                    self.results[(t.task, a, b)] = self._test(t, a, b, scores)
        self.correction = "none"
        for res in self.results.values():
            res["p_adjusted"] = res["p_value"]

    def _test(self, t: TaskItems, a: str, b: str, scores: Mapping[str, float]) -> dict[str, Any]:
        from wordeval.errors import WordevalError

        test = choose_test(t.scorer, t.n_seeds(a), t.n_seeds(b), binary=t.binary(a) and t.binary(b))
        diff = scores[a] - scores[b]
        res: dict[str, Any] = {"task": t.task, "a": a, "b": b, "test": test, "code": CODES[test],
                               # unit: what n_items counts (a tagging test resamples sentences, not the
                               # tokens or chunks its score is over)
                               "difference": diff, "n_items": t.n_common, "unit": t.unit,
                               "n_seeds": [t.n_seeds(a), t.n_seeds(b)],
                               "tie": diff == 0}
        undefined = [r for r in (a, b) if not math.isfinite(scores[r])]
        if undefined:  # no score to compare: the test's p was NaN with no reason, and the pair counted as tested
            res.update(test="none", code="—", p_value=float("nan"), p_floor=float("nan"),
                       not_compared=f"no score for {' and '.join(undefined)} on the common {t.unit} (undefined)")
            return res
        if test.startswith("bootstrap") and t.n_common < MIN_BOOTSTRAP_ITEMS:  # before the tie: no test at all
            res.update(test="none", code="—", p_value=float("nan"), p_floor=float("nan"),
                       not_compared=f"{_common(t)}, too few for a paired bootstrap (at least "
                                    f"{MIN_BOOTSTRAP_ITEMS})")
            return res
        if test == "williams" and t.n_common < WILLIAMS_MIN_ITEMS:
            # williams_t refuses them: the pair was listed as tested ("W, p n/a"), and cited, with no reason
            res.update(test="none", code="—", p_value=float("nan"), p_floor=float("nan"),
                       not_compared=f"{_common(t)}, too few for Williams' t (at least "
                                    f"{WILLIAMS_MIN_ITEMS})")
            return res
        if identical_outputs(t, a, b, self._views):
            res.update(test="none", code="=", p_value=float("nan"), p_floor=float("nan"), tie=True, identical=True,
                       not_compared=f"identical per-item outputs{' (ranks)' if t.scorer == 'spearman' else ''} on the "
                                    f"{t.n_common:,} common {t.unit} (a tie by definition, not a test)")
            return res
        if diff == 0:
            res.update(p_value=1.0, p_floor=0.0)  # equal scores from different outputs: p = 1 whatever the test
            return res
        if test == "williams":
            ca, cb = t.columns[a][0], t.columns[b][0]
            try:
                out = williams_pearson(ca["gold"], ca["pred"], cb["pred"])
            except WordevalError:
                out = {"p_value": float("nan"), "p_floor": 0.0, "statistic": None}
        elif test == "mcnemar":
            out = mcnemar_exact(t.columns[a][0]["correct"], t.columns[b][0]["correct"])
        else:
            boot = self.boots[t.task]
            draws = boot.seed_item_means(a) - boot.seed_item_means(b)
            p, floor = bootstrap_p(diff, draws)
            lo, hi = percentile_ci(draws, level=self.level)
            out = {"p_value": p, "p_floor": floor, "ci": [lo, hi]}
        res.update(out)
        return res

    def _hypotheses(self) -> dict[tuple, list[tuple[str, str, str]]]:
        """The pair tests grouped by the hypothesis they test. Representations with identical outputs on a task
        are one representation there: C vs A and C vs A's copy test the same hypothesis, and counting both in
        the m of the correction (three copies of GloVe made 129 tests of 83 hypotheses) corrects for tests
        that were never made."""
        parent: dict[tuple[str, str], tuple[str, str]] = {}

        def root(node):
            while parent.get(node, node) != node:
                node = parent[node]
            return node

        for (task, a, b), res in self.results.items():
            if res.get("identical"):
                ra, rb = root((task, a)), root((task, b))
                if ra != rb:
                    parent[rb] = ra
        groups: dict[tuple, list[tuple[str, str, str]]] = {}
        for key in self.results:
            task, a, b = key
            groups.setdefault((task, frozenset((root((task, a)), root((task, b))))), []).append(key)
        return groups

    def correct(self, method: str) -> None:
        from wordeval.stats.multiplicity import adjust

        groups = list(self._hypotheses().values())
        # one p per hypothesis: the largest of its copies (several seeds draw each copy's seeds apart)
        raw = []
        for keys in groups:
            ps = [self.results[k]["p_value"] for k in keys if math.isfinite(self.results[k]["p_value"])]
            raw.append(max(ps) if ps else float("nan"))
        for keys, p in zip(groups, adjust(raw, method)):
            for k in keys:
                self.results[k]["p_adjusted"] = float(p) if math.isfinite(self.results[k]["p_value"]) else float("nan")
                if len(keys) > 1 and math.isfinite(self.results[k]["p_value"]):
                    self.results[k]["same_hypothesis_as"] = len(keys) - 1
        self.correction = method

    @property
    def n_tests(self) -> int:
        """Distinct hypotheses tested: the m of the correction."""
        return sum(1 for keys in self._hypotheses().values()
                   if any(math.isfinite(self.results[k]["p_value"]) for k in keys))

    def n_significant(self, alpha: float) -> int:
        """Distinct hypotheses whose corrected p is below ``alpha``, counted as ``n_tests`` counts them: a
        copy's repeated test is one of the m, and one of the significant, once."""
        return sum(1 for keys in self._hypotheses().values()
                   if any(math.isfinite(self.results[k].get("p_adjusted", math.nan))
                          and self.results[k]["p_adjusted"] < alpha for k in keys))

    @property
    def n_duplicate_tests(self) -> int:
        """Tests of a hypothesis another test already counts (through identical outputs)."""
        tested = sum(1 for r in self.results.values() if math.isfinite(r["p_value"]))
        return tested - self.n_tests

    def test(self, task: str, a: str, b: str) -> dict[str, Any] | None:
        """The result with the difference oriented as a − b (None when the pair was not tested)."""
        res = self.results.get((task, a, b))
        if res is not None:
            return dict(res)
        res = self.results.get((task, b, a))
        if res is None:
            return None
        res = dict(res, a=a, b=b, difference=-res["difference"])
        if "ci" in res:
            res["ci"] = [-res["ci"][1], -res["ci"][0]]
        if isinstance(res.get("statistic"), dict) and "only_a" in res["statistic"]:
            s = res["statistic"]
            res["statistic"] = {"only_a": s["only_b"], "only_b": s["only_a"]}
        return res

    def significant(self, task: str, a: str, b: str, alpha: float) -> bool:
        res = self.test(task, a, b)
        return res is not None and math.isfinite(res["p_adjusted"]) and res["p_adjusted"] < alpha


def flipped_pairs(tasks: Sequence[TaskItems], *, tests: PairTests | None = None, alpha: float = 0.05,
                  n_boot: int = 1000, seed: int = 0, untested: list | None = None) -> list[dict[str, Any]]:
    """Pairs (A, B) with A strictly ahead of B on an intrinsic task and strictly behind on an extrinsic one.

    ``p_intrinsic``/``p_extrinsic`` are the corrected p-values of the two paired tests; a flip is only as
    credible as the weaker of the two (``p_max``), and the list is sorted by it. ``untested``, when given, is
    extended with the (intrinsic, extrinsic, ahead, behind, untested tasks) pairs opposed by their scores
    whose tests did not run (too few items, other candidate sets): no flips, and no agreement either."""
    tests = tests or PairTests(tasks, n_boot=n_boot, seed=seed)
    flips = []
    scores = {t.task: t.scores() for t in tasks}
    intrinsic = [t for t in tasks if t.kind == "intrinsic"]
    extrinsic = [t for t in tasks if t.kind == "extrinsic"]
    for ti, te in itertools.product(intrinsic, extrinsic):
        reps = [r for r in ti.representations if r in te.columns]
        si, se = scores[ti.task], scores[te.task]
        for a, b in itertools.combinations(reps, 2):
            di = ti.oriented(si[a]) - ti.oriented(si[b])
            de = te.oriented(se[a]) - te.oriented(se[b])
            if not (np.isfinite(di) and np.isfinite(de)) or di * de >= 0:
                continue
            ahead, behind = (a, b) if di > 0 else (b, a)  # ahead intrinsically, behind extrinsically
            ri, re_ = tests.test(ti.task, ahead, behind), tests.test(te.task, ahead, behind)
            if ri.get("not_compared") or re_.get("not_compared"):
                if untested is not None:  # with the task(s) whose test did not run, which the summary names
                    apart = tuple(t for t, r in ((ti.task, ri), (te.task, re_)) if r.get("not_compared"))
                    untested.append((ti.task, te.task, ahead, behind, apart))
                continue  # the difference is not one between the representations (see PairTests)
            pi, pe = ri["p_adjusted"], re_["p_adjusted"]
            flips.append({"intrinsic": ti.task, "extrinsic": te.task, "ahead_intrinsic": ahead,
                          "ahead_extrinsic": behind,
                          "intrinsic_scores": [si[ahead], si[behind]], "extrinsic_scores": [se[ahead], se[behind]],
                          "p_intrinsic": pi, "p_extrinsic": pe, "p_max": max(pi, pe),
                          "p_intrinsic_raw": ri["p_value"], "p_extrinsic_raw": re_["p_value"],
                          "floor_intrinsic": ri["p_value"] <= ri["p_floor"],
                          "floor_extrinsic": re_["p_value"] <= re_["p_floor"],
                          "test_intrinsic": ri["code"], "test_extrinsic": re_["code"],
                          "significant": bool(pi < alpha and pe < alpha)})
    flips.sort(key=lambda f: (np.nan_to_num(f["p_max"], nan=2.0), f["intrinsic"], f["extrinsic"]))
    return flips
