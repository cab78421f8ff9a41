"""A Google-format line ':' without a name: its questions were scored in a section named '' (a nameless row
of the record's per_section), where the 'a b c d' reader refuses the same line. Now both name file:line."""
from __future__ import annotations

import pytest

from wordeval.datasets.parsers_analogy import parse_analogy_lines, parse_google
from wordeval.errors import InputFormatError


@pytest.mark.parametrize("parse", [parse_google, parse_analogy_lines])
def test_a_section_line_without_a_name_is_refused_at_its_line(tmp_path, parse):
    path = tmp_path / "q.txt"
    path.write_text(": family\nking queen man woman\n:  \nparis france berlin germany\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"q\.txt:3: expected a section name after ':'"):
        parse(path)


def test_named_sections_are_read(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text(": family\nking queen man woman\n: capital-world\nparis france berlin germany\n", encoding="utf-8")
    questions, sections = parse_google(path)
    assert sections == ["family", "capital-world"] and [q.section for q in questions] == sections
