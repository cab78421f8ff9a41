"""A tight address-space limit (``ulimit -v``, ``ulimit -d``) is the machine's limit: the run either works,
with the numbers of an unlimited run, or is one line naming the limit and what to raise it to, exit 2, nothing
written. Under `ulimit -v 400000` scipy's OpenBLAS looped for ever in its buffer allocation in the middle of
the first cell (after the store had been created); under 800000 LLVM aborted on std::bad_alloc (exit 134) or
glibc on thread-local data (exit 127). Every child runs under a timeout: a hang fails, it never blocks."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

resource = pytest.importorskip("resource")
if not sys.platform.startswith("linux"):
    pytest.skip("the floors are measured on Linux's glibc", allow_module_level=True)

KIB = 1024
WORDS = [f"w{i}" for i in range(300)]


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((len(WORDS), 20)).astype(np.float32)
    (tmp_path / "vec.txt").write_text("".join(f"{w} " + " ".join(f"{x:.5f}" for x in v) + "\n"
                                              for w, v in zip(WORDS, vectors)), encoding="utf-8")
    pairs = [(f"w{i}", f"w{i + 50}", round(float(rng.uniform(0, 10)), 2)) for i in range(40)]
    (tmp_path / "sim.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    (tmp_path / "sim.toml").write_text('name = "mysim"\nfamily = "similarity"\n[files]\ntest = "sim.tsv"\n',
                                       encoding="utf-8")
    questions = "".join(f"w{i} w{i + 1} w{i + 2} w{i + 3}\n" for i in range(40))
    (tmp_path / "an.txt").write_text(": fam\n" + questions, encoding="utf-8")
    (tmp_path / "an.toml").write_text('name = "myan"\nfamily = "analogy"\n[files]\ntest = "an.txt"\n',
                                      encoding="utf-8")
    return tmp_path, vectors, pairs


# the CLI on a machine of N usable cores as wordeval counts them (the thread pools it sizes by the cores), so
# that a test does not depend on the cores of the machine it runs on
_WITH_CORES = ("import sys; import wordeval.address_space as a, wordeval.distributed.cluster as c; "
               "a.available_cores = c.available_cores = lambda: {}; sys.argv[0] = 'wordeval'; "
               "from wordeval.cli import command_line; command_line()")


def _wordeval(tmp_path, args, limit=None, threads=None, cores=None):
    """The CLI in a child process under ``limit`` ((RLIMIT name, KiB) or None), OpenBLAS's threads left to
    wordeval unless ``threads`` says, on ``cores`` cores as wordeval counts them where given."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    env.update(PYTHONPATH=os.pathsep.join(sys.path), WORDEVAL_CACHE=str(tmp_path / "cache"),
               HOME=str(tmp_path), WORDEVAL_OFFLINE="1")
    if threads is not None:
        env["OPENBLAS_NUM_THREADS"] = str(threads)

    def limited():
        # two cores at most: the threads wordeval and the libraries start (each with a stack of address space)
        # follow the cores, and the limits below are sized for two (a 64-core machine would need more)
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:2])
        if limit is not None:
            name, kib = limit
            resource.setrlimit(getattr(resource, name), (kib * KIB, kib * KIB))

    command = ["-m", "wordeval"] if cores is None else ["-c", _WITH_CORES.format(int(cores))]
    return subprocess.run([sys.executable, *command, *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, preexec_fn=limited)


@pytest.mark.parametrize("name, flag, kib", [("RLIMIT_AS", "-v", 400_000), ("RLIMIT_DATA", "-d", 200_000)])
def test_a_limit_too_small_for_the_libraries_is_one_line_naming_it(files, name, flag, kib):
    tmp_path, _, _ = files
    r = _wordeval(tmp_path, ["intrinsic", "v=vec.txt", "--tasks", "sim.toml", "an.toml", "--out", "R"],
                  limit=(name, kib))
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"wordeval: error: the process's ulimit {flag} ({kib:,} KiB) is too small")
    assert f"raise it (ulimit {flag} " in r.stderr
    assert not (tmp_path / "R").exists()


