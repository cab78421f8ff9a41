"""Mean ranks (the rank scatter) leave out a representation's rank on a task where none of its pairs could be
tested. On an analogy set a representation alone with its candidate set size (GloVe-6B-50d's 400,000 words,
spaCy-md's 20,000 in the demo) is tested against no one, so it ranks 1 there whatever its accuracy: spaCy-md,
last on both analogy sets (0.04), entered the demo's scatter as first on them and so ahead of LSA-news.
Oracle: the ranks by hand from the significant differences of the tested pairs."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare


def _analogy(name, correct, n_candidates):
    rec = make_record(name, "pos/toy", {"id": list(range(len(correct))), "correct": list(correct),
                                        "total": [1] * len(correct)})
    rec.task, rec.family, rec.kind, rec.scorer = "analogy/toy", "analogy", "intrinsic", "mean:correct"
    rec.per_item = {"id": list(range(len(correct))), "correct": list(correct)}
    rec.scores = {"accuracy": float(np.mean(correct))}
    rec.ci = {}
    rec.config = {"method": "3cosadd", "oov": "skip", "case": "exact"}
    rec.extra = {"candidate_vocabulary": {"n_candidates": n_candidates, "restrict_vocab": None,
                                          "vocab_size": n_candidates}}
    return rec


def _records():
    rng = np.random.default_rng(7)
    gold = rng.normal(size=300)
    total = np.full(150, 20)
    out = []
    # A > B > C on similarity; on analogy A (0.8) > B (0.4) share a candidate set, C (0.05) searched its own
    for k, (name, acc, cands) in enumerate((("A", 0.8, 30000), ("B", 0.4, 30000), ("C", 0.05, 400000))):
        out.append(make_record(name, "similarity/toy", {"id": list(range(300)), "gold": gold,
                                                        "pred": gold + rng.normal(scale=0.2 * 4 ** k, size=300)}))
        out.append(_analogy(name, (rng.random(400) < acc).astype(int), cands))
        out.append(make_record(name, "pos/toy", {"id": list(range(150)), "total": total,
                                                 "correct": rng.binomial(total, 0.9 - 0.2 * k)}))
    return out


def test_a_representation_without_any_tested_pair_on_a_task_is_left_out_of_its_mean_rank():
    comp = compare(_records(), n_boot=200)
    assert comp.relations["similarity/toy"] == [">", ">"]  # ranks 1, 2, 3
    assert comp.rankings["analogy/toy"] == ["A", "B", "C"]
    # no test stands behind C's rank there: left empty, with why (it read 1, nobody tested ahead of it)
    assert comp.cells[("C", "analogy/toy")]["rank"] is None
    assert comp.cells[("C", "analogy/toy")]["rank_left_out"] == "candidate sets of different sizes"
    # by hand: A (1 + 1) / 2, B (2 + 2) / 2, C its similarity rank alone
    assert comp.mean_ranks("intrinsic") == {"A": 1.0, "B": 2.0, "C": 3.0}
    assert ("Mean ranks (the rank scatter) leave out the rank of C on analogy/toy (candidate sets of different "
            "sizes): none of its pairs there could be tested, so its rank is no evidence.") in comp.notes, comp.notes
    assert comp.task("analogy/toy")["untested"] == ["C"]
    assert comp.task("similarity/toy")["untested"] == []

