"""The SQLite result store: round trips, keys, bad input, and resuming after SIGKILL mid-run."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests._records import toy_records
from wordeval.errors import InputFormatError, MissingFileError
from wordeval.results.store import ResultStore, load_records, request_key


def test_put_get_roundtrip_keyed_by_cache_key(tmp_path):
    records = toy_records()
    with ResultStore(tmp_path / "out") as store:
        keys = [store.put(r, request=f"req{i}") for i, r in enumerate(records)]
        assert keys == [r.cache_key() for r in records]
        assert len(store) == len(records)
    with ResultStore(tmp_path / "out", create=False) as store:  # reopened from disk
        back = store.get(keys[0])
        assert back.to_dict() == records[0].to_dict()
        assert store.get_request("req3").cache_key() == keys[3]
        assert store.get_request("nope") is None and store.get("nope") is None
        assert store.check() == []
        assert [r.cache_key() for r in store.records()] == keys


def test_replacing_a_record_keeps_one_row(tmp_path):
    rec = toy_records()[0]
    with ResultStore(tmp_path) as store:
        store.put(rec)
        store.put(rec)
        assert len(store) == 1


def test_request_key_depends_on_everything_that_moves_a_score():
    base = request_key("sha256:x", "similarity/ws353", "1", {"oov": "skip"}, 0)
    assert base == request_key("sha256:x", "similarity/ws353", "1", {"oov": "skip"}, 0)
    assert len({base, request_key("sha256:y", "similarity/ws353", "1", {"oov": "skip"}, 0),
                request_key("sha256:x", "similarity/ws353", "2", {"oov": "skip"}, 0),
                request_key("sha256:x", "similarity/ws353", "1", {"oov": "zero"}, 0),
                request_key("sha256:x", "similarity/ws353", "1", {"oov": "skip"}, 1)}) == 5


def test_skipped_reasons_are_kept_and_cleared_when_the_task_later_runs(tmp_path):
    rec = toy_records()[0]
    with ResultStore(tmp_path) as store:
        store.put_skipped("r1", task=rec.task, embedding_name="A", reason="no WORDEVAL_DATA")
        assert store.skipped() == [{"task": rec.task, "embedding": "A", "reason": "no WORDEVAL_DATA"}]
        store.put(rec, request="r1")
        assert store.skipped() == []


def test_not_a_store_is_one_clear_error(tmp_path):
    bad = tmp_path / "results.sqlite"
    bad.write_text("this is not sqlite\n" * 100)
    with pytest.raises(InputFormatError, match="results.sqlite: expected a wordeval result store"):
        ResultStore(tmp_path)
    with pytest.raises(MissingFileError):
        ResultStore(tmp_path / "absent", create=False)
    with pytest.raises(MissingFileError):
        load_records([tmp_path / "absent"])


def test_a_corrupt_record_row_is_reported_by_check_and_on_read(tmp_path):
    rec = toy_records()[0]
    with ResultStore(tmp_path) as store:
        key = store.put(rec)
    db = sqlite3.connect(tmp_path / "results.sqlite")
    db.execute("UPDATE records SET json = ? WHERE key = ?", ('{"schema_version": 1}', key))
    db.commit()
    db.close()
    with ResultStore(tmp_path) as store:
        problems = store.check()
        assert len(problems) == 1 and key in problems[0] and "expected a wordeval result record" in problems[0]
        with pytest.raises(InputFormatError):
            store.get(key)


def test_load_records_reads_json_files_and_lists(tmp_path):
    records = toy_records()
    (tmp_path / "one.json").write_text(records[0].to_json())
    (tmp_path / "many.json").write_text(json.dumps({"records": [r.to_dict() for r in records[1:]],
                                                    "skipped": [{"task": "t", "embedding": "e", "reason": "r"}]}))
    got, skipped = load_records([tmp_path / "one.json", tmp_path / "many.json"])
    assert [r.cache_key() for r in got] == [r.cache_key() for r in records]
    assert skipped == [{"task": "t", "embedding": "e", "reason": "r"}]
    (tmp_path / "bad.json").write_text("[1, 2]")
    with pytest.raises(InputFormatError,
                       match=r"bad.json \(record 1 of 2\): expected a JSON object per result record"):
        load_records([tmp_path / "bad.json"])


# -- SIGKILL mid-run -----------------------------------------------------------------------------------

# A small driver around the real runner: six user similarity tasks (spec files, each leaving out a different
# sixth of the pairs) on real GloVe vectors. The pause per cell only widens the window in which the test
# kills the process; the store must never depend on where the kill lands.
DRIVER = textwrap.dedent('''
    import logging, sys, time
    from pathlib import Path
    import wordeval.runner as runner

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    store_dir, pairs_file = sys.argv[1], sys.argv[2]
    lines = Path(pairs_file).read_text(encoding="utf-8").splitlines()
    N = 6
    specs = []
    for i in range(N):
        data = Path(store_dir).parent / f"kill{i}.tsv"
        data.write_text("\\n".join(l for k, l in enumerate(lines) if k % N != i) + "\\n", encoding="utf-8")
        spec = data.with_suffix(".toml")
        spec.write_text(f'name = "kill{i}"\\nfamily = "similarity"\\n[files]\\ntest = "{data.name}"\\n')
        specs.append(str(spec))
    compute = runner.compute_cell

    def slow(*args, **kwargs):
        time.sleep(0.4)
        return compute(*args, **kwargs)

    runner.compute_cell = slow
    runner.run(["glove=glove-6b-50d"], [(s, {"oov": "skip", "case": "lower"}) for s in specs], out=store_dir)
''')

PAIRS = """love\tsex\t6.77\ntiger\tcat\t7.35\nbook\tpaper\t7.46\ncomputer\tkeyboard\t7.62\nplane\tcar\t5.77
train\tcar\t6.31\ntelephone\tcommunication\t7.50\ntelevision\tradio\t6.77\nmedia\tradio\t7.42\ndrug\tabuse\t6.85
bread\tbutter\t6.19\ncucumber\tpotato\t5.92\ndoctor\tnurse\t7.00\nprofessor\tdoctor\t6.62\nstudent\tprofessor\t6.81
smart\tstupid\t5.81\nwood\tforest\t7.73\nmoney\tcash\t9.15\nking\tcabbage\t0.23\nking\tqueen\t8.58
king\trook\t5.92\nbishop\trabbi\t6.69\nfuck\tsex\t9.44\nfootball\tsoccer\t9.03\nfootball\tbasketball\t6.81
football\ttennis\t6.63\ntennis\tracket\t7.56\narafat\tpeace\t6.73\nlaw\tlawyer\t8.38\nmovie\tstar\t7.38
movie\tpopcorn\t6.19\nmovie\tcritic\t6.73\nmovie\ttheater\t7.92\nphysics\tproton\t8.12\nphysics\tchemistry\t7.35
space\tchemistry\t4.88\nalcohol\tchemistry\t5.54\nvodka\tgin\t8.46\nvodka\tbrandy\t8.13\ndrink\tcar\t3.04
drink\tear\t1.31\ndrink\tmouth\t5.96\ndrink\teat\t6.87\nbaby\tmother\t7.85\ndrink\tmother\t2.65
car\tautomobile\t8.94\ngem\tjewel\t8.96\njourney\tvoyage\t9.29\nboy\tlad\t8.83\ncoast\tshore\t9.10
asylum\tmadhouse\t8.87\nmagician\twizard\t9.02\nmidday\tnoon\t9.29\nfurnace\tstove\t8.79\nfood\tfruit\t7.52
"""


WRITER = """
import sys
from tests._records import toy_records
from wordeval.results.store import ResultStore
which, folder = int(sys.argv[1]), sys.argv[2]
records = toy_records()
with ResultStore(folder) as store:  # every writer creates the store if it is not there yet
    for _ in range(25):  # the same rows again and again: many transactions while the others write
        for i, rec in enumerate(records):
            if i % 4 == which:
                store.put(rec, request=f"req{i}")
