"""GLUE's SST-2 test.tsv has no labels ('index<TAB>sentence'). With ``header = true`` (what the layout error
advised) the file was read with the first file's layout, label last: its sentences became the labels, the row
numbers the texts, and it was scored with a warning only. It is refused at its first line of data, and the
labelled train and dev files of the same release still read as written (oracle: the rows by hand)."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

TRAIN = ("sentence\tlabel\nhide new secretions from the parental units \t0\ncontains no wit , only labored gags \t0\n"
         "that loves its characters and communicates something rather beautiful about human nature \t1\n"
         "remains utterly satisfied to remain the same throughout \t0\n"
         "demonstrates that the director can still turn out a small , personal film \t1\n")
DEV = "sentence\tlabel\nit 's a charming and often affecting journey . \t1\nunflinchingly bleak and desperate \t0\n"
TEST = ("index\tsentence\n0\tuneasy mishmash of styles and genres .\n"
        "1\tthis film 's relationship to actual tension is the same as what christmas-special specials are .\n"
        "2\tit is a great fun ride .\n3\tterrible , terrible acting all round .\n")


def _spec(folder, test, header=""):
    for name, text in (("train.tsv", TRAIN), ("dev.tsv", DEV), ("test.tsv", TEST)):
        (folder / name).write_text(text, encoding="utf-8")
    spec = folder / "sst2.toml"
    spec.write_text(f'name = "glue-sst2"\nfamily = "classification"\nprotocol = "split"\n{header}[files]\n'
                    f'train = "train.tsv"\ntest = "{test}"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("header", ["", "header = true\n"])
def test_glue_unlabelled_test_file_is_refused_at_its_line(tmp_path, capsys, header):
    spec = _spec(tmp_path, "test.tsv", header)
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{tmp_path / 'test.tsv'}:2: expected a label in the last field" in err, err


def test_glue_labelled_files_read_as_written(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, "dev.tsv"))[1])
    assert [(t.text, t.label) for t in ds.splits["test"]] == [
        ("it 's a charming and often affecting journey .", "1"), ("unflinchingly bleak and desperate", "0")]
    assert [t.label for t in ds.splits["train"]] == ["0", "0", "1", "0", "1"]


TOPICS = ["Science and Technology", "Arts and Culture", "Health and Fitness", "World News Today"]


def _topics(folder, labels=""):
    (folder / "train.tsv").write_text("".join(f"{TOPICS[i % 4]}\tsome text number {i} about things\n"
                                              for i in range(20)), encoding="utf-8")
    (folder / "test.tsv").write_text("".join(f"{t}\ta test sentence number {i} here\n" for i, t in enumerate(TOPICS)),
                                     encoding="utf-8")
    spec = folder / "topics.toml"
    spec.write_text(f'name = "topics"\nfamily = "classification"\nprotocol = "split"\n{labels}[files]\n'
                    'train = "train.tsv"\ntest = "test.tsv"\n', encoding="utf-8")
    return spec


def test_multi_word_labels_each_once_in_a_small_test_file_are_labels(tmp_path):
    """A test file with one line per class, whose labels ('Science and Technology') are the train file's, was
    refused as a file of texts without labels."""
    ds = load(load_spec_file(_topics(tmp_path))[1])
    assert [(t.text, t.label) for t in ds.splits["test"]] == [
        (f"a test sentence number {i} here", t) for i, t in enumerate(TOPICS)]

