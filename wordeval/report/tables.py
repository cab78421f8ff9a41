"""Tables of a Comparison as Markdown and CSV (LaTeX in ``tables_tex``), and the tidy per-cell rows that CSV,
JSON and ``Comparison.to_frame`` share.

The Results table has one row per task and, per representation, its score on its own items (mean ± sd over
seeds, 95% CI) and its coverage. "Best" (bold, with the code of the test that produced the mark) is given only
to a representation significantly ahead of every other one on the common items after correction; a cell whose
coverage is more than 5 points below the best-covered representation is flagged ‡, analogy cells whose
representations searched different candidate sets are flagged §, unconverged training † (the mark
report.tex has too: a ⚠ there was a † in LaTeX, where no standard font has ⚠).
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Mapping

from wordeval.report.cells import TAGGING, UNITS, finite
from wordeval.report import legend
from wordeval.report.compare import Comparison
from wordeval.report.fmt import (at_floor, correlation_credit, correlation_name,  # noqa: F401 (re-exported)
                                 fmt, fmt_ci, fmt_coverage, fmt_p, fmt_pm, fmt_share)
from wordeval.report.protocol import QUICK_LABEL
from wordeval.spreadsheet_cells import inert
from wordeval.stats import agreement, pair_tests
from wordeval.visible_text import visible

FLAG_SYMBOLS = {"coverage": "‡", "candidates": "§", "not_converged": "†", "few_items": "°", "outside_ci": "¶"}
FLAG_TEXT = {"coverage": "coverage more than 5 points below the best-covered representation of the task",
             "candidates": "the representations searched candidate sets of different sizes (counts in the "
                           "coverage column)",
             "not_converged": "in at least one seed training reached its epoch limit before its stopping rule "
                              "was met (early stopping: `patience` epochs without a better dev score, after one "
                              "above 0; crf: L-BFGS's convergence test), or crf's L-BFGS ended on a "
                              "failed line search, or classification's logistic regression reached "
                              "`max_iter`: it had not converged",
             "few_items": "{few}, too few to support a confidence interval: none is given",
             "outside_ci": "the score lies outside its interval, a basic (bias-corrected) bootstrap interval: "
                           "resampling shows the score biased upward (QVEC and QVEC-CCA maximise over noisy "
                           "correlations), so the interval sits below it; where the interval is the record's "
                           "own, the record keeps the percentile interval and the bias beside it (one the "
                           "comparison drew, for a cell of several seeds or a record without an interval at "
                           "its level, has neither)"}
MIXED_UNITS = "items (each task's unit: see its coverage)"


def table_unit(comp: Comparison) -> tuple[str, str]:
    """What the legend calls the tasks' items: their one unit where they share it ('word pairs'), else 'items'
    with where each task's unit is said; ('unit', 'unit as first written'). 'fewer than 10 items' and
    'McNemar test on the discordant items' left the reader of a table of questions to guess."""
    units = {shown_unit(t["family"]) for t in comp.tasks}
    if len(units) == 1:
        unit = units.pop()
        return unit, unit
    return "items", MIXED_UNITS


def few_items_text(unit: str) -> str:
    """What ° says, in the table's unit (``table_unit``); in a table of several units, the cell's task's."""
    shown = unit if unit != "items" else "items (its task's unit)"
    return f"fewer than {pair_tests.MIN_BOOTSTRAP_ITEMS} {shown}"


def flag_text(flag: str, unit: str) -> str:
    return FLAG_TEXT[flag].replace("{few}", few_items_text(unit))


def test_codes(unit: str, codes=None) -> str:
    """'W = Williams' t ...; B = ...': of ``codes`` only (the ones a table prints), else of every test."""
    return "; ".join(f"{code} = {pair_tests.describe(test, unit)}" for test, code in pair_tests.CODES.items()
                     if codes is None or code in codes)


def title(comp: Comparison, text: str) -> str:
    """A table title, labelled when any result comes from the quick profile."""
    return f"{text} ({QUICK_LABEL})" if comp.quick else text


def md_escape(text: Any) -> str:
    """Markdown-safe text: backslash escapes only (no HTML entities), one line. Escaped: what is markup
    wherever it stands (backslash, code, emphasis, table cells, strikethrough, math), ``]`` where it could
    close a link, ``<`` where it could open a tag or autolink, ``&`` where it could start an entity, and a leading
    ``#`` or ``>`` (a heading or block quote at a list item's start); control characters are shown escaped."""
    s = visible(re.sub(r"[\r\n]+", " ", str(text)))
    s = re.sub(r"([\\`*_|~$^])", r"\\\1", s)
    s = re.sub(r"\](?=[(\[:])", r"\\]", s)  # "[a](b)", "[a][b]", "[a]: b" are links; a lone [x] is text
    s = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", s)
    s = re.sub(r"^(\s*)([#>])", r"\1\\\2", s)  # at a list item's start: a heading or a block quote
    return re.sub(r"&(?=#|[A-Za-z0-9]+;)", r"\\&", s)


def best_in_column(comp: Comparison, task: str) -> str | None:
    """The representation significantly ahead of every other one on this task, or None."""
    return (comp.best.get(task) or {}).get("representation")


