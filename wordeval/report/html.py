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

from wordeval.counted_nouns import first_and_more
from wordeval.report import legend, tables
from wordeval.report.compare import Comparison
from wordeval.report.fmt import fmt_ci, fmt_pm
from wordeval.report.protocol import QUICK_LABEL, protocol_lines
from wordeval.visible_text import visible_lines

# Every text colour reaches WCAG 2's 4.5:1 on every background of the sheet (white, the header's #f3f3f3,
# the code blocks' #f7f7f7), wherever it is used: the intervals' #777 had 4.48:1 on white; the flags' #a60,
# 4.56:1 on white, would have had 4.1:1 on the header's grey.
# A row header (the task) is a <th> for screen readers, not bold: bold in a score column means "best".
_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}
table{border-collapse:collapse;margin:1em 0;font-size:.85em}th,td{border:1px solid #ccc;padding:.3em .5em;
text-align:left;vertical-align:top}td.num{text-align:right}th.num{text-align:right}
thead th{background:#f3f3f3}tbody th{font-weight:normal}td.best{font-weight:bold}
.ci{color:#666;font-size:.85em}.sig{color:#b00}.flag{color:#9a5b00}figure{margin:1em 0}
caption{text-align:left;font-weight:bold;padding:.3em 0}
figure img{max-width:100%;border:1px solid #eee}pre{background:#f7f7f7;padding:.7em;overflow-x:auto;font-size:.8em}
.note{color:#555;font-size:.9em}li{overflow-wrap:anywhere}.wide{overflow-x:auto}
.nav-label{font-weight:bold;font-size:1.1em;margin:1em 0 .3em}nav ol{margin-top:0}
"""

RANKINGS, FLIPS = "Ranking per task", "Flipped pairs"
TAU, TAU_CORNER = "Kendall τ between intrinsic and extrinsic rankings", "intrinsic \\ extrinsic"


def esc(text: Any) -> str:
    return html.escape(visible_lines(text), quote=True)


def caption(text: Any) -> str:
    """A table caption written for Markdown: its `code` spans become <code>, not literal backticks."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def _data_uri(path: Path) -> str:
    mime = {"png": "image/png", "svg": "image/svg+xml"}[path.suffix.lstrip(".")]
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _table(head: str, body: str, *, title: str, legend: str | None = None, cols: str = "") -> str:
    """A table in a box that scrolls sideways: the Results table of four representations (11 columns) was
    wider than an 800-pixel window, and the whole page scrolled sideways under it, every paragraph cut too.
    ``title`` is its <caption>, which a screen reader announces on entering the table; ``legend`` the id of
    the paragraph above it that defines its marks, tied to it by aria-describedby (it stays where every
    reader meets it first)."""
    described = f" aria-describedby='{legend}'" if legend else ""
    return (f"<div class='wide'><table{described}><caption>{esc(title)}</caption>{cols}<thead>{head}</thead>"
            f"<tbody>{body}</tbody></table></div>")


def _col(text: str, attrs: str = "") -> str:
    return f"<th scope='col'{attrs}>{text}</th>"


def _row(text: str) -> str:
    return f"<th scope='row'>{text}</th>"


def _legend(legend_id: str, text: str) -> str:
    return f"<p class=\"note\" id=\"{legend_id}\">{text}</p>"


def _results_table(comp: Comparison) -> str:
    """The Results table in parts of at most ``tables.REPRESENTATIONS_PER_TABLE`` representations, as in
    report.md; the first part has the tasks' common items and tests."""
    parts = tables.representation_parts(comp.representations)
    return "".join(_results_part(comp, part, first=k == 0, title=_part_title(comp, parts, k))
                   for k, part in enumerate(parts))


def _part_title(comp: Comparison, parts: list[list[str]], k: int) -> str:
    """'Results', or which part of it: each part is a table of its own, announced by its caption alone."""
    if len(parts) == 1:
        return tables.title(comp, "Results")
    first = sum(len(p) for p in parts[:k]) + 1
    which = (f"representations {first}–{first + len(parts[k]) - 1}" if len(parts[k]) > 1
             else f"representation {first}")
    return tables.title(comp, f"Results, part {k + 1} of {len(parts)}: {which} of {len(comp.representations)}")


def _results_part(comp: Comparison, reps: list[str], *, first: bool, title: str) -> str:
    # a representation's name heads its two columns: a column group (scope='colgroup' needs the <colgroup>)
    head = "".join(_col(esc(r), " colspan='2'").replace("'col'", "'colgroup'", 1) for r in reps)
    cols = "<colgroup></colgroup>" + "<colgroup span='2'></colgroup>" * len(reps)
    cols += "<colgroup></colgroup><colgroup></colgroup>" if first else ""
    # over its column's alignment: a left-aligned head sat apart from right-aligned numbers
    sub = "".join(_col("score", " class='num'") + _col("coverage") for _ in reps)
    rows = []
    for t in comp.tasks:
        what = f"<span class='ci'>{esc(t['main_score'])}, {esc(t['kind'])}</span>"
        cells = [_row(f"{esc(t['name'])}<br>{what}")]
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
    tail = _col("common items", " rowspan='2'") + _col("tests", " rowspan='2'") if first else ""
    task = _col("task", " rowspan='2'")
    return _table(f"<tr>{task}{head}{tail}</tr><tr>{sub}</tr>",
                  "".join(rows), title=title, legend="results-legend", cols=cols)


def _rankings_table(comp: Comparison) -> str:
    rows = []
    for t in comp.tasks:
        ptxt = tables.best_test_text(comp, t["name"])
        common = tables.common_text(t) if t["n_common"] is not None else "—"
        rows.append(f"<tr>{_row(esc(t['name']))}<td>{esc(tables.ranking_text(comp, t['name'], esc=str))}</td>"
                    f"<td>{esc(common)}</td><td>{esc(ptxt)}</td></tr>")
    head = "".join(_col(h) for h in ("task", "ranking (best first)", "common items",
                                     "test, best vs runner-up"))
    return _table(f"<tr>{head}</tr>", "".join(rows), title=tables.title(comp, RANKINGS),
                  legend="rankings-legend")


def _tau_table(comp: Comparison) -> str:
    extr = list(dict.fromkeys(r["extrinsic"] for r in comp.taus))
    intr = list(dict.fromkeys(r["intrinsic"] for r in comp.taus))
    by = {(r["intrinsic"], r["extrinsic"]): r for r in comp.taus}
    head = "".join(_col(esc(e)) for e in extr)
    rows = []
    for i in intr:
        cells = "".join(f"<td>{esc(tables.tau_cell(by[(i, e)], alpha=comp.parameters['alpha']))}</td>"
                        if (i, e) in by else "<td>—</td>" for e in extr)
        rows.append(f"<tr>{_row(esc(tables.correlation_label(comp, i)))}{cells}</tr>")
    return _table(f"<tr>{_col(TAU_CORNER)}{head}</tr>", "".join(rows), title=tables.title(comp, TAU),
                  legend="tau-legend")


def _flips_table(comp: Comparison, limit: int = tables.FLIPS_SHOWN) -> str:
    rows, alpha = [], comp.parameters["alpha"]
    for f in comp.flips[:limit]:
        rows.append(f"<tr><td>{esc(f['ahead_intrinsic'])}</td><td>{esc(f['ahead_extrinsic'])}</td>"
                    f"<td>{esc(tables.flip_side(f, 'intrinsic', alpha=alpha))}</td>"
                    f"<td>{esc(tables.flip_side(f, 'extrinsic', alpha=alpha))}</td>"
                    f"<td>{'yes' if f['significant'] else 'no'}</td></tr>")
    more = f"<p class='note'>{len(comp.flips) - limit} more in results.json.</p>" if len(comp.flips) > limit else ""
    # no row header: no column names a row alone (a representation is ahead in many pairs)
    head = "".join(_col(h) for h in ("ahead intrinsically", "ahead extrinsically", "intrinsic task",
                                     "extrinsic task", "both significant"))
    return _table(f"<tr>{head}</tr>", "".join(rows), title=tables.title(comp, FLIPS),
                  legend="flips-legend") + more


def _tau_section(comp: Comparison) -> str:
    """The τ legend over its table; without a cell, why in one line (a legend over nothing defined nothing)."""
    if not comp.taus:
        return f"<p>{esc(legend.no_taus_text(comp))}</p>"
    return f"{_legend('tau-legend', caption(tables.tau_caption(comp, esc=str)))}\n{_tau_table(comp)}"


def _flips_section(comp: Comparison) -> str:
    if not comp.flips:
        return f"<p>{esc(legend.no_flips_text(comp))}</p>"
    return f"{_legend('flips-legend', caption(tables.flips_caption(comp)))}\n{_flips_table(comp)}"


def _corr_table(comp: Comparison) -> str:
    if not tables.correlation_shown(comp):
        return f"<p>{esc(tables.correlation_refusal(comp))}</p>"
    names = comp.correlation["tasks"]
    label = lambda n: esc(tables.matrix_label(comp, n))  # noqa: E731
    head = "".join(_col(label(n), " class='num'") for n in names)
    entry = lambda i, j: esc(tables.correlation_entry(comp, i, j))  # noqa: E731
    rows = "".join(f"<tr>{_row(label(n))}" + "".join(
        f"<td class='num'>{entry(i, j)}</td>" for j in range(len(names))) + "</tr>"
        for i, n in enumerate(names))
    # the corner is no header of anything: an empty <th> is announced as a header without a name
    return (_legend("correlation-legend", esc(tables.correlation_caption(comp)))
            + _table(f"<tr><td></td>{head}</tr>", rows, title=correlation_title(comp),
                     legend="correlation-legend"))


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


def correlation_title(comp: Comparison) -> str:
    return tables.title(comp, f"Benchmark × task correlation across representations "
                              f"({tables.correlation_name(comp.correlation['method'])})")


def _comparison_sections(comp: Comparison) -> list[tuple[str, str, str]]:
    """Ranking, τ, flipped pairs and correlation: none where one representation has nothing to compare."""
    rankings = _legend("rankings-legend", caption(tables.rankings_caption(comp)))
    return [("rankings", tables.title(comp, RANKINGS), f"{rankings}\n{_rankings_table(comp)}"),
            ("kendall-tau", tables.title(comp, TAU), _tau_section(comp)),
            ("flipped-pairs", tables.title(comp, FLIPS), _flips_section(comp)),
            ("correlation", correlation_title(comp), _corr_table(comp))]


def _figures(comp: Comparison, figures: Mapping[str, list[Path]]) -> str:
    """Each figure with its caption and an alt that says what the image shows (``figure_alts``)."""
    from wordeval.report.figure_alts import figure_alt, figure_alts
    from wordeval.report.plots import figure_captions, no_task_bars_reason

    captions, alts, figs = figure_captions(comp), figure_alts(comp), []
    for name, paths in figures.items():
        svg = next((p for p in paths if p.suffix == ".svg"), None) or paths[0]
        figs.append(f"<figure><img alt='{esc(figure_alt(name, alts, captions))}' src='{_data_uri(svg)}'>"
                    f"<figcaption>{esc(captions.get(name, name))}</figcaption></figure>")
    if (why := no_task_bars_reason(comp)) is not None:
        figs.append(f"<p class='note'>{esc(why)}</p>")
    return "\n".join(figs)


def page_title(comp: Comparison, title: str) -> str:
    """The <title>, which names the page in tabs, bookmarks and a screen reader's window list: every report
    was 'wordeval comparison' (WCAG 2.4.2). The representations compared (the first four, then how many
    more) and the number of tasks follow the report's title."""
    reps = comp.representations
    if len(reps) > 4:
        names = first_and_more(reps, 4)
    elif len(reps) > 1:
        names = f"{', '.join(reps[:-1])} and {reps[-1]}" if len(reps) > 2 else " vs ".join(reps)
    else:
        names = ", ".join(reps)
    n = len(comp.tasks)
    return f"{title}: {names} on {n} task{'s' * (n != 1)}" if names else title


def render_html(comp: Comparison, *, figures: Mapping[str, list[Path]], provenance_text: str,
                title: str = "wordeval comparison") -> str:
    from wordeval.report.tables_tex import methods_text

    skipped = "".join(f"<li>{tables.skipped_text(*group, esc=esc)}</li>"
                      for group in tables.skipped_groups(comp))
    notes = "".join(f"<li>{esc(n)}</li>" for n in comp.notes)
    summary = "".join(f"<li>{esc(s)}</li>" for s in comp.summary)
    results = f"{_legend('results-legend', caption(tables.results_caption(comp)))}\n{_results_table(comp)}"
    # (id, heading, body): the ids are fixed, never made from a user's text
    sections = [("summary", "Summary", f"<ul>{summary}</ul>"),
                ("methods", "Methods", f"<p>{esc(methods_text(comp))}</p>"),
                ("results", tables.title(comp, "Results"), results),
                *(_comparison_sections(comp) if tables.compared(comp) else []),
                ("figures", "Figures", _figures(comp, figures)),
                ("protocol", f"Protocol{' (' + QUICK_LABEL + ')' if comp.quick else ''}", _protocol(comp)),
                *([("skipped", "Skipped", f"<ul>{skipped}</ul>")] if skipped else []),
                *([("notes", "Notes", f"<ul>{notes}</ul>")] if notes else []),
                ("provenance", "Provenance", f"<pre>{esc(provenance_text)}</pre>")]
    # a table of contents of the sections: the demo's page is many screens long, and headings alone help
    # only a reader whose software lists them. Its label is visible text (aria-label showed a sighted reader a
    # bare list), named by aria-labelledby so what is read is what is seen, and no heading: the list names
    # the h2s, and a "Contents" h2 would list itself
    toc = "".join(f"<li><a href='#{sid}'>{esc(head)}</a></li>" for sid, head, _ in sections)
    body = "\n".join(f"<section id='{sid}'><h2>{esc(head)}</h2>{text}</section>" for sid, head, text in sections)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(page_title(comp, title))}</title><style>{_CSS}</style></head>
<body>
<main>
<h1>{esc(title)}</h1>
<nav aria-labelledby="contents-label"><p id="contents-label" class="nav-label">Contents</p>
<ol>{toc}</ol></nav>
{body}
</main>
</body></html>
"""
