"""The three reproductions of issue #11 (benchmarks/repro_*.py) in their --quick form: each must run end to end on
the real data, write its report and JSON, and state its findings. The numbers of a quick run are not results
(small corpus, subsampled data); the committed reports under reports/repro/ come from the full runs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (script, report name, a sentence the findings must contain)
REPROS = [
    ("repro_ner_features.py", "ner-features", "GloVe beats LSA as NER features:"),
    ("repro_cluster_tradeoff.py", "cluster-tradeoff", "the dev-best K ="),
    ("repro_window_size.py", "window-size", "Chiu et al.'s pattern (larger windows help similarity and hurt"),
]


@pytest.mark.slow
def test_quick_reproductions_state_their_findings(tmp_path, shared_data):
    store = tmp_path / "store"  # one store: the cells the scripts share are computed once
    for script, name, sentence in REPROS:
        proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--quick", "--out", str(tmp_path),
                               "--store", str(store), "--data-home", str(shared_data)],
                              capture_output=True, text=True, timeout=1800, cwd=tmp_path, env=dict(os.environ))
        assert proc.returncode == 0, proc.stderr[-3000:]
        md = (tmp_path / f"{name}.md").read_text(encoding="utf-8")
        raw = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert "(QUICK: small corpus and data, not the result)" in md
        assert "## What reproduced and what did not" in md and sentence in md
        assert raw["findings"] and any(sentence in f for f in raw["findings"])
        assert raw["missing"] == [], raw["missing"]  # every planned cell ran
        assert "## Time on 2 cores" in md and (tmp_path / f"{name}.png").is_file()
        corpus = raw["protocol"]["corpus"]
        assert corpus["corpus"] == "news" and corpus["corpus_fingerprint"].startswith("sha256:")
        assert corpus["corpus_tokens"] > 100_000 and corpus["max_documents"] == 1200
