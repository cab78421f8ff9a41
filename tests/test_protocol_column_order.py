"""The Protocol lists each task's per-representation settings (candidate sets, epochs) in the tables' column
order. From records read in another order (a .jsonl rebuilt from the demo's results.json) it listed them by
label, "GloVe-6B-50d 400,000, GloVe-news 19,318, LSA-news ...", against columns ordered GloVe-6B-50d, MiniLM,
spaCy-md, LSA-news. Oracle: the column order README states, earliest run time first."""
from __future__ import annotations

from tests.test_mean_ranks_untested_representation import _analogy
from wordeval.report.compare import compare


def test_protocol_entries_follow_the_column_order():
    recs = []
    for name, time, cands in (("Zeta", "2024-01-01T00:00:00", 500), ("Alpha", "2024-01-02T00:00:00", 300),
                              ("Mid", "2024-01-03T00:00:00", 400)):
        rec = _analogy(name, [1, 0] * 30, cands)
        rec.run = dict(rec.run, time=time)
        recs.append(rec)
    comp = compare(sorted(recs, key=lambda r: r.label), n_boot=100)
    assert comp.representations == ["Zeta", "Alpha", "Mid"]  # by run time
    (task,) = comp.protocol["tasks"]
    assert list(task["candidates"]) == ["Zeta", "Alpha", "Mid"]
