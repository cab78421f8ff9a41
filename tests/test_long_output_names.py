"""Output names near the file system's limit on one name (NAME_MAX, 255 bytes here): a temporary name adds
about 40 characters to NAME, so an output name the file system accepts failed with ENAMETOOLONG and a
traceback. Its temporaries now carry a shortened NAME (a digest where needed); a name the file system itself
refuses is a one-line error, exit 2, with nothing written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import wordeval
import wordeval.atomic_write as aw
from wordeval.atomic_write import atomic_directory, atomic_write_text, sweep_abandoned, writer_prefix
from wordeval.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from _small_task import write_small_task  # noqa: E402


def _name_max(folder: Path) -> int:
    return os.pathconf(folder, "PC_NAME_MAX")


def _longest_names(folder: Path) -> list[str]:
    """ASCII and two-byte-character names exactly as long as the file system allows."""
    limit = _name_max(folder)
    return ["r" * limit, "é" * (limit // 2) + "r" * (limit % 2)]


@pytest.mark.parametrize("which", [0, 1])
def test_a_file_whose_name_fills_name_max_is_written_and_replaced(tmp_path, which):
    target = tmp_path / _longest_names(tmp_path)[which]
    atomic_write_text(target, "first\n")
    atomic_write_text(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("which", [0, 1])
def test_a_folder_whose_name_fills_name_max_is_written_and_swapped(tmp_path, which):
    target = tmp_path / _longest_names(tmp_path)[which]
    for content in ("first", "second"):  # the second write moves the first folder aside
        with atomic_directory(target) as tmp:
            (tmp / "data.txt").write_text(content, encoding="utf-8")
    assert (target / "data.txt").read_text(encoding="utf-8") == "second"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_temporary_names_of_a_long_name_fit_and_are_the_same_in_every_process(tmp_path):
    target = tmp_path / ("x" * _name_max(tmp_path))
    longest_temporary = writer_prefix(target, old=True) + "abcdefgh" + ".tmp"
    assert len(os.fsencode(longest_temporary)) <= _name_max(tmp_path)
    assert aw.temp_stem(target) == aw.temp_stem(Path(os.fspath(target)))
    assert aw.temp_stem(tmp_path / "short") == "short"


def test_a_long_named_leftover_of_a_dead_writer_is_swept(tmp_path):
    target = tmp_path / ("y" * _name_max(tmp_path))
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(child.stdout)
    leftover = tmp_path / writer_prefix(target).replace(f"-{os.getpid()}-", f"-{dead_pid}-", 1)
    leftover = leftover.with_name(leftover.name + "k2j3x_9q.tmp")
    leftover.write_text("half", encoding="utf-8")
    sweep_abandoned(target)
    assert not leftover.exists()


@pytest.mark.parametrize("command", ["run", "report"])
def test_a_name_the_file_system_refuses_is_one_line_exit_2(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    vectors, spec = write_small_task(tmp_path)
    too_long = "z" * (_name_max(tmp_path) + 1)
    before = sorted(p.name for p in tmp_path.iterdir())
    argv = {"run": ["run", f"mine={vectors.name}", "--tasks", spec.name, "--out", too_long],
            "report": ["report", "store", "--out", too_long]}[command]
    if command == "report":
        assert main(["run", f"mine={vectors.name}", "--tasks", spec.name, "--out", "store"]) == 0
        before = sorted(p.name for p in tmp_path.iterdir())
        capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "longer than the file system allows" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("argv", [["status", "{long}"], ["compare", "{long}"], ["cite", "{long}"],
                                  ["report", "{long}", "--out", "rep"], ["datasets", "check", "{long}"],
                                  ["run", "v.txt", "--tasks", "mine.toml", "--out", "R", "--data-home", "{long}"],
                                  ["info", "{long}.txt"]])
def test_an_input_name_the_file_system_refuses_is_one_line_exit_2(tmp_path, monkeypatch, capsys, argv):
    """An input path (a store, a spec, a data home) with a name over NAME_MAX: pathlib's exists() and
    is_file() raise ENAMETOOLONG on Python 3.11, which ended `status`, `compare`, `cite`, `report`,
    `datasets check` and `--data-home` in a traceback (exit 1)."""
    monkeypatch.chdir(tmp_path)
    write_small_task(tmp_path)
    long = "y" * (_name_max(tmp_path) + 1)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main([a.replace("{long}", long) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wordeval: error: ") and err.count("\n") == 1, err
    assert long in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_task_name_longer_than_a_file_name_saves_its_predictions_and_stores_its_record(tmp_path, capsys):
    """A spec named with 300 characters: its prediction file is named with a shortened task and a digest, but
    the look for the file's name under the earlier naming rule (the task whole) failed with ENAMETOOLONG after
    the file was written, and the run ended (exit 2) with the cell's record unstored."""
    vectors, spec = write_small_task(tmp_path)
    long = "a" * (_name_max(tmp_path) + 45)
    spec.write_text(spec.read_text(encoding="utf-8").replace('name = "mine"', f'name = "{long}"'), encoding="utf-8")
    out, predictions = tmp_path / "R", tmp_path / "P"
    assert main(["-q", "run", f"v={vectors}", "--tasks", str(spec), "--out", str(out),
                 "--save-predictions", str(predictions)]) == 0, capsys.readouterr().err
    (record,), _ = wordeval.load_records(str(out))
    assert record.task == f"similarity/{long}"
    assert len([p for p in predictions.iterdir() if p.suffix == ".tsv"]) == 1
