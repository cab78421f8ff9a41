"""Pairs whose scores are opposed (ahead on an intrinsic task, behind on an extrinsic one) but whose paired tests
did not run (too few common items) are no flips, and no agreement either: the summary said "every intrinsic
ranking agrees with every extrinsic one on each pair" of 5 representations on 2 common items whose scores put
6 pairs the other way round. It now counts them."""
from __future__ import annotations

import itertools

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare

SIM = {"A": [0.1, 0.2], "B": [0.1, 0.2], "C": [0.2, 0.1], "D": [0.2, 0.1], "E": [0.2, 0.1]}  # pred of 2 pairs
POS = {"A": 13, "B": 10, "C": 14, "D": 15, "E": 20}  # correct of 2 x 10 tokens


def _records():
    out = []
    for name in "ABCDE":
        out.append(make_record(name, "similarity/t", {"id": [0, 1], "gold": [1.0, 2.0], "pred": SIM[name]}))
        right = [POS[name] // 2, POS[name] - POS[name] // 2]
        out.append(make_record(name, "pos/t", {"id": [0, 1], "correct": right, "total": [10, 10]}))
    return out


def test_opposed_pairs_that_were_not_tested_are_counted_not_called_agreement():
    comp = compare(_records(), n_boot=100)
    # by hand: Spearman over 2 pairs is +1 (A, B) or -1 (C, D, E); accuracy is POS / 20
    sim = {r: 1.0 if SIM[r][0] < SIM[r][1] else -1.0 for r in SIM}
    opposed = sum(1 for a, b in itertools.combinations("ABCDE", 2)
                  if np.sign(sim[a] - sim[b]) * np.sign(POS[a] - POS[b]) < 0)
    assert opposed == 6
    assert comp.flips == []
    assert not any("every intrinsic ranking agrees" in s for s in comp.summary)
    assert comp.parameters["n_untested_flips"] == opposed
    # the line names the tasks whose test did not run (2 pairs, 2 sentences: too few for either): it said "the
    # other way round on an extrinsic task could not be tested" where the untested side was analogy/google
    assert comp.parameters["untested_flip_tasks"] == ["pos/t", "similarity/t"]
    assert (f"No flipped pairs among the pairs that could be tested; {opposed} pair(s) ahead on an intrinsic "
            f"task and behind on an extrinsic one by their scores could not be tested on pos/t, similarity/t "
            f"(see the rankings), so they are neither flips nor agreement.") in comp.summary
