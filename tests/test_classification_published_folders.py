"""Class folders as the standard sets are published. IMDB's aclImdb/train holds pos/, neg/ and unsup/ (50,000
unlabelled reviews): unsup was read as a third class, one test lacks, and trained on. 20 Newsgroups' bydate
folders hold articles named by number, without an extension: only .txt files were read, so every class was
empty and the split refused as empty, naming neither the folder nor why. A class folder without a document
dropped its class without a word. Oracle: the documents written, counted by hand."""
from __future__ import annotations

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file


def _doc(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _spec(folder, train, test):
    spec = folder / "spec.toml"
    spec.write_text(f'name = "mine"\nfamily = "classification"\n[files]\ntrain = "{train}"\ntest = "{test}"\n',
                    encoding="utf-8")
    return spec


def test_imdb_unsup_folder_is_not_a_class(tmp_path):
    for split, n in (("train", 3), ("test", 2)):
        for label in ("pos", "neg"):
            for i in range(n):
                _doc(tmp_path / "aclImdb" / split / label / f"{i}_{9 if label == 'pos' else 2}.txt",
                     f"a {label} review number {i}<br /><br />the end")
        _doc(tmp_path / "aclImdb" / split / "urls_pos.txt", "http://www.imdb.com/title/tt0453418/usercomments\n")
    for i in range(4):
        _doc(tmp_path / "aclImdb" / "train" / "unsup" / f"{i}_0.txt", f"an unlabelled review {i}")
    ds = load(load_spec_file(_spec(tmp_path, "aclImdb/train", "aclImdb/test"))[1])
    assert sorted(t.label for t in ds.splits["train"]) == ["neg"] * 3 + ["pos"] * 3
    assert sorted(t.label for t in ds.splits["test"]) == ["neg"] * 2 + ["pos"] * 2
    assert any(note.endswith("not classes, left out: unsup") for note in ds.metadata["sniffed"]), ds.metadata


def test_20newsgroups_numbered_articles_are_documents(tmp_path):
    groups = ("alt.atheism", "sci.space")
    for split, first in (("20news-bydate-train", 49960), ("20news-bydate-test", 53068)):
        for g, group in enumerate(groups):
            for i in range(2):
                _doc(tmp_path / split / group / str(first + 10 * g + i),
                     f"From: someone@example.org\nSubject: {group} {i}\n\nan article on {group.split('.')[1]}\n")
    ds = load(load_spec_file(_spec(tmp_path, "20news-bydate-train", "20news-bydate-test"))[1])
    assert sorted(t.label for t in ds.splits["train"]) == ["alt.atheism"] * 2 + ["sci.space"] * 2
    assert sorted(t.label for t in ds.splits["test"]) == ["alt.atheism"] * 2 + ["sci.space"] * 2
    assert ds.splits["train"][0].text.startswith("From: someone@example.org\nSubject: alt.atheism 0")


def test_class_folder_without_a_document_is_refused(tmp_path, capsys):
    for split in ("train", "test"):
        for label in ("pos", "neg"):
            _doc(tmp_path / split / label / "1.txt", f"a {label} text")
    (tmp_path / "test" / "neg" / "1.txt").rename(tmp_path / "test" / "neg" / "1.html")
    assert main(["--quiet", "datasets", "check", str(_spec(tmp_path, "train", "test"))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"{tmp_path / 'test' / 'neg'}: expected documents of class 'neg'" in err, err
