"""Chunk extraction and conlleval-style scoring for IOB1, IOB2 and IOBES tag sequences.

Chunks are ``(type, start, end)`` with ``end`` inclusive, computed per sentence: a sentence boundary always
closes a chunk (conlleval treats blank lines and ``-DOCSTART-`` that way; scoring one concatenated stream
would let a chunk run across sentences).

Decoding rules (conlleval's, which IOB1 and IOB2 share — they differ only in when a *writer* emits ``B-``):

- ``B-X`` always starts a chunk;
- ``I-X`` continues an open chunk of type X, and starts a new one after ``O`` or after a chunk of another
  type (so IOB1's "I- starts a chunk" and an ill-formed IOB2 ``O I-X`` decode the same way, as conlleval does);
- a change of type always closes the open chunk.

IOBES adds, explicitly: ``S-X`` is a one-token chunk; ``E-X`` closes the chunk it ends; ``I-X``/``E-X``
after ``E-``/``S-``/``O`` or another type start a new chunk (the lenient, conlleval-consistent reading).
The original conlleval script has no S-/E- rules, so its numbers on IOBES files are not defined by it.
This reading equals seqeval's *default* mode on IOBES data and is the default here (``mode="conlleval"``).
``mode="strict"`` (IOB2, IOBES) equals seqeval's ``mode="strict"``: a chunk must start with ``B-`` (or be an
``S-``) and, in IOBES, end with ``E-``; ill-formed chunks (``B-X O``, ``I-X E-X`` without a ``B-``) are dropped
instead of repaired. ``E-``/``S-`` tags in IOB1/IOB2 data are rejected rather than guessed at.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from wordeval.errors import ConfigError

SCHEMES = ("IOB1", "IOB2", "IOBES")
_PREFIXES = {"IOB1": "BI", "IOB2": "BI", "IOBES": "BIES"}

Chunk = tuple[str, int, int]


def check_scheme(scheme: str | None) -> str:
    if scheme not in SCHEMES:
        raise ConfigError(f"tagging scheme must be one of {', '.join(SCHEMES)}, got {scheme!r}")
    return scheme


def _split(tag: str, scheme: str) -> tuple[str, str]:
    if tag == "O":
        return "O", ""
    prefix, sep, type_ = tag.partition("-")
    if not sep or len(prefix) != 1 or prefix not in _PREFIXES[scheme]:
        allowed = ", ".join(f"{p}-TYPE" for p in _PREFIXES[scheme])
        raise ConfigError(f"tag {tag!r} is not valid in {scheme}: expected O, {allowed}")
    return prefix, type_


MODES = ("conlleval", "strict")


def _strict_chunks(tags: Sequence[str], scheme: str) -> list[Chunk]:
    """seqeval's strict reading: only B- (or S-) opens a chunk; an IOBES chunk counts only when its E- closes it."""
    chunks: list[Chunk] = []
    i, n = 0, len(tags)
    while i < n:
        prefix, type_ = _split(tags[i], scheme)
        if prefix == "S":
            chunks.append((type_, i, i))
        if prefix != "B":
            i += 1
            continue
        j, last = i + 1, "B"
        while j < n and last != "E":
            p, t = _split(tags[j], scheme)
            if t != type_ or p not in ("IE" if scheme == "IOBES" else "I"):
                break
            last, j = p, j + 1
        if scheme == "IOB2" or last == "E":
            chunks.append((type_, i, j - 1))
        i = j
    return chunks


def extract_chunks(tags: Sequence[str], scheme: str = "IOB2", *, mode: str = "conlleval") -> list[Chunk]:
    """Chunks of one sentence, in order of their start."""
    check_scheme(scheme)
    if mode not in MODES or (mode == "strict" and scheme == "IOB1"):
        raise ConfigError(f"chunk mode must be conlleval, or strict for IOB2/IOBES, got {mode!r} for {scheme}")
    if mode == "strict":
        return _strict_chunks(tags, scheme)
    chunks: list[Chunk] = []
    open_type: str | None = None
    start = 0
    for i, tag in enumerate(tags):
        prefix, type_ = _split(tag, scheme)
        if open_type is not None and (prefix in "OBS" or type_ != open_type):
            chunks.append((open_type, start, i - 1))
            open_type = None
        if prefix == "O":
            continue
        if open_type is None:
            open_type, start = type_, i
        if prefix in "ES":
            chunks.append((open_type, start, i))
            open_type = None
    if open_type is not None:
        chunks.append((open_type, start, len(tags) - 1))
    return chunks


