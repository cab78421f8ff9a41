"""Distributed runs (wordeval.distributed) on a 2-process LocalCluster: the same records as the serial path,
every cell stored once when a worker process dies mid-cell, resume after the client is killed, user errors
recorded or fatal exactly as in the serial path, resources checked before work.

The oracle for every distributed run is ``runner.execute`` on the same plan (records equal except run time and
provenance, and the ``*seconds*`` timings in ``extra``).
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("distributed")

from wordeval.errors import ConfigError, WordevalError  # noqa: E402
from wordeval.results.store import ResultStore  # noqa: E402
from wordeval.runner import execute, plan  # noqa: E402

TASKS = ["similarity/ws353", "similarity/simlex999"]
ROOT = Path(__file__).resolve().parent.parent


# -- helpers -------------------------------------------------------------------------------------------------

def _without_timing(value, key: str = ""):
    if isinstance(value, dict):
        return {k: _without_timing(v, k) for k, v in value.items() if "seconds" not in k}
    if isinstance(value, list):
        return [_without_timing(v) for v in value]
    return value


def comparable(record) -> dict:
    """A record as JSON without what may differ between two runs of the same cell: when and from which
    checkout/command it ran, and how long its parts took."""
    d = json.loads(record.to_json())
    for field in ("time", "git_revision", "command", "cwd"):
        d["run"].pop(field, None)
    return _without_timing(d)


def records_of(path) -> dict[str, dict]:
    with ResultStore(path, create=False) as store:
        return {r.cache_key(): comparable(r) for r in store.records()}


def write_word2vec(path: Path, words, vectors) -> str:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {vectors.shape[1]}\n")
        for w, v in zip(words, vectors):
            fh.write(w + " " + " ".join(repr(float(x)) for x in v) + "\n")
    return str(path)


@pytest.fixture(scope="module")
def reps(tmp_path_factory, glove50):
    """Two real representations, small: the GloVe 6B 50d rows of the similarity sets' words (all 50
    dimensions, and the first 25), as word2vec text files."""
    from wordeval.tasks.task import get_task

    words = set()
    for name in TASKS:
        for pair in get_task(name).load_dataset().items():
            words |= {pair.word1, pair.word2}
    vectors, found = glove50.lookup(sorted(words))
    kept = [w for w, f in zip(sorted(words), found) if f]
    folder = tmp_path_factory.mktemp("reps")
    full = write_word2vec(folder / "glove-sub50.txt", kept, vectors[found])
    half = write_word2vec(folder / "glove-sub25.txt", kept, vectors[found][:, :25])
    return [f"sub50={full}", f"sub25={half}"]


@contextlib.contextmanager
def worker_environment(client, **values):
    """The workers' environment variables set to ``values`` for the block, then put back."""
    def swap(new):
        old = {k: os.environ.get(k) for k in new}
        for k, v in new.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        return old

    before = client.run(swap, values)
    try:
        yield
    finally:
        for worker, old in before.items():
            client.run(swap, old, workers=[worker])


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def serial(reps, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "store"
    with ResultStore(out) as store:
        summary = execute(plan(reps, TASKS), store)
    assert len(summary.computed) == 4
    return out


def _distributed(p, out, **kwargs):
    from wordeval.distributed import execute_distributed

    with ResultStore(out) as store:
        return execute_distributed(p, store, **kwargs)


# fault injection: replaces runner.compute_cell inside the worker processes (functions pickled by value)

def _install(marker: str, mode: str, task: str = "") -> int:
    from wordeval import runner

    original = getattr(runner, "_original_compute_cell", runner.compute_cell)
    runner._original_compute_cell = original

    def patched(cell, *args, **kwargs):
        if mode == "kill-once":
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return original(cell, *args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)  # this worker process dies in the middle of a cell
        if mode == "cancel-all" and cell.task.name == task:
            _cancel_every_cell()  # as Dask does when the client loses its scheduler
            time.sleep(2)
        if mode == "out-of-memory" and cell.task.name == task:
            with open(marker, "a") as fh:
                fh.write("x")
            raise MemoryError()  # as numpy raises it when an array does not fit the worker's limit
        if mode == "user-error" and cell.task.name == task:
            with open(marker, "a") as fh:
                fh.write("x")
            raise ConfigError(f"injected: {task} cannot run here")
        return original(cell, *args, **kwargs)

    runner.compute_cell = patched
    return os.getpid()


def _cancel_every_cell() -> None:
    from distributed import Future, get_client

    c = get_client()
    keys = c.run_on_scheduler(lambda dask_scheduler: [k for k in dask_scheduler.tasks
                                                      if str(k).startswith("wordeval-cell")])
    c.cancel([Future(k, c) for k in keys], force=True)


def _uninstall() -> None:
    from wordeval import runner

    if hasattr(runner, "_original_compute_cell"):
        runner.compute_cell = runner._original_compute_cell


@pytest.fixture
def inject(client):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        yield lambda *args: client.run(_install, *args)
    finally:
        client.run(_uninstall)
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


# -- tests ---------------------------------------------------------------------------------------------------

def test_distributed_records_equal_the_serial_run_and_a_rerun_computes_nothing(reps, client, serial, tmp_path):
    p = plan(reps, TASKS)
    summary = _distributed(p, tmp_path / "d", client=client)
    assert sorted(summary.computed) == sorted(records_of(serial)) and summary.cached == []
    assert records_of(tmp_path / "d") == records_of(serial)
    again = _distributed(p, tmp_path / "d", client=client)
    assert again.computed == [] and sorted(again.cached) == sorted(summary.computed)


def test_intersection_groups_are_scored_together_as_in_the_serial_run(reps, client, tmp_path):
    p = plan(reps, TASKS, intersection=True)
    assert all(c.group for c in p.cells)
    with ResultStore(tmp_path / "s") as store:
        execute(p, store)
    summary = _distributed(p, tmp_path / "d", client=client)
    assert len(summary.computed) == 4
    assert records_of(tmp_path / "d") == records_of(tmp_path / "s")


def test_file_load_options_reach_the_workers_and_the_cached_fingerprints(reps, client, tmp_path, glove50):
    """A gensim .kv read with allow_pickle (not in the vector cache: a worker loads it for its fingerprint) and
    a word2vec file with invalid UTF-8 read with encoding_errors=replace (its fingerprint read from the cache
    under those options): the records the serial run stores."""
    import numpy as np
    from gensim.models import KeyedVectors

    from wordeval.distributed.keys import cached_fingerprint
    from wordeval.evaluation import Representation, load_embedding

    source = load_embedding(reps[1].split("=", 1)[1])
    kv = KeyedVectors(vector_size=source.vectors.shape[1])
    kv.add_vectors(list(source.words), np.asarray(source.vectors, dtype=np.float32))
    kv.save(str(tmp_path / "sub25.kv"))
    latin = tmp_path / "latin1.txt"
    header, body = Path(reps[0].split("=", 1)[1]).read_bytes().split(b"\n", 1)
    n, dim = header.split()
    latin.write_bytes(b"%d %s\n" % (int(n) + 1, dim) + body + "caf\xe9 ".encode("latin-1")
                      + b" ".join([b"0.5"] * int(dim)) + b"\n")
    two = [Representation.parse(f"kv={tmp_path / 'sub25.kv'}").with_options({"allow_pickle": True}),
           Representation.parse(f"latin={latin}").with_options({"encoding_errors": "replace"})]
    with pytest.raises(WordevalError, match="allow-pickle"):
        plan([f"kv={tmp_path / 'sub25.kv'}"], TASKS)
    p = plan(two, TASKS)  # parses the word2vec file into the vector cache, read with replace
    assert cached_fingerprint(str(latin)) is None  # a strict read fails: never cached
    assert cached_fingerprint(str(latin), options=two[1].options) == load_embedding(
        str(latin), options=two[1].options).info.fingerprint
    with ResultStore(tmp_path / "s") as store:
        assert len(execute(p, store).computed) == 4
    summary = _distributed(p, tmp_path / "d", client=client)
    assert len(summary.computed) == 4
    assert records_of(tmp_path / "d") == records_of(tmp_path / "s")
    params = {r["embedding"]["name"]: r["embedding"]["parameters"] for r in records_of(tmp_path / "d").values()}
    assert params["kv"]["allow_pickle"] is True and params["latin"]["encoding_errors"] == "replace"


def test_prediction_files_come_back_to_the_client_and_equal_the_serial_ones(reps, client, tmp_path):
    p = plan(reps, ["analogy/msr"])
    (tmp_path / "ps").mkdir(), (tmp_path / "pd").mkdir()
    with ResultStore(tmp_path / "s") as store:
        execute(p, store, predictions=str(tmp_path / "ps"))
    _distributed(p, tmp_path / "d", client=client, predictions=str(tmp_path / "pd"))
    serial_files = {f.name: f.read_text() for f in (tmp_path / "ps").iterdir()}
    assert len(serial_files) == 4  # two answer tables, each with its .json naming its record
    assert {f.name: f.read_text() for f in (tmp_path / "pd").iterdir()} == serial_files
    assert records_of(tmp_path / "d") == records_of(tmp_path / "s")


def test_the_clients_command_is_stored_as_a_utf8_locale_reads_it(reps, client, tmp_path, monkeypatch):
    """Under LC_ALL=C with PYTHONUTF8=0 a non-ASCII argument is spelled with lone surrogates: the serial path
    stored it as UTF-8 text, the distributed one as it was, and `wordeval report` on that store ended in a
    UnicodeEncodeError traceback."""
    c_spelling = os.fsencode("café").decode("ascii", "surrogateescape")
    monkeypatch.setattr(sys, "argv", ["wordeval", "run", "--title", c_spelling])
    _distributed(plan(reps[:1], TASKS[:1]), tmp_path / "d", client=client)
    with ResultStore(tmp_path / "d", create=False) as store:
        assert [r.run["command"] for r in store.records()] == [["wordeval", "run", "--title", "café"]]


def test_the_clients_working_directory_is_stored_not_a_workers(reps, client, tmp_path, monkeypatch):
    """The command's relative paths are relative to where the client ran; a worker process (started
    elsewhere, on another node) has a directory of its own that says nothing about them."""
    here = tmp_path / "client dir"
    here.mkdir()
    workers = set(client.run(os.getcwd).values())
    monkeypatch.chdir(here)
    assert str(here) not in workers  # else the test could not tell the two apart
    _distributed(plan(reps[:1], TASKS[:1]), tmp_path / "d", client=client)
    with ResultStore(tmp_path / "d", create=False) as store:
        assert [r.run["cwd"] for r in store.records()] == [str(here)]


def test_relative_file_paths_are_the_clients_not_a_workers(client, tmp_path, monkeypatch):
    """`wordeval run v.txt mine=v.txt --tasks ... --data-home data --scheduler ...` typed in the folder of v.txt:
    workers started in another folder resolved the paths against theirs and the run failed ("v.txt: no such
    embedding file"), though it ran serially. Oracle: the serial run of the same plan, labels included."""
    from tests._small_task import write_small_task

    here = tmp_path / "client dir"
    (here / "data").mkdir(parents=True)
    _, spec = write_small_task(here)
    monkeypatch.chdir(here)
    assert str(here) not in set(client.run(os.getcwd).values())
    reps_ = ["v.txt", "mine=v.txt"]
    with ResultStore(tmp_path / "s") as store:
        execute(plan(reps_, [str(spec)], data_home="data"), store)
    _distributed(plan(reps_, [str(spec)], data_home="data"), tmp_path / "d", client=client, data_home="data")
    assert records_of(tmp_path / "d") == records_of(tmp_path / "s")
    assert sorted(r["embedding"]["name"] for r in records_of(tmp_path / "d").values()) == ["mine", "v.txt"]


def test_relative_corpus_paths_in_a_spec_are_the_clients_not_a_workers(client, tmp_path, monkeypatch):
    """`wordeval run lsa:corpus=c.txt ... --scheduler ...` typed in the folder of c.txt: a worker started
    elsewhere answered "c.txt: corpus file not found" for the corpus the client had just checked. Oracle: the
    serial run of the same plan; both records name the file by its absolute path."""
    from tests._small_task import PAIRS, write_small_task

    here = tmp_path / "client dir"
    (here / "data").mkdir(parents=True)
    _, spec = write_small_task(here)
    words = sorted({w for a, b, _ in PAIRS for w in (a, b)})
    rng = np.random.default_rng(0)
    (here / "c.txt").write_text("".join(" ".join(rng.choice(words, 10)) + "\n" for _ in range(60)),
                                encoding="utf-8")
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(here)
    assert str(here) not in set(client.run(os.getcwd).values())
    reps_ = ["lsa:corpus=c.txt,dim=2,min_count=1"]
    with ResultStore(tmp_path / "s") as store:
        execute(plan(reps_, [str(spec)], data_home="data"), store)
    # the workers read the client's cache: with their own (the user's default cache) they reused an entry an
    # earlier checkout had trained, whose record rightly names other trainers (trained_with)
    with worker_environment(client, WORDEVAL_CACHE=str(tmp_path / "cache")):
        _distributed(plan(reps_, [str(spec)], data_home="data"), tmp_path / "d", client=client, data_home="data")
    serial_records = records_of(tmp_path / "s")
    assert records_of(tmp_path / "d") == serial_records
    (record,) = serial_records.values()
    assert record["embedding"]["source"].startswith(f"lsa:corpus={(here / 'c.txt').resolve()},")
    assert record["embedding"]["name"] == reps_[0]


def test_a_worker_killed_mid_cell_is_retried_and_every_cell_is_stored_once(reps, client, serial, inject, tmp_path):
    marker = tmp_path / "killed"
    pids_before = set(client.run(os.getpid).values())
    inject(str(marker), "kill-once")
    summary = _distributed(plan(reps, TASKS), tmp_path / "d", client=client)
    assert marker.exists()  # a worker process did die inside a cell
    assert set(client.run(os.getpid).values()) != pids_before  # ... and the nanny started a new one
    assert sorted(summary.computed) == sorted(records_of(serial)) and summary.failed == []
    with ResultStore(tmp_path / "d", create=False) as store:
        assert len(store) == 4
    assert records_of(tmp_path / "d") == records_of(serial)


def test_a_user_error_on_a_worker_is_recorded_with_keep_going_and_ends_the_run_without(reps, client, serial,
                                                                                      inject, tmp_path):
    marker = tmp_path / "calls"
    inject(str(marker), "user-error", "similarity/simlex999")
    summary = _distributed(plan(reps, TASKS), tmp_path / "k", client=client, keep_going=True)
    assert summary.exit_code == 3 and len(summary.computed) == 2
    assert sorted((f["embedding"], f["reason"]) for f in summary.failed) == [
        ("sub25", "error: injected: similarity/simlex999 cannot run here"),
        ("sub50", "error: injected: similarity/simlex999 cannot run here")]
    assert len(marker.read_text()) == 2  # a user error is not retried: it would fail again
    with ResultStore(tmp_path / "k", create=False) as store:
        assert {s["task"] for s in store.skipped()} == {"similarity/simlex999"}
        assert {r.task for r in store.records()} == {"similarity/ws353"}
    with pytest.raises(WordevalError, match="injected: similarity/simlex999 cannot run here") as exc:
        _distributed(plan(reps, TASKS), tmp_path / "f", client=client)
    assert exc.value.exit_code == 2


def test_a_worker_out_of_memory_ends_the_run_in_one_line_without_retries(reps, client, serial, inject,
                                                                          tmp_path, monkeypatch):
    """A MemoryError on a worker was raised to Dask, which retried the cell twice more under the same limit
    (a worker that then could not allocate the buffer for its traceback held the cell for ever) and then ended
    the run with MemoryError: as in the serial path it ends the run, keep_going or not, in one line naming the
    worker, the cell and what to do."""
    marker = tmp_path / "calls"
    inject(str(marker), "out-of-memory", "similarity/simlex999")
    with pytest.raises(WordevalError) as exc:
        _distributed(plan(reps, TASKS), tmp_path / "m", client=client, keep_going=True)
    assert exc.value.exit_code == 2
    said = str(exc.value)
    assert "\n" not in said and ": out of memory while scoring similarity/simlex999 on sub" in said, said
    assert said.startswith("the worker at tcp://") and "use fewer --workers" in said, said
    assert 1 <= len(marker.read_text()) <= 2  # once per representation at most: not retried


def test_cells_dask_cancels_are_an_error_and_a_rerun_computes_exactly_them(reps, client, serial, inject,
                                                                           tmp_path):
    """A scheduler that dies mid-run makes Dask cancel every pending future: the loop ran out of futures and
    the run said "2 computed, 0 failed", exit 0, with most of the grid never computed."""
    inject(str(tmp_path / "unused"), "cancel-all", "similarity/simlex999")
    with pytest.raises(WordevalError, match=r"cells were not computed: Dask cancelled them") as exc:
        _distributed(plan(reps, TASKS), tmp_path / "c", client=client)
    assert exc.value.exit_code == 2
    client.run(_uninstall)
    with ResultStore(tmp_path / "c", create=False) as store:
        stored = len(store)
    assert stored < 4
    summary = _distributed(plan(reps, TASKS), tmp_path / "c", client=client)
    assert len(summary.computed) == 4 - stored and len(summary.cached) == stored
    assert records_of(tmp_path / "c") == records_of(serial)


def test_resume_after_the_client_is_killed(reps, client, serial, tmp_path):
    out = tmp_path / "store"
    script = textwrap.dedent(f"""
        import time
        from distributed import Client, LocalCluster
        from wordeval import runner
        from wordeval.distributed import execute_distributed
        from wordeval.results.store import ResultStore

        def slow():  # every cell takes a few seconds more, so the kill lands in the middle of the run
            original = runner.compute_cell
            def slowed(*args, **kwargs):
                time.sleep(3)
                return original(*args, **kwargs)
            runner.compute_cell = slowed

        if __name__ == "__main__":
            p = runner.plan({reps!r}, {TASKS!r})
            with Client(LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0")) as c:
                c.run(slow)
                print("workers", *c.run(lambda: __import__("os").getpid()).values(), flush=True)
                with ResultStore({str(out)!r}) as store:
                    execute_distributed(p, store, client=c)
    """)
    (tmp_path / "client.py").write_text(script)
    proc = subprocess.Popen([sys.executable, str(tmp_path / "client.py")], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=tmp_path)
    workers = [int(x) for x in proc.stdout.readline().split()[1:]]
    deadline = time.monotonic() + 300
    stored = 0
    while stored == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if (out / "results.sqlite").exists():
            # a store the run is still creating reads as empty (ResultStore's in_creation)
            with ResultStore(out, readonly=True) as store:
                stored = len(store)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 4
    with ResultStore(out, create=False) as store:
        before = store.stored_at()
    assert 0 < len(before) < 4
    for pid in workers:  # the worker processes of a killed client go away with it
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail(f"worker process {pid} outlived its killed client")
    summary = _distributed(plan(reps, TASKS), out, client=client)
    assert sorted(summary.cached) == sorted(before) and len(summary.computed) == 4 - len(before)
    with ResultStore(out, create=False) as store:
        assert len(store) == 4
        assert {k: v for k, v in store.stored_at().items() if k in before} == before  # not rewritten
    assert records_of(out) == records_of(serial)


def test_progress_lines_stand_above_the_bar_and_its_last_counts_are_final(reps, client, tmp_path, capsys,
                                                                         monkeypatch):
    """On a terminal each "stored ..." line was written after the bar's text, on the bar's line (the serial
    run redirects them above it), and the bar ended on counts drawn before the last cells came back
    ("4/4 ... done=2 running=2")."""
    import logging

    # stderr taken for a terminal: elsewhere the bar is plain lines (wordeval.progress), none in a short run
    monkeypatch.setattr("wordeval.progress.bars_drawn", lambda stream=None: True)

    handler = logging.StreamHandler(sys.stderr)  # a console handler as the CLI's, writing where the bar does
    root, run_log = logging.getLogger(), logging.getLogger("wordeval.run")
    level = run_log.level
    root.addHandler(handler)
    run_log.setLevel(logging.INFO)
    try:
        _distributed(plan(reps, TASKS), tmp_path / "d", client=client, progress=True)
    finally:
        root.removeHandler(handler)
        run_log.setLevel(level)
    err = capsys.readouterr().err
    stored = [i for i in range(len(err)) if err.startswith("stored ", i)]
    assert len(stored) == 4, err
    assert all(i == 0 or err[i - 1] in "\r\n" for i in stored), err  # each at the start of a line of its own
    last_frame = err.rsplit("\r", 1)[-1]
    assert "4/4" in last_frame and "done=4 running=0 failed=0" in last_frame, last_frame


def test_resources_no_worker_offers_are_a_user_error_before_any_work(reps, client, tmp_path):
    with pytest.raises(ConfigError, match="GPU=1 but none of the 2 workers"):
        _distributed(plan(reps, TASKS), tmp_path / "d", client=client, worker_resources="similarity=GPU=1")
    with ResultStore(tmp_path / "d") as store:
        assert len(store) == 0


def test_resources_of_a_class_no_cell_is_in_are_a_note(reps, client, tmp_path, caplog):
    """`--worker-resources ner=GPU=1` on a similarity run (or torch=GPU=1 with only word vectors) routed
    nothing, and the run said nothing of it."""
    import logging

    with caplog.at_level(logging.WARNING, logger="wordeval.notices"):
        summary = _distributed(plan(reps, TASKS), tmp_path / "d", client=client,
                               worker_resources="ner=GPU=1,torch=GPU=2")
    assert len(summary.computed) == 4
    notes = [r.getMessage() for r in caplog.records if r.name == "wordeval.notices"]
    assert notes == ["wordeval: note: --worker-resources ner=GPU=1, torch=GPU=2 have no effect: no cell of this "
                     "run is of those classes"]


def test_worker_resources_spec_and_cell_classes():
    from wordeval.distributed.cluster import cell_classes, parse_worker_resources, resources_for
    from wordeval.evaluation import Representation
    from wordeval.runner import Cell
    from wordeval.tasks.task import get_task

    table = parse_worker_resources("torch=GPU=1, memory=MEMORY=8e9,bert=GPU=1")
    assert table == {"torch": {"GPU": 1.0}, "memory": {"MEMORY": 8e9}, "transformer": {"GPU": 1.0}}
    ner = get_task("ner/wnut16")
    mlp = Cell(Representation.parse("glove-6b-50d"), ner, ner.validate_config({"learner": "mlp"}), 0)
    crf = Cell(Representation.parse("glove-6b-50d"), ner, ner.validate_config({"learner": "crf"}), 0)
    sim = get_task("similarity/ws353")
    bert = Cell(Representation.parse("minilm:type-level"), sim, sim.validate_config({}), 0)
    assert {"torch", "memory", "extrinsic", "ner", "all"} <= cell_classes(mlp)
    assert "torch" not in cell_classes(crf) and "memory" in cell_classes(crf)
    assert {"torch", "transformer", "memory", "intrinsic", "similarity"} <= cell_classes(bert)
    assert resources_for(cell_classes(mlp), table) == {"GPU": 1.0, "MEMORY": 8e9}
    assert resources_for({"all", "intrinsic", "similarity"}, table) is None
    for bad in ("torch=GPU", "gpu=GPU=1", "torch=GPU=0", "torch=GPU=x", "torch=G P=1"):
        with pytest.raises(ConfigError, match="--worker-resources"):
            parse_worker_resources(bad)
    # the amount's error names the class and resource, and a one-sided range in words ('(0, inf]' before)
    with pytest.raises(ConfigError, match=r"^--worker-resources torch=GPU='0': expected a finite number above 0$"):
        parse_worker_resources("torch=GPU=0")


def test_the_client_reads_a_cached_file_fingerprint_without_loading_it(reps, glove50):
    from wordeval.distributed.keys import cached_fingerprint
    from wordeval.evaluation import load_embedding

    spec = reps[0].split("=", 1)[1]
    load_embedding(spec)  # parsed into the vector cache (what runner.plan does for file specs)
    assert cached_fingerprint(spec) == load_embedding(spec).info.fingerprint
    assert cached_fingerprint(reps[0]) == load_embedding(spec).info.fingerprint  # a label is not a path
    assert cached_fingerprint("glove-6b-50d") is None  # a registered id: a worker loads it and says


# -- the command line ----------------------------------------------------------------------------------------

CLI_GRID = ["glove-6b-50d", "spacy-md", "--tasks", "similarity/ws353", "similarity/simlex999", "analogy/msr",
            "classification/bbc", "--set", "n_seeds=1", "--set", "cv_folds=3", "--set", "max_train=500"]


def _wordeval(*argv, timeout=1200):
    proc = subprocess.run([sys.executable, "-m", "wordeval", "--quiet", "run", *argv, "--json"], capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


@pytest.mark.slow
def test_cli_workers_and_an_existing_scheduler_store_the_serial_records(tmp_path):
    serial = _wordeval(*CLI_GRID, "--out", str(tmp_path / "A"))
    assert len(serial["computed"]) == 8
    local = _wordeval(*CLI_GRID, "--out", str(tmp_path / "B"), "--workers", "2",
                      "--worker-resources", "classification=SLOT=1")  # local workers get the resource
    assert sorted(local["computed"]) == sorted(serial["computed"])
    assert records_of(tmp_path / "B") == records_of(tmp_path / "A")

    from tests._dask_scheduler import start_scheduler

    address, scheduler = start_scheduler(tmp_path)
    dask = str(Path(sys.executable).with_name("dask"))
    started = [scheduler]
    try:
        from distributed import Client

        for _ in range(2):
            started.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1"],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with Client(address, timeout="60s") as c:
            c.wait_for_workers(2, timeout=120)
        remote = _wordeval(*CLI_GRID, "--out", str(tmp_path / "C"), "--scheduler", address)
    finally:
        for proc in reversed(started):
            proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert sorted(remote["computed"]) == sorted(serial["computed"])
    assert records_of(tmp_path / "C") == records_of(tmp_path / "A")


def test_cli_distributed_option_errors_are_one_line_and_write_nothing(tmp_path, capsys):
    from wordeval.cli import main

    out = tmp_path / "o"
    for argv, message in [
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "give only one"),
        (["--workers", "2", "--worker-resources", "torch=GPU"], "expected CLASS=RESOURCE=AMOUNT"),
        (["--worker-resources", "torch=GPU=1"], "give --workers N or --scheduler"),
    ]:
        assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(out),
                     *argv]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("wordeval: error: ") and message in err and "\n" not in err
        assert not out.exists()


