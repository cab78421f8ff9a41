"""Registry entries of the embeddings family (see wordeval.registry). Only names and 'module:attr' targets here.

Kind "format": file loaders ``(path, *, encoding_errors, name[, allow_pickle]) -> embedding``; meta
``cacheable`` means the parsed result may go to the binary vector cache, ``pickle`` that loading
needs ``allow_pickle``. Kind "embedding": ids and builders resolved by wordeval.embeddings.load.
"""


def register(registry) -> None:
    registry.add("format", "glove", "wordeval.embeddings.text_format:load_glove_text", cacheable=True)
    registry.add("format", "word2vec", "wordeval.embeddings.text_format:load_word2vec_text", cacheable=True)
    registry.add("format", "fasttext-vec", "wordeval.embeddings.text_format:load_fasttext_vec", cacheable=True)
    registry.add("format", "word2vec-bin", "wordeval.embeddings.word2vec_binary:load_word2vec_binary", cacheable=True)
    registry.add("format", "fasttext-bin", "wordeval.embeddings.fasttext:load_fasttext_bin")
    registry.add("format", "npy", "wordeval.embeddings.npy_format:load_npy")
    registry.add("format", "gensim-kv", "wordeval.embeddings.gensim_kv:load_gensim_kv", pickle=True)
    registry.add("embedding", "glove-6b-50d", "wordeval.embeddings.packaged:load_glove_6b_50d")
    registry.add("embedding", "minilm", "wordeval.embeddings.bert_types:minilm")
    registry.add("embedding", "bert", "wordeval.embeddings.bert_types:bert")
    # shared_rows: its keys share rows (analogy_common), which planning reads without loading it
    registry.add("embedding", "spacy-md", "wordeval.embeddings.spacy_vectors:load_spacy_md", shared_rows=True)
    # builders: trained on a corpus, cached under cache_home()/built/
    registry.add("embedding", "lsa", "wordeval.embeddings.builders:build_lsa", builder=True)
    registry.add("embedding", "lsa-tfidf", "wordeval.embeddings.builders:build_tfidf_lsa", builder=True)
    registry.add("embedding", "word2vec", "wordeval.embeddings.builders:build_word2vec", builder=True)
    registry.add("embedding", "glove", "wordeval.embeddings.builders:build_glove", builder=True)
    registry.add("embedding", "brown", "wordeval.embeddings.brown:build_brown", builder=True)
