"""Zhang et al.'s (2015) CSVs (Yelp, Amazon, Yahoo! Answers, DBpedia: "label","title","text", no header, a
quote doubled) write a line break inside a text as the two characters '\\n', and Yelp's a quote as '\\"'. Read
as written, "staff.\\n\\nIt" was the tokens '\\' 'n' '\\' 'nIt' ('nIt' is GloVe's "nit" once lowercased). The
spec key escapes = "backslash" decodes them; without it a file holding many is a warning naming the key. AG
News' bare backslash ("dwindling\\band") is never decoded: without the key its texts read as before."""
from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.embeddings.base import StaticEmbedding
from wordeval.errors import InputFormatError
from wordeval.extrinsic.classification import _mean_tokens
from wordeval.results.store import ResultStore
from wordeval.runner import data_identity
from wordeval.tasks.spec_file import load_spec_file
from wordeval.tasks.task import get_task
from wordeval.tokenize import tokenize

BS = "\\"
# (label, title, text) as the files hold them, before CSV quoting: Yelp's first review shortened, and its like
TRAIN = [("1", "Bad", f"Good doctor, terrible staff.{BS}n{BS}nIt usually takes 2 hours."),
         ("2", "Tacos", f'Loved it.{BS}nThe "best" tacos {BS}"ever{BS}" in town.'),
         ("1", "Cold", f"Cold food.{BS}n{BS}nRude staff, awful."),
         ("2", "Bread", f"Fresh bread, kind owner.{BS}nRecommended."),
         ("1", "Dirty", "Dirty tables, never again."),
         ("2", "Rooms", f"Clean rooms.{BS}nQuiet nights.")]
TEST = [("1", "Slow", f"Slow service.{BS}n{BS}nNasty soup."),
        ("2", "Path", f"Kind staff.{BS}nSaved to C:{BS}{BS}new folder."),
        ("1", "Loud", "Overpriced and noisy."),
        ("2", "Pizza", f"Best pizza here.{BS}n{BS}nYum.")]
# what each test text's tokens are once read as Zhang's converter reads it (hand-written)
TEST_TOKENS = [["Slow", "service", ".", "Nasty", "soup", "."],
               ["Kind", "staff", ".", "Saved", "to", "C", ":", BS, "new", "folder", "."],
               ["Overpriced", "and", "noisy", "."],
               ["Best", "pizza", "here", ".", "Yum", "."]]
TRAIN_TOKENS_1 = ["Loved", "it", ".", "The", '"', "best", '"', "tacos", '"', "ever", '"', "in", "town", "."]


def _csv(rows) -> str:
    return "".join(",".join('"' + f.replace('"', '""') + '"' for f in row) + "\n" for row in rows)


def _decoded(text: str) -> str:  # the escapes written as what they stand for, by hand
    return text.replace(f"{BS}{BS}", "\0").replace(f"{BS}n", "\n").replace(f'{BS}"', '"').replace("\0", BS)


def _spec(root, name: str, key: str | None, *, rows=(TRAIN, TEST), decoded: bool = False) -> str:
    for split, items in zip(("train", "test"), rows):
        items = [(lab, title, _decoded(t)) for lab, title, t in items] if decoded else items
        (root / f"{name}_{split}.csv").write_text(_csv(items), encoding="utf-8")
    spec = root / f"{name}.toml"
    spec.write_text(f'name = "{name}"\nfamily = "classification"\n' + (f"escapes = {key}\n" if key else "")
                    + "columns = {label = 0, text = 2}\n"
                    f'[files]\ntrain = "{name}_train.csv"\ntest = "{name}_test.csv"\n[config]\ncv_folds = 2\n',
                    encoding="utf-8")
    return str(spec)


