"""The reader table: a name for every function that turns dataset files into items, so spec files (built-in
and users') name a reader instead of a Python path. Resolved lazily: naming a reader imports nothing.

Every reader is ``(paths: Mapping[str, Path], **options) -> (splits, extra)``: ``splits`` maps a split name
to its items (types.py), ``extra`` holds what was read (``scheme``, ``labels``, ``n_tokens``, ``sections``,
``columns``, ``warnings``). File keys are split names (``train``/``dev``/``test``/``all``) unless a reader
says otherwise (``<split>/<label>`` for one file per class; built-in keys such as ``pairs``/``questions``
read as split "test"). What options each takes is in its docstring; ``sniff.py`` produces them.
"""
from __future__ import annotations

import importlib
from typing import Callable

from wordeval.errors import UnknownNameError

_D = "wordeval.datasets."

READERS: dict[str, str] = {
    # similarity
    "pairs": _D + "parsers_pairs:read_pairs",
    "pairs-semeval17": _D + "parsers_pair_keys:read_semeval17",
    # analogy
    "google": _D + "parsers_analogy:read_google",
    "vecto-csv": _D + "parsers_analogy:read_vecto_csv",
    "bats": _D + "parsers_analogy:read_bats",
    "analogy-4col": _D + "parsers_analogy:read_analogy_lines",
    "msr-lines": _D + "parsers_analogy:read_msr_lines",
    "msr-pair": _D + "parsers_msr_pair:read_msr_pair",
    # sentence similarity
    "sts": _D + "parsers_sts:read_sts",
    "sts-semeval": _D + "parsers_sts:read_semeval",
    # tagging
    "conll": _D + "parsers_seq:read_conll",
    "conllu": _D + "parsers_seq:read_conllu",
    "word-tag": _D + "parsers_seq:read_word_tag",
    "tagged": _D + "parsers_seq:read_tagged",  # the built-ins' dispatcher (format = conll | conllu | word_tag)
    # classification
    "classification": _D + "parsers_text:read_classification",  # the built-ins' dispatcher (format = ...)
    "labeled-lines": _D + "parsers_text:read_labeled_lines",
    "json-lines": _D + "parsers_text:read_json_lines",
    "class-files": _D + "parsers_text:read_class_files",
    "class-folders": _D + "parsers_text:read_class_folders",
    "sst": _D + "parsers_text:read_sst",
    "trec": _D + "parsers_text:read_trec",
    "ptb-trees": _D + "parsers_text:read_ptb_trees",
    # QVEC oracles (word -> feature distribution)
    "qvec-oracle": _D + "parsers_qvec:read_oracle_dataset",
}

# Which readers make items a family can score (sniff checks a spec's ``format`` against it).
FAMILY_READERS: dict[str, tuple[str, ...]] = {
    "similarity": ("pairs", "pairs-semeval17"),
    "analogy": ("google", "vecto-csv", "bats", "analogy-4col", "msr-lines", "msr-pair"),
    "sts": ("sts", "sts-semeval"),
    "pos": ("conll", "conllu", "word-tag", "tagged"),
    "chunking": ("conll", "conllu", "word-tag", "tagged"),
    "ner": ("conll", "conllu", "word-tag", "tagged"),
    "classification": ("labeled-lines", "json-lines", "class-files", "class-folders", "sst", "trec", "ptb-trees",
                       "classification"),
    "qvec": ("qvec-oracle",),
    "qvec-cca": ("qvec-oracle",),
}


def unknown_reader(name: str, known) -> UnknownNameError:
    known = list(known)
    from wordeval.close_names import close_names

    close = close_names(name, known)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    return UnknownNameError(f"unknown reader {name!r}{hint}; known: {', '.join(known)}")


def reader(name: str) -> Callable:
    """The reader function named ``name`` (imported now)."""
    target = READERS.get(name) if isinstance(name, str) else None
    if target is None:
        raise unknown_reader(str(name), READERS)
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)
