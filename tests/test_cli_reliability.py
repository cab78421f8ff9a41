"""Nothing lost, on any machine: output folders that are not ours are never touched, every user error is one
line with exit code 2 found before any work, skipped data is exit code 3, an interrupt is 130, and a full
disk leaves a consistent store that the next run resumes."""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests._records import cli_records
from wordeval.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def records_json(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([r.to_dict() for r in cli_records()]), encoding="utf-8")
    return path


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    return err


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_report_never_touches_a_foreign_folder(records_json, tmp_path, capsys):
    paper = tmp_path / "paper"
    (paper / ".git").mkdir(parents=True)
    (paper / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (paper / "paper.tex").write_text("\\documentclass{article}")
    (paper / "sub").mkdir()
    (paper / "sub" / "data.csv").write_text("a,b\n1,2\n")
    before = _tree(paper)
    assert main(["--quiet", "report", str(records_json), "--out", str(paper), "--n-boot", "20"]) == 2
    assert "wordeval did not write" in _one_error_line(capsys)
    assert _tree(paper) == before
    # --force replaces only a wordeval output, never a foreign folder
    assert main(["--quiet", "report", str(records_json), "--out", str(paper), "--force"]) == 2
    assert _tree(paper) == before


@pytest.mark.parametrize("target", ["file", "dot", "store", "parent", "home"])
def test_report_refuses_before_computing(records_json, tmp_path, capsys, monkeypatch, target):
    import wordeval.report.compare as compare_module

    def boom(*args, **kwargs):
        raise AssertionError("compare ran although the output was refused")

    monkeypatch.chdir(tmp_path)
    store = tmp_path / "runs" / "store"
    from wordeval.results.store import ResultStore
    with ResultStore(store) as s:
        for rec in cli_records():
            s.put(rec)
    store_files = _tree(store)
    embedding = tmp_path / "vectors.txt"
    embedding.write_bytes(b"x" * 10_000_000)
    monkeypatch.setattr(compare_module, "compare", boom)
    out, inputs = {"file": (embedding, [str(records_json)]), "dot": (".", [str(records_json)]),
                   "store": (store, [str(store)]), "parent": (tmp_path / "runs", [str(store)]),
                   "home": (Path.home(), [str(records_json)])}[target]
    assert main(["--quiet", "report", *inputs, "--out", str(out)]) == 2
    _one_error_line(capsys)
    assert _tree(store) == store_files
    assert embedding.stat().st_size == 10_000_000


def test_report_replaces_only_its_own_earlier_report(records_json, tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["--quiet", "report", str(records_json), "--out", str(out), "--n-boot", "20"]) == 0
    first = _tree(out)
    assert ".wordeval-output" in first and "report.md" in first
    (out / "report.md").write_text("edited")  # a file wordeval wrote: the folder is replaced whole
    assert main(["--quiet", "report", str(records_json), "--out", str(out), "--n-boot", "20"]) == 0
    assert _tree(out)["report.md"] != b"edited" and ".wordeval-output" in _tree(out)
    store = tmp_path / "store"  # a report folder is not a store
    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(out)]) == 2
    assert "holds a wordeval report, not a store" in capsys.readouterr().err


def test_run_into_a_foreign_folder_or_a_file_is_refused(tmp_path, capsys):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep")
    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(foreign)]) == 2
    _one_error_line(capsys)
    assert _tree(foreign) == {"notes.txt": b"keep"}
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(target)]) == 2
    assert "is a file" in _one_error_line(capsys) and target.read_text() == "x"


def test_skipped_data_is_exit_code_3_and_listed(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)  # CoNLL-2003 is bring-your-own: not here
    out = tmp_path / "s"
    rc = main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "ner/conll2003", "--out", str(out),
               "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert rc == 3 and len(summary["computed"]) == 1
    assert [s["task"] for s in summary["skipped"]] == ["ner/conll2003"] and "eng.train" in summary["skipped"][0]["reason"]


def test_device_that_is_not_here_is_a_user_error(tmp_path, capsys):
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    rc = main(["--quiet", "run", "glove-6b-50d", "--tasks", "ner/wnut16", "--set", "device=\"cuda\"",
               "--out", str(tmp_path / "o")])
    assert rc == 2 and "no CUDA device" in _one_error_line(capsys)
    assert not (tmp_path / "o").exists()


def _run_cli(args, *, env=None, preexec_fn=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "wordeval", "--quiet", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, preexec_fn=preexec_fn, timeout=timeout)


