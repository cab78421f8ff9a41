"""``format = "sst"`` on labelled lines of another layout (label first with a tab) named the data file alone;
like the other reader hints the files cannot take, the error now names the spec file and the hint's line."""
from __future__ import annotations

from wordeval.cli import main


def test_format_sst_on_label_tab_text_lines_names_the_spec_line(tmp_path, capsys):
    words = "good bad nice dull fine poor great awful".split()
    rows = "".join(f"{i % 2}\t{word} film\n" for i, word in enumerate(words))
    (tmp_path / "train.tsv").write_text(rows, encoding="utf-8")
    (tmp_path / "test.tsv").write_text("1\tfine\n0\tdull\n", encoding="utf-8")
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "classification"\nformat = "sst"\n[files]\ntrain = "train.tsv"\n'
                    'test = "test.tsv"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {spec}:3: {tmp_path / 'train.tsv'}: format = 'sst' is 'text<TAB>label' or "
                   f"'label text' without a header; use format = 'labeled-lines'\n")
