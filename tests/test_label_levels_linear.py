"""group_records' check of a label's two levels (``_one_embedding_across_levels``) compared every label's
level with every other label's, and counted each left-out level's records over the whole list: quadratic in
labels, 2.5 s of `status` on a store of 4,000 records and 300 labels. Oracle: the quadratic loop as it was,
kept here verbatim; counted calls, no timing."""
from __future__ import annotations

import random

import numpy as np

import wordeval.tasks.families as families
from tests._records import make_record
from wordeval.report import cells
from wordeval.report.cells import group_records


def _quadratic(records, replaced, level, when):
    """The loop before: each (label, level) against every (label, level) of the store."""
    newest = {}
    for rec in records:
        g = (rec.label, level(rec))
        if g not in newest or when(rec) >= when(newest[g]):
            newest[g] = rec
    stale = {}
    for (label, lvl), rec in newest.items():
        for (other_label, other), ref in newest.items():
            if other_label != label or other == lvl or when(rec) >= when(ref):
                continue
            if rec.embedding.get("fingerprint") in replaced.get((label, other), ()):
                stale[(label, lvl)] = other
    kept = [r for r in records if (r.label, level(r)) not in stale]
    notes = [f"{label}: {sum(1 for r in records if (r.label, level(r)) == (label, lvl))} record(s) on {lvl} "
             f"were made with an embedding (fingerprint) that the label's later records on {other} replaced, "
             f"and are left out: one label names one representation; run those tasks again to compare them."
             for (label, lvl), other in sorted(stale.items())]
    return kept, notes


def _records(n_labels: int, seed: int = 0):
    """Labels with records on both levels; about a third rerun on one level with a new embedding (the other
    level then stale), some on both, in shuffled order."""
    rng = random.Random(seed)
    gold = np.random.default_rng(seed).normal(size=12)
    sim = {"id": list(range(12)), "gold": gold, "pred": gold[::-1]}
    pos = {"id": [f"s{i}" for i in range(6)], "correct": [3] * 6, "total": [4] * 6}
    out = []
    for i in range(n_labels):
        label = f"L{i}"
        out += [make_record(label, "similarity/toy", sim, fingerprint=f"{label}-v1", time="2026-01-01"),
                make_record(label, "pos/toy", pos, fingerprint=f"{label}-v1", time="2026-01-01")]
        rerun = rng.choice(["none", "similarity/toy", "pos/toy", "both"])
        tasks = ["similarity/toy", "pos/toy"] if rerun == "both" else [] if rerun == "none" else [rerun]
        for task in tasks:
            out.append(make_record(label, task, sim if task.startswith("sim") else pos,
                                   fingerprint=f"{label}-v2", time=f"2026-01-0{rng.choice([2, 3])}"))
    rng.shuffle(out)
    return out


def test_levels_left_out_are_those_of_the_quadratic_loop(monkeypatch):
    seen = []
    real = cells._one_embedding_across_levels

    def both(records, replaced, level, when):
        seen.append(_quadratic(records, replaced, level, when))
        return real(records, replaced, level, when)

    monkeypatch.setattr(cells, "_one_embedding_across_levels", both)
    for seed in range(3):
        records = _records(60, seed)
        groups, _, notes = group_records(records)
        kept, expected_notes = seen.pop()
        assert {(r.label, r.task) for r in kept} == set(groups)
        assert [n for n in notes if "later records on" in n] == expected_notes
        assert len(expected_notes) > 10  # the case is exercised: many labels with a stale level


def test_a_records_level_is_looked_up_a_bounded_number_of_times(monkeypatch):
    records = _records(200)
    calls = []
    info = families.family_info
    monkeypatch.setattr(families, "family_info", lambda family: calls.append(family) or info(family))
    _, _, notes = group_records(records)
    assert sum("later records on" in n for n in notes) > 40
    # the rules' two loops and the levels' check: a few lookups per record, not one per record and stale level
    assert len(calls) <= 8 * len(records)
