"""report.html in headless Chromium: it renders, logs no console errors, and user-supplied names stay text."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests._records import cli_records
from wordeval.report.compare import compare
from wordeval.report.writer import write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; "
                                                         ".ci/run installs it when apt-get is available)")
EVIL = '<script>console.error("xss")</script><img src=x onerror="console.error(1)">"&\''


def _chromium(tmp_path, url, *extra):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0", *extra, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


@pytest.mark.timeout(300)
def test_report_html_renders_without_console_errors_and_escapes_names(tmp_path):
    records = cli_records(names=(EVIL, "B", "C"))
    comp = compare(records, n_boot=50, seed=0)
    out = write_report(comp, tmp_path / "rep", title=f"report of {EVIL}")
    page = (out / "report.html").as_uri()

    # The detector works: a page that does log to the console is caught.
    control = tmp_path / "control.html"
    control.write_text("<!DOCTYPE html><html><body><script>console.error('control')</script></body></html>")
    assert _console_lines(_chromium(tmp_path, control.as_uri(), "--dump-dom").stderr)

    res = _chromium(tmp_path, page, "--dump-dom")
    assert res.returncode == 0, res.stderr[-2000:]
    dom = res.stdout
    assert _console_lines(res.stderr) == []
    assert "<h1>" in dom and "Kendall τ" in dom and "Flipped pairs" in dom and "<h2>Protocol" in dom
    import re
    assert re.findall(r"<script[^>]*>", dom, flags=re.I) == [], dom[dom.lower().find("<script") - 200:][:400]
    assert re.findall(r"<img[^>]*onerror", dom, flags=re.I) == []  # the evil name stayed text
    assert "&lt;script&gt;console.error" in dom
    # figures inline, nothing fetched: rank scatter and task bars (no correlation heatmap over 3 representations)
    assert dom.count("<img") == 2 and "data:image/svg+xml;base64," in dom

    shot = tmp_path / "shot.png"
    res = _chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1200,1600")
    assert res.returncode == 0 and shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 20_000
