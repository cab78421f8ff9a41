"""A NER/chunking dev or test file whose every tag is O: chunk F1 has no gold chunk to find there, so every
tagger scores 0 (seqeval's f1_score says so too, as an ill-defined metric). Such a test file was read without a
word and its run recorded F1 0.000 for every representation; it is now refused when read, naming the file."""
from __future__ import annotations

import warnings

import pytest

from wordeval.datasets.readers import reader
from wordeval.errors import InputFormatError

TRAIN = "EU\tB-ORG\nrejects\tO\n\nPeter\tB-PER\nBlackburn\tI-PER\n\n"
ONLY_O = "Japan\tO\nbegan\tO\n\nthe\tO\n"


def test_seqeval_scores_any_tagger_0_on_gold_without_chunks():
    """The oracle: with no gold chunk, F1 is 0 whatever is predicted (the premise of the refusal)."""
    seqeval = pytest.importorskip("seqeval.metrics")
    gold = [["O", "O"], ["O"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for pred in (gold, [["B-LOC", "O"], ["B-PER"]], [["B-LOC", "I-LOC"], ["O"]]):
            assert seqeval.f1_score(gold, pred) == 0.0


@pytest.mark.parametrize("split", ["test", "dev"])
def test_a_split_of_only_o_tags_is_refused_naming_its_file(tmp_path, split):
    (tmp_path / "train.txt").write_text(TRAIN)
    (tmp_path / "test.txt").write_text(TRAIN.replace("EU", "UN"))
    (tmp_path / f"{split}.txt").write_text(ONLY_O)
    paths = {k: tmp_path / f"{k}.txt" for k in ("train", "dev", "test")} if split == "dev" else \
        {k: tmp_path / f"{k}.txt" for k in ("train", "test")}
    with pytest.raises(InputFormatError, match=rf"{split}.txt: expected at least one chunk in split '{split}' "
                                               r"\(a B-, I-, E- or S- tag\), got only O tags"):
        reader("conll")(paths, sep="tab", scheme="auto")


def test_pos_tags_are_not_asked_for_chunks(tmp_path):
    """POS files have no chunks (no scheme): a test file tagged O only is a tag like any other."""
    (tmp_path / "train.txt").write_text("a\tNN\nb\tO\n")
    (tmp_path / "test.txt").write_text("a\tO\n")
    splits, _ = reader("conll")({"train": tmp_path / "train.txt", "test": tmp_path / "test.txt"}, sep="tab")
    assert [s.tags for s in splits["test"]] == [("O",)]


def test_the_cli_refuses_it_in_one_line_with_exit_2(tmp_path, capsys):
    from wordeval.cli import main

    (tmp_path / "train.txt").write_text(TRAIN * 3)
    (tmp_path / "test.txt").write_text(ONLY_O)
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "ner"\ndev_fraction = 0.34\n[files]\ntrain = "train.txt"\n'
                    'test = "test.txt"\n')
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {tmp_path / 'test.txt'}: expected at least one chunk") and \
        err.count("\n") == 1


def test_readme_lists_it_with_the_refusals():
    from test_readme_claims import PROSE

    assert "NER or chunking dev or test file without a chunk (only `O` tags: its F1 is 0 for any tagger)" in PROSE