def rewrite_tags(tags: Sequence[str], source: str, target: str) -> tuple[str, ...]:
    """One sentence's tags, written in ``source``, as ``target`` (IOB2 or IOBES) writes the same chunks: those
    that conlleval's reading finds in ``source`` (``extract_chunks``), so no chunk moves."""
    if target not in ("IOB2", "IOBES"):
        raise ConfigError(f"tags are rewritten in IOB2 or IOBES, not {target!r}")
    out = ["O"] * len(tags)
    for type_, start, end in extract_chunks(tags, source):
        if target == "IOBES" and start == end:
            out[start] = f"S-{type_}"
            continue
        out[start] = f"B-{type_}"
        for i in range(start + 1, end + 1):
            out[i] = f"I-{type_}"
        if target == "IOBES":
            out[end] = f"E-{type_}"
    return tuple(out)


@dataclass(frozen=True)
class SpanCounts:
    """Per-sentence chunk counts (arrays of length n_sentences) and per-type totals."""

    tp: np.ndarray
    fp: np.ndarray
    fn: np.ndarray
    per_type: dict[str, tuple[int, int, int]]  # type -> (tp, fp, fn)


def span_counts(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]], *, scheme: str,
                mode: str = "conlleval") -> SpanCounts:
    """True/false positives and false negatives per sentence: a chunk counts only with exact type and bounds."""
    check_scheme(scheme)
    tps, fps, fns = [], [], []
    per_type: dict[str, list[int]] = {}
    for n, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if len(g) != len(p):
            raise ConfigError(f"sentence {n}: {len(g)} gold tags but {len(p)} predicted tags")
        gold_chunks = set(extract_chunks(g, scheme, mode=mode))
        pred_chunks = set(extract_chunks(p, scheme, mode=mode))
        hit = gold_chunks & pred_chunks
        tps.append(len(hit))
        fps.append(len(pred_chunks) - len(hit))
        fns.append(len(gold_chunks) - len(hit))
        for chunks, slot in ((hit, 0), (pred_chunks - hit, 1), (gold_chunks - hit, 2)):
            for type_, _, _ in chunks:
                per_type.setdefault(type_, [0, 0, 0])[slot] += 1
    as_int = lambda v: np.asarray(v, dtype=np.int64)  # noqa: E731
    return SpanCounts(as_int(tps), as_int(fps), as_int(fns),
                      {t: tuple(v) for t, v in sorted(per_type.items())})


def prf(tp, fp, fn) -> tuple[float, float, float]:
    """Precision, recall, F1 from (summed) counts; 0 where a denominator is 0, as conlleval reports."""
    tp, fp, fn = float(np.sum(tp)), float(np.sum(fp)), float(np.sum(fn))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def f1_from_counts(tp, fp, fn) -> float:
    return prf(tp, fp, fn)[2]


def span_scores(gold, pred, *, scheme: str, mode: str = "conlleval") -> dict:
    """conlleval's report: micro precision/recall/F1 over all chunk types, and the same per type."""
    counts = span_counts(gold, pred, scheme=scheme, mode=mode)
    p, r, f = prf(counts.tp, counts.fp, counts.fn)
    per_type = {}
    for type_, (tp, fp, fn) in counts.per_type.items():
        tp_, rp_, f_ = prf(tp, fp, fn)
        per_type[type_] = {"precision": tp_, "recall": rp_, "f1": f_, "support": tp + fn}
    return {"precision": p, "recall": r, "f1": f, "per_type": per_type, "counts": counts}


def token_accuracy_counts(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Per-sentence (correct, total) token counts — the POS score (and what "token F1 incl. O" really is)."""
    correct, total = [], []
    for n, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if len(g) != len(p):
            raise ConfigError(f"sentence {n}: {len(g)} gold tags but {len(p)} predicted tags")
        correct.append(sum(a == b for a, b in zip(g, p)))
        total.append(len(g))
    return np.asarray(correct, dtype=np.int64), np.asarray(total, dtype=np.int64)


def paired_f1_test(counts_a: SpanCounts, counts_b: SpanCounts, *, n_boot: int = 1000, seed: int = 0) -> dict:
    """Paired bootstrap over sentences of F1(A) - F1(B), both systems scored on the same sentences."""
    from wordeval.stats.bootstrap import paired_bootstrap

    return paired_bootstrap(f1_from_counts, [counts_a.tp, counts_a.fp, counts_a.fn],
                            [counts_b.tp, counts_b.fp, counts_b.fn], n_boot=n_boot, seed=seed)
