"""Frozen task specs of the intrinsic family, one module attribute per task (registry targets point here).

Versions: bump when a change can move a score (metric definition, default policy, dataset parsing).
"""
from __future__ import annotations

from wordeval.tasks import TaskSpec

SIMILARITY_DATASETS = ("ws353", "ws353-sim", "ws353-rel", "simlex999", "simverb3500", "men", "rw", "mturk287",
                       "mturk771", "rg65", "mc30", "yp130")
ANALOGY_DATASETS = ("google", "msr", "bats")
STS_DATASETS = ("sts12", "sts14-onwn", "sts14-headlines")

_MAIN = {"similarity": "spearman", "analogy": "accuracy", "sts": "spearman_pooled"}
_DESCRIPTION = {
    "similarity": "Spearman correlation between cosine similarity and human ratings of word pairs",
    "analogy": "accuracy of a:b :: c:? over the candidate vocabulary (method, filter and policies in config)",
    "sts": "Spearman correlation between cosine of sentence vectors and gold STS scores, over pooled pairs",
}


def attr_name(family: str, dataset: str) -> str:
    return f"{family}_{dataset}".replace("-", "_").upper()


# analogy 2: a predicted row that is an answer's row counts as correct (keys sharing one vector, spaCy md)
_VERSION = {"similarity": "1", "analogy": "2", "sts": "1"}


def _spec(family: str, dataset: str) -> TaskSpec:
    return TaskSpec(name=f"{family}/{dataset}", version=_VERSION[family], family=family, dataset=dataset,
                    main_score=_MAIN[family], direction="higher", split="test", description=_DESCRIPTION[family])


TASKS: dict[str, TaskSpec] = {}
for _family, _names in (("similarity", SIMILARITY_DATASETS), ("analogy", ANALOGY_DATASETS),
                        ("sts", STS_DATASETS)):
    for _ds in _names:
        _s = _spec(_family, _ds)
        TASKS[_s.name] = _s
        globals()[attr_name(_family, _ds)] = _s
