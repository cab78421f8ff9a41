"""report.html right-aligned every column but the first: a ranking, a test or a τ cell wrapped onto several
lines ragged on the left, hard to read. Text columns are left-aligned now, numbers still right-aligned."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.test_report_heatmap_legible import _comparison
from wordeval.report import html


def _body_cell(tag: str, attrs: dict) -> bool:
    """A <td>, or a row's header (the task's name, a <th scope='row'> for screen readers since the headers
    were given scopes): laid out as the cells beside it."""
    return tag == "td" or (tag == "th" and attrs.get("scope") == "row")


class _Cells(HTMLParser):
    """Each body cell's class and text, in document order."""

    def __init__(self):
        super().__init__()
        self.cells: list[tuple[str, str]] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if _body_cell(tag, dict(attrs)):
            self.cells.append((dict(attrs).get("class") or "", ""))
            self._open = True

    def handle_endtag(self, tag):
        self._open = self._open and tag not in ("td", "th")

    def handle_data(self, data):
        if self._open:
            cls, text = self.cells[-1]
            self.cells[-1] = (cls, text + data)


def _alignment(cls: str) -> str:
    """As _CSS lays a <td> out: its rules are checked below, so the classes tell the alignment."""
    return "right" if "num" in cls.split() else "left"


def _cells(fragment: str) -> list[tuple[str, str]]:
    parser = _Cells()
    parser.feed(fragment)
    return [(_alignment(cls), text) for cls, text in parser.cells]


def test_the_stylesheet_aligns_cells_left_and_numbers_right():
    css = html._CSS.replace("\n", "")
    assert re.search(r"th,td\{[^}]*text-align:left", css)
    assert "td.num{text-align:right}" in css


@pytest.fixture(scope="module")
def comp():
    return _comparison(3, 2)


@pytest.mark.parametrize("table", ["_rankings_table", "_tau_table"])
def test_rankings_tests_and_tau_cells_are_left_aligned(comp, table):
    cells = _cells(getattr(html, table)(comp))
    assert cells and all(align == "left" for align, _ in cells), cells
    assert any(len(text.split()) > 3 for _, text in cells)  # the wrapped text the change is for


def test_scores_and_correlations_stay_right_aligned(comp):
    """Oracle: a cell is a number where its text is one ('0.83 ± 0.01', '-0.40', '—' standing for one)."""
    number = re.compile(r"^[−-]?\d+\.\d+")
    for fragment in (html._results_table(comp), html._corr_table(comp)):
        cells = _cells(fragment)
        numeric = [align for align, text in cells if number.match(text) or text == "—"]
        assert numeric and set(numeric) == {"right"}
        assert {align for align, text in cells if re.match(r"^[a-z]", text)} == {"left"}  # names, coverage


class _Grid(HTMLParser):
    """The table laid out as a browser lays it: each header row's <th> and each body row's <td> placed in the
    columns it covers (rowspan and colspan followed), with its alignment as _alignment reads its class."""

    def __init__(self):
        super().__init__()
        self.heads: dict[int, str] = {}  # column -> the alignment of the lowest header over it
        self.body: dict[int, set[str]] = {}
        self._row = -1
        self._taken: dict[tuple[int, int], bool] = {}
        self._col = 0
        self._in_head = False

    def handle_endtag(self, tag):
        self._in_head = self._in_head and tag != "thead"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        # a cell of <thead> heads its columns (the correlation table's empty corner is a <td>: it heads
        # nothing); a body row's <th scope='row'> is laid out as the cells beside it
        self._in_head = self._in_head or tag == "thead"
        if tag == "tr":
            self._row, self._col = self._row + 1, 0
        elif tag in ("th", "td"):
            while self._taken.get((self._row, self._col)):
                self._col += 1
            span, down = int(a.get("colspan") or 1), int(a.get("rowspan") or 1)
            for c in range(self._col, self._col + span):
                for r in range(self._row, self._row + down):
                    self._taken[(r, c)] = True
                if self._in_head:
                    self.heads[c] = _alignment(a.get("class") or "")
                else:
                    self.body.setdefault(c, set()).add(_alignment(a.get("class") or ""))
            self._col += span


@pytest.mark.parametrize("table", ["_results_table", "_corr_table"])
def test_headers_over_number_columns_are_right_aligned_as_their_numbers(comp, table):
    """The score and correlation heads were left-aligned over right-aligned numbers."""
    grid = _Grid()
    grid.feed(getattr(html, table)(comp))
    assert "right" in set().union(*grid.body.values())
    for column, aligned in grid.body.items():
        if len(aligned) == 1:  # a column of one alignment: its head follows it
            assert grid.heads[column] == next(iter(aligned)), (table, column, grid.heads, grid.body)
    css = html._CSS.replace("\n", "")
    assert "th.num{text-align:right}" in css
