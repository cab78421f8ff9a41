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
    ("bench_encoder.py", "encoder"),
    ("bench_suite.py", "suite"),
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
