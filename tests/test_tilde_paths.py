"""Paths a user gives with ``~`` where Path.expanduser cannot expand them: ``~NAME`` of a user this machine does not
know, or ``~/`` for a user with no home folder. --out, --data-home and WORDEVAL_CACHE were one line, but a spec's
files, a builder's corpus= and a bert model= were a traceback asking to report a bug (RuntimeError), and the one
line for ``~NAME`` said HOME was not set, where it was."""
from __future__ import annotations

import pwd
import sys

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="~NAME and the password database are POSIX's")

NOBODY = "wordeval_no_such_user_x"


@pytest.fixture(autouse=True)
def no_such_user(tmp_path, monkeypatch):
    with pytest.raises(KeyError):
        pwd.getpwnam(NOBODY)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))


def _one_line(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err.count("\n") == 1, captured.err
    return captured.err


def test_out_of_an_unknown_user_says_so_not_that_home_is_unset(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    assert main(["run", f"A={vectors}", "--tasks", str(spec), "--out", f"~{NOBODY}/s"]) == 2
    err = _one_line(capsys)
    assert f"no user '{NOBODY}'" in err and "HOME is not set" not in err


def test_a_spec_file_of_an_unknown_user_is_its_line(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    spec.write_text(f'name = "mine"\nfamily = "similarity"\n[files]\ntest = "~{NOBODY}/pairs.tsv"\n',
                    encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    assert f"{spec}:4:" in _one_line(capsys)
    assert main(["run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "s")]) == 2
    assert f"{spec}:4:" in _one_line(capsys)
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("embedding", [f"lsa:corpus=~{NOBODY}/c.txt", f"bert:model=~{NOBODY}/model"])
def test_a_builder_or_model_path_of_an_unknown_user_is_one_line(tmp_path, capsys, embedding):
    _, spec = write_small_task(tmp_path)
    assert main(["run", embedding, "--tasks", str(spec), "--out", str(tmp_path / "s")]) == 2
    assert f"~{NOBODY}" in _one_line(capsys)
    assert not (tmp_path / "s").exists()


def test_a_spec_file_from_a_missing_home_is_its_line(tmp_path, capsys, monkeypatch):
    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    _, spec = write_small_task(tmp_path)
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "~/pairs.tsv"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = _one_line(capsys)
    assert f"{spec}:4:" in err and "no home folder" in err
