"""The Protocol section did not name the ``unicode`` option (NFC/NFKC matching of the task's words and the
vocabulary's keys), which moves coverage and scores: a report of records under ``unicode = "NFKC"`` read the
same as one of records that looked words up as written. The option is recorded only where it was set, so a
record without it is named as what that means (as-written) beside one that sets it."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.protocol import protocol_lines


def _records(unicode_a, unicode_b):
    rng = np.random.default_rng(0)
    gold = rng.normal(size=30)
    out = []
    for name, noise, form in (("A", 0.5, unicode_a), ("B", 1.0, unicode_b)):
        rec = make_record(name, "similarity/toy", {"id": list(range(30)), "gold": gold,
                                                   "pred": gold + rng.normal(scale=noise, size=30)})
        rec.config = {"oov": "skip", "case": "exact-then-lower", **({"unicode": form} if form else {})}
        out.append(rec)
    return out


def _policies(records):
    return [text for _, text in protocol_lines(compare(records, n_boot=20).protocol) if "policies:" in text]


def test_unicode_option_is_in_the_protocol():
    (line,) = _policies(_records("NFKC", "NFKC"))
    assert "unicode = NFKC" in line, line


def test_a_record_without_it_is_named_as_written_beside_one_with_it():
    (line,) = _policies(_records("NFC", None))
    assert "unicode = NFC (A); as-written (B)" in line, line


def test_records_that_never_set_it_say_nothing_of_it():
    (line,) = _policies(_records(None, None))
    assert "unicode" not in line, line


def test_compare_notes_representations_under_different_unicode_forms():
    """compare notes representations of one task scored under different coverage policies (policy_notes);
    unicode decides which words are found, and an NFKC record beside an as-written one (no key) had no note."""
    (note,) = [n for n in compare(_records("NFKC", None), n_boot=20).notes if "unicode" in n]
    assert "different unicode (A: NFKC; B: as-written)" in note, note
    assert not [n for n in compare(_records("NFC", "NFC"), n_boot=20).notes if "unicode" in n]
    assert not [n for n in compare(_records(None, None), n_boot=20).notes if "unicode" in n]
