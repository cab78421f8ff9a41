"""report.tex: a standalone LaTeX document (pdflatex + bibtex with references.bib) with the Results table
(score, interval below it, share covered) and the Coverage table (``table*`` floats, a part of at most
``COLUMNS_PER_TABLE`` representations each, scaled down to the text width where wider), the rankings, the τ
table, the flipped pairs, the correlation table and the figures (``tex_sections``), the Protocol and the
citations of every dataset, model, method and library used.

Every user-supplied string goes through ``tex_escape`` (the ten LaTeX specials, ``<``, ``>``, ``|``, the backtick,
the T1 ligatures of a doubled ``-``, ``'`` or ``,``, control characters and line breaks); wordeval's own symbols are written as math (``$\\tau$``, ``$^{\\ddagger}$``), never as raw Unicode.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from wordeval.report import legend
from wordeval.report.compare import BASIC_INTERVAL, Comparison
from wordeval.report.fmt import fmt, fmt_ci, fmt_pm, fmt_share
from wordeval.report.protocol import QUICK_LABEL, protocol_lines
from wordeval.report.tables import (FLAG_TEXT, TABLE_ORDER, TASK_ROWS, after_correction, best_in_column,
                                    best_test_p_text,
                                    best_test_text, ci_words, common_text, correction_over, corrected, correlation_label,
                                    coverage_text, ranking_text, skipped_groups, skipped_text, tau_caption,
                                    table_unit, tau_ci_text, tau_n_text, tau_p_text, test_codes,
                                    compared, few_items_text, title, uncounted, untested_caption,
                                    verdict_text, p_floor_caption)
from wordeval.stats import pair_tests
from wordeval.stats.agreement import MAX_EXACT_PERMUTATIONS
from wordeval.visible_text import visible

COLUMNS_PER_TABLE = 4
# a table scaled down to the text width where it is wider, never up: \resizebox{\textwidth} set a τ table of one
# extrinsic task (two columns) at twice its font size
FIT_TO_WIDTH = r"\resizebox{\ifdim\width>\textwidth\textwidth\else\width\fi}{!}{%"
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
                "`": r"\textasciigrave{}"}
_UNICODE = {"±": r"$\pm$", "≤": r"$\le$", "≥": r"$\ge$", "×": r"$\times$", "τ": r"$\tau$", "—": "---",
            "–": "--", "‡": r"$^{\ddagger}$", "§": r"\S{}", "⚠": r"$^{\dagger}$", "α": r"$\alpha$",
            "¶": r"\P{}", "°": r"$^{\circ}$",
            # the minus sign of the wording ("−1 to 1", "n − 1"): escaped as \u2212 it printed "\u22121 to 1"
            "−": r"$-$"}
TEX_FLAGS = {"coverage": r"$^{\ddagger}$", "candidates": r"\S{}", "not_converged": r"$^{\dagger}$",
             "few_items": r"$^{\circ}$", "outside_ci": r"\P{}"}


def tex_escape(text: Any) -> str:
    s = visible(re.sub(r"[\r\n]+", " ", str(text)))
    # a doubled "-", "'" or "," is a T1 ligature ("--" an en dash: an option such as --n-boot printed
    # "–n-boot"; "''" a closing quote, ",," a low one): its first character is written "-{}", "'{}", ",{}"
    return "".join(ch + "{}" if ch in "-'," and s[i + 1:i + 2] == ch
                   else _TEX_SPECIAL.get(ch) or _UNICODE.get(ch) or _beyond_t1(ch) for i, ch in enumerate(s))


# a '-' opening a number (not one inside a word or label): in text mode it is a hyphen, shorter and higher
# than the minus sign of the paper's equations, so "-0.12" read as a dash
_NUMBER_MINUS = re.compile(r"(?<![\w.])-(?=\.?\d)")


def tex_number(text: Any) -> str:
    """``tex_escape`` of a formatted number, interval or number list (no labels), its minus signs as $-$."""
    return _NUMBER_MINUS.sub("$-$", tex_escape(text))


# what pdflatex's utf8 inputenc typesets under T1 (and TS1, which LaTeX loads): ASCII, Latin-1 and Latin
# Extended-A; any other character stops the compile ("Unicode character σ (U+03C3) not set up for use with LaTeX")
_T1_TEXT = re.compile("[\x20-\x7e\u00a0-\u017f]")
_PUNCTUATION = {"‘": r"\textquoteleft{}", "’": r"\textquoteright{}", "“": r"\textquotedblleft{}",
                "”": r"\textquotedblright{}", "…": r"\dots{}", "•": r"\textbullet{}", "€": r"\texteuro{}",
                "†": r"\dag{}"}
_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
          "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"}
_GREEK_CAPITAL = {"gamma", "delta", "theta", "lambda", "xi", "pi", "sigma", "upsilon", "phi", "psi", "omega"}


def _beyond_t1(ch: str) -> str:
    """``ch`` as pdflatex can typeset it: itself where T1 has it, a Greek letter as math, any other character
    as the ``\\uXXXX`` escape that ``visible`` writes for a hidden one (no T1 font has its glyph)."""
    if _T1_TEXT.fullmatch(ch):
        return ch
    if ch in _PUNCTUATION:
        return _PUNCTUATION[ch]
    import unicodedata

    name = unicodedata.name(ch, "").lower().split()
    if name[:2] == ["greek", "small"] and name[2:] == ["letter", "final", "sigma"]:
        return r"$\varsigma$"
    if name[:3] == ["greek", "small", "letter"] and len(name) == 4 and name[3] in _GREEK:
        return f"$\\{name[3]}$"
    if name[:3] == ["greek", "capital", "letter"] and len(name) == 4 and name[3] in _GREEK_CAPITAL:
        return f"$\\{name[3].capitalize()}$"
    return rf"\textbackslash{{}}u{ord(ch):04x}" if ord(ch) <= 0xFFFF else rf"\textbackslash{{}}U{ord(ch):08x}"


def _lines(lines: Sequence[str]) -> str:
    """A cell of several lines, right-aligned, its first line on the row's baseline."""
    if len(lines) == 1:
        return lines[0]
    return r"\begin{tabular}[t]{@{}r@{}}" + r" \\ ".join(lines) + r"\end{tabular}"


