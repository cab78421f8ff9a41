"""--intersection where no item is covered by every representation: its records read 0 used, n/a, and nothing
said why; `compare` then wrote 'no item covered by X, Y', though X covers every pair itself."""
from __future__ import annotations

import numpy as np
import pytest

PAIRS = [("cat", "dog", 8.0), ("car", "bus", 6.5), ("sun", "tree", 1.0), ("dog", "tree", 2.0)]


def _vectors(path, words, seed):
    rng = np.random.default_rng(seed)
    path.write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(6))}\n" for w in words),
                    encoding="utf-8")
    return path


@pytest.fixture()
def disjoint(tmp_path):
    x = _vectors(tmp_path / "x.txt", ["cat", "dog", "car", "bus", "sun", "tree"], 1)  # all 4 pairs
    y = _vectors(tmp_path / "y.txt", ["cat", "car", "moon", "river"], 2)  # no pair: 'dog', 'bus', ... missing
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "sim.toml").write_text('name = "sim"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                       encoding="utf-8")
    return x, y, tmp_path / "sim.toml"


def test_an_empty_intersection_is_warned_about_with_each_ones_own_coverage(disjoint, tmp_path, capsys):
    from wordeval.cli import main
    from wordeval.results.store import load_records

    x, y, spec = disjoint
    out = tmp_path / "store"
    assert main(["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), "--intersection", "--out", str(out),
                 "-q"]) == 0
    err = capsys.readouterr().err
    warning = [line for line in err.splitlines() if "no item is covered by every representation" in line]
    # by hand: X covers the 4 pairs, Y none of them
    assert len(warning) == 1 and "of 4: X 4, Y 0" in warning[0] and "similarity/sim" in warning[0]
    records = {r.label: r for r in load_records([out])[0]}
    assert [records[k].n_used for k in "XY"] == [0, 0]
    assert [records[k].coverage for k in "XY"] == [1.0, 0.0]


def test_compare_does_not_say_a_representation_covering_every_item_covers_none(disjoint, tmp_path, capsys):
    import wordeval
    from wordeval.cli import main

    x, y, spec = disjoint
    out = tmp_path / "store"
    assert main(["intrinsic", f"X={x}", f"Y={y}", "--tasks", str(spec), "--intersection", "--out", str(out),
                 "-q"]) == 0
    notes = [n for n in wordeval.compare(str(out), n_boot=50).notes if n.startswith("similarity/sim:")]
    assert not any("no item covered by" in n for n in notes), notes
    said = "no item is covered by all of them (0 of 4)"
    assert any("--intersection" in n and said in n for n in notes), notes


def test_a_non_empty_intersection_warns_nothing():
    import warnings

    from wordeval.intrinsic.policies import intersection_mask

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        keep = intersection_mask([np.array([1, 1, 0], bool), np.array([0, 1, 1], bool)], ["a", "b"], "t")
    assert keep.tolist() == [False, True, False]
