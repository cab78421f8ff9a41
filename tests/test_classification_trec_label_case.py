"""TREC's coarse classes are written in capitals (ABBR, DESC, ENTY, HUM, LOC, NUM). A line 'desc:manner ...'
(a typo) was read as a class of its own beside DESC:manner, a 51st fine class (a 7th coarse one under
fine = false), with only a small-class warning; it is now refused at its line, as other malformed TREC lines
are: one line naming the file and the line, exit 2."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.datasets.parsers_text import parse_trec

TRAIN = ["DESC:manner How did serfdom develop in and then leave Russia ?",
         "ENTY:cremat What films featured the character Popeye Doyle ?",
         "HUM:ind Who killed Gandhi ?",
         "NUM:date When was Ozzy Osbourne born ?"] * 5  # enough lines for the sniffer to see TREC's layout


def _spec(folder, train_lines, test_lines, extra=""):
    (folder / "train.label").write_text("\n".join(train_lines) + "\n", encoding="utf-8")
    (folder / "test.label").write_text("\n".join(test_lines) + "\n", encoding="utf-8")
    spec = folder / "trec.toml"
    spec.write_text(f'name = "mytrec"\nfamily = "classification"\n{extra}[files]\ntrain = "train.label"\n'
                    'test = "test.label"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("fine", ["", "fine = false\n"])
@pytest.mark.parametrize("where", ["train", "test"])
def test_a_lowercase_coarse_label_is_refused_at_its_line(tmp_path, capsys, fine, where):
    typo = "desc:manner How can I find a list of celebrities real names ?"
    train = TRAIN + [typo] if where == "train" else TRAIN
    test = TRAIN[:2] + [typo] if where == "test" else TRAIN[:2]
    spec = _spec(tmp_path, train, test, fine)
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    line = 21 if where == "train" else 3
    assert err.startswith(f"wordeval: error: {tmp_path / (where + '.label')}:{line}: expected a TREC label with "
                          "its coarse class in capitals") and "got 'desc:manner'" in err and err.count("\n") == 1


def test_capital_coarse_labels_read_as_written(tmp_path):
    path = tmp_path / "train.label"
    path.write_text("\n".join(TRAIN[:4]) + "\n", encoding="utf-8")
    assert [it.label for it in parse_trec(path, fine=True)] == ["DESC:manner", "ENTY:cremat", "HUM:ind", "NUM:date"]
    assert [it.label for it in parse_trec(path, fine=False)] == ["DESC", "ENTY", "HUM", "NUM"]
    assert parse_trec(path, fine=False)[2].text == "Who killed Gandhi ?"
