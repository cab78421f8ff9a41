"""Sequence decoding on top of a per-token classifier (the window MLP): greedy, or Viterbi under a tag-bigram
model estimated on the training tags.

A softmax classifier gives posteriors p(y|x_t), which already contain the training tag prior p(y). An HMM
wants likelihoods p(x_t|y) ∝ p(y|x_t) / p(y); multiplying raw posteriors by the transition probabilities
counts the prior twice (once in the posterior, once in the transitions) and pushes rare tags — entities in
sparse NER data — further down. ``viterbi`` therefore decodes with **scaled likelihoods** (the hybrid
NN/HMM rule, Bourlard & Morgan 1994; Renals et al. 1994):

    argmax_y  log p(y_1|<s>) + sum_t [log p(y_t|x_t) - log p(y_t)] + sum_t log p(y_t|y_{t-1}) + log p(</s>|y_n)

with add-one smoothed start, bigram and end probabilities and an add-one smoothed unigram prior, all counted
on the training tags. ``greedy`` takes each token's argmax posterior.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

DECODINGS = {
    "viterbi": "viterbi over scaled likelihoods log p(y|x) - log p(y) with add-one smoothed start/bigram/end "
               "tag probabilities and unigram prior from the training tags",
    "greedy": "per-token argmax of p(y|x)",
}


class TagBigramModel:
    """Start, transition, end and unigram log-probabilities of tag ids counted on training sequences."""

    def __init__(self, tag_id_seqs: Sequence[np.ndarray], n_tags: int):
        n = n_tags
        counts = np.ones((n + 1, n + 1))  # row n = <s>, column n = </s>; add-one smoothing
        unigram = np.ones(n)
        for ids in tag_id_seqs:
            ids = np.asarray(ids, dtype=np.int64)
            ids = ids[ids >= 0]
            if not len(ids):
                continue
            np.add.at(counts, (np.concatenate([[n], ids]), np.concatenate([ids, [n]])), 1)
            np.add.at(unigram, ids, 1)
        counts[n, n] = 0  # an empty sentence is not a tag sequence
        logp = np.log(counts / counts.sum(axis=1, keepdims=True), where=counts > 0,
                      out=np.full(counts.shape, -np.inf))
        self.log_start = logp[n, :n]
        self.log_trans = logp[:n, :n]  # [from, to]
        self.log_end = logp[:n, n]
        self.log_prior = np.log(unigram / unigram.sum())

    def path_score(self, emissions: np.ndarray, path: Sequence[int]) -> float:
        """The score Viterbi maximises for one path (emissions already scaled)."""
        s = self.log_start[path[0]] + self.log_end[path[-1]]
        s += sum(emissions[t, y] for t, y in enumerate(path))
        s += sum(self.log_trans[a, b] for a, b in zip(path[:-1], path[1:]))
        return float(s)


def viterbi(emissions: Sequence[np.ndarray], model: TagBigramModel, *, chunk: int = 512) -> list[np.ndarray]:
    """Best tag-id path per sentence; ``emissions[i]`` is a (length_i, n_tags) score array (already scaled).

    Sentences are decoded together in length-sorted chunks (one numpy step per position, not per token);
    ties go to the lowest tag id, as ``argmax`` does."""
    out: list[np.ndarray] = [np.zeros(0, dtype=np.int64)] * len(emissions)
    lengths = np.array([len(e) for e in emissions], dtype=np.int64)
    order = np.argsort(lengths, kind="stable")
    order = order[lengths[order] > 0]
    trans = model.log_trans[None]
    for start in range(0, len(order), chunk):
        rows = order[start:start + chunk]
        lens = lengths[rows]
        n_rows, width = len(rows), int(lens.max())
        n_tags = emissions[rows[0]].shape[1]
        em = np.zeros((n_rows, width, n_tags))
        for r, i in enumerate(rows):
            em[r, :lens[r]] = emissions[i]
        back = np.zeros((n_rows, width, n_tags), dtype=np.int64)
        score = model.log_start + em[:, 0]
        for t in range(1, width):
            cand = score[:, :, None] + trans  # (rows, from, to)
            back[:, t] = cand.argmax(axis=1)
            score = np.where((t < lens)[:, None], cand.max(axis=1) + em[:, t], score)
        cur = (score + model.log_end).argmax(axis=1)
        path = np.zeros((n_rows, width), dtype=np.int64)
        path[np.arange(n_rows), lens - 1] = cur
        for t in range(width - 1, 0, -1):
            live = t < lens
            cur = np.where(live, back[np.arange(n_rows), t, cur], cur)
            path[live, t - 1] = cur[live]
        for r, i in enumerate(rows):
            out[i] = path[r, :lens[r]]
    return out


def decode(log_posteriors: Sequence[np.ndarray], model: TagBigramModel | None, how: str) -> list[np.ndarray]:
    """Tag-id paths from per-sentence (length, n_tags) log-posteriors by rule ``how`` (see ``DECODINGS``)."""
    if how == "greedy":
        return [lp.argmax(axis=1) if len(lp) else np.zeros(0, dtype=np.int64) for lp in log_posteriors]
    if how == "viterbi":
        prior = model.log_prior
        return viterbi([np.asarray(lp, dtype=np.float64) - prior for lp in log_posteriors], model)
    raise ValueError(f"unknown decoding {how!r}")
