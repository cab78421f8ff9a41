"""Integer options refuse what no run can use, in one line naming the option and its bound, before anything
is written: --restrict-vocab 2**64 was taken (a row count beyond int64, no vocabulary's), n_seeds = 2**32
trained seed after seed without end (or was blamed on --seed), --clusters/--epochs 2**64 were refused as
"tagging option ..." naming no flag, and QVEC's seed took values numpy's legacy seeding and sklearn refuse.
The bounds are the constants' definitions (int64, int32, the --seeds bound), written out here by hand."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.errors import ConfigError

INT64_MAX = 9_223_372_036_854_775_807
INT32_MAX = 2_147_483_647


def _refused(argv, tmp_path, capsys, *words):
    out = tmp_path / "out"
    assert main([*argv, "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err, captured.err
    for w in words:
        assert w in captured.err, captured.err
    assert not out.exists() and not captured.out


@pytest.mark.parametrize("command", ["intrinsic", "run"])
@pytest.mark.parametrize("value", [str(2 ** 64), str(INT64_MAX + 1)])
def test_restrict_vocab_beyond_int64_is_refused(command, value, tmp_path, capsys):
    _refused([command, "glove-6b-50d", "--tasks", "similarity/mc30", "--restrict-vocab", value], tmp_path,
             capsys, "--restrict-vocab", str(INT64_MAX))


def test_restrict_vocab_by_set_and_by_the_api(tmp_path, capsys):
    _refused(["intrinsic", "glove-6b-50d", "--tasks", "similarity/mc30", "--set",
              f"restrict_vocab={2 ** 64}"], tmp_path, capsys, "restrict_vocab", f"1 to {INT64_MAX}")
    import wordeval
    with pytest.raises(ConfigError, match="restrict_vocab"):
        wordeval.run(["glove-6b-50d"], ["similarity/mc30"], restrict_vocab=2 ** 64, out=tmp_path / "api")
    assert not (tmp_path / "api").exists()


@pytest.mark.parametrize("task, value, words", [
    ("classification/trec6", 2 ** 32, ("n_seeds", "1 to 1000")),
    ("classification/trec6", 1001, ("n_seeds", "1 to 1000")),
    ("pos/ud-ewt", 1001, ("n_seeds", "<= 1000")),
    ("pos/ud-ewt", 2 ** 31 - 1, ("n_seeds", "<= 1000")),
])
def test_n_seeds_beyond_the_seeds_bound_is_refused(task, value, words, tmp_path, capsys):
    _refused(["extrinsic", "glove-6b-50d", "--tasks", task, "--seeds", "1", "--set", f"n_seeds={value}"],
             tmp_path, capsys, *words)


@pytest.mark.parametrize("flag", ["--clusters", "--epochs"])
def test_clusters_and_epochs_name_the_flag(flag, tmp_path, capsys):
    _refused(["extrinsic", "glove-6b-50d", "--tasks", "pos/ud-ewt", "--learner", "crf", flag, str(2 ** 64)],
             tmp_path, capsys, f"argument {flag}", f"<= {INT32_MAX}")


def test_qvec_seed_takes_the_seed_range():
    from wordeval.intrinsic.qvec import CONFIG_SCHEMA
    from wordeval.options import parse_options

    assert parse_options("qvec", {"seed": 2 ** 32 - 1}, CONFIG_SCHEMA)["seed"] == 2 ** 32 - 1
    with pytest.raises(ConfigError, match="4294967295"):
        parse_options("qvec", {"seed": 2 ** 32}, CONFIG_SCHEMA)
