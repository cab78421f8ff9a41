"""``Task.score(emb, dataset=...)`` scored whatever data it was given and recorded it under the task's name:
get_task("similarity/ws353").score(emb, dataset=load("rg65")) made a record of RG-65's 65 pairs named
similarity/ws353, and compare put it in WS-353's column (a built-in task's data is known by its version
alone), beside records of the real WS-353. ``dataset=`` is now what it is for, reusing the data this task
loaded (``task.load_dataset()``): the record names the files read, and any other data (another dataset, a
modified copy, a name) is refused in one line. Oracles: hashlib's sha256 of the files, scipy's Spearman."""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from tests._small_task import PAIRS, write_small_task
from wordeval.errors import ConfigError


def _vectors(path: Path) -> dict[str, np.ndarray]:
    rows = [line.split() for line in path.read_text(encoding="utf-8").splitlines()]
    return {r[0]: np.asarray(r[1:], dtype=np.float64) for r in rows}


def _cos(u, v) -> float:
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))


def test_a_task_reuses_its_own_loaded_data_and_records_the_files_read(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    task = wordeval.get_task(str(spec))
    ds = task.load_dataset()
    vec = _vectors(vectors)
    rho = spearmanr([s for _, _, s in PAIRS], [_cos(vec[a], vec[b]) for a, b, _ in PAIRS]).statistic
    sha = hashlib.sha256((tmp_path / "pairs.tsv").read_bytes()).hexdigest()
    for t in (task, wordeval.get_task(str(spec))):  # the same task, or the same spec got again
        rec = t.score(str(vectors), dataset=ds)
        assert rec.dataset_sha256 == {"test": sha}
        assert rec.main_value == pytest.approx(rho, abs=1e-6)
        assert rec.n_total == len(PAIRS)


def test_a_builtin_task_reused_from_a_data_home_names_its_files(shared_data):
    task = wordeval.get_task("similarity/ws353")
    ds = task.load_dataset(data_home=shared_data)
    words = sorted({w for p in ds.items(None) for w in (p.word1, p.word2)})
    emb = (words, np.random.default_rng(0).standard_normal((len(words), 8)))
    rec = task.score(emb, dataset=ds)
    assert rec.dataset_sha256 == {k: hashlib.sha256((shared_data / k).read_bytes()).hexdigest()
                                  for k in ["word-sim/wordsim353/combined.csv"]}
    assert rec.dataset["source"] == f"data_home:{shared_data}"


def _edited_in_place(ds):
    ds.splits[next(iter(ds.splits))] = ds.items(None)[:5]
    return ds


@pytest.mark.parametrize("other", ["builtin", "other spec", "copy", "edited", "name"])
def test_other_data_is_refused_in_one_line_before_any_work(tmp_path, other):
    vectors, spec = write_small_task(tmp_path)
    ds = wordeval.get_task(str(spec)).load_dataset()
    task, given = wordeval.get_task(str(spec)), ds
    if other == "builtin":  # the user's pairs under WS-353's name
        task = wordeval.get_task("similarity/ws353")
    elif other == "other spec":  # another spec's data, its files in another folder
        (tmp_path / "b").mkdir()
        other_spec = write_small_task(tmp_path / "b")[1]
        pairs = tmp_path / "b" / "pairs.tsv"
        pairs.write_text(pairs.read_text(encoding="utf-8").replace("7.35", "2.5"), encoding="utf-8")
        task = wordeval.get_task(str(other_spec))
    elif other == "copy":
        given = dataclasses.replace(ds, splits={k: v[:5] for k, v in ds.splits.items()})
    elif other == "edited":
        given = _edited_in_place(ds)
    else:
        given = "ws353"
    folder = tmp_path / "predictions"
    with pytest.raises(ConfigError) as err:
        task.score(str(vectors), dataset=given, predictions=str(folder))
    assert isinstance(err.value, ValueError)
    msg = str(err.value)
    assert "\n" not in msg and f"dataset= of task {task.name!r}" in msg and "TaskSpec(" in msg, msg
    assert not folder.exists()


def test_another_builtin_dataset_is_refused_naming_it(shared_data):
    from wordeval.datasets.load import load

    rg65 = load("rg65", data_home=shared_data)
    with pytest.raises(ConfigError) as err:
        wordeval.get_task("similarity/ws353").score({"cat": np.ones(2)}, dataset=rg65)
    msg = str(err.value)
    assert "'rg65' is not this task's data ('ws353')" in msg
    assert "TaskSpec(\"similarity/my-ws353\", ..., dataset='rg65')" in msg and "\n" not in msg
