"""Text-classification files: one-sentence-per-line files per class (MR, CR), ``label sentence`` /
``sentence<TAB>label`` (SST), ``COARSE:fine question`` (TREC), and a folder per class (BBC News)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Sequence

from wordeval.datasets.textio import iter_lines
from wordeval.datasets.types import LabeledText
from wordeval.errors import InputFormatError


def parse_lines(path: str | os.PathLike, label: str, *, encoding: str = "utf-8") -> list[LabeledText]:
    """Every non-blank line is one text of class ``label`` (SentEval's CR files contain 4 blank lines)."""
    return [LabeledText(line.strip(), label) for _, line in iter_lines(path, encoding=encoding) if line.strip()]


def parse_sst(path: str | os.PathLike, *, layout: str, labels: Sequence[str]) -> list[LabeledText]:
    """``layout="text_tab_label"`` (SentEval binary) or ``"label_space_text"`` (SentEval fine-grained)."""
    items = []
    for lineno, line in iter_lines(path):
        if not line.strip():
            continue
        if layout == "text_tab_label":
            text, sep, label = line.rpartition("\t")
        else:
            label, sep, text = line.partition(" ")
        label, text = label.strip(), text.strip()
        if not sep or not text:
            raise InputFormatError(path, lineno, f"a sentence and a label ({layout})", repr(line[:60]))
        if label not in labels:
            raise InputFormatError(path, lineno, f"a label in {{{', '.join(labels)}}}", repr(label))
        items.append(LabeledText(text, label))
    return items


def parse_trec(path: str | os.PathLike, *, fine: bool, encoding: str = "utf-8") -> list[LabeledText]:
    """``DESC:manner How did ...``: the coarse label is before the colon (6 classes), fine is all of it (50)."""
    items = []
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip():
            continue
        label, _, text = line.partition(" ")
        coarse, colon, sub = label.partition(":")
        if not colon or not coarse or not sub or not text.strip():
            raise InputFormatError(path, lineno, "'COARSE:fine question'", repr(line[:60]))
        items.append(LabeledText(text.strip(), label if fine else coarse))
    return items


def parse_class_folders(root: str | os.PathLike, *, encoding: str = "utf-8",
                        fallback_encoding: str | None = None) -> list[LabeledText]:
    """``root/<class>/*.txt``, one document per file, class = folder name, in sorted order.
    ``fallback_encoding`` decodes the rare file that is not valid in ``encoding`` (BBC News: one file,
    sports/199.txt, has a Latin-1 pound sign in an otherwise UTF-8 corpus)."""
    root = Path(root)
    items = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            raw = path.read_bytes()
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                if fallback_encoding is None:
                    line = raw[:exc.start].count(b"\n") + 1
                    raise InputFormatError(path, line, f"{encoding} text", f"byte 0x{raw[exc.start]:02x}") from None
                text = raw.decode(fallback_encoding)
            text = text.replace("\r\n", "\n").strip()
            if not text:
                raise InputFormatError(path, 1, "a non-empty document", "an empty file")
            items.append(LabeledText(text, folder.name))
    return items


def stratified_split(items: Sequence[LabeledText], names: Sequence[str], fractions: Sequence[float],
                     seed: int, *, stratify: str = "label") -> dict:
    """Fixed-seed stratified partition (scikit-learn); names[0] gets the remainder. File order is kept.
    ``stratify="coarse"`` stratifies on the label's part before ':' (TREC)."""
    from sklearn.model_selection import train_test_split

    idx = list(range(len(items)))
    labels = [it.label.partition(":")[0] if stratify == "coarse" else it.label for it in items]
    out = {}
    rest, rest_labels = idx, labels
    for name, frac in zip(names[1:], fractions[1:]):
        n_take = int(round(len(items) * frac))
        rest, take, rest_labels, _ = train_test_split(rest, rest_labels, test_size=n_take, random_state=seed,
                                                      stratify=rest_labels)
        out[name] = [items[i] for i in sorted(take)]
    out[names[0]] = [items[i] for i in sorted(rest)]
    return {name: out[name] for name in names}


def read_classification(paths: Mapping[str, os.PathLike], *, format: str, derive: Mapping | None = None,
                        **options) -> tuple[dict, dict]:
    """Reader. File keys: ``<split>`` or ``<split>/<label>`` (one file per class, MR/CR), or ``folder``
    (BBC). ``derive`` = {"from", "into", "fractions", "seed"} makes missing splits, stratified by label."""
    splits: dict[str, list] = {}
    for key in sorted(paths):
        split, _, label = key.partition("/")
        path = paths[key]
        if format == "lines":
            items = parse_lines(path, label, **options)
        elif format == "sst":
            items = parse_sst(path, **options)
        elif format == "trec":
            items = parse_trec(path, **options)
        elif format == "folders":
            items = parse_class_folders(path, **options)
        else:
            raise ValueError(f"unknown classification format {format!r}")
        splits.setdefault(split, []).extend(items)
    extra = {}
    if derive:
        base = splits.pop(derive["from"])
        stratify = derive.get("stratify", "label")
        splits.update(stratified_split(base, derive["into"], derive["fractions"], derive["seed"], stratify=stratify))
        extra["derived_split"] = {"from": derive["from"], "into": list(derive["into"]),
                                  "fractions": list(derive["fractions"]), "seed": derive["seed"],
                                  "stratified_on": stratify, "n_before": len(base)}
    extra["labels"] = sorted({it.label for items in splits.values() for it in items})
    return splits, extra
