"""A task skipped for want of data (or a cell failed under --keep-going) and computed by a later run into the
same store stayed listed as skipped: the report's Skipped section said 'no source could provide the files'
beside the task's scores."""
from __future__ import annotations

import numpy as np

from tests._records import toy_records
from wordeval.results.store import ResultStore


def test_a_record_clears_the_skips_of_its_task_and_cell(tmp_path):
    from wordeval.results.store import skip_key

    rec = toy_records()[0]
    label = str(rec.embedding.get("name"))
    with ResultStore(tmp_path / "R") as store:
        store.put_skipped(skip_key(rec.task), task=rec.task, embedding_name="(all)", reason="no data home")
        store.put_skipped(skip_key(rec.task, label, rec.seed), task=rec.task, embedding_name=label,
                          reason="error: broken")
        store.put_skipped(skip_key("other/task"), task="other/task", embedding_name="(all)", reason="no data")
        store.put_skipped(skip_key(rec.task, label, rec.seed + 1), task=rec.task, embedding_name=label,
                          reason="error: another seed")
        store.put(rec, request="req")
        assert sorted(s["reason"] for s in store.skipped()) == ["error: another seed", "no data"]


def test_a_rerun_with_the_data_leaves_no_skip_in_the_report(tmp_path, monkeypatch, capsys):
    from wordeval.cli import main

    words = ["tiger", "cat", "book", "paper", "computer", "keyboard", "plane", "car", "train", "money", "cash"]
    rng = np.random.default_rng(0)
    (tmp_path / "v.txt").write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n"
                                            for w in words), encoding="utf-8")
    data = tmp_path / "pairs.tsv"
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")
    args = ["--quiet", "run", f"v={tmp_path / 'v.txt'}", "--tasks", str(spec), "--out", str(tmp_path / "R"),
            "--keep-going"]
    assert main(args) == 3  # the data file is not there yet: recorded as skipped
    data.write_text("tiger\tcat\t7.35\nbook\tpaper\t7.46\ncomputer\tkeyboard\t7.62\nplane\tcar\t5.77\n"
                    "train\tcar\t6.31\nmoney\tcash\t9.15\n", encoding="utf-8")
    assert main(args) == 0
    with ResultStore(tmp_path / "R", readonly=True) as store:
        assert len(store) == 1 and store.skipped() == []
