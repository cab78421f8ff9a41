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
