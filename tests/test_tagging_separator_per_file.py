"""A space-separated test file beside a tab-separated train file (each written by another tool) was refused as
"1 tab-separated columns, but train.txt has 2", which names neither the cause nor the setting that reads both."""
from __future__ import annotations

from wordeval.datasets.types import TaggedSentence
from wordeval.tasks.task import get_task


def _files(tmp_path, hint: str = ""):
    (tmp_path / "train.txt").write_text("EU\tB-ORG\nrejects\tO\n\nPeter\tB-PER\nBlackburn\tI-PER\n\n" * 3)
    (tmp_path / "test.txt").write_text("EU B-ORG\nrejects O\n\nPeter B-PER\n")
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "ner"\ndev_fraction = 0.34\n{hint}\n[files]\ntrain = "train.txt"\n'
                    'test = "test.txt"\n')
    return spec


def test_the_refusal_says_which_file_is_space_separated_and_what_reads_both(tmp_path, capsys):
    from wordeval.cli import main

    spec = _files(tmp_path)
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"wordeval: error: {tmp_path / 'test.txt'}:1: ")
    assert ("test.txt has no tab: its columns are space-separated, train.txt's tab-separated "
            '(delimiter = "space" in the spec reads both') in err


def test_delimiter_space_reads_both_files(tmp_path):
    ds = get_task(str(_files(tmp_path, 'delimiter = "space"'))).load_dataset()
    assert list(ds.splits["test"]) == [TaggedSentence(("EU", "rejects"), ("B-ORG", "O")),
                                 TaggedSentence(("Peter",), ("B-PER",))]
