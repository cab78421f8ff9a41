"""Representations at the same mean ranks share a point and its label, but the point was drawn as one marker
in the first one's colour: the others' colours (those of the task bars) were nowhere in the figure. Each is
now its own marker, side by side. Oracle: the markers' drawn centres (matplotlib's transforms) and their size
(``s`` is the marker's area in pt², so a circle's diameter is its square root)."""
from __future__ import annotations

import numpy as np
import pytest

from matplotlib.colors import to_rgb

from tests._records import make_record
from wordeval.report import plots
from wordeval.report.compare import compare
from wordeval.report.styles import representation_styles


def _comparison():
    rng = np.random.default_rng(4)
    gold = rng.normal(size=80)
    pred = {"A": gold + rng.normal(scale=0.5, size=80), "C": gold + rng.normal(scale=3.0, size=80)}
    pred["B"] = pred["D"] = pred["A"]
    total = np.full(60, 20)
    correct = {"A": rng.binomial(total, 0.9), "C": rng.binomial(total, 0.5)}
    correct["B"] = correct["D"] = correct["A"]
    recs = [make_record(n, "similarity/toy", {"id": list(range(80)), "gold": gold, "pred": pred[n]})
            for n in "ABCD"]
    recs += [make_record(n, "pos/toy", {"id": list(range(60)), "correct": correct[n], "total": total})
             for n in "ABCD"]
    return compare(recs, n_boot=50)


@pytest.fixture
def scatter(monkeypatch, tmp_path):
    comp = _comparison()
    xi, xe = comp.mean_ranks("intrinsic"), comp.mean_ranks("extrinsic")
    assert (xi["A"], xe["A"]) == (xi["B"], xe["B"]) == (xi["D"], xe["D"]) != (xi["C"], xe["C"])
    drawn = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: drawn.setdefault(stem, fig) and [])
    plots.rank_scatter(comp, tmp_path)
    return comp, drawn["rank_scatter"]


def _centre_and_radius(fig, collection):
    """Display centre and radius (pixels) of a scatter's one marker."""
    centre = collection.get_offset_transform().transform(collection.get_offsets())[0]
    return centre, np.sqrt(collection.get_sizes()[0]) / 2 * fig.dpi / 72


def test_each_representation_at_a_shared_point_shows_its_own_colour(scatter):
    comp, fig = scatter
    styles = representation_styles(comp.representations)
    ax = fig.axes[0]
    markers = {c.get_label(): c for c in ax.collections}
    assert sorted(markers) == ["A", "B", "C", "D"]
    for name in "ABD":
        assert np.allclose(markers[name].get_facecolor()[0][:3], to_rgb(styles[name].colour))
    # side by side on the point's row, none covering another
    for a, b in (("A", "B"), ("B", "D"), ("A", "D")):
        (ca, ra), (cb, rb) = _centre_and_radius(fig, markers[a]), _centre_and_radius(fig, markers[b])
        assert abs(ca[0] - cb[0]) >= ra + rb and ca[1] == pytest.approx(cb[1]), (a, b)
    # around the point itself: the middle one on it
    point = ax.transData.transform([comp.mean_ranks("intrinsic")["B"], comp.mean_ranks("extrinsic")["B"]])
    assert np.allclose(_centre_and_radius(fig, markers["B"])[0], point)


def test_the_shared_label_clears_every_marker_of_its_point(scatter):
    from matplotlib.text import Annotation

    _, fig = scatter
    ax = fig.axes[0]
    fig.canvas.draw()
    label = next(t for t in ax.texts if isinstance(t, Annotation) and t.get_text() == "A, B, D")
    box = label.get_window_extent(fig.canvas.get_renderer())
    for c in ax.collections:
        (x, y), r = _centre_and_radius(fig, c)
        assert box.x1 <= x - r or x + r <= box.x0 or box.y1 <= y - r or y + r <= box.y0, c.get_label()
