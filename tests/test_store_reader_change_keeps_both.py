"""A user's spec changes how its unchanged files are read (columns.label moved from the sentiment column
to the topic column) and seed 0 is run again into the same store. The request key holds the spec's digest,
so the cell was computed again, but the record key holds neither the spec nor the reading, and the data's
sha256 had not moved: the new record replaced the earlier one without a word, and compare averaged seed 0
(topic labels) with seed 1 (sentiment labels) into one mean ± sd. Now the earlier reading's record stays
stored beside the new one, the run says why it computed again, and compare uses only the latest reading's
records and says what it left out. Oracles: each record's accuracy equals sklearn's on its saved
predictions; which records are kept and averaged is checked by their reader options."""
from __future__ import annotations

import csv
import logging

import numpy as np
import pytest
from sklearn.metrics import accuracy_score

import wordeval
from wordeval.results.store import ResultStore, load_records

EPS = float(np.finfo(np.float32).eps)
WORDS = {"pos": ["great", "superb", "loved"], "neg": ["awful", "dull", "boring"],
         "sport": ["goal", "match", "team"], "money": ["bank", "price", "market"]}


def _write_task(folder, label: str):
    rng = np.random.default_rng(0)
    vocab = sorted({w for ws in WORDS.values() for w in ws})
    vectors = folder / "v.txt"
    rows = (f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(6))}\n" for w in vocab)
    vectors.write_text("".join(rows), encoding="utf-8")
    for split, n in (("train", 16), ("test", 8)):
        with open(folder / f"{split}.csv", "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["text", "sentiment", "topic"])
            for i in range(n):
                sentiment, topic = ("pos", "neg")[i % 2], ("sport", "money")[(i // 2) % 2]
                out.writerow([f"{WORDS[sentiment][i % 3]} {WORDS[topic][(i + 1) % 3]}", sentiment, topic])
    spec = folder / "two.toml"
    spec.write_text(f'name = "two"\nfamily = "classification"\nprotocol = "split"\nheader = true\n'
                    f'columns = {{label = "{label}"}}\n[config]\nn_seeds = 1\n'
                    '[files]\ntrain = "train.csv"\ntest = "test.csv"\n', encoding="utf-8")
    return vectors, spec


def _label_column(record) -> int:
    return record.dataset["reader"]["options"]["label_column"]


def test_a_spec_that_reads_the_same_files_otherwise_keeps_the_earlier_record(tmp_path, caplog):
    vectors, spec = _write_task(tmp_path, "sentiment")
    out, predictions = str(tmp_path / "store"), tmp_path / "pred"
    wordeval.run([f"v={vectors}"], [str(spec)], out=out, seeds=[0, 1], predictions=str(predictions / "a"))
    _write_task(tmp_path, "topic")
    caplog.set_level(logging.INFO, logger="wordeval")
    wordeval.run([f"v={vectors}"], [str(spec)], out=out, seeds=[0], predictions=str(predictions / "b"))

    records, _ = load_records(out)
    kept = sorted((r.seed, _label_column(r)) for r in records)
    assert kept == [(0, 1), (0, 2), (1, 1)]  # seed 0 under both readings, seed 1 under the first
    for rec in records:
        run = predictions / ("a" if _label_column(rec) == 1 else "b")
        with open(next(run.glob(f"*seed{rec.seed}*.tsv")), encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        gold, pred = [r["gold"] for r in rows], [r["predicted"] for r in rows]
        assert set(gold) == ({"pos", "neg"} if _label_column(rec) == 1 else {"sport", "money"})
        assert rec.main_value == pytest.approx(accuracy_score(gold, pred), abs=4 * EPS)
    with ResultStore(out, readonly=True) as store:
        assert store.check() == []
    stored = [m for m in (r.getMessage() for r in caplog.records) if m.startswith("stored ")]
    assert len(stored) == 1 and "computed again" in stored[0], stored
    assert "how its files were read" in stored[0], stored

    comparison = wordeval.compare(out, n_boot=20)
    (cell,) = comparison.cells.values()
    (latest,) = [r for r in records if _label_column(r) == 2]
    # not averaged with seed 1, computed on the sentiment labels
    assert cell["value"] == pytest.approx(latest.main_value, abs=4 * EPS)
    assert any("2 record(s) were computed on another version of the task or its data" in n
               for n in comparison.notes), comparison.notes


def test_going_back_to_the_earlier_reading_finds_its_record(tmp_path):
    vectors, spec = _write_task(tmp_path, "sentiment")
    out = str(tmp_path / "store")
    wordeval.run([f"v={vectors}"], [str(spec)], out=out, seeds=[0])
    _write_task(tmp_path, "topic")
    wordeval.run([f"v={vectors}"], [str(spec)], out=out, seeds=[0])
    _write_task(tmp_path, "sentiment")
    summary = wordeval.run([f"v={vectors}"], [str(spec)], out=out, seeds=[0])
    assert summary.computed == [] and len(summary.cached) == 1
    assert sorted(_label_column(r) for r in load_records(out)[0]) == [1, 2]