def _cell(comp: Comparison, rep: str, task: str) -> tuple[str, str]:
    """The score with its interval below it, and the share of items covered: with the CI beside the score and
    the whole coverage text (items, OOV rate, pairs that lost a word, candidates) beside that, four
    representations were scaled to 40 % of the text width, 3 pt type; that text is the Coverage table's."""
    cell = comp.cells.get((rep, task))
    if cell is None:
        return "--", "--"
    val = tex_number(fmt_pm(cell["value"], cell["sd"]))
    if best_in_column(comp, task) == rep:
        val = rf"\textbf{{{val}}}$^{{*\mathrm{{{cell['mark']}}}}}$"
    val += "".join(TEX_FLAGS[f] for f in cell["flags"])
    # as many decimals as the score (0.040 [0.037, 0.042], not [0.04, 0.04])
    ci = tex_number(fmt_ci(cell["ci"]))
    cov = tex_escape(fmt_share(cell["coverage"])) if cell.get("n_total") else "n/a"
    return _lines([val] + ([rf"{{\scriptsize {ci}}}"] if ci else [])), rf"{{\scriptsize {cov}}}"


def _parts(comp: Comparison) -> list[list[str]]:
    reps = comp.representations
    return [reps[i:i + COLUMNS_PER_TABLE] for i in range(0, len(reps), COLUMNS_PER_TABLE)] or [[]]


