"""HTML line breaks in classification texts: IMDB's reviews (aclImdb/{train,test}/{pos,neg}/*.txt, and the CSV
and JSON copies made from them) write their paragraph breaks as ``<br /><br />``. Read as text, each break was
four tokens ('<', 'br', '/', '>'), all in GloVe's vocabulary, averaged into every such document's vector and
weighting it towards markup (a review of 230 words with two breaks held 16 such tokens). A break is markup for
the white space between two words, so it is read as a line break; the tokenizer then sees the words alone."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from wordeval.datasets.types import LabeledText

# <br>, <br/>, <br />, <BR>: a tag, never the words "br" or "<br" written in a sentence
HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def read_html_breaks(items: Sequence[LabeledText]) -> tuple[list[LabeledText], int]:
    """The items with each HTML line break read as a line break, and how many items held one."""
    out, changed = [], 0
    for item in items:
        if "<" in item.text and HTML_BREAK.search(item.text):
            changed += 1
            item = replace(item, text=HTML_BREAK.sub("\n", item.text).strip())
        out.append(item)
    return out, changed
