"""A task built in Python could take a built-in task's name, which a spec file may not: TaskSpec("similarity/
simlex999", ..., dataset="ws353") was scored on WS-353 and recorded as similarity/simlex999, the row stores,
compare and report show SimLex-999's score under. Both ways are now refused alike, naming the clash."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import wordeval
from wordeval.cli import main
from wordeval.errors import ConfigError
from wordeval.tasks import TaskSpec
from wordeval.tasks.task import Task, get_task

CLASH = TaskSpec("similarity/simlex999", "1", "similarity", "ws353", "spearman", origin="mine")


def _emb():
    words = ["tiger", "cat", "love", "sex", "book", "paper"]
    return {w: np.random.default_rng(i).normal(size=4) for i, w in enumerate(words)}


@pytest.mark.parametrize("task", [CLASH, Task(CLASH),
                                  dataclasses.replace(get_task("similarity/simlex999").spec, dataset="ws353"),
                                  dataclasses.replace(get_task("similarity/simlex999").spec,
                                                      parameters={"oov": "penalize"})])
def test_a_python_task_under_a_builtin_name_is_refused(task):
    with pytest.raises(ConfigError) as err:
        get_task(task)
    assert isinstance(err.value, ValueError)
    msg = str(err.value)
    assert "'similarity/simlex999' is built in" in msg and "\n" not in msg
    assert "dataset='simlex999'" in msg  # how to score the built-in data under a name of one's own


def test_evaluate_run_and_task_score_refuse_before_any_work(tmp_path):
    with pytest.raises(ConfigError, match="'similarity/simlex999' is built in"):
        wordeval.evaluate(_emb(), CLASH, name="tiny")
    with pytest.raises(ConfigError, match="'similarity/simlex999' is built in"):
        Task(CLASH).score(_emb())
    out = tmp_path / "R"
    with pytest.raises(ConfigError, match="'similarity/simlex999' is built in"):
        wordeval.run(["glove-6b-50d"], [CLASH], out=str(out))
    assert not out.exists()


def test_the_builtin_task_itself_and_other_names_are_accepted():
    builtin = get_task("similarity/simlex999")
    assert get_task(builtin) is builtin
    assert get_task(builtin.spec).spec == builtin.spec
    assert get_task(Task(builtin.spec, builtin.dataset_spec)).name == "similarity/simlex999"
    mine = get_task(dataclasses.replace(CLASH, name="similarity/my-simlex"))
    assert mine.name == "similarity/my-simlex" and mine.dataset_spec.name == "ws353"


def test_a_spec_file_under_a_builtin_name_is_refused_too(tmp_path, capsys):
    spec = tmp_path / "t.toml"
    spec.write_text('name = "simlex999"\nfamily = "similarity"\ndataset = "ws353"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert "similarity/simlex999 is built in" in err and "\n" not in err
