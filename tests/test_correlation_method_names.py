"""The benchmark × task correlation matrix names its coefficient as statisticians write it, and credits Chiu,
Korhonen & Pyysalo (2016) only under the coefficient they used (Spearman's ρ, between each similarity set and
each tagging task across their word2vec windows). The heatmap was titled '(Chiu et al. 2016)' and its colour
bar read 'kendall correlation' whatever was asked; the captions did the same ('Kendall correlation ... (Chiu et
al. 2016)'), although Kendall's τ-b and Pearson's r are not what that paper computed."""
from __future__ import annotations

import pytest

from wordeval.report.compare import compare

NAMES = {"spearman": "Spearman ρ", "pearson": "Pearson r", "kendall": "Kendall τ-b"}


@pytest.fixture(scope="module")
def comps():
    from tests._records import toy_records
    recs = toy_records()
    return {m: compare(recs, n_boot=50, method=m) for m in NAMES}


@pytest.mark.parametrize("method", list(NAMES))
def test_heatmap_names_the_coefficient_and_credits_chiu_only_for_spearman(comps, method, monkeypatch, tmp_path):
    from wordeval.report import plots
    figures = []
    monkeypatch.setattr(plots, "_save", lambda fig, out, name: figures.append(fig) or [])
    plots.correlation_heatmap(comps[method], tmp_path)
    (fig,) = figures
    heat, bar = fig.axes
    credit = " (as in Chiu et al. 2016)" if method == "spearman" else ""
    assert heat.get_title() == f"Benchmark × task correlation{credit}"
    assert bar.get_ylabel() == f"{NAMES[method]}\nacross representations"


@pytest.mark.parametrize("method", list(NAMES))
def test_captions_and_headings_name_the_coefficient(comps, method, tmp_path):
    from wordeval.report import tables
    from wordeval.report.writer import write_report
    caption = tables.correlation_caption(comps[method])
    assert caption.startswith(f"{NAMES[method]} of the common-item scores across representations"
                              + (" (as in Chiu et al. 2016), over" if method == "spearman" else ", over"))
    assert ("Chiu" in caption) == (method == "spearman")
    md = (write_report(comps[method], tmp_path / "rep", figures=False) / "report.md").read_text(encoding="utf-8")
    assert f"## Benchmark × task correlation across representations ({NAMES[method]})\n" in md


@pytest.mark.parametrize("method", list(NAMES))
def test_report_html_heading_and_the_heatmap_caption_name_the_coefficient(comps, method, tmp_path):
    """report.md's heading named the coefficient, report.html's read 'Benchmark × task correlation' and the
    heatmap's caption (report.md and report.html) 'Benchmark × task correlation across representations, over 4
    representations', whichever --correlation was asked."""
    import html

    from wordeval.report.plots import heatmap_caption
    from wordeval.report.writer import write_report
    assert heatmap_caption(comps[method]).startswith(
        f"Benchmark × task correlation across representations ({NAMES[method]}), over ")
    page = (write_report(comps[method], tmp_path / "rep", figures=False) / "report.html").read_text(encoding="utf-8")
    assert f"<h2>{html.escape(f'Benchmark × task correlation across representations ({NAMES[method]})')}</h2>" in page
