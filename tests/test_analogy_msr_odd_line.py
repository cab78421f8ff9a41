"""A small file of MSR's layouts with one odd line: under ten lines the 90 % rule asks for every line, so one
4-word line among MSR's five-column lines fell through to the 'a b c d' reading, whose error named line 1 (a
valid MSR line, "5 words, expected 4"). Where most lines agree the error names the line that differs."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import InputFormatError

MSR = ["good better rough JJ_JJR rougher", "year years law NN_NNS laws", "big bigger small JJ_JJR smaller",
       "cat cats dog NN_NNS dogs"]


def _read(files):
    name, options, _ = sniff("analogy", files, {})
    return reader(name)(files, **options)


@pytest.mark.parametrize("at", [1, 3, 5])
def test_four_words_among_msr_lines_is_named(tmp_path, at):
    lines = MSR[:at - 1] + ["king queen man woman"] + MSR[at - 1:]
    path = tmp_path / "msr.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError) as err:
        _read({"test": path})
    assert err.value.line == at and "king queen man woman" in str(err.value)
    assert f"msr.txt:{at}:" in str(err.value)


def test_clean_msr_files_still_read(tmp_path):
    path = tmp_path / "msr.txt"
    path.write_text("\n".join(MSR) + "\n", encoding="utf-8")
    splits, extra = _read({"test": path})
    assert [(q.a, q.b, q.c, q.answers, q.section) for q in splits["test"]][:2] == [
        ("good", "better", "rough", ("rougher",), "JJ_JJR"), ("year", "years", "law", ("laws",), "NN_NNS")]


QUESTIONS = ["good better rough", "year years law", "big bigger small", "cat cats dog"]
ANSWERS = ["JJ_JJR rougher", "NN_NNS laws", "JJ_JJR smaller", "NN_NNS dogs"]


@pytest.mark.parametrize("odd", ["king queen man woman", "king queen"])
@pytest.mark.parametrize("at", [1, 3])
def test_odd_line_among_msr_questions_is_named(tmp_path, at, odd):
    """MSR's two-file release, small: one odd line among the .questions' three-word lines fell under the 90 %
    rule and the file was read as 'a b c d' lines, whose error named line 1 ('good better rough')."""
    lines = QUESTIONS[:at - 1] + [odd] + QUESTIONS[at - 1:]
    path = tmp_path / "w.questions"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "w.answers").write_text("\n".join(ANSWERS[:at - 1] + ["JJ_JJR x"] + ANSWERS[at - 1:]) + "\n",
                                        encoding="utf-8")
    with pytest.raises(InputFormatError) as err:
        _read({"test": path})
    assert err.value.line == at and odd in str(err.value), str(err.value)
    assert f"w.questions:{at}:" in str(err.value)