def test_the_key_reads_each_escape_as_what_it_stands_for(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, "yelp", '"backslash"'))[1])
    assert [tokenize(it.text) for it in ds.items("test")] == TEST_TOKENS
    assert tokenize(ds.items("train")[1].text) == TRAIN_TOKENS_1
    assert ds.items("train")[0].text == "Good doctor, terrible staff.\n\nIt usually takes 2 hours."
    # the documents that held an escape ('\\n' is one: the backslash of C:\\new)
    assert ds.metadata["escapes"] == {"decoded": "backslash", "documents": {"test": 3, "train": 5}}
    assert not ds.metadata.get("warnings")


def test_without_the_key_the_texts_read_as_written_and_the_key_is_advised(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, "yelp", None))[1])
    # a regression pin of the reading as written, which stays what a spec without the key gets
    assert tokenize(ds.items("train")[0].text)[:8] == ["Good", "doctor", ",", "terrible", "staff", ".", BS, "n"]
    assert tokenize(ds.items("train")[0].text)[8:10] == [BS, "nIt"]
    assert "escapes" not in ds.metadata
    [warning] = ds.metadata["warnings"]
    assert warning.startswith(f"3 of 4 test documents, 5 of 6 train documents hold the two characters '{BS}n', "
                              f"first {tmp_path / 'yelp_test.csv'}:1 ")
    assert 'set escapes = "backslash" in the spec' in warning


def test_features_equal_those_of_a_file_with_real_line_breaks(tmp_path):
    escaped = load(load_spec_file(_spec(tmp_path, "esc", '"backslash"'))[1])
    real = load(load_spec_file(_spec(tmp_path, "real", None, decoded=True))[1])
    unread = load(load_spec_file(_spec(tmp_path, "raw", None))[1])
    assert "\n" in real.items("train")[0].text  # the CSV's quoted field spans lines
    words = sorted({w for ds in (escaped, real, unread) for it in ds.items("train") + ds.items("test")
                    for w in tokenize(it.text)})
    rng = np.random.default_rng(0)
    emb = StaticEmbedding(words, rng.standard_normal((len(words), 5)))
    for split in ("train", "test"):
        docs = {name: [tokenize(it.text) for it in ds.items(split)]
                for name, ds in (("escaped", escaped), ("real", real), ("unread", unread))}
        assert docs["escaped"] == docs["real"]
        x = {name: _mean_tokens(emb, d) for name, d in docs.items()}
        np.testing.assert_array_equal(x["escaped"], x["real"])
        # read as written, exactly the documents that held an escape had other features
        held = [BS in it.text for it in unread.items(split)]
        assert [not np.array_equal(a, b) for a, b in zip(x["escaped"], x["unread"])] == held


