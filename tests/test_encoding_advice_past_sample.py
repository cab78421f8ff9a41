"""A user file that is not UTF-8 past the sniffed sample (line 5,001 on), or a class folder's document that is not,
was refused naming the byte but not the spec key that reads it: 'expected utf-8 text, got undecodable byte 0xe9'.
Every such refusal now says what the sniffed sample's says: set encoding = "..." in the spec."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

ADVICE = 'set encoding = "latin-1" (or the file\'s encoding) in the spec'


def _similarity(tmp_path, encoding: str | None = None):
    rows = [f"w{i}\tv{i}\t{i % 10}.0\n" for i in range(6000)]
    rows[5500] = "caf\xe9\tcoffee\t5.0\n"  # line 5,501: past the 5,000 lines sniffed
    (tmp_path / "sim.tsv").write_bytes("".join(rows).encode("latin-1"))
    key = f'encoding = "{encoding}"\n' if encoding else ""
    spec = tmp_path / "sim.toml"
    spec.write_text(f'name = "mysim"\nfamily = "similarity"\n{key}[files]\ntest = "sim.tsv"\n')
    return spec


def _folders(tmp_path, encoding: str | None = None):
    for label in ("a", "b"):
        (tmp_path / "docs" / label).mkdir(parents=True)
        for i in range(12):
            text = f"text {i} of {label}\n" + ("caf\xe9\n" if (label, i) == ("b", 3) else "")
            (tmp_path / "docs" / label / f"{i}.txt").write_bytes(text.encode("latin-1"))
    key = f'encoding = "{encoding}"\n' if encoding else ""
    spec = tmp_path / "cls.toml"
    spec.write_text(f'name = "mycls"\nfamily = "classification"\nprotocol = "cv10"\n{key}[files]\nall = "docs"\n')
    return spec


@pytest.mark.parametrize("make, where", [(_similarity, "sim.tsv:5501: "), (_folders, "3.txt:2: ")])
def test_undecodable_byte_names_the_line_and_the_encoding_key(tmp_path, capsys, make, where):
    spec = make(tmp_path)
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    assert where in err and "0xe9" in err and ADVICE in err, err


@pytest.mark.parametrize("make", [_similarity, _folders])
def test_the_advised_key_reads_the_file(tmp_path, make):
    ds = load(load_spec_file(make(tmp_path, "latin-1"))[1])
    texts = repr(ds.splits)
    assert "café" in texts


def test_windows_1252_punctuation_is_advised_as_cp1252(tmp_path):
    from wordeval.datasets.textio import iter_lines
    from wordeval.errors import InputFormatError
    path = tmp_path / "x.txt"
    path.write_bytes(b"ok\nwait\x85 what\n")  # an ellipsis in Windows-1252, a C1 control in latin-1
    with pytest.raises(InputFormatError, match=r'x.txt:2: .*set encoding = "cp1252"'):
        list(iter_lines(path))
