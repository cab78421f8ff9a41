"""Cells computed together in an ``--intersection`` group say "stored TASK on LABEL (seed N): SCORE = VALUE" on
stderr as each record is stored, and "cached ..." when a rerun finds them, as cells computed one at a time do:
they said nothing, so a run over two representations printed its four lines without --intersection and none
with it. Oracle: the lines written out by hand, their values scipy's Spearman correlation of the cosines (from
the vector files' own numbers) with the gold scores on the pairs both representations cover."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from tests._small_task import PAIRS, write_small_task

ROOT = Path(__file__).resolve().parent.parent


def _vectors(path: Path) -> dict[str, np.ndarray]:
    rows = (line.split() for line in path.read_text(encoding="utf-8").splitlines())
    return {row[0]: np.array([float(x) for x in row[1:]]) for row in rows}


def _spearman(vectors: dict[str, np.ndarray], pairs) -> float:
    cos = [vectors[a] @ vectors[b] / np.linalg.norm(vectors[a]) / np.linalg.norm(vectors[b]) for a, b, _ in pairs]
    return spearmanr(cos, [gold for *_, gold in pairs]).statistic


def test_an_intersection_group_says_what_it_stored_and_found(tmp_path):
    full, spec = write_small_task(tmp_path)
    part = tmp_path / "part.txt"  # B lacks "tiger": the group scores the 9 pairs without it
    # and its vectors are A's shifted, so the cosines (and the score) differ from A's
    part.write_text("".join(f"{w} {' '.join(f'{x + 1:.4f}' for x in v)}\n" for w, v in _vectors(full).items()
                            if w != "tiger"), encoding="utf-8")
    common = [p for p in PAIRS if "tiger" not in p[:2]]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache")}

    def stderr():
        done = subprocess.run([sys.executable, "-m", "wordeval", "run", f"A={full}", f"B={part}", "--tasks",
                               str(spec), "--intersection", "--out", str(tmp_path / "store")],
                              capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stderr.splitlines()

    a, b = _spearman(_vectors(full), common), _spearman(_vectors(part), common)
    assert f"{a:.4f}" != f"{b:.4f}"
    assert stderr()[:2] == [f"stored similarity/mine on A (seed 0): spearman = {a:.4f}",
                            f"stored similarity/mine on B (seed 0): spearman = {b:.4f}"]
    assert stderr()[:2] == ["cached similarity/mine on A (seed 0)", "cached similarity/mine on B (seed 0)"]
