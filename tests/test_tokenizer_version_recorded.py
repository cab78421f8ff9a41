"""STS and classification records named their tokenisation by its regular expression only, which stayed the
same when the rules around it changed (version 2: combining marks stay in their word; 3: so do zero-width
joiners), so a record did not say which tokens it averaged. They now name wordeval.tokenize.TOKENIZER_VERSION.
Only recorded: the request key leaves it out, so a store's records made before are still found on resume (no
built-in STS or classification text holds a combining mark or a joiner, so none of their scores moved)."""
from __future__ import annotations

import json
import sqlite3

import numpy as np

import wordeval
from wordeval.tokenize import TOKENIZER_VERSION

ZWNJ = "\u200c"
WORDS = ["a", "man", "plays", "dog", "runs", "cat", "sleeps", f"می{ZWNJ}خواهم", "good", "bad", "film"]


def _vectors(path):
    rng = np.random.default_rng(0)
    path.write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n" for w in WORDS),
                    encoding="utf-8")
    return path


def _sts_task(folder):
    rows = [(f"a man plays {i}", f"a dog runs {i}" if i % 2 else f"می{ZWNJ}خواهم {i}", i % 5) for i in range(12)]
    (folder / "pairs.csv").write_text("".join(f"{a}\t{b}\t{s:.1f}\n" for a, b, s in rows), encoding="utf-8")
    (folder / "sts.toml").write_text('name = "mine"\nfamily = "sts"\n[files]\ntest = "pairs.csv"\n')
    return folder / "sts.toml"


def _classification_task(folder):
    (folder / "train.tsv").write_text("".join(f"{'neg' if i % 2 else 'pos'}\t{'bad' if i % 2 else 'good'} film "
                                              f"{i}\n" for i in range(40)), encoding="utf-8")
    (folder / "test.tsv").write_text("pos\tgood film\nneg\tbad film\n" * 5, encoding="utf-8")
    (folder / "c.toml").write_text('name = "c"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                   'test = "test.tsv"\n')
    return folder / "c.toml"


def test_an_sts_record_names_the_tokenizer_version_and_older_records_are_still_found(tmp_path):
    vectors, spec = _vectors(tmp_path / "v.txt"), _sts_task(tmp_path)
    first = wordeval.run([f"v={vectors}"], [str(spec)], out=tmp_path / "R", progress=False)
    assert len(first.computed) == 1 and not first.failed
    (record,) = wordeval.load_records(tmp_path / "R")[0]
    assert f"tokenizer={TOKENIZER_VERSION}," in record.config["sentence_vectors"]

    # the same record as an older wordeval stored it, without the version: found, not computed again
    db = sqlite3.connect(tmp_path / "R" / "results.sqlite")
    (key, text), = db.execute("SELECT key, json FROM records").fetchall()
    older = json.loads(text)
    older["config"]["sentence_vectors"] = older["config"]["sentence_vectors"].replace(
        f"tokenizer={TOKENIZER_VERSION}, ", "")
    db.execute("UPDATE records SET json = ? WHERE key = ?", (json.dumps(older), key))
    db.commit()
    db.close()
    again = wordeval.run([f"v={vectors}"], [str(spec)], out=tmp_path / "R", progress=False)
    assert again.computed == [] and len(again.cached) == 1


def test_a_classification_record_of_pooled_words_names_the_tokenizer_version(tmp_path):
    vectors, spec = _vectors(tmp_path / "v.txt"), _classification_task(tmp_path)
    wordeval.run([f"v={vectors}"], [str(spec)], out=tmp_path / "R", progress=False)
    (record,) = wordeval.load_records(tmp_path / "R")[0]
    assert record.config["features"] == "pooled" and record.config["tokenizer"] == "regex"
    assert record.config["tokenizer_version"] == TOKENIZER_VERSION