def test_an_empty_resource_spec_is_refused_not_run_without_routing(tmp_path, capsys):
    """`--worker-resources "$RES"` with RES unset (or a stray ',') ran every cell on any worker, GPU cells
    on CPU workers included, without a word, where `--scheduler ''` is refused."""
    from wordeval.cli import main

    out = tmp_path / "o"
    for spec in ("", ",", " , "):
        assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(out),
                     "--workers", "1", "--worker-resources", spec]) == 2
        err = capsys.readouterr().err
        assert err == (f"wordeval: error: --worker-resources {spec!r}: expected CLASS=RESOURCE=AMOUNT[,...], "
                       f"e.g. torch=GPU=1\n"), err
        assert not out.exists()


def test_workers_running_another_wordeval_version_are_refused(client, monkeypatch):
    import wordeval
    from wordeval.distributed.execute import _prepare

    monkeypatch.setattr(wordeval, "__version__", "0.0.0-not-this-one")  # what the client says it runs
    with pytest.raises(ConfigError, match="runs wordeval .* the client 0.0.0-not-this-one"):
        _prepare(client, set(), "the test cluster")
    monkeypatch.undo()
    _prepare(client, set(), "the test cluster")  # the right version registers (and later tests use it)


def test_a_scheduler_address_that_is_wrong_or_silent_is_one_line_before_anything_is_written(tmp_path, capsys,
                                                                                            monkeypatch):
    """'foo' raised distributed's ValueError (a traceback); a port where something accepts the connection and
    never answers (a web server, a dead scheduler's socket) made the run wait for ever."""
    import socket

    from wordeval.cli import main
    from wordeval.distributed import cluster

    base = ["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(tmp_path / "o")]
    assert main([*base, "--scheduler", "foo"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: --scheduler foo: not a scheduler address") and "\n" not in err, err
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)  # accepts, never answers
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    try:
        assert main([*base, "--scheduler", f"tcp://127.0.0.1:{silent.getsockname()[1]}"]) == 2
    finally:
        silent.close()
    err = capsys.readouterr().err.strip()
    assert "no answer from a Dask scheduler within 12 s" in err or "cannot connect" in err, err
    assert "\n" not in err and not (tmp_path / "o").exists()


def test_scheduler_addresses_from_option_or_environment_are_checked_and_named(tmp_path, capsys, monkeypatch):
    """`--scheduler ""` (an unset shell variable) ran the grid serially, exit 0; tls:// without a TLS context
    and ucx:// raised distributed's TypeError (a traceback); port 99999 waited 30 s for a "timed out";
    WORDEVAL_SCHEDULER beat an explicit --workers ("give only one" naming an option that was not given)."""
    from wordeval.cli import main

    out = tmp_path / "o"
    base = ["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(out)]
    monkeypatch.delenv("WORDEVAL_SCHEDULER", raising=False)
    for argv, message in [
        (["--scheduler", ""], "--scheduler '': expected a scheduler address"),
        (["--scheduler", "tcp://127.0.0.1:99999"], "port 99999 is not in 1..65535"),
        (["--scheduler", "tls://127.0.0.1:1"], "--scheduler tls://127.0.0.1:1: cannot connect (TLS expects"),
    ]:
        assert main([*base, *argv]) == 2, argv
        err = capsys.readouterr().err.strip()
        assert err.startswith("wordeval: error: ") and message in err and "\n" not in err, err
        assert not out.exists()
    monkeypatch.setenv("WORDEVAL_SCHEDULER", "foo")
    assert main(base) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: WORDEVAL_SCHEDULER=foo: not a scheduler address"), err
    # --workers wins over the environment: the next check (a malformed resource spec) is what fails
    assert main([*base, "--workers", "1", "--worker-resources", "torch=GPU"]) == 2
    err = capsys.readouterr().err.strip()
    assert "expected CLASS=RESOURCE=AMOUNT" in err and "give only one" not in err, err
    assert not out.exists()


def test_a_resource_given_twice_for_one_class_is_refused():
    """'torch=GPU=1,torch=GPU=2' kept GPU=2 without a word."""
    from wordeval.distributed.cluster import parse_worker_resources

    with pytest.raises(ConfigError, match="torch=GPU is given twice"):
        parse_worker_resources("torch=GPU=1,torch=GPU=2")
    with pytest.raises(ConfigError, match="transformer=GPU is given twice"):
        parse_worker_resources("bert=GPU=1,transformer=GPU=1")  # bert is another name of transformer
    assert parse_worker_resources("torch=GPU=1,ner=GPU=2") == {"torch": {"GPU": 1.0}, "ner": {"GPU": 2.0}}


def test_model_folders_and_context_corpora_in_specs_are_sent_absolute_names_as_written(tmp_path, monkeypatch):
    """`bert:model=m` typed beside the folder m was looked up on a worker started elsewhere as a hub id, and
    `minilm:type-level,contexts=c.txt` read a c.txt of the worker's folder or none. A named corpus or model is
    no path, even where a file of that name lies in the client's folder (it wins there serially too)."""
    from wordeval.distributed.client_paths import for_workers
    from wordeval.evaluation import Representation
    from wordeval.runner import Cell

    (tmp_path / "m").mkdir()
    for name in ("c.txt", "news", "minilm"):
        (tmp_path / name).write_text("a b c\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rep = Representation(None, "minilm:type-level,contexts=c.txt,max_contexts=3", "bert:model=m,layer=-2")
    named = Representation(None, "lsa:corpus=news,dim=3", "minilm:type-level,contexts=news")
    (sent, sent_named) = (for_workers([Cell(rep=r, task=None, config={}, seed=0)])[0].rep for r in (rep, named))
    assert sent.intrinsic == f"minilm:type-level,contexts={tmp_path / 'c.txt'},max_contexts=3"
    assert sent.extrinsic == f"bert:model={tmp_path / 'm'},layer=-2"
    assert sent.label == rep.name
    assert (sent_named.intrinsic, sent_named.extrinsic) == (named.intrinsic, named.extrinsic)
