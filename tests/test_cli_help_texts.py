"""`wordeval COMMAND --help` is where README sends a user for the defaults, but compare's and report's --seed,
report's --title, demo's --seed and the NAME of `datasets fetch`/`cite` had no help text at all, and
extrinsic's --clusters did not say its default. Every argument of every command now says what it is, and a
default that a help text states is the parser's."""
from __future__ import annotations

import argparse
import re


def _arguments(parser, path=("wordeval",)):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command_parser in action.choices.items():
                yield from _arguments(command_parser, (*path, name))
        elif not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            yield " ".join(path), action


def test_every_argument_has_a_help_text():
    from wordeval.cli import build_parser

    silent = [(path, action.option_strings or action.dest) for path, action in _arguments(build_parser())
              if not action.help]
    assert silent == []


def test_a_stated_default_is_the_parsers():
    from wordeval.cli import build_parser

    wrong = []
    for path, action in _arguments(build_parser()):
        text = (action.help or "") % {"default": action.default} if "%(" in (action.help or "") else action.help
        stated = re.search(r"\(default: ([^)]*)\)", text or "")
        if stated and isinstance(action.default, (int, float, str)) and not isinstance(action.default, bool):
            if stated.group(1).replace(",", "") != str(action.default):
                wrong.append((path, action.option_strings, action.default, stated.group(1)))
    assert wrong == []


def test_clusters_states_its_default():
    from wordeval.cli import build_parser

    helps = {tuple(a.option_strings): a.help for p, a in _arguments(build_parser()) if p == "wordeval extrinsic"}
    assert "default" in helps[("--clusters",)]
