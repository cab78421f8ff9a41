"""The plain-words summary of a Comparison. Every sentence states only what its numbers support:

- agreement: no verdict with fewer than ``agreement.MIN_REPRESENTATIONS`` representations (the sentence
  says so and how many each cell used); otherwise the verdict word follows ``agreement.VERDICT_RULE``;
- "best predicted by" only when one benchmark's τ is strictly above the runner-up's and its verdict is 'clear'
  or 'likely' (else "highest τ-b"), else the tie is named;
- flipped pairs are counted as significant only when both corrected p-values are below α;
- when the bootstrap cannot resolve a p-value small enough to survive the correction, it says so and how many
  resamples would.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from wordeval.report.cells import finite
from wordeval.report.fmt import at_floor, fmt, fmt_lower_bound, fmt_p, fmt_p_number, fmt_share
from wordeval.report.tables import (corrected, correction_over, level_text, over_representations, tau_ci_text,
                                    tau_p_at_floor)
from wordeval.stats.agreement import MIN_REPRESENTATIONS


def _cells_used(comp) -> str:
    counts = {(r["intrinsic"], r["extrinsic"]): r["n_representations"] for r in comp.taus}
    distinct = set(counts.values())
    if len(distinct) == 1:
        n = distinct.pop()
        return f"every intrinsic × extrinsic cell uses {n} representation{'s' if n != 1 else ''}"
    return "; ".join(f"{i} × {e}: {n}" for (i, e), n in counts.items())


def _why_too_few(n: int) -> str:
    """Said of the cells' own count: "τ over 2 is always ±1" was given for cells of 3 representations too."""
    if n <= 2:
        # ±1 only where both tasks order the two: a task that ties them leaves τ undefined
        return "τ over 2 representations is ±1, or undefined where a task ties them"
    return f"over {n} representations an exact permutation p-value cannot go below {_exact_floor(n)}"


def _exact_floor(n: int) -> str:
    """2/n!, the least exact two-sided permutation p over n representations (the observed order and its
    reverse), rounded down: rounded up it was a floor above the true one. Cut digits are marked with an
    ellipsis and the exact fraction follows: a bare "2/6! = 0.00277" read as a slip for 2/720 = 0.002778."""
    exact = Fraction(2, math.factorial(n))
    shown = fmt_lower_bound(float(exact))
    if Fraction(shown) == exact:
        return f"2/{n}! = {shown}"
    return f"2/{n}! = {shown}… (= 1/{exact.denominator})"


