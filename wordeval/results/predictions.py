"""Audit files: the per-item predictions behind a result, in formats other tools read, so a reader can
re-score them (conlleval/seqeval for tags, any script for labels and analogy answers).

One file per (task, representation[, seed]) in the predictions folder: ``<family>__<name>__<label>[__seed<k>].<ext>``
(a label that is not a safe file name as it is: its safe part and a digest of it, ``file_name``).
Tagging: CoNLL columns ``token gold predicted``, blank line between sentences (what ``conlleval`` reads).
Classification and analogy: tab-separated with a header row. Written atomically.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from wordeval.atomic_write import atomic_write_text


def file_name(task, label: str, ext: str, *, seed: int | None = None) -> str:
    """One file per label: a label that does not go into a file name as it is (``w2v (sg)``, ``w2v [sg]``,
    which both became ``w2v_sg``, the second file replacing the first; or one too long for the file system)
    gets a digest of the label after its readable part."""
    safe = re.sub(r"[^A-Za-z0-9._+-]+", "_", label).strip("_") or "representation"
    if safe != label or len(safe) > 80:
        safe = f"{safe[:80]}-{hashlib.sha256(label.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    stem = f"{task.name.replace('/', '__')}__{safe}" + (f"__seed{seed}" if seed is not None else "")
    return f"{stem}.{ext}"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\t", " ").replace("\n", " ")


def write_table(folder: str | os.PathLike, task, embedding, ext: str, header: Sequence[str],
                rows: Iterable[Sequence[Any]], *, seed: int | None = None) -> Path:
    lines = ["\t".join(header)] + ["\t".join(_cell(v) for v in row) for row in rows]
    path = Path(folder) / file_name(task, embedding.info.name, ext, seed=seed)
    return atomic_write_text(path, "\n".join(lines) + "\n")


def write_conll(folder: str | os.PathLike, task, embedding, sentences: Sequence[Sequence[str]],
                gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], *, seed: int) -> Path:
    """``token gold pred`` per line; tokens with spaces get them replaced by ``_`` (CoNLL is space separated)."""
    parts = []
    for tokens, g, p in zip(sentences, gold, pred):
        parts.append("\n".join(f"{t.replace(' ', '_') or '_'} {a} {b}" for t, a, b in zip(tokens, g, p)))
    path = Path(folder) / file_name(task, embedding.info.name, "conll", seed=seed)
    return atomic_write_text(path, "\n\n".join(parts) + "\n")


def read_conll(path: str | os.PathLike) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Tokens, gold and predicted tags of a file written by ``write_conll``."""
    tokens, gold, pred = [[]], [[]], [[]]
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens[-1]:
                tokens.append([]), gold.append([]), pred.append([])
            continue
        t, g, p = line.split(" ")
        tokens[-1].append(t), gold[-1].append(g), pred[-1].append(p)
    if not tokens[-1]:
        tokens.pop(), gold.pop(), pred.pop()
    return tokens, gold, pred
