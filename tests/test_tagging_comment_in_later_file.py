"""Sniffed tagging files: the first file's comment rule was pinned on the others, but a later file's was not
carried back, so a WNUT-style test file with a '# tweet id' line beside a train file without one was refused
('sniffed a different layout ... differing in comment'), while the same files the other way round were read.
The rule keeps every '#' line that reads as a token line, so it now applies to every file of the dataset."""
from __future__ import annotations

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import TaggedSentence

TWEET = "#love\tO\n@paul\tO\nin\tO\nNew\tB-location\nYork\tI-location\n#nyc\tB-location\n"
TOKENS = TaggedSentence(("#love", "@paul", "in", "New", "York", "#nyc"),
                        ("O", "O", "O", "B-location", "I-location", "B-location"))


def _read(files):
    name, options, _ = sniff("ner", files, {})
    return name, options, *reader(name)(files, **options)


def test_a_comment_line_in_the_test_file_only_is_read_as_one(tmp_path):
    train, test = tmp_path / "train.conll", tmp_path / "test.conll"
    train.write_text("\n".join([TWEET] * 3))
    test.write_text("# tweet id 12345\n" + "\n".join([TWEET] * 2))
    name, options, splits, extra = _read({"train": train, "test": test})
    assert name == "conll" and options["comment"] == "#"
    assert splits["train"] == [TOKENS] * 3 and splits["test"] == [TOKENS] * 2  # hashtags stay tokens
    assert extra["comment_lines"] == {"train": 0, "test": 1}


def test_either_order_reads_the_same(tmp_path):
    a, b = tmp_path / "a.conll", tmp_path / "b.conll"
    a.write_text("\n".join([TWEET] * 3))
    b.write_text("# tweet id 12345\n" + TWEET)
    _, _, one, _ = _read({"train": a, "test": b})
    _, _, other, _ = _read({"train": b, "test": a})
    assert one["train"] == other["test"] == [TOKENS] * 3 and one["test"] == other["train"] == [TOKENS]
