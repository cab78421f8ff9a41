"""A user's spec file is hashed once, when it is parsed: the request key and the record both take that digest.
Before, runner.data_identity (the request key) and results.build (the record's dataset.spec_sha256) each read
the file again, so a spec edited while a run was going gave a record naming a spec it was never planned or
scored with. Oracle: hashlib's sha256 of the bytes the run started from."""
from __future__ import annotations

import hashlib

import wordeval
import wordeval.runner as runner
from tests._small_task import write_small_task
from wordeval.results.store import load_records


def test_a_spec_edited_mid_run_leaves_the_record_naming_the_spec_it_ran_with(tmp_path, monkeypatch):
    vectors, spec = write_small_task(tmp_path)
    ran_with = hashlib.sha256(spec.read_bytes()).hexdigest()
    original = runner.data_identity

    def identity_then_edit(task, dataset):
        out = original(task, dataset)
        # the user saves an edit after the run has planned its cells and before any record is written
        spec.write_text(spec.read_text(encoding="utf-8") + 'description = "edited"\n', encoding="utf-8")
        return out

    monkeypatch.setattr(runner, "data_identity", identity_then_edit)
    wordeval.run([f"A={vectors}"], [str(spec)], out=str(tmp_path / "store"))
    assert hashlib.sha256(spec.read_bytes()).hexdigest() != ran_with  # the edit did land
    records, _ = load_records(str(tmp_path / "store"))
    assert [r.dataset["spec_sha256"] for r in records] == [ran_with]


def test_the_parsed_spec_carries_the_digest_of_its_bytes_and_a_builtin_none(tmp_path):
    _, spec = write_small_task(tmp_path)
    assert wordeval.get_task(str(spec)).spec.spec_sha256 == hashlib.sha256(spec.read_bytes()).hexdigest()
    assert wordeval.get_task("similarity/ws353").spec.spec_sha256 == ""
