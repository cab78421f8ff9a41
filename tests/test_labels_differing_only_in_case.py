"""TREC fine labels written in another case in test than in train ('DESC:Manner', 'HUM:IND' beside train's
'DESC:manner', 'HUM:ind') were counted as labels never seen in train, every item of them an error, and the
warning said nothing of why: ``_other_form_note`` named Unicode-form twins only. Labels are compared as
written (a policy, kept); the warning now names each case twin and gives the [label_map] lines that make them
one, which this test applies to check that the advice is right. A test split all of whose labels differ from
train's by case is refused, as before, and now says why. Tags get the note without [label_map] advice."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.readers import reader
from wordeval.errors import InputFormatError
from wordeval.tasks.spec_file import load_spec_file

TRAIN = ["DESC:manner How did serfdom develop in and then leave Russia ?",
         "ENTY:cremat What films featured the character Popeye Doyle ?",
         "HUM:ind Who killed Gandhi ?",
         "NUM:date When was Ozzy Osbourne born ?"] * 5
TEST = ["DESC:Manner How do you make a paintball ?", "ENTY:cremat What is the best-selling novel ?",
        "HUM:IND Who invented the telephone ?"]


def _spec(folder, test, extra=""):
    (folder / "train.label").write_text("\n".join(TRAIN) + "\n", encoding="utf-8")
    (folder / "test.label").write_text("\n".join(test) + "\n", encoding="utf-8")
    spec = folder / "trec.toml"
    spec.write_text('name = "mytrec"\nfamily = "classification"\n[files]\ntrain = "train.label"\n'
                    f'test = "test.label"\n{extra}', encoding="utf-8")
    return spec


def test_case_twins_are_named_with_the_label_map_that_joins_them(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, TEST))[1])
    unseen = [w for w in ds.metadata["warnings"] if "never seen in train" in w]
    assert len(unseen) == 1
    assert unseen[0].endswith("; 'DESC:Manner' is train's 'DESC:manner' but for case, 'HUM:IND' is train's "
                              "'HUM:ind' but for case (labels are compared as written): [label_map] renames "
                              "them (\"DESC:Manner\" = \"DESC:manner\", \"HUM:IND\" = \"HUM:ind\")"), unseen[0]
    advice = unseen[0].rsplit("[label_map] renames them (", 1)[1][:-1].replace(", ", "\n")
    fixed = load(load_spec_file(_spec(tmp_path, TEST, f"[label_map]\n{advice}\n"))[1])
    assert [it.label for it in fixed.splits["test"]] == ["DESC:manner", "ENTY:cremat", "HUM:ind"]
    assert not [w for w in fixed.metadata.get("warnings", []) if "never seen in train" in w]


def test_a_test_split_differing_from_train_only_by_case_says_so_when_refused(tmp_path, capsys):
    spec = _spec(tmp_path, ["DESC:MANNER How do you make a paintball ?",
                            "HUM:IND Who invented the telephone ?"])
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "expected labels in 'test' that train has too" in err, err
    assert ("'DESC:MANNER' is train's 'DESC:manner' but for case, 'HUM:IND' is train's 'HUM:ind' but for "
            "case") in err


def test_a_label_two_of_trains_fold_to_is_not_given_one_rename(tmp_path):
    from wordeval.datasets.validate import check_labels

    _, warnings = check_labels({"train": ["Pos", "POS", "neg"], "test": ["pos", "neg"]}, {}, "label")
    assert warnings == ["test: 1 label(s) never seen in train ('pos'); no learner trained here can predict "
                        "them, so their items count as errors"]


def test_tags_get_the_note_without_label_map(tmp_path):
    train = tmp_path / "train.txt"
    train.write_text("John B-PER\nran O\n\nRome B-LOC\nfell O\n", encoding="utf-8")
    test = tmp_path / "test.txt"
    test.write_text("Ann B-per\nsat O\n\nParis B-LOC\n", encoding="utf-8")
    _, extra = reader("conll")({"train": train, "test": test}, scheme="IOB2")
    assert [w for w in extra["warnings"] if "never seen" in w] == [
        "test: 1 tag(s) never seen in train ('B-per'); no learner trained here can predict them, so their "
        "items count as errors; 'B-per' is train's 'B-PER' but for case (tags are compared as written): write "
        "them in one case in the files for them to be one tag"]
    test.write_text("Ann B-per\nsat O\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"test has 'per', train 'LOC', 'PER' .*'per' is train's 'PER' "
                                               r"but for case \(chunk types are compared as written\)"):
        reader("conll")({"train": train, "test": test}, scheme="IOB2")
