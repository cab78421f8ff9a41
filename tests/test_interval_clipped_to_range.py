"""An interval never leaves its statistic's range, computed or printed.

QVEC-CCA over 20 words in 50 dimensions is 1 (every canonical correlation is 1, and the run warns so); its
resamples sit a rounding error below 1, so the basic (reflected) interval [2t - q97.5, 2t - q2.5] had an upper
bound of 1.0000000000000013, printed outward as [1.000, 1.001]: a correlation above 1. Percentile intervals are
quantiles of resampled scores already in the range and cannot leave it; the basic interval is the one that
can, and is clipped. The oracle of the reflected bounds: the resamples drawn by hand (the record's seed,
numpy's ``default_rng``, the words' rows) and scored by ``score_from_items``, then numpy's quantiles."""
from __future__ import annotations

import dataclasses
import json

import numpy as np

import wordeval
from wordeval.cli.intrinsic import format_table
from wordeval.interval_rounding import outward
from wordeval.report.compare import compare
from wordeval.report.fmt import fmt_ci
from wordeval.stats.item_scores import score_from_items

N, DIM, B = 20, 50, 200


def _spec(folder):
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(N)]
    rows = {w: {f"f{k}": float(rng.random()) for k in range(5)} for w in words}
    (folder / "oracle.txt").write_text("".join(f"{w}\t{json.dumps(r)}\n" for w, r in rows.items()),
                                       encoding="utf-8")
    (folder / "q.toml").write_text('name = "q"\nfamily = "qvec-cca"\n[files]\ntest = "oracle.txt"\n',
                                   encoding="utf-8")
    return str(folder / "q.toml"), {w: rng.normal(size=DIM) for w in words}


def _reflected_by_hand(rec):
    cols = {k: np.asarray(v) for k, v in rec.per_item.items()}
    idx = np.random.default_rng(rec.seed).integers(0, N, size=(B, N))  # bootstrap_distribution's draws
    scores = np.array([score_from_items("qvec-cca", {k: v[row] for k, v in cols.items()}) for row in idx])
    q_lo, q_hi = np.quantile(scores[np.isfinite(scores)], [0.025, 0.975])
    return [2 * rec.main_value - q_hi, 2 * rec.main_value - q_lo]


def test_a_basic_interval_reflected_past_1_is_clipped_and_the_reflected_one_kept(tmp_path):
    spec, vec = _spec(tmp_path)
    rec = wordeval.evaluate(vec, spec, name="v", config={"n_boot": B})
    assert rec.main_value == 1.0
    assert any("every canonical correlation is 1" in w for w in rec.extra["warnings"])
    reflected = _reflected_by_hand(rec)
    assert reflected[1] > 1.0  # the case the clip is for (1.0000000000000013 with these draws)
    np.testing.assert_allclose(rec.extra["ci_unclipped"], reflected, rtol=0, atol=1e-12)
    assert rec.ci["qvec_cca"] == [min(reflected[0], 1.0), 1.0]
    assert rec.extra["ci_method"] == "basic bootstrap over words, clipped to the score's range"
    assert format_table([rec]).splitlines()[2].split()[5:7] == ["[1.000,", "1.000]"]


def test_an_interval_compare_reflects_is_clipped_too(tmp_path):
    spec, vec = _spec(tmp_path)
    rec = wordeval.evaluate(vec, spec, name="v", config={"n_boot": 0})  # compare draws the cell's interval
    cell = compare([rec], n_boot=B, seed=0).cells[("v", "qvec-cca/q")]
    assert cell["ci"][1] == 1.0 and cell["ci"][0] <= 1.0


def test_a_stored_record_past_the_range_is_shown_within_it(tmp_path):
    """A record written before the clip keeps its bound of 1 + 1.3e-15: the tables clip it when read."""
    spec, vec = _spec(tmp_path)
    rec = wordeval.evaluate(vec, spec, name="v", config={"n_boot": B})
    old = dataclasses.replace(rec, ci={"qvec_cca": [1.0, 1.0000000000000013]})
    assert "[1.000, 1.000]" in format_table([old]).splitlines()[2]
    assert compare([old], n_boot=B, seed=0).cells[("v", "qvec-cca/q")]["ci"] == [1.0, 1.0]


def test_outward_rounding_never_rounds_past_the_range():
    assert outward(0.9, 1.0000000000000013) == ("0.900", "1.001")  # no range given: as computed
    assert outward(0.9, 1.0000000000000013, within=(-1.0, 1.0)) == ("0.900", "1.000")
    assert outward(-1.0000000000000004, 0.5, 2, within=(-1.0, 1.0)) == ("-1.00", "0.50")
    assert fmt_ci([-2e-16, 0.3], within=(0.0, 1.0)) == "[0.000, 0.300]"
    assert fmt_ci([0.99951, 1.0], within=(0.0, 1.0)) == "[0.999, 1.000]"  # a bound of exactly 1: 1.000
