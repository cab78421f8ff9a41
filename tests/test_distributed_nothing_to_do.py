"""`run --workers N` into a store that holds every cell already: nothing to compute is found first and said,
and no LocalCluster starts (it started N worker processes only for the client to find every key stored).
Checked in-process by making the cluster's start fail the test; a store missing one cell still starts it."""
from __future__ import annotations

import json
import logging

import pytest

pytest.importorskip("distributed")

from tests._small_task import write_small_task  # noqa: E402
from wordeval.cli import main  # noqa: E402


class ClusterStarted(Exception):
    pass


@pytest.fixture()
def no_cluster(monkeypatch):
    def refuse(*args, **kwargs):
        raise ClusterStarted
    from wordeval.distributed import cluster, local_start
    monkeypatch.setattr(local_start, "local_client", refuse)
    monkeypatch.setattr(cluster, "open_client", refuse)


def _run(reps, spec, out, *more):
    return main(["run", *reps, "--tasks", str(spec), "--out", str(out), "--json", *more])


@pytest.mark.parametrize("registered", [False, True], ids=["file", "registered-id"])
def test_every_cell_stored_starts_no_cluster_and_one_missing_does(tmp_path, capsys, caplog, no_cluster,
                                                                 registered):
    vectors, spec = write_small_task(tmp_path)
    # a file's fingerprint comes from the vector cache; a registered id's only from loading it on the client
    reps = [f"a={vectors}", "b=glove-6b-50d"] if registered else [f"a={vectors}"]
    out = tmp_path / "res"
    assert _run(reps, spec, out) == 0
    first = json.loads(capsys.readouterr().out)
    assert len(first["computed"]) == len(reps)
    with caplog.at_level(logging.WARNING, logger="wordeval.notices"):
        assert _run(reps, spec, out, "--workers", "2") == 0
    again = json.loads(capsys.readouterr().out)
    assert again["computed"] == [] and sorted(again["cached"]) == sorted(first["computed"])
    notes = [r.getMessage() for r in caplog.records if r.name == "wordeval.notices"]
    assert notes == [f"wordeval: note: every cell is stored in {out} already: nothing to compute, no Dask "
                     f"cluster started (--workers 2)"]
    assert not list(out.glob("*dask*")), list(out.iterdir())  # no Dask log either

    # and a cell not stored yet (another seed: another bootstrap CI, another key) still starts the cluster
    assert _run(reps, spec, out, "--workers", "2", "--seed", "1") == 1  # the patched start raised
    assert "ClusterStarted" in capsys.readouterr().err
