"""Prediction files are staged in a private folder of the process. A process that cannot remove it (SIGKILL,
or a Dask worker its nanny ends when the run is interrupted) left one ``wordeval-predictions-*`` folder in the
temporary directory per running cell, for good; the next process now removes those whose writer is gone."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests._records import toy_records
from wordeval.results.predictions import scored_with_predictions

DIES_WHILE_SCORING = """
import os, sys
from wordeval.results.predictions import scored_with_predictions

def score(folder):
    open(os.path.join(folder, "half.tsv"), "w").write("half")
    print(folder, flush=True)
    os._exit(0)  # as SIGKILL: no cleanup

scored_with_predictions(sys.argv[1], score)
"""


def test_a_staging_folder_left_by_a_dead_process_is_removed_by_the_next_one(tmp_path):
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", DIES_WHILE_SCORING, str(tmp_path / "P")], capture_output=True,
                         text=True, env=env, timeout=60, check=True)
    left = Path(out.stdout.strip())
    assert left.is_dir() and (left / "half.tsv").exists()
    (tmp_path / "P").mkdir()
    record = toy_records()[0]
    seen = []

    def score(folder):
        seen.append(Path(folder))
        (Path(folder) / "similarity__x__y.tsv").write_text("a\tb\n", encoding="utf-8")
        return record

    assert scored_with_predictions(str(tmp_path / "P"), score) is record
    assert not left.exists()
    assert not seen[0].exists()  # its own folder goes too, on the way out
    assert [p.suffix for p in sorted((tmp_path / "P").iterdir())] == [".tsv", ".json"]
