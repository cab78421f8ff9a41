"""A similarity record's ``extra.oov_words`` lists the words the embedding lacks. Before, it listed every word
of each uncovered pair, so a word in the vocabulary ('tiger', 'Cat' found lowercased) was reported as OOV."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.adapters import as_embedding
from wordeval.datasets.types import WordPair
from wordeval.intrinsic import similarity as sim

PAIRS = [WordPair("tiger", "jaguar", 8.0), WordPair("Cat", "dog", 7.0), WordPair("car", "tiger", 2.0),
         WordPair("zebra", "okapi", 5.0), WordPair("dog", "car", 1.0)]


@pytest.mark.parametrize("oov", ["skip", "penalize"])
def test_oov_words_are_the_words_not_in_the_vocabulary(oov):
    words = ["cat", "dog", "tiger", "car"]
    emb = as_embedding((words, np.random.default_rng(0).standard_normal((4, 3))), name="four")
    out = sim.score_pairs(PAIRS, emb, config={"oov": oov, "case": "exact-then-lower", "n_boot": 10})
    # by hand: jaguar, zebra and okapi are missing; Cat is found as 'cat'
    assert out["extra"]["oov_words"] == ["jaguar", "okapi", "zebra"]
    assert out["extra"]["n_oov_pairs"] == 2


def test_penalised_records_report_the_share_of_pairs_covered(tmp_path, capsys):
    # under oov = penalize every pair is scored (an uncovered one at cosine -1), so n_used = n_total; the
    # coverage shown (record, --json, CLI table, report cell and its low-coverage flag) was that 100 %
    import json

    from wordeval.cli import main

    (tmp_path / "four.txt").write_text("".join(f"{w} {i} 1 {i % 2}\n" for i, w in enumerate(["cat", "dog", "tiger", "car"])))
    (tmp_path / "all.txt").write_text("".join(f"{w} {i} 1 {i % 2}\n" for i, w in enumerate(
        ["cat", "dog", "tiger", "car", "jaguar", "zebra", "okapi"])))
    (tmp_path / "pairs.tsv").write_text("".join(f"{p.word1}\t{p.word2}\t{p.score}\n" for p in PAIRS))
    (tmp_path / "five.toml").write_text('name = "five"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n')
    out = tmp_path / "res"
    rc = main(["intrinsic", f"four={tmp_path / 'four.txt'}", f"all={tmp_path / 'all.txt'}", "--tasks",
               str(tmp_path / "five.toml"), "--oov", "penalize", "--out", str(out), "--json"])
    assert rc == 0
    records = {r["embedding"]["name"]: r for r in json.loads(capsys.readouterr().out)}
    # by hand: four lacks jaguar, zebra, okapi -> pairs 1 and 4 uncovered, 3 of 5 covered
    assert records["four"]["n_used"] == records["four"]["n_total"] == 5
    assert records["four"]["coverage"] == pytest.approx(3 / 5)
    assert records["all"]["coverage"] == 1.0
    rc = main(["compare", str(out), "--json"])
    assert rc == 0
    cells = {c["representation"]: c for c in json.loads(capsys.readouterr().out)["table"]}
    assert cells["four"]["coverage"] == pytest.approx(3 / 5) and "coverage" in cells["four"]["flags"].split(";")
    assert cells["all"]["coverage"] == 1.0 and "coverage" not in cells["all"]["flags"].split(";")
