"""Figures of a Comparison, each drawn once and saved as PNG and SVG.

No global matplotlib state is touched: figures are ``matplotlib.figure.Figure`` objects on their own Agg
canvas (pyplot and its backend switch are never used), and every style setting lives in one
``matplotlib.rc_context`` that is restored on exit. Text is never parsed as mathtext (``text.parse_math``
off, ``usetex`` off), so a label such as ``$x^$`` is drawn as written instead of failing the figure, and line
breaks in labels become spaces.
"""
from __future__ import annotations

import io
import math
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Sequence

import numpy as np

from wordeval.report.compare import Comparison
from wordeval.report.fmt import correlation_credit, correlation_name
from wordeval.report.matplotlib_dirs import import_matplotlib
from wordeval.report.scatter_labels import EDGE_PT, place_labels
from wordeval.report.styles import representation_styles, text_colour
from wordeval.visible_text import visible

RC = {"svg.fonttype": "path", "svg.hashsalt": "wordeval", "figure.dpi": 100, "font.size": 9,
      "text.parse_math": False, "text.usetex": False}


@contextmanager
def _style():
    matplotlib = import_matplotlib()
    with matplotlib.rc_context(RC):
        yield


def _figure(**kwargs):
    import_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(**kwargs)
    FigureCanvasAgg(fig)
    return fig


def label(text: str) -> str:
    return visible(re.sub(r"[\r\n]+", " ", str(text)))


CHAR_IN = 0.055  # width of one 7-point character, in inches (labels are sized by their length: a layout
                 # engine would double the drawing time, and bbox_inches="tight" draws each file twice)


def _margin(labels, size: float, *, pad: float = 0.45, slant: float = 1.0, cap: float = 0.45) -> float:
    longest = max((len(x) for x in labels), default=0)
    return min(cap, (longest * CHAR_IN * slant + pad) / size)


def _save(fig, out: Path, stem: str) -> list[Path]:
    paths = []
    for ext in ("png", "svg"):
        path = out / f"{stem}.{ext}"
        tmp = path.with_suffix(f".{ext}.tmp")
        # into memory, then bytes: matplotlib writes an SVG named by path in text mode (CRLF on Windows)
        buf = io.BytesIO()
        fig.savefig(buf, format=ext, metadata={"Date": None} if ext == "svg" else None)
        tmp.write_bytes(buf.getvalue())
        tmp.replace(path)
        paths.append(path)
    return paths


# the rank scatter's markers (s=40: about 6.3 pt across): half a marker's extent, and the step between the
# markers of representations at one point
MARKER_PT, MARKER_STEP_PT = 4.0, 7.0


def _text_size(text: str, fontsize: float) -> tuple[float, float, float]:
    """Width, height and descent (below the baseline) of ``text`` drawn at ``fontsize`` in the current font, in
    points, without drawing it."""
    import_matplotlib()
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font, measure = FontProperties(size=fontsize), TextToPath().get_text_width_height_descent
    width, height, descent = measure(text, font, ismath=False)
    # matplotlib lays every line out as tall as "lp" (its extent keeps that descent below "MMM" too)
    _, line_height, line_descent = measure("lp", font, ismath=False)
    descent = max(descent, line_descent)
    return float(width), float(max(height - descent, line_height - line_descent) + descent), float(descent)


def has_rank_scatter(comp: Comparison) -> bool:
    """Whether the scatter has anything to show: two or more representations ranked on intrinsic and on
    extrinsic tasks (without extrinsic tasks it would be the diagonal alone)."""
    xi, xe = comp.mean_ranks("intrinsic"), comp.mean_ranks("extrinsic")
    return sum(1 for r in comp.representations if math.isfinite(xi[r]) and math.isfinite(xe[r])) >= 2


