"""The common candidate set of ``--common-vocab`` where keys share rows (spaCy's vectors table).

spaCy md holds 684,752 keys on 20,000 rows, each row labelled with one arbitrary key ('1-800-398-3128',
'stitchdown'). Intersected by those labels, GloVe 6B 50d, spaCy md and a 24k-word word2vec file shared 1,281
words, and Google's analogies were compared on 18 of 19,544 questions. The words a representation holds are
its keys; the view keeps spaCy's own rule that a key answers through its row (Analogy in README), so a row
read by several common words is one candidate, as in spaCy's own search.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np


def keys_of(embedding) -> list[str]:
    """The words ``embedding`` holds a vector for, in row order (ties: key order)."""
    index = embedding.index
    return sorted(index, key=index.__getitem__)


def shares_rows(embedding) -> bool:
    from wordeval.embeddings.spacy_vectors import SpacyVectors

    return isinstance(embedding, SpacyVectors)


def shared_rows_view(embedding, words: Sequence[str], info, *, frequency_ordered: bool):
    """``embedding`` restricted to ``words``: one row per distinct row they read, in the order of the first
    word reading it, labelled by that word; every word keeps reading its row."""
    from wordeval.embeddings.spacy_vectors import SpacyVectors

    rows = embedding.rows(list(words))
    _, first = np.unique(rows, return_index=True)
    first = np.sort(first)
    kept = rows[first]
    renumber = np.full(int(rows.max()) + 1, -1, dtype=np.int64)
    renumber[kept] = np.arange(len(kept))
    aliases = dict(zip(words, renumber[rows].tolist()))
    view = SpacyVectors([words[i] for i in first.tolist()], np.asarray(embedding.vectors)[kept], info,
                        aliases=aliases)
    view.frequency_ordered = frequency_ordered
    return view


def candidates_within(words: Sequence[str], restrict_vocab: int | None, question_filter: str):
    """The common words a shared-rows view holds under ``restrict_vocab`` (counted in words, as the others'
    rows are), and the ``restrict_vocab`` to solve it with. Its rows cannot be cut at N: the rows the first
    10,000 of GloVe's, spaCy md's and a word2vec file's common words read are read by 16,550 of them."""
    from wordeval.errors import ConfigError

    if restrict_vocab is None:
        return list(words), None
    if question_filter != "candidates":
        # a question beyond the candidates is asked there, which a view without those words cannot do
        raise ConfigError(f"--common-vocab with --restrict-vocab and question_filter = {question_filter!r} "
                          "on a representation whose keys share rows (spaCy's vectors): use question_filter "
                          "= \"candidates\" or leave out --restrict-vocab")
    return list(words[:restrict_vocab]), None


def check_planned(spec: str, config) -> None:
    """``candidates_within``'s refusal, at planning, for a representation the registry says shares rows
    (``shared_rows``): found when the group was scored, it stopped the run after the store was created."""
    import os

    from wordeval.embeddings.load import split_label
    from wordeval.errors import UnknownNameError
    from wordeval.registry import REGISTRY

    if config.get("candidates") != "common" or config.get("restrict_vocab") is None:
        return
    source = split_label(spec)[1]
    if os.path.lexists(source):
        return
    try:
        entry = REGISTRY.entry("embedding", source.partition(":")[0])
    except UnknownNameError:
        return
    if entry.meta.get("shared_rows"):
        candidates_within([], config["restrict_vocab"], config.get("question_filter", "candidates"))
