"""Which column of a user's CSV is the label, without a ``columns`` hint. A header that names the label column
('sentiment') was not consulted: the columns were ranked by their number of distinct values, so a constant
'source' column (one value) was taken for the label and the file refused as holding a single class, and a
'stars' column of 1-3 beside 'label' was called ambiguous. The expected items are written out by hand from
the fixture text (the csv module's reading of it)."""
from __future__ import annotations

from wordeval.datasets.load import load
from wordeval.datasets.types import LabeledText
from wordeval.tasks.spec_file import load_spec_file


def _load(folder, train: str, test: str):
    (folder / "train.csv").write_text(train, encoding="utf-8")
    (folder / "test.csv").write_text(test, encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text('name = "t"\nfamily = "classification"\n[files]\ntrain = "train.csv"\ntest = "test.csv"\n',
                    encoding="utf-8")
    return load(load_spec_file(spec)[1])


def test_header_named_label_beats_a_constant_column(tmp_path):
    train = ('id,sentiment,review,source\n0,neg,"bad, boring film",web\n1,pos,"good\ngreat film",web\n'
             '2,neg,dull and slow,web\n3,pos,superb and moving,web\n')
    ds = _load(tmp_path, train, 'id,sentiment,review,source\n7,pos,"loved\tit",web\n8,neg,awful,web\n')
    assert list(ds.splits["train"]) == [LabeledText("bad, boring film", "neg"), LabeledText("good\ngreat film", "pos"),
                                        LabeledText("dull and slow", "neg"), LabeledText("superb and moving", "pos")]
    assert list(ds.splits["test"]) == [LabeledText("loved\tit", "pos"), LabeledText("awful", "neg")]


def test_header_named_label_beside_a_rating_column(tmp_path):
    rows = [("pos", 3, "great fun"), ("neg", 1, "awful mess"), ("pos", 2, "quite nice"), ("neg", 2, "rather dull"),
            ("pos", 3, "superb"), ("neg", 1, "boring")]
    train = "label,stars,text\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows)
    ds = _load(tmp_path, train, "label,stars,text\nneg,1,bad film\n")
    assert list(ds.splits["train"]) == [LabeledText(c, a) for a, _, c in rows]
    assert list(ds.splits["test"]) == [LabeledText("bad film", "neg")]


def test_a_constant_column_is_not_the_label_without_a_header(tmp_path):
    train = "neg,bad boring film,web\npos,good great film,web\nneg,dull and slow,web\npos,superb and moving,web\n"
    ds = _load(tmp_path, train, "pos,loved it,web\n")
    assert [it.label for it in ds.splits["train"]] == ["neg", "pos", "neg", "pos"]
    assert list(ds.splits["test"]) == [LabeledText("loved it", "pos")]


def _tsv(folder, train: str, test: str):
    (folder / "train.tsv").write_text(train, encoding="utf-8")
    (folder / "test.tsv").write_text(test, encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text('name = "t"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                    'test = "test.tsv"\n', encoding="utf-8")
    return load(load_spec_file(spec)[1])


_ROWS = [("a joy to watch", "1"), ("a dull mess", "0"), ("superb cast", "1"), ("a waste of time", "0"),
         ("brilliant and moving", "1"), ("i hated the plot", "0")] * 2


def test_a_tab_after_the_label_on_some_lines_leaves_the_label_last(tmp_path):
    """GLUE's 'sentence<TAB>label' with a tab after the label on every other line: the last field of those
    lines was empty, so no label column was found ("no first or last field holds few distinct short
    values"). Expected: the rows as written, as Perl's split (dropping trailing empty fields) reads them."""
    rows = (f"{t}\t{lab}" + "\t" * (i % 2) + "\n" for i, (t, lab) in enumerate(_ROWS))
    train = "sentence\tlabel\n" + "".join(rows)
    ds = _tsv(tmp_path, train, "sentence\tlabel\nawful film\t0\t\ngreat film\t1\n")
    assert list(ds.splits["train"]) == [LabeledText(t, lab) for t, lab in _ROWS]
    assert list(ds.splits["test"]) == [LabeledText("awful film", "0"), LabeledText("great film", "1")]


def test_a_tab_after_the_label_on_most_lines_is_no_third_column(tmp_path):
    """A tab after the label on all lines but one made the train file a table of three columns (the third
    empty), and a test file written without the tabs was refused as of another layout."""
    train = "".join(f"{t}\t{lab}" + ("\t" if i else "") + "\n" for i, (t, lab) in enumerate(_ROWS))
    ds = _tsv(tmp_path, train, "awful film\t0\ngreat film\t1\n")
    assert list(ds.splits["train"]) == [LabeledText(t, lab) for t, lab in _ROWS]
    assert list(ds.splits["test"]) == [LabeledText("awful film", "0"), LabeledText("great film", "1")]
