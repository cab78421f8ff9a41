"""What the demo report made visible: a p-value that underflowed to 0 is never printed as 0, the summary says
when the resolution of the bootstrap or of the permutation test (not the data) keeps every pair or cell from
significance, and with numbers read from the tests themselves; the demo's records name their suite; a task
skipped on every representation for one reason is one line; HTML captions carry no Markdown backticks; the
demo resamples enough for its own Holm-corrected pair tests to be resolvable."""
from __future__ import annotations

import math

import pytest

from tests.test_report_outputs import _store
from wordeval.report.compare import compare
from wordeval.report.fmt import fmt_p
from wordeval.report.writer import write_report


@pytest.mark.parametrize("p", [0.0, -0.0])
def test_an_underflowed_p_value_is_never_printed_as_zero(p):
    text = fmt_p(p)
    assert text == "p < 1e-300"
    assert fmt_p(4.81e-117) == "p = 4.81e-117"  # a resolvable tiny p stays as it is


def test_the_bootstrap_floor_line_quotes_the_smallest_corrected_p_of_the_floored_tests():
    comp = compare(_store(("A", "B", "C", "D", "E")), n_boot=20)  # floor 1/21; Holm makes it > 0.05
    floored = [t for t in comp.tests if t["test"].startswith("bootstrap") and t["p_value"] <= t["p_floor"]]
    assert floored
    smallest = min(t["p_adjusted"] for t in floored)
    assert smallest >= 0.05
    (line,) = [s for s in comp.summary if "cannot go below 1/21" in s]
    # the printed value is the smallest corrected p rounded up to 3 significant digits, not m/(B + 1)
    printed = float(line.split("the smallest it becomes is ")[1].split(",")[0])
    assert printed == pytest.approx(smallest, rel=1e-2) and printed >= smallest
    assert f"--n-boot {math.ceil(comp.parameters['n_pair_tests'] / 0.05):,}" in line


def test_no_floor_line_when_the_bootstrap_can_resolve_the_correction():
    comp = compare(_store(("A", "B", "C", "D", "E")), n_boot=20, correction="none")
    assert not any("cannot go below 1/" in s for s in comp.summary)


@pytest.mark.parametrize("reps", [("A", "B", "C", "D"), ("A", "B", "C", "D", "E")])
def test_the_permutation_floor_is_stated_exactly_when_no_cell_can_be_clear(reps):
    comp = compare(_store(reps), n_boot=50)
    n, m = len(reps), comp.parameters["n_agreement_tests"]
    floor = 2 / math.factorial(n)  # the observed ordering and its reverse
    # the family is similarity/toy's cell alone: analogy/toy § has no verdict and is not counted
    assert all(r["n_representations"] == n for r in comp.taus) and m == 1
    lines = [s for s in comp.summary if f"exact permutation p-value cannot go below 2/{n}!" in s]
    if floor * m >= 0.05:  # 4 representations: 2/24 x 1 cell
        assert len(lines) == 1 and all(r["verdict"] != "clear" for r in comp.taus)
        need = next(k for k in range(n + 1, 12) if 2 / math.factorial(k) * m < 0.05)
        assert f"{need} representations would make" in lines[0]
    else:  # 5 representations: 2/120 x 1 cell < 0.05
        assert not lines


def test_demo_records_name_the_demo_suite():
    from wordeval.report.protocol import suite_of

    assert suite_of([".venv/bin/wordeval", "demo"]) == "default"
    assert suite_of(["wordeval", "--quiet", "demo", "--suite", "quick"]) == "quick"
    assert suite_of(["wordeval", "run", "glove-6b-50d", "--suite", "full"]) == "full"
    assert suite_of(["wordeval", "run", "glove-6b-50d", "--out", "demo"]) is None
    assert suite_of([]) is None and suite_of(None) is None


