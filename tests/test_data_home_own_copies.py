"""A user's own copy of a built-in dataset in the data home. CoNLL-2003 and CoNLL-2000 are licensed: users
bring their own files, which are often not the pinned bytes (CRLF, -DOCSTART- lines taken out, another
release) or not all there. The refusal of a differing copy named no way forward, and a home missing one
file was told only to put every file in place. Copies are derived in tmp_path from the pinned files."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from wordeval.datasets.load import load
from wordeval.errors import ChecksumError, MissingFileError, NotAvailableError
from wordeval.tasks.spec_file import load_spec_file
from wordeval.toml_reader import loads as toml_loads

pytestmark = pytest.mark.shared_data


def _home_with(shared_data: Path, tmp_path: Path, folder: str, names: list[str]) -> Path:
    home = tmp_path / "home"
    (home / folder).mkdir(parents=True)
    for name in names:
        shutil.copyfile(shared_data / folder / name, home / folder / name)
    return home


def _spec_from_advice(message: str, tmp_path: Path, name: str) -> Path:
    """The spec file the message describes, written as a user would from it."""
    family = message.split('family = "')[1].split('"')[0]
    entry = message.split(" and ")[-1]  # files = {...} or classes = {...}: TOML as it is
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "{name}"\nfamily = "{family}"\n{entry}\n', encoding="utf-8")
    toml_loads(spec.read_text(encoding="utf-8"))  # the entry pastes as TOML
    return spec


def test_missing_file_of_a_bring_your_own_dataset_is_named_where_it_was_looked_for(shared_data, tmp_path,
                                                                                  monkeypatch):
    home = _home_with(shared_data, tmp_path, "seq/conll2003", ["eng.train", "eng.testa"])
    with pytest.raises(MissingFileError) as err:
        load("conll2003", data_home=home)
    message = str(err.value)
    assert f"not in the data home: {home / 'seq/conll2003/eng.testb'}" in message
    assert str(home / "seq/conll2003/eng.train") not in message  # the one that is there is not called missing
    assert "\n" not in message
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    with pytest.raises(MissingFileError) as err:  # no home at all: the advice alone says where to put them
        load("conll2000", data_home=None)
    assert str(err.value).startswith("conll2000: CoNLL-2000 is derived from the licensed Penn Treebank")


def test_crlf_conll2000_copy_names_the_own_task_spec_and_that_spec_scores_it(shared_data, tmp_path):
    home = _home_with(shared_data, tmp_path, "seq/conll2000", ["train.txt", "test.txt"])
    test = home / "seq/conll2000/test.txt"
    test.write_bytes(test.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(ChecksumError) as err:
        load("conll2000", data_home=home)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{test}: sha256 ")
    assert 'family = "chunking", a name other than "conll2000"' in message
    assert f'files = {{train = "{home / "seq/conll2000/train.txt"}", test = "{test}"}}' in message

    dataset = load(load_spec_file(_spec_from_advice(message, tmp_path, "conll2000-crlf"))[1])
    assert dataset.name == "conll2000-crlf" and dataset.family == "chunking"
    assert dataset.files["test"] == hashlib.sha256(test.read_bytes()).hexdigest()  # the copy's, not the pin
    assert len(dataset.splits["test"]) == 2012  # the published count: the same sentences, other line ends


def test_conll2003_without_docstart_lines_scores_as_own_ner_task(shared_data, tmp_path):
    home = _home_with(shared_data, tmp_path, "seq/conll2003", ["eng.train", "eng.testa", "eng.testb"])
    for name in ("eng.train", "eng.testa", "eng.testb"):
        path = home / "seq/conll2003" / name
        lines = path.read_bytes().split(b"\n")
        path.write_bytes(b"\n".join(line for line in lines if not line.startswith(b"-DOCSTART-")))
    with pytest.raises(ChecksumError) as err:
        load("conll2003", data_home=home)
    message = str(err.value)
    assert 'family = "ner", a name other than "conll2003"' in message

    dataset = load(load_spec_file(_spec_from_advice(message, tmp_path, "conll2003-nodoc"))[1])
    # the counts of the CoNLL-2003 paper (Tjong Kim Sang and De Meulder 2003, table 1): a -DOCSTART- line ends
    # a sentence and is none, so taking them out changes no sentence
    assert {k: len(v) for k, v in dataset.splits.items()} == {"train": 14041, "dev": 3250, "test": 3453}


def test_other_ud_release_in_the_data_home_names_a_pos_spec(shared_data, tmp_path):
    folder = "seq/ud_english_ewt"
    names = [f"en_ewt-ud-{split}.conllu" for split in ("train", "dev", "test")]
    home = _home_with(shared_data, tmp_path, folder, names)
    test = home / folder / "en_ewt-ud-test.conllu"
    text = test.read_bytes()
    test.write_bytes(text[text.index(b"\n\n") + 2:])  # another release: its first sentence gone
    with pytest.raises(ChecksumError) as err:
        load("ud-ewt", data_home=home)
    message = str(err.value)
    assert 'family = "pos", a name other than "ud-ewt"' in message

    dataset = load(load_spec_file(_spec_from_advice(message, tmp_path, "ud-ewt-mine"))[1])
    assert len(dataset.splits["test"]) == 2077 - 1


def test_release_folder_and_renamed_copies_are_named_with_what_to_do(shared_data, tmp_path, monkeypatch):
    """UD_English-EWT/, as the release tarball unpacks, holds the pinned bytes: the message says to move them.
    A CoNLL-2003 valid.txt (the GitHub and Kaggle copies' name for eng.testa) with other bytes is named as
    another copy: those copies in circulation are IOB2, not the release's IOB1, and no sha256 finds them."""
    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")  # ud-ewt's URL source is not tried over the network
    home = tmp_path / "home"
    release = home / "ud-treebanks-v2.16/UD_English-EWT"
    release.mkdir(parents=True)
    for split in ("train", "dev", "test"):
        shutil.copyfile(shared_data / f"seq/ud_english_ewt/en_ewt-ud-{split}.conllu",
                        release / f"en_ewt-ud-{split}.conllu")
    with pytest.raises(NotAvailableError) as err:
        load("ud-ewt", data_home=home)
    # all three are counted: the first alone was named, as if the release folder held only it
    assert (f"({release / 'en_ewt-ud-train.conllu'} and 2 more beside it (en_ewt-ud-dev.conllu, "
            f"en_ewt-ud-test.conllu) are there with the pinned bytes: move or link them into "
            f"{home / 'seq/ud_english_ewt'}/, placed as in {release}/)") in str(err.value)
    (home / "seq/ud_english_ewt").mkdir(parents=True)
    for split in ("train", "test"):  # only the dev file left elsewhere: named alone, with its own place
        name = f"en_ewt-ud-{split}.conllu"
        shutil.copyfile(release / name, home / "seq/ud_english_ewt" / name)
    with pytest.raises(NotAvailableError) as err:
        load("ud-ewt", data_home=home)
    assert (f"({release / 'en_ewt-ud-dev.conllu'} is there with the pinned bytes: move or link it to "
            f"{home / 'seq/ud_english_ewt/en_ewt-ud-dev.conllu'})") in str(err.value)

    conll = home / "seq/conll2003"
    conll.mkdir(parents=True)
    lines = (shared_data / "seq/conll2003/eng.testa").read_bytes().splitlines(keepends=True)
    (conll / "valid.txt").write_bytes(b"".join(lines[2:]))  # its -DOCSTART- line and the blank one after
    with pytest.raises(MissingFileError) as err:
        load("conll2003", data_home=home)
    message = str(err.value)
    assert f"({conll / 'valid.txt'} is there, but its sha256 is not the pinned " in message
    assert "another copy, read as your own task's file" in message and "\n" not in message

    # the rest of a GitHub copy beside it, one of them (test.txt) with the release's bytes: both kinds named
    shutil.copyfile(shared_data / "seq/conll2003/eng.testb", conll / "test.txt")
    (conll / "train.txt").write_bytes(b"-DOCSTART- -X- -X- O\n\nEU B-ORG\n")
    with pytest.raises(MissingFileError) as err:
        load("conll2003", data_home=home)
    message = str(err.value)
    assert (f"({conll / 'test.txt'} is there with the pinned bytes: move or link it to "
            f"{conll / 'eng.testb'}; {conll / 'train.txt'} and 1 more beside it (valid.txt) are there, "
            "but not with the pinned sha256: other copies, read as your own task's files, not as this "
            "dataset's)") in message
    assert "\n" not in message


@pytest.mark.parametrize("folder", ["classification/senteval/SST/binary",
                                    "SentEval/data/downstream/SST/binary"])
def test_senteval_sst_binary_in_lower_case_is_named_never_read(shared_data, tmp_path, monkeypatch, folder):
    """SentEval's own download script writes SST/binary/; the pinned folder is SST/Binary/. The hint matched
    names exactly and said nothing. Oracle: the files as written (the pinned bytes, copied)."""
    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    home = tmp_path / "home"
    copy = home / folder
    copy.mkdir(parents=True)
    for split in ("train", "dev", "test"):
        shutil.copyfile(shared_data / f"classification/senteval/SST/Binary/sentiment-{split}",
                        copy / f"sentiment-{split}")
    with pytest.raises(NotAvailableError) as err:
        load("sst2", data_home=home)  # named, not read in the pinned file's place
    pinned = home / "classification/senteval/SST/Binary"
    assert (f"({copy / 'sentiment-train'} and 2 more beside it (sentiment-dev, sentiment-test) are there "
            f"with the pinned bytes: move or link them into {pinned}/, placed as in {copy}/)") in str(
        err.value)