def _agreement_lines(comp) -> list[str]:
    if not comp.taus:
        return ["No intrinsic/extrinsic agreement could be computed: the results need at least one intrinsic and "
                "one extrinsic task with per-item scores for two or more representations."]
    if all(r["n_representations"] < MIN_REPRESENTATIONS for r in comp.taus):
        return [f"Too few representations to judge agreement between intrinsic and extrinsic rankings "
                f"({_cells_used(comp)}); at least {MIN_REPRESENTATIONS} are needed, so no agreement verdict is "
                f"given ({_why_too_few(max(r['n_representations'] for r in comp.taus))})."]
    lines = []
    for pred in comp.predictors:
        task = pred["extrinsic"]
        if pred["status"] == "too few representations":
            ns = ", ".join(map(str, pred["n_representations"]))
            lines.append(f"{task}: too few representations to judge agreement (its cells use {ns}; at least "
                         f"{MIN_REPRESENTATIONS} are needed).")
            continue
        if pred["status"] == "no cell judged":
            reasons = pred["reasons"]
            # a reason that names its benchmark itself ("similarity/men gives every representation the same
            # score") read "similarity/men: similarity/men gives ..." with the name put before it
            said = "; ".join(why if why.startswith(f"{i} ") else f"{i}: {why}" for i, why in reasons.items())
            if len(set(reasons.values())) == 1:
                said = next(iter(reasons.values()))
            lines.append(f"{task}: no agreement can be judged: {said}.")
            continue
        if pred["status"] == "not comparable":  # the set-aside clause below says which and why
            lines.append(f"{task}: no intrinsic benchmark is named its predictor.")
            continue
        if pred["status"] == "other representations":  # its p and interval are said of the highest τ's cell
            pred = {**pred, "intrinsic": pred["highest"]}
        tied_rows = _tied_rows(comp, pred)
        tests = _tied_tests(comp, pred, tied_rows)
        stats = (f"Kendall τ-b = {fmt(pred['tau'], 2)}{tests}{'' if tests.endswith(';') else ','} "
                 f"{_tied_intervals(comp, pred)}")
        kind = "agreement" if pred["tau"] > 0 else "disagreement"
        verdicts = _tied_verdicts(comp, pred, tied_rows)
        if pred["tau"] <= 0:  # the top τ is no agreement: naming a "best predictor" would claim one
            names = [_flagged(comp, t) for t in pred["tied"] or [pred["intrinsic"]]]
            verdict = ("τ = 0 is neither agreement nor disagreement" if pred["tau"] == 0
                       else f"the {kind} {verdicts}")
            lines.append(f"{task}: no intrinsic benchmark ranks the representations as it does; highest τ: "
                         f"{', '.join(names)} ({stats}); {verdict}.")
            continue
        if pred["status"] == "other representations":
            lines.append(_other_representations_line(comp, pred, stats, kind, verdicts))
            continue
        if pred["status"] == "tie":
            tied = ", ".join(_flagged(comp, t) for t in pred["tied"])
            lines.append(f"{task}: no single best intrinsic predictor — {tied} tie at the top "
                         f"({stats}); the {kind} {verdicts}.")
            continue
        shared = pred.get("runners_up") or [pred.get("runner_up")]
        runner = (f"; runner{'s' if len(shared) > 1 else ''}-up {' = '.join(shared)} "
                  f"(τ = {fmt(pred['runner_up_tau'], 2)}{' each' if len(shared) > 1 else ''}{_other_n(pred)})"
                  if pred.get("runner_up") else "")
        share = pred.get("share_best")
        over = ("each benchmark compared with it over the representations both cells have; "
                if pred.get("share_on_shared") else "")
        # to the whole percent, yet never "100%" short of all resamples (a share of 0.996 said it always stays)
        counted = _counted(comp, pred)
        stays = (f"; it stays strictly above every other benchmark{counted} in {fmt_share(share, 0)} of item "
                 f"resamples ({over}ties not counted)"
                 if isinstance(share, float) and math.isfinite(share) else "")
        if pred.get("n_benchmarks") == 1:  # "best" of one: no runner-up, no share, and said so
            stays = f"; the only benchmark{counted or ' compared'}"
        if pred["verdict"] in ("clear", "likely"):
            lines.append(f"{task} is best predicted by {_flagged(comp, pred['intrinsic'])} ({stats}); the {kind} "
                         f"{_verdict_phrase(pred['verdict'])}{runner}{stays}.")
            continue
        # "best predicted by" for a τ of 0.20 at p = 1 read as a strong claim: the words as weak as the evidence
        lines.append(f"{task}: highest τ-b: {_flagged(comp, pred['intrinsic'])} ({stats}); the {kind} "
                     f"{_verdict_phrase(pred['verdict'])}, so no benchmark is called its best predictor"
                     f"{runner}{stays}.")
    return [line[:-1] + _set_aside_text(pred) + "." if pred.get("set_aside") else line
            for pred, line in zip(comp.predictors, lines, strict=True)]


def _counted(comp, pred) -> str:
    """' counted': the share leaves out every § benchmark, and 'every other benchmark' said it did not where
    the § one's τ was below the named one's (so no set-aside clause said it either); those are named here."""
    left = [t for t in pred.get("not_counted") or () if t not in {r["intrinsic"] for r in pred["set_aside"]}]
    if not pred.get("not_counted"):
        return ""
    return " counted" + (f" ({', '.join(_flagged(comp, t) for t in left)}: not comparable, not counted)"
                         if left else "")


