"""IMDB's reviews (aclImdb/{train,test}/{pos,neg}/*.txt, and the CSV and JSON copies made of them) write
their paragraph breaks as '<br /><br />'. They were read as text: four tokens per break ('<', 'br', '/',
'>'), all in GloVe's vocabulary, averaged into the documents' vectors without a word. A break is now read
as a line break, in every classification layout; ``datasets check`` and the record say in how many documents
of each split, and a record stored on the old reading is not served for the new one."""
from __future__ import annotations

import json

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.results.store import ResultStore
from wordeval.tasks.spec_file import load_spec_file
from wordeval.tokenize import tokenize

# from aclImdb/train/pos/0_9.txt and neg/0_3.txt, shortened
POS = ["Bromwell High is a cartoon comedy.<br /><br />My 35 years in teaching lead me to believe it.",
       "A great film, wonderful acting.<BR>A lovely story.", "Warm, funny and kind."]
NEG = ["Story of a man who has unnatural feelings for a pig.<br/>A formal orchestra is turned into a mob.",
       "Terrible, boring, awful acting.", "Dull plot<br />and worse dialogue."]


def _plain(text: str) -> str:  # the hand-made reading: each tag is a line break
    for tag in ("<br /><br />", "<br />", "<br/>", "<BR>"):
        text = text.replace(tag, "\n\n" if tag == "<br /><br />" else "\n")
    return text


def _folders(root):
    for split in ("train", "test"):
        for label, texts in (("pos", POS), ("neg", NEG)):
            folder = root / "aclImdb" / split / label
            folder.mkdir(parents=True)
            for i, text in enumerate(texts):
                (folder / f"{i}_{7 if label == 'pos' else 2}.txt").write_text(text, encoding="utf-8")
    return 'train = "aclImdb/train"\ntest = "aclImdb/test"\n'


def _json_lines(root):
    for split in ("train", "test"):
        rows = [{"text": t, "label": lab} for lab, texts in (("pos", POS), ("neg", NEG)) for t in texts]
        # two files of one content are refused as one split given twice
        rows = rows if split == "train" else rows[::-1]
        (root / f"{split}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return 'train = "train.jsonl"\ntest = "test.jsonl"\n'


def _spec(root, files) -> str:
    spec = root / "imdb.toml"
    spec.write_text(f'name = "imdb"\nfamily = "classification"\n[files]\n{files(root)}'
                    '[config]\ncv_folds = 2\n', encoding="utf-8")
    return str(spec)


@pytest.mark.parametrize("files", [_folders, _json_lines], ids=["class-folders", "json-lines"])
def test_a_break_is_read_as_a_line_break_not_as_words(tmp_path, files):
    ds = load(load_spec_file(_spec(tmp_path, files))[1])
    got = sorted((it.label, it.text) for it in ds.items("test"))
    assert got == sorted([("pos", _plain(t)) for t in POS] + [("neg", _plain(t)) for t in NEG])
    assert all({"<", "br", "/", ">"}.isdisjoint(tokenize(it.text)) for it in ds.items("train"))
    assert tokenize(_plain(NEG[2])) == ["Dull", "plot", "and", "worse", "dialogue", "."]
    assert ds.metadata["html_line_breaks"] == {"test": 4, "train": 4}


def test_check_says_it_and_a_record_on_the_old_reading_is_computed_again(tmp_path, monkeypatch, capsys):
    import wordeval.datasets.parsers_text as parsers_text

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    spec = _spec(tmp_path, _folders)
    assert main(["datasets", "check", spec]) == 0
    assert ("html line breaks: read as line breaks, not as words, in 4 test documents, 4 train documents"
            in capsys.readouterr().out)
    vectors = tmp_path / "v.txt"
    words = {w.lower() for t in POS + NEG for w in tokenize(t)}
    vectors.write_text("".join(f"{w} {' '.join(str((k * 7 + d * 3) % 11 - 5) for d in range(4))}\n"
                               for k, w in enumerate(sorted(words))), encoding="utf-8")
    run = ["--quiet", "extrinsic", f"v={vectors}", "--tasks", spec, "--seeds", "1",
           "--out", str(tmp_path / "R")]
    with monkeypatch.context() as m:  # what wordeval did before: the tags stayed in the texts, unsaid
        m.setattr(parsers_text, "read_html_breaks", lambda items: (list(items), 0))
        assert main(run) == 0
    assert main(run) == 0
    with ResultStore(tmp_path / "R", readonly=True) as store:
        records = list(store.records())
    assert [r.config.get("html_breaks") for r in records] == [None, "line-break"]
    assert records[1].dataset["html_line_breaks"] == {"test": 4, "train": 4}


def test_only_a_break_tag_is_read_otherwise(tmp_path):
    (tmp_path / "train.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in [
        ("1", "a <b> bold claim"), ("0", "brr, cold"), ("1", "x < y and br > z"), ("0", "<br"),
        ("1", "fine<br >film")]), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "classification"\nprotocol = "cv10"\n[files]\n'
                                     'all = "train.tsv"\n[config]\ncv_outer_folds = 2\ncv_folds = 2\n',
                                     encoding="utf-8")
    ds = load(load_spec_file(str(tmp_path / "t.toml"))[1])
    assert [it.text for it in ds.items("all")] == ["a <b> bold claim", "brr, cold", "x < y and br > z", "<br",
                                                   "fine\nfilm"]
    assert ds.metadata["html_line_breaks"] == {"all": 1}


def test_a_text_of_line_breaks_alone_is_refused_at_its_line(tmp_path, capsys):
    """'<br />' alone (or an escaped '\\n' alone under escapes = "backslash") is an empty text once read as a
    line break; the parsers refuse an empty text, and this one was kept as a document of no word."""
    from wordeval.cli import main

    rows = [("pos", f"good film {i}") for i in range(6)] + [("neg", f"bad film {i}") for i in range(6)]
    for name, odd, key in (("html", "<br /><br />", ""), ("esc", "\\n\\n", 'escapes = "backslash"\n')):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "train.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows) + f"neg\t{odd}\n",
                                          encoding="utf-8")
        (folder / "test.tsv").write_text("pos\tnice film\nneg\tpoor film\n", encoding="utf-8")
        spec = folder / "c.toml"
        spec.write_text(f'name = "c"\nfamily = "classification"\n{key}[files]\ntrain = "train.tsv"\n'
                        'test = "test.tsv"\n', encoding="utf-8")
        assert main(["datasets", "check", str(spec)]) == 2
        assert capsys.readouterr().err.strip() == (
            f"wordeval: error: {folder / 'train.tsv'}:13: expected a non-empty text, got line breaks alone (an "
            "escaped '\\n' or an HTML '<br />'), nothing once they are read as line breaks")
