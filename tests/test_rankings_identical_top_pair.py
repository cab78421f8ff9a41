"""A ranking whose best two are identical copies (A = A2 > B) said in its 'test, best vs runner-up' column only
'not tested: identical per-item outputs ...', which read as the whole chain untested, though A2 > B was tested.
The column now names the pair it speaks of."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report import html, tables, tables_tex
from wordeval.report.compare import compare


def _comparison():
    rng = np.random.default_rng(0)
    gold = rng.normal(size=200)
    good = gold + rng.normal(scale=0.3, size=200)
    bad = gold + rng.normal(scale=3.0, size=200)
    cols = {"A": good, "A2": good, "B": bad}
    return compare([make_record(name, "similarity/toy", {"id": list(range(200)), "gold": gold, "pred": pred})
                    for name, pred in cols.items()], n_boot=200)


def test_the_best_vs_runner_up_column_names_the_identical_pair():
    comp = _comparison()
    assert comp.rankings["similarity/toy"][2] == "B" and comp.relations["similarity/toy"] == ["=", ">"]
    (row,) = [line for line in tables.markdown_rankings(comp).splitlines() if line.startswith("| similarity/toy")]
    last = row.split("|")[-2]
    assert "not tested" in last and "identical per-item outputs" in last
    first, second = comp.rankings["similarity/toy"][:2]
    assert {first, second} == {"A", "A2"} and last.strip().startswith(f"{first} vs {second} not tested")
    assert f"{first} vs {second} not tested" in html._rankings_table(comp)
    assert f"best vs runner-up {first} vs {second} not tested" in tables_tex.latex_rankings(comp)


def test_the_column_also_gives_the_best_against_the_first_representation_behind_its_copies():
    """'A vs A2 not tested' alone left the reader of 'A = A2 > B' (or 'A = A2 = C') without the one test the
    ranking rests on: A against B. Its code and corrected p follow, as pair_tests holds them."""
    from wordeval.report.fmt import at_floor, fmt_p

    comp = _comparison()
    first, second, third = comp.rankings["similarity/toy"]
    (test,) = [t for t in comp.tests if {t["a"], t["b"]} == {first, third}]
    assert test["code"] == "B" and test["p_adjusted"] < 0.05
    p = fmt_p(test["p_adjusted"], at_floor=at_floor(test), alpha=comp.parameters["alpha"])
    expected = f"{first} vs {second} not tested: "
    for text in (tables.markdown_rankings(comp), html._rankings_table(comp), tables_tex.latex_rankings(comp)):
        assert expected in text and f"; {first} vs {third}: B, " in text
    (row,) = [line for line in tables.markdown_rankings(comp).splitlines() if line.startswith("| similarity/toy")]
    assert row.split("|")[-2].strip().endswith(f"; {first} vs {third}: B, {p}")
    assert comp.best["similarity/toy"]["beyond_copies"]["b"] == third


def test_two_copies_alone_add_nothing_behind_them():
    rng = np.random.default_rng(1)
    gold = rng.normal(size=50)
    pred = gold + rng.normal(size=50)
    comp = compare([make_record(name, "similarity/toy", {"id": list(range(50)), "gold": gold, "pred": pred})
                    for name in ("A", "A2")], n_boot=200)
    assert comp.best["similarity/toy"]["beyond_copies"] is None
    (row,) = [line for line in tables.markdown_rankings(comp).splitlines() if line.startswith("| similarity/toy")]
    assert ";" not in row.split("|")[-2].split("(a tie by definition, not a test)")[-1]
