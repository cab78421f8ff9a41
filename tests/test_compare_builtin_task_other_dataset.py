"""Before Task.score refused other data, get_task("similarity/ws353").score(emb, dataset=other) made a record
named similarity/ws353 of the other dataset's pairs; compare knows a built-in task's data by its version
alone, so it showed that record in WS-353's column beside real WS-353 scores. Such a record (made here as the
older Task.score made it: the family's score on the built-in spec and the other data) is now left out with a
note, whether it is the latest record of the task or not. Oracle: which representations the column holds,
and each kept value is the Spearman ρ scipy gives on the task's own pairs."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from tests._small_task import write_small_task
from wordeval.adapters import as_embedding
from wordeval.tasks.families import family_module


def _records(tmp_path):
    _, spec = write_small_task(tmp_path)
    other = wordeval.get_task(str(spec)).load_dataset()  # the user's 11 pairs
    task = wordeval.get_task("similarity/ws353")
    pairs = list(task.load_dataset().items(None))
    words = sorted({w for p in pairs for w in (p.word1, p.word2)})
    matrix = np.random.default_rng(0).standard_normal((len(words), 8))
    vec = dict(zip(words, matrix))
    cos = [vec[p.word1] @ vec[p.word2] / np.linalg.norm(vec[p.word1]) / np.linalg.norm(vec[p.word2]) for p in pairs]
    rho = spearmanr([p.score for p in pairs], cos).statistic
    real = task.score(as_embedding((words, matrix), name="real"))
    old = family_module("similarity").score(task.spec, as_embedding((words, matrix), name="old"), other,
                                            config=task.validate_config(), seed=0)
    assert old.task == "similarity/ws353" and old.n_total == 11  # what the older Task.score made
    return real, old, rho


@pytest.mark.parametrize("order", ["old first", "old last"])
def test_a_builtin_task_record_of_another_dataset_is_left_out(tmp_path, order):
    real, old, rho = _records(tmp_path)
    comp = wordeval.compare([old, real] if order == "old first" else [real, old], n_boot=20)
    frame = comp.to_frame()
    column = frame[frame.task == "similarity/ws353"]
    assert list(column.representation) == ["real"]
    assert float(column.value.iloc[0]) == pytest.approx(rho, abs=1e-5)
    assert any(n.startswith("similarity/ws353: 1 record(s) were computed on another dataset (mine) than the "
                            "built-in task's (ws353) and are left out") for n in comp.notes), comp.notes


def test_the_builtin_task_is_resolved_once_for_all_its_records(tmp_path, monkeypatch):
    """Each record resolved its task again (its spec file read and parsed): 0.15 s of status on a store of
    4,000 records. Counted: resolves of the task; the kept records and the note are as before."""
    import copy

    from wordeval.registry import REGISTRY
    from wordeval.report.builtin_data import other_dataset_of_builtin

    real, old, _ = _records(tmp_path)
    records = [copy.deepcopy(r) for _ in range(5) for r in (old, real)]
    resolved = []
    resolve = REGISTRY.resolve
    monkeypatch.setattr(REGISTRY, "resolve", lambda kind, name: resolved.append(name) or resolve(kind, name))
    kept, notes = other_dataset_of_builtin(records)
    assert resolved == ["similarity/ws353"]
    assert kept == records[1::2]
    assert notes == ["similarity/ws353: 5 record(s) were computed on another dataset (mine) than the built-in "
                     "task's (ws353) and are left out: an older wordeval's Task.score(..., dataset=) scored any "
                     "data under the task's name; score other data under a name of its own (a TaskSpec or spec "
                     "file)."]
