"""A basic bootstrap interval (QVEC's, QVEC-CCA's) can lie wholly below an upward-biased score: compare showed
'0.171 [0.143, 0.162]' with nothing to say why. Such cells carry the flag ¶ and the legend explains it; a
score inside its interval (the bounds included) is not flagged. Hand-made cells: the oracle is the
interval's own bounds."""
from __future__ import annotations

from wordeval.report.cells import flag_cells
from wordeval.report.tables import FLAG_SYMBOLS, FLAG_TEXT, cell_flags
from wordeval.report.tables_tex import TEX_FLAGS


def _cell(value, ci):
    return {"value": value, "ci": ci, "coverage": 1.0, "candidates": None, "not_converged": False,
            "n_used": 500, "flags": []}


def test_a_score_outside_its_interval_is_flagged_and_one_inside_or_on_a_bound_is_not():
    cells = {("a", "qvec/cca"): _cell(0.171, [0.143, 0.162]), ("b", "qvec/cca"): _cell(0.150, [0.143, 0.162]),
             ("c", "qvec/cca"): _cell(0.162, [0.143, 0.162]), ("d", "qvec/cca"): _cell(0.2, None)}
    flag_cells(cells, "qvec/cca", ["a", "b", "c", "d"])
    assert [cells[(r, "qvec/cca")]["flags"] for r in "abcd"] == [["outside_ci"], [], [], []]
    assert cell_flags(cells[("a", "qvec/cca")]) == "¶" == FLAG_SYMBOLS["outside_ci"]
    assert "bias-corrected" in FLAG_TEXT["outside_ci"] and TEX_FLAGS["outside_ci"] == r"\P{}"


def test_the_latex_caption_explains_every_mark_a_cell_can_carry():
    # report.tex put \P{} on such a cell while its caption explained the other marks only
    from tests._records import toy_records
    from wordeval.report.compare import compare
    from wordeval.report.tables_tex import latex_results

    comp = compare(toy_records(), n_boot=100)
    comp.cells[("A", "similarity/toy")]["flags"].append("outside_ci")
    tex = latex_results(comp)
    caption = tex[tex.index(r"\caption{"):]
    assert r"\P{}" in tex[:tex.index(r"\caption{")]
    # a mark a cell carries is explained (\P{} stood unexplained); one no cell carries is not
    shown = {f for c in comp.cells.values() for f in c["flags"]}
    for flag, mark in TEX_FLAGS.items():
        assert (f"{mark}:" in caption) == (flag in shown), flag
    assert "bias-corrected" in caption
