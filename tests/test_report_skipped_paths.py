"""The Skipped section printed the folders of the machine that ran the tasks (the demo's "put it at
/tmp/ec10/datasets/rg65/EN-RG-65.txt"). Each format now writes a download place of the dataset cache as
$WORDEVAL_CACHE/datasets/... and a data home that WORDEVAL_DATA names as $WORDEVAL_DATA; the task, the
representations and the rest of the reason stay as the record holds them."""
from __future__ import annotations

import dataclasses
import html as html_lib

from tests._records import toy_records
from wordeval.report.compare import compare
from wordeval.report.html import render_html
from wordeval.report.tables_tex import latex_document
from wordeval.report.writer import render_markdown

# the demo's reasons, as its results.json holds them
RG65 = ("rg65: no source could provide the files: url:https://raw.githubusercontent.com/mfaruqui/eval-word-"
        "vectors/master/data/word-sim/EN-RG-65.txt: offline (HF_HUB_OFFLINE is set): https://raw.githubusercontent"
        ".com/mfaruqui/eval-word-vectors/master/data/word-sim/EN-RG-65.txt not downloaded; put it at "
        "/tmp/ec10/datasets/rg65/EN-RG-65.txt")
UD = ("ud-ewt: no source could provide the files: url:3 files: offline (HF_HUB_OFFLINE is set): 3 files not "
      "downloaded; put them at /tmp/ec10/datasets/ud-ewt/en_ewt-ud-train.conllu, "
      "/tmp/ec10/datasets/ud-ewt/en_ewt-ud-dev.conllu, /tmp/ec10/datasets/ud-ewt/en_ewt-ud-test.conllu")
OWN = "conll2003: /srv/word data/seq/conll2003/eng.train: not found"


def _sections(comp):
    md = render_markdown(comp, "", title="t", figures={})
    html = html_lib.unescape(render_html(comp, figures={}, provenance_text=""))
    tex = latex_document(comp, title_text="t", cite_keys=[], method_keys={})
    cut = lambda text, start, end: text[text.index(start):text.index(end, text.index(start))]  # noqa: E731
    return {"md": cut(md, "## Skipped", "## Provenance").replace("\\", ""),
            "html": cut(html, "<h2>Skipped", "</ul>"),
            "tex": " ".join(cut(tex, r"\section*{Skipped}", r"\end{document}")
                            .replace(r"\allowbreak{}", "").replace(r"\_", "_").replace(r"\$", "$").split())}


def test_the_skipped_section_prints_no_folder_of_the_machine_that_ran(monkeypatch):
    monkeypatch.setenv("WORDEVAL_DATA", "/srv/word data")
    comp = compare(toy_records(), n_boot=100)
    comp = dataclasses.replace(comp, skipped=[
        {"task": "similarity/rg65", "embedding": "(all)", "reason": RG65},
        {"task": "pos/ud-ewt", "embedding": "(all)", "reason": UD},
        {"task": "ner/conll2003", "embedding": "A", "reason": OWN}])
    for name, text in _sections(comp).items():
        assert "/tmp/ec10" not in text and "/srv/word data" not in text, name
        assert "similarity/rg65 on (all): rg65: no source could provide the files" in text, name
        assert "put it at $WORDEVAL_CACHE/datasets/rg65/EN-RG-65.txt" in text, name
        assert ("put them at $WORDEVAL_CACHE/datasets/ud-ewt/en_ewt-ud-train.conllu, "
                "$WORDEVAL_CACHE/datasets/ud-ewt/en_ewt-ud-dev.conllu, "
                "$WORDEVAL_CACHE/datasets/ud-ewt/en_ewt-ud-test.conllu") in text, name
        assert "ner/conll2003 on A: conll2003: $WORDEVAL_DATA/seq/conll2003/eng.train: not found" in text, name
        # a URL is no folder of the machine: kept whole
        assert "https://raw.githubusercontent.com/mfaruqui/eval-word-vectors/master/data/word-sim/EN-RG-65.txt" \
            in text, name


def test_a_data_home_named_datasets_is_not_written_as_the_cache(monkeypatch):
    """The cache keeps a download in datasets/<the dataset the reason names first>/. A data home that is a
    folder named datasets (~/datasets, with its seq/conll2003/ files), with WORDEVAL_DATA unset where the
    report is written, was printed as $WORDEVAL_CACHE/datasets/seq/...: a place the file never was."""
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    own = "conll2003: /home/u/datasets/seq/conll2003/eng.train: not found"
    comp = compare(toy_records(), n_boot=100)
    comp = dataclasses.replace(comp, skipped=[{"task": "ner/conll2003", "embedding": "A", "reason": own},
                                              {"task": "similarity/rg65", "embedding": "(all)", "reason": RG65}])
    for name, text in _sections(comp).items():
        assert "ner/conll2003 on A: " + own in text, name
        assert "put it at $WORDEVAL_CACHE/datasets/rg65/EN-RG-65.txt" in text, name  # still the cache's
