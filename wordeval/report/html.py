"""A self-contained report.html: inline CSS, figures as base64 data URIs, no scripts, no external requests.

Every user-supplied string (representation names, task names, paths, reasons) goes through ``html.escape``;
SVG figures are embedded as ``<img>`` data URIs, so even text inside them cannot become markup or script.
"""
from __future__ import annotations

import base64
import html

from pathlib import Path
from typing import Any, Mapping

from wordeval.report.compare import Comparison
from wordeval.report.tables import best_in_column, fmt, fmt_ci, fmt_p

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}
table{border-collapse:collapse;margin:1em 0;font-size:.85em}th,td{border:1px solid #ccc;padding:.3em .5em;
text-align:right}th:first-child,td:first-child{text-align:left}thead th{background:#f3f3f3}
td.best{font-weight:bold}.ci{color:#777;font-size:.85em}.sig{color:#b00}figure{margin:1em 0}
figure img{max-width:100%;border:1px solid #eee}pre{background:#f7f7f7;padding:.7em;overflow-x:auto;font-size:.8em}
.note{color:#555;font-size:.9em}
"""


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _data_uri(path: Path) -> str:
    mime = {"png": "image/png", "svg": "image/svg+xml"}[path.suffix.lstrip(".")]
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _results_table(comp: Comparison) -> str:
    head = "".join(f"<th>{esc(t['name'])}<br><span class='ci'>{esc(t['main_score'])}, {esc(t['kind'])}</span></th>"
                   for t in comp.tasks)
    rows = []
    for rep in comp.representations:
        cells = [f"<td>{esc(rep)}</td>"]
        for t in comp.tasks:
            cell = comp.cells.get((rep, t["name"]))
            if cell is None:
                cells.append("<td>—</td>")
                continue
            best = best_in_column(comp, t["name"]) == rep
            sig = "<span class='sig'>*</span>" if best and comp.best.get(t["name"], {}).get("significant") else ""
            cells.append(f"<td class='{'best' if best else ''}'>{esc(fmt(cell['value']))}{sig}"
                         f"<br><span class='ci'>{esc(fmt_ci(cell['ci']))}</span></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr><th>representation</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _tau_table(comp: Comparison) -> str:
    extr = list(dict.fromkeys(r["extrinsic"] for r in comp.taus))
    intr = list(dict.fromkeys(r["intrinsic"] for r in comp.taus))
    by = {(r["intrinsic"], r["extrinsic"]): r for r in comp.taus}
    head = "".join(f"<th>{esc(e)}</th>" for e in extr)
    rows = []
    for i in intr:
        cells = "".join(f"<td>{esc(fmt(by[(i, e)]['tau'], 2))}<br><span class='ci'>{esc(fmt_ci(by[(i, e)]['ci'], 2))}"
                        f"</span></td>" if (i, e) in by else "<td>—</td>" for e in extr)
        rows.append(f"<tr><td>{esc(i)}</td>{cells}</tr>")
    return f"<table><thead><tr><th>intrinsic \\ extrinsic</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _flips_table(comp: Comparison, limit: int = 30) -> str:
    nb = comp.parameters.get("n_boot")
    rows = []
    for f in comp.flips[:limit]:
        si, se = f["intrinsic_scores"], f["extrinsic_scores"]
        rows.append(f"<tr><td>{esc(f['ahead_intrinsic'])}</td><td>{esc(f['ahead_extrinsic'])}</td>"
                    f"<td>{esc(f['intrinsic'])}: {esc(fmt(si[0]))} vs {esc(fmt(si[1]))}, {esc(fmt_p(f['p_intrinsic'], nb))}</td>"
                    f"<td>{esc(f['extrinsic'])}: {esc(fmt(se[0]))} vs {esc(fmt(se[1]))}, {esc(fmt_p(f['p_extrinsic'], nb))}</td></tr>")
    if not rows:
        return "<p>No flipped pairs.</p>"
    more = f"<p class='note'>{len(comp.flips) - limit} more in results.json.</p>" if len(comp.flips) > limit else ""
    return ("<table><thead><tr><th>ahead intrinsically</th><th>ahead extrinsically</th><th>intrinsic task</th>"
            f"<th>extrinsic task</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{more}")


def _corr_table(comp: Comparison) -> str:
    names, mat = comp.correlation["tasks"], comp.correlation["matrix"]
    head = "".join(f"<th>{esc(n)}</th>" for n in names)
    rows = "".join(f"<tr><td>{esc(n)}</td>" + "".join(
        f"<td>{esc(fmt(mat[i][j], 2))}</td>" for j in range(len(names))) + "</tr>" for i, n in enumerate(names))
    return f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>"


def render_html(comp: Comparison, *, figures: Mapping[str, list[Path]], provenance_text: str,
                title: str = "wordeval comparison") -> str:
    figs = []
    captions = {"rank_scatter": "Mean intrinsic rank vs mean extrinsic rank (points off the diagonal disagree).",
                "correlation_heatmap": "Benchmark × task correlation across representations.",
                "task_bars": "Scores per task with 95% bootstrap confidence intervals."}
    for name, paths in figures.items():
        svg = next((p for p in paths if p.suffix == ".svg"), None) or paths[0]
        figs.append(f"<figure><img alt='{esc(name)}' src='{_data_uri(svg)}'>"
                    f"<figcaption>{esc(captions.get(name, name))}</figcaption></figure>")
    skipped = "".join(f"<li>{esc(s['task'])} on {esc(s['embedding'])}: {esc(s['reason'])}</li>" for s in comp.skipped)
    notes = "".join(f"<li>{esc(n)}</li>" for n in comp.notes)
    summary = "".join(f"<li>{esc(s)}</li>" for s in comp.summary)
    p = comp.parameters
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{esc(title)}</h1>
<h2>Summary</h2><ul>{summary}</ul>
<h2>Results</h2>
<p class="note">Main score per task with 95% bootstrap CI. Bold: best in column; <span class="sig">*</span>: ahead
of the runner-up with p &lt; {esc(p.get('alpha'))} (paired bootstrap over items, {esc(p.get('n_boot'))} resamples,
seed {esc(p.get('seed'))}).</p>
{_results_table(comp)}
<h2>Kendall τ between intrinsic and extrinsic rankings</h2>
<p class="note">τ-b over representations; 95% CI from resampling each task's items (same indices for every
representation), computed on the items all representations cover.</p>
{_tau_table(comp)}
<h2>Flipped pairs</h2>
<p class="note">A ahead of B on an intrinsic task but behind on an extrinsic one; p-values from paired bootstrap
tests on the per-item scores, sorted by the larger of the two.</p>
{_flips_table(comp)}
<h2>Benchmark × task correlation ({esc(comp.correlation.get('method'))})</h2>
{_corr_table(comp)}
<h2>Figures</h2>
{''.join(figs)}
{f'<h2>Skipped</h2><ul>{skipped}</ul>' if skipped else ''}
{f'<h2>Notes</h2><ul>{notes}</ul>' if notes else ''}
<h2>Provenance</h2><pre>{esc(provenance_text)}</pre>
</body></html>
"""


