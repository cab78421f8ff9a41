"""`compare --csv > FILE` under `ulimit -f` (here RLIMIT_FSIZE, in a real process) with PYTHONUNBUFFERED=1, as
batch jobs and containers often set it: the CSV is one write, which the limit cuts short (the system writes
what fits and returns its count), and Python's write-through text layer dropped the rest without a word. The
command ended with exit code 0 and a cut CSV. Now the rest is written again, and that write's EFBIG is the
one-line error (exit 2); buffered, it was so already. The oracle is the same command's CSV without a limit."""
from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from tests._records import toy_records

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")


def _compare(records, out, *, unbuffered: bool, limit: int | None):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"

    def limited():
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    with open(out, "wb") as fh:
        return subprocess.run([sys.executable, "-m", "wordeval", "compare", str(records), "--csv", "--n-boot", "10"],
                              stdout=fh, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=limited,
                              timeout=120)


@pytest.mark.parametrize("unbuffered", [True, False], ids=["write-through", "buffered"])
def test_a_csv_cut_by_the_file_size_limit_is_an_error(tmp_path, unbuffered, capsys):
    from wordeval.cli import main

    records = tmp_path / "records.jsonl"
    records.write_text("".join(r.to_json() + "\n" for r in toy_records()), encoding="utf-8")
    assert main(["compare", str(records), "--csv", "--n-boot", "10"]) == 0
    csv = capsys.readouterr().out.encode("utf-8")
    assert len(csv) > 200

    cut = _compare(records, tmp_path / "cut.csv", unbuffered=unbuffered, limit=len(csv) // 2)
    assert cut.returncode == 2, cut.stderr
    assert cut.stderr.splitlines() == [
        "wordeval: error: standard output: cannot write: the file-size limit (ulimit -f) was reached: raise it "
        "or point the output elsewhere (File too large)"], cut.stderr
    assert (tmp_path / "cut.csv").read_bytes() == csv[:len(csv) // 2]

    fits = _compare(records, tmp_path / "fits.csv", unbuffered=unbuffered, limit=len(csv))
    assert fits.returncode == 0, fits.stderr
    assert (tmp_path / "fits.csv").read_bytes() == csv
