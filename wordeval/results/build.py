"""The one place a ResultRecord is assembled from a task, a representation, a dataset and scores, so every
family writes the same self-sufficient record: task@version, family, kind, direction, scorer, seed,
label, config, dataset name/source/sha256 and the task's declaration, provenance."""
from __future__ import annotations

from typing import Any, Mapping

from wordeval.results.record import ResultRecord


def make_record(task, embedding, dataset, *, config: Mapping[str, Any], scores: Mapping[str, Any], n_total: int,
                n_used: int, seed: int, ci: Mapping[str, Any] | None = None,
                per_item: Mapping[str, list] | None = None, extra: Mapping[str, Any] | None = None,
                dataset_extra: Mapping[str, Any] | None = None) -> ResultRecord:
    from wordeval.provenance import run_provenance
    from wordeval.readable_text import readable_text
    from wordeval.tasks.families import family_info

    from wordeval.joiner_texts import text_settings

    info = family_info(task.family)
    config = {**config, **text_settings(task.family, dataset)}
    meta = getattr(dataset, "metadata", {}) or {}
    # a spec's path as a non-UTF-8 locale spells it (lone surrogates) could not be written to a report
    source = getattr(dataset, "source", None)
    dataset_block = {"name": getattr(dataset, "name", task.dataset), "version": getattr(dataset, "version", None),
                     "source": None if source is None else readable_text(source), "split": task.split,
                     "declared_in": readable_text(task.origin) if task.origin else None,
                     "licence": meta.get("licence"),
                     "citation": meta.get("citation") or None, **dict(dataset_extra or {})}
    # the request key held the spec's digest and the record did not, so a record of the spec before an edit
    # (another score column) was compared with one after it as the same data
    if getattr(task, "spec_sha256", ""):
        dataset_block["spec_sha256"] = task.spec_sha256
    if meta.get("urls"):  # each downloaded file: its URL (and archive member) and the sha256 of what was read
        dataset_block["urls"] = [dict(u) for u in meta["urls"]]
    # the gold range the data was checked against: changes no score, but says what scale the ratings were on
    if meta.get("score_scale") is not None:
        dataset_block["score_scale"] = list(meta["score_scale"])
    if meta.get("derived_split"):
        dataset_block["derived_split"] = meta["derived_split"]
    if meta.get("deduplicated"):  # the copies dropped: the splits' sizes alone did not say why they shrank
        dataset_block["deduplicated"] = meta["deduplicated"]
    if meta.get("html_line_breaks"):  # texts read otherwise than as written: say which and how many
        dataset_block["html_line_breaks"] = dict(meta["html_line_breaks"])
    if meta.get("escapes"):  # the spec's escapes key: how the texts' backslashes were read, in how many
        dataset_block["escapes"] = {"decoded": meta["escapes"]["decoded"],
                                    "documents": dict(meta["escapes"]["documents"])}
    if meta.get("warnings"):  # what the reader noticed (duplicated items, labels never seen in train)
        dataset_block["warnings"] = list(meta["warnings"])
    if meta.get("reader"):
        dataset_block["reader"] = {"name": meta["reader"], "options": meta.get("reader_options", {}),
                                   "sniffed": meta.get("sniffed", [])}
    return ResultRecord(
        task=task.name, task_version=task.version, family=task.family, kind=info.kind,
        embedding=embedding.info.to_dict(), config=dict(config), scores=dict(scores), main_score=task.main_score,
        n_total=int(n_total), n_used=int(n_used), dataset_sha256=dict(getattr(dataset, "files", {}) or {}),
        run=run_provenance(seed=seed), ci=dict(ci or {}), per_item=dict(per_item or {}), dataset=dataset_block,
        extra=dict(extra or {}), direction=task.direction, scorer=scorer_for(task), seed=int(seed))



def scorer_for(task) -> str:
    """The item scorer of a task: the family's, unless the task's main score is a correlation the per-item
    gold/pred columns can give directly (a similarity task scored by Pearson)."""
    from wordeval.tasks.families import family_info

    info = family_info(task.family)
    if info.scorer in ("spearman", "pearson"):
        main = task.main_score.split("_")[0]
        if main in ("spearman", "pearson"):
            return main
    return info.scorer
