"""Corpus-trained representations built ahead in a child process (wordeval.prebuild, runner.execute)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from wordeval import prebuild
from wordeval.embeddings.load import is_builder_spec
from wordeval.prebuild import Prebuilder

RUN_NICENESS = prebuild.CHILD_NICENESS  # what a run gives its child, before the fixture below changes it


@pytest.fixture(autouse=True)
def child_at_equal_priority(monkeypatch):
    """These tests wait for the child's builds: at niceness 19, beside two busy loops, a child sat at 0.6 % of
    a core for minutes without finishing the first one. The niceness a run gives it is pinned below."""
    monkeypatch.setattr(prebuild, "CHILD_NICENESS", 0)


def test_which_specs_are_trained(tmp_path):
    assert is_builder_spec("word2vec:corpus=news,window=5")
    assert is_builder_spec("mine=lsa:corpus=news")
    assert is_builder_spec("glove:corpus=news")
    assert not is_builder_spec("glove-6b-50d")
    assert not is_builder_spec("minilm:type-level")
    assert not is_builder_spec("no-such-thing")
    f = tmp_path / "word2vec:x"
    f.write_text("1 1\na 0.5\n")
    assert not is_builder_spec(str(f))  # an existing file is a file, whatever its name


@pytest.mark.parametrize("spec", ["lsa:corpus={c},dim=6", "word2vec:corpus={c},dim=6,epochs=1"])
def test_child_build_is_the_build_this_process_makes(tmp_path, tiny_corpus, monkeypatch, spec):
    """What the child leaves in the builder cache is loaded without training, and is bit for bit the model
    an in-line build in another cache makes (oracle: the in-line build)."""
    from wordeval.embeddings import builders
    from wordeval.embeddings.load import load_embedding

    spec = spec.format(c=tiny_corpus)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "child-cache"))
    with Prebuilder([spec]) as builds:
        builds.wait(spec)
    monkeypatch.setattr(builders, "_train", lambda *a, **k: pytest.fail("the child's build was not in the cache"))
    from_child = load_embedding(spec)
    monkeypatch.undo()
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "inline-cache"))
    inline = load_embedding(spec)
    assert from_child.words == inline.words
    assert np.array_equal(from_child.vectors, inline.vectors)
    assert from_child.info.fingerprint == inline.info.fingerprint


def test_a_failing_child_build_leaves_the_error_to_the_run(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    spec = f"lsa:corpus={tmp_path / 'missing.txt'}"
    with Prebuilder([spec]) as builds:
        builds.wait(spec)  # no exception here: the run's own load reports it
        builds.wait("never-given")
    assert not (tmp_path / "cache" / "built").exists() or not any((tmp_path / "cache" / "built").iterdir())


def test_a_child_build_failing_with_an_error_pickle_cannot_rebuild_does_not_hang_the_run(tmp_path, monkeypatch):
    """A corpus that is not UTF-8 fails with an InputFormatError, whose __init__ takes (path, line, expected,
    got): sent back pickled it could not be rebuilt in the run, the pool's result thread died, and ``wait``
    (so the run) blocked for ever."""
    import threading

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "latin1.txt"
    corpus.write_bytes("caf\xe9 au lait\n".encode("latin-1"))
    spec = f"lsa:corpus={corpus},dim=2"
    with Prebuilder([spec]) as builds:
        waiter = threading.Thread(target=builds.wait, args=(spec,), daemon=True)
        waiter.start()
        waiter.join(timeout=120)
        assert not waiter.is_alive(), "wait() hung on the child's error"


def test_execute_waits_for_the_child_and_skips_the_first_representation(tmp_path, tiny_corpus, monkeypatch,
                                                                         caplog):
    """The run's first representation is built in line, the later trained ones by the child; every record
    equals the one a run without the child computes."""
    from wordeval import runner
    from wordeval.results.store import ResultStore

    corpus = tiny_corpus
    pairs = tmp_path / "pairs.tsv"
    rng = np.random.default_rng(0)
    pairs.write_text("".join(f"w{a}\tw{b}\t{s:.2f}\n" for a, b, s in
                             zip(rng.integers(0, 60, 40), rng.integers(0, 60, 40), rng.random(40) * 10)))
    task = tmp_path / "pairs.toml"
    task.write_text('name = "toy"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")
    reps = [f"a=word2vec:corpus={corpus},dim=6,epochs=1", f"b=lsa:corpus={corpus},dim=6",
            f"c=word2vec:corpus={corpus},dim=7,epochs=1"]
    monkeypatch.setenv("WORDEVAL_PREBUILD", "1")
    monkeypatch.setattr("wordeval.distributed.cluster.available_cores", lambda: 2)
    plan = runner.plan(reps, [(str(task), {})])
    assert runner._specs_to_prebuild(plan.cells) == [r.split("=", 1)[1] for r in reps[1:]]
    results = {}
    caplog.set_level("INFO", logger="wordeval.prebuild")
    for prebuild, cache in ((True, "with"), (False, "without")):
        monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / cache))
        with ResultStore(tmp_path / f"store-{cache}") as store:
            summary = runner.execute(runner.plan(reps, [(str(task), {})]), store, prebuild=prebuild)
            assert len(summary.computed) == 3 and not summary.failed
            results[cache] = {r.label: r.main_value for r in store.records()}
    assert results["with"] == results["without"]
    messages = [r.getMessage() for r in caplog.records if r.name == "wordeval.prebuild"]
    assert len(messages) == 1 and messages[0].startswith("building") and "failed" not in messages[0]
    monkeypatch.setenv("WORDEVAL_PREBUILD", "0")
    assert runner._specs_to_prebuild(plan.cells) == []


def test_the_child_runs_at_the_lowest_priority():
    import multiprocessing

    from wordeval.prebuild import _child_setup

    assert RUN_NICENESS == 19
    with multiprocessing.get_context("spawn").Pool(1, initializer=_child_setup,
                                                   initargs=(os.getpid(), RUN_NICENESS)) as pool:
        assert pool.apply(os.nice, (0,)) == 19


PARENT = """
import multiprocessing, os, sys, time
from wordeval.prebuild import _child_setup
if __name__ == "__main__":
    pool = multiprocessing.get_context("spawn").Pool(1, initializer=_child_setup, initargs=(os.getpid(),))
    child = pool.apply(os.getpid)
    pool.apply_async(time.sleep, (600,))  # a long build
    try:
        print(child, flush=True)  # the test signals once it reads this: a Ctrl-C then lands inside the try
        time.sleep(600)
    except KeyboardInterrupt:  # what Prebuilder.close does on the way out of an interrupted run,
        time.sleep(2)          # after the run's own clean-up (threads stopping: seconds)
        pool.terminate()
        pool.join()
        sys.exit(130)
