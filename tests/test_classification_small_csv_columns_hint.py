"""A small CSV whose label column is too varied to be sniffed (a DBpedia excerpt: 8 records, 4 classes, the
class index unquoted) was refused with "set columns = {label = 0, text = 1} (and delimiter)"; setting columns
as asked was refused again, the file having been taken for space-separated ("a space-separated line has the
label first (0) or last (-1)"). A columns.label that names a one-word field of the records now settles the
comma; a space-separated file given the same hint is read as before."""
from __future__ import annotations

from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

ROWS = [("1", "E. D. Abbott Ltd", " Abbott of Farnham E D Abbott Limited was a British coachbuilder."),
        ("1", "Schwan-Stabilo", " Schwan-STABILO is a German maker of pens, markers and highlighters."),
        ("2", "Dubai Dental College", ' Dubai Dental College, "DDC", is a private dental school in Dubai.'),
        ("2", "Sweet Briar College", " Sweet Briar College is a private women's liberal arts college."),
        ("3", "Bill Smith (artist)", " Bill Smith is an American painter, sculptor and printmaker."),
        ("3", "Jane Doe (painter)", " Jane Doe was a painter, known for her landscapes."),
        ("14", "Born to Run", " Born to Run is a 2009 book by Christopher McDougall, about running."),
        ("14", "Moby-Dick", " Moby-Dick; or, The Whale is an 1851 novel by Herman Melville.")]


def _csv(label, *texts):  # DBpedia's own quoting: the class bare, title and abstract quoted, quotes doubled
    return ",".join([label, *('"' + t.replace('"', '""') + '"' for t in texts)]) + "\n"


def _load(tmp_path, train: str, test: str, columns: str):
    (tmp_path / "train.csv").write_text(train, encoding="utf-8")
    (tmp_path / "test.csv").write_text(test, encoding="utf-8")
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "classification"\ncolumns = {columns}\n[files]\n'
                                     'train = "train.csv"\ntest = "test.csv"\n[config]\ncv_folds = 2\n',
                                     encoding="utf-8")
    ds = load(load_spec_file(str(tmp_path / "t.toml"))[1])
    return {split: [(it.label, it.text) for it in items] for split, items in ds.splits.items()}


def test_columns_settle_the_comma_of_a_small_csv_and_not_of_a_space_separated_file(tmp_path):
    test = [ROWS[0], ROWS[2], ROWS[4], ROWS[6]]
    got = _load(tmp_path, "".join(_csv(*r) for r in ROWS), "".join(_csv(*r) for r in reversed(test)),
                "{label = 0, text = [1, 2]}")
    assert got == {"train": [(c, f"{t} {d.strip()}") for c, t, d in ROWS],
                   "test": [(c, f"{t} {d.strip()}") for c, t, d in reversed(test)]}
    lines = ["pos a great, fun film", "neg dull, long and bad", "pos warm, kind and funny",
             "neg a waste, sadly"]
    got = _load(tmp_path, "".join(f"{x}\n" for x in lines), "".join(f"{x}\n" for x in lines[::-1]),
                "{label = 0, text = 1}")
    assert got["train"] == [tuple(x.split(" ", 1)) for x in lines]


# DBpedia's classes are several words: columns.label = 0 named a field of one word on no record, and the file
# was read as space-separated, its labels 'Educational', 'Mean', 'Natural', 'Office' and its texts
# 'Holder,Barack Obama,...', exit 0. Oracle: the labels and texts below, written by hand.
MULTI = [("Office Holder", "Barack Obama", "Barack Obama is an American politician, the 44th president."),
         ("Office Holder", "Angela Merkel", "Angela Merkel is a German politician, chancellor from 2005."),
         ("Educational Institution", "Dubai Dental College", "Dubai Dental College, DDC, is a dental school."),
         ("Educational Institution", "Sweet Briar College", "Sweet Briar College is a women's college."),
         ("Natural Place", "Mount Everest", "Mount Everest is Earth's highest mountain, in the Himalayas."),
         ("Natural Place", "Lake Baikal", "Lake Baikal is a rift lake in Siberia, the deepest lake."),
         ("Mean Of Transportation", "RMS Titanic", "RMS Titanic was a British liner, sunk in 1912."),
         ("Mean Of Transportation", "Boeing 747", "The Boeing 747 is a wide-body airliner, the jumbo jet.")]


def test_labels_of_several_words_settle_the_comma(tmp_path):
    test = [MULTI[1], MULTI[3], MULTI[5], MULTI[7]]
    got = _load(tmp_path, "".join(_csv(*r) for r in MULTI), "".join(_csv(*r) for r in test),
                "{label = 0, text = [1, 2]}")
    assert got == {"train": [(c, f"{t} {d}") for c, t, d in MULTI], "test": [(c, f"{t} {d}") for c, t, d in test]}
    got = _load(tmp_path, "".join(_csv(*r) for r in MULTI), "".join(_csv(*r) for r in test),
                "{label = 0, text = 1}")
    assert got["train"][:3] == [("Office Holder", "Barack Obama"), ("Office Holder", "Angela Merkel"),
                                ("Educational Institution", "Dubai Dental College")]


def test_space_separated_lines_of_one_comma_each_stay_space_separated(tmp_path):
    # one comma on every line: two CSV fields each, the first ('pos a great') a text that does not repeat
    lines = ["pos a great, fun film", "neg dull, long and bad", "pos warm, kind and funny", "neg a waste, sadly",
             "pos so good, so warm", "neg too long, too slow"]
    got = _load(tmp_path, "".join(f"{x}\n" for x in lines), "".join(f"{x}\n" for x in lines[::-1]),
                "{label = 0, text = 1}")
    assert got["train"] == [tuple(x.split(" ", 1)) for x in lines]
