"""report.md, report.html and report.tex say the same things: the same flipped pairs, the same correlation
table, the same figures and the same statements in their captions."""
from __future__ import annotations

import dataclasses
import re

from tests._records import toy_records
from wordeval.report.compare import compare
from wordeval.report.html import render_html
from wordeval.report.tables_tex import latex_document
from wordeval.report.writer import render_markdown


def _tex(comp, **kw):
    return latex_document(comp, title_text="t", cite_keys=[], method_keys={}, **kw)


def _many_flips(n=25):
    """The toy store's flip, copied under n distinct pairs of names (A0 ahead of C0 intrinsically ...)."""
    comp = compare(toy_records(), n_boot=200)
    (flip,) = [f for f in comp.flips if (f["ahead_intrinsic"], f["ahead_extrinsic"]) == ("A", "C")]
    flips = [dict(flip, ahead_intrinsic=f"A{k}", ahead_extrinsic=f"C{k}") for k in range(n)]
    return dataclasses.replace(comp, flips=flips)


def test_every_format_lists_the_same_flipped_pairs():
    comp = _many_flips(25)
    md = render_markdown(comp, "", title="t", figures={})
    html = render_html(comp, figures={}, provenance_text="")
    listed = {name: {k for k in range(25) if re.search(rf"\bA{k}\b", text)}
              for name, text in (("md", md), ("html", html), ("tex", _tex(comp)))}
    assert listed["md"] == listed["html"] == listed["tex"] == set(range(20))  # the first 20, sorted as stored
    for text in (md, html, _tex(comp)):
        assert "5 more in results.json" in text


def _four_representations(seed=1, n_sim=120, n_pos=100):
    """Four representations on a similarity and a POS task (enough for a correlation table)."""
    import numpy as np

    from tests._records import make_record

    rng = np.random.default_rng(seed)
    gold = rng.normal(size=n_sim)
    out = []
    for k, name in enumerate(["W_1%", "X&2", "Y#3", "Zü"]):
        pred = gold + rng.normal(scale=0.3 + 0.5 * k, size=n_sim)
        out.append(make_record(name, "similarity/toy", {"id": list(range(n_sim)), "gold": gold, "pred": pred}))
        total = rng.integers(5, 20, size=n_pos)
        out.append(make_record(name, "pos/toy", {"id": list(range(n_pos)), "correct": rng.binomial(
            total, [0.9, 0.6, 0.8, 0.7][k]), "total": total}))
    return out


def test_report_tex_has_the_correlation_table_with_the_entries_of_scipy():
    import numpy as np
    from scipy.stats import spearmanr

    comp = compare(_four_representations(), n_boot=200)
    assert comp.correlation["tasks"] == ["similarity/toy", "pos/toy"] and not comp.correlation.get("refused")
    values = {t: [comp.cells[(r, t)]["common_value"] for r in comp.representations] for t in comp.correlation["tasks"]}
    rho = spearmanr(values["similarity/toy"], values["pos/toy"]).statistic
    assert np.isclose(rho, 0.4)  # by hand: ranks 1 2 3 4 against 1 4 2 3, 1 - 6 * 6 / 60
    tex = _tex(comp)
    table = tex[tex.index(r"\label{tab:wordeval-tau}"):]
    table = table[table.index(r"\begin{table*}"):table.index(r"\label{tab:wordeval-correlation}")]
    assert r"similarity/toy & 1.00 & 0.40 \\" in table and r"pos/toy & 0.40 & 1.00 \\" in table
    assert r"Spearman $\rho$ of the common-item scores across representations" in table
    assert r"over n = 4 representations" in table


def test_report_tex_says_why_the_correlation_table_is_not_shown():
    comp = compare(toy_records(), n_boot=200)  # three representations: refused
    assert comp.correlation.get("refused")
    tex = _tex(comp)
    assert "Not shown: the scores vary over 3 representations; at least 4 are needed" in tex


def _caption(tex, label):
    end = tex.index(rf"\label{{{label}}}")
    return tex[tex.rindex(r"\caption{", 0, end):end]


