"""A missing (or broken) optional package made the whole run a traceback: `transformers` absent, `wordeval run
glove-6b-50d minilm` died in BertEncoder's import instead of skipping minilm's cells with the reason and
scoring the rest."""
from __future__ import annotations

import sys

import pytest

from tests._small_task import write_small_task
from wordeval.errors import NotAvailableError
from wordeval.results.store import ResultStore


@pytest.fixture
def no_transformers(monkeypatch):
    monkeypatch.setitem(sys.modules, "transformers", None)  # what an absent package makes `import` raise


def test_an_encoder_without_transformers_is_not_available(no_transformers):
    from wordeval.embeddings.bert import BertEncoder

    with pytest.raises(NotAvailableError, match=r"transformers.*pip install 'wordeval\[bert\]'"):
        BertEncoder("minilm")


def test_the_run_skips_the_encoder_with_the_reason_and_scores_the_rest(no_transformers, tmp_path, capsys):
    from wordeval.cli import main

    vectors, spec = write_small_task(tmp_path)
    code = main(["--quiet", "intrinsic", f"v={vectors}", "minilm", "--tasks", str(spec),
                 "--out", str(tmp_path / "R")])
    out = capsys.readouterr()
    assert code == 3, out.err  # finished, some cells skipped
    assert "Traceback" not in out.err
    assert "skipped similarity/mine on minilm" in out.out + out.err
    assert "needs the optional package transformers" in out.out + out.err
    with ResultStore(tmp_path / "R", readonly=True) as store:
        assert [r.embedding["name"] for r in store.records()] == ["v"]