def test_a_task_skipped_on_every_representation_is_one_line_and_html_captions_have_no_backticks(tmp_path):
    recs = _store()
    reason = "ud-ewt: no source could provide the files: data_home: no data home"
    skipped = [{"task": "pos/ud-ewt", "embedding": rep, "reason": reason} for rep in ("A", "B", "C", "D")]
    skipped.append({"task": "analogy/toy", "embedding": "B", "reason": "another reason"})
    out = write_report(compare(recs, skipped=skipped, n_boot=50), tmp_path / "rep", figures=False)
    md = (out / "report.md").read_text(encoding="utf-8")
    section = md[md.index("## Skipped"):md.index("## Notes") if "## Notes" in md else md.index("## Provenance")]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert items == ["- pos/ud-ewt on A, B, C, D: ud-ewt: no source could provide the files: data\\_home: no data "
                     "home", "- analogy/toy on B: another reason"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<li>pos/ud-ewt on A, B, C, D: ") == 1
    assert "`" not in html and "<code>=</code>" in html
    assert "<th scope='col'>common items</th>" in html  # the rankings table names its item set, as in Markdown


def test_the_demo_resamples_enough_for_its_corrected_pair_tests():
    """With every pair of the demo's representations tested on every task of its suite and Holm-corrected
    together, a bootstrap p at its floor 1/(B + 1) must still be able to fall below 0.05."""
    import argparse

    from wordeval.cli import demo
    from wordeval.suites import suite_tasks

    parser = argparse.ArgumentParser()
    demo.add_arguments(parser)
    args = parser.parse_args([])
    n = len(demo.DEMO_REPRESENTATIONS)
    m = len(suite_tasks(args.suite)) * n * (n - 1) // 2  # an upper bound on the demo's pair tests
    assert m / (args.n_boot + 1) < 0.05


def test_latex_keeps_double_hyphens_and_wordeval_dashes_apart():
    from wordeval.report.tables_tex import tex_escape

    # "--" in LaTeX is an en dash: a command-line option must keep both hyphens
    assert tex_escape("rerun with --n-boot 3,700") == "rerun with -{}-n-boot 3,700"
    assert tex_escape("a-b") == "a-b" and tex_escape("x---y") == "x-{}-{}-y"
    assert tex_escape("a — b") == "a --- b"  # wordeval's own em dash is written as LaTeX's


def test_coverage_counts_have_thousands_separators_like_the_common_items_column():
    from wordeval.report.fmt import fmt_coverage

    assert fmt_coverage({"n_used": 9167, "n_total": 19544, "coverage": 9167 / 19544}) == "9,167/19,544 (46.9%)"


def test_the_committed_demo_report_can_be_replaced_by_make_demo():
    """`make demo` in a fresh clone writes over reports/demo: that folder must carry the marker of a wordeval
    report, or the demo refuses to start ("holds files wordeval did not write")."""
    from pathlib import Path

    from wordeval.output_paths import check_output, marker_kind

    demo_dir = Path(__file__).resolve().parents[1] / "reports" / "demo"
    if not demo_dir.is_dir():
        pytest.skip("no committed demo report in this checkout")
    assert marker_kind(demo_dir) == "report"
    assert check_output(demo_dir, "report") == demo_dir


def test_the_demo_asks_for_passive_openmp_before_anything_loads_torch(tmp_path):
    """The demo's first representation trains torch taggers before MiniLM's encoder is built, and the encoder
    can set OMP_WAIT_POLICY only while torch is not loaded: the demo sets it first (unless the user did)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    code = ("import os, sys, wordeval.cli.demo as d\n"
            "try:\n"
            "    d.run(d.argparse.Namespace(only=['nobody'], store=sys.argv[1], out=sys.argv[2]), progress=False)\n"
            "except Exception:\n"
            "    pass\n"
            "print(os.environ.get('OMP_WAIT_POLICY'), 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s"), str(tmp_path / "r")], env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.stdout.split()[0] == "PASSIVE", out.stderr[-2000:]


def test_scatter_labels_of_close_points_do_not_overlap():
    """The demo's spaCy-md and LSA-news had mean ranks 0.5 apart on one axis and equal on the other: their
    labels printed over each other. Boxes are the rendered text's extents (the layout's own estimate was the
    oracle before, and shared its error)."""
    from wordeval.report.plots import _figure, _style
    from wordeval.report.scatter_labels import place_labels

    with _style():
        fig = _figure(figsize=(5, 4.5))
        fig.subplots_adjust(left=0.13, right=0.95, bottom=0.12, top=0.92)
        ax = fig.add_subplot()
        ax.set_xlim(6.5, 0.5)
        ax.set_ylim(6.5, 0.5)
        points = [(3.8, 4.33), (3.3, 4.33), (3.55, 4.4), (1.0, 1.0)]
        texts = ["spaCy-md", "LSA-news", "word2vec-news", "MiniLM"]
        offsets = [p[:3] for p in place_labels(ax, points, texts, fontsize=8)]
        anns = [ax.annotate(t, p, textcoords="offset points", xytext=(dx, dy), ha=ha, fontsize=8)
                for p, t, (dx, dy, ha) in zip(points, texts, offsets)]
        renderer = fig.canvas.get_renderer()
        boxes = [a.get_window_extent(renderer) for a in anns]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    # alone, but at the top-right corner: the usual place (right-above) would cross the axes' spine, so left
    assert offsets[3] == (-5, 4, "right")


def test_protocol_shows_the_learner_settings_used_for_options_left_at_their_default():
    from wordeval.report.protocol import protocol_of

    recs = _store()
    for r in recs:
        if r.task == "pos/toy":
            r.config = {**r.config, "patience": None, "learner_settings": {"patience": 3, "decode": "greedy"}}
    comp = compare(recs, n_boot=50)
    (pos,) = [t for t in protocol_of(comp)["tasks"] if t["task"] == "pos/toy"]
    assert pos["policies"]["patience"] == "3"


def test_latex_methods_name_only_the_paired_tests_that_ran(tmp_path):
    comp = compare(_store(), n_boot=50)
    codes = {t["code"] for t in comp.tests}
    tex = (write_report(comp, tmp_path / "rep", figures=False) / "report.tex").read_text(encoding="utf-8")
    methods = tex[tex.index("\\section*{Methods}"):tex.index("\\begin{table*}")]
    assert ("Williams" in methods) == ("W" in codes) and ("McNemar" in methods) == ("M" in codes)
    assert ("seeds where several seeds ran" in methods) == ("S" in codes)


def test_protocol_names_the_settings_that_change_what_is_measured():
    """A CRF with the word/shape features (lexical = true) read as a CRF on the embedding alone; strict span
    scoring was not named either. Empty tables (fine-tuning options of a learner that does not fine-tune) and
    SIF's a under mean pooling stay out."""
    from wordeval.report.protocol import protocol_of

    recs = _store()
    for r in recs:
        if r.task == "pos/toy":
            r.config = {**r.config, "learner": "crf", "lexical": True, "chunks": "strict", "finetune": {},
                        "sif_a": 0.001, "pooling": "mean"}
    comp = compare(recs, n_boot=50)
    (pos,) = [t for t in protocol_of(comp)["tasks"] if t["task"] == "pos/toy"]
    assert pos["policies"]["lexical"] == "True" and pos["policies"]["chunks"] == "strict"
    assert "finetune" not in pos["policies"] and "sif_a" not in pos["policies"]


