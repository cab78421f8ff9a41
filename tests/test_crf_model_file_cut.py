"""crfsuite writes a CRF's model file to the temporary folder (TMPDIR) with fwrite and ignores what fails. In a
full temporary folder (a small tmpfs /tmp) or under `ulimit -f` (here RLIMIT_FSIZE, in a real process) the
cut file was pycrfsuite's 'ValueError: Invalid model file' traceback, called a bug in wordeval (exit 1). It
is now one line naming the file and TMPDIR, and the cut file is removed. The size crfsuite records in the
model's header is the oracle of a whole file."""
from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

pytest.importorskip("pycrfsuite")

FIT = """import sys
import numpy as np
from wordeval.embeddings.base import StaticEmbedding
from wordeval.errors import OutputError
from wordeval.extrinsic.features import build_features
from wordeval.extrinsic.learners import learner_class
words, tags = [f"w{i}" for i in range(40)], ["NN", "VB", "JJ"]
rng = np.random.default_rng(0)
emb = StaticEmbedding(words, rng.normal(size=(40, 8)).astype(np.float32))
sents = [tuple(words[i] for i in rng.integers(40, size=6)) for _ in range(60)]
gold = [[tags[words.index(w) % 3] for w in s] for s in sents]
features = build_features(emb, {"train": sents, "dev": sents[:10], "test": sents[:10]}, oov="unk", case="exact")
try:
    learner_class("crf")(epochs=3).fit(features, gold, gold[:10], score=lambda g, p: 0.0, seed=0, progress=False)
except OutputError as exc:
    print(exc)
    sys.exit(2)
"""


def _fit(tmp_path, limit: int | None):
    temporary = tmp_path / "tmpdir"
    temporary.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "TMPDIR": str(temporary)}

    def limited():
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return temporary, subprocess.run([sys.executable, "-c", FIT], capture_output=True, text=True, env=env,
                                     timeout=120, preexec_fn=limited)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_model_file_cut_by_the_file_size_limit_is_one_line(tmp_path):
    temporary, whole = _fit(tmp_path, None)
    assert whole.returncode == 0, whole.stderr

    temporary, cut = _fit(tmp_path, 2048)
    assert cut.returncode == 2, cut.stdout + cut.stderr
    line = cut.stdout.strip()
    assert "\n" not in line and line.startswith(f"{temporary}{os.sep}") and ".crfsuite: " in line, line
    assert "the CRF model crfsuite wrote there was cut short (2,048 bytes)" in line
    assert line.endswith(f"free space in {temporary} or set TMPDIR to a folder with room"), line
    assert list(temporary.iterdir()) == []
