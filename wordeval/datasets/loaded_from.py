"""Which DatasetSpec a loaded Dataset was read from, as long as it is unchanged since.

``Task.score(..., dataset=ds)`` reuses data already loaded; the record it makes carries the task's name,
so the task must be able to tell that ``ds`` is its own data, not another dataset (``load("rg65")`` given to
similarity/ws353 was stored, compared and reported as WS-353), a ``dataclasses.replace`` of it or one whose
splits were edited in place. ``load`` marks what it returns (``dataclasses.replace`` builds an unmarked object;
``copy.copy`` keeps the mark, harmlessly: the same data); an edit no longer matches the snapshot taken with it (the items are frozen, so the split tuples are compared by identity).
"""
from __future__ import annotations

from wordeval.datasets.spec import DatasetSpec
from wordeval.datasets.types import Dataset

_MARK = "_wordeval_loaded_from"


def _snapshot(ds: Dataset) -> tuple:
    return tuple(ds.splits.items()), dict(ds.files), dict(ds.metadata)


def mark_loaded(ds: Dataset, spec: DatasetSpec) -> Dataset:
    object.__setattr__(ds, _MARK, (spec, _snapshot(ds)))  # frozen dataclass: the mark is no field of it
    return ds


def loaded_from(ds) -> DatasetSpec | None:
    """The spec ``ds`` was loaded from, or None: not a Dataset ``load`` returned, or changed since."""
    mark = getattr(ds, _MARK, None) if isinstance(ds, Dataset) else None
    if mark is None or mark[1] != _snapshot(ds):
        return None
    return mark[0]
