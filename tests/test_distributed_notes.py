"""Notes a cell gives while it is scored (``wordeval: note:`` on the ``wordeval.notices`` logger, e.g. `case` on a
sentence encoder) were logged by the Dask worker that scored it: under --scheduler into that worker's log, never
to the user, and under --workers once per cell on the workers' stderr. The worker now returns them with the
cell, and the client says each once per run, as the serial run does."""
from __future__ import annotations

import logging
import sys

import pytest

pytest.importorskip("distributed")

NOTE = "wordeval: note: injected: said by every cell of this run"


def _install() -> None:
    """In the worker: every cell notes NOTE, as sts.py notes `case` on a sentence encoder, then is scored."""
    from wordeval import runner

    original = getattr(runner, "_original_compute_cell", runner.compute_cell)
    runner._original_compute_cell = original

    def noting(cell, *args, **kwargs):
        logging.getLogger("wordeval.notices").warning("%s", NOTE)
        return original(cell, *args, **kwargs)

    runner.compute_cell = noting


def _uninstall() -> None:
    from wordeval import runner

    if hasattr(runner, "_original_compute_cell"):
        runner.compute_cell = runner._original_compute_cell


def test_a_cells_note_on_a_worker_process_is_said_once_by_the_client(tmp_path, caplog):
    import cloudpickle
    from distributed import Client, LocalCluster

    from tests._small_task import write_small_task
    from wordeval.distributed import execute_distributed
    from wordeval.results.store import ResultStore
    from wordeval.runner import plan

    vectors, spec = write_small_task(tmp_path)
    other = tmp_path / "mine2.toml"
    other.write_text(spec.read_text(encoding="utf-8").replace('"mine"', '"mine2"'), encoding="utf-8")
    p = plan([f"A={vectors}"], [str(spec), str(other)])
    assert len(p.cells) == 2
    caplog.set_level(logging.WARNING)
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            client.run(_install)
            with ResultStore(tmp_path / "out") as store:
                summary = execute_distributed(p, store, client=client)
            client.run(_uninstall)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert len(summary.computed) == 2
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("wordeval: note:")] == [NOTE]
