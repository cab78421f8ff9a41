"""wordeval's worker plugin on an existing scheduler (``--scheduler``). The CLI registered it when it connected
(before the store was made) and execute_distributed registered it again on the same client: every worker
tore down the plugin it had just set up, and each run cost two broadcasts to every worker, each of which a
busy or slow worker could make the run wait on. A run now registers it once, and a second run on the same
cluster registers it once more and computes nothing twice."""
from __future__ import annotations

import pytest

pytest.importorskip("distributed")

from tests._small_task import write_small_task  # noqa: E402


def test_each_run_on_a_scheduler_registers_the_plugin_once(tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    from wordeval.cli import main
    from wordeval.distributed.worker import PLUGIN_NAME

    registered: list[str] = []
    real = Client.register_plugin

    def counted(self, plugin, *args, **kwargs):
        registered.append(plugin.name)
        return real(self, plugin, *args, **kwargs)

    monkeypatch.setattr(Client, "register_plugin", counted)
    vectors, spec = write_small_task(tmp_path)
    argv = ["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "o")]
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        assert main([*argv, "--scheduler", cluster.scheduler_address]) == 0
        assert registered == [PLUGIN_NAME]
        with Client(cluster) as client:  # set up on the worker, as the run left it
            assert client.run(lambda dask_worker: PLUGIN_NAME in dask_worker.plugins) == {
                a: True for a in client.scheduler_info()["workers"]}
        # a second run on the same cluster: the plugin registered once more, the cell found in the store
        assert main([*argv, "--scheduler", cluster.scheduler_address, "--json"]) == 0
        assert registered == [PLUGIN_NAME, PLUGIN_NAME]