@pytest.mark.parametrize("threads, cores", [(None, None), (2, None), (None, 64)])
def test_a_tight_limit_runs_with_the_numbers_of_an_unlimited_run(files, threads, cores):
    """800,000 KiB holds the libraries once glibc's arenas (64 MiB of address space per thread) are capped and
    OpenBLAS keeps to the threads the limit holds; the score is the oracle's (cosines, scipy's Spearman). On
    64 cores the analogy kernels' pool, a thread per core, did not fit: it keeps to those threads too."""
    from scipy.stats import spearmanr

    tmp_path, vectors, pairs = files
    r = _wordeval(tmp_path, ["-q", "intrinsic", "v=vec.txt", "--tasks", "sim.toml", "an.toml", "--out", "R",
                             "--json"], limit=("RLIMIT_AS", 800_000), threads=threads, cores=cores)
    assert r.returncode == 0, r.stderr[-2000:]
    records = {rec["task"]: rec for rec in json.loads(r.stdout)}
    row = {w: i for i, w in enumerate(WORDS)}
    unit = vectors.astype(np.float64) / np.linalg.norm(vectors.astype(np.float64), axis=1, keepdims=True)
    cosines = [float(unit[row[a]] @ unit[row[b]]) for a, b, _ in pairs]
    expected = spearmanr(cosines, [s for _, _, s in pairs]).statistic
    assert records["similarity/mysim"]["scores"]["spearman"] == pytest.approx(expected, abs=1e-12)
    assert records["analogy/myan"]["scores"]["coverage"] == 1.0


def test_a_command_that_only_reads_keeps_running_under_a_small_limit(files):
    tmp_path, _, _ = files
    r = _wordeval(tmp_path, ["info", "vec.txt", "--json"], limit=("RLIMIT_AS", 600_000))
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout)["vocab_size"] == len(WORDS)


def test_a_thread_that_cannot_start_is_one_line_naming_the_limit(monkeypatch, capsys, tmp_path):
    import wordeval.cli
    import wordeval.cli.status
    import wordeval.memory_limit

    def no_thread(args, **kwargs):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(wordeval.cli.status, "run", no_thread)
    monkeypatch.setattr(wordeval.memory_limit, "process_limit",
                        lambda: (800_000 * KIB, "the process's ulimit -v"))
    assert wordeval.cli.main(["status", str(tmp_path)]) == 2
    assert capsys.readouterr().err == ("wordeval: error: cannot start a thread under the process's ulimit -v "
                                       "(800,000 KiB): raise it and run again\n")


