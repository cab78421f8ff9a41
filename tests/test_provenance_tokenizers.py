"""A record's run named transformers but not tokenizers, the separate Rust package that normalises and splits
every text and word a transformers encoder reads (transformers accepts a range of its versions): a record did
not say which code made its pieces."""
from __future__ import annotations

from importlib import metadata

import pytest

from wordeval.provenance import run_provenance


def test_the_run_names_the_tokenizers_version():
    try:
        version = metadata.version("tokenizers")
    except metadata.PackageNotFoundError:
        pytest.skip("tokenizers is not installed")
    assert run_provenance(seed=0)["packages"]["tokenizers"] == version
