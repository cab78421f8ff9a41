"""Regression pin: the report's Incomplete line (report.summary.incomplete_text) and the no-records error
(results.no_records.skipped_clause) count a run's unstored cells with one helper (no_records.pending_cells).
Hand-counted: an entry counts one cell-seed per seed, and one where its seeds are missing or empty, so 2 + 1
in progress and 1 + 1 not computed; a recorded skip (no state) is no pending cell. It pins behaviour the
refactor kept, so it passed before it too."""
from __future__ import annotations

from types import SimpleNamespace

from wordeval.report.summary import incomplete_text
from wordeval.results.no_records import skipped_clause

SKIPPED = [
    {"task": "pos/a", "embedding": "X", "state": "in progress", "seeds": [0, 1], "reason": "running"},
    {"task": "pos/b", "embedding": "X", "state": "not computed", "reason": "killed"},
    {"task": "pos/c", "embedding": "X", "state": "not computed", "seeds": [], "reason": "killed"},
    {"task": "pos/d", "embedding": "X", "state": "in progress", "seeds": [], "reason": "running"},
    {"task": "ner/e", "embedding": "Y", "reason": "no data"},
]
CELLS = "pos/a on X, pos/b on X, pos/c on X and 1 more"


def test_the_incomplete_line_counts_cell_seeds_by_state():
    assert incomplete_text(SimpleNamespace(skipped=SKIPPED)) == (
        f"5 planned cell-seed(s) are not in the results (3 in progress, 2 not computed): {CELLS}")
    assert incomplete_text(SimpleNamespace(skipped=SKIPPED[-1:])) is None


def test_the_no_records_clause_counts_the_same():
    assert skipped_clause(SKIPPED) == (
        f"; they record 5 planned cell-seed(s) not stored (3 in progress, 2 not computed): {CELLS} (first "
        f"reason: running) and 1 skipped cell(s): ner/e on Y (first reason: no data); wordeval status STORE "
        f"lists its runs and cells")
