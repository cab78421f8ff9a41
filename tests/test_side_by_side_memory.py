"""Fits the runner trains side by side must fit in memory together: each alone passed planning's check, and
4 window-MLP seeds at once were killed together. Fewer run at once, with one note; nothing is refused."""
from __future__ import annotations

import pytest

from wordeval.cli import main

pytest.importorskip("torch")
from tests.test_memory_limit import _files  # noqa: E402 (after the torch check)


def test_seeds_side_by_side_that_would_exceed_the_limit_train_fewer_at_once(tmp_path, caplog, monkeypatch):
    """hidden = 20000 on 4-dimensional vectors, window 2: 5 copies of 20,000 x (5 x 12 + 3) weights (24 MiB)
    and a batch of 96 tokens x 8 x (60 + 20,000) activations (59 MiB) beside torch's 256 MiB allowance, shared:
    one fit fits in 400 MiB, three do not (256 + 3 x 83 = 505 MiB), two neither."""
    monkeypatch.setenv("WORDEVAL_SEED_THREADS", "3")
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "400M")
    vectors, spec = _files(tmp_path)
    assert main(["--quiet", "extrinsic", f"v={vectors}", "--tasks", str(spec), "--learner", "mlp", "--seeds", "3",
                 "--epochs", "1", "--device", "cpu", "--set", "hidden=20000", "--set", "window=2",
                 "--out", str(tmp_path / "R")]) == 0
    notes = [r.getMessage() for r in caplog.records if "side by side" in r.getMessage()]
    assert len(notes) == 1 and notes[0].startswith("wordeval: note: 3 fits side by side would need an estimated ")
    assert notes[0].endswith("more than WORDEVAL_MEMORY_LIMIT=400M (0.4 GiB): training 1 at a time")
    caplog.clear()
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "4GiB")  # three fit: no note
    assert main(["--quiet", "extrinsic", f"v={vectors}", "--tasks", str(spec), "--learner", "mlp", "--seeds", "3",
                 "--epochs", "1", "--device", "cpu", "--set", "hidden=20000", "--set", "window=2",
                 "--out", str(tmp_path / "R2")]) == 0
    assert not [r for r in caplog.records if "side by side" in r.getMessage()]