def _set_aside_text(pred) -> str:
    """'; analogy/msr § (τ-b 0.80 over 5 representations) is not counted: ...': a benchmark whose τ reached
    the named one's but whose ranking is not comparable, with the reason in the same sentence, so that the
    line neither names it as the predictor nor leaves a higher τ in the table unexplained."""
    aside = pred["set_aside"]
    names = ", ".join(f"{r['intrinsic']} § (τ-b {fmt(r['tau'], 2)} "
                      f"{over_representations(r['n_representations'])})" for r in aside)
    one = len(aside) == 1
    return (f"; {names} {'is' if one else 'are'} not counted: the representations searched candidate sets "
            f"of different sizes, so {'its' if one else 'their'} ranking mixes each representation with its "
            f"candidate set, and its pairs are not tested")


def _other_n(pred) -> str:
    """The runners-up's count of representations where it is not the best's: the demo's runners-up at 0.75
    were over 6 beside a best τ over 5, and read as over 5."""
    ns = [n for n in pred.get("runner_up_n") or () if n != pred["n_representations"]]
    return f" over {' or '.join(map(str, pred['runner_up_n']))} representations" if ns else ""


def _other_representations_line(comp, pred, stats: str, kind: str, verdicts: str) -> str:
    """The top τ is over other representations than some rivals' cells: on the ones they share, those rank
    them as well as it does, so it is named as the highest τ, not as the best predictor."""
    def said(r) -> str:
        if r["n_shared"] < MIN_REPRESENTATIONS or not finite(r["top_tau_shared"]):
            return f"{r['n_shared']} shared, too few to compare"
        return f"τ-b {fmt(r['tau_shared'], 2)} vs {fmt(r['top_tau_shared'], 2)} over the {r['n_shared']} shared"
    texts = [said(r) for r in pred["rivals"]]
    names = [_flagged(comp, r["intrinsic"]) for r in pred["rivals"]]
    rivals = (f"{', '.join(names)} ({texts[0]}{' each' if len(names) > 1 else ''})" if len(set(texts)) == 1
              else ", ".join(f"{n} ({t})" for n, t in zip(names, texts)))
    return (f"{pred['extrinsic']}: no single best intrinsic predictor — {_flagged(comp, pred['highest'])} has "
            f"the highest τ ({stats}), but over other representations than these benchmarks, which on the "
            f"representations both cells have rank them as well as it does: {rivals}; the {kind} {verdicts}.")


def _tied_rows(comp, pred) -> list:
    rows = {(r["intrinsic"], r["extrinsic"]): r for r in comp.taus}
    return [rows[(t, pred["extrinsic"])] for t in pred.get("tied") or [] if (t, pred["extrinsic"]) in rows]


def _tied_tests(comp, pred, tied) -> str:
    """' over N representations, permutation p = …': equal τ-b from other tie patterns (or over other
    representations) has its own permutation distribution, so the first benchmark's p, given for all, was
    not theirs (τ-b 0.32 over 5: p = 0.80 with intrinsic scores 1, 1, 1, 2, 1, 0.63 with 1, 1, 4, 3, 2)."""
    p = comp.parameters
    over = f"({correction_over(p, p['n_agreement_tests'], 'cells')})"
    counts = [r["n_representations"] for r in tied]
    ps = [fmt_p(r.get("p_adjusted"), at_floor=tau_p_at_floor(r), alpha=p["alpha"]) for r in tied]
    if len(set(counts)) <= 1 and len(set(ps)) <= 1:
        key = (pred.get("intrinsic"), pred["extrinsic"])
        best = next((r for r in comp.taus if (r["intrinsic"], r["extrinsic"]) == key), {})
        return (f" over {pred['n_representations']} representations, permutation "
                f"{fmt_p(pred['p_adjusted'], at_floor=tau_p_at_floor(best), alpha=p['alpha'])} {over}")
    same_count = len(set(counts)) == 1
    each = ", ".join(f"{_flagged(comp, r['intrinsic'])} {text}"
                     + ("" if same_count else f" over {n} representations")
                     for r, n, text in zip(tied, counts, ps))
    return f"{f' over {counts[0]} representations' if same_count else ''}; permutation {over} {each};"


