"""Printed confidence intervals are rounded outward: never narrower than the interval computed.

An independent audit of a report (bounds recomputed from the saved predictions with scipy) found every CI
bound printed to the nearest 0.001: GloVe 6B 50d on analogy/google, [0.45528, 0.46910] computed, was printed
[0.455, 0.469], which excludes 0.4691 that the interval holds. The expected texts below are worked by hand;
the property test checks the printed bounds against the computed ones as floats."""
from __future__ import annotations

import dataclasses

import numpy as np

from tests._records import make_record
from wordeval.cli.intrinsic import format_table
from wordeval.report import tables
from wordeval.report.fmt import fmt_ci


def test_each_bound_is_rounded_away_from_the_inside():
    assert fmt_ci([0.4552791137945149, 0.4690953745395006]) == "[0.455, 0.470]"
    assert fmt_ci([0.03668456589930352, 0.042374661066510715]) == "[0.036, 0.043]"
    assert fmt_ci([-0.9128709291752769, 0.7745966692414834], 2) == "[-0.92, 0.78]"
    assert fmt_ci([-0.0004, 0.0004]) == "[-0.001, 0.001]"


def test_bounds_that_are_already_round_stay_as_they_are():
    # 0.7 and 0.2 are not exact doubles; read as their shortest decimal they are not pushed a unit outward
    assert fmt_ci([0.2, 0.7]) == "[0.200, 0.700]"
    assert fmt_ci([-1.0, 1.0], 2) == "[-1.00, 1.00]"
    assert fmt_ci([0.9369369369369369, 1.0]) == "[0.936, 1.000]"
    assert fmt_ci([-0.0, 0.0]) == "[0.000, 0.000]"  # no "-0.000"


def test_printed_bounds_contain_the_computed_interval():
    rng = np.random.default_rng(0)
    for lo, hi in np.sort(rng.uniform(-1, 1, size=(2000, 2)), axis=1):
        low, high = (float(x) for x in fmt_ci([lo, hi])[1:-1].split(", "))
        assert low <= lo and high >= hi
        assert lo - low < 0.001 + np.finfo(np.float32).eps and high - hi < 0.001 + np.finfo(np.float32).eps


def test_the_run_table_and_the_tau_cells_round_outward_too():
    rec = make_record("glove", "pos/toy", {"id": list(range(20)), "correct": [1] * 15 + [0] * 5,
                                           "total": [1] * 20})
    rec = dataclasses.replace(rec, ci={rec.main_score: [0.5551, 0.9449]})
    assert "[0.555, 0.945]" in format_table([rec]).splitlines()[2]
    row = {"tau": 0.2, "ci": [-1.0, 0.7745966692414834], "ci_point_mass": None, "ci_resamples": 973,
           "n_representations": 4, "n_items": [340, 222], "p_adjusted": 1.0, "verdict": "could be chance"}
    assert tables.tau_cell(row, alpha=0.05).startswith("0.20 [-1.00, 0.78] over 4 representations,")
