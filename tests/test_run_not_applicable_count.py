"""The run's closing line counted a task the representation cannot do (STS pooling a sentence encoder's [CLS]
state, asked of word vectors) as "skipped (not available)", which sends a user after data no fetch provides.
It is now counted and named apart ("not applicable"), and the run still exits 3, as README's exit codes say."""
from __future__ import annotations

import json

from tests._small_task import write_small_task
from wordeval.cli import main


def _sts_spec(folder, config: str = ""):
    (folder / "STS.input.news.txt").write_text("The cat sat.\tA cat sat.\nA tiger runs.\tThe cat ran.\n"
                                               "book paper.\tcash money.\n", encoding="utf-8")
    (folder / "STS.gs.news.txt").write_text("4.0\n3.2\n1.0\n", encoding="utf-8")
    spec = folder / "se.toml"
    spec.write_text(f'name = "se"\nfamily = "sts"\n[files]\ntest = "STS.input.news.txt"\n{config}',
                    encoding="utf-8")
    return spec


def test_a_task_the_representation_cannot_do_is_not_counted_as_not_available(tmp_path, capsys):
    vectors, similarity = write_small_task(tmp_path)
    sts = _sts_spec(tmp_path, '[config]\npooling = "cls"\n')
    argv = ["--quiet", "run", f"A={vectors}", "--tasks", str(similarity), str(sts), "--out", str(tmp_path / "s"),
            "--json"]
    assert main(argv) == 3
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    closing = next(line for line in lines if " computed, " in line)
    assert "1 computed" in closing and "0 skipped (not available)" in closing, closing
    assert "1 not applicable" in closing, closing
    named = [line for line in lines if line.startswith("  ")]
    assert len(named) == 1 and named[0].startswith("  not applicable: sts/se on A: pooling='cls'"), named
    skipped = json.loads(captured.out)["skipped"]
    assert [(s["task"], s["embedding"], s["kind"]) for s in skipped] == [("sts/se", "A", "not-applicable")]


def test_a_worker_reports_the_two_kinds_apart():
    """A worker's outcome carries the kind to the client, which skips the cell under it (distributed.execute)."""
    from wordeval.distributed.worker import _outcome
    from wordeval.errors import NotApplicableError, NotAvailableError

    assert _outcome(NotApplicableError("A has no word vectors"))["status"] == "not-applicable"
    assert _outcome(NotAvailableError("rg65: no source"))["status"] == "unavailable"


def test_qvec_on_a_brown_clustering_is_a_not_applicable_skip(tmp_path, capsys, monkeypatch):
    """QVEC needs word vectors, and a Brown clustering has none: this was a ConfigError that stopped the whole
    run (exit 2, the other representations' cells not run; under --keep-going a failed cell), where similarity
    on the same clustering is a not-applicable skip."""
    from tests.test_brown import _corpus_file
    from tests.test_qvec_user_spec import _data

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    _data(tmp_path, "qvec")
    brown = f"B=brown:corpus={_corpus_file(tmp_path)},clusters=3,min_count=1"
    argv = ["--quiet", "run", f"A={tmp_path / 'vectors.txt'}", brown, "--tasks", str(tmp_path / "mine.toml"),
            "--out", str(tmp_path / "s"), "--json"]
    assert main(argv) == 3
    out = json.loads(capsys.readouterr().out)
    assert len(out["computed"]) == 1 and out["failed"] == []
    assert [(s["embedding"], s["kind"]) for s in out["skipped"]] == [("B", "not-applicable")]
