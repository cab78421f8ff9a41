"""Two stores holding the same records, stored in another order (a run given its tasks in another order),
must give the same report: results.json and the provenance of report.md listed records, embeddings, configs
and record runs in the order the store held them."""
from __future__ import annotations

import json

from tests._records import toy_records
from wordeval.report.compare import compare
from wordeval.report.writer import write_report


def _records_of_two_runs():
    recs = toy_records(seed=3)
    for i, rec in enumerate(recs):  # two runs of two revisions, as a store resumed after an update holds
        rec.run = {**rec.run, "git_revision": "rev-b" if i % 2 else "rev-a", "command": [f"run-{i % 2}"]}
    return recs


def _report_files(tmp_path, name, records):
    out = write_report(compare(records, n_boot=50), tmp_path / name, argv=["wordeval", "report"], figures=False)
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    del results["provenance"]["report"]  # this report's own time
    md = [line for line in (out / "report.md").read_text(encoding="utf-8").splitlines()
          if not line.startswith("report: wordeval")]
    return json.dumps(results), md


def test_report_is_the_same_whatever_order_the_store_holds_the_records_in(tmp_path):
    recs = _records_of_two_runs()
    # the same representations first-seen in the same order (the tables' column order), the tasks swapped
    swapped = [r for r in recs if r.task.startswith("pos/")] + [r for r in recs if not r.task.startswith("pos/")]
    assert [r.task for r in swapped] != [r.task for r in recs]
    json_a, md_a = _report_files(tmp_path, "a", recs)
    json_b, md_b = _report_files(tmp_path, "b", swapped)
    assert md_a == md_b
    assert json_a == json_b
