"""A classification TSV written by pandas' ``to_csv(sep="\\t")`` wraps a text that holds a tab or a line break
in quotes, and such a record spans lines. The tab-separated reader read line by line: a review with a line
break was refused at its second line ('expected a label and a text'), and with pandas' index column a text
holding a tab made train look like another layout than test. Such files are now read as tab-separated CSV
records. Oracle: pandas' own ``read_csv(sep="\\t")`` of the same files."""
from __future__ import annotations

import pandas as pd
import pytest

from wordeval.datasets.load import load
from wordeval.datasets.types import LabeledText
from wordeval.tasks.spec_file import load_spec_file

TRAIN = pd.DataFrame({"text": ["a great film", "dull and\nlong", "loved it", "has a\ttab", 'said "no"',
                               "bad"], "label": ["pos", "neg", "pos", "neg", "neg", "neg"]})
TEST = pd.DataFrame({"text": ["superb", "awful\r\nreally"], "label": ["pos", "neg"]})


def _load(folder, index: bool, test=TEST):
    for name, frame in (("train", TRAIN), ("test", test)):
        frame.to_csv(folder / f"{name}.tsv", sep="\t", index=index)
    spec = folder / "p.toml"
    spec.write_text('name = "p"\nfamily = "classification"\nprotocol = "split"\n'
                    '[files]\ntrain = "train.tsv"\ntest = "test.tsv"\n', encoding="utf-8")
    return load(load_spec_file(spec)[1])


@pytest.mark.parametrize("index", [False, True])
@pytest.mark.parametrize("test", [TEST, pd.DataFrame({"text": ["superb", "awful"], "label": ["pos", "neg"]})],
                         ids=["test-quoted", "test-plain"])
def test_pandas_tsv_texts_with_tabs_and_line_breaks(tmp_path, index, test):
    """A test file without such a text is read in train's layout (it was 'another layout' than train's)."""
    ds = _load(tmp_path, index, test)
    for split in ("train", "test"):
        frame = pd.read_csv(tmp_path / f"{split}.tsv", sep="\t", index_col=0 if index else None)
        # wordeval strips each text's outer whitespace, as every text reader does, and reads line breaks as
        # lines (a CR-LF inside a text is a LF: the same tokens)
        want = [LabeledText(t.strip().replace("\r\n", "\n"), label)
                for t, label in zip(frame["text"], frame["label"])]
        assert list(ds.splits[split]) == want