def latex_results(comp: Comparison) -> str:
    parts = _parts(comp)
    caption = _results_caption(comp)
    tables = []
    for chunk in parts:
        cols = "l" + "rl" * len(chunk)
        out = [FIT_TO_WIDTH, rf"\begin{{tabular}}{{{cols}}}", r"\toprule",
                "Task & " + " & ".join(rf"\multicolumn{{2}}{{c}}{{{tex_escape(r)}}}" for r in chunk) + r" \\",
                " & " + " & ".join(["score & cov."] * len(chunk)) + r" \\", r"\midrule"]
        for t in comp.tasks:
            # the score's name below the task's: on one line, the task column was the table's widest
            row = [_lines([tex_escape(t["name"]), rf"{{\scriptsize {tex_escape(t['main_score'])}}}"])
                   .replace("{@{}r@{}}", "{@{}l@{}}")]
            for rep in chunk:
                row += list(_cell(comp, rep, t["name"]))
            out.append(" & ".join(row) + r" \\")
        tables.append(out + [r"\bottomrule", r"\end{tabular}}"])
    heading = tex_escape(title(comp, "Results")) if comp.quick else "Results"
    return _part_floats(tables, f"{heading}. {caption}", "tab:wordeval-results")


def _results_caption(comp: Comparison) -> str:
    """report.md's Results legend in report.tex's shorter words: only the marks, test codes and seeds the
    table shows (``legend``)."""
    p = comp.parameters
    unit, first = table_unit(comp)
    sd = r" (mean $\pm$ sample sd, $n-1$, over seeds)" if legend.shown_sd(comp) else ""
    ci = f" with {tex_escape(ci_words(p))} below it" if legend.shown_ci(comp) else ""
    text = (f"Score on each representation's own covered items{sd}{ci}, and coverage (the share of items "
            f"used; the items, OOV token rates and candidate sets are in Table "
            f"\\ref{{tab:wordeval-coverage}}).")
    codes = legend.shown_codes(comp)
    over = f": {test_codes(unit, codes)}" if unit == first else f", over {first}: {test_codes(unit, codes)}"
    significance = (f"significantly ahead of every other representation on the items all cover, "
                    f"{corrected(p)}$p<{p['alpha']}$ ({tex_escape(correction_over(p, p['n_pair_tests'], 'pair tests'))}"
                    f"{tex_escape(uncounted(p))})")
    if codes and legend.shown_best(comp):
        text += f" Bold$^{{*X}}$: {significance}; X{tex_escape(over)}."
    elif codes:
        text += f" No cell is bold$^{{*X}}$ ({significance}); test codes (as in the rankings){tex_escape(over)}."
    flags = legend.shown_flags(comp)
    marks = {"coverage": r"$^{\ddagger}$: coverage more than 5 points below the best-covered representation",
             "candidates": r"\S{}: different candidate-set sizes", "not_converged": r"$^{\dagger}$: not converged",
             "few_items": rf"$^{{\circ}}$: {tex_escape(few_items_text(unit))}, no CI",
             # every mark a cell can carry is explained here, as in report.md: \P{} stood unexplained
             "outside_ci": rf"\P{{}}: {tex_escape(FLAG_TEXT['outside_ci'])}"}
    shown = [text for k, text in marks.items() if k in flags]
    return text + (" " + "; ".join(shown) + "." if shown else "") + f" {tex_escape(TABLE_ORDER)}"


def _part_floats(tables: list[list[str]], caption: str, label: str) -> str:
    """A float a part: the parts of 16 representations, each legible at the text width, do not fit one page;
    the first carries the caption, the others say whose continuation they are."""
    out = []
    for k, table in enumerate(tables):
        out += [r"\begin{table*}[p]", r"\centering", *table]
        out += ([rf"\caption{{{caption}}}", rf"\label{{{label}}}"] if k == 0 else
                [r"\par\smallskip",
                 rf"{{\small Table \ref{{{label}}}, continued ({k + 1} of {len(tables)}).}}"])
        out.append(r"\end{table*}")
    return "\n".join(out) + "\n"