def figure_captions(comp: Comparison) -> dict[str, str]:
    """The figures' captions, one text for report.md and report.html."""
    from wordeval.report.legend import shown_ci
    from wordeval.report.tables import ci_words

    # the resamples and the n behind each bar: the caption gave neither, and the bars of a task of 8 word
    # pairs and one of 7,000 questions looked alike. Where no cell has an interval, none is named: the bars
    # are bare, as the Results legend (which names none there) says
    ci = (f", with its {ci_words(comp.parameters)}" if shown_ci(comp)
          else ", without an interval (no cell of the Results table has one)")
    return {"rank_scatter": rank_scatter_caption(comp),
            "correlation_heatmap": heatmap_caption(comp),
            "task_bars": f"Each representation's score per task on its own covered items (n: the Results "
                         f"table's coverage column){ci}." + _bars_flag_text(comp)}


def _bars_flag_text(comp: Comparison) -> str:
    """What § on a task_bars label means: the figure showed an analogy searched over candidate sets of
    different sizes (GloVe's 400,000 words, spaCy's 20,000) as bare bars, 0.363 beside 0.073, where every
    table flags it §; pasted alone, it read as one representation far ahead on like terms."""
    flagged = [t["name"] for t in comp.tasks if _mixes_candidate_sets(comp, t["name"])]
    if not flagged:
        return ""
    return (" " + ", ".join(f"{t} §" for t in flagged) + ": the representations searched candidate sets of "
            "different sizes, so each bar scores the representation with its own candidate set (not tested "
            "apart; rerun with a common candidate set to compare them).")


def heatmap_caption(comp: Comparison) -> str:
    """Says the n of the entries: the colours do not show that some are over fewer representations (the
    demo's analogy rows, without MiniLM, over 5 of 6)."""
    c = comp.correlation
    n, mat = np.asarray(c.get("n", []), dtype=float), np.asarray(c.get("matrix", []), dtype=float)
    # the entries drawn: one over too few representations is blank (NaN), its n not the figure's
    counts = sorted({int(k) for k in n[np.isfinite(mat)]}) if n.shape == mat.shape and n.size else []
    # named, as report.md's heading is: the caption of a Kendall matrix read as that of any other
    text = f"Benchmark × task correlation across representations ({correlation_name(c.get('method'))})"
    if len(counts) > 1:
        text = (f"{text}, over {counts[0]} to {counts[-1]} representations per entry (each entry's n in the "
                f"correlation table).")
    else:
        text = f"{text}, over {counts[0]} representations." if counts else f"{text}."
    n_in = list(c.get("kinds", [])).count("intrinsic")
    if 0 < n_in < len(c.get("tasks", [])):
        n_ex = len(c["tasks"]) - n_in
        benchmarks, tasks = f"benchmark{'s' * (n_in > 1)}", f"task{'s' * (n_ex > 1)}"
        text += (f" The black lines part the {n_in} intrinsic {benchmarks}, in the first rows and columns, "
                 f"from the {n_ex} extrinsic {tasks}: the blocks off the diagonal set a benchmark against a "
                 f"downstream task.")
    # the figure's labels carry § as the table's do, and only the table's caption said what it meant
    flagged = [t for t in c.get("tasks", []) if t in (c.get("flagged") or ())]
    if flagged:
        text += (" " + ", ".join(f"{t} §" for t in flagged) + ": the representations searched candidate sets of "
                 "different sizes, so its entries mix the representation with its candidate set.")
    from wordeval.report.tables import correlation_untested_caption, few_items_caption

    return text + correlation_untested_caption(comp) + few_items_caption(comp)


