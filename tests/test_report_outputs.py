"""What a report says and how it is written: ties, coverage and candidate-set flags in every format, seeds as
mean ± sd, the quick-profile label, the Protocol section, LaTeX/Markdown escaping of hostile labels, figures
that survive mathtext, and references.bib parsed by bibtexparser with every \\cite resolved."""
from __future__ import annotations

import csv
import json
import re

import numpy as np
import pytest

from tests._oracles import hand_holm
from tests._records import make_record, toy_records
from wordeval.errors import ConfigError
from wordeval.report.compare import compare
from wordeval.report.writer import write_report

EVIL = "$x^$ <b>&amp; 50% #1 {c} ~d \\e_f|g\nh"


def _sim(name, gold, pred, ids=None, **kw):
    ids = list(range(len(gold))) if ids is None else ids
    return make_record(name, "similarity/toy", {"id": ids, "gold": list(gold), "pred": list(pred)}, **kw)


def _pos(name, correct, total, seed=0, profile=None):
    rec = make_record(name, "pos/toy", {"id": list(range(len(total))), "correct": list(correct),
                                        "total": list(total)}, seed=seed)
    rec.extra = {"protocol": {"n_sentences": {"train": 100, "dev": 20, "test": len(total)},
                              "n_available": {"train": 1000, "dev": 200, "test": 5 * len(total)},
                              "seeds": [seed], "learner": "mlp"},
                 "per_seed": {"seed": [seed], "best_epoch": [9], "converged": [seed != 2]}}  # 0-based: the 10th
    rec.config = {"oov": "zero", "learner": "mlp", "learner_params": {"epochs": 10}, "n_seeds": 1,
                  **({"profile": profile} if profile else {})}
    rec.scores["oov_rate"] = 0.05
    return rec


def _analogy(name, correct, n_candidates):
    rec = make_record(name, "pos/toy", {"id": list(range(len(correct))), "correct": list(correct),
                                        "total": [1] * len(correct)})
    rec.task, rec.family, rec.kind, rec.scorer = "analogy/toy", "analogy", "intrinsic", "mean:correct"
    rec.per_item = {"id": list(range(len(correct))), "correct": list(correct)}
    rec.scores = {"accuracy": float(np.mean(correct))}
    rec.ci = {}
    rec.config = {"method": "3cosadd", "oov": "skip", "case": "exact"}
    rec.extra = {"candidate_vocabulary": {"n_candidates": n_candidates, "restrict_vocab": None,
                                          "vocab_size": n_candidates}}
    return rec


def _store(reps=("A", "B", "C", "D"), n=120, seed=0, profile=None):
    """Four representations: A and its exact copy, B, C; D covers 80% of the similarity pairs; three seed records
    per POS cell."""
    rng = np.random.default_rng(seed)
    gold = rng.normal(size=n)
    total = rng.integers(5, 20, size=80)
    out = []
    for k, name in enumerate(reps):
        pred = gold + rng.normal(scale=0.4 + k, size=n)
        ids = list(range(n)) if name != "D" else list(range(int(0.8 * n)))
        out.append(_sim(name, gold[ids], pred[ids], ids=ids))
        out[-1].n_total = n  # D skipped 20% of the pairs (OOV)
        for s in range(3):
            out.append(_pos(name, rng.binomial(total, 0.6 + 0.08 * k), total, seed=s, profile=profile))
        out.append(_analogy(name, (rng.random(200) < 0.3 + 0.1 * k).astype(int), 30000 if k < 2 else 400000))
    return out


def test_exact_copy_is_tied_not_ranked_and_never_best():
    recs = _store(("A", "B"))
    copy = [r for r in _store(("A",)) if r.task == "similarity/toy"][0]
    copy.embedding = dict(copy.embedding, name="A-copy")
    comp = compare(recs + [copy], n_boot=100)
    order, rel = comp.rankings["similarity/toy"], comp.relations["similarity/toy"]
    i = order.index("A")
    assert {order[i - 1] if i else order[i + 1], "A"} == {"A", "A-copy"}
    assert "=" in rel
    assert comp.cells[("A", "similarity/toy")]["rank"] == comp.cells[("A-copy", "similarity/toy")]["rank"]
    assert comp.best["similarity/toy"]["representation"] not in ("A", "A-copy")
    test = next(t for t in comp.tests if {t["a"], t["b"]} == {"A", "A-copy"})
    # identical outputs: a tie by definition, no test, not among the m of the correction
    assert test["tie"] and test["identical"] and np.isnan(test["p_value"]) and test["code"] == "="
    assert comp.parameters["n_identical_pairs"] == 1


