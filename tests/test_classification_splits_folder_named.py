"""A spec naming the folder of the splits (aclImdb, holding train/ and test/, each with pos/ and neg/) where a
folder of class folders belongs was refused as "expected documents of class 'test' ... got none in this class
folder": the layout was not named, and 'test' read as a class. The error now says that the folder holds the
splits and which keys to give."""
from __future__ import annotations

import pytest

from wordeval.cli import main


def _tree(root, splits, classes):
    for split in splits:
        for i, label in enumerate(classes):
            folder = root / split / label
            folder.mkdir(parents=True)
            for j in range(3):
                (folder / f"{j}_{i}.txt").write_text(f"document {j} of {label}, few words", encoding="utf-8")


@pytest.mark.parametrize("top, splits, classes, keys", [
    ("aclImdb", ["train", "test"], ["neg", "pos"], 'test = "aclImdb/test", train = "aclImdb/train"'),
    ("20news-bydate", ["20news-bydate-train", "20news-bydate-test"], ["alt.atheism", "sci.space"],
     'test = "20news-bydate/20news-bydate-test", train = "20news-bydate/20news-bydate-train"'),
])
def test_the_folder_of_the_splits_is_named_as_such(tmp_path, capsys, top, splits, classes, keys):
    _tree(tmp_path / top, splits, classes)
    (tmp_path / top / "train" if top == "aclImdb" else tmp_path / top / splits[0]).joinpath("unsup").mkdir()
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "classification"\nprotocol = "cv10"\n[files]\nall = "{top}"\n'
                    '[config]\ncv_outer_folds = 2\ncv_folds = 2\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert f"{tmp_path / top}: expected a folder per class holding its documents, got {sorted(splits)[0]}/ " \
           f"holding folders ({', '.join(classes)}): this is the folder of the splits" in err
    assert f"give each split's folder under its own key in [files] ({keys})" in err