def test_no_flip_is_called_strongest_when_several_share_the_smallest_p():
    from types import SimpleNamespace

    from wordeval.report.summary import _flip_lines

    def flip(a, b, p):
        return {"intrinsic": "similarity/x", "extrinsic": "pos/y", "ahead_intrinsic": a, "ahead_extrinsic": b,
                "p_intrinsic": p, "p_extrinsic": p, "p_max": p, "floor_intrinsic": False, "floor_extrinsic": False,
                "significant": False}

    params = {"alpha": 0.05}
    tied = _flip_lines(SimpleNamespace(flips=[flip("A", "B", 1.0), flip("C", "D", 1.0)], parameters=params))[0]
    assert "Strongest" not in tied
    assert ("2 flips tie as the strongest (none significant): a flip is as strong as the larger corrected "
            "p-value of its two tests, and theirs are equal; one of them: A beats B") in tied
    alone = _flip_lines(SimpleNamespace(flips=[flip("A", "B", 0.2), flip("C", "D", 1.0)], parameters=params))[0]
    assert "Strongest (not significant): A beats B" in alone


@pytest.mark.parametrize("tasks", [("similarity/toy",), ("similarity/myws", "similarity/simlex999")])
def test_figure_texts_stay_inside_the_figure(monkeypatch, tmp_path, tasks):
    """The rank scatter cut the label of the representation ranked first ("glove-6b-5") at the figure's right
    edge, and the heatmap its colorbar's label; every text's drawn box must lie in the figure. Three tasks with
    a README user's names (similarity/myws, similarity/simlex999, pos/toy) made the axes, and so the colorbar,
    shorter than its one-line label, which ran off the figure's top ("...representatio")."""
    import numpy as np

    from tests._records import make_record
    from wordeval.report import plots
    from wordeval.report.compare import compare

    rng = np.random.default_rng(2)
    gold = rng.normal(size=60)
    total = rng.integers(5, 20, size=50)
    recs = []
    for k, name in enumerate(("glove-6b-50d-first", "second", "third", "fourth")):
        pred = gold + rng.normal(scale=0.3 + k, size=60)
        for task in tasks:
            recs.append(make_record(name, task, {"id": list(range(60)), "gold": gold, "pred": pred}))
        correct = rng.binomial(total, 0.9 - 0.1 * k)
        recs.append(make_record(name, "pos/toy", {"id": list(range(50)), "correct": correct, "total": total}))
    comp = compare(recs, n_boot=50)
    drawn = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: drawn.setdefault(stem, fig) and [])
    plots.rank_scatter(comp, tmp_path)
    plots.correlation_heatmap(comp, tmp_path)
    assert set(drawn) == {"rank_scatter", "correlation_heatmap"}
    for stem, fig in drawn.items():
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        bounds = fig.bbox
        for text in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_window_extent")):
            if not text.get_visible() or not text.get_text().strip():
                continue
            box = text.get_window_extent(renderer)
            assert (box.x0 >= bounds.x0 - 1 and box.x1 <= bounds.x1 + 1 and box.y0 >= bounds.y0 - 1
                    and box.y1 <= bounds.y1 + 1), (stem, text.get_text(), box, bounds)


