"""A worker of another wordeval version that joins after the run registered its plugin (a node of a scaling
cluster set up from an old environment). Its plugin's setup failed, Dask only logged it, and the worker went on
taking cells: each raised "the wordeval worker plugin is not registered", Dask retried it, and the run ended as
"a bug in wordeval" with a traceback (exit 1). Now the run stops with the worker's one line (exit 2), stores
nothing that worker computed, and records no cell as failed, even with keep_going."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from wordeval.results.store import ResultStore  # noqa: E402
from wordeval.runner import plan  # noqa: E402


@pytest.mark.parametrize("keep_going", [False, True])
def test_a_worker_of_another_version_joining_mid_run_stops_it_in_one_line(tmp_path, monkeypatch, glove50,
                                                                          keep_going):
    from distributed import Client, LocalCluster

    from wordeval.distributed import execute as execute_module
    from wordeval.distributed import execute_distributed
    from wordeval.errors import WordevalError

    words = ["cat", "dog", "car", "automobile", "king", "queen", "sea", "ocean"]
    vectors, _ = glove50.lookup(words)
    (tmp_path / "v.txt").write_text(f"{len(words)} 50\n" + "".join(
        w + " " + " ".join(repr(float(x)) for x in v) + "\n" for w, v in zip(words, vectors)), encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text("cat\tdog\t8\ncar\tautomobile\t9.5\nking\tqueen\t8.2\nsea\tocean\t9\n"
                                        "cat\tcar\t2\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                     encoding="utf-8")
    (tmp_path / "old.py").write_text("import wordeval\nwordeval.__version__ = '0.0.0-old'\n", encoding="utf-8")
    p = plan([f"v={tmp_path / 'v.txt'}"], [str(tmp_path / "t.toml")], seeds=(0, 1))
    prepare, started = execute_module._prepare, []

    def prepare_then_an_old_worker_joins(client, needed, where, *how, **more):
        prepare(client, needed, where, *how, **more)  # the plugin is registered while no worker is connected
        dask = str(Path(sys.executable).with_name("dask"))
        started.append(subprocess.Popen([dask, "worker", client.scheduler.address, "--nthreads", "1",
                                         "--preload", str(tmp_path / "old.py")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        client.wait_for_workers(1, timeout=120)

    monkeypatch.setattr(execute_module, "_prepare", prepare_then_an_old_worker_joins)
    cluster = LocalCluster(n_workers=0, dashboard_address=":0")
    try:
        with Client(cluster) as client, ResultStore(tmp_path / "out") as store:
            with pytest.raises(WordevalError) as info:
                execute_distributed(p, store, client=client, keep_going=keep_going)
            assert not list(store.records())
            skipped = store.skipped()
    finally:
        for proc in started:
            proc.terminate()
            proc.wait(timeout=60)
        cluster.close()
    message = str(info.value)
    assert message.startswith("worker tcp://") and "runs wordeval 0.0.0-old, the client " in message, message
    assert "\n" not in message and getattr(info.value, "exit_code", None) == 2
    assert not [s for s in skipped if "0.0.0-old" in str(s)], skipped  # no cell is blamed for the worker
