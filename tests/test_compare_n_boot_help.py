"""`compare --help` and `report --help` said `--n-boot` is "bootstrap resamples" and `--seed` "seed of the
bootstrap resamples", so a user raising them to 10,000 expected every interval of the Results table drawn again;
a cell of one record keeps the interval drawn when it was scored (README, Cell intervals). The help now says
which resamples the options set, and this test holds it to what compare does."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.cli import build_parser
from wordeval.report.compare import compare


def _help(command: str) -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if hasattr(a, "choices") and isinstance(a.choices, dict))
    return " ".join(sub.choices[command].format_help().split())


def test_help_says_a_one_record_cell_keeps_its_interval():
    for command in ("compare", "report"):
        text = _help(command)
        assert "a cell of one record keeps the interval drawn when it was scored" in text
        assert "not of a one-record cell's interval" in text


def test_a_one_record_cell_keeps_its_interval_whatever_n_boot_and_seed():
    rng = np.random.default_rng(1)
    gold = rng.normal(size=60)
    records = []
    for name in ("A", "B"):
        rec = make_record(name, "similarity/toy", {"id": list(range(60)), "gold": gold,
                                                   "pred": gold + rng.normal(size=60)})
        rec.ci = {"spearman": [0.125, 0.875]}  # an interval compare could never draw from these items
        records.append(rec)
    for n_boot, seed in ((100, 0), (2000, 7)):
        comp = compare(records, n_boot=n_boot, seed=seed)
        assert [comp.cells[(name, "similarity/toy")]["ci"] for name in ("A", "B")] == [[0.125, 0.875]] * 2
