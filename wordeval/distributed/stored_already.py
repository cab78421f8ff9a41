"""Whether a --workers run has anything to compute, found before its LocalCluster starts.

A rerun whose every cell was stored started a cluster of N worker processes (seconds, a Dask log, the
workers' memory) only for the client to find each key in the store. The keys need each representation's
fingerprint: the vector cache gives a file's for a stat (``keys.cached_fingerprint``); the others are loaded
here, on the client, as the serial path loads them, only once every cheaply known cell is found stored, and
no further than the first cell that is not.
"""
from __future__ import annotations

from wordeval.errors import WordevalError


def stored_already(plan, out):
    """An ``EmbeddingCache`` of what was loaded to tell, when the store at ``out`` holds every cell of
    ``plan``; None when some cell is to be computed, or this cannot be told without a worker (no store yet,
    a representation that fails to load: the run meets it as before)."""
    from wordeval.distributed.execute import _keys, _units
    from wordeval.distributed.keys import cached_fingerprint
    from wordeval.results.store import ResultStore, resolve_store_path
    from wordeval.runner import EmbeddingCache

    if not plan.cells or not resolve_store_path(out).exists():
        return None
    units = _units(plan.cells)
    fingerprints = {}
    for spec in dict.fromkeys(s for u in units for s in u.specs):
        if (fp := cached_fingerprint(spec[0], options=spec[2])) is not None:
            fingerprints[spec] = fp
    cache = EmbeddingCache()
    try:
        with ResultStore(out, readonly=True) as store:
            # the cells known for a stat first: one of them not stored ends the check before anything loads
            for unit in sorted(units, key=lambda u: not all(s in fingerprints for s in u.specs)):
                for spec in unit.specs:
                    if spec not in fingerprints:
                        fingerprints[spec] = cache.get(*spec).info.fingerprint
                if any(store.get_request(k) is None for k in _keys(unit, fingerprints)):
                    return None
    except WordevalError:
        return None
    return cache
