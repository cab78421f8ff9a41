"""A user corrects a typo in their similarity TSV, keeps the spec's version, and reruns into the same store: the
request key holds the file's sha256, so the cell is computed again, but the record key does not, and the new
record replaced the earlier one (INSERT OR REPLACE): the number computed on the old file was gone from the
store. Now both records stay, as for a cell recomputed under other settings; compare keeps the latest and says
it left the other data's record out; the store's own check finds nothing wrong; and going back to the old file
finds its record again instead of computing it. Oracles: scipy's Spearman ρ of each file's pairs over the
vectors' cosines, and the files' sha256 from hashlib."""
from __future__ import annotations

import hashlib
import logging

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from tests._small_task import write_small_task
from wordeval.results.store import ResultStore, load_records

EPS = float(np.finfo(np.float32).eps)


def _rho(vectors, pairs) -> float:
    rows = [line.split() for line in vectors.read_text(encoding="utf-8").splitlines()]
    vec = {r[0]: np.asarray(r[1:], dtype=np.float64) for r in rows}
    gold, cos = [], []
    for line in pairs.read_text(encoding="utf-8").splitlines():
        a, b, s = line.split("\t")
        gold.append(float(s))
        cos.append(vec[a] @ vec[b] / (np.linalg.norm(vec[a]) * np.linalg.norm(vec[b])))
    return float(spearmanr(gold, cos).statistic)


def test_a_corrected_data_file_keeps_the_earlier_record(tmp_path, caplog):
    vectors, spec = write_small_task(tmp_path)
    pairs, out = tmp_path / "pairs.tsv", str(tmp_path / "s")
    original = pairs.read_text(encoding="utf-8")
    old_rho, old_sha = _rho(vectors, pairs), hashlib.sha256(pairs.read_bytes()).hexdigest()
    wordeval.run([f"v={vectors}"], [str(spec)], out=out)
    pairs.write_text(original.replace("7.35", "2.5"), encoding="utf-8")
    new_rho, new_sha = _rho(vectors, pairs), hashlib.sha256(pairs.read_bytes()).hexdigest()
    assert abs(new_rho - old_rho) > 0.05  # the typo moves the score
    wordeval.run([f"v={vectors}"], [str(spec)], out=out)

    records, _ = load_records(out)
    by_sha = {r.dataset_sha256["test"]: r.main_value for r in records}
    assert set(by_sha) == {old_sha, new_sha}
    assert by_sha[old_sha] == pytest.approx(old_rho, abs=16 * EPS)
    assert by_sha[new_sha] == pytest.approx(new_rho, abs=16 * EPS)
    with ResultStore(out, readonly=True) as store:
        assert store.check() == []

    comparison = wordeval.compare(out, n_boot=20)
    (cell,) = [c for c in comparison.cells.values()]
    assert cell["value"] == pytest.approx(new_rho, abs=16 * EPS)
    assert any("1 record(s) were computed on another version of the task or its data" in n
               for n in comparison.notes), comparison.notes

    pairs.write_text(original, encoding="utf-8")  # back to the first file: its record is found, not recomputed
    caplog.set_level(logging.INFO, logger="wordeval")
    caplog.clear()
    summary = wordeval.run([f"v={vectors}"], [str(spec)], out=out)
    assert summary.computed == [] and len(summary.cached) == 1
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("stored ")] == []
    assert len(load_records(out)[0]) == 2
