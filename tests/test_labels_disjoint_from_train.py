"""A test file none of whose labels train has (train written 0/1, as Hugging Face exports SST-2; test neg/pos, as
another release writes it) was scored with a warning only: every item an error, accuracy 0 for every
representation, as a test split without a chunk scores F1 0 (refused). It is refused, naming both label sets;
a test file that shares one label with train still reads, with the warning (oracle: the labels written)."""
from __future__ import annotations

import json

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.readers import reader
from wordeval.errors import InputFormatError
from wordeval.tasks.spec_file import load_spec_file


def _spec(folder, train_labels, test_labels):
    for name, labels in (("train.jsonl", train_labels), ("test.jsonl", test_labels)):
        (folder / name).write_text("".join(json.dumps({"text": f"a text number {i}", "label": lab}) + "\n"
                                           for i, lab in enumerate(labels)), encoding="utf-8")
    spec = folder / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "classification"\n[files]\ntrain = "train.jsonl"\n'
                    'test = "test.jsonl"\n', encoding="utf-8")
    return spec


def test_test_labels_none_of_which_train_has_are_refused(tmp_path, capsys):
    spec = _spec(tmp_path, [0, 1] * 6, ["neg", "pos"] * 2)
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert (f"{tmp_path / 'test.jsonl'}: expected labels in 'test' that train has too, got none: test has 'neg', "
            "'pos', train '0', '1'") in err, err


def test_test_sharing_one_label_with_train_reads_with_the_warning(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, [0, 1] * 6, ["1", "pos"] * 2))[1])
    assert [t.label for t in ds.splits["test"]] == ["1", "pos"] * 2
    assert any(w.startswith("test: 1 label(s) never seen in train ('pos')") for w in ds.metadata["warnings"])


def test_pos_test_file_of_other_tags_is_refused(tmp_path):
    train = tmp_path / "train.txt"
    train.write_text("The DT\ncat NN\n\nA DT\ndog NN\n", encoding="utf-8")
    test = tmp_path / "test.txt"
    test.write_text("The DET\ncat NOUN\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"test.txt: expected tags in 'test' that train has too, got none: "
                                               r"test has 'DET', 'NOUN', train 'DT', 'NN'"):
        reader("conll")({"train": train, "test": test})