def test_the_tex_tau_caption_gives_the_resamples_and_the_uncorrected_cells_as_report_md_does():
    comp = compare(toy_records(), n_boot=200)  # three representations: no cell can have a verdict
    assert all(r["p_adjusted"] != r["p_adjusted"] for r in comp.taus)  # NaN: outside the correction
    caption = _caption(_tex(comp), "tab:wordeval-tau")
    # no cell has an interval (each says 'no CI (at least 4 representations are needed)'): the legend defines
    # none (test_report_legend_shows_only_its_marks)
    assert "resamples" not in caption and "none below 4 representations" not in caption
    assert "their p is written uncorrected" in caption
    four = compare(_four_representations(), n_boot=200)
    assert "(200 resamples" in _caption(_tex(four), "tab:wordeval-tau")  # what the intervals rest on


def test_the_tex_rankings_caption_has_report_mds_ties_wording_and_uncounted_pairs():
    from tests._records import make_record

    recs = toy_records()
    gold = list(range(6))
    for name in "ABC":  # a task of 6 items: its pairs are not tested and not counted in the correction
        recs.append(make_record(name, "similarity/six", {"id": gold, "gold": gold, "pred": gold[::-1]}))
    comp = compare(recs, n_boot=200)
    assert comp.parameters["n_too_few_pairs"] == 3
    caption = _caption(_tex(comp), "tab:wordeval-rankings")
    assert "$=$: exactly equal scores" in caption
    assert "not tested and not counted: 3 pair(s) on tasks with fewer than 10 common items" in caption
    assert "$=$, untested: pairs on a task of fewer than 10 common items" in caption
    # every task has per-item scores: the legend leaves out how a task without them is ranked
    assert "a task without per-item scores" not in caption


def test_report_tex_includes_every_figure_with_report_mds_caption(tmp_path):
    from wordeval.report.plots import figure_captions
    from wordeval.report.tables_tex import tex_escape
    from wordeval.report.writer import write_report

    comp = compare(_four_representations(), n_boot=200)
    out = write_report(comp, tmp_path / "rep")
    pngs = sorted(p.name for p in (out / "figures").glob("*.png"))
    assert pngs  # the rank scatter, the task bars and the correlation heatmap
    md = (out / "report.md").read_text(encoding="utf-8")
    tex = (out / "report.tex").read_text(encoding="utf-8")
    captions = figure_captions(comp)
    for png in pngs:
        assert f"(figures/{png})" in md
        graphic = re.search(r"\\includegraphics\[[^]]*\]\{figures/" + re.escape(png) + r"\}\n\\caption\{(.*)\}", tex)
        assert graphic, png  # pdflatex reads the PNG beside report.tex
        assert graphic.group(1) == tex_escape(captions[png.removesuffix(".png")])


def test_report_tex_has_the_provenance_of_report_md(tmp_path):
    """The embeddings' content fingerprints, the commands that made the records and the dataset sha256s: report.md
    and report.html end with them, and report.tex, the copy a paper takes, had none of them."""
    from wordeval.report.tables_tex import tex_escape
    from wordeval.report.writer import write_report

    comp = compare(toy_records(), n_boot=200)
    out = write_report(comp, tmp_path / "rep", figures=False, argv=["report", "S_1/", "--out", "R%2"])
    md = (out / "report.md").read_text(encoding="utf-8")
    prov = md.split("## Provenance\n\n```\n", 1)[1].split("\n```", 1)[0].splitlines()
    assert any(line.strip() == "A (intrinsic): sha256:A  [test]" for line in prov)
    tex = (out / "report.tex").read_text(encoding="utf-8")
    section = tex[tex.index(r"\section*{Provenance}"):tex.index(r"\bibliographystyle")]
    shown = section.replace(r"\allowbreak{}", "")  # where a line may break: no character
    for line in prov:
        assert tex_escape(line.strip()) in shown, line
    assert r"S\_1/ -{}-out R\%2" in shown  # the report's own command, escaped


