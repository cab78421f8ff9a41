"""Where the rank scatter's labels go: beside their points where that is free, else further out with a leader
line back to the point, else nowhere (the caller draws a key instead).

Boxes are in points, from the rendered extent of each label (``Text.get_window_extent`` with the figure's
renderer, as the figure will lay it out): widths estimated from the character count cut "GloVe-6B-50d" off at
the figure's edge. Labels keep ``GAP_PT`` from each other: two boxes that merely touched passed as free, and
"spacy-md" and "glove-6b-50d, Wörter-η" printed as one name, "spacy-mdglove-6b-50d, Wörter-η".
"""
from __future__ import annotations

import math
from typing import NamedTuple, Sequence

GAP_PT = 2.5  # between two labels, and between a label and a leader line
EDGE_PT = 2.0  # kept free inside the axes' frame: antialiasing and side bearings reach past the advance
# Positions tried first, in points (baseline offset, alignment): right-above, below, left, one line further
NEAR = ((5, 4, "left"), (5, -12, "left"), (-5, 4, "right"), (-5, -12, "right"), (5, 15, "left"),
        (5, -23, "left"), (-5, 15, "right"), (-5, -23, "right"))
# then boxes whose nearest point lies this far from the point, in these directions (degrees, sideways first:
# a label beside its point reads as its own more readily than one above another point)
RADII = (14, 22, 32, 44, 58, 74, 92, 112, 135, 160, 190)
ANGLES = (0, 180, 22.5, -22.5, 157.5, -157.5, 45, -45, 135, -135)  # then above and below, slid along


class Place(NamedTuple):
    dx: float  # the label's anchor from its point, in points (``xytext`` with offset points)
    dy: float
    ha: str
    leader: tuple[float, float, float, float] | None  # (x0, y0, x1, y1) from the point, in points


def text_extents(fig, texts: Sequence[str], *, fontsize: float) -> list[tuple[float, float, float]]:
    """Width, height and descent below the baseline of each text as the figure's renderer lays it out, in
    points (left-aligned on its baseline, as ``annotate`` places it)."""
    from matplotlib.text import Text

    renderer, to_pt = fig.canvas.get_renderer(), 72.0 / fig.dpi
    out = []
    for text in texts:
        probe = Text(0, 0, text, fontsize=fontsize)
        probe.set_figure(fig)
        box = probe.get_window_extent(renderer)
        out.append((box.width * to_pt, box.height * to_pt, -box.y0 * to_pt))
    return out


def place_labels(ax, points, texts, *, fontsize: float, marker_pt: float = 4.0,
                 half_widths: Sequence[float] | None = None) -> list[Place] | None:
    """A place per label inside the axes' frame where its box covers no other label (nor comes within
    ``GAP_PT`` of one), no marker and no leader line, and its own leader crosses no other label or marker;
    None where some label has none. ``half_widths``: each point's markers reach this far left and right (several
    drawn side by side), ``marker_pt`` by default; ``marker_pt`` is their reach up and down."""
    fig = ax.figure
    to_pt = 72.0 / fig.dpi
    fig_w, fig_h = (float(v) * 72.0 for v in fig.get_size_inches())
    pos = ax.get_position()
    frame = (pos.x0 * fig_w + EDGE_PT, pos.y0 * fig_h + EDGE_PT, pos.x1 * fig_w - EDGE_PT,
             pos.y1 * fig_h - EDGE_PT)
    centres = [tuple(float(v) * to_pt for v in ax.transData.transform((x, y))) for x, y in points]
    half = list(half_widths) if half_widths is not None else [marker_pt] * len(centres)
    markers = [(px - w, py - marker_pt, px + w, py + marker_pt) for (px, py), w in zip(centres, half)]
    sizes = text_extents(fig, texts, fontsize=fontsize)
    # greedy: in the given order, then the labels with the fewest places free of markers and the frame first
    # (long names on a diagonal of 12 points: placed late, their few places were taken), then widest first
    room = [sum(1 for _, box in _candidates(*centres[i], half[i], marker_pt, *sizes[i])
                if _inside(box, frame) and not any(_overlap(box, m) for m in markers))
            for i in range(len(texts))]
    orders = (range(len(texts)), sorted(range(len(texts)), key=lambda i: room[i]),
              sorted(range(len(texts)), key=lambda i: -sizes[i][0]))
    for order in orders:
        placed = _greedy(list(order), centres, half, markers, sizes, frame, marker_pt)
        if placed is not None:
            return placed
    return None


