"""The summary's reason for giving no agreement verdict matches the cells' count of representations: over 3
it said "τ over 2 representations is always ±1". Over n, the exact permutation p-value cannot go below 2/n!
(the two orderings that give τ = ±1), hand-computed: 2/3! = 0.333."""
from __future__ import annotations

import json

from tests._records import cli_records
from wordeval.cli import main


def _summary(tmp_path, capsys, names) -> str:
    path = tmp_path / "records.json"
    path.write_text(json.dumps([r.to_dict() for r in cli_records(names=names)]), encoding="utf-8")
    assert main(["--quiet", "compare", str(path), "--n-boot", "60", "--json"]) == 0
    (line,) = [s for s in json.loads(capsys.readouterr().out)["summary"] if s.startswith("Too few")]
    return line


def test_three_representations_get_the_p_value_floor_not_the_two_representation_reason(tmp_path, capsys):
    line = _summary(tmp_path, capsys, ("A", "B", "C"))
    assert "uses 3 representations" in line and "always ±1" not in line
    assert "cannot go below 2/3! = 0.333" in line


def test_two_representations_keep_the_plus_minus_one_reason(tmp_path, capsys):
    line = _summary(tmp_path, capsys, ("A", "B"))
    assert "uses 2 representations" in line and "τ over 2 representations is ±1, or undefined where" in line