def test_identical_and_few_item_pairs_leave_holm_m_to_the_real_tests(tmp_path):
    """Three representations, A-copy an exact copy of A, on two tasks of 60 and 50 pairs and one of 7: the 7-pair
    task gets no test at all (its A = A-copy tie included, before 'B, p = 1' counted in m) and is named with
    the too-few tasks; the identical pairs are ties, not tests. A vs B and A-copy vs B test one hypothesis per
    task, so Holm's m is 2, and each corrected p is Holm over those 2 computed by hand (a hypothesis' p: the
    larger of its two tests')."""
    rng = np.random.default_rng(3)
    recs = []
    for task, n in (("similarity/big", 60), ("similarity/big2", 50), ("similarity/few", 7)):
        gold = rng.normal(size=n)
        pa, pb = gold + rng.normal(scale=0.5, size=n), gold + rng.normal(scale=1.5, size=n)
        for name, pred in (("A", pa), ("A-copy", pa.copy()), ("B", pb)):
            recs.append(make_record(name, task, {"id": list(range(n)), "gold": list(gold), "pred": list(pred)}))
    comp = compare(recs, n_boot=200)
    p = comp.parameters
    assert (p["n_pair_tests"], p["n_identical_pairs"], p["n_too_few_pairs"], p["n_duplicate_tests"]) == (2, 2, 3, 2)
    tested = [t for t in comp.tests if np.isfinite(t["p_value"])]
    assert sorted((t["task"], t["a"], t["b"]) for t in tested) == [
        ("similarity/big", "A", "B"), ("similarity/big", "A-copy", "B"),
        ("similarity/big2", "A", "B"), ("similarity/big2", "A-copy", "B")]
    tasks = ("similarity/big", "similarity/big2")
    per_task = [max(t["p_value"] for t in tested if t["task"] == task) for task in tasks]
    for task, expect in zip(tasks, hand_holm(per_task)):
        for t in (t for t in tested if t["task"] == task):
            assert t["p_adjusted"] == pytest.approx(expect, rel=1e-12)
    few = [t for t in comp.tests if t["task"] == "similarity/few"]
    assert len(few) == 3 and all(t["test"] == "none" and "too few" in t["not_compared"] for t in few)
    assert comp.best["similarity/few"]["test"]["not_compared"].startswith("7 common word pairs, too few")
    summary = "\n".join(comp.summary)
    assert "too few common items for a paired bootstrap (at least 10): similarity/few (7 word pairs)" in summary
    assert "Identical per-item outputs" in summary and "A = A-copy on similarity/big, similarity/big2" in summary
    assert "Not tests and not counted: 2 pair(s) with identical per-item outputs and 3 pair(s) on tasks" in summary
    assert "A = A-copy" in " ".join(f"{a} {r} {b}" for a, r, b in zip(comp.rankings["similarity/big"],
                                                                      comp.relations["similarity/big"],
                                                                      comp.rankings["similarity/big"][1:]))
    md = (write_report(comp, tmp_path / "rep", figures=False) / "report.md").read_text(encoding="utf-8")
    assert "over 2 pair tests; not tested and not counted: 2 pair(s) with identical per-item outputs" in md
    assert "B, p = 1" not in md


@pytest.mark.parametrize("alpha", [0, -0.1, 0.51, 7, float("nan"), "x"])
def test_compare_refuses_an_alpha_outside_0_to_half(alpha):
    with pytest.raises(ConfigError, match="alpha"):
        compare(_store(("A", "B")), n_boot=20, alpha=alpha)


