"""report.tex's flipped pairs, benchmark × task correlation and figures: the tables and figures that report.md
and report.html show, with their captions, so that the LaTeX copy a paper takes is not short of them."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from wordeval.report import tables
from wordeval.report.compare import Comparison
from wordeval.report.tables_tex import FIT_TO_WIDTH, breakable, tex_escape, tex_number


def latex_flips(comp: Comparison) -> str:
    shown = comp.flips[:tables.FLIPS_SHOWN]
    if not shown:
        return (rf"\paragraph{{{tex_escape(tables.title(comp, 'Flipped pairs'))}}} "
                rf"{tex_escape(tables.flips_caption(comp))}" + "\n")
    rows = [" & ".join((tex_escape(f["ahead_intrinsic"]), tex_escape(f["ahead_extrinsic"]),
                        _flip_side(comp, f, "intrinsic"), _flip_side(comp, f, "extrinsic"),
                        "yes" if f["significant"] else "no")) + r" \\" for f in shown]
    more = len(comp.flips) - len(shown)
    out = [r"\begin{table*}[t]", r"\centering", FIT_TO_WIDTH, r"\begin{tabular}{lllll}",
           r"\toprule", r"Ahead intrinsically & Ahead extrinsically & Intrinsic task (scores, test, p) & "
           r"Extrinsic task (scores, test, p) & Both significant \\", r"\midrule", *rows, r"\bottomrule",
           r"\end{tabular}}"]
    if more:
        out.append(rf"\par\smallskip {{\small ({more} more in results.json)}}")
    out += [rf"\caption{{{tex_escape(tables.title(comp, 'Flipped pairs'))}. "
            rf"{tex_escape(tables.flips_caption(comp))}}}", r"\label{tab:wordeval-flips}", r"\end{table*}"]
    return "\n".join(out) + "\n"


def _flip_side(comp: Comparison, f: dict, side: str) -> str:
    """The task (a label, escaped as written) and its scores and p, their minus signs as $-$."""
    text = tables.flip_side(f, side, alpha=comp.parameters["alpha"])
    return tex_escape(f[side]) + tex_number(text[len(str(f[side])):])


def latex_correlation(comp: Comparison) -> str:
    name = tables.correlation_name(comp.correlation["method"])
    heading = tex_escape(tables.title(comp, f"Benchmark × task correlation across representations ({name})"))
    if not tables.correlation_shown(comp):
        return rf"\paragraph{{{heading}}} {tex_escape(tables.correlation_refusal(comp))}" + "\n"
    names = comp.correlation["tasks"]
    label = lambda n: tex_escape(tables.matrix_label(comp, n))  # noqa: E731
    out = [r"\begin{table*}[t]", r"\centering", FIT_TO_WIDTH,
           rf"\begin{{tabular}}{{l{'r' * len(names)}}}", r"\toprule",
           " & " + " & ".join(label(n) for n in names) + r" \\", r"\midrule"]
    out += [label(n) + " & "
            + " & ".join(tex_number(tables.correlation_entry(comp, i, j)) for j in range(len(names)))
            + r" \\" for i, n in enumerate(names)]
    out += [r"\bottomrule", r"\end{tabular}}",
            rf"\caption{{{heading}. {tex_escape(tables.correlation_caption(comp))}}}",
            r"\label{tab:wordeval-correlation}", r"\end{table*}"]
    return "\n".join(out) + "\n"


def latex_figures(comp: Comparison, figures: Mapping[str, list[Path]]) -> str:
    """The PNG of each figure (pdflatex reads PNG, not SVG) from the report's figures/ folder, with the caption
    report.md and report.html give it."""
    from wordeval.report.plots import figure_captions, no_task_bars_reason

    captions = figure_captions(comp) if figures else {}
    out = []
    for name, paths in figures.items():
        png = next(p for p in paths if p.suffix == ".png")
        out += [r"\begin{figure}[t]", r"\centering",
                rf"\includegraphics[width=\linewidth,height=0.45\textheight,keepaspectratio]{{figures/{png.name}}}",
                rf"\caption{{{tex_escape(captions.get(name, name))}}}", rf"\label{{fig:wordeval-{name}}}",
                r"\end{figure}"]
    if (why := no_task_bars_reason(comp)) is not None:
        out.append(tex_escape(why))
    return "\n".join(out) + "\n" if out else ""


def latex_provenance(text: str) -> str:
    """report.md's and report.html's Provenance (what produced the report and each record: commands, content
    fingerprints of the embeddings, dataset sha256s), line by line; a path or digest may break where ``breakable``
    lets it, a builder's parameters after a ","."""
    if not text:
        return ""
    lines = []
    for line in text.splitlines():
        indent = (len(line) - len(line.lstrip(" "))) // 2
        lines.append((rf"\hspace*{{{indent}em}}" if indent else "")
                     + breakable(tex_escape(line.strip())).replace(",", r",\allowbreak{}"))
    # a paragraph a line: a line break (\\) before a line opening with "[" would read it as its optional argument
    return "\n".join([r"\section*{Provenance}", r"{\footnotesize\raggedright\setlength{\parindent}{0pt}",
                      "\\par\n".join(lines), r"\par}"]) + "\n"
