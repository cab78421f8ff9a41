"""deduplicate = true that leaves a split with nothing, or an STS split with one score: the errors named a file
that holds items ('expected at least one item in split 'dev' ..., got none') or suggested the wrong score
column, without saying the copies were dropped. They now say it, as the SemEval subset check did."""
from __future__ import annotations

from wordeval.cli import main

_TEST = "My PRP$\nbird NN\nsang VBD\n\n"


def _pos(tmp_path, dev: str):
    (tmp_path / "tr.txt").write_text("The DT\ncat NN\nsat VBD\n\nA DT\ndog NN\nran VBD\n\n", encoding="utf-8")
    (tmp_path / "te.txt").write_text(_TEST, encoding="utf-8")
    (tmp_path / "dv.txt").write_text(dev, encoding="utf-8")
    spec = tmp_path / "pp.toml"
    spec.write_text('name = "pp"\nfamily = "pos"\ndeduplicate = true\n[files]\ntrain = "tr.txt"\n'
                    'dev = "dv.txt"\ntest = "te.txt"\n', encoding="utf-8")
    return spec


def _error(capsys, spec) -> str:
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


def test_a_dev_split_of_one_copy_of_test(tmp_path, capsys):
    spec = _pos(tmp_path, _TEST + "\n")  # a blank line more: not the same file, the same sentence
    assert _error(capsys, spec) == (
        f"wordeval: error: {tmp_path / 'dv.txt'}: expected at least one item in split 'dev' of pp, got none, after "
        f"deduplicate = true dropped its one item as a copy of a 'test' item")


def test_a_dev_split_of_copies_of_test_and_train(tmp_path, capsys):
    spec = _pos(tmp_path, _TEST + "A DT\ndog NN\nran VBD\n\n")
    # dev goes before train (TEST_FIRST): train's copy is dropped, and dev's second sentence is kept
    assert main(["datasets", "check", str(spec)]) == 0
    spec = _pos(tmp_path, _TEST + _TEST)
    assert _error(capsys, spec).endswith("got none, after deduplicate = true dropped all 2 of its items as copies "
                                         "of 'test' items")


def test_sts_scores_constant_after_the_copies_went(tmp_path, capsys):
    (tmp_path / "t.tsv").write_text("A b.\tC d.\t3\nE f.\tG h.\t3\nA b.\tC d.\t1\n", encoding="utf-8")
    spec = tmp_path / "s.toml"
    spec.write_text('name = "s"\nfamily = "sts"\ndeduplicate = true\n[files]\ntest = "t.tsv"\n', encoding="utf-8")
    err = _error(capsys, spec)
    assert err == (f"wordeval: error: {tmp_path / 't.tsv'}: expected STS scores that vary across the items of "
                   f"'test', got a constant 3.0 on all 2 items, after deduplicate = true dropped 1 of its 3"), err


def test_sts_scores_constant_in_the_file_still_suggest_the_column(tmp_path, capsys):
    """Regression pin: no copy dropped, the file's column is constant."""
    (tmp_path / "t.tsv").write_text("A b.\tC d.\t3\nE f.\tG h.\t3\nI j.\tK l.\t3\n", encoding="utf-8")
    spec = tmp_path / "s.toml"
    spec.write_text('name = "s"\nfamily = "sts"\ndeduplicate = true\n[files]\ntest = "t.tsv"\n', encoding="utf-8")
    assert _error(capsys, spec).endswith("got a constant 3.0 on all 3 items (wrong score column?)")