def test_compare_refuses_an_unknown_correction():
    with pytest.raises(ConfigError, match="correction"):
        compare(_store(("A", "B")), n_boot=20, correction="bonferroni")


def test_every_format_flags_coverage_candidates_seeds_and_the_quick_profile(tmp_path):
    comp = compare(_store(profile="quick"), n_boot=100)
    cell = comp.cells[("D", "similarity/toy")]
    assert cell["flags"] == ["coverage"] and cell["coverage"] == pytest.approx(0.8)
    assert comp.task("similarity/toy")["n_common"] == 96  # the items every representation covers
    assert "candidates" in comp.cells[("A", "analogy/toy")]["flags"]
    pos = comp.cells[("A", "pos/toy")]
    assert pos["n_seeds"] == 3 and pos["sd"] is not None and "not_converged" in pos["flags"]
    assert pos["sd"] == pytest.approx(np.std(pos["seed_values"], ddof=1))
    assert comp.task("pos/toy")["tests"] == ["S"]  # items × seeds
    out = write_report(comp, tmp_path / "rep")
    md = (out / "report.md").read_text()
    heads = [line for line in md.splitlines() if line.startswith("## ") and any(
        w in line for w in ("Results", "Ranking", "Kendall", "Flipped", "correlation", "Protocol"))]
    assert len(heads) == 6 and all("quick profile — not for citation" in h for h in heads)
    assert "‡" in md and "§" in md and "†" in md and " ± " in md and "30,000 candidates" in md
    assert "400,000 candidates" in md and "OOV 5.0%" in md
    assert "subsampling: train 100 of 1,000 sentences, dev 20 of 200 sentences, test 80 of 400 sentences" in md
    assert "max 10, best epoch per seed 10, 10, 10, not converged in 1/3 seed(s)" in md
    tex = (out / "report.tex").read_text()
    assert "$^{\\ddagger}$" in tex and "\\S{}" in tex and "quick profile" in tex and "$\\pm$" in tex
    html = (out / "report.html").read_text()
    assert "‡" in html and "§" in html and html.count("quick profile — not for citation") >= 6
    rows = {(r["representation"], r["task"]): r for r in csv.DictReader((out / "results.csv").open())}
    assert rows[("D", "similarity/toy")]["flags"] == "coverage"
    assert "candidates" in rows[("A", "analogy/toy")]["flags"] and rows[("A", "pos/toy")]["n_seeds"] == "3"
    # each row names the profile its own records ran under (the quick label stays in the titles above)
    assert rows[("A", "pos/toy")]["profile"] == "quick"
    data = json.loads((out / "results.json").read_text())
    table = {(r["representation"], r["task"]): r for r in data["comparison"]["table"]}
    assert table[("D", "similarity/toy")]["flags"] == "coverage" and data["comparison"]["quick_profile"] is True
    assert data["comparison"]["protocol"]["quick"] is True


def test_summary_names_the_representations_each_cell_used_and_follows_the_rule():
    recs = _store(("A", "B", "C", "D", "E"))
    comp = compare(recs, n_boot=100)
    assert all(r["n_representations"] == 5 for r in comp.taus)
    # analogy/toy § (τ 1) is no candidate: the line gives similarity/toy's τ of -1 as the highest
    lines = [s for s in comp.summary if "predicted" in s or "predictor" in s or "highest τ" in s]
    assert lines and all("over 5 representations" in s for s in lines)
    for row in comp.taus:
        # analogy/toy §'s τ is descriptive: no verdict, as its pairs are not comparable
        graded = ("clear", "likely", "could be chance")
        assert row["verdict"] in ((None,) if row["not_comparable"] else graded)
        assert row["permutation"] == "exact, all 120 orderings"
    assert [r["intrinsic"] for r in comp.taus if r["not_comparable"]] == ["analogy/toy"]


