"""A record's command line names its vector file, spec file and --out as they were typed, usually relative to
the directory the command ran in, which no record said: `wordeval intrinsic v=v.txt --tasks mine.toml --out R`
could not be run again from the record or the report's Protocol (`$ python -m wordeval intrinsic v=v.txt ...`)
by anyone not in that directory. Records now hold it (`run.cwd`), and reports write each command as
`cd DIR && ...`. Oracle: os.getcwd() where the command ran, and shlex (the shell's word splitting)."""
from __future__ import annotations

import shlex

from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.results.store import load_records


def _shown_runs(report_md: str) -> list[str]:
    return [line.strip()[2:] for line in report_md.splitlines() if line.strip().startswith("$ ")]


def test_records_and_reports_say_where_a_relative_command_ran(tmp_path, monkeypatch):
    work = tmp_path / "my work"  # a space: the report's line must quote it for the shell
    work.mkdir()
    write_small_task(work)
    monkeypatch.chdir(work)
    argv = ["intrinsic", "v=v.txt", "--tasks", "mine.toml", "--out", "R"]
    monkeypatch.setattr("sys.argv", ["wordeval", *argv])
    assert main(["--quiet", *argv]) == 0
    (rec,), _ = load_records(work / "R")
    assert rec.run["cwd"] == str(work)

    monkeypatch.chdir(tmp_path)  # the report is made elsewhere, as a reader elsewhere would read it
    assert main(["--quiet", "report", str(work / "R"), "--out", str(tmp_path / "rep")]) == 0
    (shown,) = _shown_runs((tmp_path / "rep" / "report.md").read_text(encoding="utf-8"))
    assert shlex.split(shown) == ["cd", str(work), "&&", "wordeval", *argv]


def test_a_record_without_a_directory_is_shown_as_before():
    from wordeval.report.protocol import shell_command

    assert shell_command(["wordeval", "run", "x=a b.txt"]) == "wordeval run 'x=a b.txt'"
    assert shell_command(["wordeval", "run"], None) == "wordeval run"


def test_a_python_script_is_shown_as_run_by_python():
    """A Python API script's records carry its path as argv[0] (sys.argv of `python run.py --n 3`): shown
    alone, `cd DIR && run.py --n 3`, the shell looks run.py up in PATH and, found, needs it executable."""
    from wordeval.report.protocol import shell_command

    assert shlex.split(shell_command(["run.py", "--n", "3"], "/w d")) == ["cd", "/w d", "&&", "python", "run.py",
                                                                          "--n", "3"]
    assert shell_command(["/tmp/my eval.py"]) == "python '/tmp/my eval.py'"


def test_python_m_wordeval_recorded_on_windows_is_the_module_call():
    """sys.argv[0] of `python -m wordeval` on Windows is C:\\...\\wordeval\\__main__.py: read as a POSIX path it
    was one name, and the command was written 'python C:\\...\\__main__.py run ...' instead of the module call."""
    from wordeval.report.protocol import shell_command

    main_py = r"C:\Users\ann\venv\Lib\site-packages\wordeval\__main__.py"
    assert shell_command([main_py, "run", "g=glove.txt"]) == "python -m wordeval run g=glove.txt"
    assert shell_command(["/opt/venv/lib/wordeval/__main__.py", "run"]) == "python -m wordeval run"
    assert shell_command([r"C:\work\__main__.py", "run"]) == r"python 'C:\work\__main__.py' run"


def test_a_jupyter_or_inline_code_record_is_not_written_as_a_command_to_paste():
    """sys.argv in a Jupyter kernel is [.../ipykernel_launcher.py, -f, kernel.json], under `python -c CODE` it is
    ['-c'] (the code is not in it), in the interactive interpreter ['']: the report wrote them as commands a
    pasted line would rerun ('cd /nb && python .../ipykernel_launcher.py -f ...', 'cd /w && -c'). They now say
    there is no command line, and where it ran. Oracle: the argv CPython and ipykernel give (their docs)."""
    from wordeval.report.protocol import shell_command

    kernel = ["/opt/venv/lib/python3.11/site-packages/ipykernel_launcher.py", "-f",
              "/root/.local/share/jupyter/runtime/kernel-1.json"]
    assert shell_command(kernel, "/nb") == ("no command line to rerun: made in a Jupyter (IPython kernel) "
                                            "session, working directory /nb")
    assert shell_command(["-c"], "/w d") == ("no command line to rerun: made by inline code (python -c), not "
                                             "kept in the record, working directory '/w d'")
    assert shell_command([""]) == "no command line to rerun: made in an interactive Python session"
    assert shell_command(["-"]).startswith("no command line to rerun: made by code read from standard input")
    assert shell_command([]) == ""  # a record without a command, as before


def test_the_provenance_text_gives_no_shell_prompt_to_a_record_without_a_command_line():
    from wordeval.report.writer import provenance_text

    report = {"wordeval_version": "1", "git_revision": "x", "python": "3", "platform": "p", "time": "t",
              "command": ["wordeval", "report", "R"], "packages": {}}
    runs = [{"wordeval_version": "1", "git_revision": "x", "seeds": [0],
             "commands": ["no command line to rerun: made by inline code (python -c), not kept in the record",
                          "wordeval run x"]}]
    text = provenance_text({"report": report, "analysis": {}, "record_runs": runs, "embeddings": {},
                            "datasets": {}}).splitlines()
    assert "    no command line to rerun: made by inline code (python -c), not kept in the record" in text
    assert "    $ wordeval run x" in text


def test_an_ipython_terminal_record_is_not_written_as_a_command_to_paste():
    """sys.argv at IPython's terminal prompt is its own: ['/venv/bin/ipython', '--no-banner'] or, run as `python
    -m IPython`, ['.../IPython/__main__.py'] (both printed by IPython 9.18's prompt); `python -m ipykernel -f ...`
    gives ['.../ipykernel/__main__.py', '-f', ...]. The report wrote 'cd /w && /venv/bin/ipython --no-banner',
    which opens an empty prompt. A script run by `ipython run.py` has argv ['run.py'] and stays a command."""
    from wordeval.report.protocol import shell_command

    said = "no command line to rerun: made in an interactive IPython session, working directory /w"
    assert shell_command(["/venv/bin/ipython", "--no-banner"], "/w") == said
    assert shell_command(["/venv/lib/python3.11/site-packages/IPython/__main__.py"], "/w") == said
    assert shell_command([r"C:\venv\Scripts\ipython3.exe"], "/w") == said
    assert shell_command(["/venv/lib/site-packages/ipykernel/__main__.py", "-f", "k.json"]) == (
        "no command line to rerun: made in a Jupyter (IPython kernel) session")
    assert shell_command(["run.py"], "/w") == "cd /w && python run.py"
    assert shell_command(["ipython.py"], "/w") == "cd /w && python ipython.py"  # a script of that name
