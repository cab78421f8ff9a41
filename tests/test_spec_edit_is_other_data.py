"""A user edits their spec so that the same data file is read otherwise (SimLex-999's score column from
'SimLex999' to 'SD(SimLex)') and reruns one representation into the store. The request key held the spec's
digest, so that cell was computed again; the record did not, so the new record silently replaced the old one
(same key, same data sha256) and compare showed the other representation's score on the old column beside it
as one task. Now the record names its spec's sha256: the earlier record stays stored, the run says why, and
compare leaves the records of the other spec out. Oracle: scipy's Spearman ρ over the vectors' cosines against
the column each spec reads."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.results.store import ResultStore, load_records

EPS = float(np.finfo(np.float32).eps)
SIMLEX = ("word1\tword2\tPOS\tSimLex999\tSD(SimLex)\n"
          "old\tnew\tA\t1.58\t0.41\nsmart\tintelligent\tA\t9.2\t0.67\nhard\tdifficult\tA\t8.77\t1.19\n"
          "happy\tcheerful\tA\t9.55\t2.18\nfast\trapid\tA\t8.75\t1.07\nbook\tpaper\tN\t4.1\t0.9\n")
WORDS = sorted({w for line in SIMLEX.splitlines()[1:] for w in line.split("\t")[:2]})


def _vectors(path, seed):
    rng = np.random.default_rng(seed)
    path.write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n" for w in WORDS),
                    encoding="utf-8")
    return path


def _rho(vectors, column: int) -> float:
    vec = {r[0]: np.asarray(r[1:], dtype=np.float64) for r in map(str.split, vectors.read_text().splitlines())}
    rows = [line.split("\t") for line in SIMLEX.splitlines()[1:]]
    cos = [vec[a] @ vec[b] / (np.linalg.norm(vec[a]) * np.linalg.norm(vec[b])) for a, b, *_ in rows]
    return float(spearmanr([float(r[column]) for r in rows], cos).statistic)


def test_a_spec_read_with_another_score_column_is_not_compared_with_the_old_records(tmp_path, caplog):
    a, b = _vectors(tmp_path / "a.txt", 0), _vectors(tmp_path / "b.txt", 1)
    (tmp_path / "SimLex-999.txt").write_text(SIMLEX, encoding="utf-8")
    spec = tmp_path / "simlex.toml"
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "SimLex-999.txt"\n', encoding="utf-8")
    out = str(tmp_path / "store")
    wordeval.run([f"A={a}", f"B={b}"], [str(spec)], out=out)
    spec.write_text('name = "mine"\nfamily = "similarity"\ncolumns = {score = "SD(SimLex)"}\n[files]\n'
                    'test = "SimLex-999.txt"\n', encoding="utf-8")
    caplog.set_level("INFO", logger="wordeval")
    wordeval.run([f"B={b}"], [str(spec)], out=out)
    assert any("differs in the task's spec file (other sha256)" in r.getMessage()
               and "it stays stored" in r.getMessage()
               for r in caplog.records), [r.getMessage() for r in caplog.records]

    records, _ = load_records(out)
    values = sorted((r.label, r.main_value) for r in records)
    expected = sorted([("A", _rho(a, 3)), ("B", _rho(b, 3)), ("B", _rho(b, 4))])
    assert [v[0] for v in values] == [e[0] for e in expected]
    assert [v[1] for v in values] == pytest.approx([e[1] for e in expected], abs=16 * EPS)
    with ResultStore(out, readonly=True) as store:
        assert store.check() == []

    comparison = wordeval.compare(out, n_boot=20)
    assert [(label, cell["value"]) for (label, _), cell in comparison.cells.items()] == [
        ("B", pytest.approx(_rho(b, 4), abs=16 * EPS))]
    # another score column is other reader options too: that rule of compare names them first
    assert any("2 record(s) were computed" in n and ("spec file" in n or "reader options" in n)
               for n in comparison.notes), comparison.notes


def test_records_stored_before_the_spec_digest_was_recorded_are_still_compared():
    from tests._records import toy_records
    from wordeval.report.cells import group_records

    old, new = [r for r in toy_records() if r.task.startswith("similarity/")][:2]
    new.dataset = {**new.dataset, "spec_sha256": "1" * 64}
    assert "spec_sha256" not in old.dataset
    groups, _, notes = group_records([old, new])
    assert sorted(label for label, _ in groups) == sorted([old.label, new.label])
    assert not any("spec file" in n for n in notes)