def test_hostile_labels_survive_every_format(tmp_path):
    import matplotlib

    backend = matplotlib.get_backend()
    parse_math = matplotlib.rcParams["text.parse_math"]
    recs = _store(("A", "B"))
    for r in recs:
        if r.label == "A":
            r.embedding = dict(r.embedding, name=EVIL)
    comp = compare(recs, n_boot=50)
    out = write_report(comp, tmp_path / "rep")
    assert matplotlib.get_backend() == backend and matplotlib.rcParams["text.parse_math"] == parse_math
    for fig in ("rank_scatter", "task_bars"):
        assert (out / "figures" / f"{fig}.png").read_bytes()[:4] == b"\x89PNG"
    md = (out / "report.md").read_text()
    # no HTML entity the Markdown writer made (the label's own "&amp;" stays text: its & is escaped, and in
    # the fenced provenance block nothing is decoded)
    prose = re.sub(r"```.*?```", "", md, flags=re.S)
    assert not re.search(r"(?<!\\)&(#\d+|#x[0-9a-f]+|[a-z]+);", prose), "an HTML entity in Markdown"
    assert "\\$x\\^\\$ \\<b>\\&amp; 50% #1 {c} \\~d \\\\e\\_f\\|g h" in md
    tables, current = [], []
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            current.append(len(re.split(r"(?<!\\)\|", line.strip())))
        elif current:
            tables.append(current)
            current = []
    assert tables and all(len(set(t)) == 1 for t in tables)  # the label's "|" and newline broke no row
    tex = (out / "report.tex").read_text()
    want = ("\\$x\\textasciicircum{}\\$ \\textless{}b\\textgreater{}\\&amp; 50\\% \\#1 \\{c\\} "
            "\\textasciitilde{}d \\textbackslash{}e\\_f\\textbar{}g h")
    assert want in tex
    assert "<b>" not in tex and "$x^$" not in tex


def _strip_comments(tex: str) -> str:
    return "\n".join(re.sub(r"(?<!\\)%.*", "", line) for line in tex.splitlines())


def test_latex_table_fits_a_page_and_braces_balance(tmp_path):
    recs = _store(tuple("ABCDEFG"[:6]))
    comp = compare(recs, n_boot=50)
    tex = (write_report(comp, tmp_path / "rep") / "report.tex").read_text()
    # wordeval's own symbols (τ, ±, ≤, ‡, —) are written as LaTeX, so with ASCII labels the file is ASCII
    assert [ch for ch in tex if ord(ch) > 127] == []
    body = _strip_comments(tex).replace("\\{", "").replace("\\}", "")
    assert body.count("{") == body.count("}")
    assert body.count("\\begin{") == body.count("\\end{")
    results = tex[tex.index("\\begin{table*}"):tex.index("\\label{tab:wordeval-results}")]
    assert "\\begin{table*}" in tex and "\\resizebox{\\ifdim\\width>\\textwidth\\textwidth\\else\\width\\fi}{!}" in results
    # six representations: split into tables of at most four, so no part grows beyond the page width
    assert all(spec.count("rl") <= 4 for spec in re.findall(r"\\begin\{tabular\}\{l((?:rl)+)\}", tex))


def test_references_parse_keys_are_unique_and_every_cite_resolves(tmp_path):
    import bibtexparser

    comp = compare(_store(), n_boot=50)
    out = write_report(comp, tmp_path / "rep")
    bib = (out / "references.bib").read_text()
    lib = bibtexparser.parse_string(bib)
    assert not lib.failed_blocks  # a duplicate key would be a failed block
    keys = [e.key for e in lib.entries]
    assert len(keys) == len(set(keys)) and "wordeval" in keys
    for e in lib.entries:
        authors = e.fields_dict.get("author")
        assert authors is None or "others" not in authors.value, e.key
        assert e.entry_type in ("article", "inproceedings", "book", "misc"), e.key
    tex = (out / "report.tex").read_text()
    cited = {k.strip() for group in re.findall(r"\\(?:no)?cite\{([^}]*)\}", tex) for k in group.split(",")}
    assert cited and cited <= set(keys)
    # the methods that produced the numbers, and nothing that did not run
    for key in ("mcnemar1947note", "koehn2004significance", "hall1991two", "holm1979simple", "kendall1938tau",
                "collobert2011natural", "paszke2019pytorch", "mikolov2013linguistic"):
        assert key in keys, key
    for key in ("okazaki2007crfsuite", "wolf2020transformers", "rehurek2010software", "williams1959comparison"):
        assert key not in keys, key


