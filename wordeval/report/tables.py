"""Tables of a Comparison as Markdown, LaTeX (booktabs) and CSV.

"Best" is the max (or min, for lower-is-better tasks) of the finite values in a column — never a comparison
against 0.0 — and it is marked significant when a paired bootstrap over items separates it from the runner-up.
"""
from __future__ import annotations

import csv
import io
import math
from typing import Any

from wordeval.report.compare import Comparison

SIG_MARK = "*"  # best significantly ahead of the runner-up (paired bootstrap, p < alpha)


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def fmt(x: Any, digits: int = 3) -> str:
    return f"{x:.{digits}f}" if _finite(x) else "n/a"


def fmt_p(p: Any, n_boot: int | None = None) -> str:
    """A bootstrap p-value of 0 only says p < 1/n_boot; print it that way."""
    if not _finite(p):
        return "p n/a"
    if p == 0 and n_boot:
        return f"p < {1.0 / n_boot:.2g}"
    return f"p = {p:.3f}" if p >= 0.001 else f"p = {p:.1e}"


def fmt_ci(ci: Any, digits: int = 3) -> str:
    if not ci or not all(_finite(c) for c in ci):
        return ""
    return f"[{ci[0]:.{digits}f}, {ci[1]:.{digits}f}]"


def best_in_column(comp: Comparison, task: str) -> str | None:
    direction = comp.task(task)["direction"]
    vals = {r: comp.cells[(r, task)]["value"] for r in comp.representations
            if (r, task) in comp.cells and _finite(comp.cells[(r, task)]["value"])}
    if not vals:
        return None
    pick = max if direction == "higher" else min
    return pick(vals, key=vals.get)


