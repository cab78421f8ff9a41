"""`wordeval demo --store` registers its run in the store as `run` does: a demo killed midway left its store
with records and no run, so compare, report and status were silent about the cells it never computed. The demo's
plan is cut down to one tiny representation and one similarity task of 8 pairs."""
from __future__ import annotations

import json

import pytest

from wordeval.cli import demo as demo_cli
from wordeval.cli import main


@pytest.fixture
def tiny_demo(tmp_path, monkeypatch):
    words = "cat dog car truck apple pear king queen".split()
    (tmp_path / "v.txt").write_text("".join(f"{w} {i % 3 + 1}.0 {i % 5 - 2}.5 {i * 0.25:.2f}\n"
                                            for i, w in enumerate(words)), encoding="utf-8")
    pairs = [("cat", "dog", 8), ("car", "truck", 7), ("apple", "pear", 6), ("king", "queen", 9),
             ("cat", "car", 1), ("dog", "pear", 2), ("king", "apple", 0.5), ("truck", "queen", 3)]
    (tmp_path / "sim.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    (tmp_path / "toy.toml").write_text('name = "toy"\nfamily = "similarity"\n[files]\ntest = "sim.tsv"\n',
                                       encoding="utf-8")
    monkeypatch.setattr(demo_cli, "DEMO_REPRESENTATIONS", (("tiny", str(tmp_path / "v.txt"), None),))
    monkeypatch.setattr("wordeval.suites.suite_tasks", lambda name: [(str(tmp_path / "toy.toml"), {})])
    return ["demo", "--out", str(tmp_path / "report"), "--store", str(tmp_path / "store"), "--n-boot", "10",
            "--seeds", "1", "-q"]


def _status(capsys, store):
    capsys.readouterr()
    code = main(["status", str(store), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_demo_interrupted_before_its_cell_leaves_it_listed_as_not_computed(tiny_demo, tmp_path, capsys,
                                                                            monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("wordeval.runner.execute", interrupted)
    assert main(tiny_demo) == 130
    code, out = _status(capsys, tmp_path / "store")
    assert code == 5 and [r["state"] for r in out["runs"]] == ["interrupted"]
    assert [(c["embedding"], c["task"], c["state"]) for c in out["cells"]] == [
        ("tiny", "similarity/toy", "not computed")]


def test_a_finished_demo_is_a_finished_run_with_its_cell_stored(tiny_demo, tmp_path, capsys):
    assert main(tiny_demo) == 0
    code, out = _status(capsys, tmp_path / "store")
    assert code == 0 and [(r["state"], r["planned_cells"], r["recorded_cells"]) for r in out["runs"]] == [
        ("finished", 1, 1)]
