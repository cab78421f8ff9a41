"""A corpus-trained representation whose build fails (a corpus with no word of min_count occurrences) when it
is the run's first is refused before the store is created: it left an empty results.sqlite at --out, or a
failed run in an existing store's log. With --keep-going the failure is recorded in the store, as before.

Oracle: the corpus's own counts (no word occurs 5 times, lsa's min_count) and the store's bytes."""
from __future__ import annotations

import hashlib

from tests._small_task import write_small_task
from wordeval.cli import main


def _corpus(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("tiger cat book\npaper train car\n", encoding="utf-8")  # each word once: none reaches 5
    return path


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_a_build_that_fails_writes_no_store(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"lsa:corpus={_corpus(tmp_path)}", "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "min_count=5" in err
    assert not out.exists()
    assert main(["-q", "intrinsic", f"v={vectors}", "--tasks", str(spec), "--out", str(out)]) == 0
    before = _digests(out)
    capsys.readouterr()
    assert main(["-q", "run", f"lsa:corpus={_corpus(tmp_path)}", "--tasks", str(spec), "--out", str(out)]) == 2
    assert _digests(out) == before


def test_keep_going_still_records_the_failure(tmp_path, capsys):
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"lsa:corpus={_corpus(tmp_path)}", "--tasks", str(spec), "--out", str(out),
               "--keep-going"])
    assert rc == 3 and (out / "results.sqlite").exists()
    assert main(["-q", "status", str(out)]) != 0
    assert "min_count=5" in capsys.readouterr().out
