"""Mean ranks (the rank scatter) leave out a task where no pair could be tested. A benchmark of 6 pairs gets
no paired test, so every representation ranks 1 there; averaged in, it halved the gaps of the tested
benchmark (C's mean intrinsic rank 2 instead of 3) and moved points off the scatter's diagonal that no test
put there. Oracle: the ranks by hand from the tested task's significant differences."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare


def _records():
    rng = np.random.default_rng(7)
    gold, tiny = rng.normal(size=200), rng.normal(size=6)
    total = np.full(150, 20)
    out = []
    for k, name in enumerate("ABC"):
        out.append(make_record(name, "similarity/toy", {"id": list(range(200)), "gold": gold,
                                                        "pred": gold + rng.normal(scale=0.2 * 4 ** k, size=200)}))
        out.append(make_record(name, "similarity/tiny", {"id": list(range(6)), "gold": tiny,
                                                         "pred": tiny + rng.normal(scale=1.0, size=6)}))
        out.append(make_record(name, "pos/toy", {"id": list(range(150)), "total": total,
                                                 "correct": rng.binomial(total, 0.9 - 0.2 * k)}))
    return out


def test_a_task_without_any_test_is_left_out_of_the_mean_ranks():
    comp = compare(_records(), n_boot=200)
    assert comp.relations["similarity/toy"] == [">", ">"]  # A > B > C: ranks 1, 2, 3 by the rule
    assert comp.relations["similarity/tiny"] == ["=", "="]  # 6 pairs: no test, every rank 1
    assert comp.mean_ranks("intrinsic") == {"A": 1.0, "B": 2.0, "C": 3.0}
    assert ("Mean ranks (the rank scatter) leave out similarity/tiny (6 common word pairs): no pair of "
            "representations could be tested there, so their ranks are no evidence of a difference or of a tie."
            ) in comp.notes, comp.notes
    assert not any("leave out similarity/toy" in n or "pos/toy (" in n for n in comp.notes)
