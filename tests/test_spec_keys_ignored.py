"""Spec keys that were accepted and ignored without a word: under ``dataset = NAME`` every key that reads or
describes a spec's own files (the built-in data is read, counted and described by its own declaration), a
``split`` the built-in data has not (the data's one split was scored and the record named the other), and a
classification layout hint its reader does not read (``comment = "%"`` over one file per class read the
'%' lines as documents). Each is one line at its spec line, exit 2; the keys that do act pass."""
from __future__ import annotations

import re

import pytest

from wordeval.cli import main

_BUILTIN = 'name = "mysl"\nfamily = "similarity"\ndataset = "simlex999"\n'


@pytest.mark.parametrize("line, key", [
    ('delimiter = "comma"', "delimiter"), ("header = true", "header"), ('encoding = "latin-1"', "encoding"),
    ("columns = {word1 = 1, word2 = 0, score = 2}", "columns"), ("score_scale = [0, 4]", "score_scale"),
    ('pos_suffix = "keep"', "pos_suffix"), ('decimal = ","', "decimal"), ('comment = "%"', "comment"),
    ('format = "pairs"', "format"), ('sha256 = {test = "' + "a" * 64 + '"}', "sha256"),
    ("counts = {test = 3}", "counts"), ('dataset_version = "9"', "dataset_version"), ('licence = "x"', "licence"),
    ('canonical = "x"', "canonical"), ('dataset_description = "x"', "dataset_description"),
    ('bring_your_own = "x"', "bring_your_own"), ("[metadata]\nx = 1", "metadata"),
])
def test_a_key_of_own_files_under_dataset_name_is_refused_at_its_line(tmp_path, capsys, line, key):
    spec = tmp_path / "s.toml"
    spec.write_text(_BUILTIN + line + "\n", encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert re.search(re.escape(f"{spec}:4: expected {key} only in a spec that names its own files ([files] or "
                               f"[classes]; dataset = 'simlex999' is read as its own task reads it, and {key} "
                               "would be ignored)"), err), err


@pytest.mark.parametrize("family, dataset", [("ner", "conll2003"), ("classification", "mr"),
                                             ("sts", "sts12")])
def test_reader_hints_under_dataset_name_are_refused_in_every_family(tmp_path, capsys, family, dataset):
    spec = tmp_path / "s.toml"
    spec.write_text(f'name = "mine"\nfamily = "{family}"\ndataset = "{dataset}"\nencoding = "latin-1"\n',
                    encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    assert f"{spec}:4: expected encoding only in a spec that names its own files" in capsys.readouterr().err


def test_a_split_the_built_in_data_has_not_is_refused(tmp_path, capsys):
    # SimLex-999 is one test split: split = "train" scored it and recorded dataset.split "train"
    spec = tmp_path / "s.toml"
    spec.write_text(_BUILTIN + 'split = "train"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    assert (f"{spec}:4: expected split = one of 'test' (the splits of dataset = 'simlex999'), got 'train'"
            in capsys.readouterr().err)
    spec.write_text(_BUILTIN + 'split = "test"\nphrases = "average"\nmain_score = "pearson"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 0  # keys that act on the built-in data stay allowed


def _class_files(folder, hint: str):
    for label, word in (("pos", "good"), ("neg", "bad")):
        (folder / f"{label}.txt").write_text("".join(f"{word} film {i}\n" for i in range(12)), encoding="utf-8")
    spec = folder / "c.toml"
    spec.write_text(f'name = "c"\nfamily = "classification"\nprotocol = "cv10"\n{hint}\n[classes]\n'
                    'pos = "pos.txt"\nneg = "neg.txt"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("hint", ['comment = "%"', 'delimiter = "tab"', "header = true", "columns = {text = 0}",
                                  "fine = false"])
def test_a_layout_hint_one_file_per_class_does_not_read_is_refused(tmp_path, capsys, hint):
    spec = _class_files(tmp_path, hint)
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    key = hint.partition(" ")[0]
    assert err.count("\n") == 1 and f"{spec}:4: " in err
    assert f"{key} does not apply to class-files data" in err


def test_fine_over_labelled_lines_is_refused_and_encoding_is_read(tmp_path, capsys):
    rows = "".join(f"pos\tgood film {i}\nneg\tbad film {i}\n" for i in range(12))
    (tmp_path / "all.tsv").write_text(rows, encoding="utf-8")
    spec = tmp_path / "c.toml"
    spec.write_text('name = "c"\nfamily = "classification"\nprotocol = "cv10"\nfine = false\n[files]\n'
                    'all = "all.tsv"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    assert f"{spec}:4: " in capsys.readouterr().err
    assert main(["datasets", "check", str(_class_files(tmp_path, 'encoding = "utf-8"'))]) == 0