"""


def test_several_processes_write_into_one_store_at_once(tmp_path):
    """Runs of a job array may share one --out store: four processes that open (and create) it at the same
    moment and write at once lose nothing, and the store checks clean."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    procs = [subprocess.Popen([sys.executable, str(script), str(k), str(tmp_path / "shared")], cwd=root, env=env,
                              stderr=subprocess.PIPE, text=True) for k in range(4)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    records = toy_records()
    with ResultStore(tmp_path / "shared", create=False) as store:
        assert store.check() == [] and len(store) == len(records)
        assert {r.cache_key() for r in store.records()} == {r.cache_key() for r in records}
        assert all(store.get_request(f"req{i}").cache_key() == r.cache_key() for i, r in enumerate(records))


@pytest.mark.timeout(300)
def test_sigkill_mid_run_then_resume_loses_and_corrupts_nothing(tmp_path, glove50):
    store_dir = tmp_path / "store"
    (tmp_path / "driver.py").write_text(DRIVER)
    (tmp_path / "pairs.tsv").write_text(PAIRS)
    cmd = [sys.executable, str(tmp_path / "driver.py"), str(store_dir), str(tmp_path / "pairs.tsv")]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).parent.parent)
    seen = 0
    for line in proc.stderr:
        if line.startswith("stored "):
            seen += 1
            if seen == 2:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=60)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the driver finished before it could be killed"

    with ResultStore(store_dir, create=False) as store:
        assert store.check() == []
        n_before = len(store)
        stamps = store.stored_at()
    assert 2 <= n_before < 6

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=240, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert sum(line.startswith("cached ") for line in lines) == n_before  # finished work not redone
    assert sum(line.startswith("stored ") for line in lines) == 6 - n_before
    with ResultStore(store_dir, create=False) as store:
        assert store.check() == []
        assert len(store) == 6
        after = store.stored_at()
        assert all(after[k] == t for k, t in stamps.items())  # earlier records untouched
        for rec in store.records():
            assert -1 <= rec.main_value <= 1 and rec.n_used == len(rec.per_item["id"])


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_a_store_removed_or_replaced_mid_run_is_an_error_not_a_silent_loss(tmp_path, how):
    """SQLite keeps writing into the unlinked file it holds open: a run whose --out folder was deleted under it
    reported "N computed; N records in R/results.sqlite", exit 0, and R/ did not exist."""
    import shutil

    from wordeval.errors import OutputError

    first, second = toy_records()[:2]
    out = tmp_path / "R"
    with ResultStore(out) as store:
        store.put(first)
        shutil.rmtree(out)
        if how == "replaced":  # another store now lives at that path: this run must not claim it holds its record
            with ResultStore(out) as other:
                other.put(first)
        with pytest.raises(OutputError, match="removed or replaced while this run wrote to it"):
            store.put(second)
        with pytest.raises(OutputError, match="removed or replaced"):
            store.check_in_place()
    if how == "replaced":
        with ResultStore(out, create=False) as other:
            assert len(other) == 1
    else:
        assert not out.exists()
