"""Benchmark datasets: specs (files, sha256, counts, licence, citation), sources and parsers.

``load(name, *, data_home=None, cache_home=None)`` is the entry point. It is bound here eagerly (the
submodule of the same name would otherwise replace it as a package attribute on first import); that
import reads no files and pulls in only the standard library.
"""
from wordeval.datasets.load import load

__all__ = ["load"]
