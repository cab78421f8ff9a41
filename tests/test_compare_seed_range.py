"""compare's and report's --seed (and the API's seed=) took any integer: numpy's SeedSequence read a seed above
2^32 - 1 as several words of entropy (while a run's --seed stops at 2^32 - 1, numpy's and scikit-learn's limit,
as the README says), and a negative or fractional seed given to the API was numpy's traceback. Each is now one
line, exit 2, nothing written. Oracle: numpy itself accepts 2^32 and refuses -1 with its own ValueError."""
from __future__ import annotations

import numpy as np
import pytest

import wordeval
from tests._records import make_record
from wordeval.cli import main
from wordeval.errors import ConfigError
from wordeval.options import MAX_SEED


def _records():
    rng = np.random.default_rng(0)
    gold = rng.standard_normal(12)
    return [make_record(name, "similarity/toy", {"id": list(range(12)), "gold": list(gold),
                                                 "pred": list(gold + rng.standard_normal(12))})
            for name in ("A", "B")]


def test_numpy_alone_would_not_refuse_a_seed_beyond_32_bits():
    assert MAX_SEED == 2 ** 32 - 1
    np.random.default_rng(2 ** 32)  # no error: the bound is wordeval's, as for a run's --seed
    with pytest.raises(ValueError):
        np.random.default_rng(-1)


@pytest.mark.parametrize("seed", [-1, 1.5, 2 ** 32, 10 ** 30, True])
def test_the_api_refuses_a_seed_out_of_range(seed):
    # a value of another type is said with its type ("seed: expected an integer seed, got float 1.5")
    with pytest.raises(ConfigError, match=r"^seed(=|: expected an integer seed, got )"):
        wordeval.compare(_records(), n_boot=20, seed=seed)


def test_the_largest_seed_is_taken():
    assert wordeval.compare(_records(), n_boot=20, seed=MAX_SEED) is not None


@pytest.mark.parametrize("command", ["compare", "report"])
@pytest.mark.parametrize("seed", ["4294967296", "99999999999999999999999", "-1", "1.5"])
def test_the_cli_refuses_it_in_one_line(tmp_path, capsys, command, seed):
    records = tmp_path / "r.jsonl"
    records.write_text("".join(r.to_json() + "\n" for r in _records()), encoding="utf-8")
    out = ["--out", str(tmp_path / "rep")] if command == "report" else []
    rc = main(["--quiet", command, str(records), f"--seed={seed}", "--n-boot", "20", *out])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "--seed" in err and "Traceback" not in err, err
    assert not (tmp_path / "rep").exists()
