"""Whether a task's texts hold a zero-width (non-)joiner, which the tokenizer cut words at before version 3
(77e22be: Persian 'می‌خواهم' was three tokens, now one). STS and classification records name no tokenizer
version, so a store of an older wordeval served their records on such texts as if the words were read as
now. Records on those texts carry ``joiners = "in-word"`` in their config (and their request key changes);
records on other texts keep their keys, since their tokens did not move."""
from __future__ import annotations

from typing import Any

from wordeval.datasets.types import LabeledText, SentencePair

SETTING = {"joiners": "in-word"}
_FAMILIES = ("sts", "classification")  # the ones that tokenize raw text with wordeval.tokenize


def _has_joiner(text: Any) -> bool:
    return isinstance(text, str) and ("\u200c" in text or "\u200d" in text)


def joiner_setting(family: str, dataset) -> dict[str, str]:
    """``SETTING`` when the task's texts hold a joiner, else {}. Also where the tokens are split on whitespace
    or a sentence encoder reads the text: a recomputation there costs time, never a wrong number."""
    if family not in _FAMILIES:
        return {}
    for items in (getattr(dataset, "splits", None) or {}).values():
        for item in items:
            if isinstance(item, SentencePair) and (_has_joiner(item.sentence1)
                                                   or _has_joiner(item.sentence2)):
                return dict(SETTING)
            if isinstance(item, LabeledText) and _has_joiner(item.text):
                return dict(SETTING)
    return {}
