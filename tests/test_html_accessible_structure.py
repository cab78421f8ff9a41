"""report.html's structure for every reader (WCAG 2.1 AA, its structural criteria): each figure's <img> had its
file stem as alt ('task_bars', read out as "task underscore bars"), tables had no <caption> and their <th> no
scope, the long page had no table of contents and no <main>, every page was titled 'wordeval comparison', and
the intervals' grey (#777) had 4.48:1 on white, under the 4.5:1 of 1.4.3. Checked with the standard library's
HTML parser on a page with every section, all three figures and a Results table in two parts; the contrast
with WCAG 2's own formula (control: WebAIM's checker gives #777 on white 4.48:1)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.test_report_heatmap_legible import _comparison
from wordeval.report import html
from wordeval.report.plots import all_figures

FIGURES = {"rank_scatter", "task_bars", "correlation_heatmap"}


class _Page(HTMLParser):
    """What a screen reader's structure commands see: images, tables, headings, landmarks, ids."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.imgs: list[dict] = []  # alt, and the figure's caption
        self.tables: list[dict] = []
        self.headings: list[tuple[int, str, str | None, bool]] = []  # level, text, section id, in <main>
        self.nav: list[str] = []
        self.nav_attrs: dict = {}
        self.labels: dict[str, tuple[str, str]] = {}  # id -> (tag, text) of an element with an id in <nav>
        self._label: tuple[str, str, list[str]] | None = None
        self.ids: dict[str, str] = {}  # id -> tag
        self.title = ""
        self._text: list[str] | None = None
        self._section: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids[a["id"]] = tag
        if tag == "section":
            self._section = a.get("id")
        if tag == "nav":
            self.nav_attrs = a
        elif "nav" in self.open and "id" in a:
            self._label = (a["id"], tag, [])
        if tag == "img":
            self.imgs.append({"alt": a.get("alt"), "in_figure": "figure" in self.open, "caption": ""})
            return  # a void element: never closed
        if tag == "table":
            self.tables.append({"caption": "", "described": a.get("aria-describedby"), "scopes": [],
                                "colgroups": 0, "row_heads": 0, "rows": 0})
        elif tag == "colgroup":
            self.tables[-1]["colgroups"] += 1
        elif tag == "th":
            self.tables[-1]["scopes"].append(a.get("scope"))
            self.tables[-1]["row_heads"] += "tbody" in self.open and a.get("scope") == "row"
        elif tag == "tr" and "tbody" in self.open:
            self.tables[-1]["rows"] += 1
        elif tag == "a" and "nav" in self.open:
            self.nav.append(a.get("href", ""))
        if tag in ("caption", "figcaption", "title") or re.fullmatch(r"h[1-6]", tag):
            self._text = []
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in ("caption", "figcaption", "title") or re.fullmatch(r"h[1-6]", tag):
            text = "".join(self._text or []).strip()
            if tag == "caption":
                self.tables[-1]["caption"] = text
            elif tag == "figcaption":
                self.imgs[-1]["caption"] = text
            elif tag == "title":
                self.title = text
            else:
                self.headings.append((int(tag[1]), text, self._section, "main" in self.open))
            self._text = None
        if tag == "section":
            self._section = None
        if self._label and tag == self._label[1]:
            self.labels[self._label[0]] = (tag, "".join(self._label[2]).strip())
            self._label = None
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)
        if self._label is not None:
            self._label[2].append(data)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """Seven representations (a Results table in two parts of at most six), intrinsic and extrinsic tasks:
    every section and all three figures."""
    comp = _comparison(2, 2, n_reps=7)
    figures = all_figures(comp, tmp_path_factory.mktemp("figures"))
    assert set(figures) == FIGURES
    parser = _Page()
    parser.feed(html.render_html(comp, figures=figures, provenance_text="p", title="my study"))
    return parser


