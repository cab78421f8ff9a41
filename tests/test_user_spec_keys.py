"""User spec keys that were accepted and then ignored: a family's own keys given to another family, and
``score_scale`` (never checked, neither its type nor the data against it). Each must now be a one-line error
naming the spec's line (or the data file), exit 2, nothing written."""
from __future__ import annotations

from pathlib import Path

import pytest

from wordeval.cli import main

PAIRS = "old\tnew\t1.58\nsmart\tintelligent\t9.2\nhard\tdifficult\t8.77\nhappy\tcheerful\t9.55\n"


def _spec(tmp_path: Path, extra: str, family: str = "similarity", data: str = PAIRS) -> Path:
    (tmp_path / "pairs.txt").write_text(data, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "{family}"\n{extra}\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    return spec


def _check(spec: Path, capsys) -> tuple[int, str]:
    rc = main(["--quiet", "datasets", "check", str(spec)])
    err = capsys.readouterr().err.strip()
    return rc, err


@pytest.mark.parametrize("line", ['scheme = "IOB2"', 'labels = ["a", "b"]', 'fine = false', 'subset = "news"',
                                  '[label_map]\n"0" = "negative"'])
def test_key_of_another_family_is_an_error_at_its_line(tmp_path, capsys, line):
    spec = _spec(tmp_path, line)
    rc, err = _check(spec, capsys)
    key = line.strip("[").split()[0].rstrip("]")
    assert rc == 2 and len(err.splitlines()) == 1
    assert f"{spec}:3:" in err and key in err and "similarity task does not read it" in err


@pytest.mark.parametrize("value", ['"1-7"', "[7, 1]", "[1]", "[true, 7]"])
def test_score_scale_of_wrong_type_is_an_error_at_its_line(tmp_path, capsys, value):
    spec = _spec(tmp_path, f"score_scale = {value}")
    rc, err = _check(spec, capsys)
    assert rc == 2 and f"{spec}:3:" in err and "score_scale = [lowest, highest]" in err


def test_scores_outside_the_declared_scale_are_refused(tmp_path, capsys):
    # 0-10 SimLex scores declared as a 1-7 scale (the score column or the scale is wrong)
    spec = _spec(tmp_path, "score_scale = [1, 7]")
    rc, err = _check(spec, capsys)
    assert rc == 2 and len(err.splitlines()) == 1
    assert str(tmp_path / "pairs.txt") in err and f"{spec}:3" in err and "9.2" in err


def test_scores_inside_the_declared_scale_load(tmp_path, capsys):
    spec = _spec(tmp_path, "score_scale = [0, 10]")
    rc, _ = _check(spec, capsys)
    assert rc == 0


def test_header_on_a_tagging_task_is_an_error_at_its_line(tmp_path, capsys):
    conll = "John B-PER\nwent O\n\nMary B-PER\nsaid O\n"
    for split in ("train", "test"):
        (tmp_path / f"{split}.txt").write_text(conll, encoding="utf-8")
    spec = tmp_path / "n.toml"
    spec.write_text('name = "n"\nfamily = "ner"\nheader = true\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n',
                    encoding="utf-8")
    rc, err = _check(spec, capsys)
    assert rc == 2 and f"{spec}:3:" in err and "ner task does not read it" in err


@pytest.mark.parametrize("fmt, said", [("bogus", "unknown reader 'bogus'"), ("conll", "does not read similarity")])
def test_format_the_family_cannot_read_names_the_spec_line(tmp_path, capsys, fmt, said):
    spec = _spec(tmp_path, f'format = "{fmt}"')
    rc, err = _check(spec, capsys)
    assert rc == 2 and err.startswith(f"wordeval: error: {spec}:3:") and said in err
