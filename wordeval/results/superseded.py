"""What a record computed by a run replaces: the store's earlier record of the same cell (label, task,
seed) made with other settings, another embedding or other data. A rerun on a store of an older wordeval
(or after an option changed) computed such cells again and said only 'stored', as if they had never been
there; compare then left the earlier record out with a note, but the run had not said why it recomputed."""
from __future__ import annotations


from wordeval.results.record import SPEC_KEY, ResultRecord, config_hash


def _differing(old: ResultRecord, new: ResultRecord) -> list[str]:
    from wordeval.report.cells import settings

    a, b = settings(old), settings(new)
    names = []
    for k in sorted(set(a) | set(b)):
        x, y = a.get(k), b.get(k)
        if config_hash({k: x}) == config_hash({k: y}):
            continue
        if isinstance(x, dict) and isinstance(y, dict):  # learner_settings: name the setting itself
            names += [f"{k}.{n}" for n in sorted(set(x) | set(y))
                      if config_hash({n: x.get(n)}) != config_hash({n: y.get(n)})]
        elif k == "joiners" and x is None:
            names.append("joiners (the earlier record predates tokenizer 3, which keeps a word with a "
                         "zero-width joiner or non-joiner whole)")
        elif k == "abbreviations" and x is None:
            names.append("abbreviations (the earlier record predates tokenizer 4, which keeps the final "
                         "period of an abbreviation such as U.S. or Mr.)")
        elif k == "coverage_of" and x is None:
            names.append("coverage_of (the earlier record's coverage described the --intersection, not the "
                         "representation's own)")
        elif k == "train_sample" and x is None:
            names.append("train_sample (the earlier record predates stratified max_train samples: its sample "
                         "was drawn uniformly)")
        else:
            names.append(k)
    if old.embedding.get("fingerprint") != new.embedding.get("fingerprint"):
        names.append("the embedding (another fingerprint)")
    if str(old.task_version) != str(new.task_version):
        names.append(f"task version ({old.task_version}, now {new.task_version})")
    if dict(old.dataset_sha256 or {}) != dict(new.dataset_sha256 or {}):
        names.append("the data (other sha256)")
    old_spec, new_spec = (old.data_version().get(SPEC_KEY), new.data_version().get(SPEC_KEY))
    old_from, new_from = (str((r.dataset or {}).get("declared_in") or "") for r in (old, new))
    # both must say where they were declared: a record without declared_in is of neither (report.cells too)
    if old_from and new_from and old_from.startswith("builtin:") != new_from.startswith("builtin:"):
        # a user's spec named like a built-in task (or the other way round) was said to differ in a spec file
        # "stored by an older wordeval"
        names.append(f"the task's declaration (the earlier record is of {_declared(old_from)}, this one of "
                     f"{_declared(new_from)})")
    elif old_spec != new_spec:
        why = "other sha256" if old_spec else "the earlier record has no sha256 of it: stored by an older wordeval"
        names.append(f"the task's spec file ({why})")
    if dict(old.dataset_sha256 or {}) == dict(new.dataset_sha256 or {}):
        from wordeval.results.store import reading_text

        if reading_text(old) != reading_text(new):
            names.append("how its files were read (other reader options)")
    return names


def _declared(origin: str) -> str:
    return "the built-in task" if origin.startswith("builtin:") else f"the spec {origin}"


def superseded_note(store, record: ResultRecord) -> str:
    """'' or what the run log adds to 'stored ...' when ``record`` is the newer of its cell's records."""
    earlier = store.latest_other_record(record.task, record.label, record.seed, record.cache_key())
    if earlier is None:
        # the same cache key: a user's data file changed under an unchanged spec version (the key holds no data
        # digest), and the earlier record was replaced while the run said only 'stored'
        from wordeval.results.store import aside_key, same_data

        replaced = store.get(record.cache_key())
        differ = _differing(replaced, record) if replaced is not None else []
        if replaced is not None and not same_data(replaced, record):
            kept = aside_key(replaced)
            return (f" (computed again: the store's earlier record of this cell differs in {_listed(differ)}; it "
                    f"stays stored, as {kept}, and compare and report use this one)")
        return (f" (computed again: the store's earlier record of this cell differs in {_listed(differ)}; this one "
                f"replaces it)") if differ else ""
    differ = _differing(earlier, record)
    return (f" (computed again: the store's earlier record of this cell differs in {_listed(differ) or 'its request'}; "
            f"it stays stored, and compare and report use this one)")


def _listed(names: list[str]) -> str:
    return ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
