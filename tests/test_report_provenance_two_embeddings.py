"""A label scored with two embeddings on one kind of task (``MiniLM=minilm:type-level|minilm``: similarity on
type-level word vectors, STS on the encoder) showed one fingerprint for it: the committed demo's Provenance
named MiniLM (intrinsic) by the encoder's sha256:2d2a..., while its similarity records hold the type-level
sha256:6f96..., so a reader could not check what scored the similarity sets. Oracle: the fingerprints the
records were built with."""
from __future__ import annotations

import json

import numpy as np

from tests._records import make_record, toy_records
from wordeval.report.compare import compare
from wordeval.report.writer import write_report


def _records():
    recs = toy_records()
    for rec in recs:
        rec.embedding = {**rec.embedding, "format": "vectors"}
    (sim_a,) = [r for r in recs if r.label == "A" and r.family == "similarity"]
    sim_a.embedding = {**sim_a.embedding, "fingerprint": "sha256:typeA", "format": "bert-type"}
    rng = np.random.default_rng(3)
    gold = rng.normal(size=120)
    for name in "ABC":
        rec = make_record(name, "similarity/toy", {"id": list(range(120)), "gold": gold,
                                                    "pred": gold + rng.normal(size=120)})
        rec.task, rec.family, rec.dataset = "sts/toy", "sts", {"name": "toy"}
        rec.embedding = {**rec.embedding, "format": "bert-token" if name == "A" else "vectors"}
        recs.append(rec)
    return recs


def test_each_embedding_of_a_label_has_its_fingerprint_in_the_provenance(tmp_path):
    comp = compare(_records(), n_boot=100)
    assert not comp.notes  # both of A's embeddings are compared: one per level
    out = write_report(comp, tmp_path / "rep", figures=False)
    md = (out / "report.md").read_text(encoding="utf-8")
    prov = md.split("## Provenance", 1)[1].splitlines()
    assert "  A (intrinsic: similarity): sha256:typeA  [test, format bert-type]" in prov
    assert "  A (intrinsic: sts): sha256:A  [test, format bert-token]" in prov
    assert "  A (extrinsic): sha256:A  [test]" in prov
    assert "  B (intrinsic): sha256:B  [test]" in prov  # one embedding: one line, as before
    embeddings = json.loads((out / "results.json").read_text(encoding="utf-8"))["provenance"]["embeddings"]
    assert {k: v["fingerprint"] for k, v in embeddings.items() if k.startswith("A ")} == {
        "A (intrinsic: similarity)": "sha256:typeA", "A (intrinsic: sts)": "sha256:A",
        "A (extrinsic)": "sha256:A"}
    for name in ("report.html", "report.tex"):
        assert "sha256:typeA" in (out / name).read_text(encoding="utf-8"), name
