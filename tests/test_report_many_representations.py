"""Figures of a comparison of more than 10 representations: matplotlib's cycle has 10 colours, so the 11th
representation's bars and point took the 1st one's colour; and the task_bars legend, always in 3 columns,
ran off the figure's right edge with a label of 40 characters or more."""
from __future__ import annotations

import numpy as np
import pytest

from tests._records import make_record
from wordeval.report import plots
from wordeval.report.compare import compare
from wordeval.report.styles import representation_styles

LONG = "word2vec-skipgram-window-10-dim-300-trained-on-news-min-count-5"


def _records(names):
    rng = np.random.default_rng(0)
    gold = rng.normal(size=40)
    total = np.full(30, 10)
    out = []
    for k, name in enumerate(names):
        pred = gold + rng.normal(scale=0.2 + 0.2 * k, size=40)
        pred = {"id": list(range(40)), "gold": gold, "pred": pred}
        correct = {"id": list(range(30)), "correct": rng.binomial(total, 0.5 + 0.03 * k), "total": total}
        # task names as long as real ones: the y labels' margin leaves the legend less room
        out.append(make_record(name, "similarity/simverb3500", pred))
        out.append(make_record(name, "pos/ud-ewt-quick", correct))
    return out


@pytest.fixture
def drawn(monkeypatch, tmp_path):
    figures = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: figures.__setitem__(stem, fig) or [])

    def draw(maker, comp):
        maker(comp, tmp_path)
        return figures[maker.__name__]
    return draw


# 16 representations, two of them with labels of 60+ characters (they sort last, into the third column)
NAMES = [f"rep{k:02d}" for k in range(14)] + [LONG, LONG + "-copy"]


def test_task_bars_give_every_representation_its_own_colour_and_hatch(drawn):
    fig = drawn(plots.task_bars, compare(_records(NAMES), n_boot=20))
    from matplotlib.container import BarContainer
    bars = [c for c in fig.axes[0].containers if isinstance(c, BarContainer)]
    styles = {(tuple(c.patches[0].get_facecolor()), c.patches[0].get_hatch()) for c in bars}
    assert len(bars) == len(NAMES) and len(styles) == len(NAMES)


def test_rank_scatter_gives_every_point_its_own_colour_and_marker(drawn):
    comp = compare(_records(NAMES), n_boot=20)
    # distinct mean ranks, so that no two representations share a point (a shared point has one style)
    comp.mean_ranks = lambda kind: {r: float(k + 1) for k, r in enumerate(comp.representations)}
    ax = drawn(plots.rank_scatter, comp).axes[0]
    styles = {(tuple(c.get_facecolor()[0]), c.get_paths()[0].vertices.round(6).tobytes())
              for c in ax.collections}
    assert len(ax.collections) == len(NAMES) and len(styles) == len(NAMES)


def test_the_task_bars_legend_stays_inside_the_figure_with_a_long_label(drawn):
    fig = drawn(plots.task_bars, compare(_records(NAMES), n_boot=20))
    renderer = fig.canvas.get_renderer()
    legend = fig.axes[0].get_legend().get_window_extent(renderer)
    frame = fig.bbox
    assert len(fig.axes[0].get_legend().get_texts()) == len(NAMES)
    assert frame.x0 <= legend.x0 and legend.x1 <= frame.x1 and legend.y1 <= frame.y1
    assert legend.y0 >= fig.axes[0].get_window_extent(renderer).y1 - 1e-6  # above the bars, not over them


def test_short_labels_keep_three_legend_columns():
    assert plots.legend_columns([f"rep{k}" for k in range(12)], 530.0, fontsize=7) == 3
    assert plots.legend_columns([LONG] * 3, 530.0, fontsize=7) == 1


@pytest.mark.parametrize("k", [3, 8, 9, 16, 17, 48, 49, 200, 600])
def test_no_two_representations_share_a_style(k):
    styles = representation_styles([f"r{j}" for j in range(k)]).values()
    assert len({(s.colour, s.hatch) for s in styles}) == k
    assert len({(s.colour, s.marker) for s in styles}) == k


