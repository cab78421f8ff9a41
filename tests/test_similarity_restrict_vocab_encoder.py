"""restrict_vocab keeps the first N rows of a vocabulary; an open-vocabulary encoder has none. Its similarity
cell is skipped with the reason naming it, as analogy skips such a representation, and the others are scored:
before, a ConfigError that named neither the representation nor why stopped the run at that cell (exit 2,
after the other cells were stored), and under --intersection it skipped the whole group, named after the
first representation."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.errors import NotAvailableError

WORDS = ["a", "b", "c", "d", "e", "f"]
PAIRS = [("a", "b", 1.0), ("c", "d", 2.0), ("e", "f", 3.0), ("a", "f", 0.5), ("b", "e", 2.5)]


class _OpenVocabulary:
    """An encoder's word view: any word has a vector, there are no rows."""

    open_vocabulary = True  # as wordeval's encoders declare: not an object of the user's

    def __init__(self):
        from wordeval.embeddings.base import EmbeddingInfo

        self.info = EmbeddingInfo(name="enc", source="<test>", format="encoder", dim=3, vocab_size=None,
                                  fingerprint="sha256:enc")
        self.dim = 3

    def lookup(self, words):
        return (np.array([[len(w), ord(w[0]) % 5, 1.0] for w in words], dtype=np.float32),
                np.ones(len(words), dtype=bool))


def _inputs(tmp_path):
    rng = np.random.default_rng(0)
    paths = []
    for name in ("x", "y"):
        path = tmp_path / f"{name}.txt"
        path.write_text("".join(f"{w} {' '.join(map(repr, rng.normal(size=3).tolist()))}\n" for w in WORDS),
                        encoding="utf-8")
        paths.append(path)
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    return paths, spec


def test_restrict_vocab_on_an_encoder_is_a_skip_naming_it(tmp_path):
    import wordeval

    _, spec = _inputs(tmp_path)
    with pytest.raises(NotAvailableError, match=r"^enc has an open vocabulary .* no first 3 rows"):
        wordeval.evaluate(_OpenVocabulary(), str(spec), config={"restrict_vocab": 3})
    assert wordeval.evaluate(_OpenVocabulary(), str(spec)).n_used == len(PAIRS)  # without it, scored


def test_an_intersection_skips_the_encoder_alone_and_scores_the_others_on_their_first_rows(tmp_path):
    from wordeval.evaluation import load_embedding
    from wordeval.runner import compute_group, plan

    (x, y), spec = _inputs(tmp_path)
    p = plan([f"X={x}", f"Y={y}", f"E={x}"], [str(spec)], intersection=True, restrict_vocab=4)
    embeddings = [load_embedding(str(x), label="X"), load_embedding(str(y), label="Y"), _OpenVocabulary()]
    out = compute_group(p.cells, embeddings, p.datasets["similarity/t"])
    assert isinstance(out[2], NotAvailableError) and str(out[2]).startswith("enc has an open vocabulary")
    assert [r.label for r in out[:2]] == ["X", "Y"]
    # by hand: a, b, c, d are the first 4 rows, so only (a, b) and (c, d) are covered
    assert [r.per_item["id"] for r in out[:2]] == [[0, 1], [0, 1]]
