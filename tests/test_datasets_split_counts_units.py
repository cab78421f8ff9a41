"""`datasets verify`, `fetch` and `check` printed each split's count with no unit ('test 30', 'items: train
10'), where `datasets list` names each row's (``cells.UNITS``): word pairs, questions, sentences and
documents read as one kind of count. Each count now names its unit, and check's --json gives it. Oracle: the
sets' published sizes in their units (MC-30's 30 pairs, Google's 19,544 questions) and the spec files' lines
counted by hand."""
from __future__ import annotations

import json

from wordeval.cli import main


def test_verify_and_fetch_name_the_unit_of_each_split(shared_data, capsys):
    home = ["--data-home", str(shared_data)]
    assert main(["--quiet", "datasets", *home, "verify", "mc30", "google"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ok    mc30 ") and lines[0].endswith("sha256 ok; test 30 word pairs"), lines
    assert lines[1].endswith("sha256 ok; test 19,544 questions"), lines
    assert main(["--quiet", "datasets", *home, "fetch", "mc30"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(": test 30 word pairs")


def _classification(folder):
    for split, n in (("train", 12), ("test", 4)):
        (folder / f"{split}.tsv").write_text("".join(f"{'pos' if i % 2 else 'neg'}\ta text number {i}\n"
                                                     for i in range(n)), encoding="utf-8")
    spec = folder / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                    'test = "test.tsv"\n', encoding="utf-8")
    return spec


def test_check_names_the_unit_of_each_split(tmp_path, capsys):
    spec = _classification(tmp_path)
    assert main(["--quiet", "datasets", "check", str(spec)]) == 0
    assert "\n  items: train 12 documents, test 4 documents\n" in capsys.readouterr().out
    assert main(["--quiet", "datasets", "check", str(spec), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["splits"], out["unit"]) == ({"train": 12, "test": 4}, "documents")


def test_a_split_of_one_names_its_unit_in_the_singular(tmp_path, capsys):
    """'dev 1 sentences': the lines below are written by hand from the files' sentences and questions."""
    for split, text in (("train", "The\tDT\ncat\tNN\n\nA\tDT\ndog\tNN\n\n"), ("dev", "The\tDT\ndog\tNN\n\n"),
                        ("test", "A\tDT\nbird\tNN\n\n")):
        (tmp_path / f"{split}.tsv").write_text(text, encoding="utf-8")
    spec = tmp_path / "p.toml"
    spec.write_text('name = "p"\nfamily = "pos"\n[files]\ntrain = "train.tsv"\ndev = "dev.tsv"\ntest = "test.tsv"\n',
                    encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 0
    assert "\n  items: train 2 sentences, dev 1 sentence, test 1 sentence\n" in capsys.readouterr().out
    (tmp_path / "q.txt").write_text("king queen man woman\n", encoding="utf-8")
    spec.write_text('name = "q"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 0
    assert "\n  items: test 1 question\n" in capsys.readouterr().out