def rank_scatter_caption(comp: Comparison) -> str:
    """Says over how many tasks each point's means run where that differs between representations: a
    representation skipped on a task (MiniLM on analogy) or left out of its mean there has a mean over fewer
    tasks than the others, and neither the figure nor the report said so."""
    text = "Mean intrinsic rank vs mean extrinsic rank (points off the diagonal disagree)."
    xi, xe = comp.mean_ranks("intrinsic"), comp.mean_ranks("extrinsic")
    shown = [r for r in comp.representations if math.isfinite(xi[r]) and math.isfinite(xe[r])]
    parts = []
    for kind in ("intrinsic", "extrinsic"):
        n = comp.rank_counts(kind)
        counts = {r: n[r] for r in shown}
        if len(set(counts.values())) > 1:
            parts.append(f"{kind}: " + ", ".join(f"{r} {n}" for r, n in counts.items()))
    if parts:
        text += (f" Tasks each mean is over ({'; '.join(parts)}): the others were skipped or left out (see "
                 f"Skipped and Notes).")
    # a point needs both means: a representation scored on one kind only was missing from the figure without
    # a word (a user's own files run intrinsic-only beside a built-in one run on both kinds)
    means, missing = {"intrinsic": xi, "extrinsic": xe}, {}
    for r in comp.representations:
        if r not in shown:
            lacking = " or ".join(k for k, x in means.items() if not math.isfinite(x[r]))
            missing.setdefault(f"no {lacking} rank", []).append(r)
    if missing:
        text += " Not drawn: " + "; ".join(f"{', '.join(rs)} ({why})" for why, rs in missing.items()) + "."
    return text


def rank_scatter(comp: Comparison, out: Path) -> list[Path]:
    """Mean intrinsic rank vs mean extrinsic rank per representation; off the diagonal = disagreement."""
    import_matplotlib()
    from matplotlib import transforms

    xi, xe = comp.mean_ranks("intrinsic"), comp.mean_ranks("extrinsic")
    with _style():
        fig = _figure(figsize=(5, 4.5))
        fig.subplots_adjust(left=0.13, right=0.95, bottom=0.12, top=0.92)
        ax = fig.add_subplot()
        # representations at the same mean ranks (ties share a rank, so often) are one point with one label:
        # drawn apart, the last marker hid the others and their labels crowded round the wrong points
        at: dict[tuple[float, float], list[str]] = {}
        for r in comp.representations:
            if math.isfinite(xi[r]) and math.isfinite(xe[r]):
                at.setdefault((xi[r], xe[r]), []).append(r)
        # up to the worst mean rank drawn: 16 representations, '=' sharing ranks, sat within ranks 1-3 of 16
        n = max(2, math.ceil(max((max(p) for p in at), default=2)))
        ax.plot([1, n], [1, n], color="0.7", lw=1, ls="--", zorder=0)
        ax.set_ylim(n + 0.5, 0.5)
        points = list(at)
        half_widths = [MARKER_PT + MARKER_STEP_PT * (len(names) - 1) / 2 for names in at.values()]
        ax.set_xlim(*_fitting_xlim(ax, n, [x for x, _ in points], half_widths))
        styles = representation_styles(comp.representations)
        texts = [", ".join(label(r) for r in names) for names in at.values()]
        places = place_labels(ax, points, texts, fontsize=8, marker_pt=MARKER_PT, half_widths=half_widths)
        keys = []
        for (x, y), names, text, place in zip(points, at.values(), texts, places or [None] * len(points)):
            # a shared point's markers side by side, each in its representation's style: drawn in the first
            # one's only, the others' colours (those of task_bars) were nowhere in the figure
            for k, r in enumerate(names):
                shift = transforms.ScaledTranslation(MARKER_STEP_PT * (k - (len(names) - 1) / 2) / 72, 0,
                                                     fig.dpi_scale_trans)
                ax.scatter(x, y, s=40, color=[styles[r].colour], marker=styles[r].marker, label=label(r),
                           transform=ax.transData + shift)
                keys.append(label(r))
            if place is not None:
                # the label in its marker's colour (one moved aside for another label can sit nearer a
                # neighbour); a shared point's label, which names several, in dark grey
                colour = text_colour(styles[names[0]].colour) if len(names) == 1 else "0.15"
                ax.annotate(text, (x, y), textcoords="offset points", xytext=(place.dx, place.dy),
                            ha=place.ha, fontsize=8, color=colour)
                if place.leader is not None:
                    _leader_line(fig, ax, (x, y), place.leader, colour)
        if places is None:
            _legend_below(fig, ax, keys)
        ax.set_xlabel("mean rank over intrinsic tasks (1 = best, '=' shares a rank)")
        ax.set_ylabel("mean rank over extrinsic tasks (1 = best, '=' shares a rank)")
        ax.set_title("Intrinsic vs extrinsic rank")
        return _save(fig, out, "rank_scatter")


