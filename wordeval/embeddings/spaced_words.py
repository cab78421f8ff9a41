"""Words holding a space in a text vector file (GloVe 840B's '. . .', 'at name@domain.com', 'email
name@domain.com': lines of 301 to 304 fields in a 300-dimensional file, stanfordnlp/GloVe#191).

The text parser reads such a line as its last ``dim`` fields and the word before them. gensim's
``load_word2vec_format`` refuses the whole file instead ("could not convert string to float: '.'"), and
readers that split at the first space (most scripts) shift the vector by a field: a handful of words must not
keep the other 2.2 million from being evaluated, but a reading that differs from the usual one is said, with
how many words it applied to, in a warning and in ``info.parameters`` (``wordeval info`` lists it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from wordeval.embeddings.vector_checks import warn_loader


@dataclass(frozen=True)
class SpacedWords:
    count: int  # distinct words: duplicates are dropped later, so this is what the vocabulary holds
    first: str
    line: int | None


def find_spaced_words(words: list[str], *, line_of: Callable[[int], int | None]) -> SpacedWords | None:
    """Taken on the words as parsed (before duplicates are dropped), so that ``line_of`` still applies."""
    first = next((i for i, w in enumerate(words) if " " in w), None)
    if first is None:
        return None
    return SpacedWords(len({w for w in words[first:] if " " in w}), words[first], line_of(first))


def say_spaced_words(spaced: SpacedWords | None, *, path, dim: int) -> dict:
    """The warning, once the file has loaded (an error after it would not be one line), and the fact kept in
    ``info.parameters``."""
    if spaced is None:
        return {}
    where = "" if spaced.line is None else f" at line {spaced.line}"
    warn_loader(f"{os.fspath(path)}: {spaced.count} word(s) holding a space "
                f"(first: {spaced.first!r}{where}), each read as the fields before its line's last {dim} "
                "numbers (gensim refuses such a file)",
                stacklevel=3)
    return {"words_with_spaces": spaced.count}