@pytest.mark.slow
def test_file_size_limit_leaves_a_consistent_store_that_resumes(tmp_path):
    """``ulimit -f`` reached while storing (the same errno path as a full disk): one line, exit 2, the
    records stored so far are intact, and the same command with room to write finishes the run."""
    out = tmp_path / "store"
    tasks = ["--tasks", "similarity/ws353", "similarity/simlex999", "similarity/men", "analogy/msr"]

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    res = _run_cli(["run", "glove-6b-50d", *tasks, "--out", str(out)], preexec_fn=small_files)
    lines = [line for line in res.stderr.splitlines() if line.startswith("wordeval:")]
    assert res.returncode == 2 and len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
    assert "ulimit -f" in lines[0] or "disk" in lines[0]
    from wordeval.results.store import ResultStore
    with ResultStore(out, readonly=True) as store:
        assert store.check() == []
        n_before = len(store)
    assert n_before < 4
    res = _run_cli(["run", "glove-6b-50d", *tasks, "--out", str(out), "--json"])
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert len(summary["cached"]) == n_before and len(summary["computed"]) == 4 - n_before


@pytest.mark.slow
@pytest.mark.parametrize("signum,code,word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_a_signal_is_one_line_and_the_store_resumes(tmp_path, signum, code, word):
    """Ctrl-C, and SIGTERM (``kill``, a scheduler's time limit) the same way: one line, the stored records intact."""
    out = tmp_path / "store"
    cmd = [sys.executable, "-m", "wordeval", "run", "glove-6b-50d", "--tasks", "similarity/ws353",
           "similarity/simlex999", "similarity/men", "analogy/msr", "analogy/google", "--out", str(out)]
    # a shell without job control starts background jobs with SIGINT ignored; give the child the default
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    for line in proc.stderr:
        if "stored " in line:
            proc.send_signal(signum)
            break
    rest = proc.stderr.read()
    proc.wait(timeout=120)
    assert proc.returncode == code and f"wordeval: {word}" in rest and "Traceback" not in rest, rest
    from wordeval.results.store import ResultStore
    with ResultStore(out, readonly=True) as store:
        assert store.check() == [] and 1 <= len(store) < 5


LEAKER = """
import multiprocessing, os, sys
from wordeval.cli import main
if sys.argv[1] == "cli":
    main(["--version"])
lock = multiprocessing.get_context("spawn").Lock()  # registered with the resource tracker, never released
sys.stdout.flush()
os._exit(0)  # as an interrupted run whose Dask nannies did not release their queues
"""


def test_the_resource_tracker_adds_no_lines_to_a_command(tmp_path):
    """A process that ends holding semaphores gets a two-line warning from multiprocessing's resource tracker
    (which then removes them); in a command-line run it stays quiet, so an interrupt is one line."""
    script = tmp_path / "leaker.py"
    script.write_text(LEAKER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    plain = subprocess.run([sys.executable, str(script), "plain"], capture_output=True, text=True, env=env,
                           timeout=60)
    assert "leaked semaphore" in plain.stderr  # the warning this test is about exists
    cli = subprocess.run([sys.executable, str(script), "cli"], capture_output=True, text=True, env=env, timeout=60)
    assert cli.returncode == 0 and cli.stderr == "", cli.stderr


def test_a_store_is_read_without_writing_to_it(tmp_path, capsys):
    store = tmp_path / "s"
    from wordeval.results.store import ResultStore
    with ResultStore(store) as s:
        for rec in cli_records():
            s.put(rec)
    before = sorted(p.name for p in store.iterdir())
    mtimes = {p.name: p.stat().st_mtime_ns for p in store.iterdir()}
    assert main(["--quiet", "compare", str(store), "--n-boot", "20", "--json"]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in store.iterdir()) == before
    assert {p.name: p.stat().st_mtime_ns for p in store.iterdir()} == mtimes
    os.chmod(store, 0o555)  # a read-only folder (as root this does not bind; immutable mode is still used)
    try:
        assert main(["--quiet", "cite", str(store)]) == 0
    finally:
        os.chmod(store, 0o755)


# a label with a control character (a newline) is refused before any work: test_output_control_characters
@pytest.mark.parametrize("label", ["$x^$", "a|b, c:d / e\\f", "<b>&amp;</b>"])
def test_any_label_but_equals_goes_through_run_and_report(tmp_path, capsys, label):
    out, rep = tmp_path / "s", tmp_path / "r"
    assert main(["--quiet", "run", f"{label}=glove-6b-50d", "glove-6b-50d", "--tasks", "similarity/ws353",
                 "similarity/simlex999", "--out", str(out)]) == 0
    assert main(["--quiet", "report", str(out), "--out", str(rep), "--n-boot", "20"]) == 0
    capsys.readouterr()
    from wordeval.results.store import load_records
    labels = {r.label for r in load_records([out])[0]}
    assert labels == {label, "glove-6b-50d"}
    assert (rep / "report.md").is_file() and list((rep / "figures").glob("*.png"))


@pytest.mark.parametrize("label", ["a/b:c,d", "x\\y", "$x^$"])
def test_info_and_load_embedding_take_the_same_labels_as_run(capsys, label):
    """One rule everywhere: a label is anything before the first '=' unless that is a builder spec or a path."""
    import wordeval
    assert main(["info", f"{label}=glove-6b-50d"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split(None, 1)[1] == label
    assert wordeval.load_embedding(f"{label}=glove-6b-50d").info.name == label


def test_a_builder_spec_is_never_split_as_a_label():
    from wordeval.embeddings.load import split_label
    assert split_label("word2vec:corpus=news,dim=50") == (None, "word2vec:corpus=news,dim=50")
    assert split_label("mine=word2vec:corpus=news") == ("mine", "word2vec:corpus=news")


def test_force_replaces_a_wordeval_output_of_another_kind_and_only_that(records_json, tmp_path, capsys):
    """report -> store and store -> report with --force: the old output is gone, the new one is whole."""
    rep, store = tmp_path / "rep", tmp_path / "store"
    assert main(["--quiet", "report", str(records_json), "--out", str(rep), "--n-boot", "20"]) == 0
    capsys.readouterr()
    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(rep)]) == 2
    assert "not a store" in _one_error_line(capsys)
    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(rep), "--force"]) == 0
    capsys.readouterr()
    from wordeval.output_paths import marker_kind
    assert marker_kind(rep) == "store" and not (rep / "report.md").exists() and (rep / "results.sqlite").is_file()

    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(store)]) == 0
    assert main(["--quiet", "report", str(rep), "--out", str(store), "--n-boot", "20", "--force"]) == 0
    capsys.readouterr()
    assert marker_kind(store) == "report" and (store / "report.md").is_file()
    assert not (store / "results.sqlite").exists()


