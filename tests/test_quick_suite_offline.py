"""`wordeval run ... --suite quick` on a fresh machine (no WORDEVAL_DATA) skipped every extrinsic task, since
UD-EWT, CoNLL-2003 and SST-2 come only from a data home: `compare` then had no downstream ranking to set
against the intrinsic ones. The quick suite must keep both sides with what package artifacts provide."""
from __future__ import annotations


def _offline_tasks(suite: str) -> list:
    """The suite's tasks whose data a package artifact provides, read from the datasets' own declarations."""
    from wordeval.suites import suite_tasks
    from wordeval.tasks.task import get_task

    tasks = [get_task(name) for name, _ in suite_tasks(suite)]
    return [t for t in tasks if any(s.kind == "artifact" for s in t.dataset_spec.sources)]


def test_quick_suite_has_both_sides_without_a_data_home():
    offline = _offline_tasks("quick")
    families = {t.family for t in offline}
    assert {t.kind for t in offline} == {"intrinsic", "extrinsic"}
    assert families & {"pos", "ner", "chunking"}, "no tagging task a fresh machine can run"
    assert "classification" in families, "no classification task a fresh machine can run"


def test_quick_suite_trains_its_offline_tasks_on_the_quick_profile():
    from wordeval.suites import suite_tasks

    configs = dict(suite_tasks("quick"))
    for task in _offline_tasks("quick"):
        if task.kind == "extrinsic":
            assert configs[task.name]["profile"] == "quick" and configs[task.name]["n_seeds"] == 1
