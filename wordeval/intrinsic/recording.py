"""Shared plumbing of the intrinsic evaluators: dataset loading and result-record assembly."""
from __future__ import annotations

from typing import Any, Mapping

from wordeval.errors import ConfigError
from wordeval.results.record import ResultRecord


def load_items(spec, data_home=None):
    """``(dataset, items)`` for a task spec, through the dataset registry (engineer D's loaders)."""
    # The function from the submodule: once wordeval.datasets.load (the module) is imported, the package
    # attribute of the same name is the module, not the function.
    from wordeval.datasets.load import load

    ds = load(spec.dataset, data_home=data_home)
    split = spec.split if spec.split in ds.splits else None
    return ds, list(ds.items(split))


def check_family(spec, family: str) -> None:
    if spec.family != family:
        raise ConfigError(f"task {spec.name} is a {spec.family} task, not {family}")


def build_record(spec, embedding, *, dataset, config: Mapping[str, Any], scores: Mapping[str, float | None],
                 n_total: int, n_used: int, seed: int, ci: Mapping[str, Any] | None = None,
                 per_item: Mapping[str, list] | None = None, extra: Mapping[str, Any] | None = None) -> ResultRecord:
    from wordeval.provenance import run_provenance

    return ResultRecord(
        task=spec.name, task_version=spec.version, family=spec.family, kind=spec.kind,
        embedding=embedding.info.to_dict(), config=dict(config), scores=dict(scores), main_score=spec.main_score,
        n_total=int(n_total), n_used=int(n_used),
        dataset_sha256=dict(getattr(dataset, "files", {}) or {}),
        run=run_provenance(seed=seed), ci=dict(ci or {}), per_item=dict(per_item or {}),
        dataset={"name": getattr(dataset, "name", spec.dataset), "version": getattr(dataset, "version", None),
                 "source": getattr(dataset, "source", None), "split": spec.split},
        extra=dict(extra or {}),
    )
