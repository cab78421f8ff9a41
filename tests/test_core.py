"""Core contracts: registry, errors, case policies, static embedding, bootstrap, result records."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest
from scipy import stats

from wordeval.embeddings.base import StaticEmbedding, content_fingerprint
from wordeval.embeddings.case import lookup_with_case
from wordeval.errors import ConfigError, InputFormatError, UnknownNameError
from wordeval.registry import Registry
from wordeval.results.record import ResultRecord
from wordeval.stats.bootstrap import bootstrap_ci, mean_ci, paired_bootstrap


def test_import_is_light():
    code = ("import sys, wordeval, wordeval.cli, wordeval.registry; wordeval.cli.build_parser(); "
            "bad = [m for m in ('torch', 'transformers', 'matplotlib') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_import_reads_no_files_and_starts_nothing():
    """``import wordeval`` read the installed distributions (importlib.metadata, 30 of its 35 ms) for
    ``__version__``; the version is now read on first use, and is the installed one."""
    code = ("import sys, threading, wordeval; "
            "print([m for m in ('importlib.metadata', 'numpy', 'numba', 'torch') if m in sys.modules], "
            "threading.active_count()); "
            "from importlib import metadata; print(wordeval.__version__ == metadata.version('wordeval'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[] 1", "True"]


def test_registry_rejects_duplicates_and_suggests():
    reg = Registry(catalogs=())
    reg.add("dataset", "simlex999", "json:loads")
    with pytest.raises(ConfigError, match="duplicate"):
        reg.add("dataset", "simlex999", "json:dumps")
    with pytest.raises(UnknownNameError, match="did you mean 'simlex999'"):
        reg.entry("dataset", "simlex-999")
    assert reg.resolve("dataset", "simlex999") is json.loads


def test_input_format_error_names_file_and_line(tmp_path):
    err = InputFormatError(tmp_path / "v.txt", 3, "51 fields", "50")
    assert str(err) == f"{tmp_path / 'v.txt'}:3: expected 51 fields, got 50"


def _toy():
    words = ["the", "Paris", "paris", "PARIS", "dog"]
    vecs = np.arange(10, dtype=np.float32).reshape(5, 2)
    return StaticEmbedding(words, vecs)


def test_lookup_never_raises_and_zero_fills():
    emb = _toy()
    v, f = emb.lookup(["dog", "cat"])
    assert f.tolist() == [True, False]
    assert v[1].tolist() == [0.0, 0.0] and v[0].tolist() == [8.0, 9.0]


def test_case_policies_first_variant_wins():
    emb = _toy()
    _, f = lookup_with_case(emb, ["The", "pARIS"], "exact")
    assert f.tolist() == [False, False]
    v, f = lookup_with_case(emb, ["The", "pARIS"], "lower")
    assert f.all() and v[1].tolist() == [2.0, 3.0]  # "Paris" (row 1) is the first variant of "paris"
    v, f = lookup_with_case(emb, ["paris", "PARIS", "The"], "exact-then-lower")
    assert f.all() and v[:, 0].tolist() == [4.0, 6.0, 0.0]
    with pytest.raises(ConfigError):
        lookup_with_case(emb, ["x"], "upper")


def test_vectors_are_read_only_and_fingerprint_is_content():
    emb = _toy()
    with pytest.raises(ValueError):
        emb.vectors[0, 0] = 1.0
    same = StaticEmbedding(list(emb.words), np.array(emb.vectors))
    assert same.info.fingerprint == emb.info.fingerprint
    other = np.array(emb.vectors)
    other[0, 0] += 1
    assert content_fingerprint(emb.words, other) != emb.info.fingerprint


def test_bootstrap_ci_contains_estimate_and_is_seeded():
    rng = np.random.default_rng(1)
    x = rng.normal(size=300)
    y = x + rng.normal(size=300)
    rho = stats.spearmanr(x, y).statistic
    stat = lambda a, b: stats.spearmanr(a, b).statistic  # noqa: E731
    lo, hi = bootstrap_ci(stat, x, y, n_boot=300, seed=3)
    assert lo < rho < hi
    assert (lo, hi) == bootstrap_ci(stat, x, y, n_boot=300, seed=3)
    lo, hi = mean_ci((x > 0).astype(float), n_boot=500)
    assert lo < np.mean(x > 0) < hi


def test_paired_bootstrap_detects_a_real_difference_and_not_a_null_one():
    rng = np.random.default_rng(0)
    good = (rng.random(500) < 0.8).astype(float)
    bad = (rng.random(500) < 0.6).astype(float)
    res = paired_bootstrap(np.mean, [good], [bad], n_boot=500)
    assert res["difference"] == pytest.approx(good.mean() - bad.mean())
    assert res["p_value"] < 0.01
    assert paired_bootstrap(np.mean, [good], [good], n_boot=200)["p_value"] == 1.0


def test_result_record_roundtrip_and_nan_is_null():
    rec = ResultRecord(task="similarity/ws353", task_version="1", family="similarity", kind="intrinsic",
                       embedding={"name": "e", "fingerprint": "sha256:ab"}, config={"oov": "skip"},
                       scores={"spearman": float("nan"), "pearson": np.float32(0.5)}, main_score="spearman",
                       n_total=10, n_used=8, dataset_sha256={"a.txt": "00"}, run={"seed": 0})
    d = json.loads(rec.to_json())
    assert d["scores"]["spearman"] is None and d["coverage"] == 0.8
    back = ResultRecord.from_dict(d)
    assert back.cache_key() == rec.cache_key()
    assert math.isclose(back.scores["pearson"], 0.5)
    with pytest.raises(InputFormatError, match="schema_version"):
        ResultRecord.from_dict({**d, "schema_version": 99}, source="r.json")


def test_no_interval_from_fewer_items_than_the_bootstrap_minimum():
    """Hand-checkable: with 2 items of a Spearman every defined resample is the observed pair again, so the
    percentile interval was [1, 1]; below MIN_BOOTSTRAP_ITEMS no interval is given at all."""
    from wordeval.stats.bootstrap import MIN_BOOTSTRAP_ITEMS, percentile_ci

    stat = lambda a, b: stats.spearmanr(a, b).statistic  # noqa: E731
    few = np.arange(MIN_BOOTSTRAP_ITEMS - 1, dtype=float)
    assert all(np.isnan(bootstrap_ci(stat, few, few, n_boot=50)))
    assert all(np.isnan(mean_ci(np.ones(MIN_BOOTSTRAP_ITEMS - 1), n_boot=50)))
    assert all(np.isnan(percentile_ci(np.linspace(0, 1, 100), n_items=MIN_BOOTSTRAP_ITEMS - 1)))
    assert percentile_ci(np.linspace(0, 1, 101), n_items=MIN_BOOTSTRAP_ITEMS, level=0.9) == pytest.approx((0.05, 0.95))
    enough = np.arange(MIN_BOOTSTRAP_ITEMS, dtype=float)
    # a perfect ranking stays perfect (scipy rounds a Spearman of 1 to within a few float64 ulps)
    assert bootstrap_ci(stat, enough, enough, n_boot=50) == pytest.approx((1.0, 1.0), abs=8 * np.finfo(float).eps)