def latex_coverage(comp: Comparison) -> str:
    """The Results table's coverage in full, as report.md gives it beside each score, a line per fact."""
    tables = []
    for chunk in _parts(comp):
        out = [FIT_TO_WIDTH, rf"\begin{{tabular}}{{l{'r' * len(chunk)}}}", r"\toprule",
                "Task & " + " & ".join(tex_escape(r) for r in chunk) + r" \\", r"\midrule"]
        for t in comp.tasks:
            row = [tex_escape(t["name"])]
            for rep in chunk:
                cell = comp.cells.get((rep, t["name"]))
                text = "--" if cell is None else coverage_text(cell, t["family"])
                row.append(rf"{{\scriptsize {_lines([tex_number(s) for s in text.split(', ')])}}}")
            out.append(" & ".join(row) + r" \\")
        tables.append(out + [r"\bottomrule", r"\end{tabular}}"])
    caption = (f"{tex_escape(title(comp, 'Coverage'))}. Items used / total (share), each "
               f"count with its unit (word pairs, questions, sentence pairs, oracle words, sentences, "
               f"documents), with the tokens (POS) or gold chunks (chunking, NER) one seed scores in a "
               f"tagging task's sentences; the OOV token rate where "
               "words are looked up for a downstream task or an STS sentence; the share of STS pairs that lost "
               f"a word to OOV; an analogy's candidate-set size. {tex_escape(TABLE_ORDER)}")
    return _part_floats(tables, caption, "tab:wordeval-coverage")


def latex_rankings(comp: Comparison) -> str:
    # the ranking wraps in its column: scaled to the column width, a ranking of 16 representations (700
    # characters on one line) was printed at under 2 points
    out = [r"\begin{table}[t]", r"\centering", r"\small",
           r"\begin{tabular}{@{}lp{0.7\columnwidth}@{}}", r"\toprule", r"Task & Ranking (best first, common items) \\",
           r"\midrule"]
    for t in comp.tasks:
        out.append(f"{tex_escape(t['name'])} & \\raggedright "
                   f"{ranking_text(comp, t['name'], esc=tex_escape).replace('>', '$>$')}"
                   f"{_ranking_evidence(comp, t)}" r" \tabularnewline")
    out += [r"\bottomrule", r"\end{tabular}",
            rf"\caption{{{tex_escape(title(comp, 'Rankings'))}. {_rankings_legend(comp)}}}",
            r"\label{tab:wordeval-rankings}", r"\end{table}"]
    return "\n".join(out) + "\n"


def _rankings_legend(comp: Comparison) -> str:
    """report.md's Rankings legend in report.tex's words: the relations and cases the table shows only."""
    p = comp.parameters
    shown = legend.shown_relations(comp)
    at = rf"at $\alpha={p['alpha']}$ {tex_escape(after_correction(p) + uncounted(p))}"
    parts = ([rf"$=$: exactly equal scores or a paired difference not significant {at}"] if "=" in shown else [])
    if ">" in legend.tested_relations(comp):
        parts.append("$>$: significantly ahead" + ("" if "=" in shown else f" {at}"))
    elif ">" in shown:  # only a task without per-item scores has one, on its reported scores, untested
        parts.append("$>$: a reported score ahead, not tested (no per-item scores)")
    if p.get("n_identical_pairs"):
        parts.append("identical per-item outputs are $=$ by definition, not tested")
    untested = ([r"analogy representations that searched candidate sets of different sizes (\S{})"]
                if legend.candidate_flagged(comp) else [])
    untested += ([f"pairs on a task of fewer than {pair_tests.MIN_BOOTSTRAP_ITEMS} common items"]
                 if legend.too_few_common(comp) else [])
    if untested:
        parts.append(f"$=$, untested: {' and '.join(untested)}")
    if legend.ranked_without_items(comp):
        parts.append("a task without per-item scores is ranked on its reported values, $=$ for exact ties only")
    if legend.shown_apart(comp):
        parts.append("(but $a>b$): a significant difference the chain writes $=$ through a third representation")
    text = "; ".join(parts) + ". " if parts else ""
    return (text + "In brackets: the items every representation covers, on which the ranking and its tests are "
            f"computed, and the best-vs-runner-up test's code and {tex_escape(best_test_p_text(p, quote=''))}."
            f"{tex_escape(p_floor_caption(comp, quote=''))}{tex_escape(untested_caption(comp))} "
            f"Rows: {tex_escape(TASK_ROWS)}.")


