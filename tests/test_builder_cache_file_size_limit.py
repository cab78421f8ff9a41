"""A builder cache entry cut by a full disk or `ulimit -f` (here RLIMIT_FSIZE in a real process): numpy's C
write of vectors.npy lost the errno, and the run's warning said only 'the builder cache cannot be written
(9728 requested and 3968 written) ... set WORDEVAL_CACHE to a writable folder', naming neither the entry
nor the limit. It now names the entry and the file-size limit, nothing is left in the cache, and the model
the run carried on with is the one a build without the limit places there afterwards."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import numpy as np
import pytest

BUILD = """import json, logging, sys
import numpy as np
from wordeval.embeddings import builders
logging.basicConfig(level=logging.WARNING, format="%(message)s")
m = builders.build("lsa", corpus=sys.argv[1], cache_home=sys.argv[2], dim="40")
print(json.dumps({"words": m.words, "vectors": np.asarray(m.vectors, dtype=float).tolist()}))
"""
LIMIT = 4096  # bytes: above the entry's mark and words, below its 60 x 40 matrix (beyond stdio's buffer)


def _limited():
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_an_entry_cut_by_the_file_size_limit_is_named_with_the_limit(tmp_path, tiny_corpus):
    from wordeval.embeddings import builders

    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-c", BUILD, str(tiny_corpus), str(cache)],
                       capture_output=True, text=True, env=env, preexec_fn=_limited, timeout=120)
    assert r.returncode == 0, r.stderr
    said = [line for line in r.stderr.splitlines() if "builder cache" in line]
    assert len(said) == 1, r.stderr
    assert f"{cache / 'built'}" in said[0] and "file-size limit (ulimit -f)" in said[0], said[0]
    assert "free space there or set WORDEVAL_CACHE" in said[0] and "requested and" not in said[0]
    assert [p for p in (cache / "built").iterdir()] == []  # no half entry, no temporary folder

    served = builders.build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="40")
    kept = json.loads(r.stdout)  # float32 values as floats: exact
    assert served.words == kept["words"]
    np.testing.assert_array_equal(np.asarray(served.vectors), np.asarray(kept["vectors"], dtype=np.float32))
    assert len([p for p in (cache / "built").iterdir()]) == 1
