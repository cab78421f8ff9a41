"""`wordeval status` on a store in a folder whose name holds a newline (legal on POSIX): its first line named the
store with the newline written raw, so the header came out as two lines, the second a stray path fragment,
while the run that wrote the store printed the same path with the newline as ``\\x0a``."""
from __future__ import annotations

from tests._records import pos_record
from tests.test_cli_status import PLAN
from wordeval.cli import main
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore


def test_a_store_path_with_a_newline_stays_on_one_line(tmp_path, capsys):
    store_path = tmp_path / "nl\ndir" / "s"
    store_path.parent.mkdir()
    with ResultStore(store_path) as store, registered(store, PLAN):
        store.put(pos_record("A", 0))
        store.put(pos_record("A", 1))
    assert main(["status", str(store_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{tmp_path}/nl\\x0adir/s") and lines[0].endswith(": 2 record(s)")
    assert lines[1].startswith("Runs (oldest first")
