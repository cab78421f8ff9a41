"""--save-predictions into the predictions folder of a wordeval from before labels with capitals got a digest
(b6ff275): the cell's file under its earlier name ('..__GloVe__..') stayed beside the new one ('..__GloVe-
a63b19cc__..'), two files of one cell, the older one of a record the new one replaced."""
from __future__ import annotations

import json

from tests._small_task import write_small_task
from wordeval.cli import main


def _as_older_wordeval_named_it(folder, name: str, earlier: str, representation: str) -> None:
    facts = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    facts.update(file=earlier, representation=representation)
    (folder / earlier).write_bytes((folder / name).read_bytes())
    (folder / f"{earlier}.json").write_text(json.dumps(facts), encoding="utf-8")


def test_a_recomputed_cell_replaces_its_file_of_the_earlier_name(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    vectors, spec = write_small_task(tmp_path)
    run = ["--quiet", "intrinsic", f"GloVe={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "R"),
           "--save-predictions", str(tmp_path / "P")]
    assert main(run) == 0
    folder = tmp_path / "P"
    (name,) = [p.name for p in folder.glob("*.tsv")]
    assert name.startswith("similarity__mine__GloVe-")
    cfg = name.rpartition("__")[2]
    earlier = f"similarity__mine__GloVe__{cfg}"
    _as_older_wordeval_named_it(folder, name, earlier, "GloVe")
    (folder / name).unlink(), (folder / f"{name}.json").unlink()
    assert main([*run[:-3], str(tmp_path / "R2"), *run[-2:]]) == 0  # a new store computes the cell again
    assert sorted(p.name for p in folder.glob("*.tsv*")) == [name, f"{name}.json"]


def test_a_file_of_the_earlier_name_that_names_another_label_stays(tmp_path, monkeypatch):
    # where file names ignore case, 'glove' and 'GloVe' had one earlier name: its sidecar tells them apart
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    vectors, spec = write_small_task(tmp_path)
    run = ["--quiet", "intrinsic", f"GloVe={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "R"),
           "--save-predictions", str(tmp_path / "P")]
    assert main(run) == 0
    folder = tmp_path / "P"
    (name,) = [p.name for p in folder.glob("*.tsv")]
    earlier = f"similarity__mine__GloVe__{name.rpartition('__')[2]}"
    _as_older_wordeval_named_it(folder, name, earlier, "glove")
    assert main([*run[:-3], str(tmp_path / "R2"), *run[-2:]]) == 0  # a new store computes the cell again
    assert sorted(p.name for p in folder.glob("*.tsv*")) == sorted([name, f"{name}.json", earlier,
                                                                   f"{earlier}.json"])