def _tied_verdicts(comp, pred, tied) -> str:
    """The verdict phrase, or each tied benchmark's where they differ (their p-values and intervals can)."""
    words = [r.get("verdict", pred["verdict"]) for r in tied]
    if len(set(words)) <= 1:
        return _verdict_phrase(pred["verdict"])
    return ", ".join(f"{_verdict_phrase(w)} for {_flagged(comp, r['intrinsic'])}"
                     for r, w in zip(tied, words))


def _tied_intervals(comp, pred) -> str:
    """The τ interval of the top benchmark, or of each tied one: τ equal over the same representations still
    comes with one interval per benchmark (their items differ), and the first one's, given for all, read as
    theirs (WS-353's [-0.92, 0.55] and SimLex's [-0.55, 0.92] under MC-30's [-0.92, 0.92])."""
    tied = _tied_rows(comp, pred)
    texts = [tau_ci_text(r) or "[—, —]" for r in tied]
    if len(set(texts)) <= 1:
        level = level_text(comp.parameters)
        return f"{level} item-bootstrap percentile CI {tau_ci_text(pred) or '[—, —]'}"
    return f"{level_text(comp.parameters)} item-bootstrap percentile CIs " + ", ".join(
        f"{_flagged(comp, r['intrinsic'])} {text}" for r, text in zip(tied, texts))


def _flagged(comp, task: str) -> str:
    """An analogy searched over candidate sets of different sizes keeps its § (the τ table says why)."""
    return f"{task} §" if task in comp.correlation.get("flagged", ()) else task


def _verdict_phrase(word: str | None) -> str:
    return {"clear": "is clear", "likely": "is likely", "could be chance": "could be chance"}.get(
        word or "", "cannot be judged")


def _tests_lines(comp) -> list[str]:
    from wordeval.stats.pair_tests import MIN_BOOTSTRAP_ITEMS, WILLIAMS_MIN_ITEMS

    p = comp.parameters
    lines = []
    for test, least in (("a paired bootstrap", MIN_BOOTSTRAP_ITEMS), ("Williams' t", WILLIAMS_MIN_ITEMS)):
        few = sorted({(t["task"], t["n_items"], t.get("unit") or "items") for t in comp.tests
                      if f"too few for {test}" in (t.get("not_compared") or "")})
        if few:
            lines.append(f"Not tested, too few common items for {test} (at least {least}): "
                         + ", ".join(f"{task} ({n} {unit})" for task, n, unit in few)
                         + "; their rankings list them as '=' (no verdict).")
    same = [t for t in comp.tests if t.get("identical")]
    if same:
        groups = identical_groups(same, comp.representations)
        lines.append("Identical per-item outputs, a tie by definition (written '=', not tested): "
                     + "; ".join(f"{' = '.join(g)} on {', '.join(ts)}" for g, ts in groups.items()) + ".")
    m = p["n_pair_tests"]
    if not m:
        return lines
    together = ("not corrected for multiple testing (--correction none)" if p["correction"] == "none"
                else f"corrected together ({p['correction_name']})")
    # how many passed: 'significant means corrected p < 0.05' left the count to the reader of every ranking
    lines.append(f"{m} pair test(s) over representations, {together}: {p['n_significant_pair_tests']} "
                 f"significant ({corrected(p)}p < {p['alpha']}).{_not_counted(p)}")
    # Bootstrap tests whose raw p sits at the resolution floor 1/(B + 1): their corrected p is the smallest
    # any of them can reach (Holm multiplies each by the tests not yet ranked before it, so it is read from
    # the tests rather than taken as m/(B + 1)).
    floored = [t for t in comp.tests if t["test"].startswith("bootstrap") and at_floor(t)
               and finite(t.get("p_adjusted"))]
    if floored and p["correction"] != "none":
        smallest = min(t["p_adjusted"] for t in floored)
        if smallest >= p["alpha"]:
            need = math.ceil(m / p["alpha"])
            lines.append(f"With {p['n_boot']:,} resamples a bootstrap p-value cannot go below "
                         f"1/{p['n_boot'] + 1:,}; corrected over {m} tests the smallest it becomes is "
                         f"{fmt_p_number(smallest, p['alpha'])}, so no bootstrap-tested pair can reach "
                         f"α = {p['alpha']}: rerun "
                         f"with --n-boot {need:,} or more to resolve it.")
    return lines