def _tex_structure_errors(tex: str) -> list[str]:
    """Braces that close before they open or stay open, environments ended out of order, and LaTeX specials
    outside a command: what stops pdflatex (none is installed here to run it)."""
    errors, depth, envs = [], 0, []
    for n, line in enumerate(tex.splitlines(), 1):
        line = re.sub(r"\\[\\{}$&%#_ ]", "", line)  # escaped specials, and \\ line breaks
        if line.startswith(r"\nocite{"):
            continue
        for m in re.finditer(r"\\(begin|end)\{([^}]*)\}", line):
            if m.group(1) == "begin":
                envs.append(m.group(2))
            elif not envs or envs.pop() != m.group(2):
                errors.append(f"{n}: \\end{{{m.group(2)}}} out of order")
        for ch in line:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if depth < 0:
                errors.append(f"{n}: '}}' closes nothing")
                depth = 0
        # what may hold a raw "_" or "~": math, labels, file names, "~\cite"; a raw "&" is a column separator
        text = re.sub(r"\$[^$]*\$|~\\cite|\\(label|includegraphics)(\[[^]]*\])?\{[^}]*\}", "", line)
        bad = re.findall(r"[#_^~]|%(?!$)", text)
        errors += [f"{n}: unescaped {ch!r}" for ch in bad]
    return errors + ([f"{depth} brace(s) left open"] if depth else []) + [f"\\begin{{{e}}} not ended" for e in envs]


def test_the_whole_tex_of_hostile_labels_is_well_formed(tmp_path):
    from wordeval.report.writer import write_report

    recs = _four_representations()
    for r in recs:  # LaTeX's specials and a non-ASCII word in every label and task name
        r.embedding = dict(r.embedding, name=r.label + "_50% & #1 {x} ~ü")
        r.task = r.task.replace("toy", "t_1%#")
    comp = compare(recs, n_boot=200)
    assert comp.flips and not comp.correlation.get("refused")
    tex = (write_report(comp, tmp_path / "rep", title="T_1 & 50%") / "report.tex").read_text(encoding="utf-8")
    assert _tex_structure_errors(tex) == []
    assert r"W\_1\%\_50\% \& \#1 \{x\} \textasciitilde{}ü" in tex


def test_every_format_says_when_there_is_no_tau_table():
    comp = compare([r for r in toy_records() if r.kind == "intrinsic"], n_boot=200)
    assert not comp.taus
    md = render_markdown(comp, "", title="t", figures={})
    html = render_html(comp, figures={}, provenance_text="")
    # why, in one line, where the legend stood over nothing (test_report_legend_shows_only_its_marks)
    why = ("None: agreement needs an intrinsic and an extrinsic task compared on two or more representations; "
           "these results have no extrinsic task.")
    assert why in md and why in html and why in _tex(comp)
    assert "Kendall τ-b over the n representations" not in md + html


def test_report_tex_shrinks_a_wide_table_to_the_text_width_and_never_enlarges_a_narrow_one():
    """\\resizebox{\\textwidth} scales both ways: the τ table of one extrinsic task (two columns) was set at
    about twice the font size of the text (seen in the PDF pdflatex made of such a report)."""
    comp = compare(_four_representations(), n_boot=200)
    assert len({r["extrinsic"] for r in comp.taus}) == 1
    tex = _tex(comp)
    widths = re.findall(r"\\resizebox\{((?:[^{}]|\{[^{}]*\})*)\}\{!\}", tex)
    assert len(widths) == 5  # the results, coverage, τ, flipped pairs and correlation tables
    assert set(widths) == {r"\ifdim\width>\textwidth\textwidth\else\width\fi"}


def test_the_protocols_digests_may_break_so_they_stay_inside_the_page():
    """A sha256 is 64 characters without a space: justified, the Protocol's lines of a path and a digest ran up to
    57 pt past the text, to the page's edge, in the PDF pdflatex made of a report."""
    import hashlib

    digest = hashlib.sha256(b"wordeval").hexdigest()
    recs = toy_records()
    for r in recs:
        r.dataset_sha256 = {f"{r.task}/very/long/path/to/data.txt": digest}
    tex = _tex(compare(recs, n_boot=200))
    protocol = tex[tex.index(r"\section*{Protocol}"):]
    (item,) = {line for line in protocol.splitlines() if "similarity/" in line and "data.txt" in line}
    shown = item.split(": ", 1)[1]
    assert shown.replace(r"\allowbreak{}", "") == digest  # what a reader copies is the digest
    assert [len(part) for part in shown.split(r"\allowbreak{}")] == [16, 16, 16, 16]
    assert protocol.startswith("\\section*{Protocol}\n{\\raggedright\n\\begin{itemize}")


