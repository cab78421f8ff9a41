"""Figures of a Comparison, each drawn once and saved as PNG and SVG.

No global matplotlib state is touched: figures are ``matplotlib.figure.Figure`` objects on their own Agg
canvas (pyplot and its backend switch are never used), and every style setting lives in one
``matplotlib.rc_context`` that is restored on exit. Text is never parsed as mathtext (``text.parse_math``
off, ``usetex`` off), so a label such as ``$x^$`` is drawn as written instead of failing the figure, and line
breaks in labels become spaces.
"""
from __future__ import annotations

import math
import re
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from wordeval.report.compare import Comparison

RC = {"svg.fonttype": "path", "svg.hashsalt": "wordeval", "figure.dpi": 100, "font.size": 9,
      "text.parse_math": False, "text.usetex": False}


@contextmanager
def _style():
    import matplotlib
    with matplotlib.rc_context(RC):
        yield


def _figure(**kwargs):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(**kwargs)
    FigureCanvasAgg(fig)
    return fig


def label(text: str) -> str:
    return re.sub(r"[\r\n]+", " ", str(text))


def _save(fig, out: Path, stem: str) -> list[Path]:
    paths = []
    for ext in ("png", "svg"):
        path = out / f"{stem}.{ext}"
        tmp = path.with_suffix(f".{ext}.tmp")
        fig.savefig(tmp, format=ext, bbox_inches="tight", metadata={"Date": None} if ext == "svg" else None)
        tmp.replace(path)
        paths.append(path)
    return paths


def rank_scatter(comp: Comparison, out: Path) -> list[Path]:
    """Mean intrinsic rank vs mean extrinsic rank per representation; off the diagonal = disagreement."""
    xi, xe = comp.mean_ranks("intrinsic"), comp.mean_ranks("extrinsic")
    with _style():
        fig = _figure(figsize=(5, 4.5))
        ax = fig.add_subplot()
        n = max(2, len(comp.representations))
        ax.plot([1, n], [1, n], color="0.7", lw=1, ls="--", zorder=0)
        for rep in comp.representations:
            if math.isfinite(xi[rep]) and math.isfinite(xe[rep]):
                ax.scatter(xi[rep], xe[rep], s=40)
                ax.annotate(label(rep), (xi[rep], xe[rep]), textcoords="offset points", xytext=(5, 4), fontsize=8)
        ax.set_ylim(n + 0.5, 0.5)
        ax.set_xlim(n + 0.5, 0.5)
        ax.set_xlabel("mean rank over intrinsic tasks (1 = best, ties share a rank)")
        ax.set_ylabel("mean rank over extrinsic tasks (1 = best)")
        ax.set_title("Intrinsic vs extrinsic rank")
        return _save(fig, out, "rank_scatter")


def correlation_heatmap(comp: Comparison, out: Path) -> list[Path]:
    names = [label(n) for n in comp.correlation["tasks"]]
    mat = np.asarray(comp.correlation["matrix"], dtype=float)
    size = max(4.0, 0.45 * len(names) + 2)
    with _style():
        fig = _figure(figsize=(size + 1, size))
        ax = fig.add_subplot()
        im = ax.imshow(np.ma.masked_invalid(mat), cmap="RdBu_r", vmin=-1, vmax=1)
        ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=7)
        ax.set_yticks(range(len(names)), names, fontsize=7)
        for i in range(len(names)):
            for j in range(len(names)):
                if np.isfinite(mat[i, j]):
                    ax.text(j, i, f"{mat[i, j]:.2f}", ha="center", va="center", fontsize=6,
                            color="white" if abs(mat[i, j]) > 0.6 else "black")
        n_in = comp.correlation["kinds"].count("intrinsic")
        if 0 < n_in < len(names):
            ax.axhline(n_in - 0.5, color="k", lw=1)
            ax.axvline(n_in - 0.5, color="k", lw=1)
        fig.colorbar(im, ax=ax, shrink=0.7, label=f"{comp.correlation['method']} correlation across representations")
        ax.set_title("Benchmark × task correlation (Chiu et al. 2016)")
        return _save(fig, out, "correlation_heatmap")


def task_bars(comp: Comparison, out: Path) -> list[Path]:
    """One panel per task: each representation's score on its own items with its 95% CI."""
    tasks = comp.tasks
    ncol = min(4, max(1, len(tasks)))
    nrow = math.ceil(len(tasks) / ncol) or 1
    with _style():
        fig = _figure(figsize=(3.2 * ncol, 0.35 * len(comp.representations) * nrow + 1.5 * nrow))
        axes = fig.subplots(nrow, ncol, squeeze=False)
        for ax, t in zip(axes.flat, tasks):
            reps = [r for r in comp.representations if (r, t["name"]) in comp.cells]
            vals = np.array([comp.cells[(r, t["name"])]["value"] if comp.cells[(r, t["name"])]["value"] is not None
                             else np.nan for r in reps], dtype=float)
            cis = [comp.cells[(r, t["name"])]["ci"] or [np.nan, np.nan] for r in reps]
            lo = np.array([v - (c[0] if c[0] is not None else np.nan) for v, c in zip(vals, cis)])
            hi = np.array([(c[1] if c[1] is not None else np.nan) - v for v, c in zip(vals, cis)])
            err = np.clip(np.nan_to_num(np.vstack([lo, hi]), nan=0.0), 0, None)
            y = np.arange(len(reps))
            ax.barh(y, np.nan_to_num(vals), xerr=err, color=["C3" if t["kind"] == "extrinsic" else "C0"] * len(reps),
                    capsize=2, alpha=0.85)
            ax.set_yticks(y, [label(r) for r in reps], fontsize=7)
            ax.invert_yaxis()
            ax.set_title(label(f"{t['name']} ({t['main_score']})"), fontsize=8)
        for ax in list(axes.flat)[len(tasks):]:
            ax.axis("off")
        fig.subplots_adjust(wspace=0.9, hspace=0.6)
        return _save(fig, out, "task_bars")


def all_figures(comp: Comparison, out: Path) -> dict[str, list[Path]]:
    out.mkdir(parents=True, exist_ok=True)
    figs = {"rank_scatter": rank_scatter(comp, out), "task_bars": task_bars(comp, out)}
    if comp.correlation["tasks"]:
        figs["correlation_heatmap"] = correlation_heatmap(comp, out)
    return figs
