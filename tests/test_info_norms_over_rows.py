"""`wordeval info spacy-md` printed "vocab_size 684752" and, beneath it, norm quantiles computed over its
20,000 rows, which its keys share: read as the words' norms they are wrong (the words' median is 7.375, the
rows' 7.304). The norms now say which rows they are over where rows and words differ, and the JSON gives the
row count. Quantiles checked against numpy on the rows."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from wordeval.cli.info import describe, format_facts


def _embedding(vectors, vocab_size):
    info = SimpleNamespace(name="e", source="s", format="f", vocab_size=vocab_size, dim=vectors.shape[1],
                           fingerprint="sha256:0", parameters={})
    return SimpleNamespace(info=info, vectors=vectors)


def test_norms_of_shared_rows_say_they_are_the_rows():
    rows = np.array([[3.0, 4.0], [0.0, 1.0], [6.0, 8.0]], dtype=np.float32)
    facts = describe(_embedding(rows, vocab_size=7), 0.5)
    norms = np.linalg.norm(rows.astype(np.float64), axis=1)
    assert facts["norms"]["rows"] == 3
    assert facts["norms"]["median"] == np.median(norms) and facts["norms"]["mean"] == norms.mean()
    line = next(x for x in format_facts(facts).splitlines() if x.startswith("norms"))
    assert line.endswith("zero rows 0  (over the 3 rows, which the 7 words share)"), line


def test_norms_of_one_row_per_word_read_as_before(tmp_path):
    from wordeval.embeddings.load import load_embedding

    path = tmp_path / "v.txt"
    path.write_text("cat 3 4\ndog 0 1\ncar 6 8\n", encoding="utf-8")
    facts = describe(load_embedding(str(path), cache=False), 0.5)
    assert facts["norms"]["rows"] == facts["vocab_size"] == 3
    line = next(x for x in format_facts(facts).splitlines() if x.startswith("norms"))
    assert line.split(None, 1)[1] == "min 1  median 5  mean 5.333  max 10  zero rows 0"
