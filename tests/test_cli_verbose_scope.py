"""--verbose turns on wordeval's debug lines, not every library's: with the root logger at DEBUG, `report -v` wrote
150 lines of matplotlib's font matching ("findfont: score(...)") around wordeval's own. The libraries' INFO comes
with --verbose only (at INFO by default, a fresh machine's `report` wrote matplotlib's "generated new
fontManager": tests/test_library_info_logs.py); their warnings always; -q leaves out wordeval's info lines."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
import logging, sys
import wordeval.cli.cite as cite

def run(args):
    logging.getLogger("somelib").debug("library debug")
    logging.getLogger("somelib").info("library info")
    logging.getLogger("somelib").warning("library warning")
    logging.getLogger("wordeval.somewhere").debug("own debug")
    logging.getLogger("wordeval.somewhere").info("own info")
    return 0

cite.run = run
from wordeval.cli import main
sys.exit(main(["cite", "unused", *sys.argv[1:]]))
"""


@pytest.mark.parametrize("flags, shown", [
    (["-v"], ["library info", "library warning", "own debug", "own info"]),
    ([], ["library warning", "own info"]),
    (["-q"], ["library warning"]),
], ids=["verbose", "default", "quiet"])
def test_verbose_is_wordevals_debug_lines(flags, shown):
    res = subprocess.run([sys.executable, "-c", SCRIPT, *flags], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (res.returncode, res.stderr.splitlines()) == (0, shown), res.stderr
