"""The representations' colours stay apart for colour-blind readers: matplotlib's tab10, which the figures used,
has a green and a red that deuteranopes see nearly as one, and an orange and a green that protanopes do.

Simulation: Machado, Oliveira and Fernandes 2009, "A physiologically-based model for simulation of color
vision deficiency" (IEEE TVCG 15(6)), their matrices for severity 1.0 (dichromacy), applied to linear sRGB as
colorspacious and DaltonLens apply them. Difference: CIE 1976 ΔE*ab in CIELAB (D65 white).

Threshold ΔE*ab 15: 2.3 is the just-noticeable difference between large patches side by side (Sharma 2003,
Digital Color Imaging Handbook), and the smaller a mark the larger the difference it needs to be told apart
(Stone, Szafir and Setlur 2014, "An engineering model for color difference as a function of size"): the
figures' markers are 6 pt and their bars a few points high, so several times the JND, and more than twice the
tab10 pairs that dichromats confuse (4.6 to 7.6). Okabe-Ito's closest pair stays above 16 for protanopes,
deuteranopes and tritanopes alike.
"""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from wordeval.report.styles import OKABE_ITO, representation_styles, text_colour

MACHADO_2009 = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
MIN_DELTA_E = 15.0


def _linear(rgb):
    rgb = np.asarray(rgb, dtype=float)[:3]
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb):
    """CIELAB (D65) of a linear sRGB colour: IEC 61966-2-1's matrix, CIE 15's f."""
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear_rgb
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _seen(colour, vision):
    return _lab(np.clip(MACHADO_2009[vision] @ _linear(colour), 0.0, 1.0))


def _closest(colours, vision):
    seen = [_seen(c, vision) for c in colours]
    return min((float(np.linalg.norm(seen[i] - seen[j])), i, j)
               for i, j in itertools.combinations(range(len(seen)), 2))


def test_the_lab_conversion_matches_published_values():
    """Oracle: sRGB white is L* 100, a* b* 0; pure red is (53.24, 80.09, 67.20) (Lindbloom's calculator)."""
    assert np.allclose(_lab(_linear([1, 1, 1])), [100, 0, 0], atol=0.02)  # the 4-digit matrix
    assert np.allclose(_lab(_linear([1, 0, 0])), [53.24, 80.09, 67.20], atol=0.05)


def test_the_simulation_merges_tab10s_red_and_green_for_deuteranopes():
    """The check can fail: tab10's green and red, 60 apart for normal vision, fall under the threshold."""
    from matplotlib import colormaps
    green, red = colormaps["tab10"](2), colormaps["tab10"](3)
    assert _closest([green, red], "normal")[0] > 4 * MIN_DELTA_E
    assert _closest([green, red], "deuteranopia")[0] < MIN_DELTA_E


@pytest.mark.parametrize("vision", list(MACHADO_2009))
def test_every_pair_of_the_plain_colours_stays_distinguishable(vision):
    """The first eight representations are told apart by colour alone (no hatch, one marker)."""
    styles = list(representation_styles([f"r{j}" for j in range(len(OKABE_ITO))]).values())
    assert {(s.hatch, s.marker) for s in styles} == {("", "o")}
    delta, i, j = _closest([s.colour for s in styles], vision)
    assert delta > MIN_DELTA_E, f"{vision}: representations {i} and {j} are {delta:.1f} apart"


def test_labels_in_a_representations_colour_are_legible_on_white():
    """WCAG 2.1's contrast ratio (relative luminance as in its definition) of at least 4.5 for text: the rank
    scatter's label in Okabe-Ito's yellow had 1.3, its orange 2.2."""
    def luminance(c):
        return float(np.array([0.2126, 0.7152, 0.0722]) @ _linear(c))
    for style in representation_styles([f"r{j}" for j in range(60)]).values():
        assert 1.05 / (luminance(text_colour(style.colour)) + 0.05) >= 4.5
