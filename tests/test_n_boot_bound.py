"""A task's n_boot had no upper bound (compare's --n-boot stops at 1,000,000): `--set n_boot=1e20` was taken
and the first cell ran without end, and `demo --n-boot 2000000` ran the whole demo before its comparison
refused the value. Both are now exit 2 before any work."""
from __future__ import annotations

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main


@pytest.mark.parametrize("value", ["1000001", "99999999999999999999"])
def test_a_task_n_boot_above_compares_bound_is_refused_before_work(tmp_path, capsys, value):
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "R"
    assert main(["-q", "intrinsic", str(vectors), "--tasks", str(spec), "--out", str(out),
                 "--set", f"n_boot={value}"]) == 2
    assert capsys.readouterr().err == f"wordeval: error: --set n_boot={value}: expected an integer <= 1000000\n"
    assert not out.exists()


def test_compares_bound_itself_is_taken(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    assert main(["-q", "intrinsic", str(vectors), "--tasks", str(spec), "--out", str(tmp_path / "R"),
                 "--set", "n_boot=10"]) == 0


def test_demo_n_boot_is_bounded_as_compares(capsys):
    from wordeval.cli import build_parser

    with pytest.raises(SystemExit) as exc:  # parsed only: without the bound the demo itself would start
        build_parser().parse_args(["demo", "--n-boot", "1000001"])
    assert exc.value.code == 2
    assert "--n-boot='1000001': expected an integer <= 1000000" in capsys.readouterr().err