def _ranking_evidence(comp: Comparison, t: dict) -> str:
    """The items a ranking rests on and its best-vs-runner-up test, as report.md's columns give them: the
    paper's table ranked on 147 of WS-353's 353 pairs without saying so."""
    if t["n_common"] is None:
        return ""
    b = (comp.best.get(t["name"]) or {}).get("test")
    test = f"; best vs runner-up {best_test_text(comp, t['name'])}" if b else ""
    text = f"{common_text(t, noun='common items')}{test}"
    return rf" {{\scriptsize ({tex_escape(text)})}}"


def latex_taus(comp: Comparison) -> str:
    if not comp.taus:  # said, as report.md and report.html say it: no table read as one left out
        from wordeval.report.legend import no_taus_text
        return rf"\paragraph{{{tex_escape(title(comp, 'Rank agreement'))}}} {tex_escape(no_taus_text(comp))}" + "\n"
    extr = list(dict.fromkeys(r["extrinsic"] for r in comp.taus))
    intr = list(dict.fromkeys(r["intrinsic"] for r in comp.taus))
    by = {(r["intrinsic"], r["extrinsic"]): r for r in comp.taus}
    out = [r"\begin{table*}[t]", r"\centering", FIT_TO_WIDTH,
           rf"\begin{{tabular}}{{l{'c' * len(extr)}}}", r"\toprule",
           "Intrinsic & " + " & ".join(tex_escape(e) for e in extr) + r" \\", r"\midrule"]
    for i in intr:
        cells = []
        for e in extr:
            r = by.get((i, e))
            if r is None:
                cells.append("--")
                continue
            verdict = tex_escape(verdict_text(r))
            ci = tex_number(tau_ci_text(r))
            cells.append(f"{tex_number(fmt(r['tau'], 2))} {{\\scriptsize {ci} {tau_n_text(r)}, "
                         f"{tex_escape(tau_p_text(r, alpha=comp.parameters['alpha']))}, {verdict}}}")
        out.append(tex_escape(correlation_label(comp, i)) + " & " + " & ".join(cells) + r" \\")
    out += [r"\bottomrule", r"\end{tabular}}",
            # report.md's caption, not a paraphrase: this one left out the resamples behind the intervals and that
            # a cell outside the correction has its p written uncorrected
            rf"\caption{{{tex_escape(title(comp, 'Rank agreement'))}. {tex_escape(tau_caption(comp, esc=str))}}}",
            r"\label{tab:wordeval-tau}", r"\end{table*}"]
    return "\n".join(out) + "\n"


def breakable(tex: str) -> str:
    """Escaped text where an unbroken path, URL or digest may break: after a "/", and every 16 characters of a
    hex digest (a sha256 is 64 characters without a space: the Protocol's ran up to 57 pt, the whole margin, past
    the text)."""
    tex = tex.replace("/", r"/\allowbreak{}")
    return re.sub(r"[0-9a-f]{32,}", lambda m: r"\allowbreak{}".join(re.findall(".{1,16}", m.group())), tex)


def _ragged_list(lines: Iterable[tuple[int, str]]) -> list[str]:
    """The Protocol, Skipped and Notes: their paths, URLs and digests may break (``breakable``), and the list is
    ragged right, as justified text such breaks were worse than running into the margin, so pdflatex set the lines
    overfull (a skip reason's URL 234 pt past the text, beyond the page)."""
    return [r"{\raggedright"] + _itemize(lines, break_at_slashes=True) + [r"\par}"]


def _itemize(lines: Iterable[tuple[int, str]], *, break_at_slashes: bool = False) -> list[str]:
    """``break_at_slashes``: a line may break after a "/" (the Protocol's URLs and paths: a URL has no space,
    and ran into the margin as one overfull word)."""
    out, depth = [r"\begin{itemize}"], 0
    for level, text in lines:
        while depth < level:
            out.append(r"\begin{itemize}")
            depth += 1
        while depth > level:
            out.append(r"\end{itemize}")
            depth -= 1
        text = tex_escape(text)
        out.append(r"\item " + (breakable(text) if break_at_slashes else text))
    out += [r"\end{itemize}"] * (depth + 1)
    return out


