"""One drawing style per representation, the same in every figure, and never the same for two of them.

Colours are Okabe and Ito's eight (Wong 2011, Nature Methods 8:441), chosen to stay apart under red-green
colour blindness: matplotlib's tab10, used before, has a green and a red that deuteranopes see nearly as one,
and an orange and a green that protanopes do (CIE ΔE*ab 7.3 and 4.6 under Machado et al. 2009's simulation;
Okabe-Ito's closest pair is 16 apart; ``tests/test_report_colour_blind_palette.py``). Eight colours
cannot tell more than eight representations apart, so each further eight take the same colours with the
next hatch (bars) and marker (points): a (colour, hatch) and a (colour, marker) pair is never given twice.
Past the 48 that covers, colours are sampled from one colormap at points that depend on the position alone.

A style depends only on the representation's position in the comparison (the order it was first computed),
never on how many follow: adding a representation to a store leaves the earlier ones' figures as they were
(before, a 61st representation recoloured all 60 from another colormap).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from wordeval.report.matplotlib_dirs import import_matplotlib

HATCHES = ("", "////", "\\\\\\\\", "xxxx", "....", "----")
MARKERS = ("o", "s", "^", "D", "v", "P")

# Okabe-Ito, reordered: its black first hid the black CI whiskers inside the bars, and its yellow, the palest
# on white, goes next to last
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
_SAMPLED = 256  # distinct colours of the colormap past the palette's hatches and markers


@dataclass(frozen=True)
class Style:
    colour: tuple[float, float, float, float]
    hatch: str
    marker: str


def _bit_reversed(m: int, bits: int = 8) -> int:
    """m's bits in reverse order: consecutive positions land far apart on the colormap, and each of the first
    2**bits positions on a bin of its own."""
    return int(format(m % (1 << bits), f"0{bits}b")[::-1], 2)


def representation_style(j: int) -> Style:
    """The style of the representation at position ``j`` (0 first)."""
    import_matplotlib()
    from matplotlib import colormaps, colors

    per_cycle = len(OKABE_ITO) * len(HATCHES)
    if j < per_cycle:
        colour, group = colors.to_rgba(OKABE_ITO[j % len(OKABE_ITO)]), j // len(OKABE_ITO)
    else:
        m = j - per_cycle
        colour, group = colormaps["turbo"](_bit_reversed(m) / (_SAMPLED - 1)), m // _SAMPLED
    return Style(tuple(float(c) for c in colour), HATCHES[group % len(HATCHES)],
                 MARKERS[group % len(MARKERS)])


def representation_styles(representations: Sequence[str]) -> dict[str, Style]:
    """A distinct style per representation, by position: the first eight plain Okabe-Ito colours."""
    return {rep: representation_style(j) for j, rep in enumerate(dict.fromkeys(representations))}


def _luminance(colour) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour[:3]]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_colour(colour, *, contrast: float = 4.5) -> tuple[float, float, float, float]:
    """``colour`` darkened, its hue kept, until text in it reaches ``contrast`` against white (WCAG 2's 4.5:1
    for normal text): a label drawn in Okabe-Ito's yellow had 1.2:1, its orange 2.2:1."""
    rgb = tuple(float(c) for c in colour[:3])
    scale = 1.0
    while scale > 0 and 1.05 / (_luminance([c * scale for c in rgb]) + 0.05) < contrast:
        scale -= 0.01
    return (*(c * max(scale, 0.0) for c in rgb), 1.0)
