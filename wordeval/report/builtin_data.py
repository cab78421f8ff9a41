"""Records of a built-in task computed on another dataset than the task's.

compare knows a built-in task's data by its version alone (its sources are pinned to the same items), so a
record that an older wordeval's ``get_task("similarity/ws353").score(emb, dataset=load("rg65"))`` made, RG-65's
pairs under WS-353's name, was shown in WS-353's column beside real WS-353 scores. The record names the
dataset it read (``dataset.name``): one that is not the built-in task's is left out, whichever is latest.
"""
from __future__ import annotations

from typing import Sequence

from wordeval.results.record import ResultRecord


def other_dataset_of_builtin(records: Sequence[ResultRecord]) -> tuple[list[ResultRecord], list[str]]:
    """(the records to keep, a note per task whose records of another dataset were left out)."""
    from wordeval.registry import REGISTRY

    tasks = set(REGISTRY.names("task"))
    datasets: dict[str, str] = {}  # a task's own dataset, resolved once: each resolve reads its spec file

    def dataset_of(task: str) -> str:
        if task not in datasets:
            datasets[task] = REGISTRY.resolve("task", task).dataset
        return datasets[task]

    kept: list[ResultRecord] = []
    left: dict[str, dict[str, int]] = {}
    for rec in records:
        block = rec.dataset or {}
        name = block.get("name")
        if (rec.task in tasks and str(block.get("declared_in") or "").startswith("builtin:") and name
                and name != dataset_of(rec.task)):
            counts = left.setdefault(rec.task, {})
            counts[str(name)] = counts.get(str(name), 0) + 1
        else:
            kept.append(rec)
    notes = [f"{task}: {sum(n.values())} record(s) were computed on another dataset ({', '.join(sorted(n))}) than "
             f"the built-in task's ({dataset_of(task)}) and are left out: an older wordeval's "
             f"Task.score(..., dataset=) scored any data under the task's name; score other data under a name of "
             f"its own (a TaskSpec or spec file)." for task, n in sorted(left.items())]
    return kept, notes
