"""Each cell's interval says how many resamples drew it. A cell of one record keeps the interval drawn when
the record was scored (its config's n_boot), one of several seed records is drawn by the comparison
(--n-boot): the demo's caption said "1,000 or 10,000 resamples" and neither results.csv nor results.json said
which cell had which. Oracle: the n_boot each record was scored with and the one the comparison was given."""
from __future__ import annotations

import csv
import io

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.tables import cell_rows, results_caption, results_csv


def _records():
    rng = np.random.default_rng(1)
    gold, total = rng.normal(size=150), np.full(120, 10)
    out = []
    for k, name in enumerate("AB"):
        rec = make_record(name, "similarity/toy", {"id": list(range(150)), "gold": gold,
                                                   "pred": gold + rng.normal(scale=0.5 + k, size=150)})
        rec.config = {"oov": "skip", "n_boot": 1000, "ci_level": 0.95}
        rec.ci = {"spearman": [0.1, 0.9]}
        out.append(rec)
        for seed in range(3):
            out.append(make_record(name, "pos/toy", {"id": list(range(120)), "total": total,
                                                     "correct": rng.binomial(total, 0.8 - 0.1 * k)}, seed=seed))
    return out


def test_results_csv_and_json_name_each_cells_resamples():
    comp = compare(_records(), n_boot=300, seed=0)
    rows = {(r["representation"], r["task"]): r for r in csv.DictReader(io.StringIO(results_csv(comp)))}
    assert rows[("A", "similarity/toy")]["ci_resamples"] == "1000"  # the record's own interval
    assert rows[("A", "pos/toy")]["ci_resamples"] == "300"  # three seeds: drawn by the comparison
    assert {(r["representation"], r["task"]): r["ci_resamples"] for r in cell_rows(comp)}[("B", "pos/toy")] == 300
    assert ("(300 or 1,000 resamples; each cell's count in results.csv's ci_resamples column)"
            in results_caption(comp))


def test_the_caption_names_the_file_that_has_the_ci_resamples_column():
    """The Results table of report.md, .html and .tex has no ci_resamples column: 'each cell's count in the
    ci_resamples column' sent a reader of the report to a column it does not show."""
    from wordeval.report.tables import markdown_results

    comp = compare(_records(), n_boot=300, seed=0)
    header = next(line for line in markdown_results(comp).splitlines() if line.startswith("| task"))
    assert "ci_resamples" not in header and "ci_resamples" in results_csv(comp).splitlines()[0]
    assert "each cell's count in results.csv's ci_resamples column" in results_caption(comp)


def test_compare_console_caption_sends_the_reader_to_compare_csv():
    """compare writes no results.csv: its console caption said "results.csv's ci_resamples column" all the
    same; the column is compare --csv's (and --json's table)."""
    from wordeval.cli.compare import text_report

    comp = compare(_records(), n_boot=300, seed=0)
    text = text_report(comp)
    assert "results.csv" not in text, text
    assert ("(300 or 1,000 resamples; each cell's count in the ci_resamples column of compare --csv (and of "
            "compare --json's table))") in text
    assert any("ci_resamples" in row for row in comp.to_dict()["table"])
