"""A labelled-lines file holding only its header line ('label<TAB>text', 'label,text'). As train it was refused
as 'both the first field and the last field look like labels (1 and 1 distinct values); set columns.label',
which named no cause and advised a hint that cannot help (a CSV one as 'an empty file'); it is now one line
naming the file and its header line: no data rows after it, exit 2, whichever split it is."""
from __future__ import annotations

import pytest

from wordeval.cli import main

_DOCS = ["pos good film", "neg bad film", "pos great movie", "neg awful movie", "pos fine acting", "neg dull plot",
         "pos lovely score", "neg weak ending", "pos warm cast", "neg flat jokes"]  # 5 a class: cv_folds = 5
ROWS = {ext: [d.replace(" ", sep, 1) for d in _DOCS] for ext, sep in (("tsv", "\t"), ("csv", ","))}
HEADER = {"tsv": "label\ttext", "csv": "label,text"}


def _spec(folder, ext, header_only: str):
    for split in ("train", "test"):
        rows = [] if split == header_only else ROWS[ext] if split == "train" else ROWS[ext][::-1]
        (folder / f"{split}.{ext}").write_text("\n".join([HEADER[ext], *rows]) + "\n", encoding="utf-8")
    spec = folder / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "classification"\n[files]\ntrain = "train.{ext}"\n'
                    f'test = "test.{ext}"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("ext", ["tsv", "csv"])
@pytest.mark.parametrize("split", ["train", "test"])
def test_a_header_only_file_says_it_has_no_data_rows(tmp_path, capsys, ext, split):
    spec = _spec(tmp_path, ext, split)
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {tmp_path / f'{split}.{ext}'}:1: expected labelled lines after the header "
                   f"line, got no data rows after it ({HEADER[ext]!r} is the file's only line)\n")


@pytest.mark.parametrize("ext", ["tsv", "csv"])
def test_files_with_rows_after_the_header_still_read(tmp_path, capsys, ext):
    assert main(["datasets", "check", str(_spec(tmp_path, ext, ""))]) == 0
    assert "items: train 10 documents, test 10 documents" in capsys.readouterr().out