def ranking_text(comp: Comparison, task: str, esc=md_escape) -> str:
    order, rel = comp.rankings.get(task, []), comp.relations.get(task, [])
    if not order:
        return "—"
    # a representation none of whose pairs could be tested stands where its score puts it, no test behind
    # its '=': "GloVe-news = spaCy-md" read as a tie that no test found (results.csv leaves its rank empty)
    untested = set(comp.task(task).get("untested") or ())

    def name(rep: str) -> str:
        return esc(rep) + (f" ({UNTESTED})" if rep in untested else "")

    parts = [name(order[0])]
    for r, rep in zip(rel, order[1:]):
        parts += [r, name(rep)]
    apart = comp.task(task).get("apart") or []
    if apart:  # tested differences the chain of neighbours shows as =
        parts.append("(but " + ", ".join(esc(x) for x in apart) + ")")
    return " ".join(parts)


UNTESTED = "untested"


def untested_caption(comp: Comparison) -> str:
    """What '(untested)' after a name in a ranking means, where one is shown."""
    if not any(t.get("untested") for t in comp.tasks):
        return ""
    return (f" ({UNTESTED}) after a name: none of that representation's pairs on the task could be tested (e.g. "
            f"the only one with its candidate set size), so its place is its score's alone and no evidence; "
            f"results.csv leaves its rank empty.")


def cell_flags(cell: dict) -> str:
    return "".join(FLAG_SYMBOLS[f] for f in cell.get("flags", []))


def shown_unit(family: str) -> str:
    """What the task's items are (``cells.UNITS``): 'items' for a family that names none."""
    return UNITS.get(family, "items")


def scored_text(scored: Mapping[str, int] | None) -> str:
    """'2,504 tokens' or '1,080 gold chunks': what a tagging score counts in its sentences, per seed."""
    return ", ".join(f"{n:,} {key.replace('_', ' ')}" for key, n in (scored or {}).items())


def common_text(t: Mapping[str, Any], *, noun: str = "") -> str:
    """A task's common items: '100 of 100 sentences (2,504 tokens)'; ``noun`` ('common items') is written
    after the counts where the task's items need no name."""
    unit = shown_unit(t["family"])
    words = f"common {unit}" if noun and unit else unit or noun
    text = f"{t['n_common']:,} of {t['n_total']:,}" + (f" {words}" if words else "")
    scored = scored_text(t.get("common_scored"))
    return text + (f" ({scored})" if scored else "")


def coverage_text(cell: dict, family: str) -> str:
    text = fmt_coverage(cell, shown_unit(family))
    if cell.get("scored"):
        text += f", {scored_text(cell['scored'])}"
    if finite(cell.get("oov_rate")) and family in TAGGING + ("classification", "sts"):
        text += f", OOV {fmt_share(cell['oov_rate'])}"
    if finite(cell.get("pairs_with_dropped_words")):
        text += f", {fmt_share(cell['pairs_with_dropped_words'])} of pairs lost a word"
    if cell.get("candidates") is not None:
        text += f", {cell['candidates']:,} candidates"
    return text


def _score_md(comp: Comparison, rep: str, task: str, esc=md_escape) -> str:
    cell = comp.cells.get((rep, task))
    if cell is None:
        return "—"
    value = fmt_pm(cell["value"], cell["sd"])
    if best_in_column(comp, task) == rep:
        value = f"**{value}** {esc('*' + str(cell['mark']))}"
    flags = cell_flags(cell)
    return " ".join(x for x in (value, fmt_ci(cell["ci"]), flags) if x)


def corrected(p: dict) -> str:
    """'corrected ' before a p-value, '' under ``--correction none`` (which is no correction)."""
    return "" if p.get("correction") == "none" else "corrected "


NO_PAIR_TESTS = "no pair test was made, so none was corrected"


def correction_over(p: dict, n: int, unit: str) -> str:
    """'Holm (1979) over 12 tests', or 'no correction for multiple testing, 12 tests' (which read 'no correction
    over 12 tests' and, after 'corrected together', claimed a correction that was not made)."""
    if not n and unit.endswith("tests"):  # 'Holm (1979) over 0 pair tests' named a correction never made
        return NO_PAIR_TESTS
    unit = unit.removesuffix("s") if n == 1 else unit  # "over 1 cells" in every τ caption of three representations
    if p["correction"] == "none":
        return f"no correction for multiple testing, {n} {unit}"
    return f"{p['correction_name']} over {n} {unit}"


def agreement_correction(p: dict) -> str:
    """What the τ cells' p-values are corrected over: the cells that can have a verdict, none with 3
    representations (which read 'Holm (1979) over 0 cells')."""
    if not p["n_agreement_tests"]:
        return "no cell can have a verdict, so none is corrected"
    return correction_over(p, p["n_agreement_tests"], "cells")


def after_correction(p: dict) -> str:
    """How the rankings' '=' relates to the correction: 'after Holm (1979) correction over 12 tests'."""
    n = p["n_pair_tests"]
    if not n:  # 'after Holm (1979) correction over 0 tests' named a correction that was never made
        return f"({NO_PAIR_TESTS})"
    tests = "test" if n == 1 else "tests"
    if p["correction"] == "none":
        return f"with no correction for multiple testing ({n} {tests})"
    return f"after {p['correction_name']} correction over {n} {tests}"