def test_every_figure_has_an_alt_saying_what_it_shows_not_its_file_name(page):
    assert len(page.imgs) == len(FIGURES)
    kinds = set()
    for img in page.imgs:
        alt = img["alt"] or ""
        assert alt.strip() and alt not in FIGURES and not re.fullmatch(r"[\w.-]+", alt), alt
        # a sentence naming the kind of chart and its axes; the long description stays the figcaption's
        assert alt.endswith(".") and len(alt.split()) >= 8 and ("axis" in alt or "axes" in alt), alt
        assert img["in_figure"] and img["caption"] and alt != img["caption"]
        kinds |= {k for k in ("Scatter plot", "Horizontal bar chart", "Heat map") if alt.startswith(k)}
    assert len(kinds) == 3


def test_every_table_has_a_caption_a_legend_and_scoped_headers(page):
    assert len(page.tables) >= 6  # Results in two parts, rankings, τ, flipped pairs, correlation
    for table in page.tables:
        assert table["caption"], table
        assert table["scopes"] and set(table["scopes"]) <= {"col", "row", "colgroup"}, table
        # a colgroup header heads a column group only where <colgroup> elements make one
        assert "colgroup" not in table["scopes"] or table["colgroups"], table
        assert page.ids.get(table["described"]) == "p", table  # the legend paragraph above it
    captions = [t["caption"] for t in page.tables]
    assert len(set(captions)) == len(captions)  # each part of the Results table says which it is
    assert [c for c in captions if c.startswith("Results")] == [
        "Results, part 1 of 2: representations 1–6 of 7", "Results, part 2 of 2: representation 7 of 7"]
    # the task (or the row's task, in τ and the correlation) heads each row, except in the flipped pairs
    headed = [t for t in page.tables if t["row_heads"]]
    assert len(headed) == len(page.tables) - 1 and all(t["row_heads"] == t["rows"] for t in headed)


def test_headings_do_not_skip_a_level_and_the_contents_list_every_section(page):
    levels = [level for level, *_ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), page.headings
    assert all(in_main for *_, in_main in page.headings)  # <main> holds the whole report
    h2 = [(text, section) for level, text, section, _ in page.headings if level == 2]
    assert len(h2) >= 10 and all(section for _, section in h2)
    assert page.nav == [f"#{section}" for _, section in h2]
    assert all(page.ids[section] == "section" for _, section in h2)


def test_the_page_title_names_what_is_compared(page):
    assert page.title == "my study: rep0, rep1, rep2, rep3 and 3 more on 4 tasks"


def _contrast(fg: str, bg: str) -> float:
    """WCAG 2's contrast ratio, written out from its definition (relative luminance of sRGB)."""
    def lum(colour: str) -> float:
        h = colour.lstrip("#")
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        lin = [(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
               for v in (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_text_colour_reaches_4_5_to_1_on_every_background():
    assert round(_contrast("#777", "#fff"), 2) == 4.48  # the control: WebAIM's figure for #777 on white
    css = html._CSS.replace("\n", "")
    texts = re.findall(r"(?<![-\w])color:(#[0-9a-fA-F]{3,6})", css)
    backgrounds = ["#fff", *re.findall(r"background:(#[0-9a-fA-F]{3,6})", css)]
    assert len(texts) >= 5 and len(backgrounds) >= 3
    low = [(f, b, round(_contrast(f, b), 2)) for f in texts for b in backgrounds if _contrast(f, b) < 4.5]
    assert low == []


def test_the_contents_list_has_a_visible_label_that_is_not_a_heading(page):
    """<nav aria-label="Contents"> named the list for a screen reader only: a sighted reader saw a bare list
    of links under the title. Its name is now visible text, read through aria-labelledby (WCAG 2.5.3: the name
    read is the text shown), and not an h2, which the contents list (of the h2s) would have to list."""
    assert "aria-label" not in page.nav_attrs, page.nav_attrs
    tag, text = page.labels[page.nav_attrs["aria-labelledby"]]
    assert text == "Contents" and not re.fullmatch(r"h[1-6]", tag), (tag, text)
    assert "Contents" not in [text for _, text, *_ in page.headings]
