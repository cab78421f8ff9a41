"""Analogy over a common candidate set: representations with different vocabularies answer over the words
they all have, so their scores are comparable; the candidate set is recorded."""
from __future__ import annotations

import numpy as np


def test_common_vocabulary_equalises_candidates(glove50, tmp_path):
    import wordeval
    from wordeval.results.store import load_records

    n = 30000
    small = (glove50.words[:n], np.asarray(glove50.vectors[:n]))
    path = tmp_path / "small.w2v.txt"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{n} {glove50.dim}\n")
        for w, v in zip(*small):
            fh.write(w + " " + " ".join(repr(float(x)) for x in v) + "\n")
    summary = wordeval.run(["glove-6b-50d", f"small={path}"], ["analogy/msr"], out=tmp_path / "s",
                           common_vocabulary=True)
    assert summary.exit_code == 0 and len(summary.computed) == 2
    recs = {r.label: r for r in load_records([tmp_path / "s"])[0]}
    full, sm = recs["glove-6b-50d"], recs["small"]
    # the same candidates (the 30k words both have) and the same vectors for them: the same answers
    assert full.config["candidates"] == sm.config["candidates"] == "common"
    assert full.extra["candidate_vocabulary"]["n_candidates"] == sm.extra["candidate_vocabulary"]["n_candidates"] == n
    assert full.extra["candidate_vocabulary"]["vocab_size"] == 400000
    assert full.per_item == sm.per_item and full.scores == sm.scores
    # oracle: the full GloVe restricted to its own first 30k rows answers identically (the common words are
    # exactly those rows, in the same order)
    own = wordeval.evaluate(glove50, "analogy/msr", config={"restrict_vocab": n})
    assert own.per_item == full.per_item
