"""Labels, task names, paths and citations from files wordeval does not control may hold control characters
(an ESC sequence, BEL, CR, the C1 CSI) and bidirectional overrides. No output may carry them raw: not the
terminal (they recoloured and retitled it), not report.md/.tex/.html, results.csv or references.bib. The
oracle for "a control character" is ``unicodedata`` (category Cc) plus the bidi embedding/override/isolate
code points; Markdown is parsed by markdown-it (CommonMark)."""
from __future__ import annotations

import json
import re
import unicodedata

import pytest

from tests.test_report_outputs import _store
from wordeval.adapters import as_embedding
from wordeval.cli import main
from wordeval.cli.compare import text_report
from wordeval.errors import ConfigError
from wordeval.report.compare import compare
from wordeval.report.tables import results_csv
from wordeval.report.writer import write_report

HOSTILE = "\x1b[31mR\x1b]0;title\x07\r\u202eX\x9b2J"
BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def raw_controls(text: str, keep: str = "\n") -> set[str]:
    return {ch for ch in text if (unicodedata.category(ch) == "Cc" and ch not in keep) or ch in BIDI}


def _hostile_records():
    recs = _store(("A" + HOSTILE, "B", "C", "D"))
    for r in recs:
        r.dataset = dict(r.dataset or {}, citation="plain text " + HOSTILE)
        r.embedding = dict(r.embedding, source="/data/emb" + HOSTILE)
        r.run = dict(r.run or {}, command=["wordeval", "run", "A" + HOSTILE + "=x.txt"])
    return recs


def test_report_files_and_compare_text_carry_control_characters_escaped(tmp_path):
    comp = compare(_hostile_records(), n_boot=50)
    out = write_report(comp, tmp_path / "rep", figures=False)
    texts = {name: (out / name).read_text(encoding="utf-8")
             for name in ("report.md", "report.tex", "report.html", "results.csv", "references.bib")}
    texts["compare"] = text_report(comp)
    texts["compare --csv"] = results_csv(comp)
    for name, text in texts.items():
        assert not raw_controls(text, keep="\n\t"), name
        assert "x1b" in text, name  # shown, not dropped: the reader sees the label held an ESC
    # results.json keeps the label exactly (JSON escapes it): the data is not changed, only its display
    labels = {r["embedding"]["name"] for r in json.loads((out / "results.json").read_text())["records"]}
    assert "A" + HOSTILE in labels


def test_flagged_analogy_task_names_in_the_tau_caption_are_markdown_escaped(tmp_path):
    """The τ caption names analogy tasks whose representations searched candidate sets of different sizes;
    those names went into report.md unescaped: a newline in one started a heading, '<script>' was raw HTML."""
    md_it = pytest.importorskip("markdown_it")
    recs = _store(("A", "B", "C", "D"))
    for r in recs:
        if r.task == "analogy/toy":
            r.task = "analogy/toy<script>alert(1)</script>\n# Injected"
    comp = compare(recs, n_boot=50)
    assert comp.correlation.get("flagged")  # the caption names the task
    md = (write_report(comp, tmp_path / "rep", figures=False) / "report.md").read_text(encoding="utf-8")
    html = md_it.MarkdownIt("commonmark").enable(["table"]).render(md)
    assert "<script" not in html
    assert "<h1>Injected" not in html and not re.search(r"^# Injected", md, re.M)


def test_compare_writes_no_control_character_to_the_terminal(tmp_path, capsys):
    records = tmp_path / "records.json"
    records.write_text(json.dumps([r.to_dict() for r in _hostile_records()]), encoding="utf-8")
    assert main(["compare", str(records), "--n-boot", "50"]) == 0
    out, err = capsys.readouterr()
    assert "R" in out and not raw_controls(out, keep="\n\t") and not raw_controls(err)


def test_an_error_quoting_a_file_name_writes_its_control_characters_escaped(tmp_path, capsys):
    missing = tmp_path / "results\x1b]0;pwned\x07.json"
    assert main(["compare", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wordeval: error:") and "\\x1b]0;pwned\\x07" in err
    assert not raw_controls(err)


@pytest.mark.parametrize("name", ["# Heading", "> quoted", "  ## also"])
def test_a_name_at_the_start_of_a_markdown_list_item_stays_text(name):
    """Skipped, Notes and Protocol items start with a task name from the records: '- # x' is a heading inside
    the list item for CommonMark, '- > x' a block quote."""
    md_it = pytest.importorskip("markdown_it")
    from wordeval.report.tables import md_escape

    import html

    out = md_it.MarkdownIt("commonmark").render(f"- {md_escape(name)} on A: reason\n")
    assert "<h" not in out and "<blockquote" not in out and name.strip() in html.unescape(out)


@pytest.mark.parametrize("label", ["two\nlines", "red\x1b[31m", "tab\there", "\u2067X\u2069 #1", "\u202eevil"])
def test_a_label_with_a_control_character_is_refused_before_any_work(tmp_path, capsys, label):
    vectors = tmp_path / "v.txt"
    vectors.write_text("cat 0.1 0.2\ndog 0.3 0.4\n")
    out = tmp_path / "store"
    assert main(["intrinsic", f"{label}={vectors}", "--tasks", "similarity/rg65", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "expected a label without control characters" in err
    assert not raw_controls(err) and not out.exists()


# written by hand as Python's repr shows each label: one backslash an escape ('a\\x09b' doubled it)
@pytest.mark.parametrize("label, shown", [("a\tb", r"'a\tb'"), ("red\x1b[31m", r"'red\x1b[31m'"),
                                          ("\u2067X", r"'\u2067X'")])
def test_the_refused_label_is_shown_as_repr_shows_it(tmp_path, capsys, label, shown):
    vectors = tmp_path / "v.txt"
    vectors.write_text("cat 0.1 0.2\ndog 0.3 0.4\n")
    assert main(["intrinsic", f"{label}={vectors}", "--tasks", "similarity/rg65", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"bidirectional control), got {shown}\n"), err
    assert "\\\\" not in err
    with pytest.raises(ConfigError) as refused:
        as_embedding({"cat": [0.1, 0.2], "dog": [0.3, 0.4]}, name=label)
    assert str(refused.value).startswith(f"name {shown}: expected a label without control characters")


def test_a_file_name_with_an_escape_sequence_is_logged_escaped(tmp_path):
    """Without a label a representation is named by its path, which may hold anything a file name can: the
    'stored ...' log line and the summary table wrote its ESC to the terminal."""
    import os
    import subprocess
    import sys

    vectors = tmp_path / "v\x1b]0;pwned\x07.txt"
    vectors.write_text("".join(f"{w} {i * 0.1:.1f} {1 - i * 0.1:.1f}\n" for i, w in enumerate("abcdef")))
    (tmp_path / "pairs.tsv").write_text("a\tb\t1\nc\td\t2\ne\tf\t3\na\tc\t4\n")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n')
    env = {**os.environ, "PYTHONPATH": os.getcwd(), "WORDEVAL_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "wordeval", "intrinsic", str(vectors), "--tasks",
                           str(tmp_path / "t.toml"), "--out", str(tmp_path / "store")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "stored similarity/t on" in done.stderr and "\\x1b]0;pwned\\x07" in done.stderr
    assert not raw_controls(done.stderr) and not raw_controls(done.stdout)
