"""`wordeval datasets list --family FAMILY` lists the family's tasks, each with its dataset, the task's version
and its main score: `datasets list` named datasets and their family only, so which tasks a run could be given
(--tasks analogy/msr), at which version and scored by what, was found by reading the package. A family that is
not one is refused in one line with the name meant (exit 2).

Oracles: the built-in declaration files read with tomllib (tomli on 3.10, through wordeval.toml_reader; a task
per file under wordeval/tasks/builtin/FAMILY; its dataset is its `dataset` key, else its own name), and the
published sizes: Google's 8,869 semantic + 10,675 syntactic questions (Mikolov et al. 2013), MSR's 8,000
(Mikolov, Yih and Zweig 2013), the QVEC supersense oracle's 4,199 words (Tsvetkov et al. 2015)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import wordeval
from wordeval.cli import main
from wordeval.toml_reader import loads as toml_loads

BUILTIN = Path(wordeval.__file__).parent / "tasks" / "builtin"


def _declared(family: str) -> dict[str, dict]:
    out = {}
    for path in sorted((BUILTIN / family).glob("*.toml")):
        data = toml_loads(path.read_text(encoding="utf-8"))
        out[f"{family}/{data['name']}"] = {"version": data["version"], "main_score": data["main_score"],
                                           "dataset": data.get("dataset", data["name"])}
    return out


def _listed(capsys, family: str) -> list[dict]:
    assert main(["datasets", "list", "--family", family, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("family", sorted(p.name for p in BUILTIN.iterdir() if p.is_dir()))
def test_each_family_lists_the_tasks_its_files_declare(capsys, family):
    rows = _listed(capsys, family)
    assert {r["task"]: {k: r[k] for k in ("version", "main_score", "dataset")} for r in rows} == _declared(family)
    assert [r["task"] for r in rows] == sorted(r["task"] for r in rows)


def test_the_analogy_tasks_with_their_published_sizes(capsys):
    rows = {r["task"]: r for r in _listed(capsys, "analogy")}
    assert set(rows) == {"analogy/bats", "analogy/google", "analogy/msr"}
    assert (rows["analogy/google"]["items"], rows["analogy/google"]["unit"]) == (8869 + 10675, "questions")
    assert rows["analogy/msr"]["items"] == 8000
    assert all(r["main_score"] == "accuracy" for r in rows.values())


def test_a_task_reading_another_familys_dataset_is_listed_with_it(capsys):
    """qvec-cca/supersenses reads the qvec family's oracle: no dataset of the qvec-cca family holds it."""
    rows = {r["task"]: r for r in _listed(capsys, "qvec-cca")}
    assert rows["qvec-cca/supersenses"]["dataset"] == "qvec-supersenses"
    assert (rows["qvec-cca/supersenses"]["items"], rows["qvec-cca/supersenses"]["unit"]) == (4199, "oracle words")


def test_the_table_has_a_row_per_task_under_its_header(capsys):
    assert main(["datasets", "list", "--family", "analogy"]) == 0
    head, *lines = capsys.readouterr().out.splitlines()
    assert head.split() == ["task", "version", "main", "score", "dataset", "items", "offline"]
    assert [line.split()[:4] for line in lines] == [[t, d["version"], d["main_score"], d["dataset"]]
                                                    for t, d in _declared("analogy").items()]
    at = head.index("offline")
    assert all(line[at:at + 3] in ("yes", "no") or line[at:].rstrip() in ("yes", "no") for line in lines)
    google = next(line for line in lines if line.startswith("analogy/google "))
    assert " 19,544 questions " in google


@pytest.mark.parametrize("given, said", [
    ("analogi", "unknown task family 'analogi' (did you mean 'analogy'?); known: similarity, analogy, sts, pos, "
                "chunking, ner, classification, qvec, qvec-cca"),
    ("Analogy", "unknown task family 'Analogy' (did you mean 'analogy'?); known:"),
    ("nope", "unknown task family 'nope'; known: similarity, analogy,")])
def test_a_family_that_is_not_one_is_refused_in_one_line(capsys, given, said):
    assert main(["datasets", "list", "--family", given]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith(f"wordeval: error: {said}"), captured.err
