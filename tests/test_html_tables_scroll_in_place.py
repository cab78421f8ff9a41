"""report.html's wide tables: the Results table of four representations (11 columns) was wider than an
800-pixel window, so the whole page scrolled sideways and every paragraph, heading and figure was cut at the
window's edge with it. Each table now scrolls in a box of its own. Oracle: Chromium's layout (the page's
scrollWidth against the window's width), where Chromium is installed; the markup everywhere."""
from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest

from tests._records import make_record
from wordeval.report import html
from wordeval.report.compare import compare
from wordeval.report.writer import write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
NAMES = ["word2vec-skipgram-news-300", "GloVe-840B-300d-cased", "fastText-crawl-subword-300", "LSA-news-300"]


def _comparison():
    rng = np.random.default_rng(0)
    gold = rng.normal(size=40)
    total = np.full(30, 10)
    recs = []
    for k, name in enumerate(NAMES):
        pred = {"id": list(range(40)), "gold": gold, "pred": gold + rng.normal(scale=0.3 + 0.3 * k, size=40)}
        correct = {"id": list(range(30)), "correct": rng.binomial(total, 0.5 + 0.1 * k), "total": total}
        recs += [make_record(name, "similarity/simverb3500", pred), make_record(name, "pos/ud-ewt", correct)]
    return compare(recs, n_boot=50)


def test_every_table_sits_in_a_box_that_scrolls_sideways():
    page = html.render_html(_comparison(), figures={}, provenance_text="")
    assert re.search(r"\.wide\{[^}]*overflow-x:\s*auto", page)
    tables = page.count("<table")  # a table names its legend in an attribute
    assert tables >= 4 and page.count("<div class='wide'><table") == tables
    assert page.count("</table></div>") == tables


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
@pytest.mark.timeout(300)
def test_the_page_is_no_wider_than_an_800_pixel_window(tmp_path):
    out = write_report(_comparison(), tmp_path / "rep", figures=False)
    text = (out / "report.html").read_text(encoding="utf-8")
    # a copy that writes its layout's widths into the DOM (the report itself has no script)
    probe = ("<script>window.onload=()=>{const d=document.documentElement;document.body.setAttribute("
             "'data-widths',d.scrollWidth+' '+d.clientWidth+' '+"
             "Math.max(...[...document.querySelectorAll('table')].map(t=>t.scrollWidth)))}</script>")
    page = tmp_path / "probe.html"
    page.write_text(text.replace("</body>", probe + "</body>"), encoding="utf-8")
    run = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          f"--user-data-dir={tmp_path / 'profile'}", "--window-size=800,600", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120)
    scroll, client, widest = map(int, re.search(r'data-widths="(\d+) (\d+) (\d+)"', run.stdout).groups())
    assert widest > client  # the control: a table wider than the window
    assert scroll <= client
