"""``split`` of an intrinsic user task names the split it scores. A split naming none of its files was
accepted: the one file was scored anyway and the record said it was the split named (split = "train" over a
[files] test file: a record of a score "on train" that no train file ever gave). Refused now at its line, by
`datasets check` and `run` alike, before any store is made."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.tasks.spec_file import load_spec_file
from tests._small_task import write_small_task


def _spec(tmp_path, extra: str, key: str = "test"):
    vectors, spec = write_small_task(tmp_path)
    spec.write_text(f'name = "mine"\nfamily = "similarity"\n{extra}\n[files]\n{key} = "pairs.tsv"\n',
                    encoding="utf-8")
    return vectors, spec


@pytest.mark.parametrize("command", ["check", "run"])
def test_a_split_naming_no_file_is_refused_at_its_line(tmp_path, capsys, command):
    vectors, spec = _spec(tmp_path, 'split = "train"')
    out = tmp_path / "out"
    argv = (["datasets", "check", str(spec)] if command == "check"
            else ["run", f"A={vectors}", "--tasks", str(spec), "--out", str(out)])
    assert main(["--quiet", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"wordeval: error: {spec}:3: expected split = 'test', the key of the similarity task's one file "
                   f"(the split it scores), got 'train'"), err
    assert not out.exists()


@pytest.mark.parametrize("extra, key", [("", "test"), ('split = "test"', "test"), ('split = "all"', "all")])
def test_a_split_naming_its_file_loads(tmp_path, extra, key):
    _, spec = _spec(tmp_path, extra, key)
    assert load_spec_file(spec)[0].split == (extra.split('"')[1] if extra else "test")


def test_a_file_under_all_is_recorded_as_the_split_all(tmp_path):
    """A task whose one file is under [files] all was scored on it, and its record said split "test"."""
    from tests._small_task import PAIRS

    vectors, spec = _spec(tmp_path, "", "all")
    assert load_spec_file(spec)[0].split == "all"
    out = tmp_path / "out"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(out)]) == 0
    from wordeval.results.store import ResultStore
    (record,) = ResultStore(out).records()
    assert record.dataset["split"] == "all" and record.n_total == len(PAIRS)


@pytest.mark.parametrize("key", ["train", "dev"])
def test_a_file_under_train_or_dev_is_recorded_as_that_split(tmp_path, key):
    """A task whose one file is under [files] train (or dev) was scored on it, and its record said "test"."""
    from tests._small_task import PAIRS
    from wordeval.results.store import ResultStore

    vectors, spec = _spec(tmp_path, "", key)
    assert load_spec_file(spec)[0].split == key
    out = tmp_path / "out"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(out)]) == 0
    (record,) = ResultStore(out).records()
    assert record.dataset["split"] == key and record.n_total == len(PAIRS)
