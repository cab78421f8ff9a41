"""Each numeric option's --help says the range the option refuses values outside of: `compare --n-boot 5` was
refused ("expected an integer >= 10") while --help said only "bootstrap resamples". The oracle is the table
below, written by hand; each bound is checked against what the parser accepts and refuses."""
from __future__ import annotations

import argparse

import pytest

from wordeval.cli import build_parser

MAX_SEED = 4_294_967_295
# command, option, lowest accepted, highest accepted (None: no upper bound), the words --help says
RANGES = [
    ("compare", "--n-boot", 10, 1_000_000, "10 to 1,000,000"),
    ("report", "--n-boot", 10, 1_000_000, "10 to 1,000,000"),
    ("demo", "--n-boot", 10, 1_000_000, "10 to 1,000,000"),
    ("compare", "--seed", 0, MAX_SEED, "0 to 4,294,967,295"),
    ("report", "--seed", 0, MAX_SEED, "0 to 4,294,967,295"),
    ("demo", "--seed", 0, MAX_SEED, "0 to 4,294,967,295"),
    ("run", "--seed", 0, MAX_SEED, "0 to 4,294,967,295"),
    ("intrinsic", "--seed", 0, MAX_SEED, "0 to 4,294,967,295"),
    ("extrinsic", "--seed", 0, MAX_SEED, "0 to 4,294,967,295"),
    ("run", "--seeds", 1, 1000, "1 to 1,000"),
    ("extrinsic", "--seeds", 1, 1000, "1 to 1,000"),
    ("demo", "--seeds", 1, 100, "1 to 100"),
    ("run", "--workers", 1, 512, "1 to 512"),
    # 2**64 was taken: a row count no vocabulary (int64 rows) can have
    ("run", "--restrict-vocab", 1, 2 ** 63 - 1, "1 to 9,223,372,036,854,775,807"),
    ("intrinsic", "--restrict-vocab", 1, 2 ** 63 - 1, "1 to 9,223,372,036,854,775,807"),
    # C ints (crfsuite, torch, k-means): 2**64 was refused as "tagging option clusters", naming no --clusters
    ("extrinsic", "--clusters", 0, 2 ** 31 - 1, "0 to 2,147,483,647"),
    ("extrinsic", "--epochs", 1, 2 ** 31 - 1, "1 to 2,147,483,647"),
]


def _action(command: str, option: str) -> argparse.Action:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return next(a for a in sub.choices[command]._actions if option in a.option_strings)


@pytest.mark.parametrize("command, option, lo, hi, words", RANGES)
def test_help_says_the_range_the_parser_keeps(command, option, lo, hi, words):
    action = _action(command, option)
    assert words in " ".join(action.help.split()), action.help
    action.type(str(lo))
    with pytest.raises(argparse.ArgumentTypeError):
        action.type(str(lo - 1))
    if hi is not None:
        action.type(str(hi))
        with pytest.raises(argparse.ArgumentTypeError):
            action.type(str(hi + 1))


def test_alpha_range_in_help_is_the_one_kept():
    action = _action("compare", "--alpha")
    assert "in (0, 0.5]" in action.help
    action.type("0.5")
    for bad in ("0", "0.5000001"):
        with pytest.raises(argparse.ArgumentTypeError):
            action.type(bad)
