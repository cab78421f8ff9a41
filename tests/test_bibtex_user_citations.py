"""references.bib with user task citations: a key of a built-in entry reused by a user's spec replaced the
built-in entry (whichever task name sorted first won), plain text was written raw (BibTeX drops it without a
word), and a broken entry stored before specs were checked opened a brace that swallowed the rest."""
from __future__ import annotations

import re

from tests._records import toy_records
from wordeval.report.bibtex import references_bib

SIMLEX = ("@article{hill2015simlex,\n  author = {Hill, Felix and Reichart, Roi and Korhonen, Anna},\n"
          "  title = {SimLex-999},\n  year = {2015}\n}")


def _entries(bib: str) -> dict[str, str]:
    """Every '@type{key, ...}' with its text up to its matching brace, counted by hand (BibTeX reads any '@')."""
    out = {}
    for m in re.finditer(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", bib):
        depth, i = 0, bib.index("{", m.start())
        for i in range(i, len(bib)):
            depth += {"{": 1, "}": -1}.get(bib[i], 0)
            if depth == 0:
                break
        assert depth == 0, f"unbalanced entry {m.group(2)}"
        assert m.group(2) not in out, f"duplicate key {m.group(2)}"
        out[m.group(2)] = bib[m.start():i + 1]
    return out


def test_built_in_entries_win_and_user_text_is_commented_not_dropped():
    recs = toy_records()[:2]
    builtin, user = recs
    builtin.task, user.task = "similarity/simlex999", "similarity/aaa"  # the user's task sorts first
    builtin.dataset = {"name": "simlex999", "declared_in": "builtin:similarity/simlex999.toml", "citation": SIMLEX}
    user.dataset = {"name": "aaa", "declared_in": "/tmp/aaa.toml",
                    "citation": "@article{hill2015simlex, title = {Other}}\n@article{broken, title = {x}"}
    plain = toy_records()[2]
    plain.task = "similarity/bbb"
    plain.dataset = {"name": "bbb", "declared_in": "/tmp/bbb.toml", "citation": "Smith 2020, see also @home"}
    bib = references_bib([user, plain, builtin])
    entries = _entries(bib)
    from wordeval.tasks.task import get_task

    # the built-in entry as wordeval ships it (tests/test_citation_entries.py: not the record's stored copy)
    assert entries["hill2015simlex"] == get_task("similarity/simlex999").dataset_spec.citation.strip()
    assert "broken" not in entries
    assert "% (at)article{hill2015simlex, title = {Other}}" in bib
    assert "% citation (not BibTeX):\n% Smith 2020, see also (at)home" in bib


def test_an_entry_with_a_control_character_is_a_comment_and_refused_in_a_spec(tmp_path, capsys):
    """pdflatex stops at a control character ('Text line contains an invalid character') and its escaped
    spelling \\x1b is an undefined control sequence: a cited entry holding one broke report.tex's build."""
    import bibtexparser

    from wordeval.cli import main

    rec = toy_records()[0]
    rec.task = "similarity/esc"
    rec.dataset = {"name": "esc", "declared_in": "/tmp/esc.toml",
                   "citation": "@misc{esc2020, title = {Red\x1b[31m text}, year = {2020}}"}
    bib = references_bib([rec])
    assert "esc2020" not in _entries(bib) and "% citation left out (control characters in 'esc2020'):" in bib
    assert "esc2020" not in {e.key for e in bibtexparser.parse_string(bib).entries}
    (tmp_path / "p.tsv").write_text("a\tb\t1\n")
    spec = tmp_path / "esc.toml"
    spec.write_text('name = "esc"\nfamily = "similarity"\n'
                    'citation = "@misc{esc2020, title = {Red\\u001b[31m}, year = {2020}}"\n[files]\ntest = "p.tsv"\n')
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:3: expected citation = BibTeX entries") and "\x1b" not in err
    assert "got control characters in 'esc2020'" in err


def test_a_user_task_named_as_a_built_in_one_is_not_cited_as_the_built_in_dataset():
    """A spec 'name = "simlex999"' over the user's own file, with no citation, was cited as Hill et al.
    (2015): the registry fallback meant for records stored before datasets carried their citation found the built-in
    dataset of that name."""
    rec = toy_records()[0]
    rec.task = "similarity/simlex999"
    rec.dataset = {"name": "simlex999", "source": "spec:/tmp/mine/s.toml", "declared_in": "/tmp/mine/s.toml",
                   "citation": None}
    assert "hill2015simlex" not in _entries(references_bib([rec]))
    older = toy_records()[0]  # a record stored before datasets carried their citation still gets the entry
    older.task = "similarity/simlex999"
    older.dataset = {"name": "simlex999"}
    assert "hill2015simlex" in _entries(references_bib([older]))


def test_a_user_task_without_a_citation_is_named_not_left_out_in_silence():
    """README: `cite` gives "BibTeX of every dataset ... used". A user's spec over a copy of WS-353 without a
    citation key left nothing in references.bib or `cite`, not even a word that a dataset went uncited; a
    user's task that has one, and a built-in task, are not named so."""
    cited, uncited, builtin = toy_records()[:3]
    cited.task, uncited.task, builtin.task = "similarity/mine", "similarity/myws", "similarity/simlex999"
    cited.dataset = {"name": "mine", "declared_in": "/tmp/mine.toml", "citation": "Smith 2020"}
    uncited.dataset = {"name": "myws", "declared_in": "/tmp/my/ws.toml", "citation": None}
    builtin.dataset = {"name": "simlex999", "declared_in": "builtin:similarity/simlex999.toml",
                       "citation": None}
    bib = references_bib([cited, uncited, builtin])
    lines = [line for line in bib.splitlines() if "gives no citation" in line]
    assert lines == ["% similarity/myws: its spec /tmp/my/ws.toml gives no citation "
                     "(add citation = ... to it)"]
    assert bib.index("% ---- Datasets") < bib.index(lines[0]) < bib.index("% ---- Methods")


def test_a_representation_without_a_citation_is_named_with_its_file_not_left_out_in_silence():
    """`cite` on GloVe beside two of the user's word2vec files named GloVe alone under "Models and
    representations": nothing said that two of the three representations went uncited. Each is named once,
    with the file and the sha256 `sha256sum` prints, in a comment (BibTeX has no entry to give for it)."""
    cited, mine, again = toy_records()[:3]
    cited.embedding = {**cited.embedding, "name": "glove",
                       "citation": "@misc{glove2014, title = {GloVe}, year = {2014}}"}
    for rec in (mine, again):  # two records of one file: one line
        rec.embedding = {**rec.embedding, "name": "mine", "source": "/data/v.bin",
                         "parameters": {"file_sha256": "ab" * 32}}
    bib = references_bib([cited, mine, again])
    lines = [line for line in bib.splitlines() if "no citation known" in line]
    assert lines == [f"% mine (/data/v.bin, sha256 {'ab' * 32}): no citation known to wordeval; "
                     "add its authors' entry to references.bib."]
    assert bib.index("% ---- Models and representations") < bib.index(lines[0]) < bib.index("% ---- Methods")
    assert "glove2014" in _entries(bib) and "mine" not in _entries(bib)
