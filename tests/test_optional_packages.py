"""A missing (or broken) optional package made the whole run a traceback: `transformers` absent, `wordeval run
glove-6b-50d minilm` died in BertEncoder's import instead of skipping minilm's cells with the reason and
scoring the rest."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from wordeval.errors import NotAvailableError
from wordeval.results.store import ResultStore

PAIRS = [("tiger", "cat", 7.35), ("book", "paper", 7.46), ("computer", "keyboard", 7.62), ("plane", "car", 5.77),
         ("train", "car", 6.31), ("money", "cash", 9.15), ("tiger", "book", 0.9), ("cat", "money", 1.2),
         ("paper", "train", 2.1), ("keyboard", "cash", 1.6), ("plane", "train", 6.0)]


@pytest.fixture
def no_transformers(monkeypatch):
    monkeypatch.setitem(sys.modules, "transformers", None)  # what an absent package makes `import` raise


def test_an_encoder_without_transformers_is_not_available(no_transformers):
    from wordeval.embeddings.bert import BertEncoder

    with pytest.raises(NotAvailableError, match=r"transformers.*pip install 'wordeval\[bert\]'"):
        BertEncoder("minilm")


def test_the_run_skips_the_encoder_with_the_reason_and_scores_the_rest(no_transformers, tmp_path, capsys):
    from wordeval.cli import main

    words = sorted({w for a, b, _ in PAIRS for w in (a, b)})
    rng = np.random.default_rng(0)
    (tmp_path / "v.txt").write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n"
                                            for w in words), encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")
    code = main(["--quiet", "intrinsic", f"v={tmp_path / 'v.txt'}", "minilm", "--tasks", str(spec),
                 "--out", str(tmp_path / "R")])
    out = capsys.readouterr()
    assert code == 3, out.err  # finished, some cells skipped
    assert "Traceback" not in out.err
    assert "skipped similarity/mine on minilm" in out.out + out.err
    assert "needs the optional package transformers" in out.out + out.err
    with ResultStore(tmp_path / "R", readonly=True) as store:
        assert [r.embedding["name"] for r in store.records()] == ["v"]