def _leader_line(fig, ax, point, leader, colour) -> None:
    """A thin line from a point's markers to its label moved far from it, in points from the point: it stays
    on the point whatever the file's dpi (the SVG is laid out at 72)."""
    from matplotlib import transforms
    from matplotlib.lines import Line2D

    trans = (transforms.Affine2D().scale(1 / 72) + fig.dpi_scale_trans
             + transforms.ScaledTranslation(*point, ax.transData))
    x0, y0, x1, y1 = leader
    ax.add_artist(Line2D([x0, x1], [y0, y1], transform=trans, color=colour, lw=0.6, zorder=1.5))


def _fitting_xlim(ax, n: int, xs: Sequence[float], half_widths: Sequence[float]) -> tuple[float, float]:
    """The x limits (rank n + 0.5 left, 0.5 right, as the axis runs) widened until each point's row of
    markers, ``half_widths`` points either side of it, lies inside the frame: six representations sharing
    mean rank 1 drew their row 20 pt to the right of the point, 0.5 ranks from the frame, and the last marker
    was cut in half by the axes' edge (markers are clipped there)."""
    width_pt = ax.get_position().width * float(ax.figure.get_size_inches()[0]) * 72.0
    lo, hi = 0.5, n + 0.5
    for _ in range(20):  # each pass widens the span, which shrinks the points' width in ranks: a fixed point
        per_rank = width_pt / (hi - lo)
        need_lo = min((x - (w + EDGE_PT) / per_rank for x, w in zip(xs, half_widths)), default=lo)
        need_hi = max((x + (w + EDGE_PT) / per_rank for x, w in zip(xs, half_widths)), default=hi)
        if need_lo >= lo - 1e-9 and need_hi <= hi + 1e-9:
            break
        lo, hi = min(lo, need_lo), max(hi, need_hi)
    return hi, lo  # inverted: rank 1, the best, on the right


def _legend_below(fig, ax, texts, *, fontsize: float = 7) -> None:
    """The points' key below the axes, the figure made taller by its height (the axes keep their size): for
    when labels beside the points cannot all be placed free (16 representations printed their names over
    each other, the title and the figure's edge)."""
    width_in, height_in = (float(v) for v in fig.get_size_inches())
    pos = ax.get_position()
    texts, ncol, entries_pt = legend_layout(texts, width_in * 72.0 - 2 * EDGE_PT, fontsize=fontsize)
    legend_in = (entries_pt + 2 * 0.4 * fontsize) / 72.0 + 0.1
    total = height_in + legend_in
    fig.set_size_inches(width_in, total)
    fig.subplots_adjust(bottom=(pos.y0 * height_in + legend_in) / total, top=1 - (1 - pos.y1) * height_in / total)
    ax.legend(row_major(ax.get_legend_handles_labels()[0], ncol), row_major(texts, ncol), loc="upper left",
              bbox_to_anchor=(EDGE_PT / (width_in * 72.0), legend_in / total), bbox_transform=fig.transFigure,
              ncol=ncol, fontsize=fontsize, frameon=False, borderaxespad=0.0)


