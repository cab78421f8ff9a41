"""What compare and report list as unfinished, when several runs planned the same cell: a cell that any run
stored or found stored under the same config is done, whichever run planned it last (a killed run's cells
stayed 'not computed' after a later run computed them); the newest plan is the last to register in the store,
not the one with the latest clock; and an older run under another config that runs beside the newer one is
still listed (its unstored cells were hidden by the newer run's plan)."""
from __future__ import annotations


import pytest

from tests._records import dead_pid, make_record, pos_record
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore, load_records



def _as_killed(store, run_id):
    store._db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (dead_pid(), run_id))


def _unfinished(out):
    return [(s["embedding"], s["seeds"], s["state"]) for s in load_records(out)[1]]


PLAN = [("A", "pos/toy", seed, "epochs=5") for seed in (0, 1)]


def test_a_later_run_whose_host_clock_lags_still_completes_a_killed_runs_cells(tmp_path):
    """The later run's start time, by its host's clock, is an hour before the killed run's: ordered by that
    clock the killed run's plan stayed the newest, and its cells 'not computed' with their records stored."""
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN) as killed:
            store.put(pos_record("A", 0))
            _as_killed(store, killed)
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN) as later:
            store._db.execute("UPDATE runs SET started = started - 3600 WHERE run_id = ?", (later,))
            store.put(pos_record("A", 1))
    assert _unfinished(tmp_path / "s") == []


def test_a_run_killed_before_writing_the_cells_it_found_leaves_them_done(tmp_path):
    """A resuming run batches the cells it finds stored; SIGKILL before the batch is written left them 'not
    computed' although the same config's record, stored by the earlier run, is there."""
    with ResultStore(tmp_path / "s") as store, registered(store, PLAN):
        for seed in (0, 1):
            store.put(pos_record("A", seed), request=f"req{seed}")
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN) as resumed:
            for seed in (0, 1):
                store.found(store.get_request(f"req{seed}"), f"req{seed}")
            store._found = []  # what SIGKILL loses: the batch not written yet
            _as_killed(store, resumed)
            assert _unfinished(tmp_path / "s") == []


def test_an_older_run_under_another_config_running_beside_a_newer_one_stays_listed(tmp_path):
    with ResultStore(tmp_path / "s") as older_store:
        with registered(older_store, PLAN) as older:
            with ResultStore(tmp_path / "s") as newer_store:
                with registered(newer_store, [("A", "pos/toy", s, "epochs=9") for s in (0, 1)]):
                    for seed in (0, 1):
                        newer_store.put(pos_record("A", seed))
            # the newer run stored both seeds under its config; the older one, still running, stored none
            assert _unfinished(tmp_path / "s") == [("A", [0, 1], "in progress")]
            _as_killed(older_store, older)
            assert _unfinished(tmp_path / "s") == [("A", [0, 1], "not computed")]


def test_an_older_run_under_another_config_that_ended_before_the_newer_one_is_superseded(tmp_path):
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN) as older:
            _as_killed(store, older)
        store._db.execute("UPDATE runs SET finished = NULL, outcome = 'running' WHERE run_id = ?", (older,))
        with registered(store, [("A", "pos/toy", s, "epochs=9") for s in (0, 1)]):
            for seed in (0, 1):
                store.put(pos_record("A", seed))
    assert _unfinished(tmp_path / "s") == []



def test_a_second_interrupt_while_a_run_closes_does_not_leave_it_unclosed(tmp_path, monkeypatch):
    """SIGTERM to a whole job (and `timeout` passing it on) reaches the run twice: the second one, raised while
    the first was being handled, cut the run's closing short, and the run was listed as killed."""
    import signal

    with ResultStore(tmp_path / "s") as store:
        flush = store.flush_found

        def second_signal():
            signal.raise_signal(signal.SIGINT)  # Python's handler: KeyboardInterrupt in the main thread
            flush()

        monkeypatch.setattr(store, "flush_found", second_signal)
        with pytest.raises(KeyboardInterrupt):
            with registered(store, PLAN) as run_id:
                raise KeyboardInterrupt
        row = store._db.execute("SELECT finished IS NOT NULL, outcome FROM runs WHERE run_id = ?",
                                (run_id,)).fetchone()
    assert row == (1, "interrupted")


def test_a_cell_stored_for_the_labels_earlier_vectors_stays_missing_for_a_killed_run_on_new_ones(tmp_path):
    """The plan's config holds no fingerprint: a record of the same config made with the label's earlier file,
    which compare leaves out, is not the killed run's cell."""
    def sim(task, fingerprint, time="2024-01-01"):
        return make_record("A", task, {"id": list(range(12)), "gold": list(range(12)),
                                       "pred": [(i * 7) % 12 for i in range(12)]},
                           fingerprint=fingerprint, time=time)

    plan = [("A", "similarity/one", 0, "cfg"), ("A", "similarity/two", 0, "cfg")]
    with ResultStore(tmp_path / "s") as store:
        with registered(store, plan):
            store.put(sim("similarity/one", "sha256:v1"))
            store.put(sim("similarity/two", "sha256:v1"))
        with registered(store, plan) as killed:  # the same command after the vectors file changed
            store.put(sim("similarity/one", "sha256:v2", time="2024-01-02"))
            _as_killed(store, killed)
            assert [(s["task"], s["state"]) for s in load_records(tmp_path / "s")[1]] == \
                [("similarity/two", "not computed")]


def test_an_intrinsic_task_run_again_with_another_seed_is_not_listed_under_the_killed_runs_seed(tmp_path):
    """An intrinsic task's seed moves only its CI (compare keeps its latest record of any seed): a run killed
    before it, then `intrinsic --seed 1`, left 'seed 0 not computed' beside the task's score."""
    def sim(seed):
        return make_record("A", "similarity/toy", {"id": list(range(12)), "gold": list(range(12)),
                                                   "pred": [(i * 7) % 12 for i in range(12)]}, seed=seed)

    with ResultStore(tmp_path / "s") as store:
        with registered(store, [("A", "similarity/toy", 0, "cfg"), ("A", "pos/toy", 0, "cfg")]) as killed:
            _as_killed(store, killed)
        store._db.execute("UPDATE runs SET finished = NULL, outcome = 'running' WHERE run_id = ?", (killed,))
        with registered(store, [("A", "similarity/toy", 1, "cfg")]):
            store.put(sim(1))
    assert [(s["task"], s["seeds"], s["state"]) for s in load_records(tmp_path / "s")[1]] == \
        [("pos/toy", [0], "not computed")]
