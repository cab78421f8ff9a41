"""``labels`` (the allowed labels, README) was enforced on labelled lines, TREC files and trees, and ignored for
one file per class ([classes]) and a folder per class: a class outside it was read without a word. It is now
one line naming the spec's labels line and the class's file or folder, exit 2."""
from __future__ import annotations

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

def _class_files(folder, labels: str):
    for split in ("train", "test"):
        for label, words in (("positive", "good nice great"), ("negative", "bad dull poor")):
            (folder / f"{split}.{label}").write_text("\n".join(f"{w} {split} film" for w in words.split()) + "\n")
    spec = folder / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "classification"\nlabels = {labels}\n[classes.train]\n'
                    f'positive = "train.positive"\nnegative = "train.negative"\n[classes.test]\n'
                    f'positive = "test.positive"\nnegative = "test.negative"\n', encoding="utf-8")
    return spec

def _class_folders(folder, labels: str):
    for split in ("train", "test"):
        for label in ("pos", "neg"):
            (folder / split / label).mkdir(parents=True)
            for i in range(3):
                (folder / split / label / f"{i}.txt").write_text(f"{label} document {i}\n")
    spec = folder / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "classification"\nlabels = {labels}\n[files]\ntrain = "train"\n'
                    f'test = "test"\n', encoding="utf-8")
    return spec

def test_a_class_file_outside_labels_is_refused_at_the_labels_line(tmp_path, capsys):
    spec = _class_files(tmp_path, '["positive", "neutral"]')
    assert main(["datasets", "check", str(spec)]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: {spec}:3: {tmp_path / 'test.negative'}: class 'negative' "
                                       f"is not one of labels = ['positive', 'neutral']\n")

def test_a_class_folder_outside_labels_is_refused_at_the_labels_line(tmp_path, capsys):
    spec = _class_folders(tmp_path, '["pos", "neu"]')
    assert main(["datasets", "check", str(spec)]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: {spec}:3: {tmp_path / 'test' / 'neg'}: class 'neg' is "
                                       f"not one of labels = ['pos', 'neu']\n")

def test_class_files_and_folders_within_labels_are_read(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = load(load_spec_file(_class_files(tmp_path / "a", '["negative", "positive", "neutral"]'))[1])
    assert sorted({it.label for it in files.splits["train"]}) == ["negative", "positive"]
    folders = load(load_spec_file(_class_folders(tmp_path / "b", '["neg", "pos"]'))[1])
    assert [it.label for it in folders.splits["test"]] == ["neg"] * 3 + ["pos"] * 3
