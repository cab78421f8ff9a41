"""--correction's help said it corrects "all pair tests of the comparison", but it also corrects, as a family of
its own, the permutation p-values of the intrinsic x extrinsic agreement cells (the τ table's p and verdict).
The help now says both; the τ cells' corrected p are checked against Holm's step-down done by hand."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare


def _records():
    rng = np.random.default_rng(3)
    gold = rng.normal(size=60)
    total = np.full(40, 10)
    out = []
    for k, name in enumerate("ABCDE"):
        for task in ("similarity/one", "similarity/two"):
            pred = gold + rng.normal(scale=0.3 + 0.4 * k, size=60)
            out.append(make_record(name, task, {"id": list(range(60)), "gold": gold, "pred": pred}))
        out.append(make_record(name, "pos/toy", {"id": list(range(40)), "correct": rng.binomial(total, 0.9 - 0.1 * k),
                                                  "total": total}))
    return out


def test_the_help_names_both_families_and_the_tau_cells_are_holm_corrected():
    from wordeval.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for command in ("compare", "report"):
        action = next(a for a in sub.choices[command]._actions if "--correction" in a.option_strings)
        assert "pair tests" in action.help and "agreement cells" in action.help
    comp = compare(_records(), n_boot=50, correction="holm")
    ps = [r["p_permutation"] for r in comp.taus]
    m = len(ps)
    order = np.argsort(ps)
    holm, running = np.empty(m), 0.0
    for rank, i in enumerate(order):  # Holm (1979): step-down, monotone
        running = max(running, min(1.0, (m - rank) * ps[i]))
        holm[i] = running
    assert m == 2 and np.allclose([r["p_adjusted"] for r in comp.taus], holm)
