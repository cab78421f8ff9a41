"""The figures' captions, in report.md as in report.html, say what the figure cannot: over how many tasks
each point of the rank scatter averages, and over how many representations the heatmap's entries run."""
from __future__ import annotations

import html

import numpy as np

from tests._records import make_record
from tests.test_mean_ranks_untested_representation import _analogy, _records
from wordeval.report.compare import compare
from wordeval.report.figure_alts import figure_alts, md_alt


def test_the_rank_scatter_caption_says_how_many_tasks_each_mean_is_over(tmp_path):
    """C's intrinsic mean is over 1 task (its analogy rank left out), A's and B's over 2: report.md showed the
    scatter with no caption at all, and report.html's did not say it. Oracle: the tasks counted by hand."""
    from wordeval.report.writer import write_report

    comp = compare(_records(), n_boot=200)
    assert comp.rank_counts("intrinsic") == {"A": 2, "B": 2, "C": 1}
    out = write_report(comp, tmp_path / "rep")
    caption = ("Mean intrinsic rank vs mean extrinsic rank (points off the diagonal disagree). Tasks each mean is "
               "over (intrinsic: A 2, B 2, C 1): the others were skipped or left out (see Skipped and Notes).")
    md = (out / "report.md").read_text(encoding="utf-8")
    # the image's alt is report.html's sentence (figure_alts), no longer the file stem
    alt = md_alt(figure_alts(comp)["rank_scatter"])
    assert alt.startswith("Scatter plot of each representation's mean rank")
    assert f"![{alt}](figures/rank_scatter.png)\n\n_{caption}_\n" in md, md[md.index("## Figures"):][:600]
    assert f"<figcaption>{caption}</figcaption>" in (out / "report.html").read_text(encoding="utf-8")


def _five():
    """5 representations, E without an analogy record, so the analogy entries are over 4; C searched 400,000
    candidates on the analogy, the others 30,000."""
    recs = _records()
    rng = np.random.default_rng(3)
    gold = np.asarray(recs[0].per_item["gold"])
    for name, noise, acc in (("D", 6.0, 0.3), ("E", 9.0, None)):
        recs.append(make_record(name, "similarity/toy", {"id": list(range(300)), "gold": gold,
                                                         "pred": gold + rng.normal(scale=noise, size=300)}))
        recs.append(make_record(name, "pos/toy", {"id": list(range(150)), "total": np.full(150, 20),
                                                  "correct": rng.binomial(np.full(150, 20), 0.3)}))
        if acc is not None:
            recs.append(_analogy(name, (rng.random(400) < acc).astype(int), 30000))
    return compare(recs, n_boot=200)


def test_the_heatmap_caption_gives_the_range_of_its_entries_n():
    """Entries of the heatmap over fewer representations (a representation skipped on a task) look like the
    others; the caption says the n range. Oracle: 5 representations, E without an analogy record, so the
    analogy entries are over 4."""
    from wordeval.report.plots import heatmap_caption

    comp = _five()
    assert sorted({int(v) for row in comp.correlation["n"] for v in row}) == [4, 5]
    assert heatmap_caption(comp).startswith("Benchmark × task correlation across representations (Spearman ρ), "
                                            "over 4 to 5 "
                                            "representations per entry (each entry's n in the correlation table).")


def test_the_heatmap_caption_says_what_its_section_sign_means(tmp_path):
    """The heatmap labels the analogy "analogy/toy §" (C searched 400,000 candidates, the others 30,000), and
    only the correlation table's caption said what § means; the figure's caption, in report.md and report.html,
    now says it too. Oracle: the candidate set sizes chosen in the records."""
    from wordeval.report.plots import heatmap_caption
    from wordeval.report.writer import write_report

    comp = _five()
    caption = ("Benchmark × task correlation across representations (Spearman ρ), over 4 to 5 representations per "
               "entry (each "
               "entry's n in the correlation table). The black lines part the 2 intrinsic benchmarks, in the first "
               "rows and columns, from the 1 extrinsic task: the blocks off the diagonal set a benchmark against a "
               "downstream task. analogy/toy §: the representations searched candidate sets of "
               "different sizes, so its entries mix the representation with its candidate set. Descriptive "
               "only: no test, interval or multiple-test correction; the Kendall τ table tests each intrinsic "
               "benchmark against each extrinsic task.")
    assert heatmap_caption(comp) == caption
    out = write_report(comp, tmp_path / "rep")
    assert f"<figcaption>{html.escape(caption)}</figcaption>" in (out / "report.html").read_text(encoding="utf-8")
    md = (out / "report.md").read_text(encoding="utf-8")
    alt = md_alt(figure_alts(comp)["correlation_heatmap"])
    assert f"![{alt}](figures/correlation_heatmap.png)\n\n_Benchmark" in md
    assert "analogy/toy §: the representations searched candidate sets of different sizes, so its entries" in md


def test_the_rank_scatter_caption_names_the_representations_it_cannot_draw(tmp_path):
    """A point needs a mean rank of each kind: D, scored on the similarity task alone, was missing from the
    scatter and neither the figure nor its caption said so. Oracle: D was given no extrinsic record."""
    from wordeval.report.writer import write_report

    recs = _records()
    gold = np.asarray(recs[0].per_item["gold"])
    noise = np.random.default_rng(5).normal(size=300)
    recs.append(make_record("D", "similarity/toy", {"id": list(range(300)), "gold": gold,
                                                    "pred": gold + noise}))
    comp = compare(recs, n_boot=200)
    out = write_report(comp, tmp_path / "rep")
    md = (out / "report.md").read_text(encoding="utf-8")
    caption = md[md.index("![Scatter plot"):].split("\n")[2]
    assert caption.endswith(" Not drawn: D (no extrinsic rank)._"), caption
    html_text = (out / "report.html").read_text(encoding="utf-8")
    assert "Not drawn: D (no extrinsic rank).</figcaption>" in html_text
