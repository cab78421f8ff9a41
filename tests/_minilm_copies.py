"""Copies of the packaged MiniLM folder whose config.json differs in a few keys: the model-config tests
build each case from the real weights, so transformers' own loading is the oracle."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Mapping

import pytest


def packaged_minilm() -> Path:
    """The packaged MiniLM folder; the test is skipped where it is not installed."""
    from wordeval.embeddings.bert_support import minilm_model_dir
    try:
        return minilm_model_dir()
    except Exception as exc:  # noqa: BLE001 - the packaged model is not installed
        pytest.skip(f"MiniLM not available: {exc}")


def minilm_copies(root: Path, changes: Mapping[str, Mapping[str, Any]]) -> dict[str, Path]:
    """{"packaged": the packaged folder, NAME: a copy under ``root`` whose config.json has ``changes[NAME]``
    merged in (indent 2, as the packaged file is written)}."""
    packaged = packaged_minilm()
    out = {"packaged": packaged}
    for name, changed in changes.items():
        out[name] = root / name
        shutil.copytree(packaged, out[name])
        config = json.loads((out[name] / "config.json").read_text(encoding="utf-8"))
        (out[name] / "config.json").write_text(json.dumps({**config, **changed}, indent=2), encoding="utf-8")
    return out
