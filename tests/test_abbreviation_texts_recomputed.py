"""STS and classification records name no tokenizer version in their request key: a store written before
tokenizer 4 (which keeps "U.S." whole instead of "U.S" + ".") served its STS record on texts holding an
abbreviation to the upgraded wordeval, which said 'already stored' with a score its tokens no longer give.
Such records now carry ``abbreviations = "period-kept"`` (in the key); texts without one keep their
records."""
from __future__ import annotations

import re

from wordeval.cli import main
from wordeval.results.store import ResultStore

# what tokenizer 3 matched: no abbreviation alternative
OLD_PATTERN = (r"\d+(?:[.,]\d+)+|[^\W_]+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|[^\W_]+(?:[-.][^\W_]+)*"
               r"|[^\w\s]")
WORDS = ["the", "u.s.", "u.s", ".", "army", "navy", "france", "won", "lost", "met", "talks", "failed",
         "ended"]


def _task(folder, place: str):
    rows = []
    for i, verb in enumerate(("won", "lost", "met", "failed")):
        for j, other in enumerate(("talks", "ended", "army")):
            rows.append(f"the {place} army {verb}\tthe navy {other} {verb}\t{(3 * i + 2 * j) % 5}\n")
    (folder / "pairs.tsv").write_text("".join(rows), encoding="utf-8")
    spec = 'name = "s"\nfamily = "sts"\n[files]\ntest = "pairs.tsv"\n'
    (folder / "s.toml").write_text(spec, encoding="utf-8")
    vectors = folder / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(str((k * 7 + d * 3) % 11 - 5) for d in range(4))}\n"
                               for k, w in enumerate(WORDS)), encoding="utf-8")
    return ["--quiet", "intrinsic", f"v={vectors}", "--tasks", str(folder / "s.toml")]


def _as_before_tokenizer_4(monkeypatch):
    import wordeval.joiner_texts
    import wordeval.tokenize

    monkeypatch.setattr(wordeval.tokenize, "_TOKEN_RE", re.compile(OLD_PATTERN, re.IGNORECASE))
    monkeypatch.setattr(wordeval.joiner_texts, "abbreviation_setting", lambda family, dataset: {})


def _scores(store):
    with ResultStore(store, readonly=True) as s:
        return [r.main_value for r in s.records()], [r.config.get("abbreviations") for r in s.records()]


def test_a_record_on_texts_with_an_abbreviation_from_before_tokenizer_4_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    run = _task(tmp_path, "U.S.")
    with monkeypatch.context() as m:
        _as_before_tokenizer_4(m)
        assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "fresh")]) == 0
    (before, now), settings = _scores(tmp_path / "old")
    assert settings == [None, "period-kept"]
    assert now == _scores(tmp_path / "fresh")[0][0] != before  # "u.s." has its own vector now


def test_a_record_on_texts_without_an_abbreviation_keeps_its_key(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    run = _task(tmp_path, "France")
    with monkeypatch.context() as m:
        _as_before_tokenizer_4(m)
        assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert _scores(tmp_path / "old")[1] == [None]
