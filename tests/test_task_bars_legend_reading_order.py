"""The task bars' legend, in three columns, was filled column by column (matplotlib's way), so read across its
rows, as a reader reads, it went 1, 4, 6 / 2, 5, 7 / 3 beside bars drawn 1 to 7 from the top of each group.
Its entries now read row by row in the bars' order; the oracle is where matplotlib drew each entry."""
from __future__ import annotations

import pytest

from tests.test_report_many_representations import _records, drawn  # noqa: F401 (the fixture)
from wordeval.report import plots
from wordeval.report.compare import compare

NAMES = [f"rep{k}" for k in range(7)]  # 7 over 3 columns: the last row one entry short


def _reading_order(fig, legend):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in legend.get_texts()]
    # top row first (display y grows upwards), then left to right; rows a few points apart at most
    return [text for text, box in sorted(boxes, key=lambda tb: (-round(tb[1].y0), tb[1].x0))]


def _bar_order(ax):
    from matplotlib.container import BarContainer
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    # the first task's group: y grows downwards (the axis is inverted), the top bar first
    first = sorted(bars, key=lambda c: c.patches[0].get_y())
    return [c.get_label() for c in first]


@pytest.mark.parametrize("n", [6, 7])
def test_the_task_bars_legend_reads_row_by_row_in_the_bars_order(drawn, n):  # noqa: F811
    comp = compare(_records(NAMES[:n]), n_boot=20)
    fig = drawn(plots.task_bars, comp)
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend._ncols == 3
    bars = _bar_order(ax)
    assert bars == comp.representations
    assert _reading_order(fig, legend) == bars
    # each text beside its own handle: the handle's colour is its bar's
    from matplotlib.container import BarContainer
    colours = {c.get_label(): tuple(c.patches[0].get_facecolor()) for c in ax.containers
               if isinstance(c, BarContainer)}
    for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True):
        assert tuple(handle.get_facecolor()) == colours[text.get_text()]