def correlation_heatmap(comp: Comparison, out: Path) -> list[Path]:
    from wordeval.report.tables import matrix_label

    # the § of an analogy over candidate sets of different sizes and the ° of a task of too few items, as
    # in the table: the figure travels alone
    names = [label(matrix_label(comp, n)) for n in comp.correlation["tasks"]]
    mat = np.asarray(comp.correlation["matrix"], dtype=float)
    size = max(4.0, 0.45 * len(names) + 2)
    with _style():
        fig = _figure(figsize=(size + 1, size))
        # the colorbar and its label sit right of the axes, inside ``right``: 0.98 cut the label off the file,
        # and 0.35 in leaves room for one line of it, not the two of the label below
        n_in = comp.correlation["kinds"].count("intrinsic")
        blocks = 0 < n_in < len(names)
        # the blocks' names above the axes push the title up by their line (0.15 in): it ran off the file
        fig.subplots_adjust(left=_margin(names, size + 1), bottom=_margin(names, size, slant=0.87),
                            right=1 - 0.5 / (size + 1), top=0.94 - (0.15 / size if blocks else 0.0))
        ax = fig.add_subplot()
        im = ax.imshow(np.ma.masked_invalid(mat), cmap="RdBu_r", vmin=-1, vmax=1)
        ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=7)
        ax.set_yticks(range(len(names)), names, fontsize=7)
        size_pt = _cell_fontsize(ax, len(names), [f"{v:.2f}" for v in mat[np.isfinite(mat)]])
        for i in range(len(names) if size_pt else 0):
            for j in range(len(names)):
                if np.isfinite(mat[i, j]):
                    ax.text(j, i, f"{mat[i, j]:.2f}", ha="center", va="center", fontsize=size_pt,
                            color="white" if abs(mat[i, j]) > 0.6 else "black")
        if blocks:
            ax.axhline(n_in - 0.5, color="k", lw=1)
            ax.axvline(n_in - 0.5, color="k", lw=1)
            # the blocks named over their columns: pasted alone, the figure's lines said nothing of what
            # they part
            for lo, hi, kind in ((0, n_in, "intrinsic"), (n_in, len(names), "extrinsic")):
                ax.annotate(kind, ((lo + hi - 1) / 2, -0.5), textcoords="offset points", xytext=(0, 2),
                            ha="center", va="bottom", fontsize=7, annotation_clip=False)
        # two lines: on one (43 characters, 4 in) it ran off the figure's top wherever long task names made
        # the axes, and so the colorbar, short (three tasks such as similarity/simlex999 on the 4-inch figure)
        fig.colorbar(im, ax=ax, shrink=0.7,
                     label=f"{correlation_name(comp.correlation['method'])}\nacross representations")
        ax.set_title(f"Benchmark × task correlation{correlation_credit(comp.correlation['method'])}",
                     pad=16 if blocks else 6)
        return _save(fig, out, "correlation_heatmap")


CELL_PT = (9.0, 7.0)  # the heatmap's numbers: the figure's own text size at most, its tick labels' at least


def _cell_fontsize(ax, n: int, texts: Sequence[str]) -> float | None:
    """The largest size from ``CELL_PT`` at which every text fits inside its cell, with a margin, or None:
    the numbers were drawn at 6 pt whatever the cells' size, 2 mm high on the printed 4-inch figure with
    cells of 0.6 inch, and where 7 pt does not fit, the correlation table has them."""
    if not texts:
        return None
    ax.apply_aspect()  # the square cells shrink the axes to fit: their size is known only after
    fig_w, fig_h = (float(v) * 72.0 for v in ax.figure.get_size_inches())
    pos = ax.get_position()
    cell = min(pos.width * fig_w, pos.height * fig_h) / max(1, n)
    size = CELL_PT[0]
    while size >= CELL_PT[1]:
        sizes = [_text_size(t, size) for t in set(texts)]
        if max(w for w, _, _ in sizes) <= 0.8 * cell and max(h for _, h, _ in sizes) <= 0.6 * cell:
            return size
        size -= 0.5
    return None


def _mixes_candidate_sets(comp: Comparison, task: str) -> bool:
    """Whether the Results table flags the task's cells § (candidate sets of different sizes)."""
    return any("candidates" in c["flags"] for (_, t), c in comp.cells.items() if t == task)


