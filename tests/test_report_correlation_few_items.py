"""A task of fewer common items than a paired test needs (5 word pairs) ranks nothing and its τ gets no
verdict; its row of the benchmark × task correlation matrix was shown as any benchmark's, a ρ of -0.95 with no
word of its 5 items. Now its name carries ° in the table and on the heatmap, and the captions say why."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report import html, plots, tables, tex_sections
from wordeval.report.compare import compare

EXPLAINED = ("similarity/tiny ° (5 common word pairs): too few items (at least 10 common ones) to rank the "
             "representations, so its entries are no evidence of agreement either way.")


def _comparison(n_tiny: int = 5):
    rng = np.random.default_rng(3)
    recs = []
    for task, n in (("similarity/big", 60), ("similarity/tiny", n_tiny)):
        gold = rng.normal(size=n)
        for k in range(4):
            pred = gold + rng.normal(scale=0.3 + 0.5 * k, size=n)
            recs.append(make_record(f"rep{k}", task, {"id": list(range(n)), "gold": gold, "pred": pred}))
    total = np.full(40, 10)
    for k in range(4):
        recs.append(make_record(f"rep{k}", "pos/toy", {"id": list(range(40)), "total": total,
                                                        "correct": rng.binomial(total, 0.9 - 0.1 * k)}))
    return compare(recs, n_boot=20)


def test_the_task_of_few_items_is_marked_in_the_matrix_and_its_caption():
    comp = _comparison()
    assert comp.correlation["few_items"] == {"similarity/tiny": "5 common word pairs"}
    rows = tables.markdown_correlation(comp).splitlines()
    assert rows[0] == "| | similarity/big | similarity/tiny ° | pos/toy |"
    assert [r.split(" | ")[0] for r in rows[2:]] == ["| similarity/big", "| similarity/tiny °", "| pos/toy"]
    assert " " + EXPLAINED + " " in tables.correlation_caption(comp)
    assert " " + EXPLAINED in plots.heatmap_caption(comp)
    assert EXPLAINED in html._corr_table(comp)
    tex = tex_sections.latex_correlation(comp)
    assert r"similarity/tiny $^{\circ}$ & " in tex and "too few items (at least 10 common ones)" in tex


def test_the_heatmap_labels_carry_the_mark(monkeypatch, tmp_path):
    figures = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: figures.__setitem__(stem, fig) or [])
    plots.correlation_heatmap(_comparison(), tmp_path)
    ax = figures["correlation_heatmap"].axes[0]
    expected = ["similarity/big", "similarity/tiny °", "pos/toy"]
    assert [t.get_text() for t in ax.get_xticklabels()] == expected
    assert [t.get_text() for t in ax.get_yticklabels()] == expected


def test_tasks_of_enough_items_are_not_marked():
    comp = _comparison(n_tiny=10)  # as many as a paired bootstrap needs
    assert comp.correlation["few_items"] == {}
    assert "°" not in tables.markdown_correlation(comp)
    assert "too few items" not in tables.correlation_caption(comp)
