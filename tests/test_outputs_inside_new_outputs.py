"""An output inside another output of the same command that does not exist yet: refused before any work, as
one inside an existing output is. Before, ``--save-predictions OUT/p`` with a new ``--out OUT`` made ``OUT/p``
first, then the store refused ``OUT`` as holding files wordeval did not write (exit 2, ``OUT`` left behind and
the same command refused from then on); the demo's report inside a new ``--store`` was refused only when the
whole demo had been computed. An --out below a file is said as such, not as a folder that is not writable."""
from __future__ import annotations

import pytest

import wordeval.runner
from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.errors import OutputError


def test_save_predictions_inside_a_new_out_is_refused_and_nothing_is_made(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "R"
    code = main(["intrinsic", f"v={vectors}", "--tasks", str(spec), "--out", str(out),
                 "--save-predictions", str(out / "p")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "--save-predictions" in err and "inside --out" in err
    assert not out.exists()


def test_save_predictions_beside_a_store_named_by_its_file_is_kept(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    code = main(["intrinsic", f"v={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "R" / "mine.sqlite"),
                 "--save-predictions", str(tmp_path / "R" / "p")])
    assert code == 0, capsys.readouterr().err
    assert any((tmp_path / "R" / "p").glob("similarity__mine__v__*.tsv"))


def test_the_api_refuses_predictions_inside_a_new_store_folder(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    with pytest.raises(OutputError, match="inside out"):
        wordeval.runner.run([f"v={vectors}"], [str(spec)], out=tmp_path / "R", predictions=tmp_path / "R" / "p")
    assert not (tmp_path / "R").exists()


def test_the_demos_report_inside_a_new_store_is_refused_before_planning(tmp_path, monkeypatch, capsys):
    def planned(*args, **kwargs):
        raise AssertionError("planned before --out was refused")

    monkeypatch.setattr(wordeval.runner, "plan", planned)
    code = main(["demo", "--store", str(tmp_path / "S"), "--out", str(tmp_path / "S" / "report"),
                 "--only", "GloVe-6B-50d"])
    err = capsys.readouterr().err
    assert code == 2 and "inside --store" in err, err
    assert not (tmp_path / "S").exists()


@pytest.mark.parametrize("command", [["report", "R"], ["intrinsic", "glove-6b-50d", "--tasks", "similarity/rg65"]])
def test_an_out_below_a_file_says_that_it_is_a_file_not_that_it_is_not_writable(tmp_path, monkeypatch, capsys,
                                                                                   command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main([*command, "--out", "notes.txt/out"]) == 2
    err = capsys.readouterr().err
    assert "notes.txt is a file, not a folder" in err and err.count("\n") == 1, err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"
