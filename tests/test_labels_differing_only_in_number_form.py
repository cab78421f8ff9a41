"""A label column that pandas read as floats (an integer column with one missing value) is written back
'1.0', '0.0'; beside a train file written '1', '0' those were labels never seen in train (every item an
error), or a test split sharing no label with train (refused), and neither line said why:
``_other_form_note`` named Unicode and case twins only. Labels are still compared as written; the warning
and the refusal now name each number twin with the [label_map] lines that join them, which this test
applies to check that the advice is right. Oracle: the files as pandas writes them, their labels by hand."""
from __future__ import annotations

import pandas as pd

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.validate import check_labels
from wordeval.tasks.spec_file import load_spec_file

TEXTS = [f"a short review number {i}" for i in range(12)]
FLOAT = "labels are compared as written, and a float column writes 1 as 1.0"


def _spec(folder, test_labels):
    train = pd.DataFrame({"text": TEXTS, "label": [i % 2 for i in range(12)]})
    train.to_csv(folder / "train.csv", index=False)
    test = pd.DataFrame({"text": [f"another review {i}" for i in range(len(test_labels))],
                         "label": list(test_labels)})
    test.to_csv(folder / "test.csv", index=False)
    spec = folder / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "classification"\n[files]\ntrain = "train.csv"\n'
                    'test = "test.csv"\n', encoding="utf-8")
    return spec


def test_a_float_label_beside_trains_integer_is_named_with_the_label_map_that_joins_them(tmp_path):
    spec = _spec(tmp_path, [])
    # rows appended by hand from a float column's file to one of integers: one label of each form
    spec.with_name("test.csv").write_text("text,label\nanother review 0,1.0\nanother review 1,0\n"
                                          "another review 3,1.0\n", encoding="utf-8")
    ds = load(load_spec_file(spec)[1])
    unseen = [w for w in ds.metadata["warnings"] if "never seen in train" in w]
    assert unseen == ["test: 1 label(s) never seen in train ('1.0'); no learner trained here can predict "
                      f"them, so their items count as errors; '1.0' is train's '1' written as another "
                      f"number ({FLOAT}): [label_map] renames them (\"1.0\" = \"1\")"], unseen
    advice = unseen[0].rsplit("[label_map] renames them (", 1)[1][:-1].replace(", ", "\n")
    spec.write_text(spec.read_text(encoding="utf-8") + f"[label_map]\n{advice}\n", encoding="utf-8")
    fixed = load(load_spec_file(spec)[1])
    assert [it.label for it in fixed.splits["test"]] == ["1", "0", "1"]
    assert not [w for w in fixed.metadata.get("warnings", []) if "never seen in train" in w]


def test_a_test_split_differing_from_train_only_in_number_form_says_so_when_refused(tmp_path, capsys):
    # a missing label makes pandas' column float; the row dropped, the others are still written 1.0, 0.0
    spec = _spec(tmp_path, pd.Series([1, 0, None, 1, 0]).dropna())
    lines = (tmp_path / "test.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == ["another review 0,1.0", "another review 1,0.0"]
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "expected labels in 'test' that train has too" in err, err
    assert err.endswith("'0.0' is train's '0' written as another number, '1.0' is train's '1' written as "
                        f"another number ({FLOAT}): [label_map] renames them (\"0.0\" = \"0\", "
                        "\"1.0\" = \"1\")\n"), err


def test_only_a_number_one_of_trains_has_is_named():
    # '1.00' is train's '1' and its '1.0' alike (no one rename); 'nan', 'inf' and '1_0' are float()'s,
    # not a column's numbers; '02' is train's '2'
    splits = {"train": ["1", "1.0", "2", "10", "x"], "test": ["1.00", "nan", "1_0", "02"]}
    _, warnings = check_labels(splits, {}, "label")
    assert warnings == ["test: 4 label(s) never seen in train ('02', '1.00', '1_0', ...); no learner "
                        "trained here can predict them, so their items count as errors; '02' is train's "
                        f"'2' written as another number ({FLOAT}): [label_map] renames them "
                        "(\"02\" = \"2\")"]


def test_tags_get_the_note_without_label_map():
    _, warnings = check_labels({"train": ["1", "2"], "test": ["2.0", "1"]}, {}, "tag")
    assert warnings[0].endswith("'2.0' is train's '2' written as another number (tags are compared as "
                                "written, and a float column writes 1 as 1.0): write them in one form in "
                                "the files for them to be one tag"), warnings
