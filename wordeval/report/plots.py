"""Figures of a Comparison, each saved as PNG and SVG. matplotlib (Agg) is imported inside the functions."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from wordeval.report.compare import Comparison


def _plt():
    import matplotlib
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    plt.rcParams.update({"svg.fonttype": "path", "figure.dpi": 100, "font.size": 9,
                         "svg.hashsalt": "wordeval"})  # fixed ids: the same report gives the same SVG
    return plt


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
    plt = _plt()
    xi, xe = comp.mean_ranks("intrinsic"), comp.mean_ranks("extrinsic")
    fig, ax = plt.subplots(figsize=(5, 4.5))
    n = max(2, len(comp.representations))
    ax.plot([1, n], [1, n], color="0.7", lw=1, ls="--", zorder=0)
    for rep in comp.representations:
        if math.isfinite(xi[rep]) and math.isfinite(xe[rep]):
            ax.scatter(xi[rep], xe[rep], s=40)
            ax.annotate(rep, (xi[rep], xe[rep]), textcoords="offset points", xytext=(5, 4), fontsize=8)
    ax.set_ylim(n + 0.5, 0.5)
    ax.set_xlim(n + 0.5, 0.5)
    ax.set_xlabel("mean rank over intrinsic tasks (1 = best)")
    ax.set_ylabel("mean rank over extrinsic tasks (1 = best)")
    ax.set_title("Intrinsic vs extrinsic rank")
    paths = _save(fig, out, "rank_scatter")
    plt.close(fig)
    return paths


def correlation_heatmap(comp: Comparison, out: Path) -> list[Path]:
    plt = _plt()
    names = comp.correlation["tasks"]
    mat = np.asarray(comp.correlation["matrix"], dtype=float)
    size = max(4.0, 0.45 * len(names) + 2)
    fig, ax = plt.subplots(figsize=(size + 1, size))
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
    paths = _save(fig, out, "correlation_heatmap")
    plt.close(fig)
    return paths


def task_bars(comp: Comparison, out: Path) -> list[Path]:
    """One panel per task: each representation's score with its 95% CI."""
    plt = _plt()
    tasks = comp.tasks
    ncol = min(4, max(1, len(tasks)))
    nrow = math.ceil(len(tasks) / ncol) or 1
    fig, axes = plt.subplots(nrow, ncol, figsize=(3.2 * ncol, 0.35 * len(comp.representations) * nrow + 1.5 * nrow),
                             squeeze=False)
    for ax, t in zip(axes.flat, tasks):
        reps = [r for r in comp.representations if (r, t["name"]) in comp.cells]
        vals = np.array([comp.cells[(r, t["name"])]["value"] or np.nan for r in reps], dtype=float)
        cis = [comp.cells[(r, t["name"])]["ci"] or [np.nan, np.nan] for r in reps]
        lo = np.array([v - (c[0] if c[0] is not None else np.nan) for v, c in zip(vals, cis)])
        hi = np.array([(c[1] if c[1] is not None else np.nan) - v for v, c in zip(vals, cis)])
        err = np.nan_to_num(np.vstack([lo, hi]), nan=0.0)
        y = np.arange(len(reps))
        ax.barh(y, np.nan_to_num(vals), xerr=err, color=["C3" if t["kind"] == "extrinsic" else "C0"] * len(reps),
                capsize=2, alpha=0.85)
        ax.set_yticks(y, reps, fontsize=7)
        ax.invert_yaxis()
        ax.set_title(f"{t['name']} ({t['main_score']})", fontsize=8)
    for ax in list(axes.flat)[len(tasks):]:
        ax.axis("off")
    fig.subplots_adjust(wspace=0.9, hspace=0.6)
    paths = _save(fig, out, "task_bars")
    plt.close(fig)
    return paths


def all_figures(comp: Comparison, out: Path) -> dict[str, list[Path]]:
    out.mkdir(parents=True, exist_ok=True)
    figs = {"rank_scatter": rank_scatter(comp, out), "task_bars": task_bars(comp, out)}
    if comp.correlation["tasks"]:
        figs["correlation_heatmap"] = correlation_heatmap(comp, out)
    return figs
