"""Each figure's alt text: what the image shows, in a sentence (the kind of chart, what is on its axes).

report.html gave each <img> its file stem as alt ('task_bars': a screen reader says "task underscore bars").
The figcaption, under the image for every reader, carries the long description (n, resamples, flags); the alt
only stands in for the picture, so it does not repeat the caption (WCAG 2.1 1.1.1; the W3C images tutorial's
"complex images": a short alt, the long description beside the image).
"""
from __future__ import annotations

from wordeval.report.compare import Comparison
from wordeval.report.fmt import correlation_name


def figure_alts(comp: Comparison) -> dict[str, str]:
    """The alt text of each figure ``plots.all_figures`` can draw, by its name."""
    from wordeval.report.tables import level_text

    method = correlation_name(comp.correlation.get("method", "spearman"))
    return {
        "rank_scatter": "Scatter plot of each representation's mean rank over intrinsic tasks (horizontal "
                        "axis) against its mean rank over extrinsic tasks (vertical axis, best at the top), "
                        "with a dashed diagonal where the two ranks agree.",
        "task_bars": f"Horizontal bar chart of each representation's score per task, one group of bars per "
                     f"task down the vertical axis, the score along the horizontal axis with "
                     f"{level_text(comp.parameters)} confidence intervals.",
        "correlation_heatmap": f"Heat map of the {method} between every two tasks' scores across "
                               f"representations, the tasks along both axes, coloured from blue (−1) through "
                               f"white (0) to red (+1).",
    }