def test_texts_an_encoder_cut_are_named_in_the_notes():
    """A record's extra.cut_texts (how many texts a sentence encoder read only up to its length limit) was in
    the record alone: the notes now say it per task and representation, and say nothing where none was cut."""
    from tests._records import cli_records
    from wordeval.report.compare import compare

    records = cli_records()
    cls = {r.label: r for r in records if r.family == "classification"}
    cls["C"].extra = {"cut_texts": {"train": {"texts": 1781, "cut": 1563, "max_tokens": 256},
                                    "test": {"texts": 222, "cut": 190, "max_tokens": 256}}}
    cls["B"].extra = {"cut_texts": {"test": {"texts": 222, "cut": 0, "max_tokens": 256}}}
    notes = [n for n in compare(records, n_boot=50).notes if "length limit" in n]
    assert notes == ["classification/toy: C read 1,563 of 1,781 train texts and 190 of 222 test texts only up to "
                     "their first 256 tokens (its length limit); the rest of those texts played no part in its "
                     "score."]


def test_words_a_transformer_did_not_read_whole_are_named_in_the_notes():
    """extra.token_windows was in the tagging record alone: a word read as [UNK] or only in part did not
    show in the report. Sentences that were only windowed (every word read whole) are no note."""
    from tests._records import cli_records
    from wordeval.report.compare import compare

    def windows(unk, longer, windowed):
        return {"sentences": 50, "windowed": windowed, "words": 700, "unknown_piece_words": unk,
                "words_longer_than_window": longer, "window_pieces": 510, "stride": 255}

    records = cli_records()  # the note reads extra alone: the toy records stand in for tagging ones
    cls = {r.label: r for r in records if r.family == "classification"}
    cls["C"].extra = {"token_windows": {"train": windows(3, 0, 2), "test": windows(1, 1, 1)}}
    cls["B"].extra = {"token_windows": {"test": windows(0, 0, 5)}}
    notes = [n for n in compare(records, n_boot=50).notes if "unknown piece" in n or "only in part" in n]
    assert notes == ["classification/toy: C read 3 of 700 train and 1 of 700 test words as its unknown piece "
                     "(no subword of their own); and 1 of 700 test words only in part (longer than its "
                     "window of 510 pieces)."]


def test_a_top_tau_of_zero_or_below_names_no_best_predictor_and_zero_is_no_disagreement():
    """ner-like task whose best τ over 4 representations is 0: the summary said '... tie at the top (τ = 0.00
    ...); the disagreement could be chance', and with a negative top τ it named a 'best predictor'."""
    import numpy as np
    from scipy.stats import kendalltau

    from tests._records import make_record

    rng = np.random.default_rng(3)
    gold = rng.normal(size=300)
    noise = {"A": 0.2, "B": 0.6, "C": 1.2, "D": 3.0}  # similarity: A > B > C > D
    acc = {"A": 0.8, "B": 0.6, "C": 0.9, "D": 0.7}  # pos: C > A > D > B, τ = 0 with the similarity ranking
    recs = []
    for name in "ABCD":
        pred = gold + rng.normal(scale=noise[name], size=gold.size)
        recs.append(make_record(name, "similarity/toy", {"id": list(range(gold.size)), "gold": gold, "pred": pred}))
        total = np.full(400, 20)
        recs.append(make_record(name, "pos/toy", {"id": [f"s{i}" for i in range(400)],
                                                 "correct": rng.binomial(total, acc[name]), "total": total}))
    comp = compare(recs, n_boot=50)
    common = {t: [comp.cells[(r, t)]["common_value"] for r in "ABCD"] for t in ("similarity/toy", "pos/toy")}
    assert kendalltau(common["similarity/toy"], common["pos/toy"]).statistic == 0
    (line,) = [s for s in comp.summary if s.startswith("pos/toy")]
    assert "the disagreement" not in line and "best predicted" not in line and "tie at the top" not in line
    assert "neither agreement nor disagreement" in line