"""
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl, process groups and /proc")


@pytest.fixture
def parent_and_child(tmp_path):
    """A process that runs a long build in a child set up as Prebuilder's (its own process group), and that
    child's pid; both are killed on the way out if the test left them."""
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
    child = int(parent.stdout.readline())
    yield parent, child
    parent.kill()
    if _alive(child):
        os.kill(child, signal.SIGKILL)


@linux_only
def test_the_child_dies_with_a_killed_run(parent_and_child):
    """A run killed outright (SIGKILL: no clean-up code runs) takes its building child with it; a pool worker
    would otherwise finish its build as an orphan."""
    parent, child = parent_and_child
    assert _alive(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=30)
    assert _gone(child)


@linux_only
def test_ctrl_c_reaches_the_run_not_the_child(parent_and_child):
    """Ctrl-C signals the terminal's whole foreground process group: the run stops its child, and the child,
    which ignores SIGINT, prints no traceback of its own."""
    parent, child = parent_and_child
    os.killpg(parent.pid, signal.SIGINT)
    _, err = parent.communicate(timeout=60)
    assert parent.returncode == 130 and "Traceback" not in err, err
    assert _gone(child)


@linux_only
def test_a_hang_up_reaches_the_run_not_the_child(parent_and_child):
    """A closed terminal sends SIGHUP to the whole group: the child, as for Ctrl-C, leaves the stopping to
    the run (which closes it, exit 129) instead of dying mid-build by the signal."""
    parent, child = parent_and_child
    os.kill(child, signal.SIGHUP)
    time.sleep(1)
    assert _alive(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=30)
    assert _gone(child)


