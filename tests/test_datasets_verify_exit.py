"""``wordeval datasets verify NAME`` for a dataset that is not here: exit code 3 (data not available, as in a
run) with the whole reason, where it was 2 (a user error) with the reason cut at 160 characters, before the
part that says where to put the files. A file that fails its sha256 stays 2."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _verify(*names, home=None):
    env = {k: v for k, v in os.environ.items() if k != "WORDEVAL_DATA"}
    env.update({"HF_HUB_OFFLINE": "1", "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])})
    home_args = ["--data-home", str(home)] if home else []
    return subprocess.run([sys.executable, "-m", "wordeval", "datasets", *home_args, "verify", *names],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


def test_a_named_dataset_that_is_not_here_is_exit_code_3_with_the_whole_reason(tmp_path):
    res = _verify("mc30", home=tmp_path)  # an empty data home: MC-30 comes from no package
    assert res.returncode == 3, (res.stdout, res.stderr)
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("skip  mc30"))
    assert line.endswith(")") and "EN-MC-30.txt" in line


def test_a_file_that_fails_its_check_is_still_exit_code_2(tmp_path):
    bad = tmp_path / "word-sim" / "faruqui"
    bad.mkdir(parents=True)
    (bad / "EN-MC-30.txt").write_text("car\tautomobile\t3.92\n", encoding="utf-8")
    res = _verify("mc30", home=tmp_path)
    assert res.returncode == 2 and "FAIL  mc30" in res.stdout


def test_a_task_spec_file_given_to_verify_fetch_or_cite_names_datasets_check(tmp_path):
    """A user's spec file was 'unknown dataset', followed by the list of built-in names and no word of the
    action that reads a spec. Oracle: the README's 'wordeval datasets check SPEC.toml'."""
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "mine.tsv"\n', encoding="utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    for action in ("verify", "fetch", "cite"):
        res = subprocess.run([sys.executable, "-m", "wordeval", "datasets", action, str(spec)],
                             capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
        assert res.returncode == 2 and res.stdout == "", (res.stdout, res.stderr)
        assert res.stderr == (f"wordeval: error: {spec}: expected a dataset name for datasets {action}, "
                              f"got a task spec file (wordeval datasets check {spec} loads it and its data, "
                              f"sha256 and items)\n"), res.stderr


def test_verifying_all_datasets_where_some_are_not_here_is_exit_code_3_too(tmp_path):
    """With no names ("default: all") it was 0 however many were skipped, where naming them all was 3: a script
    could not tell every dataset checked from most of them skipped."""
    res = _verify(home=tmp_path)  # an empty data home: MC-30 (no package) cannot be here
    assert res.returncode == 3, (res.stdout, res.stderr)
    assert any(ln.startswith("skip  mc30") for ln in res.stdout.splitlines())
    assert "FAIL" not in res.stdout


def test_verifying_all_datasets_where_one_fails_its_check_is_still_exit_code_2(tmp_path):
    bad = tmp_path / "word-sim" / "faruqui"
    bad.mkdir(parents=True)
    (bad / "EN-MC-30.txt").write_text("car\tautomobile\t3.92\n", encoding="utf-8")
    res = _verify(home=tmp_path)
    assert res.returncode == 2 and "FAIL  mc30" in res.stdout
