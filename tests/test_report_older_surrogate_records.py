"""Records an older wordeval stored under LC_ALL=C: the undecodable bytes of a path or a command-line argument
were kept as lone surrogates (Python's surrogateescape) in the dataset source, the command line and the
representation's name and source. ``wordeval report`` on such a store ended in UnicodeEncodeError; the text
is now spelled as a UTF-8 locale reads those bytes (wordeval.readable_text): UTF-8 sequences as their
characters, other bytes as ``\\xNN``."""
from __future__ import annotations

import json

from tests._records import cli_records
from wordeval.cli import main
from wordeval.results.store import ResultStore

# what Python makes of these bytes under an ASCII locale
CAFE = b"caf\xc3\xa9".decode("ascii", "surrogateescape")  # UTF-8 bytes: read back as "café"
LATIN1 = b"x\xfe".decode("ascii", "surrogateescape")  # not UTF-8: spelled x\xfe


def _older_records(names=("A", "B", "C")):
    records = cli_records(n_sim=30, n_doc=30, names=names)
    for r in records:
        r.dataset["source"] = f"/data/{CAFE}/{LATIN1}.txt"
        r.run["command"] = ["wordeval", "run", f"v{LATIN1}=/tmp/{LATIN1}.txt"]
        r.embedding["source"] = f"/tmp/{LATIN1}.txt"
    return records


def test_report_of_a_store_holding_lone_surrogates(tmp_path, capsys):
    with ResultStore(tmp_path / "S") as store:
        for r in _older_records():
            store.put(r)  # JSON escapes the surrogates ("\udcfe"), and reads them back as such
    out = tmp_path / "rep"
    assert main(["--quiet", "report", str(tmp_path / "S"), "--out", str(out), "--n-boot", "20"]) == 0
    texts = {p.name: p.read_bytes().decode("utf-8") for p in out.iterdir() if p.is_file()}
    assert "/data/café/x\\\\xfe.txt" in texts["report.md"]  # markdown escapes the backslash
    assert "wordeval run 'vx\\xfe=/tmp/x\\xfe.txt'" in texts["report.md"]
    stored = json.loads(texts["results.json"])["records"]
    assert {r["dataset"]["source"] for r in stored} == {"/data/café/x\\xfe.txt"}
    assert {r["embedding"]["source"] for r in stored} == {"/tmp/x\\xfe.txt"}


def test_report_and_compare_of_a_record_file_whose_labels_hold_lone_surrogates(tmp_path, capsys):
    records = tmp_path / "older.jsonl"
    records.write_text("".join(r.to_json() + "\n" for r in _older_records(names=("A", "B", f"v{LATIN1}"))),
                       encoding="ascii")
    out = tmp_path / "rep"
    assert main(["--quiet", "report", str(records), "--out", str(out), "--n-boot", "20"]) == 0
    assert "vx\\xfe" in json.loads((out / "results.json").read_bytes())["comparison"]["representations"]
    assert "vx\\xfe" in (out / "results.csv").read_bytes().decode("utf-8")
    capsys.readouterr()
    assert main(["--quiet", "compare", str(records), "--n-boot", "20", "--json"]) == 0
    printed = capsys.readouterr().out
    printed.encode("utf-8")  # no lone surrogate left
    assert "vx\\xfe" in json.loads(printed)["representations"]


def test_a_surrogate_that_stands_for_no_byte_is_spelled_by_its_code_point():
    """A JSON record edited by hand can hold "\\ud800", which surrogateescape cannot turn back into a byte:
    readable_text raised UnicodeEncodeError on it."""
    from wordeval.readable_text import readable_text

    assert readable_text("a\ud800b") == "a\ud800b".encode("utf-8", "backslashreplace").decode() == "a\\ud800b"


def test_records_made_readable_keep_what_the_store_set_on_them(tmp_path):
    """The readable copy of a record is a new dataclass: replace() copied its fields only, so stored_at (the
    sub-second order in which compare picks the later of two same-second records) and stored_key were lost."""
    from wordeval.results.store import load_records

    with ResultStore(tmp_path / "S") as store:
        for r in _older_records(names=("A",)):
            store.put(r)
        raw = {r.stored_key: r.stored_at for r in store.records()}
    records, _ = load_records([str(tmp_path / "S")])
    assert records and all(r.embedding["source"] == "/tmp/x\\xfe.txt" for r in records)  # made readable
    assert {r.stored_key: r.stored_at for r in records} == raw
