"""`intrinsic` printed its run's records by decoding every record of its --out store and keeping its own:
a one-cell rerun on a store of 8,000 records spent 2 s decoding the others (`run` already read by key).
The count of records decoded is the operation count; the table is pinned against the rows by hand."""
from __future__ import annotations

import numpy as np

from tests._records import small_store
from wordeval.results.store import ResultStore

WORDS = ["cat", "dog", "car", "bus", "sun", "tree"]
PAIRS = [("cat", "dog", 8.0), ("car", "bus", 6.5), ("sun", "tree", 1.0), ("dog", "tree", 2.0)]


def _files(tmp_path):
    for name, seed in (("x", 1), ("y", 2)):
        rng = np.random.default_rng(seed)
        (tmp_path / f"{name}.txt").write_text(
            "".join(f"{w} {' '.join(f'{v:.4f}' for v in rng.standard_normal(6))}\n" for w in WORDS),
            encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "sim.toml").write_text('name = "sim"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                       encoding="utf-8")


def test_intrinsic_decodes_only_its_own_records(tmp_path, monkeypatch, capsys):
    from wordeval.cli import main

    _files(tmp_path)
    out = small_store(tmp_path / "store")
    with ResultStore(out, readonly=True) as store:
        others = {r.stored_key for r in store.records()}
    assert len(others) == 6  # cli_records: 3 representations x 2 tasks
    args = ["intrinsic", f"X={tmp_path / 'x.txt'}", f"Y={tmp_path / 'y.txt'}", "--tasks",
            str(tmp_path / "sim.toml"), "--out", str(out), "-q"]
    assert main(args) == 0
    first = capsys.readouterr().out
    decoded = []
    decode = ResultStore._decode
    monkeypatch.setattr(ResultStore, "_decode",
                        lambda self, key, text: decoded.append(key) or decode(self, key, text))
    assert main(args) == 0  # every cell already stored: the table alone reads the store
    again = capsys.readouterr().out
    # each of the 2 cells is read when found stored and again for the table; none of the others
    assert len(decoded) == 4 and len(set(decoded)) == 2 and not set(decoded) & others
    rows = [line.split()[:3] for line in again.splitlines()[2:4]]
    assert rows == [["similarity/sim", "X", "0"], ["similarity/sim", "Y", "0"]] and again == first
