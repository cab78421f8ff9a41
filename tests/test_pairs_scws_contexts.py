"""SCWS's ratings.txt (id, word1, POS1, word2, POS2, context1, context2, average, 10 ratings; tab-separated) has
four text columns before the score. Without ``columns`` it is refused, and the error showed every field of the
line, both contexts whole: a screenful, with the template ``{word1 = ..., word2 = ...}``. It now cuts the fields
and names the two one-word columns. Following it reads the pairs as pandas does (``quoting=QUOTE_NONE``: the
contexts hold quotes) and the score is scipy's Spearman on the covered pairs."""
from __future__ import annotations

import csv

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from wordeval.cli import main

RATINGS = (
    "1\tBrazil\tn\tnut\tn\tgap in income between blacks and other non-whites is relatively small compared to the "
    "large gap between whites and non-whites . <b> Brazil </b> is home to the largest Japanese community outside "
    "Japan .\tof the seeds . A <b> nut </b> is a hard-shelled fruit .\t1.1\t0.0\t0.0\t0.0\t0.0\t2.0\t0.0\t1.0\t0.0\t"
    "8.0\t0.0\n"
    "2\tBrazil\tn\tcoffee\tn\tthe \" Brazil \" team <b> Brazil </b> won .\twith <b> coffee </b> beans .\t6.3\t7.0\t6.0"
    "\t6.0\t6.0\t7.0\t6.0\t7.0\t6.0\t6.0\t6.0\n"
    "3\tdrink\tv\teat\tv\tthey <b> drink </b> wine .\tthey <b> eat </b> bread .\t6.9\t7.0\t7.0\t7.0\t7.0\t7.0\t7.0\t"
    "7.0\t7.0\t6.0\t7.0\n"
    "4\tbank\tn\tmoney\tn\tthe river <b> bank </b> .\tthe <b> money </b> was lost .\t2.5\t2.0\t3.0\t2.0\t3.0\t2.0\t"
    "3.0\t2.0\t3.0\t2.0\t3.0\n"
    "5\tplay\tv\tgame\tn\tthey <b> play </b> .\tthe <b> game </b> ended .\t7.2\t7.0\t8.0\t7.0\t7.0\t7.0\t7.0\t7.0\t"
    "7.0\t7.0\t8.0\n")


def _spec(tmp_path, extra: str = "") -> str:
    (tmp_path / "ratings.txt").write_text(RATINGS, encoding="utf-8")
    spec = tmp_path / "scws.toml"
    spec.write_text(f'name = "scws"\nfamily = "similarity"\n{extra}[files]\ntest = "ratings.txt"\n', encoding="utf-8")
    return str(spec)


def test_scws_without_columns_is_one_short_line_naming_the_word_columns(tmp_path, capsys):
    assert main(["datasets", "check", _spec(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"wordeval: error: {tmp_path / 'ratings.txt'}:1: cannot tell the two word columns: columns 1, 3, 5, 6 all "
        "hold text before the score (column 7; line ['1', 'Brazil', 'n', 'nut', 'n', 'gap in income between bl...', "
        "'of the seeds . A <b> nut...', '1.1', '0.0', '0.0', '0.0', '0.0', ...]); set columns = {word1 = 1, "
        "word2 = 3} in the spec, the columns of one word (columns 5, 6 hold sentences, as SCWS's contexts, which "
        "are not read)\n")


def test_scws_read_with_the_advised_columns_scores_as_scipy_on_its_average_rating(tmp_path):
    import wordeval
    from wordeval.tasks.task import get_task

    spec = _spec(tmp_path, "columns = {word1 = 1, word2 = 3}\n")
    frame = pd.read_csv(tmp_path / "ratings.txt", sep="\t", header=None, quoting=csv.QUOTE_NONE)
    expected = list(zip(frame[1], frame[3], frame[7].astype(float)))
    items = get_task(spec).load_dataset().items()
    assert [(it.word1, it.word2, it.score) for it in items] == expected
    rng = np.random.default_rng(0)
    vectors = {w: rng.standard_normal(8) for w in ("Brazil", "nut", "coffee", "drink", "eat", "bank", "money", "play")}
    record = wordeval.evaluate(vectors, spec, config={"n_boot": 10})
    covered = [(a, b, s) for a, b, s in expected if a in vectors and b in vectors]
    cosines = [vectors[a] @ vectors[b] / np.linalg.norm(vectors[a]) / np.linalg.norm(vectors[b]) for a, b, _ in covered]
    eps = 64 * float(np.finfo(np.float32).eps)  # cosines of float32 vectors, ranked: equal unless a tie moves
    assert len(covered) == 4
    assert abs(record.scores["spearman"] - spearmanr([s for *_, s in covered], cosines)[0]) <= eps
