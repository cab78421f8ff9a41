"""The exact (2/n!) and the Monte Carlo (1 / (1 + orderings)) permutation floors share one sentence: how the
correction lifts the floor, and that no verdict can then pass. Oracles: hand arithmetic. Holm over m cells
multiplies the smallest p by m; with no correction the clause on it is left out."""
from __future__ import annotations

from types import SimpleNamespace

from wordeval.report.summary import _permutation_floor_lines

VERDICT = ("so no cell can pass the permutation test at α = 0.05 and no verdict can be 'clear' or 'likely': "
           "every verdict is 'could be chance'.")


def _comp(n_reps: int, n_cells: int, correction: str, permutation: str = "exact", p_floor: float | None = None):
    floor = p_floor if p_floor is not None else 2.0 / {4: 24, 9: 362_880}[n_reps]
    taus = [{"n_representations": n_reps, "permutation": permutation, "p_floor": floor} for _ in range(n_cells)]
    params = {"n_agreement_tests": n_cells, "correction": correction, "alpha": 0.05,
              "correction_name": {"holm": "Holm (1979)", "none": "no correction"}[correction]}
    return SimpleNamespace(taus=taus, parameters=params)


def test_exact_floor_under_holm_names_the_corrected_floor_and_the_representations_needed():
    # 2/4! = 0.08333 (shown rounded down: a floor); x 5 cells = 0.41667; 2/5! x 5 = 0.083 >= 0.05, 2/6! x 5 = 0.0139 < 0.05: 6 are needed
    (line,) = _permutation_floor_lines(_comp(4, 5, "holm"))
    assert line == ("With 4 representations an exact permutation p-value cannot go below 2/4! = 0.0833… (= 1/12); "
                    f"corrected over 5 cells (Holm (1979)) it is at least 0.416, {VERDICT} 6 representations would make a "
                    "verdict possible.")


def test_exact_floor_without_correction_has_no_corrected_clause():
    (line,) = _permutation_floor_lines(_comp(4, 5, "none"))  # 2/5! = 0.0167 < 0.05: 5 are needed
    assert line == (f"With 4 representations an exact permutation p-value cannot go below 2/4! = 0.0833… (= 1/12), "
                    f"{VERDICT} 5 representations would make a verdict possible.")


def test_monte_carlo_floor_shares_the_sentence():
    (line,) = _permutation_floor_lines(_comp(9, 600, "holm", "Monte Carlo, 9,999 orderings", 1e-4))
    assert line == ("A permutation p-value here cannot go below 0.0001 (Monte Carlo over a fixed number of "
                    "orderings, or 2/n! where exact); corrected over 600 cells (Holm (1979)) it is at least 0.06, "
                    f"{VERDICT} Fewer tasks (fewer cells) would make a verdict possible.")
    assert _permutation_floor_lines(_comp(9, 600, "none", "Monte Carlo, 9,999 orderings", 1e-4)) == []


def test_floors_are_rounded_down_and_p_values_up():
    # oracle: exact fractions. A floor printed rounded up ("2/4! = 0.0834") claimed p could not reach 0.08334,
    # which 2/4! = 0.083333... does; a p-value stays rounded up (never printed smaller than it is)
    from fractions import Fraction

    from wordeval.report.fmt import fmt_lower_bound, fmt_number

    for value, down, up in [(Fraction(2, 24), "0.0833", "0.0834"), (Fraction(1, 3), "0.333", "0.334"),
                            (Fraction(5, 12), "0.416", "0.417"), (Fraction(1, 20), "0.05", "0.05"),
                            (Fraction(1, 10_000), "0.0001", "0.0001"), (Fraction(6, 100), "0.06", "0.06")]:
        assert Fraction(fmt_lower_bound(float(value))) <= value <= Fraction(fmt_number(float(value)))
        assert (fmt_lower_bound(float(value)), fmt_number(float(value))) == (down, up)


def test_exact_floor_marks_its_cut_digits_and_gives_the_fraction():
    # "2/6! = 0.00277" read as a slip for 2/720 = 0.002778: the digits are cut (a floor is rounded down),
    # which the ellipsis now says, and the exact fraction follows. Oracle: Fraction arithmetic, 6! = 720 by hand
    from fractions import Fraction

    from wordeval.report.summary import _exact_floor

    assert _exact_floor(6) == "2/6! = 0.00277… (= 1/360)"
    assert _exact_floor(2) == "2/2! = 1"  # exact: nothing cut, nothing added
    # by hand: 1/3 = 0.3333.., 1/12 = 0.08333.., 1/60 = 0.01666.., 1/2520 = 0.000396.., 1/20160 = 4.960e-05
    for n, cut, denominator in [(3, "0.333", 3), (4, "0.0833", 12), (5, "0.0166", 60), (7, "0.000396", 2520),
                                (8, "4.96e-05", 20160)]:
        assert _exact_floor(n) == f"2/{n}! = {cut}… (= 1/{denominator})"
        assert Fraction(cut) < Fraction(1, denominator)  # a floor, never above the true one
