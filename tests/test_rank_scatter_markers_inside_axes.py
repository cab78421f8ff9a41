"""Representations at one point are drawn side by side, MARKER_STEP_PT apart: six sharing mean ranks (1, 1)
(every '=' chain shares the best rank) put the last marker 20 pt right of the point, beyond the axes' edge
0.5 ranks away, and it was cut in half there (markers are clipped to the axes). Oracle: each marker's drawn
centre (matplotlib's transforms) and radius (``s`` is its area in pt²: a circle's diameter is its root)."""
from __future__ import annotations

import numpy as np
import pytest

from tests._records import make_record
from wordeval.report import plots
from wordeval.report.compare import compare


def _comparison(names):
    rng = np.random.default_rng(0)
    gold = rng.normal(size=40)
    total = np.full(30, 10)
    recs = []
    for k, name in enumerate(names):
        pred = {"id": list(range(40)), "gold": gold, "pred": gold + rng.normal(scale=0.2 + 0.2 * k, size=40)}
        correct = {"id": list(range(30)), "correct": rng.binomial(total, 0.5), "total": total}
        recs += [make_record(name, "similarity/toy", pred), make_record(name, "pos/toy", correct)]
    return compare(recs, n_boot=20)


@pytest.mark.parametrize("shared, ranks", [(6, 12), (8, 12), (3, 2)])
def test_every_marker_of_a_shared_point_lies_inside_the_axes(monkeypatch, tmp_path, shared, ranks):
    names = [f"r{k:02d}" for k in range(max(shared + 1, 2))]
    comp = _comparison(names)
    # `shared` representations at (1, 1), the best corner; one more at the worst rank, `ranks`
    place = {r: ((1.0, 1.0) if k < shared else (float(ranks), float(ranks))) for k, r in enumerate(names)}
    comp.mean_ranks = lambda kind: {r: place[r][0 if kind == "intrinsic" else 1] for r in names}
    drawn = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: drawn.setdefault(stem, fig) and [])
    plots.rank_scatter(comp, tmp_path)
    fig = drawn["rank_scatter"]
    ax = fig.axes[0]
    frame = ax.get_window_extent(fig.canvas.get_renderer())
    assert len(ax.collections) == len(names)
    for c in ax.collections:
        x, y = c.get_offset_transform().transform(c.get_offsets())[0]
        r = np.sqrt(c.get_sizes()[0]) / 2 * fig.dpi / 72
        inside = frame.x0 <= x - r and x + r <= frame.x1 and frame.y0 <= y - r and y + r <= frame.y1
        assert inside, c.get_label()
    # the best rank still on the right, the worst drawn one on the left, every tick a rank
    lo, hi = ax.get_xlim()
    assert lo > ranks >= 1 > hi
