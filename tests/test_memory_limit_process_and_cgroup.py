"""The memory a planned fit may need is bounded by the process's own limits (``ulimit -v``/``-d``) and its
cgroup's (a container's ``--memory``, a batch job's booking), not only by the machine's RAM: under
``ulimit -v 4194304`` a window MLP estimated at 14 GiB was accepted on a 24 GiB machine, created the store and
died in torch, where README promises a refusal when the run is planned, with the estimate, nothing written."""
from __future__ import annotations

import subprocess
import sys

import pytest

from wordeval import memory_limit as ml
from wordeval.cli import main
from tests.test_memory_limit import _files

GIB = 2 ** 30


def _no_cgroup(monkeypatch):
    monkeypatch.setattr(ml, "cgroup_limit", lambda *a, **k: (None, ""))


def test_a_real_ulimit_v_is_the_limit():
    resource = pytest.importorskip("resource")
    code = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (3 * 2 ** 30, resource.RLIM_INFINITY)); "
            "from wordeval.memory_limit import process_limit; print(process_limit())")
    assert resource.RLIMIT_AS is not None
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == repr((3 * GIB, "the process's ulimit -v"))


def test_the_least_of_machine_process_and_cgroup(monkeypatch):
    monkeypatch.delenv(ml.ENV, raising=False)
    monkeypatch.setattr(ml, "physical_memory", lambda: 24 * GIB)
    monkeypatch.setattr(ml, "process_limit", lambda: (4 * GIB, "the process's ulimit -v"))
    monkeypatch.setattr(ml, "cgroup_limit", lambda *a, **k: (6 * GIB, "the cgroup's memory limit X"))
    assert ml.memory_limit() == (4 * GIB, "the process's ulimit -v")
    monkeypatch.setattr(ml, "cgroup_limit", lambda *a, **k: (2 * GIB, "the cgroup's memory limit X"))
    assert ml.memory_limit() == (2 * GIB, "the cgroup's memory limit X")
    monkeypatch.setattr(ml, "physical_memory", lambda: GIB)
    assert ml.memory_limit() == (GIB, "the machine's memory")
    monkeypatch.setenv(ml.ENV, "8GiB")  # said by the user: it wins
    assert ml.memory_limit() == (8 * GIB, f"{ml.ENV}=8GiB")


def _cgroup_files(tmp_path, lines: str, files: dict):
    """(cgroup mount, /proc/self/cgroup) written under tmp_path: ``files`` relative to the mount."""
    own = tmp_path / "cgroup"
    own.write_text(lines, encoding="utf-8")
    root = tmp_path / "fs"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root, own


@pytest.mark.parametrize("lines, files, expected", [
    ("0::/\n", {"memory.max": "2147483648\n"}, 2 * GIB),
    ("0::/\n", {"memory.max": "max\n"}, None),
    ("0::/job/42\n", {"job/42/memory.max": "1073741824\n", "memory.max": "max\n"}, GIB),
    ("0::/gone\n", {"memory.max": "3221225472\n"}, 3 * GIB),  # a container: its cgroup at the root
    ("4:memory:/process_api/x\n0::/\n", {"memory/memory.limit_in_bytes": "9223372036854771712\n"}, None),
    ("4:memory:/x\n", {"memory/x/memory.limit_in_bytes": "536870912\n"}, GIB // 2),
    ("3:cpu,memory:/x\n", {"memory/memory.limit_in_bytes": "536870912\n"}, GIB // 2),
    ("0::/\n", {}, None),
])
def test_cgroup_limit_v1_and_v2(tmp_path, lines, files, expected):
    root, own = _cgroup_files(tmp_path, lines, files)
    limit, source = ml.cgroup_limit(str(root), str(own))
    assert limit == expected
    assert (source.startswith("the cgroup's memory limit " + str(root))) == (expected is not None)


def test_no_proc_file_is_no_cgroup_limit(tmp_path):
    assert ml.cgroup_limit(str(tmp_path), str(tmp_path / "missing")) == (None, "")


def test_a_fit_beyond_ulimit_v_is_refused_at_planning(tmp_path, capsys, monkeypatch):
    """The window MLP of tests/test_memory_limit.py (weights alone 13.4 GiB) under a 4 GiB ulimit -v on a
    machine with 64 GiB: refused before the store exists, naming the limit."""
    resource = pytest.importorskip("resource")
    monkeypatch.delenv(ml.ENV, raising=False)
    monkeypatch.setattr(ml, "physical_memory", lambda: 64 * GIB)
    _no_cgroup(monkeypatch)
    real = resource.getrlimit
    monkeypatch.setattr(resource, "getrlimit", lambda which: (4 * GIB, resource.RLIM_INFINITY)
                        if which == resource.RLIMIT_AS else real(which))
    vectors, spec = _files(tmp_path)
    out = tmp_path / "R"
    assert main(["--quiet", "run", f"v={vectors}", "--tasks", str(spec), "--set", "learner=mlp",
                 "--set", "window=100000", "--set", "n_seeds=1", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.rstrip().endswith("more than the process's ulimit -v (4.0 GiB): choose smaller values")
    assert not out.exists()


@pytest.mark.parametrize("lines, files, expected, where", [
    # a job step's own cgroup unlimited ('max') under a job booked at 1 GiB: the kernel enforces the job's
    ("0::/job/step\n", {"job/step/memory.max": "max\n", "job/memory.max": "1073741824\n"}, GIB, "job/memory.max"),
    # its own 4 GiB under a parent's 1 GiB: the parent's is the one that is hit first
    ("0::/job/step\n", {"job/step/memory.max": "4294967296\n", "job/memory.max": "1073741824\n"}, GIB,
     "job/memory.max"),
    ("0::/job/step\n", {"job/step/memory.max": "536870912\n", "job/memory.max": "1073741824\n"}, GIB // 2,
     "job/step/memory.max"),
    ("4:memory:/a/b\n", {"memory/a/b/memory.limit_in_bytes": "9223372036854771712\n",
                         "memory/a/memory.limit_in_bytes": "2147483648\n"}, 2 * GIB, "memory/a/memory.limit_in_bytes"),
])
def test_cgroup_limit_is_the_least_over_its_ancestors(tmp_path, lines, files, expected, where):
    root, own = _cgroup_files(tmp_path, lines, files)
    assert ml.cgroup_limit(str(root), str(own)) == (expected, f"the cgroup's memory limit {root / where}")
