"""Seeds side by side (``runner.execute(seed_threads=N)``): cells that differ only in their seed train in
threads of one process where the family allows it (the window MLP on CPU).

Oracle: the same plan run one cell at a time (``seed_threads=1``): every record must be bit for bit the same
(except when and how long it ran), since each fit seeds all of its own randomness and torch is pinned to one
intra-op thread while fits run together.
"""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from tests.test_distributed import records_of  # noqa: E402
from wordeval.results.store import ResultStore  # noqa: E402
from wordeval.runner import _concurrent_batch, default_seed_threads, execute, plan  # noqa: E402

# PTB POS sample (package artifact, offline): short settings so three seeds train in seconds
MLP = ("pos/ptb-pos", {"profile": "quick", "epochs": 3, "n_seeds": 1})
NER_MLP = ("ner/wnut16", {"profile": "quick", "epochs": 2, "n_seeds": 1})


def _run(tmp_path, name, tasks, seed_threads, seeds=(0, 1, 2)):
    p = plan(["glove=glove-6b-50d"], tasks, seeds=list(seeds))
    with ResultStore(tmp_path / name) as store:
        summary = execute(p, store, seed_threads=seed_threads)
    return summary, records_of(tmp_path / name)


def test_side_by_side_records_equal_one_at_a_time(tmp_path, glove50):
    threads_before = torch.get_num_threads()
    s1, one = _run(tmp_path, "one", [MLP], seed_threads=1)
    s2, two = _run(tmp_path, "two", [MLP], seed_threads=2)
    assert len(s1.computed) == len(s2.computed) == 3 and not s2.failed and not s2.skipped
    assert one == two  # scores, per-item counts, per-seed dev histories, configs: all identical
    assert len({r["main_value"] for r in two.values()}) > 1  # the seeds really differ
    assert torch.get_num_threads() == threads_before
    # a rerun finds every cell stored and computes nothing
    s3, again = _run(tmp_path, "two", [MLP], seed_threads=2)
    assert not s3.computed and len(s3.cached) == 3 and again == two


def test_two_tasks_side_by_side_records_equal_one_at_a_time(tmp_path, glove50):
    """A batch spans tasks: the NER cells start while POS's last seed trains, and each record is still the
    one-at-a-time record, stored in plan order."""
    p = plan(["glove=glove-6b-50d"], [MLP, NER_MLP], seeds=[0, 1, 2])
    assert len(_concurrent_batch(p.cells, 0, 2)) == 6
    s1, one = _run(tmp_path, "one", [MLP, NER_MLP], seed_threads=1)
    s2, two = _run(tmp_path, "two", [MLP, NER_MLP], seed_threads=2)
    assert len(s2.computed) == 6 and not s2.failed and not s2.skipped
    assert one == two
    assert s1.computed == s2.computed  # stored in the same (plan) order


def test_only_cells_of_concurrent_families_are_batched(glove50):
    p = plan(["glove=glove-6b-50d"], [MLP, ("ner/wnut16", {"learner": "crf", "profile": "quick"}),
                                      ("similarity/ws353", {})], seeds=[0, 1, 2])
    cells = p.cells
    first = _concurrent_batch(cells, 0, 2)
    # the CRF cells after them may not train side by side, so the batch ends there
    assert [c.seed for c in first] == [0, 1, 2] and all(c.task.name == "pos/ptb-pos" for c in first)
    assert len(_concurrent_batch(cells, 0, 1)) == 1  # one thread: one at a time
    crf = next(i for i, c in enumerate(cells) if c.config.get("learner") == "crf")
    assert len(_concurrent_batch(cells, crf, 2)) == 1  # crfsuite holds the GIL: no gain, one at a time
    sim = next(i for i, c in enumerate(cells) if c.task.name == "similarity/ws353")
    assert len(_concurrent_batch(cells, sim, 2)) == 1


def test_seed_threads_setting(monkeypatch):
    monkeypatch.setenv("WORDEVAL_SEED_THREADS", "3")
    assert default_seed_threads() == 3
    monkeypatch.setenv("WORDEVAL_SEED_THREADS", "0")
    from wordeval.errors import ConfigError
    with pytest.raises(ConfigError, match="WORDEVAL_SEED_THREADS"):
        default_seed_threads()
    monkeypatch.delenv("WORDEVAL_SEED_THREADS")
    assert 1 <= default_seed_threads() <= 4


def test_seeds_side_by_side_show_their_own_progress_as_whole_lines(tmp_path, glove50, monkeypatch):
    """The seeds in threads trained with their progress off: on a terminal the run's bar stood at 0/3 with its
    clock at 00:00 until the first seed ended (41 s for PTB POS), where one seed at a time shows its epochs.
    Each seed's bar is now its own, drawn by tqdm at its own position on a terminal and, off one (here), plain
    lines (wordeval.progress), each whole. A clock that moves an interval at each reading makes every bar a
    long step, so each says its end line. Oracle: the lines written by hand, and the records of the same run
    without progress."""
    import io
    import itertools

    import wordeval.progress as progress

    ticks = itertools.count(0.0, progress.INTERVAL)
    monkeypatch.setattr(progress, "clock", lambda: next(ticks))
    watcher = progress._Watcher()
    monkeypatch.setattr(watcher, "_run", lambda: None)
    monkeypatch.setattr(progress, "_WATCHER", watcher)
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    p = plan(["glove=glove-6b-50d"], [MLP], seeds=[0, 1, 2])
    with ResultStore(tmp_path / "shown") as store:
        execute(p, store, seed_threads=2, progress=True)
    lines = err.getvalue().splitlines()
    for seed in (0, 1, 2):
        assert sum(line.startswith(f"mlp seed {seed}: ended at ") for line in lines) == 1, lines
    assert all(line.startswith(("mlp seed ", "wordeval run: ", "stored ")) for line in lines), lines
    with ResultStore(tmp_path / "hidden") as store:
        execute(p, store, seed_threads=2, progress=False)
    assert records_of(tmp_path / "shown") == records_of(tmp_path / "hidden")
