"""A downloaded dataset's Protocol line said only "from url:2 files": the record holds each file's URL (and
archive member) with its sha256 (``dataset.urls``), and the report now shows them under the file's sha256 line in
report.md, report.html and report.tex; LaTeX may break a URL after a slash (it has no space to break at)."""
from __future__ import annotations

import re

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.writer import write_report

TRAIN_URL = "https://cogcomp.seas.upenn.edu/Data/QA/QC/train_5500.label"
ZIP_URL = "https://example.org/data/qc.zip"
TRAIN_SHA, TEST_SHA = "a" * 64, "b" * 64


def _records():
    rng = np.random.default_rng(0)
    out = []
    for name in ("A", "B"):
        total = np.full(20, 10)
        rec = make_record(name, "pos/toy", {"id": list(range(20)), "correct": rng.binomial(total, 0.7),
                                            "total": total})
        rec.dataset_sha256 = {"train_5500.label": TRAIN_SHA, "TREC_10.label": TEST_SHA}
        rec.dataset = {"name": "toy", "version": "1", "source": "url:2 files",
                       "urls": [{"url": TRAIN_URL, "file": "train_5500.label", "sha256": TRAIN_SHA},
                                {"url": ZIP_URL, "member": "qc/TREC_10.label", "file": "TREC_10.label",
                                 "sha256": TEST_SHA}]}
        out.append(rec)
    return out


def test_each_url_is_shown_under_its_file_s_sha256_in_every_format(tmp_path):
    out = write_report(compare(_records(), n_boot=20), tmp_path / "r", figures=False)
    md = (out / "report.md").read_text(encoding="utf-8")
    assert f"  - sha256 TREC\\_10.label: {TEST_SHA}\n    - downloaded from {ZIP_URL} (archive member " \
           "qc/TREC\\_10.label)\n" in md
    assert f"  - sha256 train\\_5500.label: {TRAIN_SHA}\n    - downloaded from " \
           "https://cogcomp.seas.upenn.edu/Data/QA/QC/train\\_5500.label\n" in md
    html = (out / "report.html").read_text(encoding="utf-8")
    assert f"<li>sha256 train_5500.label: {TRAIN_SHA}<ul><li>downloaded from {TRAIN_URL}</li></ul>" in html
    assert "overflow-wrap:anywhere" in html  # a long URL wraps in its list item instead of running out of it
    tex = (out / "report.tex").read_text(encoding="utf-8")
    item = next(line for line in tex.splitlines() if "cogcomp" in line)
    assert item.startswith(r"\item downloaded from https:")
    # the URL as written, once LaTeX's break points and escapes are taken out
    assert re.sub(r"\\allowbreak\{\}", "", item).replace(r"\_", "_") == rf"\item downloaded from {TRAIN_URL}"
    assert item.count(r"\allowbreak{}") == TRAIN_URL.count("/")
