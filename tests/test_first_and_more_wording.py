"""The "first few names and how many more" wording, written once (counted_nouns.first_and_more) for every
message that cuts a list short: the messages past their cut, which no other test reached, against strings
written out by hand."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from wordeval.counted_nouns import first_and_more


@pytest.mark.parametrize("names, first, said", [
    ([], 3, ""),
    (["a"], 3, "a"),
    (["a", "b", "c"], 3, "a, b, c"),
    (["a", "b", "c", "d"], 3, "a, b, c and 1 more"),
    (["a", "b", "c", "d", "e", "f"], 3, "a, b, c and 3 more"),
    (["a", "b"], 1, "a and 1 more"),
])
def test_the_first_names_then_how_many_more(names, first, said):
    assert first_and_more(names, first) == said


def test_separator_and_noun_are_the_callers():
    said = first_and_more(["x", "y", "z", "w", "v"], 2, sep="; ", more="more cell(s)")
    assert said == "x; y and 3 more cell(s)"


def test_missing_glyphs_name_eight_characters_then_count():
    from wordeval.report.missing_glyphs import missing_glyphs_note

    note = missing_glyphs_note([ord(c) for c in "αβγδεζηθι"], ["DejaVu Sans"])
    assert ("no glyph for 9 character(s) of the labels, α (U+03B1), β (U+03B2), γ (U+03B3), δ (U+03B4), "
            "ε (U+03B5), ζ (U+03B6), η (U+03B7), θ (U+03B8) and 1 more: the figures") in note


def test_convergence_note_names_three_cells_then_counts_the_rest():
    from wordeval.cli.convergence_note import convergence_note

    records = [SimpleNamespace(task=f"pos/{t}", embedding={"name": "v"}, config={"max_iter": 5},
                               extra={"per_seed": [{"converged": False, "iterations": 5}]}) for t in "abcde"]
    note = convergence_note(records)
    assert ("search): pos/a on v (None: 1/1 seed(s), iterations 5 of 5); pos/b on v (None: 1/1 seed(s), "
            "iterations 5 of 5); pos/c on v (None: 1/1 seed(s), iterations 5 of 5) and 2 more cell(s); a "
            "higher limit") in note


def test_copies_in_other_folders_name_the_first_in_full_and_count_the_rest():
    from wordeval.datasets.known_layouts import _listing

    apart = [Path("/d/a/x.txt"), Path("/d/b/y.txt"), Path("/d/c/z.txt")]
    assert _listing(apart) == "/d/a/x.txt and 2 more"
    assert _listing(apart[:1]) == "/d/a/x.txt"
    beside = [Path("/d/a/x.txt"), Path("/d/a/y.txt")]
    assert _listing(beside) == "/d/a/x.txt and 1 more beside it (y.txt)"
