"""A benchmark script's --help names only the stand-in modes it has: every script's --out help said
'with --smoke or --quick', though only the reproductions take --quick (README, Reproductions)."""
from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _out_help(monkeypatch, **kwargs) -> tuple[str, set[str]]:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import harness
    parser = argparse.ArgumentParser()
    harness.standard_arguments(parser, **kwargs)
    if kwargs.get("quick"):
        parser.add_argument("--quick", action=harness.StandInMode)
    out = next(a for a in parser._actions if "--out" in a.option_strings)
    return out.help, {s for a in parser._actions for s in a.option_strings}


def test_out_help_names_quick_only_where_the_script_has_it(monkeypatch):
    said, options = _out_help(monkeypatch)
    assert "--smoke" in said and "--quick" not in said and "--quick" not in options
    said, options = _out_help(monkeypatch, default_out="reports/repro", quick=True)
    assert "--smoke or --quick" in said and "--quick" in options
