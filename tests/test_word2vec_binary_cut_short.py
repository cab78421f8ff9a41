"""A plain word2vec binary cut short inside a record is named where it is cut, as a compressed one is.

A download stopped mid-file left a plain file whose header's count no longer fits its size; the error
then blamed the header ("expected a header that fits the file ... at most 1 vectors", at line 1) while
the same bytes gzip-compressed said where the file ends. Whole records that each end with the C tool's
newline bear out the header's dimension, so the cut is what is named. Expected values by hand: the header
'30 4\\n' (5 bytes), then records of word + space + 16 float bytes + newline.
"""
from __future__ import annotations

import gzip
import struct

import pytest

from wordeval.embeddings.word2vec_binary import load_word2vec_binary
from wordeval.errors import InputFormatError

ROWS = [(b"alpha", [1.0, 2.0, 3.0, 4.0]), (b"beta", [5.0, 6.0, 7.0, 8.0]), (b"gamma", [9.0, 1.5, 2.5, 3.5])]
HEADER = b"30 4\n"
DATA = HEADER + b"".join(w + b" " + struct.pack("<4f", *v) + b"\n" for w, v in ROWS)
RECORD_1 = 5 + 1 + 16 + 1  # 'alpha', the space, 4 floats, the newline


@pytest.mark.parametrize("cut", [
    len(HEADER) + RECORD_1 + 4 + 1 + 7,  # inside the second record's vector
    len(HEADER) + RECORD_1 + 2,  # inside the second record's word
])
@pytest.mark.parametrize("compress", [False, True])
def test_cut_inside_a_record_names_the_cut(tmp_path, cut, compress):
    path = tmp_path / ("w.bin.gz" if compress else "w.bin")
    path.write_bytes(gzip.compress(DATA[:cut]) if compress else DATA[:cut])
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    of = " of the uncompressed data" if compress else ""
    start = len(HEADER) + RECORD_1  # where record 2 starts
    assert str(exc.value) == (f"{path}: record 2 at byte offset {start}{of}: expected 30 records of a word and 4 "
                              f"float32 values as declared in the header, got end of file inside record 2 after 1 "
                              f"record ({cut} bytes{of})")


def test_wrong_dimension_still_blames_the_header(tmp_path):
    """Records that do not end with a newline where the header's dimension puts it leave the dimension
    suspect: a count the file cannot hold is still named as a header that does not fit."""
    path = tmp_path / "w.bin"
    path.write_bytes(b"30 5\n" + DATA[len(HEADER):])
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    assert str(exc.value).startswith(f"{path}:1: expected a header that fits the file")
