"""The intrinsic command's table named every interval a '95% CI', so ``--set ci_level=0.5`` printed a 50 %
interval under that header; the header now gives the records' level, and where they differ each interval
says its own."""
from __future__ import annotations

import dataclasses

from tests._records import make_record
from wordeval.cli.intrinsic import format_table


def _record(name: str, level: float | None):
    rec = make_record(name, "similarity/t", {"id": list(range(12)), "gold": list(range(12)),
                                              "pred": [0, 2, 1, 3, 5, 4, 6, 8, 7, 9, 11, 10]})
    config = dict(rec.config, **({"ci_level": level} if level is not None else {}))
    return dataclasses.replace(rec, config=config, ci={"spearman": [0.5, 0.99]})


def test_header_names_the_records_level():
    assert format_table([_record("a", 0.5)]).splitlines()[0].split()[5:7] == ["50%", "CI"]
    assert format_table([_record("a", None)]).splitlines()[0].split()[5:7] == ["95%", "CI"]  # the default


def test_records_at_other_levels_each_say_theirs():
    lines = format_table([_record("a", 0.9), _record("b", None)]).splitlines()
    assert "% CI" not in lines[0] and " CI " in lines[0]
    assert "[0.500, 0.990] (90%)" in lines[2] and "[0.500, 0.990] (95%)" in lines[3]
