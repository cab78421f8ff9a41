"""Small files in the exact layouts of widely used published vectors, each against gensim's
``load_word2vec_format`` on the same bytes (words, their order and every value).

- GloVe Twitter 27B: no header, tokens ``<user>``/``<hashtag>``, emoji, and a word that is the control character
  NEL (U+0085), which split()-based readers take for whitespace (stanfordnlp/GloVe issue 159, line 38523 of the
  25d file);
- fastText wiki.*.vec: a header, a space after every value, words holding a no-break space (wiki.fr.vec's
  'hussarde\\u00a0»', facebookresearch/fastText issue 204) or U+2028;
- BPEmb's ``.w2v.txt`` and ``.w2v.bin`` (gensim's writer: text without a trailing space, binary without a newline
  after each vector), its pieces starting with '▁';
- Levy & Goldberg's ``deps.words``: no header, bz2-compressed as distributed.
"""
from __future__ import annotations

import bz2

import numpy as np
import pytest

from wordeval.embeddings.load import load_file

DIM = 4


def _matrix(n: int) -> np.ndarray:
    return np.round(np.random.default_rng(3).standard_normal((n, DIM)), 5).astype(np.float32)


def _text(words, matrix, *, header: bool, trailing: str) -> bytes:
    lines = [f"{len(words)} {DIM}"] if header else []
    lines += [w + " " + " ".join(f"{v:.5f}" for v in row) + trailing for w, row in zip(words, matrix)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _binary(words, matrix) -> bytes:
    return f"{len(words)} {DIM}\n".encode() + b"".join(w.encode() + b" " + row.astype("<f4").tobytes()
                                                         for w, row in zip(words, matrix))


TWITTER = ["<user>", ".", "rt", "<hashtag>", "<url>", "😂", "❤️", "\x85", "ｗｗｗ", "<elong>"]
WIKI = [",", "the", "hussarde\u00a0»", "a\u2028b", "</s>", "\u3000"]
BPEMB = ["<unk>", "<s>", "</s>", "▁t", "▁the", "ing", "▁"]
DEPS = ["the", "u.s.", "new-york", "--", "'s"]

CASES = {
    "glove.twitter.27B.25d.txt": (TWITTER, lambda w, m: _text(w, m, header=False, trailing=""),
                                  {"no_header": True}, "glove"),
    "wiki.fr.vec": (WIKI, lambda w, m: _text(w, m, header=True, trailing=" "), {}, "fasttext-vec"),
    "en.wiki.bpe.vs1000.d4.w2v.txt": (BPEMB, lambda w, m: _text(w, m, header=True, trailing=""), {}, "word2vec"),
    "en.wiki.bpe.vs1000.d4.w2v.bin": (BPEMB, _binary, {"binary": True}, "word2vec-bin"),
    "deps.words.bz2": (DEPS, lambda w, m: bz2.compress(_text(w, m, header=False, trailing="")),
                       {"no_header": True}, "glove"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_published_layout_equals_gensim(tmp_path, name):
    from gensim.models import KeyedVectors

    words, write, gensim_options, fmt = CASES[name]
    path = tmp_path / name
    path.write_bytes(write(words, _matrix(len(words))))
    emb = load_file(path, cache=False)
    kv = KeyedVectors.load_word2vec_format(str(path), **{"binary": False, **gensim_options})
    assert emb.info.format == fmt
    assert emb.words == list(kv.index_to_key) == words
    np.testing.assert_array_equal(emb.vectors, kv.vectors)