def test_the_key_is_recorded_and_changes_the_task_identity(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    with_key, without = _spec(tmp_path, "yelp", '"backslash"'), _spec(tmp_path, "plain", None)
    real = _spec(tmp_path, "real", None, decoded=True)
    assert main(["datasets", "check", with_key]) == 0
    assert (f"escapes: backslash ('{BS}n' read as a line break, '{BS}\"' as a quote, '{BS}{BS}' as a backslash) "
            "in 3 test documents, 5 train documents") in capsys.readouterr().out
    vectors = tmp_path / "v.txt"
    words = sorted({w.lower() for rows in (TRAIN, TEST) for _, _, t in rows for w in tokenize(t + _decoded(t))})
    vectors.write_text("".join(f"{w} {' '.join(str((k * 7 + d * 3) % 11 - 5) for d in range(4))}\n"
                               for k, w in enumerate(words)), encoding="utf-8")
    for spec in (with_key, without, real):
        assert main(["--quiet", "extrinsic", f"v={vectors}", "--tasks", spec, "--seeds", "1",
                     "--out", str(tmp_path / "R")]) == 0
    with ResultStore(tmp_path / "R", readonly=True) as store:
        records = {r.task: r for r in store.records()}
    key, plain, lines = (records[f"classification/{n}"] for n in ("yelp", "plain", "real"))
    assert key.config["escapes"] == "backslash" and "escapes" not in plain.config
    assert key.dataset["escapes"] == {"decoded": "backslash", "documents": {"test": 3, "train": 5}}
    # the decoded file and the file of real line breaks are one data: the same predictions and scores
    assert json.dumps(key.per_item, sort_keys=True) == json.dumps(lines.per_item, sort_keys=True)
    assert key.scores == lines.scores
    # the reading is part of what the task reads, whatever the spec's bytes say (a Python caller has none)
    task = get_task(with_key)
    ds = task.load_dataset()
    unsaid = replace(ds, metadata={k: v for k, v in ds.metadata.items() if k != "escapes"})
    assert data_identity(task, ds) != data_identity(task, unsaid)


AG_TRAIN = [("3", "Wall St. Bears Claw Back", f"Short-sellers, Wall Street's dwindling{BS}band of cynics."),
            ("3", "Carlyle Looks Toward", f"Private investment firm Carlyle Group,{BS}which has a reputation."),
            ("4", "Oil and Economy", f"Soaring crude prices plus worries{BS}about the economy and the{BS}nation."),
            ("4", "Iraq Halts Oil", f"Authorities have halted oil export{BS}flows from the main pipeline.")]
AG_TEST = [("3", "Stocks Fall", f"Stocks fell on{BS}Friday."), ("4", "Oil Up", "Oil rose."),
           ("3", "Bonds", f"Bond prices{BS}rose."), ("4", "Crude", "Crude fell.")]


def test_ag_news_bare_backslashes_read_as_before_and_the_key_is_warned_of(tmp_path):
    plain = load(load_spec_file(_spec(tmp_path, "ag", None, rows=(AG_TRAIN, AG_TEST)))[1])
    assert [it.text for it in plain.items("train")] == [t for _, _, t in AG_TRAIN]
    assert not plain.metadata.get("warnings")  # one '\n' among bare backslashes: no advice to decode it
    keyed = load(load_spec_file(_spec(tmp_path, "agkey", '"backslash"', rows=(AG_TRAIN, AG_TEST)))[1])
    assert keyed.items("train")[0].text == AG_TRAIN[0][2]  # '\b' is no escape: kept
    [warning] = keyed.metadata["warnings"]
    assert warning.startswith("2 test documents, 4 train documents hold a backslash before a letter other than n")
    assert "leave the key out for such a file" in warning


@pytest.mark.parametrize("line, got", [
    ('escapes = "backslah"', "got escapes = \"backslah\" (did you mean 'backslash'?)"),
    ("escapes = true", "got escapes = True"),
    ('escapes = "\\\\n"', 'got escapes = "\\\\n"')])
def test_a_bad_value_is_refused_at_its_line(tmp_path, line, got):
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "classification"\n{line}\n[files]\nall = "a.csv"\n', encoding="utf-8")
    with pytest.raises(InputFormatError) as err:
        load_spec_file(spec)
    assert str(err.value).startswith(f"{spec}:3: expected escapes = \"none\" or \"backslash\"")
    assert str(err.value).endswith(got)


@pytest.mark.parametrize("head, expected", [
    ('family = "sts"\n[files]\ntest = "a.tsv"\n', "escapes only for a classification task"),
    ('family = "classification"\ndataset = "mr"\n', "escapes only in a spec that names its own files")])
def test_the_key_is_refused_where_nothing_would_read_it(tmp_path, head, expected):
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nescapes = "backslash"\n{head}', encoding="utf-8")
    (tmp_path / "a.tsv").write_text("a\tb\t1\n", encoding="utf-8")
    with pytest.raises(InputFormatError) as err:
        load_spec_file(spec)
    assert str(err.value).startswith(f"{spec}:2: expected {expected}")


def test_the_key_is_said_of_the_key_in_the_cli_error(tmp_path, capsys):
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "classification"\nescape = "backslash"\n[files]\nall = "a.csv"\n',
                    encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown key 'escape' (did you mean 'escapes'?)" in err
