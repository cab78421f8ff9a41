"""The public functions' docstrings say each keyword's default (``help(wordeval.evaluate)`` named neither
what ``data_home=None`` reads nor what ``seed`` moves; ``help(wordeval.compare)`` gave no default at all, its
keywords being another function's). A regression pin on the docstrings, checked against the signatures themselves."""
from __future__ import annotations

import inspect
import re

import pytest

import wordeval
from wordeval.report.compare import compare as report_compare

FUNCTIONS = {"evaluate": wordeval.evaluate, "run": wordeval.run, "load_embedding": wordeval.load_embedding,
             "as_embedding": wordeval.as_embedding}


def _entry(doc: str, name: str) -> str:
    """The text that documents ``name``: from ``name`` to the next parameter's entry."""
    start = doc.find(f"``{name}``")
    assert start >= 0, f"``{name}`` is not documented"
    nxt = re.search(r"\n\s*``\w+``:", doc[start + 1:])
    return doc[start: start + 1 + nxt.start()] if nxt else doc[start:]


@pytest.mark.parametrize("function", list(FUNCTIONS))
def test_each_keyword_with_a_default_is_documented_with_it(function):
    f = FUNCTIONS[function]
    doc = inspect.getdoc(f)
    for name, p in inspect.signature(f).parameters.items():
        if p.kind is p.KEYWORD_ONLY and p.default is not p.empty:
            assert "default" in _entry(doc, name), f"{function}: ``{name}`` has no default in its docstring"


def test_compare_says_the_defaults_of_the_function_it_forwards_to():
    doc = inspect.getdoc(wordeval.compare)
    for name, p in inspect.signature(report_compare).parameters.items():
        if p.kind is not p.KEYWORD_ONLY:
            continue
        # skipped=() means "what the stores recorded", which the wrapper fills in
        expected = "default: those" if p.default == () else f"default {p.default}"
        assert expected in _entry(doc, name), (name, p.default)