def test_latex_methods_describe_no_rank_agreement_or_correction_that_did_not_run(tmp_path):
    """Intrinsic tasks only: Methods described a Kendall τ permutation test 'following Chiu et al..' (no
    citation, two periods); one representation: 'Paired tests: none ran; all 0 tests corrected together'."""
    from tests._records import toy_records

    intrinsic = [r for r in toy_records() if r.kind == "intrinsic"]
    for name, recs in (("two", [r for r in intrinsic if r.embedding["name"] in "AB"]),
                       ("one", [r for r in intrinsic if r.embedding["name"] == "A"])):
        comp = compare(recs, n_boot=50)
        tex = (write_report(comp, tmp_path / name, figures=False) / "report.tex").read_text(encoding="utf-8")
        methods = tex[tex.index("\\section*{Methods}"):tex.index("\\begin{table*}")]
        assert "Rank agreement" not in methods and "Chiu" not in methods and ".." not in methods
        assert ("all 0 tests" not in methods) and (("none ran" in methods) == (name == "one"))


def test_a_representation_covering_no_item_is_said_to_cover_none_not_to_lack_per_item_scores():
    import warnings

    from tests._records import make_record, toy_records

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy on an empty column
        empty = make_record("Z", "similarity/toy", {"id": [], "gold": [], "pred": []})
    empty.n_total = 200
    comp = compare(toy_records() + [empty], n_boot=50)
    notes = [n for n in comp.notes if n.startswith("similarity/toy")]
    assert notes == ["similarity/toy: no item covered by Z (0 of 200), so no score: left out of its ranking, "
                     "paired tests and the agreement analysis."]
    assert "Z" not in comp.rankings["similarity/toy"]


def test_the_rank_column_shares_a_rank_where_the_ranking_writes_equal(tmp_path):
    """The ranking wrote 'A = B > C' (A, B not significantly apart) while results.csv ranked them 1, 2, 3."""
    import csv

    import numpy as np

    from tests._records import make_record

    rng = np.random.default_rng(5)
    gold = rng.normal(size=300)
    recs = [make_record(name, "similarity/toy", {"id": list(range(300)), "gold": gold,
                                                 "pred": gold + rng.normal(scale=scale, size=300)})
            for name, scale in (("A", 1.0), ("B", 1.02), ("C", 6.0))]
    comp = compare(recs, n_boot=200)
    order, rel = comp.rankings["similarity/toy"], comp.relations["similarity/toy"]
    values = [comp.cells[(r, "similarity/toy")]["common_value"] for r in order]
    assert order[2] == "C" and rel == ["=", ">"] and values[0] != values[1]
    out = write_report(comp, tmp_path / "rep", figures=False)
    ranks = {r["representation"]: r["rank"] for r in csv.DictReader((out / "results.csv").open(encoding="utf-8"))}
    assert ranks == {order[0]: "1", order[1]: "1", "C": "3"}


def test_the_tau_row_of_an_analogy_over_different_candidate_sets_is_flagged_in_every_format(tmp_path):
    """The correlation table flagged analogy/toy § (candidate sets of 30,000 and 400,000 words) while its τ row,
    which rests on the same ranking, carried no flag in the md, HTML or LaTeX τ table."""
    comp = compare(_store(("A", "B", "C", "D")), n_boot=50)
    assert "analogy/toy" in comp.correlation["flagged"] and any(r["intrinsic"] == "analogy/toy" for r in comp.taus)
    out = write_report(comp, tmp_path / "rep", figures=False)
    md = (out / "report.md").read_text(encoding="utf-8")
    tau_md = md[md.index("## Kendall"):md.index("## Flipped")]
    assert "| analogy/toy § |" in tau_md and "analogy/toy §: the representations searched" in tau_md
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<tr><th scope='row'>analogy/toy §</th>" in html  # the row's header
    tex = (out / "report.tex").read_text(encoding="utf-8")
    tau_tex = tex[tex.index(r"\label{tab:wordeval-rankings}"):tex.index(r"\label{tab:wordeval-tau}")]
    assert "analogy/toy \\S{} &" in tau_tex


