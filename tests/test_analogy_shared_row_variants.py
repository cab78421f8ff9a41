"""Case variants excluded from an analogy answer are those of the query words, not of their rows' labels.

Where keys share rows (spaCy md: 684,830 keys on 20,000 rows, 'Bangkok' and 'Greece' reading the row labelled
'asia'), the variants of the label 'asia' excluded 'Asia', the row 'Thailand' reads, so (Athens : Greece ::
Bangkok : ?) could not be answered right. Hand-built vectors: the expected answers follow from the cosines.
"""
import numpy as np

from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import StaticEmbedding
from wordeval.embeddings.spacy_vectors import SpacyVectors
from wordeval.intrinsic import analogy

LABELS = ["asia", "Asia", "ASIA", "alabama", "other"]


def _shared_rows_embedding():
    # unit rows 0 and 1 ('Asia', read by Thailand) are close; row 2 is orthogonal to rows 0 and 3; row 4 is
    # far from row 0
    vectors = np.array([[1.0, 0.0, 0.0], [0.9, 0.1, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.2]],
                       dtype=np.float32)
    aliases = {w: i for i, w in enumerate(LABELS)}
    aliases.update({"Bangkok": 0, "bangkok": 0, "Greece": 0, "greece": 0, "Thailand": 1, "thailand": 1,
                    "Athens": 3, "athens": 3})
    plain = StaticEmbedding(LABELS, vectors)
    return SpacyVectors(LABELS, vectors, plain.info, aliases=aliases)


def test_a_query_words_own_case_variants_are_excluded_not_its_rows_labels():
    emb = _shared_rows_embedding()
    q = [AnalogyQuestion("Athens", "Greece", "Bangkok", ("Thailand",), "capital-world")]
    for case in ("lower", "exact-then-lower"):
        cfg = analogy.validate_config({**analogy.DEFAULT_CONFIG, "case": case})
        prep = analogy.prepare_questions(q, emb, cfg)
        ex = analogy._exclusions(q, emb, prep, np.array([0]), cfg, len(LABELS))
        # Athens reads row 3, Greece and Bangkok row 0; none of their case forms reads rows 1 or 2
        assert set(ex[0].tolist()) - {-1} == {0, 3}
        out = analogy.solve_analogies(q, emb, config={"case": case, "backend": "numba"})
        # by hand, 3CosAdd over rows 1, 2, 4 of b + c - a = (2, -1, 0): row 1 gives 2(0.994) - 0.110 = 1.88,
        # row 2 gives 0, row 4 gives -1.96
        assert out["pred_rows"].tolist() == [1] and out["correct"].tolist() == [1]
        assert out["matched_answer"] == ["Thailand"]


def test_a_variant_that_reads_another_row_is_still_excluded():
    # the query word 'asia' has the case forms 'asia' (row 0), 'Asia' (row 1) and 'ASIA' (row 2)
    emb = _shared_rows_embedding()
    q = [AnalogyQuestion("athens", "asia", "bangkok", ("thailand",), "s")]
    cfg = analogy.validate_config({**analogy.DEFAULT_CONFIG, "case": "lower"})
    prep = analogy.prepare_questions(q, emb, cfg)
    ex = analogy._exclusions(q, emb, prep, np.array([0]), cfg, len(LABELS))
    assert set(ex[0].tolist()) - {-1} == {0, 1, 2, 3}
