"""A store folder copied (``cp -a``) while a run writes into it: that run goes on writing into the original.
Judged by its pid alone it was alive in the copy too, so every run into the copy was refused ('another run
plans ... into this store') until the original's run ended, and status listed its cells in the copy as in
progress, though no run would ever store them there. The original keeps refusing a second run."""
from __future__ import annotations

import shutil

import pytest

from tests._records import pos_record
from wordeval.errors import ConfigError
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore, load_records
from wordeval.results.store_status import store_status

PLAN = [("A", "pos/toy", seed, "cfg") for seed in (0, 1)]


def _unfinished(out):
    return [(s["seeds"], s["state"]) for s in load_records(out)[1]]


def test_a_copy_taken_while_a_run_writes_is_not_blocked_by_that_run(tmp_path):
    with ResultStore(tmp_path / "orig") as store, registered(store, PLAN):
        store.put(pos_record("A", 0))
        shutil.copytree(tmp_path / "orig", tmp_path / "copy")  # the WAL (the stored record) goes with it

        # the original: its run is live, so a second run of the same cells is still refused there
        with ResultStore(tmp_path / "orig") as again:
            with pytest.raises(ConfigError, match="another run"):
                with registered(again, PLAN):
                    pass
        assert _unfinished(tmp_path / "orig") == [([1], "in progress")]

        # the copy: nothing will store seed 1 there but a run into the copy
        assert _unfinished(tmp_path / "copy") == [([1], "not computed")]
        status = store_status(tmp_path / "copy")
        assert [r["state"] for r in status["runs"]] == ["killed"]
        assert status["exit_code"] == 5
        with ResultStore(tmp_path / "copy") as copy, registered(copy, PLAN):
            copy.put(pos_record("A", 1))
    assert _unfinished(tmp_path / "copy") == []
    assert len(load_records(tmp_path / "copy")[0]) == 2
