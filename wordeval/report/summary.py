"""The plain-words summary of a Comparison. Every sentence states only what its numbers support:

- agreement: no verdict with fewer than ``agreement.MIN_REPRESENTATIONS`` representations (the sentence
  says so and how many each cell used); otherwise the verdict word follows ``agreement.VERDICT_RULE``;
- "best predicted by" only when one benchmark's τ is strictly above the runner-up's, else the tie is named;
- flipped pairs are counted as significant only when both corrected p-values are below α;
- when the bootstrap cannot resolve a p-value small enough to survive the correction, it says so and how many
  resamples would.
"""
from __future__ import annotations

import math
from typing import Any

from wordeval.report.fmt import fmt, fmt_p
from wordeval.stats.agreement import MIN_REPRESENTATIONS


def _cells_used(comp) -> str:
    counts = {(r["intrinsic"], r["extrinsic"]): r["n_representations"] for r in comp.taus}
    distinct = set(counts.values())
    if len(distinct) == 1:
        n = distinct.pop()
        return f"every intrinsic × extrinsic cell uses {n} representation{'s' if n != 1 else ''}"
    return "; ".join(f"{i} × {e}: {n}" for (i, e), n in counts.items())


def _agreement_lines(comp) -> list[str]:
    p = comp.parameters
    if not comp.taus:
        return ["No intrinsic/extrinsic agreement could be computed: the results need at least one intrinsic and "
                "one extrinsic task with per-item scores for two or more representations."]
    if all(r["n_representations"] < MIN_REPRESENTATIONS for r in comp.taus):
        return [f"Too few representations to judge agreement between intrinsic and extrinsic rankings "
                f"({_cells_used(comp)}); at least {MIN_REPRESENTATIONS} are needed, so no agreement verdict is "
                f"given (τ over 2 representations is always ±1)."]
    lines = []
    for pred in comp.predictors:
        task = pred["extrinsic"]
        if pred["status"] == "too few representations":
            ns = ", ".join(map(str, pred["n_representations"]))
            lines.append(f"{task}: too few representations to judge agreement (its cells use {ns}; at least "
                         f"{MIN_REPRESENTATIONS} are needed).")
            continue
        lo, hi = pred["ci"]
        stats = (f"Kendall τ-b = {fmt(pred['tau'], 2)} over {pred['n_representations']} representations, "
                 f"permutation {fmt_p(pred['p_adjusted'])} ({p['correction_name']} over {p['n_agreement_tests']} "
                 f"cells), 95% item-bootstrap CI [{fmt(lo, 2)}, {fmt(hi, 2)}]")
        word = pred["verdict"]
        kind = "agreement" if pred["tau"] > 0 else "disagreement"
        if pred["status"] == "tie":
            lines.append(f"{task}: no single best intrinsic predictor — {', '.join(pred['tied'])} tie at the top "
                         f"({stats}); the {kind} {_verdict_phrase(word)}.")
            continue
        runner = (f"; runner-up {pred['runner_up']} (τ = {fmt(pred['runner_up_tau'], 2)})"
                  if pred.get("runner_up") else "")
        share = pred.get("share_best")
        stays = (f"; it stays the top benchmark in {share:.0%} of item resamples"
                 if isinstance(share, float) and math.isfinite(share) else "")
        lines.append(f"{task} is best predicted by {pred['intrinsic']} ({stats}); the {kind} "
                     f"{_verdict_phrase(word)}{runner}{stays}.")
    return lines


def _verdict_phrase(word: str | None) -> str:
    return {"clear": "is clear", "likely": "is likely", "could be chance": "could be chance"}.get(
        word or "", "cannot be judged")


def _tests_lines(comp) -> list[str]:
    p = comp.parameters
    lines = []
    m = p["n_pair_tests"]
    if not m:
        return lines
    lines.append(f"{m} pair test(s) over representations, corrected together ({p['correction_name']}); "
                 f"significant means corrected p < {p['alpha']}.")
    boot = [t for t in comp.tests if t["test"].startswith("bootstrap") and math.isfinite(t["p_value"])]
    if boot and p["correction"] != "none":
        floor = 1.0 / (p["n_boot"] + 1)
        smallest = min(1.0, floor * m) if p["correction"] == "holm" else floor * m / m
        if smallest >= p["alpha"]:
            need = math.ceil(m / p["alpha"])
            lines.append(f"With {p['n_boot']:,} resamples a bootstrap p-value cannot go below 1/{p['n_boot'] + 1:,}; "
                         f"corrected over {m} tests that is {fmt_p(smallest, at_floor=True)}, so no "
                         f"bootstrap-tested pair can reach α = {p['alpha']}: rerun with --n-boot {need:,} or more "
                         f"to resolve it.")
    return lines


def _flip_lines(comp) -> list[str]:
    if not comp.flips:
        return ["No flipped pairs: every intrinsic ranking agrees with every extrinsic one on each pair."] \
            if comp.taus else []
    p = comp.parameters
    strong = [f for f in comp.flips if f["significant"]]
    f = (strong or comp.flips)[0]
    which = "Strongest" if strong else "Strongest (not significant)"
    return [f"{len(comp.flips)} flipped pair(s); {len(strong)} with both differences significant at α = {p['alpha']} "
            f"after correction. {which}: {f['ahead_intrinsic']} beats {f['ahead_extrinsic']} on {f['intrinsic']} "
            f"({fmt_p(f['p_intrinsic'], at_floor=f['floor_intrinsic'])}) but loses on {f['extrinsic']} "
            f"({fmt_p(f['p_extrinsic'], at_floor=f['floor_extrinsic'])})."]


def _tie_and_coverage_lines(comp) -> list[str]:
    lines = []
    ties = []
    for t in comp.tasks:
        order, rel = comp.rankings.get(t["name"], []), comp.relations.get(t["name"], [])
        for a, b, r in zip(order, order[1:], rel):
            cell_a = comp.cells[(a, t["name"])]
            cell_b = comp.cells[(b, t["name"])]
            if r == "=" and cell_a.get("common_value", cell_a["value"]) == cell_b.get("common_value", cell_b["value"]):
                ties.append(f"{a} = {b} on {t['name']}")
    if ties:
        lines.append("Exactly equal scores (tied, equal ranks): " + "; ".join(ties) + ".")
    flagged = [(rep, task) for (rep, task), c in comp.cells.items() if "coverage" in c["flags"]]
    if flagged:
        lines.append(f"{len(flagged)} cell(s) cover more than 5 points fewer items than the best-covered "
                     f"representation of their task (flagged); comparisons use the common items.")
    return lines


def summarize(comp: Any) -> list[str]:
    lines = []
    if comp.quick:
        lines.append("Some results come from the quick profile (subsampled training and test data, one seed): "
                     "quick profile — not for citation.")
    lines += _agreement_lines(comp)
    lines += _tests_lines(comp)
    lines += _flip_lines(comp)
    lines += _tie_and_coverage_lines(comp)
    return lines