def test_cells_left_out_for_another_embedding_under_the_label_are_not_called_never_computed():
    """Two stores where label A named two files: A's older records were left out with a note, and then the
    same cells were listed as 'never computed (an interrupted run ...)'."""
    import numpy as np

    from tests._records import make_record, toy_records

    gold = np.arange(12.0)
    newer = make_record("A", "similarity/other", {"id": list(range(12)), "gold": gold, "pred": gold ** 2},
                        fingerprint="sha256:A-v2", time="2025-01-01")
    comp = compare(toy_records() + [newer], n_boot=50)
    assert any(n.startswith("A: 1 record(s) on word-level tasks") for n in comp.notes)
    never = [n for n in comp.notes if "never computed" in n]
    assert never and all("A × similarity/toy" not in n for n in never)
    assert "B × similarity/other" in never[0]


def test_the_heatmap_flags_an_analogy_over_different_candidate_sets_as_its_table_does(monkeypatch, tmp_path):
    from wordeval.report import plots

    comp = compare(_store(("A", "B", "C", "D")), n_boot=50)
    drawn = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: drawn.setdefault(stem, fig) and [])
    plots.correlation_heatmap(comp, tmp_path)
    ax = drawn["correlation_heatmap"].axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "analogy/toy §" in ticks and "similarity/toy" in ticks


def test_the_rank_scatter_draws_representations_at_the_same_ranks_as_one_labelled_point(monkeypatch, tmp_path):
    """Two representations at the same mean ranks were two markers at one place, the second hiding the first,
    and their labels were placed around it as if for two points."""
    import numpy as np
    from matplotlib.text import Annotation

    from tests._records import make_record
    from wordeval.report import plots

    rng = np.random.default_rng(4)
    gold = rng.normal(size=80)
    pred = {"A": gold + rng.normal(scale=0.5, size=80), "C": gold + rng.normal(scale=3.0, size=80)}
    pred["B"] = pred["A"]
    total = np.full(60, 20)
    correct = {"A": rng.binomial(total, 0.9), "C": rng.binomial(total, 0.5)}
    correct["B"] = correct["A"]
    recs = [make_record(n, "similarity/toy", {"id": list(range(80)), "gold": gold, "pred": pred[n]}) for n in "ABC"]
    recs += [make_record(n, "pos/toy", {"id": list(range(60)), "correct": correct[n], "total": total}) for n in "ABC"]
    comp = compare(recs, n_boot=50)
    xi, xe = comp.mean_ranks("intrinsic"), comp.mean_ranks("extrinsic")
    assert (xi["A"], xe["A"]) == (xi["B"], xe["B"]) != (xi["C"], xe["C"])
    drawn = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: drawn.setdefault(stem, fig) and [])
    plots.rank_scatter(comp, tmp_path)
    ax = drawn["rank_scatter"].axes[0]
    labels = {t.get_text(): t for t in ax.texts if isinstance(t, Annotation)}
    assert sorted(labels) == ["A, B", "C"]
    # one marker per representation (test_rank_scatter_coinciding_points: side by side, each visible); a lone
    # point's label in its marker's colour, darkened (its hue kept) to be legible on white (styles.text_colour)
    from wordeval.report.styles import text_colour

    markers = {c.get_label(): c for c in ax.collections}
    assert sorted(markers) == ["A", "B", "C"]
    assert tuple(labels["C"].get_color()) == tuple(text_colour(markers["C"].get_facecolor()[0]))


def test_correction_none_is_never_described_as_a_correction(tmp_path):
    """--correction none printed '36 pair test(s) over representations, corrected together (no correction)',
    'after no correction correction over 36 tests' and 'corrected p-values ... (no correction over 36 tests)'."""
    comp = compare(_store(("A", "B", "C", "D")), n_boot=50, correction="none")
    out = write_report(comp, tmp_path / "rep", figures=False)
    for name in ("report.md", "report.tex", "report.html"):
        text = (out / name).read_text(encoding="utf-8")
        for wrong in ("corrected together", "no correction correction", "no correction over", "corrected p",
                      "corrected $p", "after correction", "smallest larger corrected"):
            assert wrong not in text, (name, wrong)
    assert any("not corrected for multiple testing" in s for s in comp.summary)


