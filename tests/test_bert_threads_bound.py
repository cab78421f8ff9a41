"""An encoder's ``threads`` in the ten thousands: torch starts every one of them on the first batch, and
``minilm:threads=100000`` ended the run there with libgomp's "Out of memory allocating ..." (exit 1, the
store already created). Now one line, exit 2, before the store is made; a count above this machine's CPUs
but within the bound is kept (a spec may be meant for larger workers)."""
from __future__ import annotations

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from wordeval.errors import ConfigError  # noqa: E402

TOO_MANY = 100_000


def test_threads_beyond_the_cpus_stop_the_run_before_its_store(tmp_path, capsys):
    from wordeval.cli import main

    (tmp_path / "sts.tsv").write_text("a cat\ta dog\t1.0\nthe sun\ta star\t2.0\n")
    (tmp_path / "sts.toml").write_text('name = "tiny"\nfamily = "sts"\n[files]\ntest = "sts.tsv"\n')
    out = tmp_path / "out"
    assert main(["-q", "intrinsic", f"minilm:threads={TOO_MANY}", "--tasks", str(tmp_path / "sts.toml"),
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    # the spec first (874a9bd: a run of several representations said which one)
    assert err == (f"wordeval: error: minilm:threads={TOO_MANY}: threads='{TOO_MANY}': expected at most 1024 (torch starts that many "
                   "OpenMP threads at once; a machine's CPUs are os.cpu_count())")
    assert not out.exists()


def test_the_python_api_refuses_them_too():
    from wordeval.embeddings.bert import BertEncoder

    with pytest.raises(ConfigError, match=f"threads={TOO_MANY}: expected at most"):
        BertEncoder("minilm", threads=TOO_MANY, device="cpu")


def test_more_threads_than_cpus_within_the_bound_are_kept():
    import os

    from wordeval.embeddings.bert import MAX_THREADS, check_threads

    assert check_threads((os.cpu_count() or 1) + 1) == (os.cpu_count() or 1) + 1
    assert check_threads(str(MAX_THREADS)) == MAX_THREADS
