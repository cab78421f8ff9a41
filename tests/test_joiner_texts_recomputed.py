"""STS and classification records name no tokenizer version: a store written before tokenizer 3 (which keeps
'می‌خواهم' whole instead of cutting it at its U+200C) served its STS record on such texts to the upgraded
wordeval, which said 'already stored' with a score its tokens no longer give. Texts without a joiner keep
their records."""
from __future__ import annotations

from wordeval.cli import main
from wordeval.results.store import ResultStore

ZWNJ = "\u200c"
JOINED = f"می{ZWNJ}خواهم"
WORDS = [JOINED, "می", "خواهم", "کتاب", "نان", "آب", "خانه", "بخوانم", "بروم", "بخورم", "دیدم", "رفتم"]


def _task(folder, joiner: str):
    rows = []
    for i, obj in enumerate(("کتاب", "نان", "آب", "خانه")):
        for j, verb in enumerate(("بخوانم", "بروم", "بخورم")):
            rows.append(f"{obj} می{joiner}خواهم\t{obj} {verb}\t{(3 * i + 2 * j) % 5}\n")
    (folder / "pairs.tsv").write_text("".join(rows), encoding="utf-8")
    spec = 'name = "fa"\nfamily = "sts"\n[files]\ntest = "pairs.tsv"\n'
    (folder / "fa.toml").write_text(spec, encoding="utf-8")
    vectors = folder / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(str((k * 7 + d * 3) % 11 - 5) for d in range(4))}\n"
                               for k, w in enumerate(WORDS)), encoding="utf-8")
    return ["--quiet", "intrinsic", f"fa={vectors}", "--tasks", str(folder / "fa.toml")]


def _as_before_tokenizer_3(monkeypatch):
    """What 601a5df did: a joiner was a token of its own, and neither the record nor its key said so."""
    import wordeval.joiner_texts
    import wordeval.tokenize

    monkeypatch.setattr(wordeval.tokenize, "_JOINERS", frozenset())
    monkeypatch.setattr(wordeval.joiner_texts, "joiner_setting", lambda family, dataset: {})


def _scores(store):
    with ResultStore(store, readonly=True) as s:
        return [r.main_value for r in s.records()], [r.config.get("joiners") for r in s.records()]


def test_a_record_on_texts_with_a_joiner_from_before_tokenizer_3_is_computed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    run = _task(tmp_path, ZWNJ)
    with monkeypatch.context() as m:
        _as_before_tokenizer_3(m)
        assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "fresh")]) == 0
    (before, now), settings = _scores(tmp_path / "old")
    assert settings == [None, "in-word"]
    assert now == _scores(tmp_path / "fresh")[0][0] != before  # the joined word has its own vector now


def test_a_record_on_texts_without_a_joiner_keeps_its_key(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    run = _task(tmp_path, " ")
    with monkeypatch.context() as m:
        _as_before_tokenizer_3(m)
        assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert main([*run, "--out", str(tmp_path / "old")]) == 0
    assert _scores(tmp_path / "old")[1] == [None]
