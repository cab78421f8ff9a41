"""Progress bars were drawn whatever stderr was: in a batch job's log or a pipe every redraw added carriage
returns and bar frames around the one-line messages. They are now drawn only on a terminal (not TERM=dumb)."""
from __future__ import annotations

import io

import pytest

from tests._small_task import write_small_task


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _task(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    return ["intrinsic", f"v={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "R")]


@pytest.mark.parametrize("terminal, term, drawn", [(False, "xterm", False), (True, "dumb", False),
                                                   (True, "xterm", True)])
def test_bars_only_on_a_terminal(tmp_path, monkeypatch, terminal, term, drawn):
    from wordeval.cli import main

    err = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setenv("TERM", term)
    assert main(_task(tmp_path)) == 0
    assert ("cell/s" in err.getvalue()) is drawn
    assert "1 computed" in err.getvalue()  # the messages stay


def test_no_weight_loading_bar_in_a_pipe():
    """transformers' "Loading weights" bar went on drawing carriage-return frames into a pipe or log after
    wordeval's own bars were turned off there (`wordeval intrinsic minilm ... 2> run.log`)."""
    import os
    import subprocess
    import sys

    pytest.importorskip("transformers")
    env = {k: v for k, v in os.environ.items() if k != "HF_HUB_DISABLE_PROGRESS_BARS"}
    proc = subprocess.run([sys.executable, "-m", "wordeval", "info", "minilm"], capture_output=True, text=True,
                          env={**env, "HF_HUB_OFFLINE": "1", "TERM": "xterm"}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Loading weights" not in proc.stderr and "\r" not in proc.stderr