def test_one_key_per_work_across_every_citation_wordeval_ships():
    """Every BibTeX entry of every built-in task, model and method: a key names one work, a work has one key
    (same title under two keys was the CoNLL-2003 bug), and no author list ends in 'others'."""
    import bibtexparser

    from wordeval.embeddings import bert, builders, model_citations, packaged, spacy_vectors
    from wordeval.registry import REGISTRY
    from wordeval.report.bibtex_entries import METHODS, wordeval_entry
    from wordeval.tasks.task import get_task

    texts = [str(e) for e in METHODS.values()] + [str(wordeval_entry())]
    texts += list(model_citations.ARCHITECTURES.values())
    texts += [bert.MINILM_CITATION, bert.BERT_CITATION, builders.LEVY_CITATION, builders.DEERWESTER_CITATION,
              builders.MIKOLOV_CITATION, packaged.GLOVE_CITATION, spacy_vectors.SPACY_CITATION]
    texts += [get_task(n).dataset_spec.citation or "" for n in REGISTRY.names("task")]
    by_key: dict[str, str] = {}
    by_title: dict[str, str] = {}
    for text in texts:
        lib = bibtexparser.parse_string(text)
        assert not lib.failed_blocks, text[:200]
        for e in lib.entries:
            body = json.dumps({k: f.value for k, f in sorted(e.fields_dict.items())}, sort_keys=True)
            assert by_key.setdefault(e.key, body) == body, f"{e.key} has two different entries"
            title = re.sub(r"[^a-z0-9]", "", e.fields_dict["title"].value.lower())
            assert by_title.setdefault(title, e.key) == e.key, f"{e.key} and {by_title[title]} are one work"
            authors = e.fields_dict.get("author")
            assert authors is None or " others" not in authors.value, e.key
    ws = bibtexparser.parse_string(get_task("similarity/ws353").dataset_spec.citation).entries[0]
    assert ws.entry_type == "article" and ws.fields_dict["journal"].value == "ACM Transactions on Information Systems"
    assert (ws.fields_dict["volume"].value, ws.fields_dict["number"].value, ws.fields_dict["pages"].value) == \
        ("20", "1", "116--131")
    ud = bibtexparser.parse_string(get_task("pos/ud-ewt").dataset_spec.citation)
    assert {e.key for e in ud.entries} == {"silveira2014gold", "nivre2020universal"}


def test_citation_cff_and_the_wordeval_entry_agree():
    from pathlib import Path

    import wordeval
    from wordeval.report.bibtex_entries import wordeval_entry

    cff = (Path(wordeval.__file__).resolve().parent.parent / "CITATION.cff").read_text()
    title = re.search(r'^title: "(.*)"$', cff, flags=re.M).group(1)
    version = re.search(r"^version: (\S+)$", cff, flags=re.M).group(1)
    assert title in wordeval_entry() and version == wordeval.__version__.split("+")[0]


@pytest.mark.parametrize("text", [EVIL, "[a](http://x) and [b][c] and ![i](j.png)", "*x* _y_ `z` ~~s~~ <b>t</b> &lt;",
                                  "a<b c>d 1 & 2 | e", "CI [0.33, 1.00] p < 0.05", "\\*not* # h"])
def test_markdown_escape_renders_back_to_the_same_text(text):
    """Oracle: a CommonMark renderer (markdown-it-py, GFM tables and strikethrough on) shows the label as
    written — no link, tag, emphasis, entity or table cell comes out of it."""
    import html

    md_it = pytest.importorskip("markdown_it")
    from wordeval.report.tables import md_escape

    renderer = md_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    out = renderer.render(md_escape(text)).strip()
    assert out.startswith("<p>") and out.endswith("</p>") and "<" not in out[3:-4]
    assert html.unescape(out[3:-4]) == text.replace("\n", " ")
    row = renderer.render(f"| a | b |\n|---|---|\n| {md_escape(text)} | x |\n")
    assert row.count("<td>") == 2


