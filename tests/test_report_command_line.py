"""The command lines a report shows (its own, and the runs that produced its records) can be pasted back into a
shell: a label with a space, '|' or '*' came out unquoted, so the pasted line ran something else."""
from __future__ import annotations

import os
import re
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
    # shlex, the shell's own word splitting, is the oracle; the report's own run names its directory
    assert shlex.split(own) == ["cd", os.getcwd(), "&&", *ARGV]
    assert [shlex.split(r) for r in runs] == [ARGV]


def test_python_dash_m_is_shown_as_the_module_call():
    argv = ["/src/wordeval/__main__.py", "report", "R/", "--out", "my report"]
    own, _ = _shown_commands(argv, argv)
    assert shlex.split(own) == ["cd", os.getcwd(), "&&", "python", "-m", "wordeval", "report", "R/", "--out",
                                "my report"]


def test_compare_csv_is_the_reports_results_csv(tmp_path, capsys):
    """compare --csv went through pandas: candidate counts came out as 400000.0 (NaN made the column float)
    and 'best' as True/False, where the report's results.csv writes 400000 and 1/0."""
    import csv
    import io

    from tests.test_report_outputs import _store
    from wordeval.cli import main
    from wordeval.report.compare import compare
    from wordeval.report.writer import write_report

    recs = _store(("A", "B", "C"))
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in recs), encoding="utf-8")
    capsys.readouterr()
    assert main(["--quiet", "compare", str(path), "--csv", "--n-boot", "50"]) == 0
    printed = capsys.readouterr().out
    out = write_report(compare(recs, n_boot=50), tmp_path / "rep", figures=False)
    assert printed == (out / "results.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(printed)))
    counts = {r["candidates"] for r in rows if r["task"].startswith("analogy/")}
    assert counts == {"30000", "400000"} and {r["best"] for r in rows} <= {"0", "1"}


def test_a_store_whose_every_task_was_skipped_says_so_instead_of_only_no_records(tmp_path, capsys):
    from wordeval.cli import main
    from wordeval.results.store import ResultStore

    with ResultStore(tmp_path / "R") as store:
        store.put_task_skipped("similarity/rg65", ["glove"], "rg65: no source could provide the files")
    for command in (["compare", str(tmp_path / "R")], ["cite", str(tmp_path / "R")],
                    ["report", str(tmp_path / "R"), "--out", str(tmp_path / "rep")]):
        capsys.readouterr()
        assert main(["--quiet", *command]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "no result records in" in err
        assert "1 skipped cell(s): similarity/rg65 on glove (first reason: rg65: no source" in err
    assert not (tmp_path / "rep").exists()


def test_a_predictions_folder_given_as_results_is_named_as_such(tmp_path, capsys):
    """Its .json files describe prediction files; the error said 'expected a wordeval result record with ...'."""
    from wordeval.cli import main
    from wordeval.output_paths import write_marker

    folder = tmp_path / "P"
    folder.mkdir()
    write_marker(folder, "predictions")
    (folder / "similarity__x__a__cfg1.tsv.json").write_text('{"store_key": "k"}', encoding="utf-8")
    assert main(["--quiet", "compare", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "a wordeval predictions folder (--save-predictions), not results" in err


def test_the_report_line_names_the_processor_it_ran_on():
    """The report named OS and kernel only ('Linux-6.18...-x86_64'), while its notes can give timings (the
    demo's wall time) that depend on the CPU; /proc/cpuinfo and the affinity mask are the oracle."""
    import os
    from pathlib import Path

    import pytest

    info = Path("/proc/cpuinfo")
    if not info.exists() or not hasattr(os, "sched_getaffinity"):
        pytest.skip("needs Linux's /proc/cpuinfo")
    model = next((line.split(":", 1)[1].strip() for line in info.read_text().splitlines()
                  if line.lower().startswith("model name")), None)
    if model is None:
        pytest.skip("this kernel lists no model name")
    n = len(os.sched_getaffinity(0))
    text = provenance_text(provenance(compare(cli_records(n_sim=30, n_doc=30), n_boot=20), seed=0, argv=ARGV))
    report_line = next(line for line in text.splitlines() if line.startswith("report: "))
    # the family, model and vector instructions may follow the name (tests/test_report_cpu_identity.py)
    assert re.search(rf"{re.escape(model)}( \([^)]*\))?, {n} CPU{'s' * (n != 1)}", report_line), report_line


def test_a_path_with_a_newline_or_a_tab_is_shown_as_bash_reads_it_back():
    """A --out in a folder whose name holds a newline: the report showed the command with the newline made a
    space, naming another folder. bash, splitting the shown line, is the oracle."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    argv = ["/venv/bin/wordeval", "intrinsic", "mine=vec\u00e9.txt", "--out", "/tmp/nl\ndir/it's\tR\\1"]
    own, runs = _shown_commands(argv, argv)
    for line in (own, runs[0]):
        assert "\n" not in line and "\t" not in line
        shown = line.split(" && ", 1)[1] if line.startswith("cd ") else line
        said = subprocess.run(["bash", "-c", f'printf "%s\\0" {shown}'], capture_output=True, check=True).stdout
        assert said.decode("utf-8").split("\0")[:-1] == argv
