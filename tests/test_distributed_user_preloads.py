"""The user's own Dask preloads on a run's LocalCluster (``--workers``): wordeval adds a nanny preload and a
worker preload of its own after the user's. Dask's ``preload-argv`` is one argv for every preload or one list
per preload; the second shape, passed along unchanged, no longer matched the longer preload list and no worker
started ("preload and preload_argv have mismatched lengths", a traceback). Each user preload now gets its own
argv in both shapes, and wordeval's get none."""
from __future__ import annotations

import pytest

pytest.importorskip("distributed")

PRELOAD = '''import click


@click.command()
@click.option("--tag", default="none")
def dask_setup(server, tag):
    server.user_tags = [*getattr(server, "user_tags", []), tag]
'''


@pytest.fixture
def preload_file(tmp_path):
    path = tmp_path / "user_preload.py"
    path.write_text(PRELOAD, encoding="utf-8")
    return str(path)


def _tags(worker_preload, worker_argv, nanny_preload=(), nanny_argv=()):
    import dask

    from wordeval.distributed.cluster import open_client

    config = {"distributed.worker.preload": worker_preload, "distributed.worker.preload-argv": worker_argv,
              "distributed.nanny.preload": list(nanny_preload), "distributed.nanny.preload-argv": list(nanny_argv)}
    with dask.config.set(config), open_client(workers=1) as client:
        workers = client.run(lambda dask_worker: getattr(dask_worker, "user_tags", None))
        nannies = client.run(lambda dask_worker: getattr(dask_worker, "user_tags", None), nanny=True)
    return list(workers.values()), list(nannies.values())


def test_one_argv_list_per_user_preload_reaches_each_of_them(preload_file):
    workers, nannies = _tags([preload_file, preload_file], [["--tag", "a"], ["--tag", "b"]],
                             [preload_file], [["--tag", "n"]])
    assert workers == [["a", "b"]] and nannies == [["n"]]


def test_one_argv_for_all_user_preloads_reaches_each_of_them(preload_file):
    workers, nannies = _tags([preload_file, preload_file], ["--tag", "x"], [preload_file], ["--tag", "y"])
    assert workers == [["x", "x"]] and nannies == [["y"]]


def test_argv_lists_that_do_not_match_the_preloads_are_one_line():
    import dask

    from wordeval.distributed.cluster import open_client
    from wordeval.errors import ConfigError

    with dask.config.set({"distributed.worker.preload": ["a_module"],
                          "distributed.worker.preload-argv": [["--x"], ["--y"]]}):
        with pytest.raises(ConfigError, match=r"^Dask config distributed\.worker\.preload-argv: 2 argument lists "
                                              r"for 1 preload\(s\)"):
            with open_client(workers=1):
                pass


def test_the_run_refuses_them_before_its_store_is_created(tmp_path, capsys):
    import dask

    from tests._small_task import write_small_task
    from wordeval.cli import main

    vectors, spec = write_small_task(tmp_path)
    with dask.config.set({"distributed.worker.preload": ["a_module"],
                          "distributed.worker.preload-argv": [["--x"], ["--y"]]}):
        code = main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "o"),
                     "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2 and not (tmp_path / "o").exists()
    assert err.count("\n") == 1 and "distributed.worker.preload-argv: 2 argument lists for 1 preload(s)" in err, err
