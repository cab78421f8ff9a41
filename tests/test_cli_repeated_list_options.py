"""A list option given twice (``--tasks A --tasks B``, ``demo --only X --only Y``) kept only its last
occurrence: the first tasks were dropped without a word and the run stored fewer records than asked for. Each
occurrence now adds to the list, as the repeatable options (--data-home, --set) do."""
from __future__ import annotations

import sqlite3

import pytest

from tests._small_task import write_small_task
from wordeval.cli import build_parser, main


def _tasks_stored(store) -> list[str]:
    with sqlite3.connect(store / "results.sqlite") as db:
        return sorted(row[0] for row in db.execute("select task from records"))


@pytest.mark.parametrize("command", ["intrinsic", "run"])
def test_every_tasks_option_is_run(tmp_path, command):
    vectors, spec = write_small_task(tmp_path)
    spec2 = tmp_path / "mine2.toml"
    spec2.write_text(spec.read_text(encoding="utf-8").replace('"mine"', '"mine2"'), encoding="utf-8")
    out = tmp_path / "R"
    assert main(["-q", command, str(vectors), "--tasks", str(spec), "--tasks", str(spec2),
                 "--out", str(out)]) == 0
    assert _tasks_stored(out) == ["similarity/mine", "similarity/mine2"]


@pytest.mark.parametrize("argv, key, expected", [
    (["intrinsic", "v", "--tasks", "a", "--tasks", "b", "c"], "tasks", ["a", "b", "c"]),
    (["extrinsic", "v", "--tasks", "a", "--tasks", "b"], "tasks", ["a", "b"]),
    (["run", "v", "--tasks", "a", "--tasks", "b"], "tasks", ["a", "b"]),
])
def test_repeated_list_options_add_up(argv, key, expected):
    assert getattr(build_parser().parse_args(argv), key) == expected


def test_demo_only_adds_up():
    parser = build_parser()
    choices = next(a for a in parser._subparsers._group_actions[0].choices["demo"]._actions
                   if a.dest == "only").choices
    first, second = list(choices)[:2]
    assert parser.parse_args(["demo", "--only", first, "--only", second]).only == [first, second]


def test_without_tasks_the_defaults_run_unchanged():
    from wordeval.cli.extrinsic import DEFAULT_TASKS as EXTRINSIC
    from wordeval.cli.intrinsic import DEFAULT_TASKS as INTRINSIC

    assert INTRINSIC == ("similarity", "analogy/google")
    assert EXTRINSIC[0] == "pos/ud-ewt"
    assert build_parser().parse_args(["intrinsic", "v"]).tasks is None  # filled in by the command