def test_force_interrupted_while_removing_leaves_no_half_deleted_output(records_json, tmp_path, capsys,
                                                                        monkeypatch):
    """--force removed the old output in place: killed midway, it left a half-deleted folder that the next
    run refused as holding files wordeval did not write. Now the old output is renamed aside first."""
    import shutil
    import socket
    import subprocess
    import sys

    from wordeval.atomic_write import OWNER
    from wordeval.output_paths import discard_other_kind, marker_kind

    rep = tmp_path / "rep"
    assert main(["--quiet", "report", str(records_json), "--out", str(rep), "--n-boot", "20"]) == 0
    real_rmtree = shutil.rmtree

    def killed_midway(path, *a, **k):
        (Path(path) / "report.md").unlink()  # part of the folder gone, then the process dies
        raise KeyboardInterrupt

    monkeypatch.setattr(shutil, "rmtree", killed_midway)
    with pytest.raises(KeyboardInterrupt):
        discard_other_kind(rep, "store")
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    assert not rep.exists()  # the output is gone whole, not half
    (aside,) = tmp_path.glob(".rep.*")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a process id that is gone: as the killed run's
    (aside / OWNER).write_text(f"{socket.gethostname()} {dead.pid}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(rep)]) == 0
    assert marker_kind(rep) == "store"
    discard_other_kind(rep, "report")  # the next --force at that path sweeps what the killed one left
    assert not rep.exists() and not aside.exists()


def test_a_wordeval_output_holding_a_users_file_is_never_removed(records_json, tmp_path, capsys):
    """A report is replaced (and --force replaces another kind) only when the folder holds nothing else."""
    rep = tmp_path / "rep"
    assert main(["--quiet", "report", str(records_json), "--out", str(rep), "--n-boot", "20"]) == 0
    (rep / "notes.txt").write_text("mine")
    capsys.readouterr()
    before = _tree(rep)
    assert main(["--quiet", "report", str(records_json), "--out", str(rep), "--n-boot", "20"]) == 2
    assert "notes.txt" in _one_error_line(capsys)
    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(rep), "--force"]) == 2
    assert "notes.txt" in _one_error_line(capsys)
    assert _tree(rep) == before


