"""One drawing style per representation, the same in every figure, and never the same for two of them.

matplotlib's default cycle has 10 colours: an 11th representation was drawn in the first one's colour
(``C{j % 10}``), so the bars and points of two representations could not be told apart. Up to 10
representations keep those 10 colours, plain; each further ten take the same hues in the light tone of
``tab20`` or the dark one, alternately, each ten with its own hatch (bars) and marker (points), so that a
(colour, hatch) and a (colour, marker) pair is never given twice. Past what those lists cover, the colours
are sampled apart along one colormap (256 colours), a distinct colour for each of up to 256 representations.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

HATCHES = ("", "////", "\\\\\\\\", "xxxx", "....", "----")
MARKERS = ("o", "s", "^", "D", "v", "P")


@dataclass(frozen=True)
class Style:
    colour: tuple[float, float, float, float]
    hatch: str
    marker: str


def representation_styles(representations: Sequence[str]) -> dict[str, Style]:
    """A distinct style per representation, by position: the first ten as matplotlib's default cycle."""
    from matplotlib import colormaps

    reps = list(dict.fromkeys(representations))
    k = len(reps)
    tab10, tab20 = colormaps["tab10"], colormaps["tab20"]
    out = {}
    for j, rep in enumerate(reps):
        group = j // 10
        if k <= 10 * len(HATCHES):
            # tab20 holds each tab10 hue dark (even index) then light (odd index)
            colour = tab10(j % 10) if group == 0 else tab20(2 * (j % 10) + group % 2)
        else:
            colour = colormaps["turbo"](j / (k - 1))
        out[rep] = Style(tuple(float(c) for c in colour), HATCHES[group % len(HATCHES)],
                         MARKERS[group % len(MARKERS)])
    return out
