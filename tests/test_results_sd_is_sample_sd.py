"""The Results table writes 'mean ± sd over seeds' without saying which sd; a paper needs to say. It is the
sample sd (n - 1), as numpy's ddof=1 and Python's statistics.stdev compute it: the captions (report.md/html,
compare, report.tex) now say so, and this checks the number against statistics.stdev."""
from __future__ import annotations

import statistics

import numpy as np

from tests._records import make_record
from wordeval.report import tables, tables_tex
from wordeval.report.compare import compare


def test_the_sd_over_seeds_is_the_sample_sd_and_the_captions_say_so():
    rng = np.random.default_rng(5)
    records, accs = [], {"A": [], "B": []}
    for name in ("A", "B"):
        for seed in range(3):
            correct = rng.integers(5, 11, size=40)
            total = np.full(40, 10)
            records.append(make_record(name, "pos/toy", {"id": list(range(40)), "correct": correct,
                                                         "total": total}, seed=seed))
            accs[name].append(correct.sum() / total.sum())
    comp = compare(records, n_boot=50)
    for name in ("A", "B"):
        cell = comp.cells[(name, "pos/toy")]
        assert np.isclose(cell["sd"], statistics.stdev(accs[name]))
        assert not np.isclose(cell["sd"], statistics.pstdev(accs[name]))
    assert "mean ± sample sd, n − 1, over seeds" in tables.results_caption(comp)
    assert "sample sd, $n-1$, over seeds" in tables_tex.latex_results(comp)