def best_test_p_text(p: dict, quote: str = "`") -> str:
    """Which p the rankings' best-vs-runner-up test shows: it is the corrected one, and a reader who pasted
    'p = 0.65' took it for the test's own p (0.32 there, Holm over 2 tests)."""
    if not p["n_pair_tests"]:  # 'after that Holm (1979) correction' with none made: there is no p to show
        return f"its p-value, where there is one ({NO_PAIR_TESTS}: the column says why a pair was not tested)"
    if p["correction"] == "none":
        return "its p-value, uncorrected (--correction none)"
    return (f"its p-value after that {p['correction_name']} correction (the uncorrected p is {quote}p_value{quote} "
            f"beside {quote}p_adjusted{quote} in the JSON's pair_tests)")


def uncounted(p: dict) -> str:
    """The pairs that are not tests and not among the m of the correction, as a parenthetical clause."""
    parts = []
    if p.get("n_identical_pairs"):
        parts.append(f"{p['n_identical_pairs']} pair(s) with identical per-item outputs")
    if p.get("n_too_few_pairs"):
        parts.append(f"{p['n_too_few_pairs']} pair(s) on tasks with fewer than {pair_tests.MIN_BOOTSTRAP_ITEMS} "
                     f"common items")
    same = (f"; {p['n_duplicate_tests']} test(s) through a copy with identical outputs share their "
            f"hypothesis' count and {corrected(p)}p") if p.get("n_duplicate_tests") else ""
    return (f"; not tested and not counted: {' and '.join(parts)}" if parts else "") + same


def level_text(p) -> str:
    """The comparison's interval level as a percentage ('95%'): compare(level=0.9) drew 90 % intervals that
    the tau caption, the summary, the verdict rule and the figures called 95 %."""
    return f"{100 * float(p.get('level', 0.95)):g}%"


# where a report's reader finds each cell's ci_resamples; compare writes no results.csv (CI_COLUMN_COMPARE)
CI_COLUMN_REPORT = "results.csv's ci_resamples column"
CI_COLUMN_COMPARE = "the ci_resamples column of compare --csv (and of compare --json's table)"


def ci_words(p, column: str = CI_COLUMN_REPORT) -> str:
    """How the Results table's intervals were drawn: the records' own (drawn when each was computed) and
    those drawn by the comparison may use different numbers of resamples, which the caption says."""
    counts = p.get("ci_resamples") or []
    level = level_text(p)
    if not counts:
        return f"{level} item-bootstrap CI"
    which = f"; each cell's count in {column}" if len(counts) > 1 else ""
    return f"{level} item-bootstrap CI ({' or '.join(f'{n:,}' for n in counts)} resamples{which})"


def results_caption(comp: Comparison, *, ci_column: str = CI_COLUMN_REPORT) -> str:
    """The Results legend, defining only what the table shows (``legend``): the marks its cells carry, the
    test codes its tests column prints, 'over seeds' where a cell is a mean of several."""
    p = comp.parameters
    unit, first = table_unit(comp)
    ci = f" with its {ci_words(p, ci_column)}" if legend.shown_ci(comp) else ""
    sd = " (mean ± sample sd, n − 1, over seeds where several ran)" if legend.shown_sd(comp) else ""
    counted = [f"each count with its unit: {legend.units_list(legend.shown_units(comp))}"]
    if legend.shown_tagging(comp):
        counted.append("the tokens (POS) or gold chunks (chunking, NER) one seed scores in a tagging task's "
                       "sentences, on which accuracy or F1 is computed")
    if legend.shown_oov(comp):
        counted.append("token OOV rate for tagging, classification and STS")
    if legend.shown_scored(comp):
        counted.append("'scored, X% covered' where the items scored are not those covered: oov = penalize "
                       "scores every item, intersection the common ones")
    text = (f"Each representation's score on its own covered items{sd}{ci}, and its coverage (items "
            f"used / items in the test set, {'; '.join(counted)}).")
    if compared(comp):
        text += (" Rankings, marks, τ and flipped pairs use instead the items every representation covers (the "
                 "'common' column).")
        if any(t["n_common"] is None for t in comp.tasks):  # a cell the legend explained on one representation only
            text += f" {PARTLY_COMPARED_CELLS}"
    else:
        text += f" {NOT_COMPARED_CELLS}"
    codes = legend.shown_codes(comp)
    named = test_codes(unit, codes)
    over = "" if unit == first else f", over {first}"
    significance = (f"significantly ahead of every other representation on the common items, {corrected(p)}p < "
                    f"{p['alpha']} ({correction_over(p, p['n_pair_tests'], 'pair tests')}{uncounted(p)})")
    if codes and legend.shown_best(comp):
        text += f" Bold with `*X`: {significance}; X names the test{over}: {named}."
    elif codes:  # no bold cell: what bold would have said is the table's finding, the codes its tests column's
        text += f" No cell is bold with `*X` ({significance}); the tests column names the tests{over}: {named}."
    flags = legend.shown_flags(comp)
    text += "".join(f" {s}: {flag_text(k, unit)}." for k, s in FLAG_SYMBOLS.items() if k in flags)
    return text + " " + TABLE_ORDER


