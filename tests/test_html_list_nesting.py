"""report.html's Protocol put each task's details as a <ul> directly inside the outer <ul>, where only <li> may
stand (invalid HTML: validators reject it, screen readers read a list without an item). Checked with the
standard library's HTML parser: every <li> in a list, every list at the top or inside an item, all closed."""
from __future__ import annotations

from html.parser import HTMLParser

from tests._records import toy_records
from wordeval.report.compare import compare
from wordeval.report.html import render_html


class _Lists(HTMLParser):
    """<ul> and the table of contents' <ol> alike."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol", "li"):
            parent = self.stack[-1] if self.stack else None
            if tag == "li" and parent not in ("ul", "ol"):
                self.errors.append(f"<li> inside {parent}")
            if tag in ("ul", "ol") and parent in ("ul", "ol"):
                self.errors.append(f"<{tag}> directly inside <{parent}>")
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("ul", "ol", "li"):
            if not self.stack or self.stack[-1] != tag:
                self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            else:
                self.stack.pop()


def test_the_reports_lists_nest_inside_their_items():
    page = render_html(compare(toy_records(), n_boot=50), figures={}, provenance_text="p")
    parser = _Lists()
    parser.feed(page)
    assert "): toy<ul><li>policies: " in page  # the task's details inside its own item
    assert parser.errors == [] and parser.stack == []
