"""A word-similarity file holding only its header line was refused as having "no layout of two words and a
numeric score column", advice about columns for a file whose columns are fine: it has no pairs."""
from __future__ import annotations

import pytest

from wordeval.cli import main


@pytest.mark.parametrize("name, header", [("h.tsv", "word1\tword2\tscore\n"),
                                          ("h.csv", "Word 1,Word 2,Human (mean)\n"),
                                          ("h.txt", "# pairs\nword1 word2 similarity\n\n")])
def test_header_only_file_is_named_at_its_line(tmp_path, capsys, name, header):
    (tmp_path / name).write_text(header, encoding="utf-8")
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "similarity"\n[files]\ntest = "{name}"\n',
                                     encoding="utf-8")
    line = 2 if header.startswith("#") else 1
    assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"{name}:{line}: only a header line, no pairs" in err, err


def test_header_only_file_refuses_the_run_before_the_store(tmp_path, capsys):
    (tmp_path / "h.tsv").write_text("word1\tword2\tscore\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "h.tsv"\n',
                                     encoding="utf-8")
    (tmp_path / "v.txt").write_text("cat 0.1 0.2\ndog 0.2 0.1\n", encoding="utf-8")
    rc = main(["--quiet", "intrinsic", str(tmp_path / "v.txt"), "--tasks", str(tmp_path / "t.toml"),
               "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "h.tsv:1: only a header line, no pairs" in err and len(err.splitlines()) == 1, err
    assert not (tmp_path / "o").exists()


def test_one_pair_file_is_a_pair_not_a_header(tmp_path, capsys):
    (tmp_path / "p.tsv").write_text("tiger\tcat\t7.35\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                     encoding="utf-8")
    # read as one pair (taken for a header it would be 'only a header line'), and refused as a split of one
    # item, whose correlation is undefined
    assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 2
    assert "p.tsv: expected similarity scores that vary across the items of 'test', got one item (7.35)" in \
        capsys.readouterr().err
