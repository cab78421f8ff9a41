"""A self-contained report.html: inline CSS, figures as base64 data URIs, no scripts, no external requests.

Every user-supplied string (representation names, task names, paths, reasons) goes through ``html.escape``;
SVG figures are embedded as ``<img>`` data URIs, so even text inside them cannot become markup or script.
The tables carry the same content as the Markdown ones (same captions, marks, flags and test codes).
"""
from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from typing import Any, Mapping

from wordeval.report import legend, tables
from wordeval.report.compare import Comparison
from wordeval.report.fmt import fmt, fmt_ci, fmt_pm
from wordeval.report.protocol import QUICK_LABEL, protocol_lines
from wordeval.visible_text import visible_lines

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}
table{border-collapse:collapse;margin:1em 0;font-size:.85em}th,td{border:1px solid #ccc;padding:.3em .5em;
text-align:left;vertical-align:top}td.num{text-align:right}th.num{text-align:right}
thead th{background:#f3f3f3}td.best{font-weight:bold}.ci{color:#777;font-size:.85em}.sig{color:#b00}
.flag{color:#a60}figure{margin:1em 0}
figure img{max-width:100%;border:1px solid #eee}pre{background:#f7f7f7;padding:.7em;overflow-x:auto;font-size:.8em}
.note{color:#555;font-size:.9em}li{overflow-wrap:anywhere}.wide{overflow-x:auto}
"""


def esc(text: Any) -> str:
    return html.escape(visible_lines(text), quote=True)


def caption(text: Any) -> str:
    """A table caption written for Markdown: its `code` spans become <code>, not literal backticks."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def _data_uri(path: Path) -> str:
    mime = {"png": "image/png", "svg": "image/svg+xml"}[path.suffix.lstrip(".")]
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _table(head: str, body: str) -> str:
    """A table in a box that scrolls sideways: the Results table of four representations (11 columns) was
    wider than an 800-pixel window, and the whole page scrolled sideways under it, every paragraph cut too."""
    return f"<div class='wide'><table><thead>{head}</thead><tbody>{body}</tbody></table></div>"


def _results_table(comp: Comparison) -> str:
    """The Results table in parts of at most ``tables.REPRESENTATIONS_PER_TABLE`` representations, as in
    report.md; the first part has the tasks' common items and tests."""
    return "".join(_results_part(comp, part, first=k == 0)
                   for k, part in enumerate(tables.representation_parts(comp.representations)))


def _results_part(comp: Comparison, reps: list[str], *, first: bool) -> str:
    head = "".join(f"<th colspan='2'>{esc(r)}</th>" for r in reps)
    # over its column's alignment: a left-aligned head sat apart from right-aligned numbers
    sub = "".join("<th class='num'>score</th><th>coverage</th>" for _ in reps)
    rows = []
    for t in comp.tasks:
        cells = [f"<td>{esc(t['name'])}<br><span class='ci'>{esc(t['main_score'])}, {esc(t['kind'])}</span></td>"]
        for rep in reps:
            cell = comp.cells.get((rep, t["name"]))
            if cell is None:
                cells.append("<td class='num'>—</td><td>—</td>")
                continue
            best = tables.best_in_column(comp, t["name"]) == rep
            sig = f"<span class='sig'>*{esc(cell['mark'])}</span>" if best else ""
            flags = f"<span class='flag'>{esc(tables.cell_flags(cell))}</span>" if cell["flags"] else ""
            score = esc(fmt_pm(cell['value'], cell['sd']))
            cells.append(f"<td class='num{' best' if best else ''}'>{score}{sig}{flags}"
                         f"<br><span class='ci'>{esc(fmt_ci(cell['ci']))}</span></td>"
                         f"<td class='ci'>{esc(tables.coverage_text(cell, t['family']))}</td>")
        common = tables.common_text(t) if t["n_common"] is not None else "not compared"
        if first:
            cells.append(f"<td>{esc(common)}</td><td>{esc(', '.join(t['tests']) or '—')}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    tail = "<th rowspan='2'>common items</th><th rowspan='2'>tests</th>" if first else ""
    return _table(f"<tr><th rowspan='2'>task</th>{head}{tail}</tr><tr>{sub}</tr>", "".join(rows))


def _rankings_table(comp: Comparison) -> str:
    rows = []
    for t in comp.tasks:
        ptxt = tables.best_test_text(comp, t["name"])
        common = tables.common_text(t) if t["n_common"] is not None else "—"
        rows.append(f"<tr><td>{esc(t['name'])}</td><td>{esc(tables.ranking_text(comp, t['name'], esc=str))}</td>"
                    f"<td>{esc(common)}</td><td>{esc(ptxt)}</td></tr>")
    return _table("<tr><th>task</th><th>ranking (best first)</th><th>common items</th>"
                  "<th>test, best vs runner-up</th></tr>", "".join(rows))


def _tau_table(comp: Comparison) -> str:
    extr = list(dict.fromkeys(r["extrinsic"] for r in comp.taus))
    intr = list(dict.fromkeys(r["intrinsic"] for r in comp.taus))
    by = {(r["intrinsic"], r["extrinsic"]): r for r in comp.taus}
    head = "".join(f"<th>{esc(e)}</th>" for e in extr)
    rows = []
    for i in intr:
        cells = "".join(f"<td>{esc(tables.tau_cell(by[(i, e)], alpha=comp.parameters['alpha']))}</td>"
                        if (i, e) in by else "<td>—</td>" for e in extr)
        rows.append(f"<tr><td>{esc(tables.correlation_label(comp, i))}</td>{cells}</tr>")
    return _table(f"<tr><th>intrinsic \\ extrinsic</th>{head}</tr>", "".join(rows))


def _flips_table(comp: Comparison, limit: int = tables.FLIPS_SHOWN) -> str:
    rows, alpha = [], comp.parameters["alpha"]
    for f in comp.flips[:limit]:
        rows.append(f"<tr><td>{esc(f['ahead_intrinsic'])}</td><td>{esc(f['ahead_extrinsic'])}</td>"
                    f"<td>{esc(tables.flip_side(f, 'intrinsic', alpha=alpha))}</td>"
                    f"<td>{esc(tables.flip_side(f, 'extrinsic', alpha=alpha))}</td>"
                    f"<td>{'yes' if f['significant'] else 'no'}</td></tr>")
    if not rows:
        return "<p>No flipped pairs.</p>"
    more = f"<p class='note'>{len(comp.flips) - limit} more in results.json.</p>" if len(comp.flips) > limit else ""
    return _table("<tr><th>ahead intrinsically</th><th>ahead extrinsically</th><th>intrinsic task</th>"
                  "<th>extrinsic task</th><th>both significant</th></tr>", "".join(rows)) + more


def _tau_section(comp: Comparison) -> str:
    """The τ legend over its table; without a cell, why in one line (a legend over nothing defined nothing)."""
    if not comp.taus:
        return f"<p>{esc(legend.no_taus_text(comp))}</p>"
    return f"<p class=\"note\">{caption(tables.tau_caption(comp, esc=str))}</p>\n{_tau_table(comp)}"


def _flips_section(comp: Comparison) -> str:
    if not comp.flips:
        return f"<p>{esc(legend.no_flips_text(comp))}</p>"
    return f"<p class=\"note\">{caption(tables.flips_caption(comp))}</p>\n{_flips_table(comp)}"


def _corr_table(comp: Comparison) -> str:
    if not tables.correlation_shown(comp):
        return f"<p>{esc(tables.correlation_refusal(comp))}</p>"
    names = comp.correlation["tasks"]
    label = lambda n: esc(tables.matrix_label(comp, n))  # noqa: E731
    head = "".join(f"<th class='num'>{label(n)}</th>" for n in names)
    entry = lambda i, j: esc(tables.correlation_entry(comp, i, j))  # noqa: E731
    rows = "".join(f"<tr><td>{label(n)}</td>" + "".join(
        f"<td class='num'>{entry(i, j)}</td>" for j in range(len(names))) + "</tr>"
        for i, n in enumerate(names))
    return (f"<p class='note'>{esc(tables.correlation_caption(comp))}</p>"
            + _table(f"<tr><th></th>{head}</tr>", rows))


def _protocol(comp: Comparison) -> str:
    """Nested lists inside the item they belong to: a <ul> placed directly in a <ul> is invalid HTML (only <li>
    may be its child), which validators reject and screen readers announce as a list without an item."""
    out, depth, item_open = ["<ul>"], 0, False
    for level, text in protocol_lines(comp.protocol):
        while depth < level:
            out.append("<ul>" if item_open else "<li><ul>")
            depth, item_open = depth + 1, False
        while depth > level:
            out.append("</li></ul>" if item_open else "</ul>")
            depth, item_open = depth - 1, True
        if item_open:
            out.append("</li>")
        out.append(f"<li>{esc(text)}")
        item_open = True
    if item_open:
        out.append("</li>")
    out += ["</ul></li>"] * depth + ["</ul>"]
    return "".join(out)


def _comparison_sections(comp: Comparison, h2) -> str:
    """Ranking, τ, flipped pairs and correlation: none where one representation has nothing to compare."""
    corr = (f"Benchmark × task correlation across representations "
            f"({tables.correlation_name(comp.correlation['method'])})")
    return f"""{h2('Ranking per task')}
<p class="note">{caption(tables.rankings_caption(comp))}</p>
{_rankings_table(comp)}
{h2('Kendall τ between intrinsic and extrinsic rankings')}
{_tau_section(comp)}
{h2('Flipped pairs')}
{_flips_section(comp)}
{h2(corr)}
{_corr_table(comp)}"""


def render_html(comp: Comparison, *, figures: Mapping[str, list[Path]], provenance_text: str,
                title: str = "wordeval comparison") -> str:
    figs = []
    from wordeval.report.plots import figure_captions
    captions = figure_captions(comp)
    for name, paths in figures.items():
        svg = next((p for p in paths if p.suffix == ".svg"), None) or paths[0]
        figs.append(f"<figure><img alt='{esc(name)}' src='{_data_uri(svg)}'>"
                    f"<figcaption>{esc(captions.get(name, name))}</figcaption></figure>")
    from wordeval.report.plots import no_task_bars_reason
    if (why := no_task_bars_reason(comp)) is not None:
        figs.append(f"<p class='note'>{esc(why)}</p>")
    skipped = "".join(f"<li>{tables.skipped_text(*group, esc=esc)}</li>"
                      for group in tables.skipped_groups(comp))
    notes = "".join(f"<li>{esc(n)}</li>" for n in comp.notes)
    summary = "".join(f"<li>{esc(s)}</li>" for s in comp.summary)
    from wordeval.report.tables_tex import methods_text

    def h2(text: str) -> str:
        return f"<h2>{esc(tables.title(comp, text))}</h2>"

    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{esc(title)}</h1>
<h2>Summary</h2><ul>{summary}</ul>
<h2>Methods</h2><p>{esc(methods_text(comp))}</p>
{h2('Results')}
<p class="note">{caption(tables.results_caption(comp))}</p>
{_results_table(comp)}
{_comparison_sections(comp, h2) if tables.compared(comp) else ''}
<h2>Figures</h2>
{''.join(figs)}
<h2>Protocol{esc(' (' + QUICK_LABEL + ')') if comp.quick else ''}</h2>
{_protocol(comp)}
{f'<h2>Skipped</h2><ul>{skipped}</ul>' if skipped else ''}
{f'<h2>Notes</h2><ul>{notes}</ul>' if notes else ''}
<h2>Provenance</h2><pre>{esc(provenance_text)}</pre>
</body></html>
"""
