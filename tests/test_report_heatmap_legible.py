"""The correlation heatmap read in print: its numbers were 6 pt whatever the cells' size (2 mm high in cells of
0.6 inch), and its black lines between intrinsic and extrinsic tasks were explained nowhere."""
from __future__ import annotations

import numpy as np
import pytest

from tests._records import make_record
from wordeval.report import plots
from wordeval.report.compare import compare


def _comparison(n_intrinsic: int, n_extrinsic: int, *, n_reps: int = 5):
    rng = np.random.default_rng(1)
    recs = []
    for t in range(n_intrinsic):
        gold = rng.normal(size=40)
        for k in range(n_reps):
            pred = gold + rng.normal(scale=0.3 + 0.4 * k + 0.1 * t, size=40)
            recs.append(make_record(f"rep{k}", f"similarity/set{t}", {"id": list(range(40)), "gold": gold,
                                                                      "pred": pred}))
    for t in range(n_extrinsic):
        total = np.full(30, 10)
        for k in range(n_reps):
            recs.append(make_record(f"rep{k}", f"pos/set{t}", {"id": list(range(30)), "total": total,
                                                                "correct": rng.binomial(total, 0.8 - 0.05 * k)}))
    return compare(recs, n_boot=20)


@pytest.fixture
def drawn(monkeypatch, tmp_path):
    figures = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: figures.__setitem__(stem, fig) or [])

    def draw(comp):
        plots.correlation_heatmap(comp, tmp_path)
        fig = figures["correlation_heatmap"]
        fig.canvas.draw()
        return fig
    return draw


@pytest.mark.parametrize("n_in, n_ex", [(2, 1), (3, 2), (5, 3), (8, 4), (12, 6)])
def test_the_cell_numbers_are_legible_and_fit_their_cells(drawn, n_in, n_ex):
    """At least 7 pt (the tick labels' size) in the figure as saved, each number inside its own cell."""
    fig = drawn(_comparison(n_in, n_ex))
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    numbers = [t for t in ax.texts if t.get_text() not in ("intrinsic", "extrinsic")]
    assert len(numbers) == (n_in + n_ex) ** 2
    for text in numbers:
        assert text.get_fontsize() >= 7.0, text.get_fontsize()
        j, i = text.get_position()
        (x0, y0), (x1, y1) = ax.transData.transform([(j - 0.5, i - 0.5), (j + 0.5, i + 0.5)])
        box = text.get_window_extent(renderer)
        assert min(x0, x1) <= box.x0 and box.x1 <= max(x0, x1), (text.get_text(), box, x0, x1)
        assert min(y0, y1) <= box.y0 and box.y1 <= max(y0, y1), (text.get_text(), box, y0, y1)


def test_numbers_that_cannot_be_legible_are_left_to_the_table():
    """Cells too small for 7 pt carry no numbers rather than unreadable ones (the correlation table has them):
    10 cells across 1.5 inches are 10.8 pt wide, and '-0.25' at 7 pt is about 17 pt."""
    with plots._style():
        ax = plots._figure(figsize=(2, 2)).add_axes((0.125, 0.125, 0.75, 0.75))
        ax.imshow(np.zeros((10, 10)))
        assert plots._cell_fontsize(ax, 10, ["-0.25"]) is None
        assert plots._cell_fontsize(ax, 2, ["-0.25"]) == 9.0  # 54-pt cells: the figure's own size


def test_the_blocks_are_named_in_the_figure_and_the_caption(drawn):
    comp = _comparison(3, 2)
    fig = drawn(comp)
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    names = {t.get_text(): t.get_window_extent(renderer) for t in ax.texts}
    frame, title = ax.get_window_extent(renderer), ax.title.get_window_extent(renderer)
    for kind in ("intrinsic", "extrinsic"):  # above the axes, under the title, inside the figure
        assert frame.y1 <= names[kind].y0 and names[kind].y1 <= title.y0 and title.y1 <= fig.bbox.y1
    assert names["intrinsic"].x1 < names["extrinsic"].x0  # over their own blocks' columns
    blocks = (" The black lines part the 3 intrinsic benchmarks, in the first rows and columns, from the 2 "
              "extrinsic tasks: the blocks off the diagonal set a benchmark against a downstream task.")
    assert blocks in plots.heatmap_caption(comp)
    assert "black lines" not in plots.heatmap_caption(_comparison(3, 0))
