"""STS and classification records name no tokenizer version in their request key: a store written before a
tokenizer change served its STS record on texts the new tokenizer splits otherwise to the upgraded wordeval,
which said 'already stored' with a score its tokens no longer give. Such records now carry a setting in their
key, one per change; texts the change does not touch keep their records.

- tokenizer 4 keeps "U.S." whole instead of "U.S" + ".": ``abbreviations = "period-kept"``;
- tokenizer 5 keeps "--", "...", "O'Neill" whole instead of "-" "-", three full stops, "O" "'" "Neill":
  ``ptb_tokens = "whole"``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from wordeval.cli import main
from wordeval.results.store import ResultStore
from wordeval.tokenize import _ABBREVIATION

_BEFORE_4 = (r"\d+(?:[.,]\d+)+|[^\W_]+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|[^\W_]+(?:[-.][^\W_]+)*"
             r"|[^\w\s]")
_BEFORE_5 = (r"\d+(?:[.,]\d+)+|[^\W_]+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|" + _ABBREVIATION
             + r"|[^\W_]+(?:[-.][^\W_]+)*|[^\w\s]")


@dataclass(frozen=True)
class Change:
    old_pattern: str  # what the tokenizer before the change matched
    setting: str  # wordeval.joiner_texts' function that adds the change's key entry
    key: str
    value: str
    words: tuple  # the vectors' words
    first: str  # a sentence template: {} holds a token the change splits otherwise, or one it does not
    touched: str
    untouched: str


CHANGES = {
    "tokenizer 4": Change(_BEFORE_4, "abbreviation_setting", "abbreviations", "period-kept",
                          ("the", "u.s.", "u.s", ".", "army", "navy", "france", "won", "lost", "met", "talks",
                           "failed", "ended"), "the {} army", "U.S.", "France"),
    "tokenizer 5": Change(_BEFORE_5, "ptb_setting", "ptb_tokens", "whole",
                          ("the", "--", "-", "army", "navy", "france", "won", "lost", "met", "talks", "failed",
                           "ended"), "the army {}", "--", "-"),
}


def _task(folder, change: Change, token: str):
    rows = []
    for i, verb in enumerate(("won", "lost", "met", "failed")):
        for j, other in enumerate(("talks", "ended", "army")):
            rows.append(f"{change.first.format(token)} {verb}\tthe navy {other} {verb}\t{(3 * i + 2 * j) % 5}\n")
    (folder / "pairs.tsv").write_text("".join(rows), encoding="utf-8")
    spec = 'name = "s"\nfamily = "sts"\n[files]\ntest = "pairs.tsv"\n'
    (folder / "s.toml").write_text(spec, encoding="utf-8")
    vectors = folder / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(str((k * 7 + d * 3) % 11 - 5) for d in range(4))}\n"
                               for k, w in enumerate(change.words)), encoding="utf-8")
    return ["--quiet", "intrinsic", f"v={vectors}", "--tasks", str(folder / "s.toml")]


def _as_before(monkeypatch, change: Change):
    import wordeval.joiner_texts
    import wordeval.tokenize

    monkeypatch.setattr(wordeval.tokenize, "_TOKEN_RE", re.compile(change.old_pattern, re.IGNORECASE))
    monkeypatch.setattr(wordeval.joiner_texts, change.setting, lambda family, dataset: {})


def _scores(store, change: Change):
    with ResultStore(store, readonly=True) as s:
        return [r.main_value for r in s.records()], [r.config.get(change.key) for r in s.records()]


@pytest.mark.parametrize("name", CHANGES)
def test_a_record_on_texts_the_change_splits_otherwise_is_recomputed(tmp_path, monkeypatch, name):
    change = CHANGES[name]
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    run = _task(tmp_path, change, change.touched)
    with monkeypatch.context() as m:
        _as_before(m, change)
        assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "fresh")]) == 0
    (before, now), settings = _scores(tmp_path / "old", change)
    assert settings == [None, change.value]
    assert now == _scores(tmp_path / "fresh", change)[0][0] != before  # the whole token has its own vector now


@pytest.mark.parametrize("name", CHANGES)
def test_a_record_on_texts_the_change_does_not_touch_keeps_its_key(tmp_path, monkeypatch, name):
    change = CHANGES[name]
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    run = _task(tmp_path, change, change.untouched)
    with monkeypatch.context() as m:
        _as_before(m, change)
        assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert _scores(tmp_path / "old", change)[1] == [None]


def test_curly_apostrophes_are_found_as_the_tokenizer_reads_them():
    from wordeval.joiner_texts import _has_ptb_token

    assert _has_ptb_token("O\u2019Neill said") and not _has_ptb_token("I\u2019m sure - he said")
