"""Rank agreement between tasks across representations, with uncertainty from representations and items.

Every score here is recomputed from the records' per-item columns (``wordeval.stats.item_scores``, by the
scorer name each record carries) on the items that every compared representation covers — and every seed
record of it — aligned on the "id" column: one item set per task, so a representation with a small
vocabulary is not ranked on easier items than the others.

* Kendall τ-b between the ranking of representations by an intrinsic task and by an extrinsic one, with
  - an exact permutation p-value over representations (all n! orderings up to 8 representations, a seeded
    Monte Carlo sample beyond): how often a random pairing of the two score lists gives |τ| at least as large;
  - a bootstrap CI over items: each task's items are resampled with the *same* draws for every
    representation and seed (``TaskBootstrap``), every score recomputed, τ recomputed per replicate.
  With fewer than ``MIN_REPRESENTATIONS`` representations no verdict is given (τ over 2 or 3 values takes
  only a handful of values: over 2 it is ±1, or undefined where a task ties them).
* The benchmark × task correlation matrix across representations (Chiu, Korhonen & Pyysalo 2016).

The task's item set and shared resamples live in ``task_items``; the pair tests and flipped pairs (A ahead of B
on an intrinsic task, behind on an extrinsic one) in ``pair_tests``; both are re-exported here.
"""
from __future__ import annotations

import itertools
import math
from functools import lru_cache, partial
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.stats.bootstrap import MIN_BOOTSTRAP_ITEMS, percentile_ci
from wordeval.stats.item_scores import _corr
from wordeval.stats.pair_tests import PairTests, flipped_pairs  # noqa: F401 (part of this module's API)
from wordeval.stats.task_items import (TaskBootstrap, TaskItems, align_items, bootstrap_scores,  # noqa: F401
                                       task_rng)

MIN_REPRESENTATIONS = 4  # fewer: no agreement verdict (τ over 3 values takes 4 values; p can't reach 0.05)
# The τ interval's method, named in every row (results.json): a reader of the JSON alone could not tell a
# percentile interval over items from one over representations or a Fisher-z one
TAU_CI_METHOD = ("percentile bootstrap over each task's common items, the same draws for every representation "
                 "(numpy quantile, linear)")
MAX_EXACT_PERMUTATIONS = 8  # 8! = 40,320 orderings; beyond, a Monte Carlo sample
N_MONTE_CARLO = 9999
VERDICT_RULE = ("An agreement verdict needs at least 4 representations, on both tasks at least "
                f"{MIN_BOOTSTRAP_ITEMS} common items (fewer support no CI or paired test, nor a ranking to "
                "agree with), and scores comparable across representations (not an analogy set whose "
                "representations searched candidate sets of different sizes, §: its τ is descriptive). "
                "'clear': the permutation p-value "
                "over representations (corrected over the agreement cells that can have a verdict) is below "
                "alpha AND the 95% item-bootstrap CI of tau excludes 0; 'likely': the permutation test "
                "passes but the CI includes 0; "
                "'could be chance': the permutation test does not pass (whatever the CI: a CI over items says "
                "how stable tau is under other test items, not whether these representations' agreement could "
                "be a chance ordering). 'agreement' when tau > 0, 'disagreement' when tau < 0.")
NOT_COMPARABLE_WHY = "§: the representations searched candidate sets of different sizes"


# -- Kendall τ ------------------------------------------------------------------------------------------------

def verdict_rule(correction: str, level: float = 0.95) -> str:
    """``VERDICT_RULE`` as it applies under ``correction``: with ``none`` the p-value is not corrected, and the
    rule said "corrected over all agreement cells" in every table caption all the same (and at ``level``)."""
    rule = VERDICT_RULE.replace("95% item-bootstrap", f"{100 * level:g}% item-bootstrap")
    if correction != "none":
        return rule
    return rule.replace("(corrected over the agreement cells that can have a verdict)",
                                "(not corrected for multiple testing: --correction none)")