# The paired tests by code, in the words of the Methods paragraph (only those that ran are named), with the
# works each rests on: Williams' t is computed in Steiger's (1980) form, the bootstrap p-value resamples the
# centred differences as Hall & Wilson (1991) advise (wordeval/stats/pair_tests.py)
_TEST_TEXT = {"W": ("Williams' {t} for Pearson correlations with one gold set", ("williams", "steiger")),
              "M": ("the exact McNemar test for accuracies over 0/1 items", ("mcnemar",)),
              "B": ("a paired bootstrap over {unit}", ("paired_bootstrap", "hall_wilson")),
              "S": ("a paired bootstrap over {unit} {times} seeds where several seeds ran",
                    ("paired_bootstrap", "hall_wilson"))}
# the Methods paragraph's symbols in LaTeX, and as report.md and report.html write them
TEX_MATH = {"t": "$t$", "times": r"$\times$", "tau_b": r"$\tau_b$"}
PLAIN_MATH = {"t": "t", "times": "×", "tau_b": "τ-b"}


def _tests_used(comp: Comparison, cite, unit: str = "items", esc=tex_escape, math=TEX_MATH) -> str:
    """The tests that ran, in words; ``unit``: the tasks' items (``table_unit``), as the Results legend names
    them: 'over items' stood in the Methods of a report whose items were all word pairs."""
    codes = [c for c in _TEST_TEXT if any(t.get("code") == c for t in comp.tests)]
    if not codes:
        return "none ran"
    return ", ".join(text.format(unit=esc(unit), **math) + cite(*keys)
                     for text, keys in (_TEST_TEXT[c] for c in codes))


def _ci_resamples(p) -> str:
    """The resamples behind the Results table's intervals: said '--n-boot, seed --seed' of the comparison while
    most came from the records, drawn in their runs."""
    counts = p.get("ci_resamples") or [p["n_boot"]]
    return " or ".join(f"{n:,}" for n in counts)


def _basic_cells(comp: Comparison, esc=tex_escape) -> str:
    """The tasks whose cells have basic intervals, as their records and compare draw them: the Methods said
    'percentile' of every interval, QVEC's and QVEC-CCA's too."""
    names = [t["name"] for t in comp.tasks if t["family"] in BASIC_INTERVAL]
    return (f", basic (reflected) bootstrap over words on {esc(', '.join(names))}, which corrects "
            f"QVEC's upward bias" if names else "")


def _methods(comp: Comparison, cite, esc=tex_escape, math=TEX_MATH) -> str:
    """The Methods paragraph: only the tests and the agreement analysis that ran (a report without extrinsic
    tasks described a Kendall τ it never computed, 'following Chiu et al..'). ``esc`` and ``math``: the
    format's escaping and symbols (``methods_text`` gives report.md's and report.html's)."""
    p = comp.parameters
    unit = table_unit(comp)[0]  # the legend says where each task's unit is when they differ: 'items' here
    correction = f"{esc(p['correction_name'])}{cite(p['correction'])}"
    text = f"Scores and paired tests are recomputed from the per-item results with wordeval{cite('wordeval')}. "
    if legend.shown_ci(comp):
        text += (f"Confidence intervals: percentile bootstrap over {esc(unit)}{cite('bootstrap')}"
                 f"{_basic_cells(comp, esc)} "
                 f"({_ci_resamples(p)} resamples; a cell of one record keeps the interval drawn when it was "
                 f"computed, with that run's seed, the others are drawn here with seed {p['seed']}). ")
    else:
        # records without per-item scores, or cells all of too few items: the paragraph described intervals
        # (and cited the bootstrap) that no cell showed
        text += "Confidence intervals: none (no cell of the Results table has one). "
    if p["n_pair_tests"] and p["correction"] == "none":
        text += (f"Paired tests: {_tests_used(comp, cite, unit, esc, math)}; {p['n_pair_tests']} tests, not "
                 f"corrected for multiple testing{esc(uncounted(p))}.")
    elif p["n_pair_tests"]:
        text += (f"Paired tests: {_tests_used(comp, cite, unit, esc, math)}; all {p['n_pair_tests']} tests "
                 f"corrected together ({correction}{esc(uncounted(p))}).")
    else:
        text += f"Paired tests: none ran{esc(uncounted(p))}."
    if comp.taus:
        cells = f"{p['n_agreement_tests']} cell{'s' * (p['n_agreement_tests'] != 1)}"
        text += (f" Rank agreement: Kendall {math['tau_b']}{cite('kendall', 'kendall_tau_b')} between an "
                 f"intrinsic and an extrinsic task's ranking of the representations, with a permutation test "
                 f"over representations "
                 f"(exact up to {MAX_EXACT_PERMUTATIONS}, Monte Carlo beyond) "
                 + (f"corrected over the {cells} that can have a verdict ({correction})"
                    if p["correction"] != "none" and p["n_agreement_tests"]
                    else "not corrected: no cell can have a verdict" if p["correction"] != "none"
                    else "not corrected for multiple testing")
                 + f", following Chiu et al.{cite('chiu') or ' (2016)'}.")
    return text