def identical_groups(tests, order) -> dict[tuple[str, ...], list[str]]:
    """The representations with identical outputs, as groups per task (all of a group identical to each other),
    each group with the tasks where exactly it is one: four copies of one representation were listed pair by
    pair, 6 pairs on every task, a summary line of 1,500 characters for 16 representations."""
    rank = {r: k for k, r in enumerate(order)}
    first = lambda r: rank.get(r, len(rank))  # noqa: E731 (groups and their members in the table's order)
    parents: dict[str, dict[str, str]] = {}
    for t in tests:  # identical outputs are an equivalence: union-find per task
        parent = parents.setdefault(t["task"], {})
        a, b = sorted((_root(parent, t["a"]), _root(parent, t["b"])), key=first)
        if a != b:
            parent[b] = a
    out: dict[tuple[str, ...], list[str]] = {}
    for task, parent in parents.items():
        members: dict[str, list[str]] = {}
        for x in sorted(set(parent) | set(parent.values()), key=first):
            members.setdefault(_root(parent, x), []).append(x)
        for group in members.values():
            out.setdefault(tuple(group), []).append(task)
    return out


def _root(parent: dict[str, str], x: str) -> str:
    while parent.get(x, x) != x:
        x = parent[x]
    return x


def _not_counted(p) -> str:
    """What is not among the m tests of the correction (pairs with identical outputs, tasks with too few
    items): '' when nothing was left out."""
    parts = []
    if p.get("n_identical_pairs"):
        parts.append(f"{p['n_identical_pairs']} pair(s) with identical per-item outputs")
    if p.get("n_too_few_pairs"):
        parts.append(f"{p['n_too_few_pairs']} pair(s) on tasks with too few common items")
    same = (f" {p['n_duplicate_tests']} more test(s) compare a copy with identical outputs to the same third "
            f"representation: each counts once with the test it repeats and shares its {corrected(p)}p."
            if p.get("n_duplicate_tests") else "")
    return (f" Not tests and not counted: {' and '.join(parts)}." if parts else "") + same


def _permutation_floor_lines(comp) -> list[str]:
    """Say so when no agreement cell can pass the permutation test: with n representations an exact two-sided
    permutation p is at least 2/n! (the observed ordering and its reverse), and the correction over all cells
    lifts it further. Every verdict is then "could be chance" (the rule needs the permutation test)."""
    p = comp.parameters
    m = p.get("n_agreement_tests") or 0
    eligible = [r for r in comp.taus if r["n_representations"] >= MIN_REPRESENTATIONS]
    rows = [r for r in eligible if finite(r.get("p_floor")) and _exact(r)]
    if m and len(rows) < len(eligible):  # Monte Carlo cells (n > 8) resolve far smaller p, but not any p
        return _monte_carlo_floor_lines(p, eligible, m)
    if not rows or not m:
        return []
    n = max(r["n_representations"] for r in rows)
    smallest = 2.0 / math.factorial(n)
    if _corrected_floor(smallest, m, p) < p["alpha"]:
        return []
    need = n + 1
    while _corrected_floor(2.0 / math.factorial(need), m, p) >= p["alpha"]:
        need += 1
    return [_no_verdict_line(f"With {n} representations an exact permutation p-value cannot go below "
                             f"{_exact_floor(n)}", smallest, m, p,
                             f"{need} representations would make a verdict possible.")]


