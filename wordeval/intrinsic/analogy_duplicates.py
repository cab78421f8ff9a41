"""Candidates that share one vector, searched once.

spaCy's en_core_web_md table has 20,000 rows but only 10,112 distinct vectors (pruned words were pointed at
the rows of their nearest kept neighbours). Every row of such a group has the same cosine with every query
word, so the analogy kernels can search one candidate per distinct vector and halve their work there. The
answer is then mapped back to the group's first row that the question does not exclude: the row a scan of
every row returns, since a later row with an equal score never replaces an earlier one. A group is excluded
only where all its rows are. (Where two *different* vectors tie exactly, the merged search may return the
other one: answers agree modulo exact ties, as on every path.)

Where too few rows share a vector for the merged search to pay (``MIN_SAVING``), every row is searched and the
answer is mapped to its vector's first allowed row afterwards (``first_allowed``): a BLAS GEMM rounds the
products of identical rows differently by where the rows fall in its blocks (numpy's OpenBLAS: 3e-6 apart in
a 5,363 x 50 matrix), so which copy the scan returned depended on the machine, and with it whether a question
whose answer shares its vector with another word was counted right.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_SAVING = 0.1  # merge only where it removes at least this share of the candidates
HASH_SEED = 0
COMPARE_ROWS = 65536  # rows compared bit for bit at a time (two gathers of this many rows)


@dataclass(frozen=True)
class DistinctCandidates:
    """The first ``n`` rows of a matrix grouped by identical vectors (bit for bit)."""

    rows: np.ndarray  # the first row of each group, ascending: the merged candidate list
    owner: np.ndarray  # per candidate row, its group (an index into ``rows``)
    members: np.ndarray  # candidate rows sorted by (group, row)
    start: np.ndarray  # group g's rows are members[start[g]:start[g + 1]]

    @property
    def n(self) -> int:
        return len(self.owner)

    def group_of(self, rows: np.ndarray) -> np.ndarray:
        """Each row's group; ``len(self.rows)`` (no candidate) for a row outside the candidates."""
        rows = np.asarray(rows, dtype=np.int64)
        inside = (rows >= 0) & (rows < self.n)
        return np.where(inside, self.owner[np.where(inside, rows, 0)], len(self.rows))

    def exclusions(self, exclude: np.ndarray) -> np.ndarray:
        """Excluded rows per question (-1 padding) -> excluded groups: those whose every row is excluded, at
        the positions of their rows (-1 elsewhere). In numba, which ``find_distinct`` needs anyway."""
        from wordeval.intrinsic.analogy_numba import group_exclusions

        exclude = np.ascontiguousarray(exclude, dtype=np.int64)
        out = np.empty_like(exclude)
        group_exclusions(exclude, self.owner, np.diff(self.start), out)
        return out

    def worth_merging(self) -> bool:
        """Whether searching one row per vector removes at least ``MIN_SAVING`` of the candidates."""
        return len(self.rows) <= (1 - MIN_SAVING) * self.n

    def first_allowed(self, found: np.ndarray, exclude: np.ndarray) -> np.ndarray:
        """Rows a search over every candidate returned (-1: none) -> the first row of the same vector that the
        question does not exclude."""
        found = np.asarray(found, dtype=np.int64)
        return self.answer_rows(np.where(found >= 0, self.owner[found.clip(0)], -1), exclude)

    def answer_rows(self, picked: np.ndarray, exclude: np.ndarray) -> np.ndarray:
        """Group picked per question (-1: none) -> its first row the question does not exclude."""
        picked = np.asarray(picked, dtype=np.int64)
        out = np.where(picked >= 0, self.rows[picked.clip(0)], -1)
        todo = np.flatnonzero((out >= 0) & (exclude == out[:, None]).any(axis=1))
        # a group's members in row order, one position at a time over every question still barred: a question
        # excludes at most exclude.shape[1] rows, so this ends by then, where a Python loop per question took
        # 6 ms of spaCy x MSR's 37 (about 2,000 questions whose group's first row is one of their words)
        offset = 1  # position 0 is the group's first row, out[q], barred
        while todo.size:
            g = picked[todo]
            if (self.start[g] + offset >= self.start[g + 1]).any():  # a group picked with all its rows excluded
                raise ValueError("a group whose every row the question excludes was picked")
            row = self.members[self.start[g] + offset]
            barred = (exclude[todo] == row[:, None]).any(axis=1)
            out[todo[~barred]] = row[~barred]
            todo = todo[barred]
            offset += 1
        return out


