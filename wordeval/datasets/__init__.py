"""Benchmark datasets: specs (files, sha256, counts, licence, citation), sources and parsers.

``load(name, *, data_home=None, cache_home=None)`` is the entry point; it is imported lazily so that
``import wordeval.datasets`` reads no files and imports nothing heavy.
"""


def load(name, *, data_home=None, cache_home=None, **kwargs):
    from wordeval.datasets.load import load as _load
    return _load(name, data_home=data_home, cache_home=cache_home, **kwargs)
