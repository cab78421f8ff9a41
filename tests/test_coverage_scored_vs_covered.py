"""A results cell whose items scored are not the items it covers says both, not 'n_used/n_total (coverage)'.

A new user scored GloVe rows with ``--oov penalize --restrict-vocab 5000`` and read WS-353 as
"353/353 (56.7%)", and with ``--intersection`` GloVe 6B 50d beside a 20,000-row file as "319/353 (100.0%)":
the share in brackets is the representation's own coverage, not 319/353. Expected texts worked by hand on
five pairs, two of them with a word only one vocabulary has."""
from __future__ import annotations

import numpy as np

# 'e' is only in X's vocabulary: X covers all 5 pairs, Y the 3 without 'e'
PAIRS = ["a\tb\t1", "a\tc\t2", "b\td\t3", "a\te\t4", "c\te\t5"]


def _inputs(tmp_path):
    rng = np.random.default_rng(5)
    paths = []
    for name, words in (("x", "abcde"), ("y", "abcd")):
        path = tmp_path / f"{name}.txt"
        path.write_text("".join(f"{w} {' '.join(map(repr, rng.normal(size=4).tolist()))}\n" for w in words),
                        encoding="utf-8")
        paths.append(path)
    (tmp_path / "p.tsv").write_text("\n".join(PAIRS) + "\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    return paths, spec


def _rows(out):
    from wordeval import compare
    from wordeval.report.tables import markdown_results

    table = markdown_results(compare([out]))
    return [line for line in table.splitlines() if line.startswith("| similarity/t ")]


def test_penalize_scores_every_pair_and_says_what_it_covers(tmp_path):
    from wordeval.cli import main

    (_, y), spec = _inputs(tmp_path)
    out = tmp_path / "store"
    assert main(["intrinsic", f"Y={y}", "--tasks", str(spec), "--oov", "penalize", "--out", str(out)]) == 0
    (row,) = _rows(out)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2] == "5/5 word pairs scored, 60.0% covered"


def test_intersection_scores_the_common_pairs_and_says_what_each_covers(tmp_path):
    from wordeval.cli import main

    (x, y), spec = _inputs(tmp_path)
    out = tmp_path / "store"
    assert main(["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), "--intersection", "--out", str(out)]) == 0
    (row,) = _rows(out)
    cells = [c.strip() for c in row.strip("|").split("|")]
    # task, X's score, X's coverage, Y's score, Y's coverage, common items, tests
    assert cells[2] == "3/5 word pairs scored, 100.0% covered"
    assert cells[4] == "3/5 word pairs (60.0%)"  # Y scored exactly what it covers: the usual form


def test_a_cell_that_scored_what_it_covers_keeps_its_form():
    from wordeval.report.fmt import fmt_coverage

    assert fmt_coverage({"n_used": 319, "n_total": 353, "coverage": 319 / 353}) == "319/353 (90.4%)"
    assert fmt_coverage({"n_used": 319, "n_total": 353, "coverage": 1.0}) == "319/353 scored, 100.0% covered"
    assert fmt_coverage({"n_used": 100, "n_total": 100, "coverage": 2 / 3}, "sentences") == \
        "100/100 sentences scored, 66.7% covered"
