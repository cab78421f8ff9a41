"""The CLI is thin and data flows one way (docs DESIGN.md): the library is called from Python too, so no
module outside wordeval/cli imports wordeval.cli. report/protocol.py took the demo's default suite from
wordeval.cli.demo and artifact_table.py the command line's signal handling from wordeval.cli. Read with
``ast``, so an import inside a function counts as much as one at the top. wordeval/__main__.py is the
command's entry point (``python -m wordeval``) and is the one exception."""
from __future__ import annotations

import ast
from pathlib import Path

import wordeval

PACKAGE = Path(wordeval.__file__).parent


def _imported(tree: ast.AST, package: str) -> list[str]:
    """Absolute names of every import in ``tree``; ``package`` (dotted, the file's own) resolves the relative
    ones: level 1 is the package itself, each further level one up."""
    names = []
    package = package.split(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            stem = ".".join([*base, *([node.module] if node.module else [])])
            names += [stem, *(f"{stem}.{a.name}" for a in node.names)]
    return names


def test_relative_imports_are_resolved():
    assert "wordeval.cli" in _imported(ast.parse("from . import cli\n"), "wordeval")
    assert "wordeval.cli.demo" in _imported(ast.parse("from ..cli.demo import X\n"), "wordeval.report")
    assert "wordeval.cli.demo" in _imported(ast.parse("import wordeval.cli.demo as d\n"), "wordeval")


def test_no_library_module_imports_the_cli():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "cli" or rel == Path("__main__.py"):
            continue
        package = ".".join(path.parent.relative_to(PACKAGE.parent).parts)
        for name in _imported(ast.parse(path.read_text(encoding="utf-8")), package):
            if name == "wordeval.cli" or name.startswith("wordeval.cli."):
                offenders.append(f"{rel}: {name}")
    assert offenders == []
