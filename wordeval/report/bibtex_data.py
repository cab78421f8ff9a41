"""Which copy of each dataset the cited numbers rest on: task version, dataset version, source, file sha256s
and the built-in dataset's caveats, for ``wordeval cite`` and a report's references.bib.

A BibTeX entry names a paper, not the data read: WNUT-16's entry is the same for the shared task's test set
and for the re-split of its train part that ``ner/wnut16`` scores, and STS12's for its training release. A
reader who had only the .bib could not tell which numbers they may compare with, nor check the files."""
from __future__ import annotations

from typing import Any, Sequence

from wordeval.report.protocol import builtin_caveats, dataset_text
from wordeval.results.declared import declared_in
from wordeval.results.record import ResultRecord


def _builtin(rec: ResultRecord) -> bool:
    return declared_in(rec).startswith("builtin:")


def dataset_versions(records: Sequence[ResultRecord]) -> list[dict[str, Any]]:
    """One entry per task and distinct data (a store may hold records on an earlier file), in task order."""
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for rec in sorted(records, key=lambda r: (r.task, str(r.task_version))):
        ds = rec.dataset or {}
        sha = dict(sorted((rec.dataset_sha256 or {}).items()))
        # the spec too: records of one user task scored by two versions of its spec named only the first
        key = (rec.task, str(rec.task_version), dataset_text(ds), tuple(sha.items()),
               None if _builtin(rec) else (ds.get("declared_in"), ds.get("spec_sha256")))
        if key in seen:
            continue
        seen.add(key)
        out.append({"task": rec.task, "task_version": str(rec.task_version), "dataset": ds.get("name"),
                    "dataset_version": ds.get("version"), "source": ds.get("source"), "sha256": sha,
                    # a user's task is its spec as much as its data: the same file scored otherwise
                    "spec": None if _builtin(rec) else ds.get("declared_in"),
                    "spec_sha256": ds.get("spec_sha256"),
                    "caveats": builtin_caveats({**ds, "declared_in": declared_in(rec)})})
    return out


def dataset_version_lines(versions: Sequence[dict[str, Any]]) -> list[str]:
    """The entries as text lines (the caller makes them BibTeX comments)."""
    if not versions:
        return []
    lines = ["Data the numbers rest on (task, task version: dataset, version, source; file sha256s):"]
    for v in versions:
        ds = dataset_text({"name": v["dataset"], "version": v["dataset_version"], "source": v["source"]})
        lines.append(f"{v['task']} (task version {v['task_version']}): {ds or 'dataset not recorded'}")
        if v["spec"] and v["spec_sha256"]:
            lines.append(f"  spec {v['spec']}: sha256 {v['spec_sha256']}")
        lines += [f"  sha256 {path}: {digest}" for path, digest in v["sha256"].items()]
        lines += [f"  caveat: {c}" for c in v["caveats"]]
    return lines
