"""Test documents that train holds too: a classifier has seen them, so its test accuracy partly measures
recall. They were not reported at all (BBC News's packaged split shares 24 of its 222 test articles with
train). Oracle: the set intersection of the two files' texts, counted by hand."""
from __future__ import annotations


def _write(tmp_path, train, test, dev=None):
    files = {"train": train, "test": test, **({"dev": dev} if dev else {})}
    for name, rows in files.items():
        (tmp_path / f"{name}.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    keys = "".join(f'{name} = "{name}.tsv"\n' for name in files)
    (tmp_path / "c.toml").write_text(f'name = "c"\nfamily = "classification"\n[files]\n{keys}')
    return str(tmp_path / "c.toml")


def test_test_texts_also_in_train_are_named_in_the_warnings(tmp_path):
    import wordeval

    train = [("pos", f"good text {i}") for i in range(6)] + [("neg", f"bad text {i}") for i in range(6)]
    test = [("pos", "good text 1"), ("neg", "bad text 2"), ("neg", "bad text 2"), ("pos", "fresh text")]
    spec = _write(tmp_path, train, test)
    shared = [t for _, t in test if t in {t for _, t in train}]
    assert len(shared) == 3
    warnings = wordeval.get_task(spec).load_dataset().metadata["warnings"]
    leak = [w for w in warnings if "also in train" in w]
    assert len(leak) == 1 and leak[0].startswith(f"test: {len(shared)} of its {len(test)} texts also in train (")
    assert "'good text 1'" in leak[0] and "'bad text 2'" in leak[0]


def test_no_warning_without_shared_texts_and_none_for_the_unused_dev_split(tmp_path):
    import wordeval

    train = [("pos", f"good text {i}") for i in range(6)] + [("neg", f"bad text {i}") for i in range(6)]
    spec = _write(tmp_path, train, [("pos", "fresh text"), ("neg", "other text")], dev=[("pos", "good text 1")])
    warnings = wordeval.get_task(spec).load_dataset().metadata.get("warnings") or []
    assert not [w for w in warnings if "also in train" in w]
