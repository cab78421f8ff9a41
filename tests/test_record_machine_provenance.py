"""From a record alone, which machine computed it and which file it read. Tagging scores move with the CPU's
float rounding (README, the make demo row), yet a record's run named the OS and kernel only, and a report's
machine line names the machine that wrote the report, not the ones that computed its records: records made on
a Zen 3 and reported on a Zen 4 read as Zen 4 numbers. And a report named each embedding file by its content
fingerprint, which only wordeval computes, not by what `sha256sum FILE` prints, which the record holds.
Oracles: a hand-written run.cpu carried through a record file, and hashlib's sha256 of the file."""
from __future__ import annotations

import hashlib
import json

from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.provenance import cpu_description
from wordeval.results.store import load_records

OTHER = "AMD EPYC (family 25 model 1, AVX2), 8 CPUs"


def _provenance_lines(report_md: str) -> list[str]:
    return report_md.split("## Provenance", 1)[1].splitlines()


def test_a_record_names_its_machine_and_a_report_each_records_machine(tmp_path, monkeypatch):
    vectors, spec = write_small_task(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--quiet", "intrinsic", f"v={vectors}", "--tasks", str(spec), "--out", "R"]) == 0
    (rec,), _ = load_records(tmp_path / "R")
    here = cpu_description()
    assert here and rec.run["cpu"] == here

    # the same record as computed on another machine, reported here
    moved = rec.to_dict()
    moved["run"]["cpu"] = OTHER
    (tmp_path / "elsewhere.json").write_text(json.dumps(moved), encoding="utf-8")
    assert main(["--quiet", "report", "elsewhere.json", "--out", "rep"]) == 0
    lines = _provenance_lines((tmp_path / "rep" / "report.md").read_text(encoding="utf-8"))
    (produced,) = [line for line in lines if line.startswith("  wordeval ") and "seeds" in line]
    assert produced.endswith(f", on {OTHER}")
    prov = json.loads((tmp_path / "rep" / "results.json").read_text(encoding="utf-8"))["provenance"]
    assert [r["cpus"] for r in prov["record_runs"]] == [[OTHER]]


def test_a_report_names_each_file_by_what_sha256sum_prints(tmp_path, monkeypatch):
    vectors, spec = write_small_task(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--quiet", "intrinsic", f"v={vectors}", "--tasks", str(spec), "--out", "R"]) == 0
    assert main(["--quiet", "report", "R", "--out", "rep"]) == 0
    digest = hashlib.sha256(vectors.read_bytes()).hexdigest()
    lines = _provenance_lines((tmp_path / "rep" / "report.md").read_text(encoding="utf-8"))
    (shown,) = [line for line in lines if line.startswith("  v (intrinsic): ")]
    assert shown.endswith(f"[{vectors}, file sha256 {digest}]")
    prov = json.loads((tmp_path / "rep" / "results.json").read_text(encoding="utf-8"))["provenance"]
    assert prov["embeddings"]["v (intrinsic)"]["file_sha256"] == digest


def test_records_without_a_machine_are_reported_as_before(tmp_path, monkeypatch):
    """A record of an earlier wordeval has no run.cpu: its runs line names none, and reads."""
    vectors, spec = write_small_task(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--quiet", "intrinsic", f"v={vectors}", "--tasks", str(spec), "--out", "R"]) == 0
    (rec,), _ = load_records(tmp_path / "R")
    old = rec.to_dict()
    del old["run"]["cpu"]
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    assert main(["--quiet", "report", "old.json", "--out", "rep"]) == 0
    lines = _provenance_lines((tmp_path / "rep" / "report.md").read_text(encoding="utf-8"))
    (produced,) = [line for line in lines if line.startswith("  wordeval ") and "seeds" in line]
    assert produced.endswith("seeds [0]")
