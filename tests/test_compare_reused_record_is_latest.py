"""A user goes back to an earlier version of their data file (or an earlier option) and reruns into the same
store: the run rightly finds the earlier record stored and reuses it, but compare and report kept the record
computed last (by its run time), on data or settings the user's latest run no longer used, and left the reused
one out with a note. Now a record counts from the last run that computed or reused it; a store whose runs are
not logged (an older wordeval) orders by computation as before. Oracles: scipy's Spearman ρ of each file's
pairs over the vectors' cosines (a pair with a word the vectors lack scored -1 under ``oov = "penalize"``)."""
from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from tests._small_task import write_small_task
from wordeval.results.store import STORE_FILENAME

EPS = float(np.finfo(np.float32).eps)


def _rho(vectors, pairs, *, penalize: bool = False) -> float:
    rows = [line.split() for line in vectors.read_text(encoding="utf-8").splitlines()]
    vec = {r[0]: np.asarray(r[1:], dtype=np.float64) for r in rows}
    gold, cos = [], []
    for line in pairs.read_text(encoding="utf-8").splitlines():
        a, b, s = line.split("\t")
        if a in vec and b in vec:
            cos.append(vec[a] @ vec[b] / (np.linalg.norm(vec[a]) * np.linalg.norm(vec[b])))
        elif penalize:
            cos.append(-1.0)
        else:
            continue
        gold.append(float(s))
    return float(spearmanr(gold, cos).statistic)


def _shown(out) -> float:
    comparison = wordeval.compare(out, n_boot=20)
    (cell,) = comparison.cells.values()
    return cell["value"]


def _versions(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    pairs = tmp_path / "pairs.tsv"
    v1 = pairs.read_text(encoding="utf-8")
    v2 = v1.replace("7.35", "2.5")
    rhos = []
    for text in (v1, v2):
        pairs.write_text(text, encoding="utf-8")
        rhos.append(_rho(vectors, pairs))
    assert abs(rhos[0] - rhos[1]) > 0.05  # the edit moves the score
    return vectors, spec, pairs, (v1, v2), rhos


def test_going_back_to_an_earlier_data_file_shows_its_reused_record(tmp_path):
    vectors, spec, pairs, texts, rhos = _versions(tmp_path)
    out = str(tmp_path / "s")
    for version in (0, 1, 0, 1, 0):  # computed, computed, then reused by each run
        pairs.write_text(texts[version], encoding="utf-8")
        wordeval.run([f"v={vectors}"], [str(spec)], out=out)
        assert _shown(out) == pytest.approx(rhos[version], abs=16 * EPS), version
    comparison = wordeval.compare(out, n_boot=20)
    assert any("1 record(s) were computed on another version of the task or its data" in n
               for n in comparison.notes), comparison.notes


def test_going_back_to_an_earlier_option_shows_its_reused_record(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    # without "plane" two pairs are out of vocabulary, so skip and penalize give two numbers
    vectors.write_text("".join(line + "\n" for line in vectors.read_text(encoding="utf-8").splitlines()
                               if not line.startswith("plane ")), encoding="utf-8")
    pairs, out = tmp_path / "pairs.tsv", str(tmp_path / "s")
    expected = {"skip": _rho(vectors, pairs), "penalize": _rho(vectors, pairs, penalize=True)}
    assert abs(expected["skip"] - expected["penalize"]) > 0.05
    for oov in ("skip", "penalize", "skip", "penalize"):
        wordeval.run([f"v={vectors}"], [(str(spec), {"oov": oov})], out=out)
        assert _shown(out) == pytest.approx(expected[oov], abs=16 * EPS), oov


def test_a_distributed_run_that_reuses_a_record_makes_it_the_latest(tmp_path):
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    from wordeval.distributed import execute_distributed
    from wordeval.results.run_log import registered
    from wordeval.results.store import ResultStore
    from wordeval.runner import plan, planned_cells

    vectors, spec, pairs, texts, rhos = _versions(tmp_path)
    out = str(tmp_path / "s")
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0")
    with cluster, Client(cluster) as client:
        for version, reused in ((0, False), (1, False), (0, True)):
            pairs.write_text(texts[version], encoding="utf-8")
            p = plan([f"v={vectors}"], [str(spec)])
            with ResultStore(out) as store, registered(store, planned_cells(p)):
                summary = execute_distributed(p, store, client=client)
            assert (len(summary.cached), len(summary.computed)) == ((1, 0) if reused else (0, 1))
            assert _shown(out) == pytest.approx(rhos[version], abs=16 * EPS), version


def test_a_store_without_a_run_log_still_shows_the_record_computed_last(tmp_path):
    vectors, spec, pairs, texts, rhos = _versions(tmp_path)
    out = tmp_path / "s"
    for version in (0, 1, 0):
        pairs.write_text(texts[version], encoding="utf-8")
        wordeval.run([f"v={vectors}"], [str(spec)], out=str(out))
    db = sqlite3.connect(out / STORE_FILENAME)
    with db:
        db.execute("DROP TABLE cell_records")  # as a wordeval before it wrote the store
    db.close()
    assert _shown(str(out)) == pytest.approx(rhos[1], abs=16 * EPS)
