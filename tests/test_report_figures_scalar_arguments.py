"""With numpy 2.2 and matplotlib 3.10.9 (Python 3.10), report figures raised DeprecationWarnings "Conversion of
an array with ndim > 0 to a scalar is deprecated" from matplotlib's cbook._safe_first_finite: task_bars gave
barh its whiskers as a (2, n) array, and for a representation with a single bar (n = 1) matplotlib took each
one-element row for a scalar (``math.isfinite(row)``). numpy 2.4 refuses that conversion (a TypeError that
matplotlib hides), so here the deprecation is put back for that call: ``math.isfinite`` of an array with
ndim > 0 warns, as numpy 1.25-2.3 did. Checked for real in a venv with numpy 2.2.6 and matplotlib 3.10.9,
where the task_bars tests failed under ``-W error::DeprecationWarning`` before the fix."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from tests._records import cli_records, make_record
from tests.test_report_heatmap_legible import _comparison
from wordeval.report.compare import compare
from wordeval.report.plots import all_figures


class _Numpy23Math:
    """The math module as matplotlib's cbook calls it, with numpy < 2.4's deprecation of float(array)."""

    def __getattr__(self, name):
        return getattr(math, name)

    @staticmethod
    def isfinite(x):
        # a one-element array only: a longer one raised TypeError there too (which matplotlib expects)
        if isinstance(x, np.ndarray) and x.ndim > 0 and x.size == 1:
            warnings.warn("Conversion of an array with ndim > 0 to a scalar is deprecated", DeprecationWarning,
                          stacklevel=2)
        return math.isfinite(x)


def _records(reps, tasks):
    return [r for r in cli_records(n_sim=30, n_doc=30) if r.embedding["name"] in reps and r.task in tasks]


def _one_bar_beside_many():
    """Five representations on four tasks (all three figures), and a sixth scored on one task only."""
    comp = _comparison(2, 2)
    recs = list(comp.records)
    rng = np.random.default_rng(2)
    gold = np.asarray(recs[0].per_item["gold"])
    recs.append(make_record("rep5", recs[0].task, {"id": list(range(len(gold))), "gold": gold,
                                                   "pred": gold + rng.normal(size=len(gold))}))
    return compare(recs, n_boot=50)


# each with a representation of a single bar, the case that handed matplotlib a (2, 1) array
CASES = {
    "one representation, one task": lambda: compare(_records("A", ["similarity/toy"]), n_boot=20),
    "three representations, one task": lambda: compare(_records("ABC", ["similarity/toy"]), n_boot=20),
    "six representations on four tasks, one of them on one": _one_bar_beside_many,
}


@pytest.mark.parametrize("case", list(CASES))
def test_figures_hand_matplotlib_no_array_where_it_wants_a_scalar(case, tmp_path, monkeypatch):
    from matplotlib import cbook

    monkeypatch.setattr(cbook, "math", _Numpy23Math())
    comp = CASES[case]()
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        figures = all_figures(comp, tmp_path)
    assert "task_bars" in figures
    if case.startswith("six"):
        assert set(figures) == {"rank_scatter", "task_bars", "correlation_heatmap"}
