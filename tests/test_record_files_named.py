"""Record files given to load_records, compare and results_frame: a .json file's record is named by its place
in the list, as a .jsonl record by its line; a file holding no records is said to hold none (it was read as no
records, and compare said "nothing to compare" naming no file, or compared the other inputs without a word);
compare of inputs holding no records names them."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import wordeval
from wordeval.errors import ConfigError, InputFormatError

sys.path.insert(0, str(Path(__file__).parent))
from _small_task import write_small_task  # noqa: E402


@pytest.fixture
def record_dicts(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    records = [wordeval.evaluate(str(vectors), str(spec), name=name, config={"n_boot": 10}) for name in "ab"]
    return [r.to_dict() for r in records]


def test_a_record_of_a_json_list_is_named_by_its_place_as_a_jsonl_record_by_its_line(tmp_path, record_dicts):
    del record_dicts[1]["task"]
    (tmp_path / "list.json").write_text(json.dumps(record_dicts), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text("\n".join(map(json.dumps, record_dicts)), encoding="utf-8")
    (tmp_path / "report.json").write_text(json.dumps({"records": record_dicts, "skipped": []}),
                                          encoding="utf-8")
    for name, where in (("list.json", "list.json (record 2 of 2)"),
                        ("report.json", "report.json (record 2 of 2)"), ("lines.jsonl", "lines.jsonl:2")):
        for call in (wordeval.load_records, wordeval.compare):
            with pytest.raises(InputFormatError) as err:
                call(str(tmp_path / name))
            assert str(err.value) == f"{tmp_path / where}: expected a wordeval result record with task"


def test_a_non_object_in_a_json_list_is_named_by_its_place(tmp_path, record_dicts):
    (tmp_path / "list.json").write_text(json.dumps([record_dicts[0], 3]), encoding="utf-8")
    with pytest.raises(InputFormatError) as err:
        wordeval.load_records(str(tmp_path / "list.json"))
    assert str(err.value) == (f"{tmp_path / 'list.json'} (record 2 of 2): expected a JSON object per result "
                              f"record, got int")


@pytest.mark.parametrize("name, text", [("empty.jsonl", ""), ("blank.jsonl", "\n\n"), ("empty.json", "[]"),
                                        ("results.json", '{"records": [], "skipped": []}')])
def test_a_record_file_holding_no_records_is_said_to_hold_none(tmp_path, record_dicts, name, text):
    """It was read as no records: compare said 'nothing to compare: no result records' naming no file, and
    beside another input compared that one as if this file had been read."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "good.jsonl").write_text("\n".join(map(json.dumps, record_dicts)), encoding="utf-8")
    expected = f"{tmp_path / name}: expected at least one result record, got none (the file holds no records)"
    for sources in (str(tmp_path / name), [str(tmp_path / "good.jsonl"), str(tmp_path / name)]):
        for call in (wordeval.load_records, wordeval.compare, wordeval.results_frame):
            with pytest.raises(InputFormatError) as err:
                call(sources)
            assert str(err.value) == expected


def test_a_report_file_of_skips_alone_is_read_and_compare_names_it(tmp_path):
    skip = {"task": "similarity/rg65", "embedding": "a", "reason": "rg65: not here"}
    (tmp_path / "results.json").write_text(json.dumps({"records": [], "skipped": [skip]}), encoding="utf-8")
    assert wordeval.load_records(str(tmp_path / "results.json")) == ([], [skip])
    with pytest.raises(ConfigError) as err:
        wordeval.compare(str(tmp_path / "results.json"))
    assert str(err.value) == (f"nothing to compare: no result records in {tmp_path / 'results.json'}; they "
                              f"record 1 skipped cell(s): similarity/rg65 on a (first reason: rg65: not here)")


def test_compare_of_a_store_whose_every_cell_was_skipped_names_the_cells_as_the_command_does(tmp_path, capsys):
    """wordeval.compare named the store alone ('no result records in R'), where the compare command named the
    skipped cells and the first reason; both now say the same line (the command adds its prefix)."""
    from wordeval.cli import main
    from wordeval.results.store import ResultStore

    with ResultStore(tmp_path / "R") as store:
        store.put_task_skipped("similarity/rg65", ["glove", "mine"], "rg65: no source could provide the files")
    with pytest.raises(ConfigError) as err:
        wordeval.compare(str(tmp_path / "R"))
    assert str(err.value) == (f"nothing to compare: no result records in {tmp_path / 'R'}; they record 2 skipped "
                              f"cell(s): similarity/rg65 on glove, similarity/rg65 on mine (first reason: rg65: no "
                              f"source could provide the files)")
    capsys.readouterr()
    assert main(["--quiet", "compare", str(tmp_path / "R")]) == 2
    assert capsys.readouterr().err.strip() == f"wordeval: error: {err.value}"


def test_compare_of_an_empty_store_names_the_store(tmp_path):
    from wordeval.results.store import ResultStore

    with ResultStore(tmp_path / "R"):
        pass
    with pytest.raises(ConfigError) as err:
        wordeval.compare(str(tmp_path / "R"))
    assert str(err.value) == f"nothing to compare: no result records in {tmp_path / 'R'}"