def methods_text(comp: Comparison) -> str:
    """The Methods paragraph as report.md and report.html write it (unescaped, no citations): report.tex alone
    said which tests ran and that intervals rest on 1,000 or 10,000 resamples."""
    return _methods(comp, lambda *names: "", esc=str, math=PLAIN_MATH)


def latex_document(comp: Comparison, *, title_text: str, cite_keys: Sequence[str],
                   method_keys: dict[str, str], figures: Mapping[str, list[Path]] | None = None,
                   provenance_text: str = "") -> str:
    """The whole report.tex; ``cite_keys`` are every key of references.bib (all cited), ``method_keys`` the
    keys of the methods named in the text, ``figures`` the report's figures (``plots.all_figures``),
    ``provenance_text`` report.md's Provenance (``writer.provenance_text``)."""
    def cite(*names: str) -> str:
        keys = [method_keys[n] for n in names if method_keys.get(n)]
        return rf"~\cite{{{','.join(keys)}}}" if keys else ""

    head = [r"\documentclass{article}", r"\usepackage[utf8]{inputenc}", r"\usepackage[T1]{fontenc}",
            r"\usepackage{booktabs}", r"\usepackage{graphicx}", r"\usepackage[margin=2cm]{geometry}",
            rf"\title{{{tex_escape(title_text)}}}", r"\date{}", r"\begin{document}", r"\maketitle"]
    body = [r"\section*{Summary}"] + _itemize((0, s) for s in comp.summary)
    body += [r"\section*{Methods}", _methods(comp, cite), ""]
    body.append(latex_results(comp))
    body.append(latex_coverage(comp))
    # they import tex_escape from here
    from wordeval.report.tex_sections import latex_correlation, latex_figures, latex_flips, latex_provenance
    if compared(comp):
        body += [latex_rankings(comp), latex_taus(comp), latex_flips(comp), latex_correlation(comp)]
    body.append(latex_figures(comp, figures or {}))
    body += [r"\section*{Protocol}" + (f" ({tex_escape(QUICK_LABEL)})" if comp.quick else "")]
    body += _ragged_list(protocol_lines(comp.protocol))
    # what was skipped or left out, as report.md says it: the paper's copy had the "—" cells without the why
    skipped = [skipped_text(*group, esc=str) for group in skipped_groups(comp)]
    if skipped:
        body += [r"\section*{Skipped}"] + _ragged_list((0, s) for s in skipped)
    if comp.notes:
        body += [r"\section*{Notes}"] + _ragged_list((0, n) for n in comp.notes)
    body.append(latex_provenance(provenance_text))
    body += [r"\nocite{" + ",".join(cite_keys) + "}" if cite_keys else "",
             r"\bibliographystyle{plain}", r"\bibliography{references}", r"\end{document}"]
    return "\n".join(head + body) + "\n"
