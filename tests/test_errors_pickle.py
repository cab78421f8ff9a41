"""Errors raised in a child process (the prebuild pool, a Dask worker) are pickled and rebuilt in the run:
InputFormatError and HintError take other arguments than their message, and unpickling them raised a
TypeError that killed the pool's result thread (the run then waited for ever)."""
from __future__ import annotations

import pickle

import pytest

from wordeval.errors import HintError, InputFormatError, UnknownReaderHint


@pytest.mark.parametrize("error", [InputFormatError("/c/corpus.txt", 3, "UTF-8 text", "byte 0xe9"),
                                   InputFormatError(None, None, "JSON"),
                                   HintError("columns", "columns.score = 7: the lines have 3 columns"),
                                   UnknownReaderHint("format", "format = 'x' names no reader")])
def test_user_errors_survive_a_pickle_round_trip(error):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error) and back.__dict__ == error.__dict__