def _gone(pid: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not _alive(pid)


def _alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped by init, counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_nothing_is_built_ahead_into_a_cache_that_cannot_take_it(tmp_path, monkeypatch):
    """A child's model reaches the run only through the builder cache: with a cache that cannot be written the
    child trained each model for nothing, and the run trained it again."""
    from types import SimpleNamespace

    from wordeval import runner

    cells = [SimpleNamespace(embedding_spec=f"{b}:corpus=news") for b in ("lsa", "word2vec", "glove")]
    monkeypatch.setenv("WORDEVAL_PREBUILD", "1")
    monkeypatch.setattr("wordeval.distributed.cluster.available_cores", lambda: 2)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    assert runner._specs_to_prebuild(cells) == ["word2vec:corpus=news", "glove:corpus=news"]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("WORDEVAL_CACHE", str(blocker / "cache"))
    assert runner._specs_to_prebuild(cells) == []


def test_a_removed_working_directory_builds_in_this_process(tmp_path, monkeypatch):
    """multiprocessing's spawn hands the child the parent's working directory (os.getcwd()): a run started in
    a folder removed since was a traceback when the child was started. The builds are left to the run."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with Prebuilder(["lsa:corpus=news"]) as builds:
        assert builds._pool is None
        builds.wait("lsa:corpus=news")  # nothing pending: the run builds it when it gets there


def _usage(cpu_per_second: float, waiting_per_second: float | None, seen: list):
    """A stand-in for prebuild._child_usage: a child given ``cpu_per_second`` of a core and waiting for a CPU
    ``waiting_per_second`` of the time (None: no schedstat), from now on; ``seen`` collects the pids asked."""
    start = time.monotonic()

    def usage(pid):
        seen.append(pid)
        t = time.monotonic() - start
        return cpu_per_second * t, None if waiting_per_second is None else {"1": waiting_per_second * t}
    return usage


@pytest.fixture
def quick_watch(monkeypatch):
    monkeypatch.setattr(prebuild, "CHECK_SECONDS", 0.05)
    monkeypatch.setattr(prebuild, "STARVED_SECONDS", 0.3)


@pytest.mark.parametrize("waiting", [0.98, None], ids=["schedstat", "no-schedstat"])
def test_a_starved_child_s_build_is_left_to_this_process(tmp_path, tiny_corpus, monkeypatch, caplog,
                                                          quick_watch, waiting):
    """At niceness 19 beside other users' busy loops the child got a fifth of a core or less, and a run
    waiting for a 4.8 s build waited 43 s: a child starved while the run waits is stopped and the run builds
    the model itself, at its own priority. The child is held (a build that never ends) so that it cannot
    finish first; the model is the one an in-line build in another cache makes (oracle), trained here."""
    import threading

    from wordeval.embeddings import builders
    from wordeval.embeddings.load import load_embedding

    from tests._held_build import build_unless_held

    monkeypatch.setattr(prebuild, "_build", build_unless_held)
    held, spec = f"lsa:corpus={tmp_path / 'never-written'},dim=2", f"lsa:corpus={tiny_corpus},dim=6"
    seen: list = []
    monkeypatch.setattr(prebuild, "_child_usage", _usage(0.01, waiting, seen))
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    caplog.set_level("INFO", logger="wordeval.prebuild")
    trained = []
    train = builders._train
    monkeypatch.setattr(builders, "_train", lambda *a, **k: trained.append(os.getpid()) or train(*a, **k))
    with Prebuilder([held, spec]) as builds:
        waiter = threading.Thread(target=builds.wait, args=(spec,), daemon=True)
        waiter.start()
        waiter.join(timeout=60)
        assert not waiter.is_alive(), "the run waited on for its starved child"
        assert seen and _gone(seen[0]), "the starved child was not stopped"
        assert list(builds._pending) == [held]  # the build still ahead is a new child's
        model = load_embedding(spec)
    assert trained == [os.getpid()]
    assert any(spec in m and "building it in this process" in m for m in caplog.messages), caplog.messages
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "inline-cache"))
    inline = load_embedding(spec)
    assert model.words == inline.words and np.array_equal(model.vectors, inline.vectors)
    assert model.info.fingerprint == inline.info.fingerprint


@pytest.mark.parametrize("cpu, waiting", [(1.0, 0.0), (0.0, 0.0), (0.3, 0.7)],
                         ids=["building", "asleep", "a-third-of-a-core"])
def test_a_child_that_is_not_starved_is_waited_for(tmp_path, tiny_corpus, monkeypatch, caplog, quick_watch,
                                                    cpu, waiting):
    """An idle machine (the child has a core), a child asleep (disk, a GPU: it wants no CPU), a child with a
    share the run would hardly beat: its build is the one the run loads, nothing is trained twice."""
    from wordeval.embeddings import builders
    from wordeval.embeddings.load import load_embedding

    spec = f"lsa:corpus={tiny_corpus},dim=6"
    seen: list = []
    monkeypatch.setattr(prebuild, "_child_usage", _usage(cpu, waiting, seen))
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    caplog.set_level("INFO", logger="wordeval.prebuild")
    with Prebuilder([spec]) as builds:
        builds.wait(spec)
        assert seen  # it was watched
        monkeypatch.setattr(builders, "_train", lambda *a, **k: pytest.fail("trained again in this process"))
        load_embedding(spec)
    assert [m for m in caplog.messages if "in this process" in m] == []


def test_what_counts_as_starved():
    """Hand-computed cases of one check CHECK_SECONDS apart (here 0.5 s)."""
    from wordeval.prebuild import _starved

    assert _starved((1.0, {"7": 2.0}), (1.02, {"7": 2.49}), 0.5)  # 4 % of a core, runnable 98 % of the time
    assert _starved((1.0, {"7": 2.0}), (1.12, {"7": 2.38}), 0.5)  # 24 % of a core
    assert not _starved((1.0, {"7": 2.0}), (1.13, {"7": 2.37}), 0.5)  # 26 % of a core
    assert not _starved((1.0, {"7": 2.0}), (1.0, {"7": 2.0}), 0.5)  # asleep
    assert not _starved((1.0, {"7": 2.0}), (1.0, {"7": 2.2, "8": 9.0}), 0.5)  # a new thread: no "before"
    assert _starved((1.0, {"7": 2.0, "8": 0.0}), (1.0, {"7": 2.2, "8": 0.1}), 0.5)  # 2 threads, 60 % waiting
    assert _starved((1.0, None), (1.02, None), 0.5)  # no schedstat: the share alone


@linux_only
def test_the_child_s_cpu_time_is_read_from_proc():
    """Oracle: the kernel's own count for this process (os.times), and nothing for a process that is gone."""
    from wordeval.prebuild import _child_usage

    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    times = os.times()
    cpu, waits = _child_usage(os.getpid())
    assert cpu == pytest.approx(times.user + times.system, abs=0.05)
    assert waits is None or (str(os.getpid()) in waits and all(w >= 0 for w in waits.values()))
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    assert _child_usage(int(done.stdout)) is None


@linux_only
def test_a_child_killed_while_the_run_waits_leaves_the_build_to_the_run(tmp_path, monkeypatch, caplog):
    """A child killed mid-build (the OOM killer, SIGKILL) took its job with it: multiprocessing's pool never
    returns that job, and ``wait`` blocked for ever. The build is left to the run, and the builds still
    ahead go to a new child."""
    import threading

    from tests._held_build import build_unless_held

    monkeypatch.setattr(prebuild, "_build", build_unless_held)
    held, ahead = f"lsa:corpus={tmp_path / 'never-written'},dim=2", f"lsa:corpus={tmp_path / 'never-written'},dim=3"
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    caplog.set_level("INFO", logger="wordeval.prebuild")
    with Prebuilder([held, ahead]) as builds:
        child = builds._worker.pid
        os.kill(child, signal.SIGKILL)
        waiter = threading.Thread(target=builds.wait, args=(held,), daemon=True)
        waiter.start()
        waiter.join(timeout=60)
        assert not waiter.is_alive(), "wait() hung on the killed child's build"
        assert list(builds._pending) == [ahead] and builds._worker.pid != child
    assert f"the child process building {held} was killed by signal 9: building it in this process" \
        in caplog.messages, caplog.messages
