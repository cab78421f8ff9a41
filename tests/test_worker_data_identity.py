"""A Dask worker loads a task's dataset itself and keeps it for the next cells. It kept it by task name, version
and spec path: on a long-lived scheduler (``--scheduler``), a run after the user corrected their data file was
scored on the file as the worker first read it, stored under the request key of the corrected file (so never
computed again). The worker now keys what it keeps by the data identity the client planned with, and refuses
data that changed after the client hashed it. Oracles: hashlib's sha256 of the file, scipy's Spearman rho."""
from __future__ import annotations

import hashlib
import time

import numpy as np
import pytest
from scipy.stats import spearmanr

from tests._small_task import PAIRS, write_small_task
from wordeval import runner
from wordeval.distributed import worker
from wordeval.errors import ChecksumError

EPS = float(np.finfo(np.float32).eps)


def _cells(vectors, spec):
    return runner.plan([f"A={vectors}"], [str(spec)]).cells


def _rho(vectors, pairs) -> float:
    vec = {r[0]: np.asarray(r[1:], dtype=np.float64) for r in map(str.split, vectors.read_text().splitlines())}
    cos = [vec[a] @ vec[b] / (np.linalg.norm(vec[a]) * np.linalg.norm(vec[b])) for a, b, _ in pairs]
    return float(spearmanr([s for *_, s in pairs], cos).statistic)


def _unit(cells, state):
    return worker._unit(cells, state, runner, None, None, time.perf_counter())


def test_a_worker_scores_the_corrected_file_of_a_later_run(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    state = worker.WorkerState()
    _unit(_cells(vectors, spec), state)  # the first run: the worker keeps the dataset it read
    corrected = [(a, b, 10.0 - s) for a, b, s in PAIRS]
    data = tmp_path / "pairs.tsv"
    data.write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in corrected), encoding="utf-8")
    (record,) = _unit(_cells(vectors, spec), state)["records"]
    assert record.dataset_sha256 == {"test": hashlib.sha256(data.read_bytes()).hexdigest()}
    assert record.main_value == pytest.approx(_rho(vectors, corrected), abs=16 * EPS)


def test_data_edited_after_the_run_planned_it_is_refused_on_the_worker(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    cells = _cells(vectors, spec)
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{10.0 - s}\n" for a, b, s in PAIRS), encoding="utf-8")
    with pytest.raises(ChecksumError, match="similarity/mine: a worker read other bytes of its data files than "
                                            "the client hashed when it planned this run"):
        _unit(cells, worker.WorkerState())


def test_other_bytes_on_a_worker_name_that_worker_and_another_copy_there(tmp_path, monkeypatch):
    """On a file system that is not shared, a worker's machine holds another copy of the data: the message said
    "changed after this run planned it ... run again", which cannot help; it names the worker and that case."""
    import distributed
    from types import SimpleNamespace

    vectors, spec = write_small_task(tmp_path)
    cells = _cells(vectors, spec)
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{10.0 - s}\n" for a, b, s in PAIRS), encoding="utf-8")
    monkeypatch.setattr(distributed, "get_worker", lambda: SimpleNamespace(address="tcp://10.0.0.7:40123"))
    with pytest.raises(ChecksumError) as info:
        _unit(cells, worker.WorkerState())
    message = str(info.value)
    assert message.startswith("similarity/mine: the worker at tcp://10.0.0.7:40123 read other bytes")
    assert "another copy" in message and "shared file system" in message and "\n" not in message
