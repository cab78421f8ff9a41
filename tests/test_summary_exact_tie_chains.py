"""Three representations with exactly equal scores are one tie in the summary: the demo's said "MiniLM =
spaCy-md on classification/bbc; spaCy-md = LSA-news on classification/bbc", which reads as if MiniLM and
LSA-news (both 213/222) differed. Oracle: the hand counts, 16 of 20 right for A, B and C on different items."""
from __future__ import annotations

from tests._records import make_record
from wordeval.report.compare import compare

N = 20


def _pos(name, right):
    return make_record(name, "pos/t", {"id": list(range(N)), "correct": right, "total": [1] * N})


def test_a_run_of_exactly_equal_scores_is_written_as_one_tie():
    recs = [_pos("A", [1] * 16 + [0] * 4), _pos("B", [0] * 4 + [1] * 16), _pos("C", [1] * 8 + [0] * 4 + [1] * 8),
            _pos("D", [1] * 10 + [0] * 10)]
    comp = compare(recs, n_boot=200)
    assert [comp.cells[(r, "pos/t")]["common_value"] for r in "ABCD"] == [0.8, 0.8, 0.8, 0.5]
    line = next(s for s in comp.summary if s.startswith("Exactly equal scores"))
    assert line == "Exactly equal scores (tied, equal ranks): A = B = C on pos/t.", line