def test_the_first_eight_take_okabe_itos_colours_plain():
    """Regression pin: the palette of Okabe and Ito (Wong 2011), its blue first and its black last (black bars
    hid their CI whiskers); the next eight repeat the colours with the second hatch and marker."""
    from matplotlib import colors
    okabe_ito = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
    styles = list(representation_styles([f"r{j}" for j in range(16)]).values())
    assert [colors.to_hex(s.colour).upper() for s in styles] == okabe_ito * 2
    assert {(s.hatch, s.marker) for s in styles[:8]} == {("", "o")}
    assert {(s.hatch, s.marker) for s in styles[8:]} == {("////", "s")}


@pytest.mark.parametrize("k", [5, 49, 61])
def test_a_style_does_not_depend_on_the_representations_after_it(k):
    """A representation keeps its style when later ones join the store: a 61st representation recoloured the
    first 60 (every colour drawn from 'turbo' at j / (k - 1))."""
    names = [f"r{j}" for j in range(300)]
    assert representation_styles(names[:k]) == {n: s for n, s in representation_styles(names).items()
                                                if n in names[:k]}


def _table_blocks(text):
    return [b for b in text.split("\n\n") if b.startswith("| task (score)")]


def test_the_markdown_results_of_16_representations_are_tables_of_at_most_6():
    from wordeval.report import tables
    comp = compare(_records(NAMES), n_boot=20)
    blocks = _table_blocks(tables.markdown_results(comp))
    assert len(blocks) == 3
    heads = [b.splitlines()[0].strip("| ").split(" | ") for b in blocks]
    named = [h for head in heads for h in head if h not in ("task (score)", "coverage", "common items", "tests")]
    assert named == [tables.md_escape(n) for n in comp.representations]  # each once, in order
    assert all(len(h) <= 1 + 2 * 6 + 2 for h in heads) and "common items" in heads[0]
    for block in blocks:  # every row as wide as its header
        widths = {line.count(" | ") for line in block.splitlines() if not line.startswith("|---")}
        assert len(widths) == 1


def test_a_results_table_of_6_representations_stays_one_table():
    from wordeval.report import tables
    assert len(_table_blocks(tables.markdown_results(compare(_records(NAMES[:6]), n_boot=20)))) == 1


def test_the_html_results_are_split_as_the_markdown(tmp_path):
    from wordeval.report import html
    comp = compare(_records(NAMES), n_boot=20)
    text = html._results_table(comp)
    assert text.count("<table") == 3 and text.count("common items") == 1
    assert all(text.count(f">{html.esc(n)}<") == 1 for n in comp.representations)


def test_the_latex_rankings_wrap_instead_of_shrinking_to_fit():
    from wordeval.report import tables_tex
    text = tables_tex.latex_rankings(compare(_records(NAMES), n_boot=20))
    assert r"\resizebox" not in text and r"p{0.7\columnwidth}" in text


def test_the_rank_scatter_of_16_crowded_representations_prints_no_name_over_another(drawn):
    """16 representations within mean ranks 1-3: their names were printed over each other, over the title and
    past the figure's left edge. Now they are placed beside their points only where all fit; else a key."""
    comp = compare(_records(NAMES), n_boot=20)
    ranks = {r: (1.0 + (k % 5) * 0.3, 1.0 + (k % 3) * 0.5) for k, r in enumerate(comp.representations)}
    comp.mean_ranks = lambda kind: {r: ranks[r][0 if kind == "intrinsic" else 1] for r in comp.representations}
    fig = drawn(plots.rank_scatter, comp)
    fig.canvas.draw()  # lays the legend's texts out
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    names = [t for t in ax.texts] + (ax.get_legend().get_texts() if ax.get_legend() else [])
    boxes = [t.get_window_extent(renderer) for t in names]
    shown = sorted(n for t in names for n in t.get_text().split(", "))
    assert shown == sorted(comp.representations)
    for box in boxes:
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 and fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    title = ax.title.get_window_extent(renderer)
    assert not any(b.overlaps(title) for b in boxes)


def test_a_few_representations_keep_their_names_beside_the_points(drawn):
    comp = compare(_records(NAMES[:4]), n_boot=20)
    ax = drawn(plots.rank_scatter, comp).axes[0]
    assert ax.get_legend() is None and len(ax.texts) >= 1


