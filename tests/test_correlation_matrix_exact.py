"""The benchmark × task matrix of ``compare --json`` came from np.corrcoef: over the audit's 6 tasks and 5
representations its diagonal read 0.9999999999999999 and a Spearman of 9/10 0.8999999999999998, where the
text printed 1.00 and 0.90. Each entry is now the exact-sum correlation the text and the τ rows use. Oracles:
Spearman over 5 distinct scores is 1 - 6 Σd² / (5 (5² - 1)), a multiple of 1/10 computed here as a Fraction,
and scipy's spearmanr and pearsonr."""
from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from scipy.stats import pearsonr, rankdata, spearmanr

from tests._records import make_record
from wordeval.cli import main
from wordeval.cli.compare import text_report

REPS = ("r0", "r1", "r2", "r3", "r4")
TASKS = ("similarity/a", "similarity/b", "similarity/c", "similarity/d", "pos/x", "pos/y")


def _records():
    rng = np.random.default_rng(11)
    out = []
    for task in TASKS:
        noise = rng.permutation([0.2, 0.5, 0.9, 1.4, 2.2])  # each task orders the representations its own way
        if task.startswith("similarity"):
            gold = rng.normal(size=150)
            for rep, s in zip(REPS, noise):
                pred = gold + rng.normal(scale=s, size=150)
                out.append(make_record(rep, task, {"id": list(range(150)), "gold": list(gold),
                                                   "pred": list(pred)}))
        else:
            total = rng.integers(5, 20, size=120)
            for rep, s in zip(REPS, noise):
                out.append(make_record(rep, task, {"id": list(range(120)), "total": list(total),
                                                   "correct": list(rng.binomial(total, 0.9 - 0.15 * s))}))
    return out


def _compare_json(tmp_path, capsys, method):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([r.to_dict() for r in _records()]), encoding="utf-8")
    assert main(["compare", str(path), "--n-boot", "20", "--correlation", method, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _scores(data):
    values = {(c["representation"], c["task"]): c["common_value"] for c in data["table"]}
    return np.array([[values[(r, t)] for r in REPS] for t in data["correlation"]["tasks"]])


def test_spearman_matrix_is_exact_and_agrees_with_scipy(tmp_path, capsys):
    data = _compare_json(tmp_path, capsys, "spearman")
    corr = data["correlation"]
    assert corr["tasks"] == list(TASKS) and corr["method"] == "spearman"
    matrix, scores = np.array(corr["matrix"]), _scores(data)
    assert len({tuple(rankdata(s)) for s in scores}) > 2 and all(len(set(s)) == 5 for s in scores)
    for i, j in np.ndindex(matrix.shape):
        d2 = int(sum((rankdata(scores[i]) - rankdata(scores[j])) ** 2))
        exact = 1 - Fraction(6 * d2, 5 * (5 ** 2 - 1))
        assert matrix[i, j] == float(exact), (TASKS[i], TASKS[j], matrix[i, j], exact)
        assert matrix[i, j] == pytest.approx(spearmanr(scores[i], scores[j]).statistic, abs=1e-12)
    assert all(matrix[k, k] == 1.0 for k in range(len(TASKS)))


def test_pearson_matrix_agrees_with_scipy_and_its_diagonal_is_one(tmp_path, capsys):
    data = _compare_json(tmp_path, capsys, "pearson")
    matrix, scores = np.array(data["correlation"]["matrix"]), _scores(data)
    for i, j in np.ndindex(matrix.shape):
        assert matrix[i, j] == pytest.approx(pearsonr(scores[i], scores[j]).statistic, abs=1e-12)
    assert all(matrix[k, k] == 1.0 for k in range(len(TASKS)))


def test_the_json_holds_the_numbers_the_text_prints(tmp_path, capsys):
    from wordeval.report.compare import compare

    comp = compare(_records(), n_boot=20)
    lines = [line for line in text_report(comp).splitlines() if line.startswith("| similarity/a |")]
    row = lines[-1]  # the correlation table's row (the rankings' row comes first)
    printed = [float(c) for c in row.strip("|").split("|")[1:]]
    assert printed == [float(f"{v:.2f}") for v in comp.correlation["matrix"][0]]
    # Spearman over 5 representations is a multiple of 1/10: the JSON's number is the one printed
    assert [float(v) for v in comp.to_dict()["correlation"]["matrix"][0]] == printed
