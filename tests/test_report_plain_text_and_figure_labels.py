"""compare's plain text is not Markdown (no backslash escapes), a spread over seeds that rounds to 0.000 is not
printed as if the seeds agreed exactly, and the rank scatter's labels stay inside the figure and off each
other, measured on the rendered text (matplotlib's own extents are the oracle)."""
from __future__ import annotations

import numpy as np
import pytest

from tests.test_report_outputs import _store
from wordeval.cli.compare import text_report
from wordeval.report.compare import compare
from wordeval.report.fmt import fmt_pm


def test_plain_text_carries_labels_as_written_without_markdown_escapes():
    comp = compare(_store(("my_vec", "B|c", "C*", "D")), n_boot=50)
    text = text_report(comp)
    for raw in ("my_vec", "B|c", "C*"):
        assert raw in text
    assert "\\_" not in text and "\\|" not in text and "\\*" not in text
    assert "| intrinsic \\ extrinsic |" in text  # the corner cell, one backslash as in the Markdown rendering


@pytest.mark.parametrize("sd, shown", [(0.0003, "0.500 ± < 0.001"), (0.0004999, "0.500 ± < 0.001"),
                                       (0.0005, "0.500 ± 0.001"), (0.0012, "0.500 ± 0.001"),
                                       (0.0, "0.500 ± 0.000"), (float("nan"), "0.500")])
def test_a_spread_below_half_the_last_digit_is_not_printed_as_zero(sd, shown):
    assert fmt_pm(0.5, sd) == shown


def _drawn_labels(n, points, texts):
    from wordeval.report.plots import _figure, _style
    from wordeval.report.scatter_labels import place_labels

    with _style():
        fig = _figure(figsize=(5, 4.5))  # rank_scatter's size and margins
        fig.subplots_adjust(left=0.13, right=0.95, bottom=0.12, top=0.92)
        ax = fig.add_subplot()
        ax.set_xlim(n + 0.5, 0.5)
        ax.set_ylim(n + 0.5, 0.5)
        anns = []
        for (x, y), text, (dx, dy, ha, _) in zip(points, texts, place_labels(ax, points, texts, fontsize=8)):
            ax.scatter(x, y, s=40)
            anns.append(ax.annotate(text, (x, y), textcoords="offset points", xytext=(dx, dy), ha=ha, fontsize=8))
        renderer = fig.canvas.get_renderer()
        _drawn_labels.axes_box = ax.get_window_extent(renderer)
        return fig.bbox, [a.get_window_extent(renderer) for a in anns], [ax.transData.transform(p) for p in points]


@pytest.mark.parametrize("n, x, text", [(3, 1.0, "MMMMMMMMMM"), (4, 1.05, "MMMMMMMMMM"),
                                        (6, 1.35, "GloVe-6B-50d"), (5, 1.3, "GloVe-6B-300d"),
                                        (3, 1.35, "word2vec:corpus=news")])
def test_rank_scatter_labels_of_wide_glyphs_stay_inside_the_figure(n, x, text):
    """A label near mean rank 1 (the right edge: the axis is inverted) whose glyphs are wider than an average
    character: its width was estimated from its length, passed as inside and was cut off in the file."""
    fig_box, (box, _), _ = _drawn_labels(n, [(x, 1.0), (n, n)], [text, "b"])
    assert fig_box.x0 <= box.x0 and box.x1 <= fig_box.x1 and fig_box.y0 <= box.y0 and box.y1 <= fig_box.y1


def test_rank_scatter_labels_stay_inside_the_axes_frame_where_they_fit():
    """The demo's scatter (reports/demo at b770e20, mean ranks read off its figure): 'GloVe-6B-50d' and
    'MiniLM' sat inside the figure but across the axes' right spine, the frame's line through their last
    letters, though positions to the left of their points were free."""
    points = [(2.6, 1.0), (1.7, 1.0), (1.0, 1.0), (3.7, 1.33), (2.3, 1.67), (2.1, 2.67)]
    texts = ["word2vec-news", "GloVe-6B-50d", "MiniLM", "GloVe-news", "LSA-news", "spaCy-md"]
    _, boxes, _ = _drawn_labels(6, points, texts)
    frame = _drawn_labels.axes_box
    for text, box in zip(texts, boxes):
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, text
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_rank_scatter_labels_cover_neither_each_other_nor_another_point():
    """Three points on a row: the middle one's label, too wide to sit between its neighbours, went over one
    of their markers (marker: s=40 points², a disc of radius √40/2 points around its centre)."""
    points, texts = [(1.0, 3.0), (2.25, 3.0), (3.5, 3.0)], ["MMMMMMMMMMMMMMM", "WWWWWWWWWWWW", "x"]
    fig_box, boxes, centres = _drawn_labels(4, points, texts)
    radius = 40 ** 0.5 / 2 * 100 / 72  # in pixels at the figure's 100 dpi
    for i, a in enumerate(boxes):
        assert fig_box.x0 <= a.x0 and a.x1 <= fig_box.x1
        assert not any(a.overlaps(b) for b in boxes[i + 1:])
        for j, (cx, cy) in enumerate(centres):
            if j != i:
                assert not (a.x0 < cx + radius and cx - radius < a.x1 and a.y0 < cy + radius and cy - radius < a.y1), \
                    (texts[i], texts[j])


def test_a_task_with_too_few_common_items_gives_its_tau_no_verdict_and_names_no_predictor():
    """9 common similarity pairs: no CI and no paired test (every representation '='), so its τ with the POS
    ranking is no evidence: MC-30 with 9 covered pairs was named 'runner-up' predictor with a verdict."""
    from scipy.stats import kendalltau

    from tests.test_report_outputs import _pos, _sim

    rng = np.random.default_rng(3)
    gold, total = rng.normal(size=9), rng.integers(5, 20, size=60)
    recs = []
    for k, name in enumerate("ABCD"):
        recs.append(_sim(name, gold, gold + rng.normal(scale=0.3 + k, size=9)))
        recs.append(_pos(name, rng.binomial(total, 0.5 + 0.1 * k), total))
    comp = compare(recs, n_boot=50)
    (row,) = comp.taus
    common = {t["name"]: {r: comp.cells[(r, t["name"])]["common_value"] for r in "ABCD"} for t in comp.tasks}
    expected = kendalltau([common["similarity/toy"][r] for r in "ABCD"], [common["pos/toy"][r] for r in "ABCD"])
    assert row["tau"] == pytest.approx(expected.statistic, abs=1e-12)
    assert row["n_items"][0] == 9 and row["verdict"] is None
    assert all(p["intrinsic"] is None for p in comp.predictors)
    assert "no verdict (9 common word pairs)" in text_report(comp)
    assert not any("best predicted" in s for s in comp.summary)