def _greedy(order, centres, half, markers, sizes, frame, marker_pt):
    boxes: list[tuple] = []
    leaders: list[tuple] = []
    out: dict[int, Place] = {}
    for i in order:
        (px, py), (width, height, descent) = centres[i], sizes[i]
        others = markers[:i] + markers[i + 1:]
        for place, box in _candidates(px, py, half[i], marker_pt, width, height, descent):
            if not _inside(box, frame) or any(_overlap(box, m) for m in markers):
                continue
            if any(_overlap(_grown(box, GAP_PT), b) for b in boxes):
                continue
            if any(_crosses(seg, _grown(box, GAP_PT)) for seg in leaders):
                continue
            seg = None
            if place.leader is not None:
                seg = _shifted(place.leader, px, py)
                if any(_crosses(seg, b) for b in others + [_grown(b, GAP_PT) for b in boxes]):
                    continue
            boxes.append(box)
            if seg is not None:
                leaders.append(seg)
            out[i] = place
            break
        else:
            return None
    return [out[i] for i in range(len(centres))]


def _candidates(px, py, half, marker_pt, width, height, descent):
    """(Place, box in points) in the order tried: ``NEAR``, then further out with a leader."""
    wider = half - marker_pt  # a shared point's row of markers: its label starts beyond the row
    for dx, dy, ha in NEAR:
        dx = dx + wider if ha == "left" else dx - wider
        x0 = px + dx if ha == "left" else px + dx - width
        y0 = py + dy - descent  # dy places the baseline: descenders reach below it
        yield Place(dx, dy, ha, None), (x0, y0, x0 + width, y0 + height)
    far = []
    for r in RADII:
        for angle in ANGLES:
            c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            tx, ty = c * (r + wider), s * r  # the box's point nearest to the markers
            x0 = px + tx if c > 0 else px + tx - width
            y0 = py + ty if s > 0.38 else py + ty - height if s < -0.38 else py + ty - height / 2
            far.append((r, (x0, y0)))
        # above or below, slid from ending at the point to starting there: centred over a point of a diagonal,
        # a long label covered its neighbour, and one of the few places beside it was left out
        steps = max(2, math.ceil(width / 12.0))
        for k in sorted(range(steps + 1), key=lambda k: abs(k - steps / 2)):
            x0 = px - width + width * k / steps
            far += [(r, (x0, py + r)), (r, (x0, py - r - height))]
    for r, (x0, y0) in sorted(far, key=lambda f: f[0]):
        box = (x0, y0, x0 + width, y0 + height)
        ha = "left" if x0 >= px else "right" if x0 + width <= px else "center"
        dx = {"left": x0, "right": x0 + width, "center": x0 + width / 2}[ha] - px
        yield Place(dx, y0 + descent - py, ha, _leader(px, py, half, marker_pt, box)), box


def _leader(px, py, half, marker_pt, box):
    """From the edge of the point's markers to the nearest point of the label's box, relative to the point."""
    nx, ny = min(max(px, box[0]), box[2]) - px, min(max(py, box[1]), box[3]) - py
    reach = min(half / abs(nx) if nx else float("inf"), marker_pt / abs(ny) if ny else float("inf"))
    t = min(reach, 1.0)
    return (nx * t, ny * t, nx, ny)


def _shifted(seg, px, py):
    return (seg[0] + px, seg[1] + py, seg[2] + px, seg[3] + py)


def _grown(b, pad):
    return (b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad)


def _inside(b, frame) -> bool:
    return b[0] >= frame[0] and b[1] >= frame[1] and b[2] <= frame[2] and b[3] <= frame[3]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(seg, box) -> bool:
    """Whether the segment passes through the box's interior (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = seg
    lo, hi = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    return True
