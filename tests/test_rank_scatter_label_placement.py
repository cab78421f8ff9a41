"""The rank scatter's labels, as the figure renders them (``Text.get_window_extent``: matplotlib's own layout
is the oracle), cover no other label, come no nearer to one than a gap, cover no marker and stay inside the
axes' frame, for 2 to 12 representations with names up to 41 characters, close and identical positions.
Before, two labels whose boxes merely touched passed as free: "spacy-md" and "glove-6b-50d, Wörter-η" printed
as one name, "spacy-mdglove-6b-50d, Wörter-η" (a store of four representations at mean ranks (3, 1), (1, 1),
(1, 1), (3, 4)); and 12 names on the diagonal fell back to the key below."""
from __future__ import annotations

import numpy as np
import pytest

from tests.test_report_many_representations import _records, drawn  # noqa: F401 (the fixture)
from wordeval.report import plots
from wordeval.report.compare import compare

NAMES = ["glove-6b-50d", "spacy-md", "Wörter-η", "noisy-glove-sigma-0.4-copy-of-the-same-vec",
         "word2vec:corpus=news,window=5,dim=300", "LSA-news", "MiniLM",
         "fasttext-crawl-300d-2M-subword-vectors",
         "GloVe-news", "rand", "bert-base-uncased:type-level-layer-8-mean", "x"]
GAP_PX = 1.0  # at the figure's 100 dpi: labels nearer than this read as one


def _layout(n, kind):
    if kind == "reported":  # the store of the report: two representations tied at (1, 1)
        return {"glove-6b-50d": (1.0, 1.0), "spacy-md": (3.0, 1.0), "Wörter-η": (1.0, 1.0),
                "five": (3.0, 4.0)}
    if kind == "diagonal":
        return [(1.0 + k, 1.0 + k) for k in range(n)]
    if kind == "identical":
        spread = [(1.0 + (k * 0.37) % (n - 1), 1.0 + (k * 0.61) % (n - 1)) for k in range(2, n)]
        return [(1.0, 1.0)] * 2 + spread
    rng = np.random.default_rng(n)  # close: pairs 0.05 apart among random positions
    pts = [(1.0 + rng.uniform(0, n - 1), 1.0 + rng.uniform(0, n - 1)) for _ in range(n)]
    pts[1] = (pts[0][0] + 0.05, pts[0][1])
    return pts


@pytest.mark.parametrize("n, kind", [(4, "reported"), (2, "close"), (2, "identical"), (4, "close"),
                                     (8, "close"), (8, "identical"), (8, "diagonal"), (12, "diagonal"),
                                     (12, "close")])
def test_rendered_labels_are_apart_off_the_markers_and_inside_the_axes(drawn, n, kind):  # noqa: F811
    names = list(_layout(n, kind)) if kind == "reported" else NAMES[:n]
    comp = compare(_records(names), n_boot=20)
    pos = _layout(n, kind) if kind == "reported" else dict(zip(comp.representations, _layout(n, kind)))
    comp.mean_ranks = lambda k: {r: pos[r][0 if k == "intrinsic" else 1] for r in comp.representations}
    fig = drawn(plots.rank_scatter, comp)
    fig.canvas.draw()
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    assert ax.get_legend() is None, "every label fits beside or near its point: no key"
    shown = sorted(n for t in ax.texts for n in t.get_text().split(", "))
    assert shown == sorted(comp.representations)
    frame = ax.get_window_extent(renderer)
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    for t, b in zip(ax.texts, boxes):
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1, t.get_text()
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = max(b.x0 - a.x1, a.x0 - b.x1, b.y0 - a.y1, a.y0 - b.y1)
            assert apart >= GAP_PX, (ax.texts[i].get_text(), apart)
    for c in ax.collections:
        (x, y), r = c.get_offset_transform().transform(c.get_offsets())[0], np.sqrt(c.get_sizes()[0]) / 2
        r *= fig.dpi / 72
        for t, b in zip(ax.texts, boxes):
            clear = b.x1 <= x - r or x + r <= b.x0 or b.y1 <= y - r or y + r <= b.y0
            assert clear, (t.get_text(), c.get_label())
