"""The CRF's model file, which crfsuite writes into the temporary folder, is named as wordeval's other
temporary files are (``.NAME.wordeval-PID-HOST.*``): a run killed outright (SIGKILL, a lost node, the OOM
killer) while a CRF trained or tagged left ``tmpXXXXXXXX.crfsuite`` there for good, one per seed in flight,
which nothing could tell from another program's file. The next CRF fit on the host removes it once its
process is gone. The fit is killed by itself right after crfsuite wrote the model (fault injection, not
timing); the oracle is the listing of TMPDIR."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pycrfsuite")

ROOT = Path(__file__).resolve().parent.parent

FIT = """
import os, signal, sys
import numpy as np
import pycrfsuite
from wordeval.embeddings.base import StaticEmbedding
from wordeval.extrinsic.features import build_features
from wordeval.extrinsic.learners import learner_class

if sys.argv[1] == "kill":
    train = pycrfsuite.Trainer.train

    def train_then_killed(self, path, *args):
        train(self, path, *args)
        os.kill(os.getpid(), signal.SIGKILL)  # the model is on disk; nothing of Python's runs after this

    pycrfsuite.Trainer.train = train_then_killed
words = [f"w{{i}}" for i in range(12)]
rng = np.random.default_rng(0)
sents = [tuple(words[i] for i in rng.integers(12, size=5)) for _ in range(20)]
tags = [["NN", "VB", "JJ"][words.index(w) % 3] for s in sents for w in s]
tags = [tags[i * 5:(i + 1) * 5] for i in range(20)]
emb = StaticEmbedding(words, rng.normal(size=(12, 4)).astype(np.float32))
features = build_features(emb, {{"train": sents, "dev": sents, "test": sents}}, oov="unk", case="exact")
crf = learner_class("crf")(epochs=5).fit(features, tags, tags, score=lambda g, p: 0.0, seed=0, progress=False)
del crf
"""


def _fit(tmp_path, how: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path / "tmp")}
    return subprocess.run([sys.executable, "-c", FIT.format(), how], capture_output=True, text=True, env=env,
                          timeout=120)


def test_a_killed_fits_model_file_is_removed_by_the_next_fit(tmp_path):
    (tmp_path / "tmp").mkdir()
    killed = _fit(tmp_path, "kill")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = os.listdir(tmp_path / "tmp")
    assert len(left) == 1 and left[0].endswith(".crfsuite")  # the killed fit's model


    again = _fit(tmp_path, "fit")
    assert again.returncode == 0, again.stderr
    assert os.listdir(tmp_path / "tmp") == []  # was the killed fit's tmpXXXXXXXX.crfsuite, kept for good