def test_skip_reasons_and_notes_may_break_their_urls_and_paths():
    """A skip reason names the URL it could not fetch (no space in 80 characters): in the demo's PDF such lines
    ran up to 234 pt past the text, beyond the page."""
    url = "https://raw.githubusercontent.com/ytsvetko/qvec/b341c520f21a/oracles/semcor_noun_verb.supersenses.en"
    comp = dataclasses.replace(compare(toy_records(), n_boot=200),
                               skipped=[{"task": "qvec/supersenses", "embedding": "(all)", "reason": f"offline: {url}"}],
                               notes=[f"see {url}"])
    tex = _tex(comp)
    for section in ("Skipped", "Notes"):
        part = tex[tex.index(rf"\section*{{{section}}}"):]
        assert part.startswith(rf"\section*{{{section}}}" + "\n{\\raggedright\n\\begin{itemize}")
        item = part.splitlines()[3]
        assert r"ytsvetko/\allowbreak{}qvec/\allowbreak{}" in item
        assert item.replace(r"\allowbreak{}", "").endswith(url.replace("_", r"\_"))


def test_every_format_has_the_methods_paragraph_with_the_resamples_and_tests():
    """report.tex alone had a Methods paragraph: the only place saying which cells' intervals rest on how many
    resamples, and which paired tests ran. report.md and report.html now carry it too, in the same words."""
    import html as html_lib

    comp = compare(_four_representations(), n_boot=200)
    counts = comp.parameters.get("ci_resamples") or [comp.parameters["n_boot"]]
    resamples = "(" + " or ".join(f"{n:,}" for n in counts) + " resamples; a cell of one record keeps the interval"
    md = render_markdown(comp, "", title="t", figures={})
    html = html_lib.unescape(render_html(comp, figures={}, provenance_text=""))
    tex = _tex(comp)
    sections = {"md": md[md.index("## Methods"):md.index("## Results")],
                "html": html[html.index("<h2>Methods"):html.index("<h2>Results")],
                "tex": tex[tex.index(r"\section*{Methods}"):tex.index(r"\begin{table")]}
    codes = {t["code"] for t in comp.tests}
    assert codes == {"B"}  # one seed each: a paired bootstrap over items on both tasks
    for name, text in sections.items():
        text = " ".join(text.replace("\\", "").split())
        assert resamples in text, name
        assert "Scores and paired tests are recomputed from the per-item results with wordeval" in text, name
        assert "a paired bootstrap over items" in text, name
        assert f"all {comp.parameters['n_pair_tests']} tests corrected together (Holm (1979)" in text, name
        assert "following Chiu et al." in text, name
    for name in ("md", "html"):
        assert "Kendall τ-b between an intrinsic and an extrinsic task's ranking" in sections[name], name
        assert "$" not in sections[name], name  # no LaTeX math in the plain formats


def test_each_cell_mark_is_the_same_glyph_in_every_format():
    """report.tex marked a cell that had not converged † where report.md and report.html wrote ⚠ (LaTeX's
    standard fonts have no ⚠): one mark now, †, and each mark's LaTeX spelling draws the glyph the other two
    formats print, in the cells and in the legend's text alike."""
    import re

    from wordeval.report.tables import FLAG_SYMBOLS
    from wordeval.report.tables_tex import TEX_FLAGS, tex_escape

    latex = {"‡": "ddagger", "§": "S", "†": "dagger", "°": "circ", "¶": "P"}  # the LaTeX name of each glyph
    for key, symbol in FLAG_SYMBOLS.items():
        assert symbol in latex, (key, symbol)
        assert re.findall(r"\\([A-Za-z]+)", TEX_FLAGS[key]) == [latex[symbol]], key
        assert re.findall(r"\\([A-Za-z]+)", tex_escape(symbol)) in ([latex[symbol]], ["dag"]), key
