"""fastText's supervised format, '__label__pos some text' lines: one label is read as the class (the prefix
kept, as fastText reports it), and a line of several labels ('__label__a __label__b text', fastText's
multi-label form) is refused at its line: it was read as class '__label__a' with the text '__label__b text'."""
from __future__ import annotations

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.types import LabeledText
from wordeval.tasks.spec_file import load_spec_file

TRAIN = "__label__neg bad boring film\n__label__pos good great film\n__label__neg dull\n__label__pos superb\n"


def _spec(folder, train):
    (folder / "train.txt").write_text(train, encoding="utf-8")
    (folder / "test.txt").write_text("__label__pos loved it\n__label__neg awful\n", encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text('name = "t"\nfamily = "classification"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n',
                    encoding="utf-8")
    return spec


def test_one_label_lines(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, TRAIN))[1])
    assert list(ds.splits["test"]) == [LabeledText("loved it", "__label__pos"), LabeledText("awful", "__label__neg")]
    assert ds.splits["train"][0] == LabeledText("bad boring film", "__label__neg")


def test_several_labels_on_a_line_are_refused_at_it(tmp_path, capsys):
    spec = _spec(tmp_path, TRAIN + "__label__pos __label__neg mixed feelings\n")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "train.txt:5: expected one label per line" in err, err
