"""Task specs: frozen and versioned. Bump ``version`` whenever a change can move a score."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

FAMILIES = ("similarity", "analogy", "sts", "pos", "chunking", "ner", "classification")


@dataclass(frozen=True)
class TaskSpec:
    name: str  # "<family>/<dataset>", e.g. "similarity/simlex999"
    version: str
    family: str
    dataset: str  # registry name of the dataset
    main_score: str  # key in the result's scores
    direction: str = "higher"  # "higher" or "lower" is better
    split: str = "test"  # split that is scored
    description: str = ""
    parameters: Mapping[str, Any] = field(default_factory=dict)  # fixed by the task (not user config)

    @property
    def kind(self) -> str:
        return "intrinsic" if self.family in ("similarity", "analogy", "sts") else "extrinsic"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["parameters"] = dict(self.parameters)
        return d
