"""The command lines a report shows (its own, and the runs that produced its records) can be pasted back into a
shell: a label with a space, '|' or '*' came out unquoted, so the pasted line ran something else."""
from __future__ import annotations

import shlex

from tests._records import cli_records
from wordeval.report.compare import compare
from wordeval.report.writer import provenance, provenance_text

ARGV = ["/venv/bin/wordeval", "intrinsic", "GloVe 50d (unit)=glove.txt", "x|y=spacy-md", "*b*=lsa:corpus=news",
        "--out", "R 1/"]


def _shown_commands(argv_of_records, argv_of_report):
    records = cli_records(n_sim=30, n_doc=30)
    for r in records:
        r.run = {**r.run, "command": list(argv_of_records)}
    text = provenance_text(provenance(compare(records, n_boot=20), seed=0, argv=argv_of_report))
    lines = text.splitlines()
    own = next(l for l in lines if l.startswith("command: "))[len("command: "):]
    runs = [l.strip()[2:] for l in lines if l.strip().startswith("$ ")]
    return own, runs


def test_shown_command_lines_split_back_into_the_arguments():
    own, runs = _shown_commands(ARGV, ARGV)
    assert shlex.split(own) == ARGV  # shlex, the shell's own word splitting, is the oracle
    assert [shlex.split(r) for r in runs] == [ARGV]


def test_python_dash_m_is_shown_as_the_module_call():
    argv = ["/src/wordeval/__main__.py", "report", "R/", "--out", "my report"]
    own, _ = _shown_commands(argv, argv)
    assert shlex.split(own) == ["python", "-m", "wordeval", "report", "R/", "--out", "my report"]
