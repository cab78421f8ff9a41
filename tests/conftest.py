"""Shared fixtures. Tests never reach a hub: HF_HUB_OFFLINE is set before anything imports transformers."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# No child processes building representations ahead (wordeval.prebuild) unless a test asks for them: a child
# does not see a test's monkeypatches. tests/test_prebuild.py turns it on.
os.environ["WORDEVAL_PREBUILD"] = "0"
# A relative WORDEVAL_DATA (CI may give "../shared/data") means the folder as seen from where the tests were
# started; many tests run the CLI in a temporary folder, where it would name another folder (or none)
if os.environ.get("WORDEVAL_DATA"):
    os.environ["WORDEVAL_DATA"] = os.pathsep.join(
        str(Path(v).expanduser().resolve()) if v.strip() else v for v in os.environ["WORDEVAL_DATA"].split(os.pathsep))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The standard benchmarks (../shared/data in CI). Skips with the reason when WORDEVAL_DATA is unset."""
    value = os.environ.get("WORDEVAL_DATA")
    if not value:
        pytest.skip("WORDEVAL_DATA is not set: standard benchmarks (CoNLL, UD, BATS, SST, ...) are not available")
    path = Path(value)
    if not (path / "MANIFEST.tsv").exists():
        pytest.skip(f"WORDEVAL_DATA={value} has no MANIFEST.tsv")
    return path


@pytest.fixture(scope="session")
def glove50():
    """The packaged GloVe 6B 50d (400k words), loaded once per test session."""
    from wordeval.embeddings.packaged import load_glove_6b_50d
    return load_glove_6b_50d()


@pytest.fixture
def tiny_corpus(tmp_path) -> Path:
    """A 30-document corpus of 60 word types (w0..w59) for the corpus-trained builders."""
    import numpy as np

    rng = np.random.default_rng(2)
    lines = []
    for _ in range(30):
        lines += [" ".join(f"w{t}" for t in rng.integers(0, 60, size=15)) for _ in range(8)] + [""]
    f = tmp_path / "corpus.txt"
    f.write_text("\n".join(lines), encoding="utf-8")
    return f