def _monte_carlo_floor_lines(p, eligible: list[dict], m: int) -> list[str]:
    """The same for a comparison with Monte Carlo cells: their p is at least 1 / (1 + orderings drawn), and
    with enough cells the correction lifts even that to alpha (about 500 cells at 9,999 orderings under Holm),
    which was said for exact p-values only."""
    floors = [2.0 / math.factorial(r["n_representations"]) if _exact(r) else r.get("p_floor") for r in eligible]
    if not floors or not all(finite(f) for f in floors):
        return []
    smallest = min(floors)
    if _corrected_floor(smallest, m, p) < p["alpha"]:
        return []
    return [_no_verdict_line(f"A permutation p-value here cannot go below {fmt_lower_bound(smallest)} (Monte "
                             f"Carlo over a fixed number of orderings, or 2/n! where exact)", smallest, m, p,
                             "Fewer tasks (fewer cells) would make a verdict possible.")]


def _exact(tau_row) -> bool:
    return str(tau_row.get("permutation", "")).startswith("exact")


def _corrected_floor(smallest: float, m: int, p) -> float:
    """The least corrected p of any cell: Holm multiplies the smallest of m p-values by m; uncorrected and
    Benjamini-Hochberg leave it as it is when every cell has it."""
    return min(1.0, smallest * m) if p["correction"] == "holm" else smallest


def _no_verdict_line(floor: str, smallest: float, m: int, p, remedy: str) -> str:
    corrected_clause = (f"; corrected over {m} cell{'s' * (m != 1)} ({p['correction_name']}) it is at least "
                        f"{fmt_lower_bound(_corrected_floor(smallest, m, p))}" if p["correction"] != "none" else "")
    return (f"{floor}{corrected_clause}, so no cell can pass the permutation test at α = {p['alpha']} and no "
            f"verdict can be 'clear' or 'likely': every verdict is 'could be chance'. {remedy}")


def _flip_lines(comp) -> list[str]:
    from wordeval.report.legend import untested_flips_text

    p = comp.parameters
    untested = p.get("n_untested_flips") or 0
    # pairs whose scores are opposed but whose tests did not run are no flip and no agreement: "every ranking
    # agrees" was said of 5 representations on 2 common items, whose scores put 6 pairs the other way round
    apart = untested_flips_text(p) if untested else ""
    if not comp.flips:
        if not comp.taus:
            return []
        if untested:
            return [f"No flipped pairs among the pairs that could be tested; {apart}."]
        # not "every ranking agrees on each pair": a pair tied on either task (or every pair, where all
        # scores are equal) is no flip and no agreement either
        return ["No flipped pairs: no pair of representations is ahead on an intrinsic task and behind on an "
                "extrinsic one (a pair tied on either task is neither a flip nor an agreement)."]
    strong = [f for f in comp.flips if f["significant"]]
    top = strong or comp.flips
    f = top[0]
    which = "Strongest" if strong else "Strongest (not significant)"
    # flips are sorted by their larger corrected p, then by name: among equals the first is no stronger
    # (25 flips at p = 1 named one of them "Strongest")
    tied = sum(1 for g in top if g["p_max"] == f["p_max"] or not (finite(g["p_max"]) or finite(f["p_max"])))
    if tied > 1:
        which = (f"{tied} {'significant ' if strong else ''}flips tie as the strongest"
                 f"{'' if strong else ' (none significant)'}: a flip is as strong as the larger "
                 f"{corrected(p)}p-value of its two tests, and theirs are equal; one of them")
    after = "without correction" if p.get("correction") == "none" else "after correction"
    return [f"{len(comp.flips)} flipped pair(s); {len(strong)} with both differences significant at α = {p['alpha']} "
            f"{after}{f'; {apart}' if apart else ''}. {which}: {f['ahead_intrinsic']} beats {f['ahead_extrinsic']} on {f['intrinsic']} "
            f"({fmt_p(f['p_intrinsic'], at_floor=f['floor_intrinsic'], alpha=p['alpha'])}) but loses on "
            f"{f['extrinsic']} ({fmt_p(f['p_extrinsic'], at_floor=f['floor_extrinsic'], alpha=p['alpha'])})."]