def test_report_tex_says_what_was_skipped_and_the_notes_as_report_md_does(tmp_path):
    from tests._records import toy_records

    records = [r for r in toy_records() if not (r.embedding["name"] == "B" and r.task == "pos/toy")]
    skipped = [{"task": "pos/toy", "embedding": "B", "reason": "no data home (set WORDEVAL_DATA to 50% of it)"}]
    comp = compare(records, skipped=skipped, n_boot=20)
    comp.notes.append("a_b & c: 100% #1")
    tex = (write_report(comp, tmp_path / "rep", figures=False) / "report.tex").read_text(encoding="utf-8")
    tail = tex[tex.index(r"\section*{Protocol}"):].replace(r"\allowbreak{}", "")  # a break point, no character
    assert (r"\section*{Skipped}" in tail and
            r"\item pos/toy on B: no data home (set WORDEVAL\_DATA to 50\% of it)" in tail)
    assert r"\section*{Notes}" in tail and r"\item a\_b \& c: 100\% \#1" in tail


def test_task_bars_say_which_tasks_have_too_few_items_for_a_ci(monkeypatch, tmp_path):
    import numpy as np

    from tests._records import make_record
    from wordeval.report import plots

    rng = np.random.default_rng(1)
    recs = []
    for task, n in (("similarity/few", 8), ("similarity/many", 60)):
        gold = rng.normal(size=n)
        recs += [make_record(name, task, {"id": list(range(n)), "gold": gold, "pred": gold + rng.normal(size=n)})
                 for name in "AB"]
    comp = compare(recs, n_boot=50)
    drawn = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: drawn.setdefault(stem, fig) and [])
    plots.task_bars(comp, tmp_path)
    ticks = [t.get_text() for t in drawn["task_bars"].axes[0].get_yticklabels()]
    assert ticks == ["similarity/few (spearman) [8 word pairs: no CI]", "similarity/many (spearman)"]


def test_task_bars_name_the_representation_whose_bar_alone_has_no_ci(monkeypatch, tmp_path):
    """A 5,000-word embedding covered 6 of MC-30's 30 pairs, GloVe all 30: the task's label said
    'similarity/mc30 (spearman) [6 items: no CI]' beside GloVe's bar with its interval, as if the task had 6
    items. The label now names the bare bar's representation and its count."""
    import numpy as np

    from tests._records import make_record
    from wordeval.report import plots

    rng = np.random.default_rng(1)
    gold = rng.normal(size=30)
    pred = gold + rng.normal(size=30)
    recs = [make_record("glove", "similarity/mc30", {"id": list(range(30)), "gold": gold, "pred": pred}),
            make_record("mine", "similarity/mc30", {"id": list(range(6)), "gold": gold[:6],
                                                    "pred": pred[:6]})]
    comp = compare(recs, n_boot=50)
    assert comp.cells[("glove", "similarity/mc30")]["ci"][0] is not None
    drawn = {}
    monkeypatch.setattr(plots, "_save", lambda fig, out, stem: drawn.setdefault(stem, fig) and [])
    plots.task_bars(comp, tmp_path)
    ticks = [t.get_text() for t in drawn["task_bars"].axes[0].get_yticklabels()]
    assert ticks == ["similarity/mc30 (spearman) [no CI: mine 6 word pairs]"]


def test_latex_methods_give_the_resamples_and_seeds_the_intervals_were_drawn_with(tmp_path):
    """Methods said '(50 resamples, seed 7)' (the comparison's --n-boot and --seed) for intervals that single
    records carried from their runs, drawn with 1,000 resamples and the run's seed."""
    from tests._records import toy_records

    recs = toy_records()
    for r in recs:
        if r.task == "similarity/toy":
            r.ci = {"spearman": [0.1, 0.2]}
            r.config = {**r.config, "n_boot": 1000, "ci_level": 0.95}
    comp = compare(recs, n_boot=50, seed=7)
    tex = (write_report(comp, tmp_path / "rep", figures=False) / "report.tex").read_text(encoding="utf-8")
    methods = tex[tex.index("\\section*{Methods}"):tex.index("\\begin{table*}")]
    assert "(50 or 1,000 resamples; a cell of one record keeps the interval drawn when it was computed" in methods
    assert "seed 7)" in methods and "(50 resamples, seed 7)" not in methods


