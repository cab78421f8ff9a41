"""With Monte Carlo permutation p-values (more than 8 representations) the smallest p is 1 / (1 + orderings
drawn); corrected over enough cells it reaches alpha, and the summary must say that no verdict can pass, as it
does for exact p-values (2/n!). Oracle: the arithmetic 1/10,000 x 600 cells = 0.06 >= 0.05."""
from __future__ import annotations

from types import SimpleNamespace

from wordeval.report.summary import _permutation_floor_lines


def _comp(n_cells: int, n_reps: int = 9):
    taus = [{"n_representations": n_reps, "permutation": "Monte Carlo, 9,999 orderings", "p_floor": 1 / 10_000}
            for _ in range(n_cells)]
    params = {"n_agreement_tests": n_cells, "correction": "holm", "correction_name": "Holm (1979)", "alpha": 0.05}
    return SimpleNamespace(taus=taus, parameters=params)


def test_many_monte_carlo_cells_are_said_to_allow_no_verdict():
    lines = _permutation_floor_lines(_comp(600))
    assert len(lines) == 1 and "cannot go below 0.0001" in lines[0] and "at least 0.06" in lines[0]
    assert "every verdict is 'could be chance'" in lines[0]


def test_few_monte_carlo_cells_say_nothing():
    assert _permutation_floor_lines(_comp(400)) == []  # 400 / 10,000 = 0.04 < 0.05: a verdict is possible
