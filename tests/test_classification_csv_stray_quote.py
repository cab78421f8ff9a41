"""AG News' CSV ('"class","title","description"', fields quoted, commas inside) with one stray quote. The file
failed as CSV whole, so it was sniffed as space-separated, label last: the description's last words became the
labels ('stuff"') and it was scored. A test file with one was refused without a line. A quote left open took
the next line into its field, and the error named that next, sound line. Each is now refused at the line that
holds the quote (oracle: the line written broken)."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file


def _rows(n):
    return [f'"{i % 4 + 1}","Title {i}, with a comma","Reuters - a description {i}, and more \\\\ text"' for i in range(n)]


def _spec(folder, train, test):
    (folder / "train.csv").write_text("".join(r + "\n" for r in train), encoding="utf-8")
    (folder / "test.csv").write_text("".join(r + "\n" for r in test), encoding="utf-8")
    spec = folder / "ag.toml"
    spec.write_text('name = "ag"\nfamily = "classification"\n[files]\ntrain = "train.csv"\ntest = "test.csv"\n',
                    encoding="utf-8")
    return spec


def test_ag_news_csv_reads_as_written(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, _rows(20), _rows(8)))[1])
    assert [t.label for t in ds.splits["test"]] == ["1", "2", "3", "4"] * 2
    assert ds.splits["test"][0].text == "Reuters - a description 0, and more \\\\ text"


@pytest.mark.parametrize("where, broken, line", [
    ("train", '"2","Title,"a description"', 4),     # a quote closed inside a field
    ("test", '"2","Title,"a description"', 4),
    ("train", '"2","Title","a description', 4),     # a quote left open: the next line is taken into it
])
def test_one_stray_quote_is_refused_at_its_line(tmp_path, capsys, where, broken, line):
    train, test = _rows(20), _rows(8)
    (train if where == "train" else test)[line - 1] = broken
    assert main(["--quiet", "datasets", "check", str(_spec(tmp_path, train, test))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{tmp_path / (where + '.csv')}:{line}: expected comma-separated CSV records" in err, err