def md_escape(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_") \
        .replace("<", "&lt;").replace(">", "&gt;")


def markdown_results(comp: Comparison) -> str:
    head = ["representation"] + [f"{t['name']} ({t['main_score']})" for t in comp.tasks]
    lines = ["| " + " | ".join(md_escape(h) for h in head) + " |", "|" + "---|" * len(head)]
    for rep in comp.representations:
        row = [md_escape(rep)]
        for t in comp.tasks:
            cell = comp.cells.get((rep, t["name"]))
            if cell is None:
                row.append("—")
                continue
            text = f"{fmt(cell['value'])} {fmt_ci(cell['ci'])}".strip()
            if best_in_column(comp, t["name"]) == rep:
                mark = "\\" + SIG_MARK if comp.best.get(t["name"], {}).get("significant") else ""
                text = f"**{fmt(cell['value'])}**{mark} {fmt_ci(cell['ci'])}".strip()
            row.append(text)
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def markdown_rankings(comp: Comparison) -> str:
    lines = ["| task | ranking (best first) | best vs runner-up |", "|---|---|---|"]
    for t in comp.tasks:
        order = comp.rankings.get(t["name"], [])
        p = comp.best.get(t["name"], {}).get("p_value")
        p_text = fmt_p(p, comp.parameters.get("n_boot"))
        lines.append(f"| {md_escape(t['name'])} | {' > '.join(md_escape(r) for r in order)} | {p_text} |")
    return "\n".join(lines)


def markdown_taus(comp: Comparison) -> str:
    extr = list(dict.fromkeys(r["extrinsic"] for r in comp.taus))
    intr = list(dict.fromkeys(r["intrinsic"] for r in comp.taus))
    by = {(r["intrinsic"], r["extrinsic"]): r for r in comp.taus}
    lines = ["| intrinsic \\ extrinsic | " + " | ".join(md_escape(e) for e in extr) + " |",
             "|" + "---|" * (len(extr) + 1)]
    for i in intr:
        cells = []
        for e in extr:
            r = by.get((i, e))
            cells.append(f"{fmt(r['tau'], 2)} {fmt_ci(r['ci'], 2)}".strip() if r else "—")
        lines.append(f"| {md_escape(i)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown_flips(comp: Comparison, *, limit: int = 20) -> str:
    nb = comp.parameters.get("n_boot")
    lines = ["| ahead intrinsically | ahead extrinsically | intrinsic task (scores, p) | extrinsic task (scores, p) |",
             "|---|---|---|---|"]
    for f in comp.flips[:limit]:
        si, se = f["intrinsic_scores"], f["extrinsic_scores"]
        lines.append(f"| {md_escape(f['ahead_intrinsic'])} | {md_escape(f['ahead_extrinsic'])} | "
                     f"{md_escape(f['intrinsic'])} ({fmt(si[0])} vs {fmt(si[1])}, {fmt_p(f['p_intrinsic'], nb)}) | "
                     f"{md_escape(f['extrinsic'])} ({fmt(se[0])} vs {fmt(se[1])}, {fmt_p(f['p_extrinsic'], nb)}) |")
    if len(comp.flips) > limit:
        lines.append(f"\n({len(comp.flips) - limit} more in results.json)")
    return "\n".join(lines)


def markdown_correlation(comp: Comparison) -> str:
    names, mat = comp.correlation["tasks"], comp.correlation["matrix"]
    lines = ["| | " + " | ".join(md_escape(n) for n in names) + " |", "|" + "---|" * (len(names) + 1)]
    for i, n in enumerate(names):
        lines.append(f"| {md_escape(n)} | " + " | ".join(fmt(mat[i][j], 2) for j in range(len(names))) + " |")
    return "\n".join(lines)


# -- LaTeX ---------------------------------------------------------------------------------------------

_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def tex_escape(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in str(text))


def latex_results(comp: Comparison, *, caption: str = "Results with 95\\% bootstrap confidence intervals.") -> str:
    """booktabs table; best per column in bold, ``$^{*}$`` when significantly ahead of the runner-up."""
    cols = "l" + "c" * len(comp.tasks)
    out = [r"% requires \usepackage{booktabs}", r"\begin{table}[t]", r"\centering", r"\small",
           rf"\begin{{tabular}}{{{cols}}}", r"\toprule"]
    kinds = [t["kind"] for t in comp.tasks]
    n_in, n_ex = kinds.count("intrinsic"), kinds.count("extrinsic")
    groups = []
    if n_in:
        groups.append(rf"\multicolumn{{{n_in}}}{{c}}{{Intrinsic}}")
    if n_ex:
        groups.append(rf"\multicolumn{{{n_ex}}}{{c}}{{Extrinsic}}")
    out.append(" & " + " & ".join(groups) + r" \\")
    rules = []
    if n_in:
        rules.append(rf"\cmidrule(lr){{2-{1 + n_in}}}")
    if n_ex:
        rules.append(rf"\cmidrule(lr){{{2 + n_in}-{1 + n_in + n_ex}}}")
    out.append(" ".join(rules))
    out.append("Representation & " + " & ".join(tex_escape(t["name"]) for t in comp.tasks) + r" \\")
    out.append(r"\midrule")
    for rep in comp.representations:
        cells = [tex_escape(rep)]
        for t in comp.tasks:
            cell = comp.cells.get((rep, t["name"]))
            if cell is None:
                cells.append("--")
                continue
            val = fmt(cell["value"])
            if best_in_column(comp, t["name"]) == rep:
                val = rf"\textbf{{{val}}}"
                if comp.best.get(t["name"], {}).get("significant"):
                    val += r"$^{*}$"
            ci = fmt_ci(cell["ci"], 2)
            cells.append(f"{val} {{\\scriptsize {ci}}}" if ci else val)
        out.append(" & ".join(cells) + r" \\")
    out += [r"\bottomrule", r"\end{tabular}",
            rf"\caption{{{caption} Bold: best per column; $^{{*}}$: ahead of the runner-up with "
            rf"$p<{comp.parameters.get('alpha', 0.05)}$ (paired bootstrap over items).}}",
            r"\label{tab:wordeval-results}", r"\end{table}"]
    return "\n".join(out) + "\n"


def latex_taus(comp: Comparison) -> str:
    extr = list(dict.fromkeys(r["extrinsic"] for r in comp.taus))
    intr = list(dict.fromkeys(r["intrinsic"] for r in comp.taus))
    by = {(r["intrinsic"], r["extrinsic"]): r for r in comp.taus}
    out = [r"\begin{table}[t]", r"\centering", r"\small", rf"\begin{{tabular}}{{l{'c' * len(extr)}}}", r"\toprule",
           "Intrinsic & " + " & ".join(tex_escape(e) for e in extr) + r" \\", r"\midrule"]
    for i in intr:
        cells = []
        for e in extr:
            r = by.get((i, e))
            if r is None:
                cells.append("--")
                continue
            ci = r["ci"]
            sig = _finite(ci[0]) and (ci[0] > 0 or ci[1] < 0)
            val = fmt(r["tau"], 2) + (r"$^{\dagger}$" if sig else "")
            cells.append(f"{val} {{\\scriptsize {fmt_ci(ci, 2)}}}")
        out.append(tex_escape(i) + " & " + " & ".join(cells) + r" \\")
    out += [r"\bottomrule", r"\end{tabular}",
            r"\caption{Kendall $\tau$ between intrinsic and extrinsic rankings, 95\% bootstrap CI over items; "
            r"$^{\dagger}$: CI excludes 0.}", r"\label{tab:wordeval-tau}", r"\end{table}"]
    return "\n".join(out) + "\n"


# -- CSV -----------------------------------------------------------------------------------------------

CSV_FIELDS = ["representation", "task", "kind", "score", "value", "ci_low", "ci_high", "rank", "best",
              "n_total", "n_used", "coverage"]


def results_csv(comp: Comparison) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_FIELDS)
    for t in comp.tasks:
        order = comp.rankings.get(t["name"], [])
        for rep in comp.representations:
            cell = comp.cells.get((rep, t["name"]))
            if cell is None:
                continue
            ci = cell["ci"] or [None, None]
            w.writerow([rep, t["name"], t["kind"], cell["score"], _num(cell["value"]), _num(ci[0]), _num(ci[1]),
                        order.index(rep) + 1 if rep in order else "", int(best_in_column(comp, t["name"]) == rep),
                        cell["n_total"], cell["n_used"], _num(cell["coverage"])])
    return buf.getvalue()


def _num(x: Any) -> str:
    return repr(float(x)) if _finite(x) else ""
