"""Where a data home often holds a built-in dataset's file when it is not at its pinned place: the names and
folders of the copies users have (the official release's folder, a GitHub or Kaggle copy's names).

Such a file is named in the "not in the data home" reason, never read in place of the pinned one: the
CoNLL-2003 ``train.txt``/``valid.txt``/``test.txt`` in circulation (the copies davidsbatista/NER-datasets,
Hugging Face's conll2003 and Spark NLP's docs show) are IOB2 with ``-DOCSTART- -X- -X- O`` lines, not the
release's IOB1 ``eng.*`` bytes, so matching them by sha256 finds none of them; where the bytes are the pinned
ones (UD_English-EWT/ as the release unpacks), moving the file is one command the message names.
"""
from __future__ import annotations

from pathlib import Path

from wordeval.artifacts import sha256_file
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
    """A clause on the first of ``files`` (missing at their pinned places under ``root``) found at a
    well-known other place, saying whether its bytes are the pinned ones; "" when there is none."""
    for f in files:
        for other in _candidates(f.path):
            found = root / other
            if f.sha256 is None or not found.is_file():
                continue
            if sha256_file(found) == f.sha256:
                return f" ({found} is there with the pinned bytes: move or link it to {root / f.path})"
            return (f" ({found} is there, but its sha256 is not the pinned {f.sha256}: another copy, read "
                    f"as your own task's file, not as this dataset's)")
    return ""


def _candidates(pinned: str) -> list[str]:
    folder, _, name = pinned.rpartition("/")
    folder += "/"
    names = (name, *_NAMES.get(name, ()))
    out = [folder + other for other in names[1:]]
    for prefix, others in _FOLDERS.items():
        if folder.startswith(prefix):
            rest = folder[len(prefix):]
            out += [o + rest + n for o in others for n in names]
    return out
