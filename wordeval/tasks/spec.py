"""Task specs: frozen and versioned. Bump ``version`` whenever a change can move a score.

A ``TaskSpec`` is what a task declaration file (``wordeval/tasks/builtin/<family>/<name>.toml`` or a
user's spec file, see ``spec_file.py``) says about the task itself; the data it needs is a
``wordeval.datasets.spec.DatasetSpec`` declared in the same file.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class TaskSpec:
    name: str  # "<family>/<name>", e.g. "similarity/simlex999"
    version: str
    family: str
    dataset: str  # name of the dataset (registry kind "dataset"), declared in the same file
    main_score: str  # key in the result's scores
    direction: str = "higher"  # "higher" or "lower" is better
    split: str = "test"  # split that is scored
    description: str = ""
    # Task-level config defaults, overlaid on the family's defaults (e.g. the tokenizer of a pre-tokenised set,
    # phrase handling of a multiword similarity set, the classification protocol).
    parameters: Mapping[str, Any] = field(default_factory=dict)
    origin: str = ""  # where it was declared: "builtin:<family>/<name>.toml" or the spec file's path
    # sha256 of a user's spec file as it was parsed ("" for a built-in task): the request key and the record
    # take it from here, since reading the file again at each of them could see an edit made mid-run
    spec_sha256: str = ""

    @property
    def kind(self) -> str:
        from wordeval.tasks.families import family_info
        return family_info(self.family).kind

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["parameters"] = dict(self.parameters)
        return d
