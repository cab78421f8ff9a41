"""Task specs and ``--set`` values on a Python without ``tomllib`` (3.10, which ``requires-python`` admits).

Regression: ``import tomllib`` (3.11+) at the top of the spec reader made every task unloadable on 3.10,
built-in ones included (they are TOML files too): ``wordeval intrinsic glove-6b-50d --tasks
similarity/ws353`` ended in ``ModuleNotFoundError: No module named 'tomllib'``. The interpreter here is
made to lack it as 3.10 does (``sys.modules["tomllib"] = None``); the fallback is the real ``tomli`` where
it is installed (3.10's declared dependency), else the standard library's ``tomllib`` under that name, which
is tomli 2 taken into the standard library. Oracle: the same commands with ``tomllib`` in this process.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wordeval.cli.common import parse_settings

WITHOUT_TOMLLIB = """
import sys
try:
    import tomli
except ModuleNotFoundError:
    import tomllib as tomli
    sys.modules["tomli"] = tomli
sys.modules["tomllib"] = None  # 'import tomllib' now raises ModuleNotFoundError, as on Python 3.10
"""

CLI = WITHOUT_TOMLLIB + """
from wordeval import toml_reader
assert toml_reader.TOMLDecodeError is sys.modules["tomli"].TOMLDecodeError, "the fallback was not taken"
sys.argv = ["wordeval", *sys.argv[1:]]
from wordeval.cli import command_line
command_line()
"""

SETTINGS = WITHOUT_TOMLLIB + """
import json
from wordeval.cli.common import parse_settings
print(json.dumps(parse_settings(sys.argv[1:])))
"""


def _python(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600,
                          cwd=cwd, env={**os.environ, "WORDEVAL_CACHE": str(cwd / "cache")})


def _spec(tmp_path: Path, version_line: str = "version = 2") -> Path:
    pairs = "king\tqueen\t8.5\ncat\tdog\t7\ncar\tautomobile\t9.5\nnoon\tstring\t0.5\n"
    (tmp_path / "pairs.tsv").write_text(pairs, encoding="utf-8")
    spec = tmp_path / "pairs.toml"
    spec.write_text(f'name = "pairs"\nfamily = "similarity"\n{version_line}\n[files]\ntest = "pairs.tsv"\n',
                    encoding="utf-8")
    return spec


def test_a_user_spec_is_checked_without_tomllib(tmp_path, capsys):
    from wordeval.cli import main

    spec = _spec(tmp_path)
    assert main(["datasets", "check", str(spec)]) == 0
    want = capsys.readouterr().out
    got = _python(CLI, "datasets", "check", str(spec), cwd=tmp_path)
    assert got.returncode == 0, got.stderr[-3000:]
    assert "similarity/pairs (version 2, similarity" in got.stdout and "test 4 word pairs" in got.stdout
    assert got.stdout == want


def test_the_builtin_tasks_are_listed_without_tomllib(tmp_path, capsys, monkeypatch):
    # built-in tasks are TOML files in the package: without a reader none of them was known
    from wordeval.cli import main

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    assert main(["datasets", "list", "--json"]) == 0
    want = json.loads(capsys.readouterr().out)
    got = _python(CLI, "datasets", "list", "--json", cwd=tmp_path)
    assert got.returncode == 0, got.stderr[-3000:]
    assert json.loads(got.stdout) == want
    assert {"ws353", "msr"} <= {d["name"] for d in want}


def test_a_broken_spec_names_its_line_without_tomllib(tmp_path, capsys):
    from wordeval.cli import main

    spec = _spec(tmp_path, version_line="version = ")
    assert main(["datasets", "check", str(spec)]) == 2
    want = capsys.readouterr().err.strip()
    assert f"{spec}:3: expected valid TOML" in want  # tomllib's line, quoted by the spec reader
    got = _python(CLI, "datasets", "check", str(spec), cwd=tmp_path)
    assert got.returncode == 2 and "Traceback" not in got.stderr
    assert got.stderr.strip() == want


@pytest.mark.parametrize("items", [["n_boot=100", "learner=crf", "ks=[1, 2]", "honest=true", "x=\"3\""],
                                   ["eps=1e-3", "name=two words"]])
def test_set_values_parse_the_same_without_tomllib(tmp_path, items):
    got = _python(SETTINGS, *items, cwd=tmp_path)
    assert got.returncode == 0, got.stderr[-3000:]
    assert json.loads(got.stdout) == parse_settings(items)


def test_tomli_is_declared_where_tomllib_is_missing():
    # installed from a wheel on 3.10, wordeval gets tomli only if its metadata asks for it (pytest pulls it
    # into a dev environment, so the tests above pass there either way)
    from packaging.requirements import Requirement

    from wordeval import toml_reader

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    if not pyproject.exists():
        pytest.skip("not a source checkout: no pyproject.toml")
    project = toml_reader.loads(pyproject.read_text(encoding="utf-8"))["project"]
    deps = [Requirement(d) for d in project["dependencies"]]
    tomli = [d for d in deps if d.name == "tomli"]
    assert len(tomli) == 1 and tomli[0].marker is not None
    for version, needed in (("3.10", True), ("3.11", False), ("3.13", False)):
        assert tomli[0].marker.evaluate({"python_version": version}) is needed


def _unguarded_tomllib_imports(path: Path) -> list[int]:
    """Lines of ``path`` importing ``tomllib`` outside a ``try`` that catches its absence (3.10 has none)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and node.handlers:
            guarded.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    lines = []
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) else [])
        if "tomllib" in names and id(node) not in guarded:
            lines.append(node.lineno)
    return lines


def test_no_test_or_benchmark_needs_tomllib():
    """Regression: a test file's bare 'import tomllib' stopped the whole suite's collection on 3.10 ('1 error
    during collection'); tests and benchmarks read TOML through wordeval.toml_reader or a guarded import."""
    root = Path(__file__).resolve().parents[1]
    found = {str(p.relative_to(root)): lines for folder in ("tests", "benchmarks")
             for p in sorted((root / folder).rglob("*.py")) if (lines := _unguarded_tomllib_imports(p))}
    assert found == {}


def test_the_import_check_sees_a_bare_import(tmp_path):
    bare = tmp_path / "bare.py"
    bare.write_text("import tomllib\ntry:\n    import tomllib as t\nexcept ImportError:\n    t = None\n")
    assert _unguarded_tomllib_imports(bare) == [1]
