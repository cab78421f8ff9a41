"""The run's 'stored CELL: SCORE = VALUE' line printed the score at full precision ('f1 = 0.7307692307692306'):
it now gives four decimals, the record keeps the full value."""
from __future__ import annotations

import logging

import numpy as np
from scipy.stats import spearmanr

import wordeval
from tests._small_task import PAIRS, write_small_task
from wordeval.results.store import load_records


def test_the_stored_line_gives_four_decimals_and_the_record_the_full_value(tmp_path, caplog):
    vectors, spec = write_small_task(tmp_path)
    caplog.set_level(logging.INFO, logger="wordeval")
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "R"))
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("stored ")]
    (rec,), _ = load_records(str(tmp_path / "R"))
    words = {}
    for row in vectors.read_text(encoding="utf-8").splitlines():
        w, *xs = row.split()
        words[w] = np.array([float(x) for x in xs])
    cos = [words[a] @ words[b] / np.linalg.norm(words[a]) / np.linalg.norm(words[b]) for a, b, _ in PAIRS]
    oracle = spearmanr([s for *_, s in PAIRS], cos).statistic
    assert abs(rec.main_value - oracle) < 1e-12  # the record: full precision
    assert line.endswith(f"spearman = {oracle:.4f}"), line
