"""A compressed dataset file shorter than the sniffer's sample (every similarity set is) that breaks off was
refused naming no line ('men.gz: expected a complete gzip stream'), where a longer one, read past the sample,
named the line: the user could not tell how much of the file was whole. Oracle: the standard library's
incremental decompressors on the same bytes (the line the whole data breaks off in)."""
from __future__ import annotations

import bz2
import gzip
import lzma
import zlib

import pytest

from wordeval.errors import InputFormatError
from wordeval.tasks.task import get_task

PAIRS = b"".join(b"word%d\tother%d\t%d.%d\n" % (i, i * 7 % 500, i % 10, i % 7) for i in range(3000))


@pytest.mark.parametrize("kind, compress, decompressor", [
    ("gzip", gzip.compress, lambda: zlib.decompressobj(16 + zlib.MAX_WBITS)),
    ("bz2", bz2.compress, bz2.BZ2Decompressor),
    ("xz", lzma.compress, lzma.LZMADecompressor),
])
def test_a_truncated_similarity_file_is_refused_naming_the_line_it_breaks_off_in(tmp_path, kind, compress,
                                                                                  decompressor):
    data = compress(PAIRS)
    cut = data[:len(data) - 200]
    whole = decompressor().decompress(cut)
    assert len(whole) < len(PAIRS)
    path = tmp_path / f"pairs.tsv.{kind}"
    path.write_bytes(cut)
    spec = tmp_path / "cut.toml"
    spec.write_text(f'name = "cut"\nfamily = "similarity"\n[files]\ntest = "{path.name}"\n', encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        get_task(str(spec)).load_dataset()
    line = whole.count(b"\n") + 1
    assert str(info.value).startswith(f"{path}:{line}: expected a complete {kind} stream, got ")
    assert "\n" not in str(info.value)
