"""Prediction files wait in a temporary folder (TMPDIR) until their record is stored. A full disk or `ulimit -f`
there (here RLIMIT_FSIZE, in a real process) said '/tmp/.wordeval-predictions.X/F.tsv: cannot write: ... free
space there (or point the output elsewhere)': the user moved --save-predictions, which was not where the
write failed (a small tmpfs /tmp). The line now says it is the temporary folder and that TMPDIR moves it;
nothing is left there, and nothing reaches the predictions folder."""
from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

SCORE = """import sys
from pathlib import Path
from wordeval.atomic_write import atomic_write_text
from wordeval.errors import OutputError
from wordeval.results.predictions import scored_with_predictions
try:
    scored_with_predictions(sys.argv[1], lambda tmp: atomic_write_text(Path(tmp) / "x.tsv", "w\\t1\\n" * 20_000))
except OutputError as exc:
    print(exc)
    sys.exit(2)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_temporary_folder_is_named_as_such(tmp_path):
    temporary = tmp_path / "tmpdir"
    temporary.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "TMPDIR": str(temporary)}
    r = subprocess.run([sys.executable, "-c", SCORE, str(tmp_path / "predictions")], capture_output=True,
                       text=True, env=env, timeout=60,
                       preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000)))
    assert r.returncode == 2, r.stdout + r.stderr
    line = r.stdout.strip()
    assert "\n" not in line and line.startswith(f"{temporary}{os.sep}.wordeval-predictions.")
    assert "file-size limit (ulimit -f)" in line
    assert line.endswith(f"that is the temporary folder where predictions wait until their record is stored: "
                         f"free space in {temporary} or set TMPDIR to a folder with room"), line
    assert list(temporary.iterdir()) == [] and not (tmp_path / "predictions").exists()
