"""A word-similarity score not defined on the pairs a record scored (one pair left after OOV handling, constant
cosines) is NaN in the record evaluated and null in the one stored. The CLI said "n/a (not defined on these
items)", but the record held a bare NaN with no reason, and compare and report showed a bare "n/a". The reason is
now in ``extra.warnings`` (as QVEC keeps its own), said when the record is made, and compare's and report's notes
repeat it. Oracle: scipy (the correlation of one pair, or with a constant side, is NaN)."""
from __future__ import annotations

import json
import math
import warnings

import numpy as np
from scipy.stats import spearmanr

from wordeval.adapters import as_embedding
from wordeval.cli import main
from wordeval.datasets.types import WordPair
from wordeval.intrinsic import similarity as sim

ONE_PAIR = ("spearman and pearson are undefined (NaN; null in a stored record, never 0): one pair scored, and a "
            "correlation needs at least two")


def _scipy_spearman(x, y) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(spearmanr(x, y).statistic)


def test_similarity_with_one_covered_pair_says_why_it_has_no_score():
    emb = as_embedding((["cat", "dog"], np.array([[1.0, 0.0], [0.0, 1.0]])), name="two")
    pairs = [WordPair("cat", "dog", 7.0), WordPair("tiger", "jaguar", 8.0), WordPair("zebra", "okapi", 3.0)]
    out = sim.score_pairs(pairs, emb, config={"n_boot": 10})
    assert math.isnan(_scipy_spearman([7.0], [0.0]))  # the oracle: one pair has no correlation
    assert math.isnan(out["scores"]["spearman"]) and out["extra"]["warnings"] == [ONE_PAIR]


def test_similarity_with_constant_cosines_names_the_constant_side():
    # every pair is a word and itself: cosine 1 each (ties, policies.COSINE_VERSION)
    emb = as_embedding((["a", "b", "c"], np.eye(3)), name="eye")
    pairs = [WordPair("a", "a", 1.0), WordPair("b", "b", 5.0), WordPair("c", "c", 9.0)]
    out = sim.score_pairs(pairs, emb, config={"n_boot": 10})
    assert math.isnan(_scipy_spearman([1.0, 5.0, 9.0], [1.0, 1.0, 1.0]))
    assert math.isnan(out["scores"]["spearman"])
    assert out["extra"]["warnings"] == [
        "spearman and pearson are undefined (NaN; null in a stored record, never 0): the predicted cosines (all 1) "
        "of the 3 pairs scored are equal, and a correlation with a constant side is undefined"]


def test_a_defined_similarity_score_has_no_warning():
    emb = as_embedding((["a", "b", "c"], np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])), name="three")
    pairs = [WordPair("a", "b", 7.0), WordPair("a", "c", 1.0), WordPair("b", "c", 6.0)]
    assert "warnings" not in sim.score_pairs(pairs, emb, config={"n_boot": 10})["extra"]


def test_compare_and_report_give_the_reason_beside_n_a(tmp_path, capsys, caplog):
    (tmp_path / "v.txt").write_text("cat 1 0 0\ndog 0 1 0\n", encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text("cat\tdog\t7\ntiger\tjaguar\t8\nzebra\tokapi\t3\n", encoding="utf-8")
    (tmp_path / "few.toml").write_text('name = "few"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                       encoding="utf-8")
    out = tmp_path / "res"
    assert main(["intrinsic", f"v={tmp_path / 'v.txt'}", "--tasks", str(tmp_path / "few.toml"), "--out", str(out),
                 "--json"]) == 0
    captured = capsys.readouterr()
    [record] = json.loads(captured.out)
    assert record["scores"]["spearman"] is None and record["extra"]["warnings"] == [ONE_PAIR]
    assert ONE_PAIR in caplog.text  # said when computed, beside the "n/a" line
    assert main(["compare", str(out), "--json"]) == 0
    assert f"similarity/few: v: {ONE_PAIR}" in json.loads(capsys.readouterr().out)["notes"]
    assert main(["--quiet", "report", str(out), "--out", str(tmp_path / "rep")]) == 0
    assert ONE_PAIR in (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
