"""Files that would have to be unpickled to be read are refused by default with a line that says so: a
PyTorch checkpoint (torch.save's zip of data.pkl) was refused as 'a zip archive holding exactly one file,
got 7 files ... extract the one to evaluate', which pointed at extracting data.pkl."""
from __future__ import annotations

import pytest

from wordeval.cli import main


def test_a_pytorch_checkpoint_is_refused_as_a_pickle(tmp_path, capsys):
    torch = pytest.importorskip("torch")
    path = tmp_path / "vectors.pt"
    torch.save({"weight": torch.zeros(3, 4)}, path)
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"wordeval: error: {path}: expected an embedding file")
    assert "PyTorch checkpoint" in err and "pickle" in err and "extract the one" not in err


def test_an_object_npy_is_refused_as_a_pickle(tmp_path, capsys):
    import numpy as np

    path = tmp_path / "vectors.npy"
    np.save(path, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    (tmp_path / "vectors.vocab").write_text("a\nb\n")
    assert main(["info", str(path)]) == 2
    assert "without pickles, got dtype object" in capsys.readouterr().err
