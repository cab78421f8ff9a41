"""Characters of a figure's labels that the font has no glyph for.

matplotlib draws such a character as an empty box and says so once per character and file, as a warning: a
Chinese label gave the user eight 'Glyph ... missing from font(s) DejaVu Sans' lines, and the report itself
said nothing, so its figures showed boxes where the tables showed names. The warnings are gathered here into
one warning and one report note.
"""
from __future__ import annotations

import re
import warnings
from contextlib import contextmanager

from wordeval.counted_nouns import first_and_more

_GLYPH = re.compile(r"Glyph (\d+) \(.*\) missing from font\(s\) (.+?)\.?$")


@contextmanager
def gathered_missing_glyphs(notes: list[str]):
    """Runs the block with matplotlib's missing-glyph warnings caught; appends to ``notes`` one note naming the
    characters and fonts (none when every glyph was there) and warns once. Other warnings pass on as they are."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    codes: dict[int, None] = {}
    fonts: dict[str, None] = {}
    for w in caught:
        match = _GLYPH.match(str(w.message))
        if match is None:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            continue
        codes[int(match.group(1))] = None
        fonts[match.group(2)] = None
    if codes:
        note = missing_glyphs_note(list(codes), list(fonts))
        notes.append(note)
        warnings.warn(note, UserWarning, stacklevel=3)


def missing_glyphs_note(codes: list[int], fonts: list[str]) -> str:
    shown = first_and_more([f"{chr(c)} (U+{c:04X})" for c in codes], 8)
    return (f"figures: the font ({', '.join(fonts)}) has no glyph for {len(codes)} character(s) of the labels, "
            f"{shown}: the figures draw each as an empty box, the tables give the labels as written "
            "(a font that has them, set as matplotlib's font.family in a matplotlibrc, draws them)")