def _intrinsic_only(reps, n=40, seed=9, missing=()):
    """Similarity on two tasks and an analogy task whose first representation searched a larger candidate set;
    no extrinsic task. ``missing``: (representation, task) cells never computed (an interrupted run)."""
    rng = np.random.default_rng(seed)
    out = []
    golds = {t: rng.normal(size=n) for t in ("similarity/one", "similarity/two")}
    for k, name in enumerate(reps):
        for task, gold in golds.items():
            if (name, task) not in missing:
                out.append(make_record(name, task, {"id": list(range(n)), "gold": list(gold),
                                                    "pred": list(gold + rng.normal(scale=0.5 + k, size=n))}))
        if (name, "analogy/toy") not in missing:
            out.append(_analogy(name, (rng.random(60) < 0.3 + 0.1 * k).astype(int), 400000 if k == 0 else 2000))
    return out


def test_intrinsic_only_report_has_no_rank_scatter_and_refuses_a_three_representation_correlation(tmp_path):
    comp = compare(_intrinsic_only(("A", "B", "C")), n_boot=50)
    assert comp.correlation["n_representations"] == 3 and comp.correlation["refused"]
    out = write_report(comp, tmp_path / "rep")
    assert not (out / "figures" / "rank_scatter.png").exists()  # no extrinsic task: only the diagonal
    assert not (out / "figures" / "correlation_heatmap.png").exists()
    md, html = (out / "report.md").read_text(), (out / "report.html").read_text()
    # the figure as each format names it (the Provenance's command line may hold any word, a test file's name):
    # report.html by the alt that says what the image shows
    from html import escape

    from wordeval.report.figure_alts import figure_alts
    alts = figure_alts(comp)
    for text, shown in ((md, "](figures/{}.png)".format), (html, lambda n: f"alt='{escape(alts[n])}'")):
        assert shown("rank_scatter") not in text and shown("correlation_heatmap") not in text
        assert shown("task_bars") in text  # the form looked for is the one a shown figure has
        assert "over 3 representations; at least 4 are needed" in text
    assert "task_bars.png" in md


def test_correlation_table_names_its_n_and_flags_analogy_with_different_candidate_sets(tmp_path):
    comp = compare(_intrinsic_only(("A", "B", "C", "D")), n_boot=50)
    assert comp.correlation["n_representations"] == 4 and not comp.correlation["refused"]
    assert comp.correlation["flagged"] == ["analogy/toy"]
    md = (write_report(comp, tmp_path / "rep") / "report.md").read_text()
    section = md.split("## Benchmark × task correlation")[1].split("## Figures")[0]
    assert "over n = 4 representations" in section and "| analogy/toy § |" in section
    assert "analogy/toy §: the representations searched candidate sets of different sizes" in section
    assert "correlation_heatmap.png" in md


def test_missing_cells_and_skipped_tasks_are_said_in_the_report_and_the_compare_text(tmp_path, capsys):
    from wordeval.cli.compare import text_report

    missing = {("C", "analogy/toy"), ("C", "similarity/two")}
    skipped = [{"task": "similarity/mc30", "embedding": e, "reason": "data not available"} for e in "ABC"]
    comp = compare(_intrinsic_only(("A", "B", "C"), missing=missing), skipped=skipped, n_boot=50)
    note = next(n for n in comp.notes if "never computed" in n)
    assert note.startswith("2 cell(s) (representation × task) were never computed")
    assert "C × analogy/toy" in note and "C × similarity/two" in note
    text = text_report(comp)
    assert "Skipped:" in text and "similarity/mc30 on A, B, C: data not available" in text
    assert "C × similarity/two" in text
    md = (write_report(comp, tmp_path / "rep", figures=False) / "report.md").read_text()
    assert "2 cell(s) (representation × task) were never computed" in md