def _no_ci(comp: Comparison, task: str) -> str:
    """' [8 word pairs: no CI]' for a task whose bars carry no interval (too few items, the tables' °): drawn
    bare, 0.44 and 0.49 looked as settled as the neighbours' bars with their intervals. Where other bars of the
    task have one, the bare ones are named (' [no CI: mine 6 word pairs]'): 'mc30 [6 items: no CI]' read as a
    task of 6 items beside the interval of a representation that covered all 30. The task's unit, not 'items',
    as its coverage column names it."""
    cells = {rep: c for (rep, t), c in comp.cells.items() if t == task}
    few = {rep: c["n_used"] for rep, c in cells.items() if "few_items" in c["flags"]}
    if not few:
        return ""
    unit = _unit(comp, task)
    if not any(c.get("ci") and c["ci"][0] is not None for rep, c in cells.items() if rep not in few):
        return f" [{min(few.values())} {unit}: no CI]"
    return " [no CI: " + ", ".join(f"{rep} {n} {unit}" for rep, n in few.items()) + "]"


def _unit(comp: Comparison, task: str) -> str:
    return next((t.get("unit") or "items" for t in comp.tasks if t["name"] == task), "items")


def no_task_bars_reason(comp: Comparison) -> str | None:
    """Why the task_bars figure is not drawn, or None: with every score n/a it was an empty frame of task
    names."""
    if any(isinstance(c.get("value"), (int, float)) and math.isfinite(c["value"])
           for c in comp.cells.values()):
        return None
    return "No figure of the scores per task (task_bars): every score is n/a, so there is no bar to draw."


def no_bar_text(comp: Comparison, rep: str, task: str) -> str | None:
    """What stands in a (representation, task) cell's place when it has no bar, or None when it has one: a task
    whose every score was n/a was left out of the figure without a word (its row fell outside the axes)."""
    cell = comp.cells.get((rep, task))
    if cell is None:
        skipped = any(str(s.get("task")) == task and str(s.get("embedding")) in (rep, "(all)") for s in comp.skipped)
        return "skipped (see Skipped)" if skipped else "n/a (no record)"
    if isinstance(cell.get("value"), (int, float)) and math.isfinite(cell["value"]):
        return None
    if not cell.get("n_used"):
        return "n/a (no item covered)"
    return f"n/a (score undefined on its {cell['n_used']:,} {_unit(comp, task)})"


def legend_columns(texts, width_pt: float, *, fontsize: float, most: int = 3) -> int:
    """The most columns, up to ``most``, in which a legend of ``texts`` fits ``width_pt`` points: three columns
    whatever the labels' length ran a 52-character label's column, and the one right of it, off the figure.
    Entries are laid out row by row (``row_major``), each column as wide as its widest entry: the handle, its
    pad and the text."""
    handle = (2.0 + 0.8) * fontsize  # matplotlib's handlelength and handletextpad, in font sizes
    widths = [_text_size(t, fontsize)[0] + handle for t in texts]
    for ncol in range(min(most, len(widths)), 1, -1):
        columns = [max(widths[c::ncol]) for c in range(ncol)]
        # columnspacing between columns, borderpad on both sides
        if sum(columns) + 2.0 * fontsize * (ncol - 1) + 2 * 0.4 * fontsize <= width_pt:
            return ncol
    return 1


def row_major(items, ncol: int) -> list:
    """``items`` reordered so that matplotlib, which fills a legend column by column (``np.array_split``: the
    first ``n % ncol`` columns one entry longer), shows them row by row: read across, as a reader reads, a
    three-column legend went 1, 3, 5 / 2, 4, 6 beside bars drawn 1 to 6."""
    items = list(items)
    return [items[i] for c in range(ncol) for i in range(c, len(items), ncol)]