@pytest.mark.parametrize("mine", ["results.sqlite.bak", "results.sqlite-old/notes.txt"])
def test_force_keeps_a_store_holding_a_users_copy_of_its_database(records_json, tmp_path, capsys, mine):
    """A store's own files were told by the prefix "results.sqlite": a user's backup copy beside the database
    (results.sqlite.bak, or a folder results.sqlite-old/) passed for the store's, and `report --force` over
    the store removed it with the store."""
    from tests._records import small_store

    store = small_store(tmp_path / "store")
    (store / mine).parent.mkdir(exist_ok=True)
    (store / mine).write_bytes(b"mine")
    before = _tree(store)
    capsys.readouterr()
    assert main(["--quiet", "report", str(records_json), "--out", str(store), "--n-boot", "20", "--force"]) == 2
    assert mine.split("/")[0] in _one_error_line(capsys)
    assert _tree(store) == before


@pytest.mark.parametrize("where", ["figures/notes.txt", "figures/mine/data.csv"])
def test_a_users_file_inside_a_reports_figures_folder_stops_the_replacement(records_json, tmp_path, capsys, where):
    rep = tmp_path / "rep"
    assert main(["--quiet", "report", str(records_json), "--out", str(rep), "--n-boot", "20"]) == 0
    (rep / where).parent.mkdir(exist_ok=True)
    (rep / where).write_text("mine")
    capsys.readouterr()
    before = _tree(rep)
    assert main(["--quiet", "report", str(records_json), "--out", str(rep), "--n-boot", "20"]) == 2
    assert where.split("/")[1] in _one_error_line(capsys)
    assert _tree(rep) == before


def test_another_programs_results_sqlite_is_never_written_into(tmp_path, capsys):
    """A folder holding only results.sqlite counts as a store written before markers existed only when the file
    is one: another program's database of that name was opened and given wordeval's tables."""
    import sqlite3

    foreign = tmp_path / "mydb"
    foreign.mkdir()
    db = sqlite3.connect(foreign / "results.sqlite")
    db.execute("CREATE TABLE mine (x)")
    db.commit()
    db.close()
    before = _tree(foreign)
    assert main(["--quiet", "intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(foreign)]) == 2
    assert "did not write" in _one_error_line(capsys)
    assert _tree(foreign) == before
    # the same, addressed as a file
    assert main(["--quiet", "intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--out",
                 str(foreign / "results.sqlite")]) == 2
    assert "not a wordeval result store" in _one_error_line(capsys)
    assert _tree(foreign) == before


def test_a_store_addressed_by_its_sqlite_file_resumes(tmp_path, capsys):
    target = tmp_path / "mine.sqlite"
    args = ["--quiet", "intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(target), "--json"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert main(args) == 0  # was "exists and is a file, not a folder"
    again = json.loads(capsys.readouterr().out.splitlines()[0])
    assert [r["scores"] for r in again] == [r["scores"] for r in first]


def test_intrinsic_force_replaces_a_report_whole_as_run_does(records_json, tmp_path, capsys):
    rep = tmp_path / "rep"
    assert main(["--quiet", "report", str(records_json), "--out", str(rep), "--n-boot", "20"]) == 0
    assert main(["--quiet", "intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(rep),
                 "--force"]) == 0
    capsys.readouterr()
    from wordeval.output_paths import marker_kind
    assert marker_kind(rep) == "store" and sorted(p.name for p in rep.iterdir()) == [
        ".wordeval-output", "results.sqlite"]


def test_an_interrupted_report_does_not_say_resume(records_json, tmp_path, capsys, monkeypatch):
    import wordeval.cli.report as report_cli

    def interrupted(args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report_cli, "run", interrupted)
    assert main(["--quiet", "report", str(records_json), "--out", str(tmp_path / "rep")]) == 130
    err = capsys.readouterr().err.strip()
    assert err == "wordeval: interrupted (nothing was written; an earlier output is as it was)", err


def test_an_empty_sqlite_file_is_named_as_no_store(tmp_path, capsys):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "results.sqlite").write_bytes(b"")
    assert main(["--quiet", "compare", str(tmp_path / "s")]) == 2
    assert "expected a wordeval result store, got an SQLite file without its tables" in _one_error_line(capsys)


@pytest.mark.parametrize("argv, helped", [(["compare", "--level", "0.9", "x"], "wordeval compare --help"),
                                          (["cite", "x", "--bogus"], "wordeval cite --help"),
                                          (["--bogus"], "wordeval --help")])
def test_an_unknown_option_points_to_its_command_help(argv, helped, capsys):
    """An option the subcommand does not take was refused by the top-level parser, which pointed to
    'wordeval --help' (a list of commands) instead of the command's own options."""
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.endswith(f"(see: {helped})") and "unrecognized arguments" in err
