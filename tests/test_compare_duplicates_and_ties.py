"""Records of one cell read from several inputs: identical ones (another run time only) are duplicates, not
'superseded'; and of two different records with the same run.time (whole seconds) the winner does not depend
on the order of the inputs."""
from __future__ import annotations

import dataclasses

import pytest

from tests._records import cli_records
from wordeval.report.compare import compare
from wordeval.results.store import ResultStore, load_records


def _store(folder, records):
    with ResultStore(folder) as s:
        for r in records:
            s.put(r)
    return folder


def _retimed(records, time):
    return [dataclasses.replace(r, run={**r.run, "time": time}) for r in records]


def test_identical_records_run_at_other_times_are_duplicates_not_superseded(tmp_path):
    records = cli_records(n_sim=30, n_doc=30)
    a = _store(tmp_path / "A", _retimed(records, "2024-01-01T00:00:00+00:00"))
    b = _store(tmp_path / "B", _retimed(records, "2024-01-02T00:00:00+00:00"))
    notes = compare(load_records([a, b])[0], n_boot=20).notes
    assert "6 record(s) were identical duplicates (the same request and numbers, another run time) of a " \
           "record kept once." in notes, notes
    assert not any("superseded" in n for n in notes), notes


def test_a_record_with_other_numbers_is_still_superseded(tmp_path):
    old = next(r for r in cli_records(n_sim=30, n_doc=30) if r.task == "similarity/toy" and r.label == "A")
    new = dataclasses.replace(old, scores={**old.scores, old.main_score: 0.123},
                              run={**old.run, "time": "2024-02-01T00:00:00+00:00"})
    notes = compare([old, new], n_boot=20).notes
    assert any(n.startswith("1 older record(s) for the same representation, task and seed were superseded")
               for n in notes), notes
    assert not any("identical duplicates" in n for n in notes), notes


def _same_second_pair():
    first = next(r for r in cli_records(n_sim=30, n_doc=30) if r.task == "similarity/toy" and r.label == "A")
    first = dataclasses.replace(first, run={**first.run, "time": "2024-01-01T00:00:00+00:00"})
    second = dataclasses.replace(first, scores={**first.scores, first.main_score: 0.123},
                                 config={**first.config, "oov": "zero"})  # another request key
    return first, second


@pytest.mark.parametrize("stored_later", [0, 1])
def test_same_second_records_the_later_stored_wins_in_either_input_order(tmp_path, stored_later):
    pair = _same_second_pair()
    early, late = pair[1 - stored_later], pair[stored_later]
    a = _store(tmp_path / "early", [early])
    b = _store(tmp_path / "late", [late])
    one = load_records([a, b])[0]
    other = load_records([b, a])[0]
    assert one[0].stored_at < other[0].stored_at
    shown = {repr(compare(rs, n_boot=20).to_frame()["value"].tolist()) for rs in (one, other)}
    assert shown == {repr([late.main_value])}


def test_same_second_records_without_stored_at_are_ordered_by_record_key():
    first, second = _same_second_pair()
    expected = max((first, second), key=lambda r: r.cache_key()).main_value
    for records in ([first, second], [second, first]):
        assert compare(records, n_boot=20).to_frame()["value"].tolist() == [expected]