def legend_layout(texts, width_pt: float, *, fontsize: float) -> tuple[list[str], int, float]:
    """The legend's texts, its columns and the height of its entries in points. Where even one column is too
    narrow for a label, the label is wrapped onto several lines: a 100-character label ran off the figure's
    edge, cut off in the file."""
    ncol = legend_columns(texts, width_pt, fontsize=fontsize)
    line = _text_size("lp", fontsize)[1]
    rows = math.ceil(max(1, len(texts)) / ncol)
    if ncol > 1:  # every label fits its column
        return list(texts), ncol, rows * (line + 0.5 * fontsize)  # a line and labelspacing (0.5 font sizes)
    # less the handle, its pad and the border; and 5 %: Agg's hinted glyphs drew 130 x's 2 % wider than measured
    room = 0.95 * (width_pt - (2.0 + 0.8 + 2 * 0.4) * fontsize)
    wrapped = [_wrap(t, room, fontsize) for t in texts]
    extra = sum(t.count("\n") for t in wrapped)  # matplotlib spaces a text's lines 1.2 font sizes apart
    return wrapped, 1, rows * (line + 0.5 * fontsize) + extra * 1.2 * fontsize


def _wrap(text: str, width_pt: float, fontsize: float) -> str:
    """``text`` broken at spaces into lines no wider than ``width_pt``, a word wider than that within it."""
    fits = lambda t: _text_size(t, fontsize)[0] <= width_pt  # noqa: E731
    if fits(text):
        return text
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and fits(candidate):
            lines[-1] = candidate
            continue
        while not fits(word):
            cut = max(1, max((k for k in range(1, len(word)) if fits(word[:k])), default=1))
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return "\n".join(lines)


TITLE_IN = 0.3  # the task_bars title's band at the figure's top, in inches


