"""A compressed corpus that breaks off (an interrupted download or copy) is refused naming the line its stream
breaks off in, as the dataset readers name it; it named no line, so its user could not tell how much of the
file was whole. Oracle: zlib/lzma's own incremental decompression of the same bytes."""
from __future__ import annotations

import gzip
import lzma
import zlib

import pytest

from wordeval.embeddings.corpus import load_corpus
from wordeval.errors import InputFormatError

TEXT = b"".join(b"sentence %d of the corpus with words w%d and w%d\n" % (i, i * 7 % 1000, i * 13 % 1000)
                for i in range(20000))


@pytest.mark.parametrize("kind, compress, decompressor", [
    ("gzip", gzip.compress, lambda: zlib.decompressobj(16 + zlib.MAX_WBITS)),
    ("xz", lzma.compress, lzma.LZMADecompressor),
])
def test_a_truncated_corpus_is_refused_naming_the_line_it_breaks_off_in(tmp_path, kind, compress, decompressor):
    data = compress(TEXT)
    cut = data[:len(data) // 2]
    whole = decompressor().decompress(cut)
    assert 0 < len(whole) < len(TEXT)
    path = tmp_path / f"corpus.txt.{kind}"
    path.write_bytes(cut)
    with pytest.raises(InputFormatError) as exc:
        load_corpus(path)
    line = whole.count(b"\n") + 1
    assert str(exc.value).startswith(f"{path}:{line}: expected a complete {kind} stream, got "
                                     f"EOFError")