# a one-representation table's 'common items' and 'tests' cells
NOT_COMPARED_CELLS = ("'not compared' and '—' in the last two columns: one representation has nothing to be "
                      "compared with.")


# a task of a several-representation table with per-item scores from fewer than two of them (compare.py)
PARTLY_COMPARED_CELLS = ("'not compared' in the common-items column: the task's representations could not be "
                         "compared on common items (fewer than two with per-item scores, or records naming different "
                         "item scorers: the Notes say which), so nothing is ranked by test or tested on it.")


# how the tables are ordered (compare.column_order, and the tasks' sort in compare): no caption said it
TASK_ROWS = "the intrinsic tasks, then the extrinsic ones, each kind in alphabetical order of name"
REP_COLUMNS = "the representations in the order they were first computed"
TABLE_ORDER = f"Rows: {TASK_ROWS}; columns: {REP_COLUMNS}."

REPRESENTATIONS_PER_TABLE = 6  # 16 representations made one Markdown/HTML table of 35 columns


def representation_parts(reps: list[str], size: int = REPRESENTATIONS_PER_TABLE) -> list[list[str]]:
    """The representations in consecutive parts of at most ``size``, one table each (as LaTeX splits its own)."""
    return [reps[i:i + size] for i in range(0, len(reps), size)] or [[]]


def markdown_results(comp: Comparison, esc=md_escape) -> str:
    """The Results table, split into tables of at most ``REPRESENTATIONS_PER_TABLE`` representations each, the
    first with the task's common items and tests; ``esc=str`` gives compare's plain text, where a Markdown
    escape is a stray backslash."""
    tables = []
    for k, part in enumerate(representation_parts(comp.representations)):
        head = ["task (score)"]
        for rep in part:
            head += [esc(rep), "coverage"]
        head += ["common items", "tests"] if k == 0 else []
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for t in comp.tasks:
            row = [f"{esc(t['name'])} ({esc(t['main_score'])})"]
            for rep in part:
                cell = comp.cells.get((rep, t["name"]))
                row += [_score_md(comp, rep, t["name"], esc), esc(coverage_text(cell, t["family"])) if cell else "—"]
            if k == 0:
                row += [esc(common_text(t)) if t["n_common"] is not None else "not compared",
                        ", ".join(t["tests"]) or "—"]
            lines.append("| " + " | ".join(row) + " |")
        tables.append("\n".join(lines))
    return "\n\n".join(tables)


def rankings_caption(comp: Comparison) -> str:
    """The Rankings legend: the relations and cases that occur in the table only (``legend``)."""
    p = comp.parameters
    shown = legend.shown_relations(comp)
    text = "Representations best first on the items all of them cover."
    if "=" in shown:
        text += (f" `=`: exactly equal scores, or a difference whose paired test is not significant at α = "
                 f"{p['alpha']} {after_correction(p)}{uncounted(p)};")
    tested_ahead = ">" in legend.tested_relations(comp)
    if tested_ahead:
        why = "" if "=" in shown else f" at α = {p['alpha']} {after_correction(p)}{uncounted(p)}"
        text += f" `>`: the left one is significantly ahead of the right one{why}."
    elif text.endswith(";"):
        text = text[:-1] + "."
    if ">" in shown and not tested_ahead:  # a task without per-item scores: "significantly" had no test
        text += " `>`: the left one's reported score is ahead (no per-item scores, so no test)."
    if p.get("n_identical_pairs"):
        text += (" Representations whose per-item outputs are identical are `=` by definition: no test, not "
                 "counted in the correction.")
    if legend.ranked_without_items(comp):
        text += " A task without per-item scores is ranked on its reported values, `=` for exact ties only."
    few = (f"pairs whose task has fewer than {pair_tests.MIN_BOOTSTRAP_ITEMS} common items for a bootstrap test "
           f"(too few to support a p-value: no test, not even for equal scores)")
    if legend.candidate_flagged(comp):
        text += (" Analogy representations that searched candidate sets of different sizes are not tested against "
                 "each other and shown as `=` (flagged §)" + (f", as are {few}." if legend.too_few_common(comp)
                                                              else "."))
    elif legend.too_few_common(comp):
        text += f" Not tested and shown as `=`: {few}."
    if legend.shown_apart(comp):
        text += (" `(but a > b)`: a significant difference between two representations that are not neighbours "
                 "in the chain, which writes them `=` through a third one.")
    return (text + f" The test column gives the best-vs-runner-up test's code and {best_test_p_text(p)}."
            + p_floor_caption(comp) + untested_caption(comp) + f" Rows: {TASK_ROWS}.")


def p_floor_caption(comp: Comparison, quote: str = "`") -> str:
    """What 'p ≤ x' in the test column means, where one is shown: the compare output of GloVe against MiniLM
    wrote 'p ≤ 0.012' in eight rows, which nothing explained (the bootstrap's floor 1/1,001, times 12 tests)."""
    shown = [b for t in comp.tasks for b in ((comp.best.get(t["name"]) or {}).get("test"),
                                             (comp.best.get(t["name"]) or {}).get("beyond_copies")) if at_floor(b)]
    if not shown:
        return ""
    resamples = " or ".join(f"{n:,}" for n in sorted({round(1 / b["p_floor"]) - 1 for b in shown}))
    p = comp.parameters
    raised = "" if p.get("correction") == "none" else f", raised by the {p['correction_name']} correction"
    return (f" {quote}p ≤ x{quote}: the test's p is the smallest a bootstrap of {resamples} resamples can give, "
            f"1/(1 + {resamples}){raised}; the true p may be smaller (more resamples, --n-boot, resolve it).")


