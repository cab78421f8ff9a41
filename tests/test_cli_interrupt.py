"""A Ctrl-C or SIGTERM that lands while the command line starts (the interpreter importing it, the parser
importing every command's module) is one line and exit code 130 / 143, as it is once a command runs."""
from __future__ import annotations

import runpy
import sys

import pytest

import wordeval.cli as cli
from wordeval.cli import Terminated, main


def _not_escaping(call):
    """An interrupt that escapes would stop the whole test session: it fails this test instead."""
    try:
        return call()
    except KeyboardInterrupt:
        pytest.fail("the interrupt escaped the command line as a traceback")


@pytest.mark.parametrize("exc,code,word", [(KeyboardInterrupt(), 130, "interrupted"),
                                           (Terminated(), 143, "terminated")])
def test_an_interrupt_while_the_parser_is_built_is_one_line(monkeypatch, capsys, exc, code, word):
    def build_parser():
        raise exc

    monkeypatch.setattr(cli, "build_parser", build_parser)
    assert _not_escaping(lambda: main(["--quiet", "compare", "nowhere"])) == code
    err = capsys.readouterr().err
    assert err == f"wordeval: {word} (nothing was written; an earlier output is as it was)\n", err


class _InterruptedImport:
    """A meta-path finder on which importing wordeval.cli is cut short by Ctrl-C."""

    def find_spec(self, name, path=None, target=None):
        if name == "wordeval.cli":
            raise KeyboardInterrupt
        return None


def test_an_interrupt_while_python_m_wordeval_imports_is_one_line(monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "wordeval.cli")
    monkeypatch.delitem(sys.modules, "wordeval.__main__", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(), *sys.meta_path])
    with pytest.raises(SystemExit) as stop:
        _not_escaping(lambda: runpy.run_module("wordeval", run_name="__main__"))
    assert stop.value.code == 130
    err = capsys.readouterr().err
    assert err == "wordeval: interrupted (nothing was written; an earlier output is as it was)\n", err