def test_out_of_memory_under_a_limit_names_the_limit(monkeypatch, capsys, tmp_path):
    import wordeval.cli
    import wordeval.cli.status
    import wordeval.memory_limit

    def no_memory(args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(wordeval.cli.status, "run", no_memory)
    monkeypatch.setattr(wordeval.memory_limit, "process_limit",
                        lambda: (800_000 * KIB, "the process's ulimit -v"))
    assert wordeval.cli.main(["status", str(tmp_path)]) == 2
    assert capsys.readouterr().err == ("wordeval: error: out of memory under the process's ulimit -v "
                                       "(800,000 KiB): raise it, or use a smaller --restrict-vocab or fewer "
                                       "representations at once\n")


def test_numbas_library_unmapped_under_a_limit_is_out_of_memory(monkeypatch, capsys, tmp_path):
    """llvmlite's OSError (no errno) when the first analogy cell imports numba with too little address space
    left: it was a traceback asking to report a bug."""
    import wordeval.cli
    import wordeval.cli.status
    import wordeval.memory_limit

    def unmapped(args, **kwargs):
        raise OSError("Could not find/load shared object file 'libllvmlite.so' from resource location: "
                      "'llvmlite.binding'.")

    monkeypatch.setattr(wordeval.cli.status, "run", unmapped)
    monkeypatch.setattr(wordeval.memory_limit, "process_limit",
                        lambda: (800_000 * KIB, "the process's ulimit -v"))
    assert wordeval.cli.main(["status", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("wordeval: error: out of memory under the process's ulimit -v "
                                              "(800,000 KiB): raise it")


def _as_other_user(tmp_path, args, nproc, cores=None):
    """The CLI under ``ulimit -u`` (RLIMIT_NPROC) ``nproc`` more than the user's tasks now. Root is exempt
    from that limit, so as root the child runs as a user id of its own, keeping the right to read and write
    any file, in a folder of its own (wordeval asks access(), which goes by the user, and pytest's folders are
    root's)."""
    from wordeval.address_space import _tasks_of

    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    env.update(PYTHONPATH=os.pathsep.join(sys.path), WORDEVAL_CACHE=str(tmp_path / "cache"),
               HOME=str(tmp_path), WORDEVAL_OFFLINE="1")
    if os.getuid() != 0:
        return _limited_run([], tmp_path, env, args, _tasks_of(os.getuid()) + nproc, cores)
    if not shutil.which("setpriv"):
        pytest.skip("root is exempt from ulimit -u, and setpriv is not here to run as another user")
    # a user id of this test's own, no process's: as nobody, another run of these tests at the same time (two CI
    # jobs side by side) started its tasks between the count and the child's start, and the limit left too few
    uid = next(u for u in range(3_000_000_000 + os.getpid() * 16, 3_000_000_000 + os.getpid() * 16 + 16)
               if _tasks_of(u) == 0)
    caps = "+dac_override,+dac_read_search"
    prefix = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", f"--inh-caps={caps}",
              f"--ambient-caps={caps}"]
    work = Path(tempfile.mkdtemp(prefix="wordeval-nproc-"))
    try:
        work.chmod(0o777)
        for name in ("vec.txt", "sim.tsv", "sim.toml", "an.txt", "an.toml"):
            shutil.copy(tmp_path / name, work / name)
        env.update(WORDEVAL_CACHE=str(work / "cache"), HOME=str(work))
        return _limited_run(prefix, work, env, args, _tasks_of(uid) + nproc, cores)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _limited_run(prefix, cwd, env, args, limit, cores=None):
    def limited():
        resource.setrlimit(resource.RLIMIT_NPROC, (limit, limit))

    command = ["-m", "wordeval"] if cores is None else ["-c", _WITH_CORES.format(int(cores))]
    return subprocess.run([*prefix, sys.executable, *command, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, preexec_fn=limited)


@pytest.mark.parametrize("cores", [None, 16])
def test_a_process_limit_that_leaves_few_threads_runs_on_one_blas_thread(files, cores):
    """ulimit -u 6: the second OpenBLAS pool (scipy's) and wordeval's threads did not fit: 'can't start new
    thread' as a traceback asking to report a bug. One BLAS thread fits, with the oracle's score. On 16 cores
    the analogy kernels' pool (a thread per core) did not fit either: the run passed on two cores only."""
    from scipy.stats import spearmanr

    tmp_path, vectors, pairs = files
    r = _as_other_user(tmp_path, ["-q", "intrinsic", "v=vec.txt", "--tasks", "sim.toml", "an.toml", "--out",
                                  "R", "--json"], nproc=6, cores=cores)
    if r.returncode != 0 and "Operation not permitted" in r.stderr:
        pytest.skip(f"setpriv cannot change user here: {r.stderr.strip()}")
    assert r.returncode == 0, r.stderr[-2000:]
    records = {rec["task"]: rec for rec in json.loads(r.stdout)}
    row = {w: i for i, w in enumerate(WORDS)}
    cosines = [float(vectors[row[a]].astype(np.float64) @ vectors[row[b]]
                     / np.linalg.norm(vectors[row[a]].astype(np.float64)) / np.linalg.norm(vectors[row[b]]))
               for a, b, _ in pairs]
    expected = spearmanr(cosines, [s for _, _, s in pairs]).statistic
    assert records["similarity/mysim"]["scores"]["spearman"] == pytest.approx(expected, abs=1e-12)


def test_a_process_limit_too_small_for_any_thread_is_one_line(files):
    """ulimit -u 3: scipy's OpenBLAS printed its advice and raised SIGINT: 'interrupted', exit 130."""
    tmp_path, _, _ = files
    r = _as_other_user(tmp_path, ["-q", "intrinsic", "v=vec.txt", "--tasks", "sim.toml", "an.toml", "--out",
                                  "R"], nproc=3)
    if r.returncode != 0 and "Operation not permitted" in r.stderr:
        pytest.skip(f"setpriv cannot change user here: {r.stderr.strip()}")
    assert r.returncode == 2, r.stderr
    assert r.stderr == ("wordeval: error: cannot start a thread under the user's process limit (ulimit -u, "
                        "which counts threads): raise it and run again\n")


def test_a_process_limit_with_room_for_every_task_of_the_machine_scans_no_process(monkeypatch):
    """A finite ulimit -u is most Linux accounts' default, and /proc (a stat per process of the machine) was
    scanned before every command of such a user, though /proc/loadavg's count of all tasks showed the limit
    to hold them: it is now scanned only where that count does not fit. A tight limit still caps the pools."""
    import wordeval.address_space as a

    counted = a._all_tasks() if hasattr(a, "_all_tasks") else None
    scanned = []
    monkeypatch.setattr(a, "_all_tasks", lambda: 500, raising=False)
    monkeypatch.setattr(a, "_tasks_of", lambda uid: scanned.append(uid) or 15)
    monkeypatch.setattr(a, "available_cores", lambda: 2)  # the pools need 2 * (2 - 1) + 2 + 8 = 12 tasks
    monkeypatch.setattr(a.os, "getuid", lambda: 1000)
    for soft, expected, scans in ((512, {}, []), (511, {}, [1000]),
                                  (26, {"OPENBLAS_NUM_THREADS": "1", "NUMBA_NUM_THREADS": "1"}, [1000])):
        monkeypatch.setattr(resource, "getrlimit", lambda which, soft=soft: (soft, soft))
        scanned.clear()
        environ = {}
        a._fit_process_count(environ)
        assert (environ, scanned) == (expected, scans), soft
    assert counted >= len(os.listdir("/proc/self/task")) >= 1  # every user's tasks, this one's among them
