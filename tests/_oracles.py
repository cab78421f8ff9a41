"""Oracles written by hand for the tests, shared where two test files need the same one."""
from __future__ import annotations


def hand_holm(p):
    """Holm (1979) by hand: the i-th smallest of m p-values times (m - i + 1), running maximum, capped at 1."""
    order = sorted(range(len(p)), key=lambda i: p[i])
    out, running = [0.0] * len(p), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p) - rank) * p[i]))
        out[i] = running
    return out
