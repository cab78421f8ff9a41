"""A Python warning a cell gives on a worker of `run --workers N` (a UnicodeFormWarning: the data spells
'café' e + U+0301, the vectors precomposed) reached the user's stderr in Python's own format, with the source
line under it ('.../similarity.py:282: UnicodeFormWarning: ...' then '  res = score_pairs(...)'). The worker
now returns it with the cell and the client warns it again: the same lines as the serial run."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import unicodedata
import warnings
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from tests._small_task import write_small_task  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _two_cells_with_a_unicode_form_warning(folder: Path) -> tuple[Path, list[Path]]:
    vectors, spec = write_small_task(folder)
    with vectors.open("a", encoding="utf-8") as f:
        f.write(f"{unicodedata.normalize('NFC', 'café')} 0.1 0.2 0.3 0.4\n")
    with (folder / "pairs.tsv").open("a", encoding="utf-8") as f:
        f.write(f"{unicodedata.normalize('NFD', 'café')}\tcat\t3.0\n")
    other = folder / "mine2.toml"
    other.write_text(spec.read_text(encoding="utf-8").replace('"mine"', '"mine2"'), encoding="utf-8")
    return vectors, [spec, other]


def _run(folder: Path, *more: str, env_more=None) -> subprocess.CompletedProcess:
    vectors, specs = _two_cells_with_a_unicode_form_warning(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_more or {})}
    return subprocess.run([sys.executable, "-m", "wordeval", "--quiet", "run", f"A={vectors}", f"B={vectors}",
                           "--tasks", *map(str, specs), "--out", str(folder / "out"), *more],
                          capture_output=True, text=True, env=env, timeout=300, cwd=folder)


def _warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.endswith("results.sqlite")]


def test_a_workers_warning_is_the_serial_runs_one_line(tmp_path):
    (tmp_path / "serial").mkdir()
    (tmp_path / "workers").mkdir()
    serial = _run(tmp_path / "serial")
    workers = _run(tmp_path / "workers", "--workers", "2")
    assert serial.returncode == 0 and workers.returncode == 0, workers.stderr[-3000:]
    said = _warning_lines(workers.stderr)
    assert "UnicodeFormWarning" not in workers.stderr and "score_pairs" not in workers.stderr, workers.stderr
    # four cells (A and B on two tasks), four texts, each naming its task and representation: each said once,
    # none lost
    assert sorted(line.partition(" in another")[0] for line in said) == sorted(
        f"wordeval: warning: similarity/{task} (dataset {task}, version 1): 1 OOV word(s) are in {rep}"
        for task in ("mine", "mine2") for rep in "AB"), workers.stderr
    assert sorted(said) == sorted(_warning_lines(serial.stderr))  # the workers' cells end in any order


def test_one_warning_class_and_text_is_said_once_within_a_run_and_others_all():
    """Oracle: Python's own 'once' action, which says a class and text once (until the memory is reset)."""
    from wordeval.intrinsic.unicode_forms import UnicodeFormWarning
    from wordeval.option_effects import said_once_per_run

    def cell():
        with warnings.catch_warnings():  # as item_scores.correlation does: Python's memory is reset
            warnings.simplefilter("ignore")
        warnings.warn_explicit("same", UserWarning, "a.py", 1)
        warnings.warn_explicit("same", UserWarning, "b.py", 2)  # from another place: the same to the user
        warnings.warn_explicit("same", UnicodeFormWarning, "a.py", 1)
        warnings.warn_explicit("other", UserWarning, "a.py", 1)

    def said(within) -> list:
        with warnings.catch_warnings(record=True) as shown:
            warnings.simplefilter("always")
            with within():
                cell()
                cell()
            with within():  # the next run says them again
                cell()
        return [(str(w.message), w.category) for w in shown]

    with warnings.catch_warnings(record=True) as oracle:
        warnings.simplefilter("once")
        cell()
    once = [(str(w.message), w.category) for w in oracle]
    assert once == [("same", UserWarning), ("same", UnicodeFormWarning), ("other", UserWarning)]
    assert said(said_once_per_run) == once * 2
    assert len(said(contextlib.nullcontext)) == 12  # outside a run: as the filters say ("always")


def test_a_warning_is_kept_for_the_thread_inside_only_and_warned_again_with_its_class():
    from wordeval.distributed.worker_warnings import say_warnings, warnings_kept
    from wordeval.intrinsic.unicode_forms import UnicodeFormWarning

    kept: list = []

    def elsewhere():  # another thread of the same worker, not in a cell: shown as before
        warnings.warn_explicit("from another thread", UserWarning, "x.py", 1, registry={})

    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        with warnings_kept(kept):
            warnings.warn("kept here", UnicodeFormWarning)
            t = threading.Thread(target=elsewhere)
            t.start()
            t.join()
        warnings.warn("after it", UserWarning)
    assert [str(w.message) for w in shown] == ["from another thread", "after it"]
    assert [k[:2] for k in kept] == [["kept here", "wordeval.intrinsic.unicode_forms:UnicodeFormWarning"]]

    with warnings.catch_warnings(record=True) as again:
        warnings.simplefilter("always")
        say_warnings({"warnings": kept + [["unknown", "nowhere.mod:Nope", "y.py", 2]]})
    assert [(str(w.message), w.category) for w in again] == [("kept here", UnicodeFormWarning),
                                                             ("unknown", UserWarning)]
    # the client's filters apply to the class the worker warned with, as they do in a serial run
    with warnings.catch_warnings(record=True) as filtered:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=UnicodeFormWarning)
        say_warnings({"warnings": kept})
    assert filtered == []
