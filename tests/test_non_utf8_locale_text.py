"""Under LC_ALL=C with PYTHONUTF8=0 Python spells a command-line argument's or a path's non-ASCII bytes as
lone surrogates ('Évaluation' is '\\udcc3\\udc89valuation'). A report --title, a demo --note, or a task spec
in a folder named so (its path went into the record's dataset source) made `wordeval report` end in a
UnicodeEncodeError traceback, after the whole run had been computed. Each is now the text a UTF-8 locale
reads, so the outputs are the same bytes under either locale. The tests spell the text as that locale does
and run in-process under the test's locale."""
from __future__ import annotations

import json
import os

from tests._records import toy_records
from tests._small_task import write_small_task
from wordeval.cli import build_parser, main
from wordeval.results.store import ResultStore


def _c_locale_spelling(text) -> str:
    return os.fsencode(str(text)).decode("ascii", "surrogateescape")


def test_a_report_title_spelled_by_the_c_locale_is_written_as_utf8(tmp_path):
    with ResultStore(tmp_path / "R") as store:
        for rec in toy_records(n_sim=20, n_pos=20):
            store.put(rec)
    title = _c_locale_spelling("Évaluation à Zürich")
    assert title != "Évaluation à Zürich"
    assert main(["--quiet", "report", str(tmp_path / "R"), "--out", str(tmp_path / "rep"), "--title", title,
                 "--n-boot", "50"]) == 0
    md = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Évaluation à Zürich\n")
    html = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    # the page's <title> goes on to name the representations compared
    assert "<title>Évaluation à Zürich: " in html and "<h1>Évaluation à Zürich</h1>" in html


def test_a_demo_note_spelled_by_the_c_locale_is_read_as_utf8():
    note = _c_locale_spelling("café ran first")
    args = build_parser().parse_args(["demo", "--note", note, "--note", "plain"])
    assert args.note == ["café ran first", "plain"]


def test_a_spec_in_a_non_ascii_folder_is_recorded_as_a_utf8_locale_reads_it(tmp_path, monkeypatch):
    import wordeval
    from wordeval.report.writer import write_report

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "tâches_ü"
    folder.mkdir()
    vectors, spec = write_small_task(folder)
    c_spec = _c_locale_spelling(spec)
    assert c_spec != str(spec) and os.path.exists(c_spec)

    wordeval.run([str(vectors)], [c_spec], out=tmp_path / "R", progress=False)
    with ResultStore(tmp_path / "R", create=False) as store:
        (record,) = store.records()
    assert record.dataset["declared_in"] == str(spec)
    assert record.dataset["source"] == f"spec:{spec}"
    out = write_report(wordeval.compare(tmp_path / "R"), tmp_path / "rep", argv=["wordeval", "report"],
                       figures=False)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert str(spec) in json.dumps(results, ensure_ascii=False)
