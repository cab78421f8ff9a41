"""A builder-cache entry has the mode of any folder made under the process's umask, as the parsed-vector cache's
entries and every file wordeval writes have: mkdtemp's 0700 kept it from the other users of a shared cache
(WORDEVAL_CACHE on a group's disk), whose runs could neither read nor replace it and trained the model again.
Oracle: the mode ``os.mkdir`` gives a folder under the same umask."""
from __future__ import annotations

import os

import numpy as np
import pytest

from wordeval.embeddings.builders import load_built, save_built


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("mask", [0o022, 0o002])
def test_a_saved_entry_has_the_usual_folder_mode(tmp_path, mask):
    before = os.umask(mask)
    try:
        (tmp_path / "plain").mkdir()
        folder = save_built(tmp_path / "built" / "key", ["a", "b"], np.eye(2, dtype=np.float32),
                            {"format": "wordeval-built", "builder": "lsa", "spec": "lsa:x", "parameters": {}})
    finally:
        os.umask(before)
    assert folder.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777
    assert load_built(folder, cached=True).info.vocab_size == 2
