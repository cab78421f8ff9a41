"""The task families: which module scores each, whether it is intrinsic or extrinsic, its default main
score, and the name of the per-item scorer (``wordeval.stats.item_scores``) a comparison uses to recompute
the main score on resampled items.

A family module exposes ``DEFAULT_CONFIG``, ``validate_config(config) -> config`` (the merged config,
checked) and ``score(task, embedding, dataset, *, config, seed, progress, predictions) -> ResultRecord``.
Adding a family is one module plus one line here.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from wordeval.errors import NotAvailableError, UnknownNameError


@dataclass(frozen=True)
class FamilyInfo:
    name: str
    module: str
    kind: str  # "intrinsic" | "extrinsic"
    main_score: str
    scorer: str  # wordeval.stats.item_scores name
    word_level: bool = False  # scored on type-level word vectors (LABEL=WORD_SPEC|ENCODER_SPEC picks WORD_SPEC)
    # the scores a task may name as its main score: those the item scorer recomputes on resampled items (a
    # main score it cannot recompute would be compared and bootstrapped as another score)
    main_scores: tuple[str, ...] = ()
    initials: bool = False  # the name is letters read one by one: 'an STS task', 'a POS task' in prose

    @property
    def allowed_main_scores(self) -> tuple[str, ...]:
        return self.main_scores or (self.main_score,)


FAMILIES: dict[str, FamilyInfo] = {f.name: f for f in (
    FamilyInfo("similarity", "wordeval.intrinsic.similarity", "intrinsic", "spearman", "spearman", True,
               ("spearman", "pearson")),
    FamilyInfo("analogy", "wordeval.intrinsic.analogy", "intrinsic", "accuracy", "mean:correct", True),
    FamilyInfo("sts", "wordeval.intrinsic.sts", "intrinsic", "spearman_pooled", "spearman", False,
               ("spearman_pooled", "pearson_pooled"), initials=True),
    FamilyInfo("pos", "wordeval.extrinsic.tagging", "extrinsic", "accuracy", "accuracy:counts",
               initials=True),
    FamilyInfo("chunking", "wordeval.extrinsic.tagging", "extrinsic", "f1", "f1:counts"),
    FamilyInfo("ner", "wordeval.extrinsic.tagging", "extrinsic", "f1", "f1:counts", initials=True),
    FamilyInfo("classification", "wordeval.extrinsic.classification", "extrinsic", "accuracy", "mean:correct"),
    FamilyInfo("qvec", "wordeval.intrinsic.qvec_tasks", "intrinsic", "qvec", "qvec", True, initials=True),
    FamilyInfo("qvec-cca", "wordeval.intrinsic.qvec_tasks", "intrinsic", "qvec_cca", "qvec-cca", True,
               initials=True),
)}

_VOWEL_LETTERS = "AEFHILMNORSX"  # letters whose names start with a vowel sound: ess, en, ...


def a_family(*families: str) -> str:
    """Families in prose with their article: 'an analogy', 'an STS', 'a POS, chunking or NER'. The errors
    wrote 'a analogy task', then 'a sts task' (read ess-tee-ess)."""
    names = [f.upper() if f in FAMILIES and FAMILIES[f].initials else f for f in families]
    said = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    spelled = families[0] in FAMILIES and FAMILIES[families[0]].initials
    return f"{'an' if names[0][:1] in (_VOWEL_LETTERS if spelled else 'aeiou') else 'a'} {said}"


def family_info(family: str) -> FamilyInfo:
    try:
        return FAMILIES[family]
    except KeyError:
        from wordeval.close_names import close_names

        close = close_names(str(family), FAMILIES)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        raise UnknownNameError(f"unknown task family {family!r}{hint}; known: {', '.join(FAMILIES)}") from None


def family_module(family: str) -> ModuleType:
    """The module that scores a family (imported on first use)."""
    name = family_info(family).module
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            raise NotAvailableError(f"the {family} evaluator ({name}) is not installed in this version") from None
        raise
