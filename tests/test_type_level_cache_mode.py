"""The type-level vector cache's ``vectors.npz`` (``minilm:type-level``) has the mode of any file made under the
process's umask, as its ``info.json`` and every other file of the cache have: mkstemp's 0600 kept it from the
other users of a shared cache (WORDEVAL_CACHE on a group's disk), whose runs could not read it and encoded
every word again. Oracle: the mode a plain ``open(..., "w")`` gives a file under the same umask. The fake
encoder of test_type_level_cache_faults computes its features by hand: they are the oracle of the vectors."""
from __future__ import annotations

import os

import numpy as np
import pytest

from tests.test_type_level_cache_faults import _cache_file, _features, _type_vectors


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077], ids=oct)
def test_vectors_npz_has_the_usual_file_mode(tmp_path, mask):
    before = os.umask(mask)
    try:
        with open(tmp_path / "plain", "w"):
            pass
        _type_vectors(tmp_path).lookup(["cat", "dog"])
        _type_vectors(tmp_path).lookup(["zebra"])  # the merge rewrites it: the mode must hold for that too
    finally:
        os.umask(before)
    expected = (tmp_path / "plain").stat().st_mode & 0o777
    cached = _cache_file(tmp_path)
    assert cached.stat().st_mode & 0o777 == expected
    assert (cached.parent / "info.json").stat().st_mode & 0o777 == expected
    vectors, _ = _type_vectors(tmp_path).lookup(["cat", "zebra"])
    np.testing.assert_array_equal(vectors, np.array([_features("cat"), _features("zebra")], dtype=np.float32))
