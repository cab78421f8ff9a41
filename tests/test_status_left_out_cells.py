"""`wordeval status` after an upgrade rerun gave a label a new embedding on its intrinsic tasks only: the
label's extrinsic cell still held only the replaced embedding's record, which compare and report leave out,
and status listed it as plainly 'stored', as if it were in the comparison."""
from __future__ import annotations

from tests._records import make_record
from wordeval.results.store import ResultStore
from wordeval.results.store_status import store_status


def _records():
    ids = list(range(12))
    sim = {"id": ids, "gold": [float(i) for i in ids], "pred": [float(i % 5) for i in ids]}
    pos = {"id": [f"s{i}" for i in ids], "correct": [3] * 12, "total": [4] * 12}
    return [make_record("LSA", "similarity/toy", sim, fingerprint="fp-old", time="2026-01-01"),
            make_record("LSA", "pos/toy", pos, fingerprint="fp-old", time="2026-01-01"),
            make_record("LSA", "similarity/toy", sim, fingerprint="fp-new", time="2026-01-02"),
            make_record("B", "pos/toy", pos, fingerprint="fp-b", time="2026-01-01")]


def test_a_stored_cell_whose_records_compare_leaves_out_says_so(tmp_path):
    with ResultStore(tmp_path / "R") as store:
        for rec in _records():
            store.put(rec)
    cells = {(c["embedding"], c["task"]): c for c in store_status(tmp_path / "R")["cells"]}
    assert {k: c["state"] for k, c in cells.items()} == dict.fromkeys(cells, "stored")
    assert cells[("LSA", "pos/toy")]["reason"].startswith("left out by compare and report")
    assert cells[("LSA", "similarity/toy")]["reason"] == cells[("B", "pos/toy")]["reason"] == ""
