"""A similarity file with a CR alone inside a line (an old-Mac line break mixed into an LF or CRLF file, as
concatenating two exports makes): two pairs on one line. The sniffer took the line for five columns and
blamed line 1 ('columns 0, 1, 2, 3 all hold text before the score'); past the sniffed sample a ragged file
read '9.1<CR>king' as a score and refused it as 'not a similarity score'. Now it is an error naming the file,
the line with the CR and what to do, exit 2."""
from __future__ import annotations

import pytest

from wordeval.datasets.parsers_pairs import parse_pairs
from wordeval.datasets.sniff import sniff
from wordeval.errors import WordevalError


def test_sniffer_names_the_line_with_the_cr(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"cat\tdog\t7.5\r\ncar\tautomobile\t9.1\rking\tqueen\t6\r\nsun\tmoon\t5.2\r\n")
    with pytest.raises(WordevalError, match=r"mixed\.txt:2: expected lines that end in LF or CRLF, "
                                            r"got a CR alone inside the line"):
        sniff("similarity", {"test": path}, {})


def test_reader_names_it_past_the_sample_too(tmp_path):
    path = tmp_path / "ragged.txt"
    path.write_bytes(b"cat\tdog\t7.5\t1\ncar\tautomobile\t9.1\rking\tqueen\t6\n")
    with pytest.raises(WordevalError, match=r"ragged\.txt:2: expected lines that end in LF or CRLF"):
        parse_pairs(path)
    path.write_bytes(b"cat\tdog\t7.5\r\ncar\tautomobile\t9.1\r\n")  # CRLF alone is fine
    assert [p.score for p in parse_pairs(path)] == [7.5, 9.1]
