"""Whether a task's texts hold what the tokenizer read otherwise before: a zero-width (non-)joiner, which it
cut words at before version 3 (77e22be: Persian 'می‌خواهم' was three tokens, now one), or an abbreviation,
whose final period it split off before version 4 ("U.S." was "U.S" + "."), or a token that the PTB tokenizer
keeps whole, which it cut before version 5 ("--" was "-" "-", "..." three full stops, "O'Neill" "O" "'"
"Neill"). STS and classification records name no tokenizer version in their request key, so a store of an
older wordeval served their records on such texts as if the words were read as now. Records on those texts
carry ``joiners = "in-word"``, ``abbreviations = "period-kept"`` or ``ptb_tokens = "whole"`` in their config
(and their request key changes); records on other texts keep their keys, since their tokens did not move."""
from __future__ import annotations

from typing import Any, Callable

from wordeval.datasets.types import LabeledText, SentencePair

SETTING = {"joiners": "in-word"}
ABBREVIATION_SETTING = {"abbreviations": "period-kept"}
PTB_SETTING = {"ptb_tokens": "whole"}
HTML_BREAK_SETTING = {"html_breaks": "line-break"}
_FAMILIES = ("sts", "classification")  # the ones that tokenize raw text with wordeval.tokenize


def _has_joiner(text: Any) -> bool:
    return isinstance(text, str) and ("\u200c" in text or "\u200d" in text)


def _has_abbreviation(text: Any) -> bool:
    from wordeval.tokenize import ABBREVIATION_RE

    # it matches wherever a token of the tokenizer could start, so it finds every abbreviation token (and
    # perhaps a few more: a recomputation costs time, never a wrong number)
    return isinstance(text, str) and "." in text and ABBREVIATION_RE.search(text) is not None


def _has_ptb_token(text: Any) -> bool:
    from wordeval.tokenize import _APOSTROPHES, PTB_WHOLE_RE

    # as for abbreviations: every such token of the tokenizer is a match, and a few matches are no token. The
    # tokenizer reads curly apostrophes as "'" first ("O\u2019Neill" is "O'Neill")
    return isinstance(text, str) and PTB_WHOLE_RE.search(text.translate(_APOSTROPHES)) is not None


def _any_text(dataset, holds: Callable[[Any], bool]) -> bool:
    for items in (getattr(dataset, "splits", None) or {}).values():
        for item in items:
            if isinstance(item, SentencePair) and (holds(item.sentence1) or holds(item.sentence2)):
                return True
            if isinstance(item, LabeledText) and holds(item.text):
                return True
    return False


def joiner_setting(family: str, dataset) -> dict[str, str]:
    """``SETTING`` when the task's texts hold a joiner, else {}. Also where the tokens are split on whitespace
    or a sentence encoder reads the text: a recomputation there costs time, never a wrong number."""
    if family not in _FAMILIES:
        return {}
    return dict(SETTING) if _any_text(dataset, _has_joiner) else {}


def abbreviation_setting(family: str, dataset) -> dict[str, str]:
    """``ABBREVIATION_SETTING`` when the task's texts hold an abbreviation that keeps its period, else {}."""
    if family not in _FAMILIES:
        return {}
    return dict(ABBREVIATION_SETTING) if _any_text(dataset, _has_abbreviation) else {}


def ptb_setting(family: str, dataset) -> dict[str, str]:
    """``PTB_SETTING`` when the task's texts hold a token tokenizer 5 keeps whole ("--", "...", "O'Neill")."""
    if family not in _FAMILIES:
        return {}
    return dict(PTB_SETTING) if _any_text(dataset, _has_ptb_token) else {}


def html_break_setting(family: str, dataset) -> dict[str, str]:
    """``HTML_BREAK_SETTING`` when the reader read a document's HTML line breaks ('<br />') as line breaks:
    before, they were four tokens each, and a store's record on that reading was served as if it were this."""
    if family != "classification" or not (getattr(dataset, "metadata", None) or {}).get("html_line_breaks"):
        return {}
    return dict(HTML_BREAK_SETTING)


def escape_setting(family: str, dataset) -> dict[str, str]:
    """``{"escapes": KEY}`` when the spec's ``escapes`` key decoded the texts' backslash escapes (Zhang et
    al.'s '\\n'): the same files read as written are other texts, so records of both readings are never
    one."""
    done = (getattr(dataset, "metadata", None) or {}).get("escapes")
    if family != "classification" or not done:
        return {}
    return {"escapes": done["decoded"]}


def text_settings(family: str, dataset) -> dict[str, str]:
    """The settings above that the task's texts call for: what a record's config and request key carry."""
    return {**joiner_setting(family, dataset), **abbreviation_setting(family, dataset),
            **ptb_setting(family, dataset), **html_break_setting(family, dataset),
            **escape_setting(family, dataset)}
