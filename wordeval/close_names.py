"""The known names close to a name that is not one, for "did you mean": tasks, representations, suites,
options and --set keys all ask here.

Why: difflib on whole names compared the shared family too, so `similarity/nope` was "close" to every
similarity task ('similarity/men', 'similarity/rw', 'similarity/yp130' looked random). A ``FAMILY/NAME`` is now
close when both parts are; a bare name is also compared with the part after a known name's slash, and with
``aliases`` (other spellings of a known name).
"""
from __future__ import annotations

import difflib
from typing import Iterable, Mapping

CUTOFF = 0.6  # difflib's own default: one typo in a short name ('mne' for 'men', 0.67) still passes


def likeness(given: str, known: str) -> float:
    """difflib's ratio of ``given`` and ``known`` (case aside), part by part where both have a slash."""
    # dashes aside: '--' made every option look half like '--out'
    given, known = given.lower().lstrip("-"), known.lower().lstrip("-")
    if "/" in given and "/" in known:
        (g_head, _, g_tail), (k_head, _, k_tail) = given.rpartition("/"), known.rpartition("/")
        return min(_ratio(g_head, k_head), _ratio(g_tail, k_tail))
    if "/" in known:  # a task named without its family ('simlex' for 'similarity/simlex999')
        return max(_ratio(given, known), _ratio(given, known.rpartition("/")[2]))
    return _ratio(given, known)


def close_names(given: str, known: Iterable[str], *, n: int = 3,
                aliases: Mapping[str, str] | None = None) -> list[str]:
    """At most ``n`` names of ``known`` close to ``given``, closest first; an alias that is close gives the
    name it stands for."""
    scored: dict[str, float] = {}
    for spelling, name in [*((k, k) for k in known), *(aliases or {}).items()]:
        score = likeness(str(given), str(spelling))
        if score >= CUTOFF and score > scored.get(name, 0.0):
            scored[name] = score
    return sorted(scored, key=lambda name: (-scored[name], name))[:n]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()