def best_test_text(comp: Comparison, task: str, esc=str) -> str:
    """The best-vs-runner-up test of a ranking, or why there is none, naming the pair: 'not tested: identical
    per-item outputs' alone, for a chain opening with two identical copies, read as the whole chain untested;
    there the best's test against the first representation behind its copies follows."""
    b = (comp.best.get(task) or {}).get("test")
    if not b:
        return "—"
    if b.get("not_compared"):
        beyond = (comp.best.get(task) or {}).get("beyond_copies")
        return (f"{esc(b['a'])} vs {esc(b['b'])} not tested: {b['not_compared']}"
                + (f"; {esc(beyond['a'])} vs {esc(beyond['b'])}: {_test_text(comp, beyond, esc)}" if beyond else ""))
    return _test_text(comp, b, esc)


def _test_text(comp: Comparison, b: dict, esc=str) -> str:
    if b.get("not_compared"):
        return f"not tested: {b['not_compared']}"
    return f"{b['code']}, {fmt_p(b['p_adjusted'], at_floor=at_floor(b), alpha=comp.parameters['alpha'])}"


def markdown_rankings(comp: Comparison, esc=md_escape) -> str:
    lines = ["| task | ranking (best first) | common items | test, best vs runner-up |", "|---|---|---|---|"]
    for t in comp.tasks:
        ptxt = best_test_text(comp, t["name"], esc)
        common = esc(common_text(t)) if t["n_common"] is not None else "—"
        lines.append(f"| {esc(t['name'])} | {ranking_text(comp, t['name'], esc)} | {common} | {ptxt} |")
    return "\n".join(lines)


def permutation_text(comp: Comparison) -> str:
    """How the cells' permutation p-values were computed, as the rows say: 'exact permutation p-value' alone
    stood over cells of 9 to 16 representations, whose p came from 9,999 seeded random orderings, and neither
    the count nor the seed that reproduces them was stated anywhere but the JSON."""
    sampled = sorted({r["n_permutations"] for r in comp.taus if str(r.get("permutation", "")).startswith("Monte")})
    if not sampled:
        return "its exact permutation p-value over representations (all n! orderings)"
    exact = any(str(r.get("permutation", "")).startswith("exact") for r in comp.taus)
    draws = " or ".join(f"{m:,}" for m in sampled)
    return ("its permutation p-value over representations"
            + (f" (exact, all n! orderings, up to {agreement.MAX_EXACT_PERMUTATIONS} representations; beyond, "
               if exact else " (")
            + f"Monte Carlo: (1 + the count as extreme) / (1 + {draws}) over {draws} random orderings drawn with "
              f"seed {comp.parameters['seed']} (--seed))")


def tau_caption(comp: Comparison, esc=md_escape) -> str:
    """The τ legend: the interval, its single-value form, the minimum and the verdict rule only where a cell
    shows them (``legend``); a cell without a verdict says why itself."""
    p = comp.parameters
    text = (f"Kendall τ-b over the n representations each cell used (as the cell says), "
            f"{permutation_text(comp)} ({agreement_correction(p)})")
    if legend.tau_any_ci(comp):
        shown = [f"{p['n_boot']:,} resamples"]
        if legend.tau_point_mass(comp):
            shown.append("one that is a single value gives the share of resamples at it")
        if legend.tau_below_minimum(comp):
            shown.append(f"none below {agreement.MIN_REPRESENTATIONS} representations")
        text += (f" and {level_text(p)} percentile bootstrap CI from resampling each task's common items with the "
                 f"same draws for every representation ({'; '.join(shown)}). The CI says how stable τ is under "
                 f"other test items; it under-covers the τ of the true scores when representations are closer "
                 f"than their item noise.")
    else:
        text += "."
    if legend.tau_any_verdict(comp):
        text += f" Verdict rule: {p['verdict_rule']}"
    return (text + f"{tau_flag_note(comp, esc)}{uncorrected_tau_note(comp)} "
            f"Rows: the intrinsic tasks, columns: the extrinsic ones, each in alphabetical order of name.")


def uncorrected_tau_note(comp: Comparison) -> str:
    if not any(finite(r.get("p_permutation")) and not finite(r.get("p_adjusted")) for r in comp.taus):
        return ""
    # § is a reason only where a τ row carries it (tau_flag_note); named otherwise, it defined a mark not there
    reasons = "too few representations or common items" + (", §" if tau_flag_note(comp) else "") + ", no τ"
    return (f" Cells that no p-value could give a verdict ({reasons}) are not counted in the correction; their p "
            "is written uncorrected.")