def _tie_and_coverage_lines(comp) -> list[str]:
    lines = []
    ties = []
    identical = {(t["task"], frozenset((t["a"], t["b"]))) for t in comp.tests if t.get("identical")}
    for t in comp.tasks:
        order, rel = comp.rankings.get(t["name"], []), comp.relations.get(t["name"], [])
        # a run of equal neighbours is one tie: "A = B; B = C" read as if A and C differed
        chains: list[list[str]] = []
        for a, b, r in zip(order, order[1:], rel):
            if (t["name"], frozenset((a, b))) in identical:
                continue  # said above, with the identical outputs
            cell_a = comp.cells[(a, t["name"])]
            cell_b = comp.cells[(b, t["name"])]
            if r == "=" and cell_a.get("common_value", cell_a["value"]) == cell_b.get("common_value", cell_b["value"]):
                if chains and chains[-1][-1] == a:
                    chains[-1].append(b)
                else:
                    chains.append([a, b])
        ties += [f"{' = '.join(c)} on {t['name']}" for c in chains]
    if ties:
        lines.append("Exactly equal scores (tied, equal ranks): " + "; ".join(ties) + ".")
    flagged = [(rep, task) for (rep, task), c in comp.cells.items() if "coverage" in c["flags"]]
    if flagged:
        lines.append(f"{len(flagged)} cell(s) cover more than 5 points fewer items than the best-covered "
                     f"representation of their task (flagged); comparisons use the common items.")
    return lines


def incomplete_text(comp) -> str | None:
    """The cells a run planned that the store does not hold yet (in progress, or not computed), or None."""
    from wordeval.results.no_records import first_cells, pending_cells

    pending, n, states = pending_cells(comp.skipped)
    if not pending:
        return None
    return f"{n} planned cell-seed(s) are not in the results ({states}): {first_cells(pending)}"


def _incomplete_lines(comp) -> list[str]:
    """Said first: cells a run planned that the store does not hold yet change every mean, rank and τ below."""
    text = incomplete_text(comp)
    if text is None:
        return []
    return [f"Incomplete: {text}, listed under Skipped; means, ranks and τ use only what is stored."]


def _quick_cuts(comp) -> str:
    """What the quick profile's records cut: 'subsampled training and test data, fewer epochs' was said of a
    run that cut nothing (every split within the profile's caps), and of classification, which has no epochs."""
    from wordeval.report.cells import TAGGING
    from wordeval.report.protocol import cut_splits, profile_of

    quick = [r for r in comp.records if r.kind == "extrinsic" and profile_of(r) == "quick"]
    cuts = [cut_splits(r) for r in quick]
    cut = set().union(*(c for c in cuts if c))
    names = [name for split, name in (("train", "training"), ("dev", "development"), ("test", "test"))
             if split in cut]
    text = (f"subsampled {', '.join(names[:-1])}{' and ' if len(names) > 1 else ''}{names[-1]} data" if names
            else "training and test data capped" if None in cuts  # records that do not say what was cut
            else "no split subsampled: each within the caps")
    return text + (", fewer epochs" if any(r.family in TAGGING for r in quick) else "")


