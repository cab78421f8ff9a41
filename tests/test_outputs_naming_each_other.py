"""Two outputs of one command naming one folder (`run --save-predictions f --out f`, `demo --store d --out d`)
are refused as the other output, not as an input: the line said '--save-predictions f: is (or contains) the
input .../f', and f was no input of the run, which only writes it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task

ROOT = Path(__file__).resolve().parent.parent


def _wordeval(tmp_path, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "wordeval", "--quiet", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)


@pytest.mark.parametrize("out", ["f", "f/s", "f/s.sqlite"])
def test_predictions_folder_naming_the_store_or_holding_it_is_said_to_be_the_other_output(tmp_path, out):
    vectors, spec = write_small_task(tmp_path)
    done = _wordeval(tmp_path, "run", vectors.name, "--tasks", spec.name, "--save-predictions", "f", "--out", out)
    assert (done.returncode, done.stderr) == (2, f"wordeval: error: --save-predictions f: is (or contains) --out "
                                                 f"{tmp_path / out}, which this command writes too; name another "
                                                 f"folder\n")
    assert not (tmp_path / "f").exists()


def test_a_stored_run_s_folder_named_as_its_predictions_is_refused_and_kept_even_with_force(tmp_path):
    """Checked before the marker: with --force the store at f was a wordeval output of another kind, to be
    replaced by the predictions folder."""
    vectors, spec = write_small_task(tmp_path)
    assert _wordeval(tmp_path, "run", vectors.name, "--tasks", spec.name, "--out", "f").returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "f").iterdir()}
    done = _wordeval(tmp_path, "run", vectors.name, "--tasks", spec.name, "--out", "f", "--save-predictions", "f",
                     "--force")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert f"--save-predictions f: is (or contains) --out {tmp_path / 'f'}, which this command" in done.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "f").iterdir()} == before


def test_the_api_names_its_keywords(tmp_path, monkeypatch):
    import wordeval
    from wordeval.errors import OutputError

    vectors, spec = write_small_task(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    with pytest.raises(OutputError) as err:
        wordeval.run([str(vectors)], [str(spec)], out="f", predictions="f", progress=False)
    assert str(err.value) == (f"predictions f: is (or contains) out {tmp_path / 'f'}, which this command writes "
                              f"too; name another folder")
    assert not (tmp_path / "f").exists()


def test_demo_report_naming_its_store(tmp_path):
    done = _wordeval(tmp_path, "demo", "--store", "d", "--out", "d")
    assert (done.returncode, done.stderr) == (2, f"wordeval: error: --out d: is (or contains) --store "
                                                 f"{tmp_path / 'd'}, which this command writes too; name another "
                                                 f"folder\n")
    assert not (tmp_path / "d").exists()