def tau_flag_note(comp: Comparison, esc=str) -> str:
    """The τ rows whose intrinsic task is an analogy searched over candidate sets of different sizes (§): their
    ranking, hence τ, mixes the representation with its candidate set, as the correlation table says."""
    flagged = [t for t in dict.fromkeys(r["intrinsic"] for r in comp.taus) if t in comp.correlation.get("flagged", ())]
    if not flagged:
        return ""
    return (" " + ", ".join(f"{esc(t)} §" for t in flagged) + ": the representations searched candidate sets of "
            "different sizes, so its ranking, and τ, mix the representation with its candidate set: its τ is "
            "descriptive, with no verdict and outside the correction (rerun with a common candidate set to "
            "remove the flag).")


def tau_ci_text(row: Mapping[str, Any], digits: int = 2) -> str:
    """A τ interval; one that prints as a single value says how many resamples gave it instead of
    [1.00, 1.00], which read as certainty when 2 % of the resamples were elsewhere."""
    at, total = row.get("ci_point_mass"), row.get("ci_resamples")
    if at is None or not total or not row.get("ci") or not finite(row["ci"][0]):
        return fmt_ci(row.get("ci"), digits)
    share = f"all {total:,}" if at == total else f"{at:,} of {total:,}"
    from wordeval.interval_rounding import outward
    return f"[{outward(row['ci'][0], row['ci'][1], digits)[1]} in {share} resamples]"


def tau_cell(row: dict, *, alpha: float) -> str:
    text = " ".join(x for x in (fmt(row["tau"], 2), tau_ci_text(row)) if x)
    return text + f" {tau_n_text(row)}, {tau_p_text(row, alpha=alpha)}, {verdict_text(row)}"


def tau_n_text(row: Mapping[str, Any]) -> str:
    """What a τ is over, where it is shown: 'n=2' beside counts of word pairs, questions and sentences was
    read as one of them, the caption's '(n)' being far from the cell."""
    return over_representations(row["n_representations"])


def over_representations(n: int) -> str:
    return f"over {n} representation{'' if n == 1 else 's'}"


def tau_p_text(row: Mapping[str, Any], *, alpha: float) -> str:
    """The cell's corrected permutation p; a cell that cannot have a verdict is outside the corrected family,
    so its own p is written as uncorrected."""
    if not finite(row.get("p_adjusted")) and finite(row.get("p_permutation")):
        return f"{fmt_p(row['p_permutation'], at_floor=tau_p_at_floor(row), alpha=alpha)} uncorrected"
    return fmt_p(row.get("p_adjusted"), at_floor=tau_p_at_floor(row), alpha=alpha)


def tau_p_at_floor(row: Mapping[str, Any]) -> bool:
    """A Monte Carlo p at 1 / (1 + orderings drawn): no drawn ordering was as extreme, so the p is at most
    that, as a bootstrap's at its floor ('p ≤'); it was printed 'p = 0.0001'. An exact p is exact."""
    return (str(row.get("permutation", "")).startswith("Monte") and finite(row.get("p_floor"))
            and finite(row.get("p_permutation")) and row["p_permutation"] <= row["p_floor"])


def verdict_text(row: dict) -> str:
    """A τ cell's verdict, or why it has none, as every format writes it."""
    if row.get("verdict"):
        return row["verdict"]
    if row.get("constant"):
        return f"no verdict (no ranking on {' or '.join(row['constant'])}: all scores equal)"
    if row["n_representations"] < agreement.MIN_REPRESENTATIONS:
        return f"no verdict and no CI (at least {agreement.MIN_REPRESENTATIONS} representations are needed)"
    if row.get("not_comparable"):
        return "no verdict (§: τ descriptive)"
    return f"no verdict ({agreement.few_items_text(row)})" if agreement.too_few_items(row) else "no verdict"