def kendall_tau(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall τ-b (equal to scipy's ``kendalltau``); NaN when either ranking is constant or undefined, never 0."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 2:
        return float("nan")
    return float(tau_b_rows(x[ok][None, :], y[ok][None, :])[0])


def _pair_signs(values: np.ndarray) -> np.ndarray:
    """sign(v_i - v_j) for i < j, along the last axis."""
    i, j = np.triu_indices(values.shape[-1], k=1)
    return np.sign(values[..., i] - values[..., j])


def tau_b_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """τ-b of each row of ``x`` with the same row of ``y`` (equal to scipy's τ-b; NaN for a constant row)."""
    sx, sy = _pair_signs(np.asarray(x, float)), _pair_signs(np.asarray(y, float))
    den = np.sqrt((sx * sx).sum(axis=-1) * (sy * sy).sum(axis=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, (sx * sy).sum(axis=-1) / np.where(den > 0, den, 1), np.nan)
    bad = ~(np.isfinite(x).all(axis=-1) & np.isfinite(y).all(axis=-1))
    return np.where(bad, np.nan, out)


@lru_cache(maxsize=None)
def _all_permutations(n: int) -> np.ndarray:
    return np.array(list(itertools.permutations(range(n))), dtype=np.int8)


def permutation_p(x: Sequence[float], y: Sequence[float], *, seed: int = 0,
                  max_exact: int = MAX_EXACT_PERMUTATIONS, n_monte_carlo: int = N_MONTE_CARLO) -> dict[str, Any]:
    """Two-sided permutation p-value of Kendall's τ-b over representations: the share of pairings of ``y``
    with ``x`` whose |τ| is at least the observed one. Exact (all n! orderings, the observed one included)
    for n <= ``max_exact``; otherwise (1 + count) / (1 + M) over M seeded random orderings."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = x.size
    sx = _pair_signs(x)
    # The numerator S = sum sx*sy is an integer; the τ-b denominator is the same for every ordering.
    observed = abs(float(sx @ _pair_signs(y)))
    if n < 2 or not (np.any(sx) and np.any(_pair_signs(y))):
        return {"p_value": float("nan"), "method": "undefined (a constant ranking)", "n_permutations": 0,
                "p_floor": float("nan")}
    if n <= max_exact:
        perms = _all_permutations(n)
        stats = np.abs(_pair_signs(y[perms]) @ sx)
        count = int(np.count_nonzero(stats >= observed))
        # the least p these scores allow: the orderings at the largest |S| (an ordering and its reverse at
        # least, so never 1/n!, which put 4 representations' floor of 2/24 at 1/24, below α = 0.05)
        floor = int(np.count_nonzero(stats == stats.max())) / len(perms)
        return {"p_value": count / len(perms), "method": f"exact, all {len(perms):,} orderings",
                "n_permutations": len(perms), "p_floor": floor}
    # the same orderings must meet the same pairs of scores: in the order the representations came in, the
    # p-value changed with the order they were given on the command line
    canonical = np.lexsort((y, x))
    x, y = x[canonical], y[canonical]
    sx = _pair_signs(x)
    rng = np.random.default_rng([seed, n])
    perms = np.argsort(rng.random((n_monte_carlo, n)), axis=1)
    stats = np.abs(_pair_signs(y[perms]) @ sx)
    count = int(np.count_nonzero(stats >= observed))
    return {"p_value": (1 + count) / (1 + n_monte_carlo), "method": f"Monte Carlo, {n_monte_carlo:,} orderings",
            "n_permutations": n_monte_carlo, "p_floor": 1.0 / (1 + n_monte_carlo)}


def rank_correlation(x: Sequence[float], y: Sequence[float], *, method: str = "spearman") -> float:
    """Spearman, Pearson or Kendall τ-b of two score lists over representations (as scipy's)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 3:
        return float("nan")
    if method == "kendall":
        return kendall_tau(x[ok], y[ok])
    return _corr("spearman" if method == "spearman" else "pearson", x[ok], y[ok])


def _pairs(tasks: Sequence[TaskItems]):
    intrinsic = [t for t in tasks if t.kind == "intrinsic"]
    extrinsic = [t for t in tasks if t.kind == "extrinsic"]
    return list(itertools.product(intrinsic, extrinsic))


def tau_table(tasks: Sequence[TaskItems], boots: Mapping[str, TaskBootstrap] | None = None, *, n_boot: int = 1000,
              seed: int = 0, level: float = 0.95) -> list[dict[str, Any]]:
    """Kendall τ-b between every intrinsic and every extrinsic ranking: the representations it used, an
    exact permutation p-value over them, and an item-bootstrap percentile CI (one that prints as a
    single value with ``ci_point_mass``: see ``point_mass``; BCa was measured and rejected, README "Statistics"). Each row also carries the
    bootstrap distribution (``"_boot"``) so callers can ask how often a benchmark stays the best predictor."""
    boots = boots or {t.task: TaskBootstrap(t, n_boot=n_boot, seed=seed) for t in tasks}
    scores = {t.task: t.scores() for t in tasks}
    rows = []
    for ti, te in _pairs(tasks):
        reps = [r for r in ti.representations if r in te.columns
                and math.isfinite(scores[ti.task][r]) and math.isfinite(scores[te.task][r])]
        x = np.array([ti.oriented(scores[ti.task][r]) for r in reps])
        y = np.array([te.oriented(scores[te.task][r]) for r in reps])
        nb = boots[ti.task].n_boot
        if len(reps) >= 2:
            dist = tau_b_rows(boots[ti.task].oriented_matrix(reps), boots[te.task].oriented_matrix(reps))
            perm = permutation_p(x, y, seed=seed)
        else:
            dist = np.full(nb, np.nan)
            perm = {"p_value": float("nan"), "method": "undefined (fewer than 2 representations)",
                    "n_permutations": 0, "p_floor": float("nan")}
        constant = [t.task for t, v in ((ti, x), (te, y)) if len(reps) >= 2 and not np.any(_pair_signs(v))]
        lo, hi = percentile_ci(dist, level=level, n_items=min(ti.n_common, te.n_common))
        if constant:  # no τ to be stable: the resamples where the scores happen to differ gave [-0.82, 0.78]
            lo = hi = float("nan")
        if len(reps) < MIN_REPRESENTATIONS:
            # τ over 2 representations is ±1 and over 3 takes 4 values: its "interval" was [1.00 in all 1,000
            # resamples] or [0.33, 1.00], read as evidence where the verdict rule sees none
            lo = hi = float("nan")
        # a method beside [null, null] read as an interval that was computed and came out undefined
        method = TAU_CI_METHOD if math.isfinite(lo) and math.isfinite(hi) else None
        rows.append({"intrinsic": ti.task, "extrinsic": te.task, "tau": kendall_tau(x, y) if len(reps) >= 2
                     else float("nan"), "ci": [lo, hi], "ci_method": method,
                     **point_mass(dist, lo, hi),
                     "n_representations": len(reps), "representations": reps, "constant": constant,
                     "p_permutation": perm["p_value"], "permutation": perm["method"],
                     "n_permutations": perm["n_permutations"], "p_floor": perm["p_floor"], "n_items": [ti.n_common, te.n_common],
                     "units": [ti.unit, te.unit], "n_boot": nb,
                     "seed": seed, "_boot": dist, "_x": x, "_y": y,
                     "_boot_on": partial(_boot_tau_on, boots[ti.task], boots[te.task])})
    return rows


def point_mass(dist: np.ndarray, lo: float, hi: float) -> dict[str, int | None]:
    """For an interval that prints as one value (τ to 2 decimals), how many of the defined resamples lie in
    it (``ci_point_mass`` of ``ci_resamples``); None otherwise. τ over a few representations takes few values,
    so a percentile interval is [1.00, 1.00] as soon as 97.5 % of the resamples give 1 (in simulations a
    third of the stores of 5 well-separated representations): shown bare it read as certainty."""
    from wordeval.interval_rounding import outward

    finite = dist[np.isfinite(dist)]
    # printed as the tables print it (rounded outward): one value only when both bounds round to it
    if not (math.isfinite(lo) and math.isfinite(hi) and len(set(outward(lo, hi, 2))) == 1):
        return {"ci_point_mass": None, "ci_resamples": int(finite.size)}
    return {"ci_point_mass": int(np.count_nonzero((finite >= lo) & (finite <= hi))), "ci_resamples": int(finite.size)}


def verdict(row: Mapping[str, Any], *, alpha: float) -> str | None:
    """The documented rule (``VERDICT_RULE``); None when there are too few representations or items, no τ,
    or scores not comparable across representations (§)."""
    if not can_have_verdict(row):
        return None
    tau = row["tau"]
    if tau == 0:
        return "could be chance"  # no association at all: nothing to grade
    p = row.get("p_adjusted", row.get("p_permutation"))
    lo, hi = row["ci"]
    perm_ok = p is not None and math.isfinite(p) and p < alpha
    ci_ok = lo is not None and hi is not None and math.isfinite(lo) and (lo > 0 or hi < 0)
    # the test over representations decides; the item CI only grades a passed test (see VERDICT_RULE)
    return ("clear" if ci_ok else "likely") if perm_ok else "could be chance"


def can_have_verdict(row: Mapping[str, Any]) -> bool:
    """Whether the verdict rule can grade a τ cell at all, whatever its p-value: only these cells are the
    family its permutation p is corrected over."""
    tau = row.get("tau")
    # a § cell's pairs are refused as not comparable, so its ranking is no evidence of agreement: graded, it
    # read 'clear' beside a summary that would not name it, and its p lifted the other cells' corrected ones
    return (row["n_representations"] >= MIN_REPRESENTATIONS and tau is not None and math.isfinite(tau)
            and not too_few_items(row) and not row.get("not_comparable"))


def no_verdict_reason(row: Mapping[str, Any]) -> str | None:
    """Why a τ cell has no verdict, in words (None when it has one or nothing stops it but its p-value)."""
    if row["n_representations"] < MIN_REPRESENTATIONS:
        return f"{row['n_representations']} representations (at least {MIN_REPRESENTATIONS} are needed)"
    if row.get("constant"):
        return (f"{' and '.join(row['constant'])} give{'s' if len(row['constant']) == 1 else ''} every "
                f"representation the same score: no ranking, so no τ")
    if too_few_items(row):
        return f"{few_items_text(row)} (at least {MIN_BOOTSTRAP_ITEMS} are needed)"
    if row.get("not_comparable"):
        return NOT_COMPARABLE_WHY
    if row.get("tau") is None or not math.isfinite(row["tau"]):
        return "no τ"
    return None


def few_items_text(row: Mapping[str, Any]) -> str:
    """'6 common word pairs': the fewer common items of a τ cell's two tasks, named by that task's unit ('6
    common items' left a reader to guess whether a benchmark's pairs or a tagger's sentences were too few)."""
    counts = [(n, u) for n, u in zip(row["n_items"], row.get("units") or ("items", "items")) if n is not None]
    n, unit = min(counts, key=lambda c: c[0])
    return f"{n} common {unit}"


def too_few_items(row: Mapping[str, Any]) -> bool:
    """A cell with a task of fewer than ``MIN_BOOTSTRAP_ITEMS`` common items: its ranking had no paired test
    (every representation '=') and its τ no CI, so its τ is no evidence either way: no verdict, no predictor."""
    counts = [n for n in (row.get("n_items") or ()) if n is not None]
    return any(n < MIN_BOOTSTRAP_ITEMS for n in counts)


def best_predictors(tau_rows: Sequence[Mapping[str, Any]], *, alpha: float = 0.05,
                    not_comparable: Sequence[str] = ()) -> list[dict[str, Any]]:
    """For each extrinsic task: the intrinsic benchmark with the highest τ, named only when its τ is strictly
    above the runner-up's (otherwise ``tied`` lists the benchmarks sharing the top τ) and only from cells with
    at least ``MIN_REPRESENTATIONS`` representations; ``share_best`` is how often it stays strictly on top over
    the item resamples (a tie with another benchmark is not counted), each benchmark compared with it over the
    representations both cells have (``share_on_shared`` where that is not all of them).

    ``not_comparable``: benchmarks whose scores are not comparable across representations (an analogy set
    searched over candidate sets of different sizes, §): their ranking mixes each representation with its
    candidate set, the pair tests refuse it, so it is no candidate either; ``set_aside`` lists those whose τ
    reached the named benchmark's (or every one, where none is left): the summary gives them with the why;
    ``not_counted`` every one of them, whatever its τ (none is in ``share_best`` either)."""
    out = []
    for task in dict.fromkeys(r["extrinsic"] for r in tau_rows):
        cells = [r for r in tau_rows if r["extrinsic"] == task]
        judged = [r for r in cells if r["n_representations"] >= MIN_REPRESENTATIONS and np.isfinite(r["tau"])
                  and not too_few_items(r)]
        flagged = [r for r in judged if r["intrinsic"] in not_comparable or r.get("not_comparable")]
        rows = [r for r in judged if not any(r is f for f in flagged)]
        # analogy/msr § was "the best predictor" of WNUT-16 (τ 0.80) over pairs its own tests refused
        top_kept = max((r["tau"] for r in rows), default=-math.inf)
        aside = [{"intrinsic": r["intrinsic"], "tau": r["tau"], "n_representations": r["n_representations"]}
                 for r in sorted(flagged, key=lambda r: -r["tau"]) if r["tau"] >= top_kept - 1e-12]
        # every § benchmark left out of the share, whatever its τ: the summary says "every other benchmark
        # counted" only where one was
        not_counted = [r["intrinsic"] for r in flagged]
        if judged and not rows:
            out.append({"extrinsic": task, "intrinsic": None, "tied": [], "status": "not comparable",
                        "set_aside": aside, "not_counted": not_counted,
                        "n_representations": sorted({r["n_representations"] for r in cells})})
            continue
        if not rows:
            why = {r["intrinsic"]: no_verdict_reason(r) for r in cells}
            few_reps = all(r["n_representations"] < MIN_REPRESENTATIONS for r in cells)
            # a task whose scores were all equal was said to have "too few representations (its cells use 6)"
            out.append({"extrinsic": task, "intrinsic": None, "tied": [],
                        "status": "too few representations" if few_reps else "no cell judged", "reasons": why,
                        "not_counted": [],
                        "n_representations": sorted({r["n_representations"] for r in cells})})
            continue
        rows = sorted(rows, key=lambda r: -r["tau"])
        top = rows[0]["tau"]
        tied = [r for r in rows if abs(r["tau"] - top) <= 1e-12]
        best = rows[0]
        entry = {"extrinsic": task, "tau": best["tau"], "ci": best["ci"], "ci_point_mass": best.get("ci_point_mass"),
                 "ci_resamples": best.get("ci_resamples"), "n_benchmarks": len(rows),
                 "n_representations": best["n_representations"], "p_permutation": best.get("p_permutation"),
                 "p_adjusted": best.get("p_adjusted"), "verdict": verdict(best, alpha=alpha),
                 "ci_excludes_zero": bool(best["ci"][0] > 0 or best["ci"][1] < 0)}
        unlike = _not_ahead_on_shared(best, rows[1:]) if len(tied) == 1 else []
        if len(tied) > 1:
            entry.update(intrinsic=None, tied=[r["intrinsic"] for r in tied], status="tie", share_best=None)
        elif unlike:
            # its τ is the highest over its own representations only: the demo's analogy/google (τ 0.95 over 5,
            # without MiniLM) was "best" for BBC ahead of five benchmarks at 0.75 over 6, which on those 5
            # representations rank them exactly as it does (0.95)
            entry.update(intrinsic=None, tied=[], status="other representations", highest=best["intrinsic"],
                         rivals=unlike, share_best=None)
        else:
            own = np.vstack([r["_boot"] for r in rows])
            # alone, it has no benchmark to stay above: the share was that of resamples with a τ, and read
            # "strictly above every other benchmark in 100% of item resamples"
            share = _share_strictly_on_top(own, _like_with_like(best, rows[1:])) if len(rows) > 1 else None
            entry.update(intrinsic=best["intrinsic"], tied=[], status="best", share_best=share,
                         share_on_shared=any(_other_set(best, r) for r in rows[1:]),
                         runner_up=rows[1]["intrinsic"] if len(rows) > 1 else None,
                         runner_up_tau=rows[1]["tau"] if len(rows) > 1 else None,
                         runner_up_n=sorted({r["n_representations"] for r in rows[1:]
                                             if abs(r["tau"] - rows[1]["tau"]) <= 1e-12}) if len(rows) > 1 else [],
                         # every benchmark at the runner-up's τ: naming the first of them by sort order alone
                         # ranked one above another it equals
                         runners_up=[r["intrinsic"] for r in rows[1:]
                                     if abs(r["tau"] - rows[1]["tau"]) <= 1e-12] if len(rows) > 1 else [])
        entry["set_aside"], entry["not_counted"] = aside, not_counted
        out.append(entry)
    return out


def _not_ahead_on_shared(best: Mapping[str, Any], others: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The benchmarks whose cell used other representations than ``best``'s and that, on the representations
    the two share, rank them as well as it does or better (or share too few to tell): τ over other
    representations is not τ over these, so a higher one need not be a better predictor."""
    out = []
    for row in others:
        if "_x" not in row or "_x" not in best or list(row["representations"]) == list(best["representations"]):
            continue  # a row without its scores (built by hand) is taken as over the same representations
        shared = [r for r in best["representations"] if r in row["representations"]]
        taus = [float("nan"), float("nan")]
        if len(shared) >= MIN_REPRESENTATIONS:
            taus = [kendall_tau(*(np.asarray(r[k])[[list(r["representations"]).index(s) for s in shared]]
                                  for k in ("_x", "_y"))) for r in (best, row)]
        if len(shared) >= MIN_REPRESENTATIONS and math.isfinite(taus[0]) and not math.isfinite(taus[1]):
            continue  # constant there: the rival ranks nothing
        if not taus[0] - taus[1] > 1e-12:  # too few shared, or no top τ there: not shown to be ahead
            out.append({"intrinsic": row["intrinsic"], "n_shared": len(shared), "tau_shared": taus[1],
                        "top_tau_shared": taus[0]})
    return out


def _boot_tau_on(intrinsic: TaskBootstrap, extrinsic: TaskBootstrap, reps: Sequence[str]) -> np.ndarray:
    """The cell's τ in each item resample, over ``reps`` only."""
    return tau_b_rows(intrinsic.oriented_matrix(reps), extrinsic.oriented_matrix(reps))


def _other_set(best: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    return ("_boot_on" in best and "_boot_on" in row
            and list(row["representations"]) != list(best["representations"]))


def _like_with_like(best: Mapping[str, Any], others: Sequence[Mapping[str, Any]]) -> list[tuple]:
    """(the best's τ, the other's τ) in each resample, for every other benchmark, over the representations
    the two cells share: the point verdict compares them there (``_not_ahead_on_shared``), and the share
    compared τ over 5 representations with τ over 6."""
    out = []
    for row in others:
        if _other_set(best, row):
            shared = [r for r in best["representations"] if r in row["representations"]]
            out.append((best["_boot_on"](shared), row["_boot_on"](shared)))
        else:
            out.append((best["_boot"], row["_boot"]))
    return out


def _share_strictly_on_top(own: np.ndarray, pairs: Sequence[tuple]) -> float:
    """How often the best's τ is strictly above every other benchmark's (each pair as ``_like_with_like``
    gives it), over the resamples where any cell's own τ is defined. A resample where it only ties another
    benchmark is not one where it "stays the top benchmark": τ over a few representations takes few values,
    so such ties are common (argmax, which gives a tie to the first row, counted 5.5 % of one demo's
    resamples as wins: 82 % said where 76 % was strictly on top)."""
    valid = np.isfinite(own).any(axis=0)
    if not valid.any():
        return float("nan")
    wins = np.isfinite(own[0, valid]) if not pairs else np.ones(int(valid.sum()), dtype=bool)
    for top, other in pairs:
        top, other = (np.where(np.isfinite(v), v, -np.inf)[valid] for v in (top, other))
        with np.errstate(invalid="ignore"):  # -inf - -inf: no τ on either side, not a win
            # the tolerance of the top-τ tie above: equal τ-b from different tie patterns can round apart
            wins &= top - other > 1e-12
    return float(np.mean(wins))


def correlation_matrix(tasks: Sequence[TaskItems], *, method: str = "spearman") -> dict[str, Any]:
    """Task × task correlation of scores across representations (Chiu et al. 2016), intrinsic tasks first;
    each entry over the representations both tasks have (finite scores): ``n`` per entry, and
    ``n_representations`` the most any entry uses. Reports show it only from ``MIN_REPRESENTATIONS`` on (a
    Spearman over 3 values is ±1 or ±0.5, as τ over 3 is, which gets no agreement verdict)."""
    ordered = [t for t in tasks if t.kind == "intrinsic"] + [t for t in tasks if t.kind == "extrinsic"]
    names = [t.task for t in ordered]
    reps = list(dict.fromkeys(r for t in ordered for r in t.representations))
    table = np.full((len(reps), len(ordered)), np.nan)
    for j, t in enumerate(ordered):
        for rep, v in t.scores().items():
            table[reps.index(rep), j] = t.oriented(v)
    mat = np.full((len(ordered), len(ordered)), np.nan)
    # entry by entry with the exact sums of ``_corr``, not np.corrcoef, whose diagonal read 0.9999999999999999
    # and a Spearman of 9/10 0.8999999999999998 in compare --json, where the text shows 1.00 and 0.90
    for i, j in itertools.product(range(len(ordered)), repeat=2):
        mat[i, j] = rank_correlation(table[:, i], table[:, j], method=method)
    ok = np.isfinite(table).astype(int)
    n = ok.T @ ok  # representations with a finite score on both tasks, per entry
    off = n[~np.eye(len(ordered), dtype=bool)]
    return {"tasks": names, "kinds": [t.kind for t in ordered], "method": method, "matrix": mat, "n": n,
            "n_representations": int(off.max()) if off.size else 0}
