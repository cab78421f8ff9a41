"""The client's data homes on the workers. A run given its data by ``WORDEVAL_DATA`` (not ``--data-home``) left
each worker to read its own variable: a worker started without it skipped MC-30 ("no data home") where the
serial run scored it, and scored WS-353 from another source (gensim's copy) than the serial run's records name.
A data home a worker cannot see is one line naming the folder and the worker, exit 2, nothing stored."""
from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("distributed")

from wordeval.results.store import ResultStore  # noqa: E402
from wordeval.runner import execute, plan  # noqa: E402

TASKS = ["similarity/mc30", "similarity/ws353"]  # mc30: data home or URL only; ws353: data home, then packages


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture
def rep(tmp_path, glove50, shared_data):
    from wordeval.tasks.task import get_task

    words = sorted({w for name in TASKS for p in get_task(name).load_dataset(data_home=shared_data).items()
                    for w in (p.word1, p.word2)})
    vectors, found = glove50.lookup(words)
    path = tmp_path / "sub.txt"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{int(found.sum())} 50\n")
        for w, v in zip([w for w, f in zip(words, found) if f], vectors[found]):
            fh.write(w + " " + " ".join(repr(float(x)) for x in v) + "\n")
    return f"sub={path}"


def _datasets(out) -> dict:
    with ResultStore(out, create=False) as store:
        return {r.task: (json.loads(r.to_json())["dataset"], r.scores) for r in store.records()}


def _environ(name, value=None):
    """On a worker: set (or with None remove) a variable; its value before."""
    before = os.environ.get(name)
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
    return before


def _distributed_with_workers_data(client, value, p, out):
    """``p`` run on workers whose WORDEVAL_DATA is ``value`` (None: unset), put back after; its summary."""
    from wordeval.distributed import execute_distributed

    before = client.run(_environ, "WORDEVAL_DATA", value)
    try:
        with ResultStore(out) as store:
            return execute_distributed(p, store, client=client)
    finally:
        for address, old in before.items():
            client.run(_environ, "WORDEVAL_DATA", old, workers=[address])


def test_workers_without_wordeval_data_score_the_clients_data_home(client, rep, shared_data, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setenv("WORDEVAL_DATA", str(shared_data))
    p = plan([rep], TASKS)
    with ResultStore(tmp_path / "serial") as store:
        assert len(execute(p, store).computed) == 2
    summary = _distributed_with_workers_data(client, None, p, tmp_path / "dist")
    assert not summary.skipped and len(summary.computed) == 2
    serial = _datasets(tmp_path / "serial")
    assert serial["similarity/ws353"][0]["source"] == f"data_home:{shared_data.resolve()}"
    assert _datasets(tmp_path / "dist") == serial


@pytest.mark.parametrize("keep_going", [False, True])
def test_a_data_home_the_workers_cannot_see_is_one_line_and_nothing_is_stored(client, rep, shared_data,
                                                                            tmp_path, keep_going, monkeypatch):
    from wordeval.distributed import execute as execute_module
    from wordeval.distributed import execute_distributed
    from wordeval.errors import WordevalError

    p = plan([rep], TASKS[:1], data_home=shared_data)
    gone = tmp_path / "on-the-client-only"  # a client's local folder, which a worker on another node lacks
    monkeypatch.setattr(execute_module, "data_home_for_workers", lambda home: [str(gone)])
    with ResultStore(tmp_path / "dist") as store:
        with pytest.raises(WordevalError) as info:
            execute_distributed(p, store, client=client, data_home=shared_data, keep_going=keep_going)
        assert not list(store.records())
        assert not [s for s in store.skipped() if str(gone) in str(s)]  # no cell is failed for the worker
    message = str(info.value)
    assert message.startswith(f"{gone}: the client's data home is not a folder on the worker at tcp://")
    assert "\n" not in message and getattr(info.value, "exit_code", 2) == 2


def test_data_homes_are_sent_as_the_client_resolves_them(shared_data, tmp_path, monkeypatch):
    """'~/data' (quoted, or from Python) was sent as a folder named '~' in the client's folder: the serial run
    read the data, every worker answered that the data home is not there."""
    from wordeval.distributed.client_paths import data_home_for_workers

    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "data").symlink_to(shared_data)
    (tmp_path / "rel").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    real = str(shared_data.resolve())
    assert data_home_for_workers("~/data") == [real]
    assert data_home_for_workers(["rel", "~/data"]) == [str(tmp_path.resolve() / "rel"), real]
    monkeypatch.setenv("WORDEVAL_DATA", os.pathsep.join(["~/data", "rel"]))
    assert data_home_for_workers(None) == [real, str(tmp_path.resolve() / "rel")]
    monkeypatch.delenv("WORDEVAL_DATA")
    assert data_home_for_workers(None) == ()


def test_a_client_without_a_data_home_sends_none_to_workers_that_have_one(client, rep, shared_data, tmp_path,
                                                                          monkeypatch):
    """The client had no data home at all: None was sent, and each worker read its own WORDEVAL_DATA, so a
    worker that has one scored WS-353 from that folder where the serial run (and its plan) took gensim's copy."""
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    p = plan([rep], TASKS[1:])
    with ResultStore(tmp_path / "serial") as store:
        assert len(execute(p, store).computed) == 1
    summary = _distributed_with_workers_data(client, str(shared_data), p, tmp_path / "dist")
    assert len(summary.computed) == 1
    serial = _datasets(tmp_path / "serial")
    assert not serial["similarity/ws353"][0]["source"].startswith("data_home:")
    assert _datasets(tmp_path / "dist") == serial
