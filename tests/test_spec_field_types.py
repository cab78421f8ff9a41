"""A user spec's fields of the wrong TOML type: a scalar where a table belongs (``files = 5``, ``config = 5``,
``metadata = 5``) was a traceback, and ``version``/``dataset_version`` took any value through ``str()``
(``version = 1.10`` became "1.1", a list its Python repr). Each is now one line naming the spec's line, exit 2."""
from __future__ import annotations

from pathlib import Path

import pytest

from wordeval.cli import main
from wordeval.tasks.spec_file import load_spec_file

PAIRS = "".join(f"w{i}\tv{i}\t{i % 7}.5\n" for i in range(12))


def _spec(tmp_path: Path, extra: str, *, files: str = '[files]\ntest = "pairs.txt"\n') -> Path:
    (tmp_path / "pairs.txt").write_text(PAIRS, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "similarity"\n{extra}\n{files}', encoding="utf-8")
    return spec


@pytest.mark.parametrize("line, expected", [
    ("config = 5", "a [config] table"), ("metadata = 5", "a [metadata] table"),
    ("version = 1.10", 'version = a string such as "1.10"'), ("version = [1]", "version = a string"),
    ("version = true", "version = a string"), ('version = ""', "version = a string"),
    ("dataset_version = 2.5", "dataset_version = a string")])
def test_wrong_typed_field_is_one_line_at_its_line(tmp_path, capsys, line, expected):
    spec = _spec(tmp_path, line)
    rc = main(["--quiet", "datasets", "check", str(spec)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"wordeval: error: {spec}:3: expected {expected}")


def test_files_that_is_not_a_table_is_one_line_at_its_line(tmp_path, capsys):
    spec = _spec(tmp_path, 'files = "pairs.txt"', files="")
    rc = main(["--quiet", "datasets", "check", str(spec)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and err == f"wordeval: error: {spec}:3: expected a [files] table, got files = 'pairs.txt'"


@pytest.mark.parametrize("line, got", [
    ("version = -1", "-1"), ("version = 0", "0"), ('version = "abc"', "'abc'"), ('version = "01"', "'01'"),
    ('version = "0.0"', "'0.0'"), ('version = "1."', "'1.'"), ('version = " 2"', "' 2'")])
def test_a_version_that_is_no_version_number_is_refused_at_its_line(tmp_path, capsys, line, got):
    """As the built-in tasks' "1" to "5": whole numbers joined by dots, not all 0 ("01" would be "1"
    again)."""
    spec = _spec(tmp_path, line)
    rc = main(["--quiet", "datasets", "check", str(spec)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and err == (f'wordeval: error: {spec}:3: expected version = a string such as "1.10" or '
                               '"2" (whole numbers joined by dots, not all 0), or a positive integer, got '
                               f"{got}")


def test_a_dataset_version_stays_a_free_label(tmp_path):
    """A release of the data as its authors name it: a built-in one is a commit ("b341c520f21a")."""
    task, dataset = load_spec_file(_spec(tmp_path, 'dataset_version = "2016-03a"'))
    assert task.version == "1" and dataset.version == "2016-03a"


@pytest.mark.parametrize("line, version", [('version = "1.10"', "1.10"), ("version = 3", "3"), ("", "1"),
                                           ('version = "0.1"', "0.1")])
def test_string_and_integer_versions_are_kept_as_written(tmp_path, line, version):
    task, dataset = load_spec_file(_spec(tmp_path, line))
    assert task.version == version and dataset.version == version
