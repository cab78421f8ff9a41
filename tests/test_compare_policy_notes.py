"""compare on records of one task scored under different coverage policies (two runs, two stores: skip beside
penalize, or beside another run's intersection) said nothing: the Results table put a score over the covered
pairs beside one where every uncovered pair sat at cosine -1."""
from __future__ import annotations

import numpy as np
import pytest

PAIRS = [("cat", "dog", 8.0), ("car", "bus", 6.5), ("sun", "tree", 1.0), ("dog", "tree", 2.0), ("cat", "bus", 3.0)]


@pytest.fixture()
def inputs(tmp_path):
    rng = np.random.default_rng(5)
    paths = []
    for name, words in (("x", ["cat", "dog", "car", "bus", "sun", "tree"]), ("y", ["cat", "dog", "car", "bus"])):
        path = tmp_path / f"{name}.txt"
        path.write_text("".join(f"{w} {' '.join(f'{v:.4f}' for v in rng.standard_normal(6))}\n" for w in words),
                        encoding="utf-8")
        paths.append(path)
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "sim.toml").write_text('name = "sim"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                       encoding="utf-8")
    return paths, str(tmp_path / "sim.toml")


def _notes(*stores):
    import wordeval

    return [n for n in wordeval.compare([str(s) for s in stores], n_boot=50).notes if n.startswith("similarity/sim:")]


def _run(tmp_path, name, reps, spec, *flags):
    from wordeval.cli import main

    out = tmp_path / name
    assert main(["intrinsic", *reps, "--tasks", spec, "--out", str(out), "-q", *flags]) == 0
    return out


def test_records_of_different_oov_policies_are_noted_with_whose_is_which(inputs, tmp_path):
    (x, y), spec = inputs
    a = _run(tmp_path, "a", [f"X={x}"], spec)
    b = _run(tmp_path, "b", [f"Y={y}"], spec, "--oov", "penalize")
    notes = [n for n in _notes(a, b) if "different oov" in n]
    assert len(notes) == 1 and "(X: skip; Y: penalize)" in notes[0], notes


def test_an_intersection_record_beside_a_skip_record_is_noted(inputs, tmp_path):
    (x, y), spec = inputs
    a = _run(tmp_path, "a", [f"X={x}", f"Y={y}"], spec, "--intersection")
    b = _run(tmp_path, "b", [f"Z={x}"], spec)
    notes = _notes(a, b)
    assert any("different oov (X: intersection; Y: intersection; Z: skip)" in n for n in notes), notes


def test_one_run_under_one_policy_has_no_such_note(inputs, tmp_path):
    (x, y), spec = inputs
    for flags in ((), ("--intersection",), ("--oov", "penalize")):
        store = _run(tmp_path, f"s{len(flags)}", [f"X={x}", f"Y={y}"], spec, *flags)
        assert not [n for n in _notes(store) if "scored under different" in n]


def test_intersection_scores_are_said_to_be_on_the_common_items_not_each_ones_own(inputs, tmp_path):
    (x, y), spec = inputs
    store = _run(tmp_path, "a", [f"X={x}", f"Y={y}"], spec, "--intersection")
    notes = [n for n in _notes(store) if "--intersection" in n]
    # by hand: Y lacks 'sun' and 'tree', so the pairs both cover are cat-dog, car-bus, cat-bus: 3 of 5
    assert notes == ["similarity/sim: X, Y scored under --intersection: their scores in Results are on the 3 of 5 "
                     "items that all of X, Y cover, not on each one's own covered items."]
