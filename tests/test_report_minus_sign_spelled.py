"""The Summary's terms line defines τ-b as running from "−1 to 1" with U+2212, the minus sign (the Results
caption's "n − 1" has it too). report.tex had no spelling for it and wrote the ``\\uXXXX`` escape meant for
characters no font has: "(ties counted, \\u22121 to 1)", a number 22121 to the reader; an ASCII console
printed the same escape, and "\\u03c1" for the correlation section's ρ. Oracle: the wording's fixed text, and
that a report of ASCII labels holds no such escape at all."""
from __future__ import annotations

import io
import sys

from tests.test_best_predictor_not_comparable import _records
from wordeval.report.compare import compare
from wordeval.report.tables_tex import latex_document, tex_escape
from wordeval.results.store import ResultStore


def test_report_tex_writes_the_minus_sign_as_math_not_as_an_escape():
    comp = compare(_records(with_similarity=True), n_boot=100)
    assert "(ties counted, −1 to 1)" in comp.summary[0]
    tex = latex_document(comp, title_text="t", cite_keys=[], method_keys={})
    assert "(ties counted, $-$1 to 1)" in tex
    assert r"\textbackslash{}u" not in tex  # the labels are ASCII: every symbol has a TeX spelling
    assert tex_escape("n − 1") == "n $-$ 1"


def test_an_ascii_console_spells_the_minus_sign_and_rho(tmp_path, monkeypatch):
    from wordeval.cli import main

    with ResultStore(tmp_path / "R") as store:
        for rec in _records(with_similarity=True):
            store.put(rec)
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict", write_through=True)
                for _ in range(2))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["--quiet", "compare", str(tmp_path / "R"), "--n-boot", "100"]) == 0
    text = out.buffer.getvalue().decode("ascii")
    assert "(ties counted, -1 to 1)" in text and "Spearman rho" in text
    assert "\\u2212" not in text and "\\u03c1" not in text
