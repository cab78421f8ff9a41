"""A common candidate set takes the first representation's row order (restrict_vocab keeps its first N
common words), so the same representations given in another order search another set: a store must not
serve the records of one order to the other."""
from __future__ import annotations

import numpy as np

# x0..x3 are the first four rows of A and the last four of B; y0..y3 the other way round
WORDS_A = ["x0", "x1", "x2", "x3", "y0", "y1", "y2", "y3"]
WORDS_B = WORDS_A[::-1]
QUESTIONS = ["x0 x1 x2 x3", "x1 x0 x3 x2", "y0 y1 y2 y3"]


def _write_vectors(path, words, seed):
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(len(words), 4)).astype(np.float32)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} 4\n")
        for w, v in zip(words, vectors):
            fh.write(w + " " + " ".join(repr(float(x)) for x in v) + "\n")


def _task(tmp_path):
    (tmp_path / "q.txt").write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    spec = tmp_path / "order.toml"
    spec.write_text('name = "order"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    return str(spec)


def _covered(store):
    from wordeval.results.store import load_records

    return {r.label: r.n_used for r in load_records([store])[0]}


def test_common_candidates_of_another_order_are_not_served_from_the_store(tmp_path):
    import wordeval

    _write_vectors(tmp_path / "a.txt", WORDS_A, 0)
    _write_vectors(tmp_path / "b.txt", WORDS_B, 1)
    task = _task(tmp_path)
    a, b = f"A={tmp_path / 'a.txt'}", f"B={tmp_path / 'b.txt'}"
    store = tmp_path / "store"
    first = wordeval.run([a, b], [task], out=store, common_vocabulary=True, restrict_vocab=4)
    assert first.exit_code == 0 and len(first.computed) == 2
    # by hand: the candidates are A's first four rows, x0..x3, which cover the first two questions only
    assert _covered(store) == {"A": 2, "B": 2}

    swapped = wordeval.run([b, a], [task], out=store, common_vocabulary=True, restrict_vocab=4)
    # B's first four rows, y3..y0, cover the third question only: computed anew, not the records of A, B
    assert len(swapped.computed) == 2 and not swapped.cached
    assert _covered(store) == {"A": 1, "B": 1}

    again = wordeval.run([b, a], [task], out=store, common_vocabulary=True, restrict_vocab=4)
    assert len(again.cached) == 2 and not again.computed  # the same order is still resumed