def task_bars(comp: Comparison, out: Path) -> list[Path]:
    """Every task's scores in one panel: a group of bars per task (one colour per representation), each score
    on the representation's own items with its CI at the comparison's level."""
    from wordeval.report.tables import level_text

    tasks = comp.tasks
    reps = comp.representations
    k = max(1, len(reps))
    with _style():
        height_in = max(2.5, 0.11 * k * len(tasks) + 0.25 * len(tasks) + 1.2)
        ylabels = [label(f"{t['name']}{' §' if _mixes_candidate_sets(comp, t['name']) else ''} "
                         f"({t['main_score']}){_no_ci(comp, t['name'])}") for t in tasks]
        left = _margin(ylabels, 7.5)
        in_legend = [label(r) for r in reps if any(no_bar_text(comp, r, t["name"]) is None for t in tasks)]
        # the legend spans the figure's width, not the axes': long labels got one column where two fit
        shown, ncol, entries_pt = legend_layout(in_legend or [""], 7.5 * 72.0 - 2 * EDGE_PT, fontsize=7)
        legend_in = (entries_pt + 2 * (0.4 + 0.5) * 7) / 72.0 + 0.1
        total_in = height_in + legend_in + TITLE_IN
        fig = _figure(figsize=(7.5, total_in))
        fig.subplots_adjust(left=left, right=0.97, bottom=0.7 / total_in,
                            top=1 - (legend_in + 0.1 + TITLE_IN) / total_in)
        # above the legend: the file alone (figures/task_bars.png) said nowhere what its bars are
        fig.suptitle("Score per task and representation", y=1 - 0.08 / total_in, va="top", fontsize=9)
        ax = fig.add_subplot()
        height = 0.8 / k
        styles = representation_styles(reps)
        missing: list[tuple[str, float, str]] = []
        for j, rep in enumerate(reps):
            ys, vals, errs = [], [], []
            for i, t in enumerate(tasks):
                cell = comp.cells.get((rep, t["name"]))
                if (text := no_bar_text(comp, rep, t["name"])) is not None:
                    # named: a representation without any bar has no entry in the legend
                    missing.append((f"{label(rep)}: {text}", i + (j - (k - 1) / 2) * height,
                                    text_colour(styles[rep].colour)))
                    continue
                ci = cell["ci"] or [None, None]
                lo = cell["value"] - ci[0] if ci[0] is not None else 0.0
                hi = ci[1] - cell["value"] if ci[1] is not None else 0.0
                ys.append(i + (j - (k - 1) / 2) * height)
                vals.append(cell["value"])
                errs.append((max(lo, 0.0), max(hi, 0.0)))
            if ys:
                # a hatch is drawn in the edge colour: white stripes over the fill, the outline itself not drawn
                hatch = styles[rep].hatch
                hatched = {"hatch": hatch, "edgecolor": "white", "linewidth": 0} if hatch else {}
                # grey whiskers on a black bar: black ones vanished inside it
                whisker = "0.6" if max(styles[rep].colour[:3]) < 0.2 else "black"
                # the whiskers as lists: from an array, matplotlib (cbook._safe_first_finite) took a row of
                # one bar for a scalar, a DeprecationWarning with numpy < 2.4 and a TypeError it hides after
                xerr = [[lo for lo, _ in errs], [hi for _, hi in errs]]
                ax.barh(ys, vals, height=height * 0.9, xerr=xerr, capsize=1.5, color=styles[rep].colour,
                        label=label(rep), error_kw={"elinewidth": 0.6, "ecolor": whisker}, **hatched)
        ax.set_yticks(range(len(tasks)), ylabels, fontsize=7)
        ax.axvline(0, color="0.5", lw=0.6)
        ax.set_xlabel(f"score on each representation's own items ({level_text(comp.parameters)} CI)")
        # every task's row, with bars or not (limits fitted to the bars cut off a task without any); top first
        ax.set_ylim(len(tasks) - 0.5, -0.5)
        lo, hi = ax.get_xlim()
        right = hi >= -lo  # written from the zero line towards the wider side: it ran off the figure otherwise
        for text, y, colour in missing:
            ax.annotate(text, (0, y), textcoords="offset points", xytext=(3 if right else -3, 0), va="center",
                        ha="left" if right else "right", fontsize=6, color=colour)
        if ax.get_legend_handles_labels()[0]:  # with no score drawn, matplotlib's "No artists with labels"
            # reached the user as a 'wordeval: warning'
            ax.legend(row_major(ax.get_legend_handles_labels()[0], ncol), row_major(shown, ncol), fontsize=7,
                      loc="lower left",
                      bbox_to_anchor=(EDGE_PT / (7.5 * 72.0), ax.get_position().y1), bbox_transform=fig.transFigure,
                      ncol=ncol, frameon=False, borderaxespad=0.0)
        return _save(fig, out, "task_bars")


def all_figures(comp: Comparison, out: Path, *, progress: bool = False,
                notes: list[str] | None = None) -> dict[str, list[Path]]:
    """Each figure drawn once, written as PNG and SVG (the HTML embeds the SVG, Markdown links the PNG).
    ``notes`` gets a note naming the label characters the font has no glyph for (``missing_glyphs``)."""
    from wordeval.report.missing_glyphs import gathered_missing_glyphs
    with gathered_missing_glyphs(notes if notes is not None else []):
        return _draw_all(comp, out, progress=progress)


def _draw_all(comp: Comparison, out: Path, *, progress: bool) -> dict[str, list[Path]]:
    out.mkdir(parents=True, exist_ok=True)
    makers = {"rank_scatter": rank_scatter} if has_rank_scatter(comp) else {}
    if no_task_bars_reason(comp) is None:
        makers["task_bars"] = task_bars
    if comp.correlation["tasks"] and not comp.correlation.get("refused"):
        makers["correlation_heatmap"] = correlation_heatmap
    items = makers.items()
    from wordeval.progress import progress_bar
    items = progress_bar(list(items), shown=progress, desc="figures", unit="figure", leave=False)
    return {name: make(comp, out) for name, make in items}
