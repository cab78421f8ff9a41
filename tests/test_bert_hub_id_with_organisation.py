"""``bert:model=ORG/NAME`` on the command line, for a hub model in the local Hugging Face cache: the id holds
POSIX's path separator, and the run's planning refused it as "model folder of ... not found" (exit 2), though
the encoder reads it from the cache (``BertEncoder("org/tiny")``) and the README documents such ids."""
from __future__ import annotations

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from tests._tiny_bert import write_tiny_bert  # noqa: E402


@pytest.fixture
def cached_hub_model(tmp_path, monkeypatch):
    import huggingface_hub.constants

    repo = tmp_path / "hub" / "models--org--tiny"
    write_tiny_bert(repo / "snapshots" / "0123abcd", ["a", "cat", "dog", "man", "car", "sat"])
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abcd")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    work = tmp_path / "work"  # no folder org/tiny where the run starts
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "sts.tsv").write_text("a cat\ta dog\t1.0\na man\ta car\t0.2\na cat sat\ta dog sat\t0.7\n")
    (work / "sts.toml").write_text('name = "tiny"\nfamily = "sts"\n[files]\ntest = "sts.tsv"\n')
    return work


def test_a_cached_hub_id_with_an_organisation_runs(cached_hub_model, capsys):
    import json
    import sqlite3

    from wordeval.cli import main

    out = cached_hub_model / "out"
    rc = main(["-q", "intrinsic", "bert:model=org/tiny", "--tasks", "sts.toml", "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    with sqlite3.connect(out / "results.sqlite") as db:
        (record,) = [json.loads(row[0]) for row in db.execute("select json from records")]
    assert record["embedding"]["source"] == "hf:org/tiny"
    assert record["n_used"] == 3


def test_an_organisation_id_the_cache_lacks_is_still_a_missing_folder(cached_hub_model, capsys):
    from wordeval.cli import main

    out = cached_hub_model / "out"
    assert main(["-q", "intrinsic", "bert:model=org/absent", "--tasks", "sts.toml", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "wordeval: error: org/absent: model folder of bert:model=org/absent not found"
    assert not out.exists()
