"""Sequence-labelling files: CoNLL column files (CoNLL-2000/2003, WNUT), CoNLL-U (UD), word/TAG lines (PTB).

Quirks handled: ``-DOCSTART-`` lines may appear anywhere (eng.train has its first one at the end of the
file) and always end a sentence; blank lines may hold whitespace (WNUT separates tweets with a lone tab);
CoNLL-U comment lines, multiword-token ranges (``1-2``) and empty nodes (``8.1``) are skipped so that the
tokens are the syntactic words that carry UPOS.
"""
from __future__ import annotations

import os
from typing import Mapping, Sequence

import numpy as np

from wordeval.datasets.textio import iter_lines
from wordeval.datasets.types import TaggedSentence
from wordeval.errors import InputFormatError

_SEPARATORS = {"tab": "\t", "space": None}


def parse_conll_columns(path: str | os.PathLike, *, n_columns: int, tag_column: int, sep: str = "space",
                        encoding: str = "utf-8") -> list[TaggedSentence]:
    """Token in column 0, the wanted tag in ``tag_column``; every token line must have ``n_columns``."""
    splitter = _SEPARATORS[sep]
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush():
        if tokens:
            sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
            tokens.clear()
            tags.clear()

    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip():
            flush()
            continue
        if line.startswith("-DOCSTART-"):
            flush()
            continue
        fields = line.split(splitter) if splitter else line.split()
        if len(fields) != n_columns:
            raise InputFormatError(path, lineno, f"{n_columns} {sep}-separated columns", f"{len(fields)}")
        token, tag = fields[0].strip(), fields[tag_column].strip()
        if not token or not tag:
            raise InputFormatError(path, lineno, "a non-empty token and tag", repr(line[:60]))
        tokens.append(token)
        tags.append(tag)
    flush()
    return sentences


def parse_conllu(path: str | os.PathLike, *, tag_column: int = 3) -> list[TaggedSentence]:
    """CoNLL-U: 10 tab-separated columns; UPOS is column 4 (index 3), XPOS column 5 (index 4)."""
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for lineno, line in iter_lines(path):
        if not line.strip():
            if tokens:
                sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
                tokens, tags = [], []
            continue
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 10:
            raise InputFormatError(path, lineno, "10 tab-separated CoNLL-U columns", f"{len(fields)}")
        word_id = fields[0]
        if "-" in word_id or "." in word_id:  # multiword-token range / empty node: no UPOS of their own
            continue
        if not word_id.isdigit():
            raise InputFormatError(path, lineno, "a word ID (integer, range or decimal)", repr(word_id))
        tokens.append(fields[1])
        tags.append(fields[tag_column])
    if tokens:
        sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
    return sentences


def parse_word_tag_lines(path: str | os.PathLike) -> list[TaggedSentence]:
    """One sequence per line of ``word/TAG`` tokens; the tag follows the last slash (``1/2/CD``)."""
    sentences = []
    for lineno, line in iter_lines(path):
        if not line.strip():
            continue
        tokens, tags = [], []
        for item in line.split():
            word, slash, tag = item.rpartition("/")
            if not slash or not word or not tag:
                raise InputFormatError(path, lineno, "word/TAG tokens", repr(item))
            tokens.append(word)
            tags.append(tag)
        sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
    return sentences


def split_indices(n: int, *, fractions: Sequence[float], seed: int) -> list[np.ndarray]:
    """Fixed-seed random partition of range(n) into len(fractions) parts (sizes rounded, the first part
    takes the remainder); indices within each part keep file order."""
    perm = np.random.default_rng(seed).permutation(n)
    sizes = [int(round(n * f)) for f in fractions[1:]]
    sizes.insert(0, n - sum(sizes))
    parts, start = [], 0
    for size in sizes:
        parts.append(np.sort(perm[start:start + size]))
        start += size
    return parts


def derive_splits(items: Sequence, names: Sequence[str], fractions: Sequence[float], seed: int) -> dict:
    return {name: [items[i] for i in idx]
            for name, idx in zip(names, split_indices(len(items), fractions=fractions, seed=seed))}


def read_tagged(paths: Mapping[str, os.PathLike], *, format: str, derive: Mapping | None = None,
                **options) -> tuple[dict, dict]:
    """Reader: one file per split key ("train"/"dev"/"test", or "all"); ``derive`` = {"from": key,
    "into": [names], "fractions": [...], "seed": int} carves missing splits out of one file."""
    parse = {"conll": parse_conll_columns, "conllu": parse_conllu, "word_tag": parse_word_tag_lines}[format]
    splits = {key: parse(path, **options) for key, path in paths.items()}
    extra = {}
    if derive:
        base = splits.pop(derive["from"])
        splits.update(derive_splits(base, derive["into"], derive["fractions"], derive["seed"]))
        extra["derived_split"] = {"from": derive["from"], "into": list(derive["into"]),
                                  "fractions": list(derive["fractions"]), "seed": derive["seed"],
                                  "n_before": len(base)}
    extra["n_tokens"] = {k: sum(len(s.tokens) for s in v) for k, v in splits.items()}
    return splits, extra
