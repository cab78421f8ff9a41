"""One file of a user's dataset saved with a UTF-8 byte-order mark (Notepad does so), the others without: the
same encoding, so the dataset loads; before, the sniffer called it a different layout and refused it."""
from __future__ import annotations

from wordeval.datasets.types import TaggedSentence
from wordeval.tasks.task import get_task

BOM = b"\xef\xbb\xbf"
# a LOC in train: a dev or test file sharing no entity type with train is refused on its own account
TRAIN = (b"EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\nsaid VBD I-VP O\n\n"
         b"in IN I-PP O\nRome NNP I-NP I-LOC\n")
DEV = b"Bonn NNP I-NP I-LOC\nvotes VBZ I-VP O\n"
TEST = b"-DOCSTART- -X- -X- O\n\nJAPAN NNP I-NP I-LOC\nwins VBZ I-VP O\n"
CONLLU = "# text = the {0}\n1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\t{0}\t{0}\tNOUN\tNN\t_\t0\troot\t_\t_\n\n"


def _task(tmp_path, family: str, files: dict[str, bytes]):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    keys = "".join(f'{key} = "{name}"\n' for key, name in zip(("train", "dev", "test"), files))
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "{family}"\n[files]\n{keys}')
    return get_task(str(tmp_path / "t.toml")).load_dataset()


def test_conll_test_file_with_bom_reads_its_first_token_without_the_mark(tmp_path):
    ds = _task(tmp_path, "ner", {"train.txt": TRAIN, "dev.txt": DEV, "test.txt": BOM + TEST})
    assert ds.splits["test"] == (TaggedSentence(("JAPAN", "wins"), ("I-LOC", "O")),)
    assert ds.splits["train"][0] == TaggedSentence(("EU", "rejects"), ("I-ORG", "O"))


def test_conllu_train_file_with_bom_and_test_without(tmp_path):
    ds = _task(tmp_path, "pos", {"train.conllu": BOM + CONLLU.format("cat").encode(),
                                 "dev.conllu": CONLLU.format("dog").encode(), "test.conllu": CONLLU.format("owl").encode()})
    assert ds.splits["train"] == (TaggedSentence(("the", "cat"), ("DET", "NOUN")),)
    assert ds.splits["test"] == (TaggedSentence(("the", "owl"), ("DET", "NOUN")),)


def _spec_with_encoding(tmp_path, family: str, files: dict[str, bytes], encoding: str):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    keys = "".join(f'{key} = "{name}"\n' for key, name in zip(("train", "dev", "test"), files))
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "{family}"\nencoding = "{encoding}"\n[files]\n{keys}')
    return get_task(str(tmp_path / "t.toml")).load_dataset()


def test_a_bom_is_not_text_where_the_spec_says_utf_8(tmp_path):
    """encoding = "utf-8" in the spec read the mark as U+FEFF: '\\ufeff-DOCSTART-' became a one-token sentence
    of test (silently), and a CoNLL-U file's '\\ufeff# text' line a malformed token line."""
    ds = _spec_with_encoding(tmp_path, "ner", {"train.txt": TRAIN, "dev.txt": DEV, "test.txt": BOM + TEST}, "UTF-8")
    assert ds.splits["test"] == (TaggedSentence(("JAPAN", "wins"), ("I-LOC", "O")),)
    (tmp_path / "u").mkdir()
    ds = _spec_with_encoding(tmp_path / "u", "pos", {"train.conllu": BOM + CONLLU.format("cat").encode(),
                                                     "dev.conllu": CONLLU.format("cow").encode(),
                                                     "test.conllu": CONLLU.format("dog").encode()}, "utf-8")
    assert ds.splits["train"] == (TaggedSentence(("the", "cat"), ("DET", "NOUN")),)


def test_a_file_with_cr_alone_line_breaks_is_named_as_such(tmp_path):
    """Classic Mac OS line breaks make the file one line: a CoNLL file that began with '-DOCSTART-' (a CoNLL-U
    file with '# sent_id') was refused as 'only blank or comment lines'."""
    import pytest
    from wordeval.errors import InputFormatError

    test = TEST.replace(b"\n", b"\r")
    with pytest.raises(InputFormatError, match=r"test.txt:1: expected lines that end in LF or CRLF, got line breaks "
                                               r"written as a CR alone"):
        _task(tmp_path, "ner", {"train.txt": TRAIN, "dev.txt": DEV, "test.txt": test})


def test_a_utf16_file_beside_files_with_and_without_a_utf8_mark(tmp_path):
    """A dev file exported as Excel's "Unicode text" (UTF-16LE with its mark) beside a UTF-8 train file and a
    test file with a UTF-8 mark: each is read by its own mark (utf-8-sig, which the UTF-8 mark makes the
    dataset's encoding, does not stand in the UTF-16 file's way). Oracle: the same sentences in UTF-8."""
    utf16 = b"\xff\xfe" + DEV.decode().replace("\n", "\r\n").encode("utf-16-le")
    ds = _task(tmp_path, "ner", {"train.txt": TRAIN, "dev.txt": utf16, "test.txt": BOM + TEST})
    assert ds.splits["dev"] == (TaggedSentence(("Bonn", "votes"), ("I-LOC", "O")),)
    assert ds.splits["test"] == (TaggedSentence(("JAPAN", "wins"), ("I-LOC", "O")),)
