"""report/ needs nothing from the evaluators: records are self-sufficient (a store stays reportable without
the code that wrote it). Checked statically on every import statement of wordeval/report/*.py, and
dynamically: a fresh interpreter that imports every report module and writes a whole report has loaded no
wordeval.intrinsic*, wordeval.extrinsic* or wordeval.evaluate module."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import wordeval

REPORT = Path(wordeval.__file__).resolve().parent / "report"
FORBIDDEN = ("wordeval.intrinsic", "wordeval.extrinsic", "wordeval.evaluate")


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def test_no_report_module_imports_an_evaluator_statically():
    found = []
    for path in sorted(REPORT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative import inside wordeval.report
                    base = "wordeval.report" + ("." + base if base else "")
                names = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            found += [f"{path.name}:{node.lineno}: {n}" for n in names if _forbidden(n)]
    assert found == []
    assert len(list(REPORT.glob("*.py"))) >= 8  # the check saw the package


def test_writing_a_report_loads_no_evaluator_module(tmp_path):
    modules = sorted(f"wordeval.report.{p.stem}" for p in REPORT.glob("*.py") if p.stem != "__init__")
    code = f"""
import importlib, json, sys
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
for m in {modules!r}:
    importlib.import_module(m)
from tests._records import cli_records
from wordeval.report.compare import compare
from wordeval.report.writer import write_report
write_report(compare(cli_records(), n_boot=20), {str(tmp_path / 'rep')!r})
print(json.dumps(sorted(m for m in sys.modules if m.startswith("wordeval"))))
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    loaded = json.loads(res.stdout.strip().splitlines()[-1])
    assert "wordeval.report.writer" in loaded and "wordeval.stats.agreement" in loaded
    assert [m for m in loaded if _forbidden(m)] == []
    assert (tmp_path / "rep" / "report.md").is_file()
