"""``--json`` documents are encoded whole and written once: ``json.dump`` to stdout wrote a large comparison
in ~155,000 pieces through the console wrapper (1.6 of 10.7 s of ``compare --json`` on 24 representations,
measured), and a value it refused midway (``allow_nan=False``) left half a document on stdout. Oracle: the
number of writes to stdout, and ``json.loads`` of what was written."""
from __future__ import annotations

import io
import json
import sys

from tests._records import toy_records
from wordeval.cli import main


class CountingStdout(io.StringIO):
    def __init__(self):
        super().__init__()
        self.writes = 0

    def write(self, s):
        self.writes += 1
        return super().write(s)


def test_compare_json_is_one_write(tmp_path, monkeypatch):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([r.to_dict() for r in toy_records()]), encoding="utf-8")
    out = CountingStdout()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["compare", str(path), "--n-boot", "20", "--json"]) == 0
    assert json.loads(out.getvalue())["representations"]
    assert out.writes == 1, out.writes


def test_a_refused_value_writes_no_half_document(monkeypatch):
    from wordeval.cli import compare as cli_compare

    class Comp:
        def to_dict(self):
            return {"a": list(range(5000)), "b": float("nan")}  # allow_nan=False refuses the last value

    monkeypatch.setattr(cli_compare, "build", lambda args, progress=False: Comp())
    out = CountingStdout()
    monkeypatch.setattr(sys, "stdout", out)
    try:
        cli_compare.run(type("A", (), {"json": True})(), progress=False)
    except ValueError:
        pass
    assert out.getvalue() == ""