def hash_weights(n_words: int) -> np.ndarray:
    """The odd multipliers rows are keyed with (seeded: the same keys on every run)."""
    rng = np.random.default_rng(HASH_SEED)
    return rng.integers(0, 2**63, size=n_words, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def find_distinct(vectors: np.ndarray, n: int, min_saving: float | None = None) -> DistinctCandidates | None:
    """Group the first ``n`` rows by identical vectors; None where that would save under ``min_saving``
    (``MIN_SAVING`` unless given; 0: None only where every row is distinct), or where numba (which computes
    the keys) is not installed.

    Rows are keyed by an integer hash of their bits, so equal rows always get equal keys, and rows with
    equal keys are compared bit for bit, so a collision never merges different vectors (spaCy md 20,000 x
    300: 13 ms; GloVe 6B 50d 400,000 x 50: 31 ms, most of it the sort).
    """
    try:
        from wordeval.intrinsic.analogy_numba import row_keys
    except ImportError:
        return None
    if n < 2:
        return None
    block = np.ascontiguousarray(vectors[:n])
    words = (block.view(np.uint32) if block.dtype.itemsize % 4 == 0 else block.view(np.uint8)).reshape(n, -1)
    key = row_keys(words, hash_weights(words.shape[1]))
    order = np.argsort(key, kind="stable")  # rows ascending within equal keys
    ks = key[order]
    starts = np.concatenate([[0], np.flatnonzero(ks[1:] != ks[:-1]) + 1, [n]])
    saving = MIN_SAVING if min_saving is None else min_saving
    if len(starts) - 1 == n or len(starts) - 1 > (1 - saving) * n:  # even if every equal key were a duplicate
        return None
    bits = block.view(np.uint8).reshape(n, -1)
    owner = np.arange(n, dtype=np.int64)  # the first row of the row's vector
    first = np.repeat(order[starts[:-1]], np.diff(starts))  # per sorted position: its key's lowest row
    later = np.flatnonzero(order != first)
    # compared in blocks: the gathered rows stay small even where most of a large matrix is copies
    same = np.concatenate([(bits[order[later[i:i + COMPARE_ROWS]]] == bits[first[later[i:i + COMPARE_ROWS]]])
                           .all(axis=1) for i in range(0, len(later), COMPARE_ROWS)] or [np.zeros(0, bool)])
    owner[order[later[same]]] = first[later[same]]
    # rows whose key equals a different vector's (a collision, or a second vector under one key): by hand
    for pos in later[~same].tolist():
        r = int(order[pos])
        lo = int(starts[np.searchsorted(starts, pos, side="right") - 1])
        for s in order[lo:pos].tolist():
            if owner[s] == s and np.array_equal(bits[r], bits[s]):
                owner[r] = s
                break
    firsts = np.flatnonzero(owner == np.arange(n))
    if len(firsts) == n or len(firsts) > (1 - saving) * n:
        return None
    group = np.searchsorted(firsts, owner)
    members = np.argsort(group, kind="stable")
    start = np.searchsorted(group[members], np.arange(len(firsts) + 1))
    return DistinctCandidates(firsts, group.astype(np.int64), members.astype(np.int64), start.astype(np.int64))


class CandidateRows:
    """The merged candidate matrix, read like an array: a slice gathers those groups' first rows."""

    def __init__(self, vectors: np.ndarray, rows: np.ndarray):
        self.vectors, self.rows = vectors, rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, s: slice) -> np.ndarray:
        return np.asarray(self.vectors)[self.rows[s]]
