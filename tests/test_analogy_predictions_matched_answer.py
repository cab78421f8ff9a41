"""An analogy prediction file names the accepted answer that made a question correct.

spaCy's md table points many keys at one row; the file's `predicted` column gives the row's label. An audit
found 383 Google and 97 MSR rows reading `predicted = america`, `correct = 1` for the answer 'Germany', a key
of that row: right, but the file read alone looked wrong. The expectations below are written by hand."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.embeddings.spacy_vectors import SpacyVectors
from wordeval.intrinsic import analogy
from wordeval.results.predictions import read_table


def _spacy_like():
    labels = ["man", "woman", "king", "america", "apple"]
    # king - man + woman = (0, 1, 1): exactly the row labelled 'america', which the key 'Germany' also reads
    vectors = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 1], [0, 1, 1], [-1, -1, 0]], dtype=np.float32)
    keys = {w: r for r, w in enumerate(labels)} | {"Germany": 3}
    info = EmbeddingInfo(name="tiny-spacy", source="test", format="spacy-vectors", dim=3,
                         vocab_size=len(keys), fingerprint="sha256:0")
    return SpacyVectors(labels, vectors, info, aliases=keys)


def test_the_file_names_the_key_of_the_shared_row_that_was_accepted(tmp_path):
    questions = [AnalogyQuestion("man", "king", "woman", ("Germany",), "s"),  # another key of the row
                 AnalogyQuestion("man", "king", "woman", ("Germany", "america"), "s"),  # its label too
                 AnalogyQuestion("man", "king", "woman", ("apple",), "s")]  # wrong
    embedding = _spacy_like()
    solved = analogy.solve_analogies(questions, embedding, config={"case": "exact"})
    analogy._write_predictions(tmp_path, SimpleNamespace(name="analogy/tiny"), embedding, questions, solved)
    header, rows = read_table(tmp_path / "analogy__tiny__tiny-spacy.tsv")
    table = [dict(zip(header, row)) for row in rows]
    assert [(r["predicted"], r["matched_answer"], r["correct"]) for r in table] == [
        ("america", "Germany", "1"),
        ("america", "america", "1"),  # the label's own spelling is named where it is an answer
        ("america", "", "0")]
