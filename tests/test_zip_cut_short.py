"""A zip of vectors cut short (an interrupted download of glove.840B.300d.zip, a copy that stopped).

zipfile reads the member list from the archive's end, so such a file was refused as "corrupt zip data
(BadZipFile: File is not a zip file)" at line 1, though it starts as a zip and nothing in it is corrupt. It is
now one line saying that the archive was cut short, with its size; exit 2 and nothing cached.
"""
from __future__ import annotations

import zipfile

import pytest

from wordeval.cli import main

GLOVE = b"".join(b"w%d %d.25 -0.5 %d\n" % (i, i, i % 7) for i in range(3000))


@pytest.mark.parametrize("keep", [0.9, 0.3, 30])
def test_a_zip_cut_short_is_named_as_one(tmp_path, capsys, monkeypatch, keep):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("glove.840B.300d.txt", GLOVE)
    data = whole.read_bytes()
    cut = tmp_path / "glove.840B.300d.zip"
    cut.write_bytes(data[:keep if isinstance(keep, int) else int(len(data) * keep)])
    assert main(["info", str(cut)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"wordeval: error: {cut}: expected a complete zip archive, got one cut short: "
                            f"{cut.stat().st_size:,} bytes with no central directory (the member list at its end): "
                            "an interrupted download or copy?\n")
    assert not (tmp_path / "cache").exists()


def test_the_whole_zip_still_reads(tmp_path):
    from wordeval.embeddings.load import load_file

    path = tmp_path / "glove.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("glove.txt", GLOVE)
    emb = load_file(path, cache=False)
    assert emb.info.vocab_size == 3000 and emb.words[2] == "w2"
    assert emb.vectors[2].tolist() == [2.25, -0.5, 2.0]
