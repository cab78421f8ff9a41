"""The Brown corpus as distributed (NLTK's brown/ca01, ...): each sentence is one line of word/tag items that
starts with a tab, between blank lines. The tab made the sniffer take the file for tab-separated CoNLL columns
and the reader refuse its first sentence ("expected a non-empty token and tag"). A tab before the first item
is indentation; one between items still makes columns. The oracle: each line split at whitespace and each item
at its last '/', by hand below."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff

# ca01's layout (a few of its items): blank lines, a tab, the sentence; Brown's tags are lower case with -tl,
# $ and other suffixes
CA01 = ("\n\n\tThe/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd Friday/nr an/at investigation/nn "
        "of/in Atlanta's/np$ recent/jj primary/nn election/nn produced/vbd ``/`` no/at evidence/nn ''/'' that/cs "
        "any/dti irregularities/nns took/vbd place/nn ./.\n\n\n\tThe/at jury/nn further/rbr said/vbd in/in "
        "term-end/nn presentments/nns that/cs the/at City/nn-tl Executive/jj-tl Committee/nn-tl ,/, which/wdt "
        "had/hvd over-all/jj charge/nn of/in the/at election/nn ,/, deserves/vbz the/at praise/nn ./.\n\n")
CA02 = "\n\n\tOnly/rb a/at relative/jj handful/nn of/in such/jj reports/nns was/bedz received/vbn ./.\n\n"


def _by_hand(text):
    lines = [line.split() for line in text.splitlines() if line.strip()]
    return [(tuple(i.rpartition("/")[0] for i in items), tuple(i.rpartition("/")[2] for i in items))
            for items in lines]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_brown_lines_indented_by_a_tab_read_as_word_tag_sentences(tmp_path, newline):
    train, test = tmp_path / "ca01", tmp_path / "ca02"
    train.write_bytes(CA01.replace("\n", newline).encode())
    test.write_bytes(CA02.replace("\n", newline).encode())
    name, options, notes = sniff("pos", {"train": train, "test": test}, {})
    assert name == "word-tag"
    splits, extra = reader(name)({"train": train, "test": test}, **options)
    assert [(s.tokens, s.tags) for s in splits["train"]] == _by_hand(CA01)
    assert [(s.tokens, s.tags) for s in splits["test"]] == _by_hand(CA02)
    assert splits["train"][0].tokens[:2] == ("The", "Fulton") and splits["train"][0].tags[10] == "np$"
    assert extra["n_tokens"] == {"train": 25 + 25, "test": 10}


def test_a_tab_between_items_still_makes_columns(tmp_path):
    # tab-separated 'word<TAB>TAG' lines whose cells look like word/TAG items are columns, as before
    path = tmp_path / "t.txt"
    path.write_text("a/b\tNN\nc/d\tVB\n\ne/f\tNN\n", encoding="utf-8")
    name, options, _ = sniff("pos", {"train": path}, {})
    assert (name, options["sep"], options["tag_column"]) == ("conll", "tab", 1)
