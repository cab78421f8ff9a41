"""What a tagging or classification cell's counts count, in every table that shows them. A POS cell read
'100/100 (100.0%)' and '100 of 100' beside an accuracy over 2,504 tokens, and a reader cited n = 100: those
are sentences. Each table now names the unit and gives the tokens (POS) or gold chunks (chunking, NER) that
one seed scores in those sentences; the oracle is the CoNLL files themselves (a token a line, a chunk a B-)."""
from __future__ import annotations

import csv
import io
import json
import random

import numpy as np
import pytest

from tests._records import cli_records
from wordeval.report import tables
from wordeval.report.compare import compare

WORDS = {"DT": ["the", "a"], "NN": ["dog", "cat", "house", "car"], "VB": ["runs", "sees"], "JJ": ["big", "red"]}
NER = [[("John", "B-PER"), ("Smith", "I-PER"), ("lives", "O"), ("in", "O"), ("Paris", "B-LOC")],
       [("Mary", "B-PER"), ("visited", "O"), ("Berlin", "B-LOC"), ("and", "O"), ("New", "B-LOC"), ("York", "I-LOC")],
       [("it", "O"), ("rains", "O")]]


def _conll(path, sentences):
    path.write_text("".join("".join(f"{w} {t}\n" for w, t in s) + "\n" for s in sentences), encoding="utf-8")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Two representations, POS and NER, 2 seeds: (store, test tokens, test gold chunks, test sentences)."""
    from wordeval.cli import main

    folder = tmp_path_factory.mktemp("units")
    rng = random.Random(0)
    pos = [[(rng.choice(WORDS[t]), t) for t in ("DT", "JJ", "NN", "VB", "DT", "NN")[:rng.randint(2, 6)]]
           for _ in range(70)]
    ner = [NER[rng.randrange(3)] for _ in range(50)]
    _conll(folder / "pos_train.txt", pos[:40])
    _conll(folder / "pos_test.txt", pos[40:])
    _conll(folder / "ner_train.txt", ner[:30])
    _conll(folder / "ner_test.txt", ner[30:])
    for name in ("pos", "ner"):
        (folder / f"{name}.toml").write_text(f'name = "toy{name}"\nfamily = "{name}"\n[files]\n'
                                             f'train = "{name}_train.txt"\ntest = "{name}_test.txt"\n')
    words = sorted({w for s in pos + ner for w, _ in s})
    vectors = np.random.default_rng(0).standard_normal((2, len(words), 6))
    for k, label in enumerate("ab"):
        (folder / f"{label}.txt").write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in v)}\n"
                                                     for w, v in zip(words, vectors[k])), encoding="utf-8")
    assert main(["-q", "extrinsic", f"A={folder / 'a.txt'}", f"B={folder / 'b.txt'}", "--tasks",
                 str(folder / "pos.toml"), str(folder / "ner.toml"), "--learner", "crf", "--seeds", "2",
                 "--out", str(folder / "store")]) == 0
    tokens = sum(len(s) for s in pos[40:])  # the oracle: the test file's token lines and B- tags
    chunks = sum(1 for s in ner[30:] for _, t in s if t.startswith("B-"))
    return folder / "store", tokens, chunks, (len(pos) - 40, len(ner) - 30)


def _comp(store):
    from wordeval.results.store import load_records

    records, skipped = load_records([store])
    return compare(records, skipped=skipped, n_boot=200)


def test_compare_names_sentences_and_the_tokens_or_chunks_scored(store):
    path, tokens, chunks, (n_pos, n_ner) = store
    comp = _comp(path)
    text = tables.markdown_results(comp, esc=str)
    pos_row = next(r for r in text.splitlines() if r.startswith("| pos/"))
    ner_row = next(r for r in text.splitlines() if r.startswith("| ner/"))
    assert f"{n_pos}/{n_pos} sentences (100.0%), {tokens:,} tokens, OOV" in pos_row
    assert f"| {n_pos} of {n_pos} sentences ({tokens:,} tokens) |" in pos_row
    assert f"{n_ner}/{n_ner} sentences (100.0%), {chunks:,} gold chunks, OOV" in ner_row
    assert f"| {n_ner} of {n_ner} sentences ({chunks:,} gold chunks) |" in ner_row
    ranks = tables.markdown_rankings(comp, esc=str)
    assert f"| {n_pos} of {n_pos} sentences ({tokens:,} tokens) |" in ranks
    # the accuracy shown is over those tokens: correct / tokens of each seed, averaged
    recs = [r for r in comp.records if r.task == "pos/toypos" and r.label == "A"]
    assert comp.cells[("A", "pos/toypos")]["value"] == pytest.approx(
        np.mean([sum(r.per_item["correct"]) / tokens for r in recs]))


def test_csv_and_json_say_the_unit_and_the_counts(store):
    path, tokens, chunks, (n_pos, n_ner) = store
    comp = _comp(path)
    rows = {(r["representation"], r["task"]): r for r in csv.DictReader(io.StringIO(tables.results_csv(comp)))}
    assert rows[("A", "pos/toypos")]["unit"] == "sentences" and rows[("A", "pos/toypos")]["n_used"] == str(n_pos)
    assert rows[("A", "pos/toypos")]["n_tokens"] == str(tokens) and rows[("A", "pos/toypos")]["n_gold_chunks"] == ""
    assert rows[("B", "ner/toyner")]["n_gold_chunks"] == str(chunks) and rows[("B", "ner/toyner")]["n_tokens"] == ""
    data = json.loads(json.dumps(comp.to_dict()))
    task = {t["name"]: t for t in data["tasks"]}
    assert task["pos/toypos"]["common_scored"] == {"tokens": tokens}
    assert task["ner/toyner"]["common_scored"] == {"gold_chunks": chunks}
    assert {t["unit"] for t in data["pair_tests"]} == {"sentences"}
    assert all(t["n_items"] in (n_pos, n_ner) for t in data["pair_tests"])


def test_report_tables_say_it_in_every_format(store, tmp_path):
    from wordeval.cli import main

    path, tokens, chunks, (n_pos, _) = store
    assert main(["-q", "report", str(path), "--out", str(tmp_path / "r"), "--n-boot", "200"]) == 0
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    tex = (tmp_path / "r" / "report.tex").read_text(encoding="utf-8")
    for text in (md, html):
        assert f"{n_pos}/{n_pos} sentences (100.0%), {tokens:,} tokens" in text
        assert f"{n_pos} of {n_pos} sentences ({tokens:,} tokens)" in text
    coverage = tex[tex.index(r"\label{tab:wordeval-results}"):tex.index(r"\label{tab:wordeval-coverage}")]
    assert f"{n_pos}/{n_pos} sentences (100.0\\%)" in coverage and f"{tokens} tokens" in coverage.replace(",", "")
    assert f"{chunks} gold chunks" in coverage.replace(",", "")
    assert f"{n_pos} of {n_pos} common sentences ({tokens:,} tokens)" in tex.replace("{,}", ",")
    header = (tmp_path / "r" / "results.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-3:] == ["unit", "n_tokens", "n_gold_chunks"]


def test_classification_cells_count_documents():
    comp = compare(cli_records(), n_boot=100)
    row = next(r for r in tables.markdown_results(comp, esc=str).splitlines() if r.startswith("| classification/"))
    assert "300/300 documents (100.0%)" in row and "| 300 of 300 documents |" in row
    sim = next(r for r in tables.markdown_results(comp, esc=str).splitlines() if r.startswith("| similarity/"))
    assert "200/200 word pairs (100.0%)" in sim and "| 200 of 200 word pairs |" in sim  # every count names its unit


def test_counts_of_a_record_that_pools_its_seeds():
    """A record of 3 inner seeds without NAME@K columns sums each sentence's counts over the seeds: one seed
    scores a third of them (every seed tags the same tokens)."""
    from wordeval.report.cells import record_scored, scored_counts

    assert scored_counts({"id": [0, 1], "correct": [5, 7], "total": [6, 9]}, 3) == {"tokens": 5}
    assert scored_counts({"id": [0, 1], "tp": [2, 1], "fp": [0, 4], "fn": [1, 2]}) == {"gold_chunks": 6}
    assert scored_counts({"id": [0], "gold": [1], "pred": [1]}) is None
    from tests._records import make_record

    rec = make_record("A", "pos/toy", {"id": [0, 1], "correct": [9, 15], "total": [9, 18]})
    rec.extra = {"protocol": {"seeds": [0, 1, 2]}}
    assert record_scored(rec) == {"tokens": 9}  # 27 tokens summed over 3 seeds
    rec.per_item.update({"correct@0": [3, 5], "total@0": [3, 6], "correct@1": [3, 5], "total@1": [3, 6],
                         "correct@2": [3, 5], "total@2": [3, 6]})
    assert record_scored(rec) == {"tokens": 9}
