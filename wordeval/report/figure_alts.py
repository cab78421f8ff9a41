"""Each figure's alt text: what the image shows, in a sentence (the kind of chart, what is on its axes).

report.html gave each <img> its file stem as alt ('task_bars': a screen reader says "task underscore bars").
The figcaption, under the image for every reader, carries the long description (n, resamples, flags); the alt
only stands in for the picture, so it does not repeat the caption (WCAG 2.1 1.1.1; the W3C images tutorial's
"complex images": a short alt, the long description beside the image). report.md's image alt is the same
sentence: it had the file stem too.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from wordeval.report.compare import Comparison
from wordeval.report.fmt import correlation_name


def figure_alts(comp: Comparison) -> dict[str, str]:
    """The alt text of each figure ``plots.all_figures`` can draw, by its name."""
    from wordeval.report.legend import shown_ci
    from wordeval.report.tables import level_text

    method = correlation_name(comp.correlation.get("method", "spearman"))
    # no whisker is drawn where no cell has an interval (records without per-item scores, too few items)
    whiskers = f" with {level_text(comp.parameters)} confidence intervals" if shown_ci(comp) else ""
    return {
        "rank_scatter": "Scatter plot of each representation's mean rank over intrinsic tasks (horizontal "
                        "axis) against its mean rank over extrinsic tasks (vertical axis, best at the top), "
                        "with a dashed diagonal where the two ranks agree.",
        "task_bars": f"Horizontal bar chart of each representation's score per task, one group of bars per "
                     f"task down the vertical axis, the score along the horizontal axis{whiskers}.",
        "correlation_heatmap": f"Heat map of the {method} between every two tasks' scores across "
                               f"representations, the tasks along both axes, coloured from blue (−1) through "
                               f"white (0) to red (+1).",
    }


def figure_alt(name: str, alts: Mapping[str, str], captions: Mapping[str, str]) -> str:
    """The alt of figure ``name``; a figure wordeval does not describe (a caller's own) gets its caption, not
    its file's stem."""
    return alts.get(name) or captions.get(name) or name.replace("_", " ")


def md_alt(text: str) -> str:
    """``text`` as a Markdown image's alt (between ``![`` and ``]``): ``md_escape`` leaves a lone ``[x]`` as
    text, but inside the brackets an unescaped ``]`` ends the alt and an unmatched ``[`` breaks the image,
    so every bracket is escaped."""
    from wordeval.report.tables import md_escape

    return "".join(md_escape(part) if part not in ("[", "]") else "\\" + part
                   for part in re.split(r"([\[\]])", text) if part)
