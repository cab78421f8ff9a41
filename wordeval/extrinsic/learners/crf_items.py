"""crfsuite items for the linear learners (CRF, averaged perceptron), built once per token type.

A token's attributes in a ±w window are the union, over the window offsets, of its neighbour's *type*
attributes under the offset's prefix (``-1:e7``, ``0:case=lower``, ``2:pad``). The type attributes
(vector dimensions, casing class, OOV flag, cluster features, word/shape features) depend only on the
token type, so they are computed once per type into one dict, and each token's item is a small dict
``{"bias": 1.0, "-2": <type dict>, ..., "2": <type dict>}``: python-crfsuite expands a nested dict into
``prefix:key`` attributes in C++, so no per-token attribute strings are built in Python. The attribute
names, values and order are exactly those of the former per-token dicts (``tests/test_crf_items.py``
checks the expanded items against that reference), so models and scores are unchanged, except that the OOV
flag is now given under the "unk" policy only (it made ``oov=zero`` the same model as ``oov=unk``).

Items are built sentence by sentence as the trainer or tagger consumes them: nothing per token is kept
(the former path held every training sentence's C++ items, ~40 bytes per attribute, at once).

Type tables (word-lookup embeddings, Brown clusterings) are cached per token string; token tables
(contextual encoders: one row per occurrence) get one dict per occurrence, shared by its window.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from wordeval.extrinsic.features import CASING_CLASSES, FeatureSet

BROWN_PREFIXES = (4, 6, 10, 20)  # Turian et al. (2010), after Ratinov & Roth (2009)
_PAD = {"pad": 1.0}


def word_shape(token: str) -> str:
    """Collapsed word shape: upper X, lower x, digit d, anything else itself; runs of one class kept once
    (``McDonald's`` -> ``XxXx'x``, ``1,000.5`` -> ``d,d.d``)."""
    out: list[str] = []
    for ch in token:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


class ItemBuilder:
    """Per-type attribute dicts and per-sentence items for one FeatureSet.

    ``cluster_of``: k-means id per table row (-1: none). ``brown``: with a Brown clustering's FeatureSet,
    "prefixes" adds the bit-string prefixes of BROWN_PREFIXES, "path" the whole bit string.
    ``lexical`` adds the word/shape baseline features: lowercased word, shape, 3-letter prefix and suffix.
    """

    def __init__(self, features: FeatureSet, *, window: int, cluster_of: np.ndarray | None = None,
                 brown: str | None = None, lexical: bool = False):
        self.features = features
        self.window = int(window)
        self.cluster_of = cluster_of
        self.brown = brown
        self.lexical = bool(lexical)
        self.dims = [f"e{j}" for j in range(features.table.shape[1])]
        self.offsets = [str(off) for off in range(-self.window, self.window + 1)]
        self._cache: dict[str, dict] = {}

    def _attributes(self, token: str, row: int, casing: int, oov: bool) -> dict:
        f: dict = dict(zip(self.dims, self.features.table[row].tolist())) if self.dims else {}
        f[f"case={CASING_CLASSES[casing]}"] = 1.0
        if oov and self.features.oov_policy == "unk":  # the linear form of a learned UNK vector; under "zero"
            # and "random" an OOV token has its fixed vector only (with the flag too, zero was unk on crf)
            f["oov"] = 1.0
        if self.cluster_of is not None and self.cluster_of[row] >= 0:
            f[f"k={self.cluster_of[row]}"] = 1.0
        paths = self.features.paths
        if self.brown is not None and paths is not None and paths[row] is not None:
            path = paths[row]
            if self.brown == "prefixes":
                for n in BROWN_PREFIXES:
                    f[f"b{n}={path[:n]}"] = 1.0
            else:
                f[f"b={path}"] = 1.0
        if self.lexical:
            low = token.lower()
            f[f"w={low}"] = 1.0
            f[f"shape={word_shape(token)}"] = 1.0
            f[f"p3={low[:3]}"] = 1.0
            f[f"s3={low[-3:]}"] = 1.0
        return f

    def _positions(self, split: str, k: int) -> list[dict]:
        s = self.features.splits[split]
        tokens, ids, cas, oov = s.tokens[k], s.ids[k], s.casing[k], s.oov[k]
        if self.features.level != "type":
            return [self._attributes(t, int(r), int(c), bool(o)) for t, r, c, o in zip(tokens, ids, cas, oov)]
        cache = self._cache
        out = []
        for t, r, c, o in zip(tokens, ids, cas, oov):
            d = cache.get(t)
            if d is None:
                d = cache[t] = self._attributes(t, int(r), int(c), bool(o))
            out.append(d)
        return out

    def items(self, split: str, k: int) -> list[dict]:
        """The crfsuite items of sentence ``k`` of ``split``."""
        pos = self._positions(split, k)
        n, w = len(pos), self.window
        out = []
        for i in range(n):
            item: dict = {"bias": 1.0}
            for off, key in zip(range(-w, w + 1), self.offsets):
                j = i + off
                item[key] = pos[j] if 0 <= j < n else _PAD
            out.append(item)
        return out

    def sequences(self, split: str) -> Iterator[list[dict]]:
        for k in range(len(self.features.splits[split].ids)):
            yield self.items(split, k)
