"""Where a data home often holds a built-in dataset's file when it is not at its pinned place: the names and
folders of the copies users have (the official release's folder, a GitHub or Kaggle copy's names).

Such a file is named in the "not in the data home" reason, never read in place of the pinned one: the
CoNLL-2003 ``train.txt``/``valid.txt``/``test.txt`` in circulation (the copies davidsbatista/NER-datasets,
Hugging Face's conll2003 and Spark NLP's docs show) are IOB2 with ``-DOCSTART- -X- -X- O`` lines, not the
release's IOB1 ``eng.*`` bytes, so matching them by sha256 finds none of them; where the bytes are the pinned
ones (UD_English-EWT/ as the release unpacks), moving the file is one command the message names.
"""
from __future__ import annotations

import os
from pathlib import Path

from wordeval.artifacts import sha256_file
from wordeval.counted_nouns import first_and_more
from wordeval.datasets.spec import DataFile

# the pinned place's folder in a data home: the folders the same files are often found in, relative to it
_FOLDERS = {
    "seq/ud_english_ewt/": ("UD_English-EWT/", "seq/UD_English-EWT/", "ud-treebanks-v2.16/UD_English-EWT/"),
    "analogy/BATS_3.0/": ("BATS_3.0/", "analogy/BATS_3.0/BATS_3.0/"),
    "classification/senteval/": ("data/downstream/", "SentEval/data/downstream/"),
    "seq/conll2003/": ("conll2003/", "CoNLL-2003/"),
    "seq/conll2000/": ("conll2000/", "CoNLL-2000/"),
}
# the release's name of a file: the names a renamed copy goes by
_NAMES = {"eng.train": ("train.txt",), "eng.testa": ("valid.txt", "dev.txt"), "eng.testb": ("test.txt",)}


def elsewhere(root: Path, files: list[DataFile]) -> str:
    """A clause on those of ``files`` (missing at their pinned places under ``root``) found at a well-known
    other place, saying whether their bytes are the pinned ones; "" when there is none. Every one found is
    counted: the first alone was named, and a release folder of three seemed to hold one of them."""
    pinned, other = [], []
    for f in files:
        found = next((p for p in (_case_blind(root, c) for c in _candidates(f.path)) if p is not None), None)
        if f.sha256 is not None and found is not None:
            (pinned if sha256_file(found) == f.sha256 else other).append((f, found))
    clauses = []
    if pinned:
        clauses.append(f"{_listing([p for _, p in pinned])} {'is' if len(pinned) == 1 else 'are'} there with "
                       f"the pinned bytes: {_move(root, pinned)}")
    if len(other) == 1:
        (f, found), = other
        clauses.append(f"{found} is there, but its sha256 is not the pinned {f.sha256}: another copy, "
                       "read as your own task's file, not as this dataset's")
    elif other:
        clauses.append(f"{_listing([p for _, p in other])} are there, but not with the pinned sha256: other "
                       "copies, read as your own task's files, not as this dataset's")
    return f" ({'; '.join(clauses)})" if clauses else ""


def _listing(paths: list[Path]) -> str:
    """The first path in full and how many more; their names too where they are few and beside it."""
    first, rest = paths[0], paths[1:]
    if rest and len(rest) <= 3 and all(p.parent == first.parent for p in rest):
        return f"{first} and {len(rest)} more beside it ({', '.join(p.name for p in rest)})"
    return first_and_more([str(p) for p in paths], 1)


def _move(root: Path, found: list[tuple[DataFile, Path]]) -> str:
    if len(found) == 1:
        return f"move or link it to {root / found[0][0].path}"
    here = Path(os.path.commonpath([p for _, p in found]))
    there = Path(os.path.commonpath([root / f.path for f, _ in found]))
    if all(p.relative_to(here) == (root / f.path).relative_to(there) for f, p in found):
        return f"move or link them into {there}/, placed as in {here}/"
    f, p = found[0]
    return f"move or link each to its pinned place under {there}/ ({p.name} as {root / f.path}, ...)"


def _case_blind(root: Path, relative: str) -> Path | None:
    """The file at ``relative`` under ``root``, each part of the path matched whatever its case (SentEval's
    ``SST/Binary`` is ``SST/binary`` in some copies), where exactly one entry matches; None where none is."""
    here = root
    for part in relative.split("/"):
        if (here / part).exists():
            here = here / part
            continue
        try:
            with os.scandir(here) as entries:
                same = [e.name for e in entries if e.name.casefold() == part.casefold()]
        except OSError:
            return None
        if len(same) != 1:
            return None
        here = here / same[0]
    return here if here.is_file() else None


def _candidates(pinned: str) -> list[str]:
    folder, _, name = pinned.rpartition("/")
    folder += "/"
    names = (name, *_NAMES.get(name, ()))
    # the pinned place itself too: a part of it in another case is found by _case_blind
    out = [pinned, *(folder + other for other in names[1:])]
    for prefix, others in _FOLDERS.items():
        if folder.startswith(prefix):
            rest = folder[len(prefix):]
            out += [o + rest + n for o in others for n in names]
    return out
