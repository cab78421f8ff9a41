"""compare(level=...) draws every interval at that level, and every text that names the level says it: at
level=0.9 the tau caption, the summary, the verdict rule and the figure captions said 95 % of 90 % intervals.
A level outside (0, 1) is a ConfigError (1.5 was numpy's traceback, 0 an interval of one value)."""
from __future__ import annotations

import numpy as np
import pytest

from tests._records import make_record
from wordeval.errors import ConfigError
from wordeval.report import tables, tables_tex
from wordeval.report.compare import compare


def _records():
    rng = np.random.default_rng(0)
    gold = rng.normal(size=40)
    out = []
    for k in range(5):
        pred = gold + rng.normal(scale=0.3 + 0.5 * k, size=40)
        out.append(make_record(f"r{k}", "similarity/t", {"id": list(range(40)), "gold": gold, "pred": pred}))
        total = np.full(40, 10)
        out.append(make_record(f"r{k}", "pos/t", {"id": list(range(40)), "total": total,
                                                  "correct": rng.binomial(total, 0.9 - 0.08 * k)}))
    return out


def test_a_90_percent_comparison_says_90_percent_everywhere():
    comp = compare(_records(), level=0.9, n_boot=200)
    row = comp.taus[0]
    # the interval is the 5th and 95th percentiles of the tau resamples (numpy's linear interpolation)
    boot = row["_boot"][np.isfinite(row["_boot"])]
    assert np.allclose(row["ci"], np.quantile(boot, [0.05, 0.95]))
    texts = [tables.tau_caption(comp), comp.parameters["verdict_rule"], tables.results_caption(comp),
             tables_tex.latex_taus(comp)]
    texts += [s for s in comp.summary if "item-bootstrap" in s]
    assert any("item-bootstrap percentile CI" in s for s in comp.summary)
    for text in texts:
        assert "95%" not in text and "95\\%" not in text
    assert "90% percentile bootstrap CI" in tables.tau_caption(comp)
    assert "the 90% item-bootstrap CI of tau excludes 0" in comp.parameters["verdict_rule"]


@pytest.mark.parametrize("level", [1.5, 0.0, 1.0, float("nan"), "0.9x"])
def test_a_level_outside_0_1_is_refused(level):
    with pytest.raises(ConfigError, match="^level[=:]"):
        compare(_records(), level=level, n_boot=100)
