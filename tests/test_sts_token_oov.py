"""STS over averaged word vectors drops the words the embedding lacks inside each sentence; the record counts
them (tokens, pairs that lost a word, pairs with a side left empty) instead of a coverage of 100 % that only
counted empty sentences. Oracle: the same counts by hand over whitespace tokens, and the correlations by
scipy on cosines of hand-averaged vectors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import pearsonr, spearmanr

TABLE_WORDS = ["a", "cat", "dog", "sits", "runs", "the", "mat", "park", "in", "on"]
PAIRS = [("a cat sits", "a dog sits", 3.0),
         ("The cat sits on the mat", "a dog runs in the park", 1.0),   # 'The' found lower-cased
         ("a zebra sits", "a cat sits", 2.5),                          # one word dropped
         ("a cat sits", "the dog runs quickly", 1.5),                  # repeated sentence; one dropped
         ("zebra yak", "a dog runs", 0.5),                             # empty side
         ("the mat", "the park", 2.0),
         ("dog runs", "a dog runs in the park", 4.0)]


def _write(folder):
    (folder / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (folder / "t.toml").write_text('name = "t"\nfamily = "sts"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    rng = np.random.default_rng(0)
    return {w: rng.standard_normal(6).astype(np.float32) for w in TABLE_WORDS}


def _known(word, table):
    return word in table or word.lower() in table


@pytest.mark.parametrize("oov", ["skip", "penalize"])
def test_token_oov_counts_and_scores_against_hand_counts(tmp_path, oov):
    import wordeval

    table = _write(tmp_path)
    rec = wordeval.evaluate(table, str(tmp_path / "t.toml"), name="t", config={"oov": oov})
    sides = [s.split() for a, b, _ in PAIRS for s in (a, b)]
    tokens = sum(len(s) for s in sides)
    oov_tokens = sum(not _known(w, table) for s in sides for w in s)
    lost = sum(any(not _known(w, table) for w in (a + " " + b).split()) for a, b, _ in PAIRS)
    empty = sum(not any(_known(w, table) for w in s.split()) or not any(_known(w, table) for w in t.split())
                for s, t, _ in PAIRS)
    assert (tokens, oov_tokens, lost, empty) == (48, 4, 3, 1)  # by eye, too
    assert rec.extra["oov"] == {"tokens": tokens, "oov_tokens": oov_tokens, "token_rate": oov_tokens / tokens,
                                "pairs": len(PAIRS), "pairs_with_dropped_words": lost,
                                "pairs_with_empty_side": empty, "pair_rate_dropped": lost / len(PAIRS)}
    assert rec.scores["oov_rate"] == oov_tokens / tokens

    def vec(sentence):
        return np.mean([table[w] if w in table else table[w.lower()] for w in sentence.split()
                        if _known(w, table)], axis=0)

    keep = [p for p in PAIRS if oov == "penalize" or p[0] != "zebra yak"]
    cos = [-1.0 if a == "zebra yak" else
           float(vec(a) @ vec(b) / np.linalg.norm(vec(a)) / np.linalg.norm(vec(b))) for a, b, _ in keep]
    gold = [s for _, _, s in keep]
    eps = 64 * float(np.finfo(np.float32).eps)  # float32 vectors, cosines in float64
    assert rec.n_used == len(keep)
    assert rec.scores["spearman_pooled"] == pytest.approx(spearmanr(gold, cos)[0], abs=eps)
    assert rec.scores["pearson_pooled"] == pytest.approx(pearsonr(gold, cos)[0], abs=eps)


def test_table_shows_the_token_oov_and_lost_pairs(tmp_path):
    import wordeval
    from wordeval.cli.intrinsic import format_table

    table = _write(tmp_path)
    rec = wordeval.evaluate(table, str(tmp_path / "t.toml"), name="t")
    row = format_table([rec]).splitlines()[2]
    assert "6/7" in row and "OOV 8.3%" in row and "42.9% of pairs lost a word" in row


def test_report_cell_shows_the_lost_pairs(tmp_path):
    import wordeval
    from wordeval.report.cells import cell_stats
    from wordeval.report.tables import coverage_text

    table = _write(tmp_path)
    rec = wordeval.evaluate(table, str(tmp_path / "t.toml"), name="t")
    assert coverage_text(cell_stats([rec]), "sts") == "6/7 sentence pairs (85.7%), OOV 8.3%, 42.9% of pairs lost a word"


def test_sentence_encoder_has_no_token_oov(tmp_path):
    import wordeval
    from wordeval.intrinsic.sts import DEFAULT_CONFIG, pair_cosines

    _write(tmp_path)
    items = list(wordeval.get_task(str(tmp_path / "t.toml")).load_dataset().items("test"))

    class Encoder:
        def encode_sentences(self, texts, pooling="mean"):
            return np.array([[len(t), t.count("a") + 1.0, 1.0] for t in texts], dtype=np.float32)

    assert pair_cosines(items, Encoder(), DEFAULT_CONFIG)["oov"] is None


def test_results_csv_and_json_rows_carry_the_token_oov_counts_as_appended_columns(tmp_path):
    """results.csv / results.json rows had the rate only (oov_rate): the counts are appended after the
    columns readers already pin, so a reader by position keeps working. Oracle: the hand counts (48 tokens,
    4 without a vector, 3 of 7 pairs lost a word, 1 has an empty side)."""
    import csv
    import io
    import json

    import wordeval
    from wordeval.report.tables import results_csv
    from wordeval.report.writer import write_report

    table = _write(tmp_path)
    rec = wordeval.evaluate(table, str(tmp_path / "t.toml"), name="t")
    comp = wordeval.compare([rec], n_boot=20)
    old_header = ["representation", "task", "kind", "family", "score", "value", "sd", "n_seeds", "ci_low",
                  "ci_high", "common_value", "n_common", "rank", "best", "mark", "tests", "n_total", "n_used",
                  "coverage", "oov_rate", "candidates", "flags", "not_converged", "direction", "profile"]
    new = {"oov_tokens_total": "48", "oov_tokens": "4", "oov_token_rate": repr(4 / 48),
           "oov_pairs_total": "7", "oov_pairs_with_dropped_words": "3", "oov_pairs_with_empty_side": "1"}
    text = results_csv(comp)
    header, row = list(csv.reader(io.StringIO(text)))
    # later columns are appended after these (ci_resamples): a reader by position keeps working
    assert header[:len(old_header) + len(new)] == old_header + list(new)
    assert dict(zip(header, row))["oov_rate"] == repr(4 / 48)
    assert {k: v for k, v in zip(header, row) if k in new} == new
    out = write_report(comp, tmp_path / "rep", figures=False)
    assert (out / "results.csv").read_text(encoding="utf-8") == text
    (cell,) = json.loads((out / "results.json").read_text(encoding="utf-8"))["comparison"]["table"]
    assert [cell[k] for k in new] == [48, 4, 4 / 48, 7, 3, 1]


def test_a_sentence_of_zero_rows_is_covered_with_cosine_zero(tmp_path):
    """A word whose row is all zeros (a padding row) is in the vocabulary: covered, cosine 0 with anything
    (README, OOV). A sentence of only such words was taken for one without a vector and its pair skipped,
    while extra.oov counted no OOV token and no empty side. Oracle: by hand, the pair kept with cosine 0 and
    coverage 7/7; scipy on the hand cosines."""
    import wordeval

    table = _write(tmp_path)
    table["zebra"] = np.zeros(6, dtype=np.float32)
    table["yak"] = np.zeros(6, dtype=np.float32)
    rec = wordeval.evaluate(table, str(tmp_path / "t.toml"), name="t")
    assert rec.n_used == len(PAIRS) and rec.scores["coverage"] == 1.0
    assert rec.extra["oov"]["pairs_with_empty_side"] == 0 and rec.extra["oov"]["oov_tokens"] == 1  # 'quickly'
    assert rec.per_item["pred"][PAIRS.index(("zebra yak", "a dog runs", 0.5))] == 0.0

    def vec(sentence):
        return np.mean([table[w] if w in table else table[w.lower()] for w in sentence.split()
                        if _known(w, table)], axis=0)

    def cos(a, b):
        va, vb = vec(a), vec(b)
        return 0.0 if not va.any() or not vb.any() else float(va @ vb / np.linalg.norm(va) / np.linalg.norm(vb))

    hand = [cos(a, b) for a, b, _ in PAIRS]
    eps = 64 * float(np.finfo(np.float32).eps)
    assert rec.scores["spearman_pooled"] == pytest.approx(spearmanr([s for *_, s in PAIRS], hand)[0], abs=eps)


@pytest.mark.parametrize("oov", ["skip", "penalize"])
def test_a_sentence_of_zero_rows_is_covered_under_each_oov_policy(tmp_path, oov):
    """A word whose row is all zeros is in the vocabulary (README: covered, cosine 0 with any word). A sentence
    of such words has known tokens, so its pair is covered and scored 0 (not skipped, nor -1 under penalize),
    and the coverage agrees with extra.oov's count of pairs with an empty side."""
    import wordeval

    table = _write(tmp_path)
    for word in ("the", "mat", "park"):  # "the mat" / "the park" (pair 5): both sides of zero rows only
        table[word] = np.zeros(6, dtype=np.float32)
    rec = wordeval.evaluate(table, str(tmp_path / "t.toml"), name="t", config={"oov": oov})
    empty = [not any(_known(w, table) for w in a.split()) or not any(_known(w, table) for w in b.split())
             for a, b, _ in PAIRS]
    assert rec.extra["oov"]["pairs_with_empty_side"] == sum(empty) == 1
    assert rec.scores["coverage"] == pytest.approx(1 - sum(empty) / len(PAIRS))
    pred = dict(zip(rec.per_item["id"], rec.per_item["pred"]))
    assert pred[5] == 0.0

    def mean(s):
        vs = [table.get(w, table.get(w.lower())) for w in s.split() if _known(w, table)]
        return np.mean(vs, axis=0, dtype=np.float64) if vs else None

    gold, want = [], []
    for (a, b, g), e in zip(PAIRS, empty):
        if e:
            if oov == "penalize":
                gold.append(g), want.append(-1.0)
            continue
        va, vb = mean(a), mean(b)
        na, nb = np.linalg.norm(va), np.linalg.norm(vb)
        gold.append(g), want.append(0.0 if na == 0 or nb == 0 else float(va @ vb / (na * nb)))
    np.testing.assert_allclose(rec.per_item["pred"], want, atol=1e-6)
    assert rec.main_value == pytest.approx(spearmanr(gold, want).statistic)
