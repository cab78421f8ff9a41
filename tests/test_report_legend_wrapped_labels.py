"""A label longer than the figure is wide (the rank scatter is 5 inches: about 100 characters at 7 points; the
task bars 7.5 inches) ran off the legend's single column, its end cut off in the PNG. Such a label is now
wrapped onto several lines; matplotlib's rendered extents are the oracle, and every word is still in the
legend."""
from __future__ import annotations

import pytest

from tests.test_report_many_representations import _records, drawn  # noqa: F401 (the fixture)
from wordeval.report import plots
from wordeval.report.compare import compare

VERY_LONG = ("noisy 'σ 0.4' — a very long label with many words in it to stress the table layout of every "
             "output, and then some more words so that it is wider than the task bars' legend too")
NAMES = ["GloVe", "noisy", "rand", VERY_LONG, "x" * 150]


@pytest.mark.parametrize("maker", [plots.rank_scatter, plots.task_bars])
def test_a_legend_label_wider_than_the_figure_is_wrapped_inside_it(drawn, maker):  # noqa: F811
    comp = compare(_records(NAMES), n_boot=20)
    if maker is plots.rank_scatter:  # distinct points, labels too long to sit beside them: the legend below
        comp.mean_ranks = lambda kind: {r: float(k + 1) for k, r in enumerate(comp.representations)}
    fig = drawn(maker, comp)
    legend = fig.axes[0].get_legend()
    assert legend is not None
    fig.canvas.draw()  # lays the legend's texts out
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    for text in legend.get_texts():
        box = text.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, \
            text.get_text()
    shown = [t.get_text() for t in legend.get_texts()]
    assert [" ".join(s.split()) for s in shown if s.startswith("noisy 'σ")] == [VERY_LONG]
    assert "x" * 150 in [s.replace("\n", "") for s in shown]
    box = legend.get_window_extent(renderer)
    assert frame.y0 <= box.y0 and box.y1 <= frame.y1