@pytest.mark.parametrize("lacking, named", [("D", "D"), ("DEFGH", "D, E, F and 2 more")])
def test_representations_without_per_item_scores_are_named(lacking, named):
    """'similarity/toy: 1 representation(s) without per-item scores left out' did not say which one."""
    import warnings

    from tests._records import make_record, toy_records

    recs = toy_records()
    for name in lacking:
        rec = make_record(name, "similarity/toy", {"id": list(range(5)), "gold": [1, 2, 3, 4, 5],
                                                   "pred": [2, 1, 4, 3, 5]})
        rec.per_item = {}
        recs.append(rec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        comp = compare(recs, n_boot=50)
    notes = [n for n in comp.notes if "without per-item scores" in n]
    assert notes == [f"similarity/toy: {len(lacking)} representation(s) without per-item scores ({named}) left out "
                     "of the paired tests and the agreement analysis."]


def test_the_task_bars_caption_gives_the_resamples_and_where_n_is(tmp_path):
    """'Scores per task with 95% bootstrap confidence intervals' gave neither the resamples behind the bars
    nor where their n is. Oracle: the comparison drew every interval itself, with --n-boot 123."""
    from tests._records import toy_records
    from wordeval.report.plots import figure_captions

    comp = compare(toy_records(), n_boot=123)
    caption = figure_captions(comp)["task_bars"]
    assert caption == ("Each representation's score per task on its own covered items (n: the Results "
                       "table's coverage column), with its 95% item-bootstrap CI (123 resamples).")
    md = (write_report(comp, tmp_path / "rep") / "report.md").read_text(encoding="utf-8")
    assert f"_{caption}_" in md


@pytest.mark.parametrize("correction", ["holm", "none"])
def test_the_pair_tests_line_says_how_many_were_significant(correction):
    """'24 pair test(s) over representations, corrected together (Holm (1979)); significant means corrected
    p < 0.05' left the count to be read off every ranking. Oracle: Holm's step-down by hand over the raw
    p-values (no copies here, so one test per hypothesis), or the raw p-values without a correction."""
    comp = compare(_store(("A", "B", "C", "D", "E")), n_boot=2000, correction=correction)
    raw = sorted(t["p_value"] for t in comp.tests if math.isfinite(t["p_value"]))
    m = len(raw)
    assert m == comp.parameters["n_pair_tests"] == 24 and comp.parameters["n_duplicate_tests"] == 0
    if correction == "holm":
        adjusted, running = [], 0.0
        for i, p in enumerate(raw):
            running = max(running, min(1.0, (m - i) * p))
            adjusted.append(running)
    else:
        adjusted = raw
    k = sum(p < 0.05 for p in adjusted)
    assert 0 < k < m  # neither none nor all: the count is read, not a default
    (line,) = [s for s in comp.summary if "pair test(s) over representations" in s]
    if correction == "holm":
        assert line.startswith(f"24 pair test(s) over representations, corrected together (Holm (1979)): {k} "
                               f"significant (corrected p < 0.05).")
    else:
        assert line.startswith(f"24 pair test(s) over representations, not corrected for multiple testing "
                               f"(--correction none): {k} significant (p < 0.05).")


def test_a_copys_repeated_tests_count_once_among_the_significant():
    """A copy of A (identical per-item outputs) repeats A's tests against B and C: each hypothesis is one of
    the m tests, and so one of the significant; counting the test results said more significant than tests."""
    import dataclasses

    records = _store(("A", "B", "C"))
    records += [dataclasses.replace(r, embedding={**r.embedding, "name": "A2"}) for r in records
                if r.embedding["name"] == "A"]
    comp = compare(records, n_boot=2000)
    below = [t for t in comp.tests if math.isfinite(t["p_adjusted"]) and t["p_adjusted"] < 0.05]
    hypotheses = {(t["task"], frozenset(x.replace("A2", "A") for x in (t["a"], t["b"]))) for t in below}
    assert len(below) > len(hypotheses) == comp.parameters["n_pair_tests"]
    (line,) = [s for s in comp.summary if "pair test(s) over representations" in s]
    assert line.startswith(f"{len(hypotheses)} pair test(s) over representations, corrected together "
                           f"(Holm (1979)): {len(hypotheses)} significant (corrected p < 0.05).")