def markdown_taus(comp: Comparison, esc=md_escape) -> str:
    extr = list(dict.fromkeys(r["extrinsic"] for r in comp.taus))
    intr = list(dict.fromkeys(r["intrinsic"] for r in comp.taus))
    by = {(r["intrinsic"], r["extrinsic"]): r for r in comp.taus}
    lines = [f"| intrinsic {esc(chr(92))} extrinsic | " + " | ".join(esc(e) for e in extr) + " |",
             "|" + "---|" * (len(extr) + 1)]
    for i in intr:
        cells = [tau_cell(by[(i, e)], alpha=comp.parameters["alpha"]) if (i, e) in by else "—" for e in extr]
        lines.append(f"| {esc(correlation_label(comp, i))} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def flips_caption(comp: Comparison) -> str:
    """The flipped pairs' legend; a section without a pair gets its reason (``legend.no_flips_text``) instead."""
    if not comp.flips:
        return legend.no_flips_text(comp)
    p = comp.parameters
    return (f"A ahead of B on an intrinsic task but behind on an extrinsic one (common items), with the "
            f"{corrected(p)}p-values of the two paired tests ({correction_over(p, p['n_pair_tests'], 'tests')}; test "
            f"codes as in Results), sorted by the larger one. Both significant: both {corrected(p)}p < {p['alpha']}.")


def flip_side(f: dict, side: str, esc=str, *, alpha: float) -> str:
    scores = f[f"{side}_scores"]
    return (f"{esc(f[side])} ({fmt(scores[0])} vs {fmt(scores[1])}, {f[f'test_{side}']}, "
            f"{fmt_p(f[f'p_{side}'], at_floor=f[f'floor_{side}'], alpha=alpha)})")


# the flipped pairs every format lists (the rest are in results.json): report.html listed 30 and report.md 20,
# so a pair named in one report was missing from the other
FLIPS_SHOWN = 20


def markdown_flips(comp: Comparison, *, limit: int = FLIPS_SHOWN, esc=md_escape) -> str:
    lines = ["| ahead intrinsically | ahead extrinsically | intrinsic task (scores, test, p) | "
             "extrinsic task (scores, test, p) | both significant |", "|---|---|---|---|---|"]
    alpha = comp.parameters["alpha"]
    for f in comp.flips[:limit]:
        lines.append(f"| {esc(f['ahead_intrinsic'])} | {esc(f['ahead_extrinsic'])} | "
                     f"{flip_side(f, 'intrinsic', esc, alpha=alpha)} | "
                     f"{flip_side(f, 'extrinsic', esc, alpha=alpha)} | "
                     f"{'yes' if f['significant'] else 'no'} |")
    if len(comp.flips) > limit:
        lines.append(f"\n({len(comp.flips) - limit} more in results.json)")
    return "\n".join(lines)


def correlation_shown(comp: Comparison) -> bool:
    c = comp.correlation
    return bool(c["tasks"]) and len(c["tasks"]) >= 2 and not c.get("refused")


def compared(comp: Comparison) -> bool:
    """Whether there is anything to rank: with one representation the Ranking, τ, flipped-pairs and
    correlation sections were one-name rankings and empty tables under their methods' paragraphs (the
    summary says why)."""
    return len(comp.representations) > 1


def correlation_refusal(comp: Comparison) -> str:
    """Why the correlation table is not shown."""
    c = comp.correlation
    if not c["tasks"] or len(c["tasks"]) < 2:
        return "Needs two tasks compared on their common items."
    n, k = c.get("n_representations", 0), c.get("min_representations", 4)
    return (f"Not shown: the scores vary over {n} representations; at least {k} are needed (as for an agreement "
            f"verdict): over {n} a correlation takes only a handful of values (a Spearman over 3: ±1 or ±0.5). The "
            f"numbers, with n, are in the JSON output (results.json, compare --json: correlation).")


def correlation_label(comp: Comparison, task: str) -> str:
    return f"{task} §" if task in comp.correlation.get("flagged", ()) else task


def matrix_label(comp: Comparison, task: str) -> str:
    """A task's name in the correlation matrix: ``correlation_label``, ° where it has too few common items."""
    few = task in (comp.correlation.get("few_items") or {})
    return correlation_label(comp, task) + (" °" if few else "")


def few_items_caption(comp: Comparison) -> str:
    """What the ° of the matrix's tasks means, or ''; the figure and the table say it alike."""
    few = comp.correlation.get("few_items") or {}
    if not few:
        return ""
    its = "their" if len(few) > 1 else "its"
    return (" " + ", ".join(f"{t} ° ({n})" for t, n in few.items()) + f": too few items (at least "
            f"{agreement.MIN_BOOTSTRAP_ITEMS} common ones) to rank the representations, so {its} entries are "
            f"no evidence of agreement either way.")


def correlation_untested_caption(comp: Comparison) -> str:
    """Says that the matrix carries no test: beside the τ table's permutation p-values and verdicts, the
    demo's entries of 0.93 to 1.00 between a benchmark and a downstream task read as evidence where every τ
    verdict was 'could be chance'."""
    kinds = list(comp.correlation.get("kinds") or [])
    both = "intrinsic" in kinds and "extrinsic" in kinds
    return (" Descriptive only: no test, interval or multiple-test correction"
            + ("; the Kendall τ table tests each intrinsic benchmark against each extrinsic task." if both
               else "."))


def correlation_entry(comp: Comparison, i: int, j: int) -> str:
    c = comp.correlation
    n = int(c["n"][i][j]) if "n" in c else c.get("n_representations")
    if n is not None and n < c.get("min_representations", 0):
        return "—"
    text = fmt(c["matrix"][i][j], 2)
    # '(n=3)' beside tables of word pairs and sentences read as a count of items, as τ's 'n=' did
    return text if n == c.get("n_representations") or n is None else f"{text} ({over_representations(n)})"


def correlation_caption(comp: Comparison) -> str:
    c = comp.correlation
    text = (f"{correlation_name(c['method'])} of the common-item scores across representations"
            f"{correlation_credit(c['method'])}, over n = {c.get('n_representations')} representations (an "
            f"entry over fewer says how many; below {c.get('min_representations')}: —).")
    flagged = c.get("flagged") or []
    if flagged:
        text += (" " + ", ".join(f"{t} §" for t in flagged) + ": the representations searched candidate sets of "
                 "different sizes, so its scores mix the representation with the candidate set; its row compares "
                 "unlike things (rerun with a common candidate set to remove the flag).")
    return (text + correlation_untested_caption(comp) + few_items_caption(comp)
            + f" Rows and columns: {TASK_ROWS}.")


def markdown_correlation(comp: Comparison, esc=md_escape) -> str:
    names = comp.correlation["tasks"]
    lines = ["| | " + " | ".join(esc(matrix_label(comp, n)) for n in names) + " |",
             "|" + "---|" * (len(names) + 1)]
    for i, n in enumerate(names):
        lines.append(f"| {esc(matrix_label(comp, n))} | "
                     + " | ".join(correlation_entry(comp, i, j) for j in range(len(names))) + " |")
    return "\n".join(lines)


def skipped_groups(comp: Comparison) -> list[tuple[str, list[str], str]]:
    """(task, representations, reason) with the representations a task was skipped on for the same reason
    gathered on one line (a missing dataset skips a task on every representation, with one long reason)."""
    from wordeval.report.skipped_paths import portable_reason

    groups: dict[tuple[str, str], list[str]] = {}
    for s in comp.skipped:
        groups.setdefault((str(s["task"]), portable_reason(str(s["reason"]))), []).append(str(s["embedding"]))
    return [(task, list(dict.fromkeys(reps)), reason) for (task, reason), reps in groups.items()]


def skipped_text(task: str, reps: list[str], reason: str, esc=md_escape) -> str:
    return f"{esc(task)} on {', '.join(esc(r) for r in reps)}: {esc(reason)}"


# -- tidy rows: CSV, JSON, DataFrame ---------------------------------------------------------------------

# a record's extra.oov key -> its results.csv / results.json column
TOKEN_OOV_FIELDS = {"tokens": "oov_tokens_total", "oov_tokens": "oov_tokens", "token_rate": "oov_token_rate",
                    "pairs": "oov_pairs_total", "pairs_with_dropped_words": "oov_pairs_with_dropped_words",
                    "pairs_with_empty_side": "oov_pairs_with_empty_side"}
CSV_FIELDS = ["representation", "task", "kind", "family", "score", "value", "sd", "n_seeds", "ci_low", "ci_high",
              "common_value", "n_common", "rank", "best", "mark", "tests", "n_total", "n_used", "coverage",
              "oov_rate", "candidates", "flags", "not_converged", "direction", "profile",
              # appended, so that readers of the columns above by position keep working: what averaging word
              # vectors dropped on an STS task (the record's extra.oov); empty on other tasks
              *TOKEN_OOV_FIELDS.values(),
              # the resamples behind ci_low/ci_high: a one-record cell keeps its record's (1,000 by default),
              # one of several seeds is drawn by the comparison (--n-boot); the caption's "1,000 or 10,000"
              # said neither which cell had which
              "ci_resamples",
              # why `rank` is empty where no test stands behind it (it read 1 for a representation alone with its
              # analogy candidate set size, last by accuracy)
              "rank_left_out",
              # what n_total, n_used and n_common count (sentences for tagging, documents for classification), and
              # the tokens or gold chunks a tagging score counts in the cell's sentences, per seed: a
              # reader of n_used 100 cited it as the n of an accuracy over 2,504 tokens
              "unit", "n_tokens", "n_gold_chunks"]


def cell_rows(comp: Comparison) -> list[dict[str, Any]]:
    rows = []
    for t in comp.tasks:
        for rep in comp.representations:
            cell = comp.cells.get((rep, t["name"]))
            if cell is None:
                continue
            ci = cell["ci"] or [None, None]
            rows.append({"representation": rep, "task": t["name"], "kind": t["kind"], "family": t["family"],
                         "score": cell["score"], "value": cell["value"], "sd": cell["sd"],
                         "n_seeds": cell["n_seeds"], "ci_low": ci[0], "ci_high": ci[1],
                         "common_value": cell.get("common_value"), "n_common": t["n_common"],
                         "rank": cell.get("rank"), "best": best_in_column(comp, t["name"]) == rep,
                         "mark": cell["mark"] or "", "tests": " ".join(t["tests"]), "n_total": cell["n_total"],
                         "n_used": cell["n_used"], "coverage": cell["coverage"], "oov_rate": cell["oov_rate"],
                         "candidates": cell["candidates"], "flags": ";".join(cell["flags"]),
                         "not_converged": cell["not_converged"], "direction": t["direction"],
                         # the profile this cell's records ran under (quick, default...); it read the
                         # table-wide "quick profile — not for citation" on every row, intrinsic ones too
                         "profile": cell.get("profile") or "",
                         **{col: (cell.get("token_oov") or {}).get(key)
                            for key, col in TOKEN_OOV_FIELDS.items()},
                         "ci_resamples": cell.get("ci_resamples") if cell["ci"] else None,
                         "rank_left_out": cell.get("rank_left_out"), "unit": t.get("unit"),
                         "n_tokens": (cell.get("scored") or {}).get("tokens"),
                         "n_gold_chunks": (cell.get("scored") or {}).get("gold_chunks")})
    return rows


def results_csv(comp: Comparison) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for row in cell_rows(comp):
        w.writerow([_csv(row[k]) for k in CSV_FIELDS])
    return buf.getvalue()


def _csv(x: Any) -> str:
    if isinstance(x, bool):
        return str(int(x))
    if isinstance(x, float):
        return repr(x) if finite(x) else ""
    if x is None:
        return ""
    # a label or task name that a spreadsheet would run as a formula gets an apostrophe (spreadsheet_cells);
    # an integer is a plain number and stays one
    return inert(visible(x))