def _without_results(comp) -> list[str]:
    """The representations the inputs name only in skipped (or not yet stored) cells, in their order there.
    "(all)" is no representation: it marks a task skipped for every one (its data missing), and the demo's
    report without WORDEVAL_DATA said "No results for (all)"."""
    named = dict.fromkeys(str(s["embedding"]) for s in comp.skipped
                          if s.get("embedding") is not None and str(s["embedding"]) != "(all)")
    return [rep for rep in named if rep not in comp.representations]


def summarize(comp: Any) -> list[str]:
    lines = _incomplete_lines(comp)
    if comp.quick:
        # the seeds are whatever --seeds asked for, with any profile: the Protocol section lists them per task
        lines.append(f"Some results come from the quick profile ({_quick_cuts(comp)}): quick profile — not for "
                     f"citation.")
    absent = _without_results(comp)
    if len(comp.representations) == 1:
        # said first: otherwise the only hint was 'Holm (1979) over 0 pair tests' in the captions
        who = (f"Only one representation has results ({comp.representations[0]})" if absent
               else f"Only one representation ({comp.representations[0]})")
        lines.append(f"{who}: nothing is ranked or tested; the tables give its scores with their CIs."
                     + ("" if absent else " Name two or more to compare them."))
    if absent:
        # a representation skipped on every task had no column, bar or rank: only the Skipped list, after the
        # Protocol, named it, and the line above told the user to name two when two were named
        its, it = ("their", "them") if len(absent) > 1 else ("its", "it")
        lines.append(f"No results for {', '.join(absent)}: each of {its} cells is listed under Skipped; the "
                     f"tables, rankings and figures leave {it} out.")
    lines += _agreement_lines(comp)
    lines += _permutation_floor_lines(comp)
    lines += _tests_lines(comp)
    lines += _flip_lines(comp)
    lines += _tie_and_coverage_lines(comp)
    terms = _terms_line(comp, lines)
    first = len(_incomplete_lines(comp))  # that the results are incomplete stays the first thing said
    return [*lines[:first], terms, *lines[first:]] if terms else lines


# the marks and terms the summary may use before the sections that define them, briefly (the Results legend
# and the τ section give them in full)
_BRIEF_MARKS = {"candidates": "the representations searched candidate sets of different sizes, so their "
                              "analogy scores are not tested against each other",
                "coverage": "coverage more than 5 points below the task's best-covered representation",
                "not_converged": "training had not converged", "few_items": "too few items for a CI",
                "outside_ci": "the score lies outside its bias-corrected interval"}
_CORRECTIONS = {"holm": "Holm's step-down correction of p-values for multiple tests",
                "bh": "Benjamini and Hochberg's false-discovery-rate correction for multiple tests"}


def _terms_line(comp, lines: list[str]) -> str | None:
    """'Terms used below: τ-b: ...; Holm (1979): ...; §: ...': the summary comes first, and used §, τ-b,
    'Holm (1979)' and the cell marks that only later sections defined; only those it uses are listed."""
    from wordeval.report.tables import FLAG_SYMBOLS
    text = " ".join(lines)
    p = comp.parameters
    terms = []
    if "τ" in text:
        terms.append("τ-b: Kendall's rank correlation (ties counted, −1 to 1) between an intrinsic and an "
                     "extrinsic task's rankings of the representations")
    if p.get("correction") in _CORRECTIONS and str(p.get("correction_name")) in text:
        terms.append(f"{p['correction_name']}: {_CORRECTIONS[p['correction']]}")
    marks = [f"{sym}: {_BRIEF_MARKS[k]}" for k, sym in FLAG_SYMBOLS.items() if sym in text]
    if not terms and not marks:
        return None
    return ("Terms used below: " + "; ".join(terms + marks)
            + (" (each mark in full in the Results legend)." if marks else "."))
