"""torch is an extra (``wordeval[bert]``): crf and perceptron fits, which need none, run side by side in the
runner, whose pinning of torch's intra-op threads around a concurrent phase imported torch unconditionally —
without torch a `--learner crf` run of several tagging cells was a ModuleNotFoundError the command line calls
a bug in wordeval. (The torch learners, the glove builder and analogy's torch backends without torch are
skipped cells: tests/test_cli_extrinsic.py, test_builder_errors_one_wording.py, test_analogy_no_torch.py.)"""
from __future__ import annotations

import sys

from wordeval import runner


def test_side_by_side_fits_need_no_torch(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` raises ImportError, as without torch
    with runner._one_torch_thread():
        pass
