"""Progress bars were drawn whatever stderr was: in a batch job's log or a pipe every redraw added carriage
returns and bar frames around the one-line messages. They are now drawn only on a terminal (not TERM=dumb)."""
from __future__ import annotations

import io

import numpy as np
import pytest

PAIRS = [("tiger", "cat", 7.35), ("book", "paper", 7.46), ("computer", "keyboard", 7.62), ("plane", "car", 5.77),
         ("train", "car", 6.31), ("money", "cash", 9.15), ("tiger", "book", 0.9), ("cat", "money", 1.2),
         ("paper", "train", 2.1), ("keyboard", "cash", 1.6), ("plane", "train", 6.0)]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _task(tmp_path):
    words = sorted({w for a, b, _ in PAIRS for w in (a, b)})
    rng = np.random.default_rng(0)
    (tmp_path / "v.txt").write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n"
                                            for w in words), encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")
    return ["intrinsic", f"v={tmp_path / 'v.txt'}", "--tasks", str(spec), "--out", str(tmp_path / "R")]


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
