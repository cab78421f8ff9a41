"""Four-column analogy files as users write them: a header of the letters ``a,b,c,d`` and targets with
several accepted answers written ``x/y`` (as BATS writes them). The header was read as a question and every
``x/y`` target as one out-of-vocabulary word, which dropped its question from the score without a word."""
from __future__ import annotations

from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

QUESTIONS = "athens,greece,baghdad,iraq/mesopotamia\nparis,france,rome,italy\n"


def _dataset(tmp_path, text: str):
    (tmp_path / "q.csv").write_text(text, encoding="utf-8")
    (tmp_path / "q.toml").write_text('name = "q"\nfamily = "analogy"\n[files]\ntest = "q.csv"\n', encoding="utf-8")
    return load(load_spec_file(tmp_path / "q.toml")[1])


def test_slash_target_is_read_as_accepted_answers(tmp_path):
    ds = _dataset(tmp_path, QUESTIONS)
    first, second = ds.splits["test"]
    assert first.answers == ("iraq", "mesopotamia") and second.answers == ("italy",)
    assert any("accepted answers" in note for note in ds.metadata["sniffed"])


def test_letters_header_is_not_a_question(tmp_path):
    ds = _dataset(tmp_path, "a,b,c,d\n" + QUESTIONS)
    assert [q.a for q in ds.splits["test"]] == ["athens", "paris"]
