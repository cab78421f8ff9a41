"""STS and classification records name no tokenizer version in their request key: a store written before
tokenizer 5 (which keeps "--", "...", "O'Neill" whole instead of "-" "-", three full stops, "O" "'" "Neill")
would serve its STS record on texts holding such a token to the upgraded wordeval, with a score its tokens
no longer give. Such records now carry ``ptb_tokens = "whole"`` (in the key); texts without one keep their
records."""
from __future__ import annotations

import re

from wordeval.cli import main
from wordeval.results.store import ResultStore
from wordeval.tokenize import _ABBREVIATION

# what tokenizer 4 matched: no PTB_WHOLE alternative
OLD_PATTERN = (r"\d+(?:[.,]\d+)+|[^\W_]+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|" + _ABBREVIATION
               + r"|[^\W_]+(?:[-.][^\W_]+)*|[^\w\s]")
WORDS = ["the", "--", "-", "army", "navy", "france", "won", "lost", "met", "talks", "failed", "ended"]


def _task(folder, joint: str):
    rows = []
    for i, verb in enumerate(("won", "lost", "met", "failed")):
        for j, other in enumerate(("talks", "ended", "army")):
            rows.append(f"the army {joint} {verb}\tthe navy {other} {verb}\t{(3 * i + 2 * j) % 5}\n")
    (folder / "pairs.tsv").write_text("".join(rows), encoding="utf-8")
    spec = 'name = "s"\nfamily = "sts"\n[files]\ntest = "pairs.tsv"\n'
    (folder / "s.toml").write_text(spec, encoding="utf-8")
    vectors = folder / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(str((k * 7 + d * 3) % 11 - 5) for d in range(4))}\n"
                               for k, w in enumerate(WORDS)), encoding="utf-8")
    return ["--quiet", "intrinsic", f"v={vectors}", "--tasks", str(folder / "s.toml")]


def _as_before_tokenizer_5(monkeypatch):
    import wordeval.joiner_texts
    import wordeval.tokenize

    monkeypatch.setattr(wordeval.tokenize, "_TOKEN_RE", re.compile(OLD_PATTERN, re.IGNORECASE))
    monkeypatch.setattr(wordeval.joiner_texts, "ptb_setting", lambda family, dataset: {})


def _scores(store):
    with ResultStore(store, readonly=True) as s:
        return [r.main_value for r in s.records()], [r.config.get("ptb_tokens") for r in s.records()]


def test_a_record_on_texts_with_a_dash_run_from_before_tokenizer_5_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    run = _task(tmp_path, "--")
    with monkeypatch.context() as m:
        _as_before_tokenizer_5(m)
        assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "fresh")]) == 0
    (before, now), settings = _scores(tmp_path / "old")
    assert settings == [None, "whole"]
    assert now == _scores(tmp_path / "fresh")[0][0] != before  # "--" has its own vector now


def test_a_record_on_texts_without_such_a_token_keeps_its_key(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    run = _task(tmp_path, "-")
    with monkeypatch.context() as m:
        _as_before_tokenizer_5(m)
        assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert _scores(tmp_path / "old")[1] == [None]


def test_curly_apostrophes_are_found_as_the_tokenizer_reads_them():
    from wordeval.joiner_texts import _has_ptb_token

    assert _has_ptb_token("O\u2019Neill said") and not _has_ptb_token("I\u2019m sure - he said")
