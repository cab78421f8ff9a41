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


def test_format_sst_on_bracketed_trees_names_ptb_trees(tmp_path, capsys):
    # SST's trees/*.txt under format = "sst" were split at spaces and refused as "both the first field and
    # the last field look like labels", naming no way out
    trees = ["(3 (2 a) (4 good) (2 film))", "(1 (1 bad) (2 film))", "(4 (4 great) (2 fun))",
             "(1 (1 dull) (2 plot))", "(3 (2 nice) (2 cast))", "(1 (1 poor) (2 acting))"]
    (tmp_path / "train.txt").write_text("".join(f"{t}\n" for t in trees), encoding="utf-8")
    (tmp_path / "test.txt").write_text("(3 (3 fine) (2 film))\n(1 (1 weak) (2 plot))\n", encoding="utf-8")
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "classification"\nformat = "sst"\n[files]\ntrain = "train.txt"\n'
                    'test = "test.txt"\n[config]\ncv_folds = 2\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err == (
        f"wordeval: error: {spec}:3: {tmp_path / 'train.txt'}:1: format = 'sst' reads labelled lines ('label "
        "text', 'text<TAB>label'); these are bracketed trees (SST's trees/*.txt): set format = \"ptb-trees\", or "
        "leave format out\n")
    spec.write_text(spec.read_text(encoding="utf-8").replace('"sst"', '"ptb-trees"'), encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 0
    assert "labels: ['1', '3', '4']" in capsys.readouterr().out