def test_a_tested_difference_hidden_by_an_untested_neighbour_is_stated_beside_the_ranking():
    """s2k and noise searched the same candidates and differ (exact McNemar: 60 discordant questions, all one
    way, p = 2 * 0.5**60); glove searched another set, is tested against neither, and sits between them: the
    chain reads s2k = glove = noise. The tested difference is written beside it."""
    from scipy.stats import binomtest

    from wordeval.report.tables import ranking_text

    n = 200
    s2k = [1] * 100 + [0] * 100
    noise = [1] * 40 + [0] * 160
    glove = [1] * 70 + [0] * 130
    comp = compare([_analogy("s2k", s2k, 2000), _analogy("noise", noise, 2000), _analogy("glove", glove, 400000)],
                   n_boot=50)
    assert comp.rankings["analogy/toy"] == ["s2k", "glove", "noise"]
    assert comp.relations["analogy/toy"] == ["=", "="]
    test = next(t for t in comp.tests if {t["a"], t["b"]} == {"s2k", "noise"})
    assert test["p_value"] == pytest.approx(binomtest(60, 60).pvalue)
    assert ranking_text(comp, "analogy/toy") == "s2k = glove (untested) = noise (but s2k > noise)"
    assert len(s2k) == len(noise) == len(glove) == n


def test_seeds_of_different_settings_are_not_averaged_into_one_cell():
    """Seed 0 trained with crf, seed 1 (later) with mlp, same label and task: the cell showed their mean as a
    mean ± sd over seeds. Only the latest setting's records count; the note says which keys differ."""
    rng = np.random.default_rng(3)
    total = rng.integers(5, 20, size=80)
    old = _pos("A", total // 3, total, seed=0)
    old.config = {**old.config, "learner": "crf"}
    old.run = {**old.run, "time": "2026-01-01T00:00:00+00:00"}
    new = _pos("A", total - 1, total, seed=1)
    new.run = {**new.run, "time": "2026-01-02T00:00:00+00:00"}
    other = _pos("B", total // 2, total, seed=1)
    comp = compare([old, new, other], n_boot=50)
    cell = comp.cells[("A", "pos/toy")]
    assert cell["value"] == pytest.approx((total - 1).sum() / total.sum()) and cell["n_seeds"] == 1
    assert any(n.startswith("A on pos/toy: 1 record(s) were made with other settings than the latest one (they "
                            "differ in learner)") for n in comp.notes), comp.notes


def test_seeds_recorded_before_and_after_learner_settings_lost_their_fit_state_stay_one_cell():
    """Older tagging records carried best_epoch -1 and model None (read from the unfitted learner) and, on the
    perceptron, the CRF's c1/c2 among their learner settings; newer seeds of the same setting do not. They are
    one setting: both seeds count, and no note says they differ."""
    rng = np.random.default_rng(4)
    total = rng.integers(5, 20, size=80)
    old = _pos("A", total // 3, total, seed=0)
    old.config = {**old.config, "learner": "perceptron",
                  "learner_settings": {"best_epoch": -1, "c1": 0.0, "c2": 1.0, "epochs": 10, "window": 2}}
    old.run = {**old.run, "time": "2026-01-01T00:00:00+00:00"}
    new = _pos("A", total // 2, total, seed=1)
    new.config = {**new.config, "learner": "perceptron", "learner_settings": {"epochs": 10, "window": 2}}
    new.run = {**new.run, "time": "2026-01-02T00:00:00+00:00"}
    comp = compare([old, new, _pos("B", total // 2, total, seed=1)], n_boot=50)
    assert comp.cells[("A", "pos/toy")]["n_seeds"] == 2
    assert not any("other settings" in n for n in comp.notes), comp.notes
    new.config = {**new.config, "learner_settings": {"epochs": 20, "window": 2}}  # a real difference still counts
    assert compare([old, new], n_boot=50).cells[("A", "pos/toy")]["n_seeds"] == 1


def test_cells_missing_from_records_of_separate_runs_are_not_called_an_interrupted_run():
    """Records of separate runs read together (a store on A and B, a .json record of C on one task) left C's
    other cells as 'never computed ... (an interrupted run: the same command computes only what is missing)',
    though no run had asked for them."""
    records = [r for r in toy_records() if not (r.label == "C" and r.task == "pos/toy")]
    comp = compare(records, n_boot=50)
    note = next(n for n in comp.notes if "never computed" in n)
    assert "C × pos/toy" in note
    assert "(an interrupted run:" not in note and "runs on different tasks read together" in note
