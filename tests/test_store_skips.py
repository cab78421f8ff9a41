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


def test_a_task_skipped_on_one_representation_stays_skipped_when_another_computes_it(tmp_path):
    """A (data there), then B (data file missing: skipped under --keep-going), then C (data back) into one
    store: C's record deleted the task-wide skip, so B's cell lost its reason and the comparison called it
    'never computed (an interrupted run)'."""
    from wordeval.cli import main
    from wordeval.report.compare import compare
    from wordeval.results.store import load_records

    words = ["tiger", "cat", "book", "paper", "computer", "keyboard", "plane", "car", "train", "money", "cash"]
    rng = np.random.default_rng(0)
    for name in "ABC":
        (tmp_path / f"{name}.txt").write_text(
            "".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n" for w in words), encoding="utf-8")
    data = tmp_path / "pairs.tsv"
    pairs = ("tiger\tcat\t7.35\nbook\tpaper\t7.46\ncomputer\tkeyboard\t7.62\nplane\tcar\t5.77\n"
             "train\tcar\t6.31\nmoney\tcash\t9.15\n")
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")

    def run(name: str) -> int:
        return main(["--quiet", "run", f"{name}={tmp_path / f'{name}.txt'}", "--tasks", str(spec),
                     "--out", str(tmp_path / "R"), "--keep-going"])

    data.write_text(pairs, encoding="utf-8")
    assert run("A") == 0
    data.unlink()
    assert run("B") == 3
    data.write_text(pairs, encoding="utf-8")
    assert run("C") == 0
    records, skipped = load_records([tmp_path / "R"])
    assert [(s["task"], s["embedding"]) for s in skipped] == [("similarity/mine", "B")]
    comp = compare(records, skipped=skipped, n_boot=10)
    assert not [n for n in comp.notes if "never computed" in n]


def test_a_task_wide_skip_of_an_older_store_is_not_called_never_computed():
    from wordeval.report.compare import compare

    records = [r for r in toy_records() if not (r.embedding["name"] == "B" and r.task == "pos/toy")]
    skipped = [{"task": "pos/toy", "embedding": "(all)", "reason": "no data home"}]
    comp = compare(records, skipped=skipped, n_boot=10)
    assert not [n for n in comp.notes if "never computed" in n]
