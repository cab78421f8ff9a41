"""Options where a user writes them: -q/--quiet and -v/--verbose before the command (``wordeval -q run ...``)
and after it (``wordeval run ... --quiet``, ``wordeval datasets list -q``), as README's "--quiet leaves out
both" reads; an option of ``extrinsic``/``intrinsic`` given to ``run`` says how run takes it (--set); the
inputs ``cite`` reads are those its --help names."""
from __future__ import annotations

import pytest

from wordeval.cli import build_parser, main


@pytest.mark.parametrize("argv, quiet, verbose", [
    (["-q", "compare", "R"], True, False),
    (["compare", "R", "--quiet"], True, False),
    (["compare", "R"], False, False),
    (["run", "glove-6b-50d", "--tasks", "similarity/ws353", "-v"], False, True),
    (["datasets", "list", "-q"], True, False),
    (["-v", "datasets", "--data-home", "D", "verify"], False, True),
])
def test_quiet_and_verbose_before_or_after_the_command(argv, quiet, verbose):
    args, extra = build_parser().parse_known_args(argv)
    assert extra == []
    assert (args.quiet, args.verbose) == (quiet, verbose)


def test_quiet_after_the_command_is_not_an_unrecognized_argument(capsys):
    assert main(["datasets", "cite", "ws353", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out.lstrip().startswith("@") and captured.err == ""


def test_every_command_lists_quiet_in_its_help():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, command_parser in commands.items():
        assert "--quiet" in command_parser.format_help(), name


@pytest.mark.parametrize("argv, hint", [
    (["--profile", "quick"], "--set profile=quick"),
    (["--learner=crf"], "--set learner=crf"),
    (["--finetune"], "--set finetune=true"),
    (["--method", "3cosmul"], "--set method=3cosmul"),
])
def test_run_says_it_takes_a_task_option_through_set(argv, hint, capsys, tmp_path):
    """`wordeval run ... --profile quick` (an option of `extrinsic`) was only 'unrecognized arguments'."""
    out = tmp_path / "R"
    assert main(["run", "glove-6b-50d", "--tasks", "similarity/ws353", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("wordeval: error: unrecognized arguments")
    assert err.rstrip().endswith(f"run takes that task option as {hint}")
    assert not out.exists()


def test_an_option_no_command_has_gets_no_set_hint(capsys, tmp_path):
    assert main(["run", "glove-6b-50d", "--bogus", "--out", str(tmp_path / "R")]) == 2
    assert "--set" not in capsys.readouterr().err


def test_cite_help_names_every_input_it_reads(tmp_path, capsys):
    """cite's --help named 'result stores or .json record files' while it reads .jsonl and mixes, as compare."""
    from tests._records import cli_records

    records = tmp_path / "records.jsonl"
    records.write_text("".join(r.to_json() + "\n" for r in cli_records()), encoding="utf-8")
    assert main(["cite", str(records)]) == 0
    capsys.readouterr()
    cite = next(a for a in build_parser()._actions if a.dest == "command").choices["cite"]
    assert ".jsonl" in cite.format_help() and "in any mix" in cite.format_help()