def test_copies_with_identical_outputs_are_named_once_as_a_group():
    """Four copies of one representation were listed pair by pair (6 pairs a task) in the summary."""
    rng = np.random.default_rng(5)
    gold = rng.normal(size=40)
    same = gold + rng.normal(size=40)
    recs = [make_record(n, f"similarity/{t}", {"id": list(range(40)), "gold": gold, "pred": same})
            for n in ("A", "B", "C", "D") for t in ("one", "two")]
    recs += [make_record("E", f"similarity/{t}", {"id": list(range(40)), "gold": gold,
                                                   "pred": gold + rng.normal(size=40)}) for t in ("one", "two")]
    comp = compare(recs, n_boot=20)
    (line,) = [s for s in comp.summary if s.startswith("Identical per-item outputs")]
    assert line.endswith(": A = B = C = D on similarity/one, similarity/two.")


def test_pair_tests_rank_each_representations_column_once(monkeypatch):
    """Whether two representations' outputs are identical was decided by ranking both columns again for every
    pair: k - 1 rankings of each column, quadratic in the representations compared."""
    from wordeval.stats import agreement, pair_tests
    from wordeval.stats.pair_tests import PairTests

    rng = np.random.default_rng(2)
    gold = rng.normal(size=30)
    preds = {f"r{k}": gold + rng.normal(size=30) for k in range(11)}
    preds["r0-copy"] = preds["r0"]
    items = agreement.align_items("similarity/toy", {r: [{"id": list(range(30)), "gold": gold, "pred": p}]
                                                     for r, p in preds.items()},
                                  kind="intrinsic", direction="higher", scorer="spearman")
    boots = {"similarity/toy": agreement.TaskBootstrap(items, n_boot=20)}
    calls = []
    real = pair_tests._score_view
    monkeypatch.setattr(pair_tests, "_score_view", lambda scorer, cols, name: calls.append(name) or
                        real(scorer, cols, name))
    tests = PairTests([items], boots, n_boot=20)
    assert calls.count("pred") == len(preds)  # was 2 × 66 pairs
    identical = {(r["a"], r["b"]) for r in tests.results.values() if r.get("identical")}
    assert identical == {("r0", "r0-copy")}


@pytest.mark.parametrize("names", [NAMES[:2], NAMES])
def test_the_task_bars_figure_has_a_title_clear_of_its_legend_and_bars(drawn, names):
    """figures/task_bars.png had no title (the other two figures have one): opened alone, nothing said what
    its bars are. The title must sit inside the figure, over neither the legend nor the axes."""
    fig = drawn(plots.task_bars, compare(_records(names), n_boot=20))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    title = fig._suptitle
    assert title is not None and "score" in title.get_text().lower()
    box = title.get_window_extent(renderer)
    assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 and box.y1 <= fig.bbox.y1
    assert not box.overlaps(fig.axes[0].get_legend().get_window_extent(renderer))
    assert not box.overlaps(fig.axes[0].get_window_extent(renderer))


def test_a_long_shared_label_of_the_rank_scatter_never_covers_the_tick_labels(drawn):
    """Five representations at one point (mean ranks 1, 1): their shared label, wider than the axes, was
    placed left of the point inside the figure, over the y tick labels and the axis title. A label that fits
    nowhere inside the axes now goes to the key below, as crowded labels do."""
    names = ["a<b>", 'R&D "quoted"', "plain", "fourth-rep-with-a-longer-name", "it's"]
    comp = compare(_records(names), n_boot=20)
    comp.mean_ranks = lambda kind: {r: 1.0 for r in comp.representations}
    fig = drawn(plots.rank_scatter, comp)
    fig.canvas.draw()
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    for text in ax.texts:  # labels beside points stay within the axes
        box = text.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels() + ax.get_xticklabels() if t.get_text()]
    titles = [ax.yaxis.label.get_window_extent(renderer), ax.xaxis.label.get_window_extent(renderer)]
    named = [t for t in ax.texts] + (ax.get_legend().get_texts() if ax.get_legend() else [])
    assert sorted(n for t in named for n in t.get_text().replace("\n", " ").split(", ")) == sorted(names)
    for t in named:
        box = t.get_window_extent(renderer)
        assert not any(box.overlaps(b) for b in ticks + titles), t.get_text()
