"""A planned cell is done only when the run that planned it stored its record or found it stored: matched on
(label, task, seed) alone, a run that planned a cell under another config and was killed before it had an
earlier run's record taken for its own, and compare and report said nothing was missing. Serial, grouped
(intersection) and distributed runs each say which record is each of their cells; runs registered by a
wordeval without that table are still matched on (label, task, seed)."""
from __future__ import annotations


import pytest

from tests._records import dead_pid, pos_record
from wordeval.report.compare import compare
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore, load_records
from wordeval.runner import execute, plan, planned_cells



def _unfinished(out):
    return [(s["embedding"], s["task"], s["seeds"], s["state"]) for s in load_records(out)[1]]


def test_a_cell_planned_under_another_config_is_not_taken_for_the_stored_one(tmp_path):
    with ResultStore(tmp_path / "s") as store, registered(store, [("A", "pos/toy", 0, "epochs=5")]):
        store.put(pos_record("A", 0))
    assert _unfinished(tmp_path / "s") == []
    with ResultStore(tmp_path / "s") as store:
        with registered(store, [("A", "pos/toy", s, "epochs=9") for s in (0, 1)]) as run_id:
            store.put(pos_record("A", 1))  # stored by this run: done
            assert _unfinished(tmp_path / "s") == [("A", "pos/toy", [0], "in progress")]
            store._db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (dead_pid(), run_id))  # SIGKILL
            records, skipped = load_records(tmp_path / "s")
            assert [(s["embedding"], s["seeds"], s["state"]) for s in skipped] == [("A", [0], "not computed")]
            assert compare(records, skipped=skipped, n_boot=20).summary[0].startswith(
                "Incomplete: 1 planned cell-seed(s) are not in the results (1 not computed): pos/toy on A")


def test_a_run_registered_without_cell_records_is_matched_on_label_task_and_seed(tmp_path):
    """What a wordeval before this table writes into a store that has it: runs and planned rows only."""
    with ResultStore(tmp_path / "s") as store:
        store.put(pos_record("A", 0))
        store._db.execute("INSERT INTO runs VALUES ('old', 'host', ?, 1.0, 2.0, 'finished')", (dead_pid(),))
        store._db.executemany("INSERT INTO planned VALUES ('old', 'A', 'pos/toy', ?, ?)",
                              [(s, f"A|pos/toy|{s}|cfg") for s in (0, 1)])
    assert _unfinished(tmp_path / "s") == [("A", "pos/toy", [1], "not computed")]


# words of WS-353 pairs (tiger-cat, book-paper, computer-keyboard, plane-car ...): vectors covering none left
# the grouped run's intersection empty, every score n/a, with an EmptyIntersectionWarning the test is
# not about
WS353_WORDS = ["tiger", "cat", "book", "paper", "computer", "keyboard", "internet", "plane", "car", "train",
               "love", "sex"]


def _tiny_vectors(tmp_path, name="v.txt"):
    vec = tmp_path / name
    words = WS353_WORDS + [f"w{i}" for i in range(50)]
    vec.write_text("".join(f"{w} {i % 7} {i % 5} 1\n" for i, w in enumerate(words)))
    return str(vec)


def _run(out, p, run=execute):
    with ResultStore(out) as store:
        with registered(store, planned_cells(p)) as run_id:
            summary = run(p, store)
        rows = store._db.execute("SELECT record_key FROM cell_records WHERE run_id = ?", (run_id,)).fetchall()
    return summary, [key for (key,) in rows]


@pytest.mark.parametrize("intersection", [False, True], ids=["serial", "grouped"])
def test_a_rerun_that_finds_its_cells_stored_leaves_none_missing(tmp_path, shared_data, intersection):
    reps = [f"A={_tiny_vectors(tmp_path)}", f"B={_tiny_vectors(tmp_path, 'w.txt')}"]
    p = plan(reps, ["similarity/ws353"], intersection=intersection)
    assert all(bool(c.group) == intersection for c in p.cells)
    first, keys = _run(tmp_path / "s", p)
    assert len(first.computed) == 2 and sorted(keys) == sorted(first.computed)
    # scored pairs, not an empty intersection
    assert all(r.n_used > 0 for r in load_records(tmp_path / "s")[0])
    again, keys = _run(tmp_path / "s", p)
    assert again.computed == [] and sorted(keys) == sorted(first.computed)
    assert _unfinished(tmp_path / "s") == []


def test_a_distributed_run_says_which_record_is_each_cell(tmp_path, shared_data):
    distributed = pytest.importorskip("distributed")
    from wordeval.distributed import execute_distributed

    p = plan([f"A={_tiny_vectors(tmp_path)}"], ["similarity/ws353", "similarity/simlex999"])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        def run(p_, store):
            return execute_distributed(p_, store, client=client)
        first, keys = _run(tmp_path / "s", p, run)
        assert len(first.computed) == 2 and sorted(keys) == sorted(first.computed)
        again, keys = _run(tmp_path / "s", p, run)
    assert again.computed == [] and sorted(keys) == sorted(first.computed)
    assert _unfinished(tmp_path / "s") == []
