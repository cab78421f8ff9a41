"""Every benchmark script runs in its --smoke mode (seconds) and writes its report, so the scripts cannot rot.

Add a script by adding its name to SCRIPTS; the report NAME is the one it writes (NAME.md and NAME.json).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (script under benchmarks/, report name it writes)
SCRIPTS = [
    ("bench_loading.py", "loading"),
    ("bench_distributed.py", "distributed"),
    ("bench_crf.py", "crf"),
    ("bench_analogy.py", "analogy"),
    ("bench_classification.py", "classification"),
    ("bench_large.py", "large"),
    ("bench_ner.py", "ner"),
    ("repro_ner_features.py", "ner-features"),
    ("repro_cluster_tradeoff.py", "cluster-tradeoff"),
    ("repro_window_size.py", "window-size"),
    ("repro_tau_interval_coverage.py", "tau-interval-coverage"),
    ("bench_encoder.py", "encoder"),
    ("bench_suite.py", "suite"),
    ("bench_compare.py", "compare"),
]


def _cache_sharing_artifacts(tmp_path: Path) -> Path:
    """An empty cache that shares the fetched package artifacts (MiniLM, BBC, GloVe): tests never reach the
    index, and a script's own caches (vectors, encodings, built models) start empty."""
    from wordeval.paths import cache_home

    cache = tmp_path / "cache"
    cache.mkdir()
    artifacts = cache_home(create=False) / "artifacts"
    if artifacts.is_dir():
        (cache / "artifacts").symlink_to(artifacts)
    return cache


@pytest.mark.parametrize("script,name", SCRIPTS, ids=[s for s, _ in SCRIPTS])
def test_smoke_run_writes_its_report(tmp_path, script, name):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--smoke", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "WORDEVAL_CACHE": str(_cache_sharing_artifacts(tmp_path))})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / f"{name}.md").is_file() and (tmp_path / f"{name}.json").is_file()
    assert "do not edit by hand" in (tmp_path / f"{name}.md").read_text()


def test_alternating_timer_pauses_untimed_before_each_run(monkeypatch):
    # the pause lets the other contender's spinning BLAS threads sleep: it must come before every run and
    # never be counted in a run's time
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import time

    from harness import time_alternating

    calls: list[tuple[str, float]] = []
    start = time.perf_counter()
    out = time_alternating({"a": lambda: calls.append(("a", time.perf_counter())),
                            "b": lambda: calls.append(("b", time.perf_counter()))}, repeats=2, settle=0.05)
    assert [c[0] for c in calls] == ["a", "b", "a", "b"]
    gaps = [t1 - t0 for (_, t0), (_, t1) in zip([("start", start)] + calls, calls)]
    assert min(gaps) >= 0.05
    assert max(max(e["seconds"]) for e in out.values()) < 0.05


def test_dirty_revision_names_the_changed_files(tmp_path, monkeypatch):
    """A report run on a tree with uncommitted changes says which tracked files differed (oracle: git itself,
    on a scratch repository with one committed file, then that file edited)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import harness

    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    (tmp_path / "a.py").write_text("x = 1\n")
    subprocess.run(git + ["add", "a.py"], check=True)
    subprocess.run(git + ["commit", "-qm", "a"], check=True)
    monkeypatch.setattr(harness, "ROOT", tmp_path)
    assert harness.changed_files() == [] and not harness.git_revision().endswith("+dirty")
    (tmp_path / "a.py").write_text("x = 2\n")
    (tmp_path / "untracked.txt").write_text("not part of the revision\n")
    assert harness.changed_files() == ["a.py"] and harness.git_revision().endswith("+dirty")
    report = harness.BenchmarkReport("t", "t", argv=["bench_t.py"])
    report.write(tmp_path / "out")
    assert "(changed: a.py)" in (tmp_path / "out" / "t.md").read_text()


def test_machine_line_tells_cpus_of_one_model_name_apart():
    """"AMD EPYC" names Zen 3 and Zen 5 alike: the line adds family, model, vector instructions and caches
    (oracle: a hand-written identity, and this machine's /proc/cpuinfo read by hand)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import harness

    m = {"cpu": "AMD EPYC", "cpu_identity": {"cpu family": "26", "model": "2", "vector": "AVX-512",
                                             "caches": {"L2": "2048K", "L3": "32768K"}}}
    assert harness.describe_cpu(m) == "AMD EPYC (family 26 model 2; AVX-512; L2 2048K L3 32768K)"
    assert harness.describe_cpu({"cpu": "arm64", "cpu_identity": {}}) == "arm64"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        flags = next((ln.split(":", 1)[1].split() for ln in cpuinfo.read_text().splitlines()
                      if ln.startswith("flags")), [])
        if flags:
            expected = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else None
            if expected:
                assert harness.cpu_identity()["vector"] == expected


@pytest.mark.parametrize("flag", ["--quick", "--smoke"])
def test_a_stand_in_run_without_out_never_writes_into_reports(monkeypatch, tmp_path, flag):
    """README's `python benchmarks/repro_ner_features.py --quick` wrote its few-minute report over the committed
    reports/repro/ner-features.md (--out defaulted to reports/ in every mode); an --out given still wins."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path))
    import repro_common

    parser = repro_common.arguments("t", "t")
    reports = ROOT / "reports"
    assert Path(parser.parse_args([]).out) == reports / "repro"
    out = Path(parser.parse_args([flag]).out)
    assert out == tmp_path / "benchmarks" / flag.lstrip("-")
    assert parser.parse_args([flag, "--out", "mine"]).out == "mine"
    assert parser.parse_args(["--out", "mine", flag]).out == "mine"


def test_every_benchmark_script_is_smoke_tested():
    # bench_compare.py had a --smoke mode that no test ran: a script left out of SCRIPTS can rot unseen
    scripts = {p.name for p in (ROOT / "benchmarks").glob("*.py") if p.name.startswith(("bench_", "repro_"))}
    assert scripts - {"repro_common.py"} == {s for s, _ in SCRIPTS}


def test_analogy_report_words_its_question_subsets_as_ordinals(monkeypatch):
    # reports/benchmarks/analogy.md read "every 1th with spaCy": 1 is every question, the rest English ordinals
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from bench_analogy import every_kth

    assert every_kth(1) == "every question"
    assert every_kth(1, "covered question") == "every covered question"
    assert every_kth(20, "covered question") == "every 20th covered question"
    assert [every_kth(k) for k in (2, 3, 4, 11, 12, 13, 21, 22, 23, 100, 101, 111, 112, 122)] == [
        "every 2nd", "every 3rd", "every 4th", "every 11th", "every 12th", "every 13th", "every 21st", "every 22nd",
        "every 23rd", "every 100th", "every 101st", "every 111th", "every 112th", "every 122nd"]
