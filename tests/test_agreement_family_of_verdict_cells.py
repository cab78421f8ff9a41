"""The agreement cells' permutation p-values are corrected over the cells that can have a verdict. A cell over a
task of 6 common items (or 3 representations) gets none whatever its p, yet it was counted in Holm's m: two
tiny benchmarks beside a real one made the real cell's exact p of 2/5! = 0.0167 a corrected 0.05, and a perfect
agreement over 5 representations read 'could be chance'. Oracles: scipy's kendalltau, 2/n! by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import kendalltau

from tests._records import classification_accuracy, make_record
from wordeval.cli.compare import text_report
from wordeval.report.compare import compare
from wordeval.report.fmt import fmt_p

NAMES = ("A", "B", "C", "D", "E")


def _document_record(name, right):
    n = right.size
    rec = make_record(name, "pos/toy", {"id": list(range(n)), "correct": right, "total": np.ones(n, int)})
    rec.task, rec.family, rec.main_score, rec.scorer = "classification/toy", "classification", "accuracy", \
        "mean:correct"
    rec.per_item = {"id": [f"d{i}" for i in range(n)], "gold": [0] * n, "pred": (1 - right).tolist(),
                    "correct": right.tolist()}
    rec.scores = {"accuracy": classification_accuracy(rec.per_item)}
    return rec


def _records():
    rng = np.random.default_rng(0)
    gold, tiny = rng.normal(size=60), {t: rng.normal(size=6) for t in ("similarity/tiny1", "similarity/tiny2")}
    out = []
    for k, name in enumerate(NAMES):
        out.append(make_record(name, "similarity/toy", {"id": list(range(60)), "gold": gold,
                                                        "pred": gold + rng.normal(scale=0.1 * 3 ** k, size=60)}))
        for task, g in tiny.items():
            out.append(make_record(name, task, {"id": list(range(6)), "gold": g,
                                                "pred": g + rng.normal(scale=1.0, size=6)}))
        right = np.zeros(200, int)
        right[: 190 - 35 * k] = 1
        out.append(_document_record(name, right))
    return out


def test_cells_without_a_possible_verdict_do_not_count_in_the_correction():
    comp = compare(_records(), n_boot=200)
    rows = {r["intrinsic"]: r for r in comp.taus}
    real = rows["similarity/toy"]
    x = [comp.cells[(r, "similarity/toy")]["common_value"] for r in NAMES]
    y = [comp.cells[(r, "classification/toy")]["common_value"] for r in NAMES]
    assert real["tau"] == pytest.approx(kendalltau(x, y).statistic) == pytest.approx(1.0)
    assert real["p_permutation"] == pytest.approx(2 / math.factorial(5))  # the order and its reverse
    assert comp.parameters["n_agreement_tests"] == 1
    assert real["p_adjusted"] == pytest.approx(2 / math.factorial(5))  # Holm over one cell
    assert real["verdict"] == "clear", real
    for tiny in ("similarity/tiny1", "similarity/tiny2"):
        assert rows[tiny]["verdict"] is None and math.isnan(rows[tiny]["p_adjusted"])
    text = text_report(comp)
    assert f"over 5 representations, {fmt_p(rows['similarity/tiny1']['p_permutation'])} uncorrected, no verdict (6 common word pairs)" \
        in text, text
    assert "not counted in the correction; their p is written uncorrected" in text
    assert any(s.startswith("classification/toy is best predicted by similarity/toy") and "is clear" in s
               for s in comp.summary), comp.summary
