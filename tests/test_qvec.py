"""QVEC and QVEC-CCA against the authors' scripts (ytsvetko/qvec ``qvec.py``, ``qvec_cca.py`` from
WORDEVAL_DATA/qvec, run unmodified with this interpreter), invariance properties, OOV/case handling,
per-item recomputation, the bootstrap, and the oracle parser's errors.

Tolerances. Both sides compute in float64 from the same float64 numbers (the vector files are written
with the shortest repr of each float32 value *as a float64*, so the scripts' ``float()`` reads exactly
the values wordeval holds).
- A Pearson r from centred columns: the dot product and the norms have an error <= (n+2) eps relative
  to ||a|| ||b|| (Cauchy-Schwarz bounds sum|a_i b_i|), and the mean's error (<= n eps max|x|) moves r
  by at most n eps max|x| / (sqrt(n) sd) <= n eps max|x| / sd. Per implementation
  |dr| <= (n + 2) eps (1 + max|x|/sd); two implementations: twice that; a sum of d of them: d times.
- Canonical correlations (cosines of principal angles): Householder QR is backward stable with
  ||E|| <= c n p eps ||X|| (Higham 2002, thm 19.4), which turns the column space by at most
  ||E|| / sigma_min = c n p eps kappa(X) (Wedin); the cosines move by at most the two turns added.
  Tolerance n eps (p kappa_X + q kappa_Y) per implementation (c = 1), doubled for two.
- The bootstrap's Gram path squares the condition numbers: n (p + q) eps (kappa_X^2 + kappa_Y^2).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from wordeval.embeddings.base import StaticEmbedding
from wordeval.errors import ConfigError, InputFormatError, MissingFileError
from wordeval.intrinsic import qvec as Q

EPS = np.finfo(np.float64).eps
SUPERSENSES = "qvec/oracles/semcor_noun_verb.supersenses.en"
PTB = "qvec/oracles/ptb.pos_tags"
SHA256 = {SUPERSENSES: "faf61ff5c7e73c641cd0725b569c849c0dd2e9c22e42e056c09d3548bc445394",
          PTB: "644f0199ea6b402bf7006200480e03733a59180b96f25c1be6c5e333b0201ed8"}


# -- helpers -------------------------------------------------------------------------------------------
def write_vectors(path, words, vectors) -> None:
    """word2vec text; each float32 written as the shortest repr of its float64 value (exact both ways)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {vectors.shape[1]}\n")
        for w, v in zip(words, np.asarray(vectors, dtype=np.float64)):
            fh.write(w + " " + " ".join(repr(float(x)) for x in v) + "\n")


def write_oracle(path, rows: dict[str, dict[str, float]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for w, feats in rows.items():
            fh.write(f"{w}\t{json.dumps(feats)}\n")


# the scripts' BLAS on one thread: on a shared machine a threaded pivoted QR of 4k x 50 is 50x slower
SCRIPT_ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def reference_script(data, name, tmp_path, *, port: bool | None = None):
    """The reference script, unmodified, if this SciPy still has the deprecated namespaces it imports
    (``scipy.stats.stats``, ``scipy.linalg.decomp_qr``, due to go in SciPy 2.0); else a copy in tmp_path
    with only those two imports rewritten to the current names."""
    script = data / "qvec" / name
    if port is None:
        probe = "import scipy.stats.stats, scipy.linalg.decomp_qr"
        probe_run = subprocess.run([sys.executable, "-W", "ignore", "-c", probe], capture_output=True)
        port = probe_run.returncode != 0
    if not port:
        return script
    text = script.read_text().replace("from scipy.stats.stats import", "from scipy.stats import")
    text = text.replace("from scipy.linalg import decomp_qr", "from scipy import linalg as decomp_qr")
    copy = tmp_path / ("ported_" + name)
    copy.write_text(text)
    return copy


def run_script(script, tmp_path, *args) -> str:
    proc = subprocess.run([sys.executable, "-W", "ignore", str(script), *map(str, args)], capture_output=True,
                          text=True, cwd=tmp_path, env=SCRIPT_ENV)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


# The script run as a program (its main() prints "QVEC_CCA score: %g"), then its own functions called
# again in main()'s order for the full-precision value.
CCA_DRIVER = """
import json, runpy, sys
script, vectors, oracle = sys.argv[1:4]
sys.argv = [script, "--in_vectors", vectors, "--in_oracle", oracle]
g = runpy.run_path(script, run_name="__main__")
vocab = set(g["GetVocab"]([vectors])) & set(g["GetVocab"]([oracle], vocab_union=True))
r = g["ComputeCCA"](g["ReadVectorMatrix"](vectors, vocab), g["ReadOracleMatrix"]([oracle], vocab))
print(json.dumps({"score": float(r), "n": len(vocab)}))
"""


def reference_qvec(data, vectors, oracle, tmp_path):
    """(score printed with %g, [(aligned feature, r)] per dimension at full precision) from --interpret."""
    out = run_script(reference_script(data, "qvec.py", tmp_path), tmp_path, "--in_vectors", vectors,
                     "--in_oracle", oracle, "--interpret", "--top", "1")
    lines = out.splitlines()
    score = float(re.fullmatch(r"QVEC score: (\S+)", lines[0]).group(1))
    assert lines[1].split("\t")[:3] == ["Dimension", "Aligned_oracle_column", "Similarity"]
    rows = [line.split("\t") for line in lines[2:]]
    assert [int(r[0]) for r in rows] == list(range(len(rows)))
    return score, [(r[1], float(r[2])) for r in rows]


def reference_qvec_cca(data, vectors, oracle, tmp_path):
    """(score printed with %g, full-precision score, vocabulary size)."""
    driver = tmp_path / "cca_driver.py"
    driver.write_text(CCA_DRIVER)
    script = reference_script(data, "qvec_cca.py", tmp_path)
    out = run_script(driver, tmp_path, script, vectors, oracle).splitlines()
    printed = float(re.fullmatch(r"QVEC_CCA score: (\S+)", out[0]).group(1))
    full = json.loads(out[1])
    return printed, full["score"], full["n"]


def g_rounding(x: float) -> float:
    """Largest error of printing x with %g (6 significant digits)."""
    return 0.5 * 10.0 ** (np.floor(np.log10(abs(x))) - 5) if x else 0.0


def pearson_tol(X: np.ndarray, O: np.ndarray) -> float:
    """Two implementations' r may differ by this (module docstring)."""
    n = X.shape[0]
    Z = np.hstack([X, O])
    sd = Z.std(axis=0)
    ratio = np.max(np.abs(Z).max(axis=0)[sd > 0] / sd[sd > 0])
    return 2 * (n + 2) * EPS * (1 + ratio)


def normalized_centred(M):
    M = Q._normalize_rows(np.asarray(M, dtype=np.float64))
    return M - M.mean(axis=0)


def cca_tol(X, O, *, factor: int = 2) -> float:
    """Canonical correlations of QVEC-CCA inputs X, O may differ by this between two QR implementations."""
    O = O[:, O.any(axis=0)]
    Xc, Oc = normalized_centred(X), normalized_centred(O)
    return factor * X.shape[0] * EPS * (X.shape[1] * np.linalg.cond(Xc) + O.shape[1] * np.linalg.cond(Oc))


def glove_file(glove50, oracle, path, *, extra: int = 200):
    """GloVe-50d rows for the oracle words it has, plus ``extra`` words the oracle lacks (OOV both ways)."""
    have = [w for w in oracle.words if w in glove50]
    vocab = set(oracle.words)
    others = [w for w in glove50.words[:5000] if w not in vocab and not any(c.isspace() for c in w)][:extra]
    words = have + others
    vectors = glove50.vectors[glove50.rows(words)]
    write_vectors(path, words, vectors)
    return StaticEmbedding(words, vectors), len(have)


@pytest.fixture(scope="module")
def oracles(shared_data):
    return {name: Q.read_oracle(shared_data / name) for name in (SUPERSENSES, PTB)}


# -- against the reference scripts ---------------------------------------------------------------------
def test_oracle_files_sha256_and_shape(oracles):
    sem, ptb = oracles[SUPERSENSES], oracles[PTB]
    assert (sem.sha256, ptb.sha256) == (SHA256[SUPERSENSES], SHA256[PTB])
    assert sem.matrix.shape == (4199, 41) and ptb.matrix.shape == (10865, 45)
    # each row is a distribution over the word's supersenses / tags
    np.testing.assert_allclose(sem.matrix.sum(axis=1), 1.0, atol=41 * EPS)
    np.testing.assert_allclose(ptb.matrix.sum(axis=1), 1.0, atol=45 * EPS)


def test_qvec_equals_reference_script_on_glove(shared_data, oracles, glove50, tmp_path):
    oracle = oracles[SUPERSENSES]
    emb, n_have = glove_file(glove50, oracle, tmp_path / "vectors.txt")
    printed, ref = reference_qvec(shared_data, tmp_path / "vectors.txt", shared_data / SUPERSENSES, tmp_path)
    res = Q.qvec(emb, oracle, n_boot=0)
    assert (res["n_used"], res["n_total"]) == (n_have, 4199) and n_have < 4199

    al = Q.align(emb, oracle)
    R = Q.qvec_correlations(al.embedding, al.oracle)
    tol = pearson_tol(al.embedding, al.oracle)
    mine = [(a["feature"], a["correlation"]) for a in res["alignment"]]
    assert len(mine) == len(ref) == 50
    for i, ((f_mine, r_mine), (f_ref, r_ref)) in enumerate(zip(mine, ref)):
        runner_up = np.sort(R[i])[-2]
        assert r_mine - runner_up > 2 * tol, f"dimension {i}: a near tie, the alignment test would be void"
        assert f_mine == f_ref, f"dimension {i}"
        assert abs(r_mine - r_ref) <= tol, (i, r_mine, r_ref, tol)
    ref_full = 0.0
    for _, r in ref:  # the script's own accumulation: total_score += similarity, dimension by dimension
        ref_full += r
    assert abs(res["score"] - ref_full) <= 50 * tol
    assert abs(res["score"] - printed) <= g_rounding(printed) + 50 * tol


@pytest.mark.parametrize("name", [SUPERSENSES, PTB])
def test_qvec_cca_equals_reference_script_on_glove(shared_data, oracles, glove50, tmp_path, name):
    oracle = oracles[name]
    emb, n_have = glove_file(glove50, oracle, tmp_path / "vectors.txt")
    printed, ref_full, ref_n = reference_qvec_cca(shared_data, tmp_path / "vectors.txt", shared_data / name,
                                                  tmp_path)
    res = Q.qvec_cca(emb, oracle, n_boot=0)
    assert res["n_used"] == ref_n == n_have
    al = Q.align(emb, oracle)
    tol = cca_tol(al.embedding, al.oracle)
    assert tol < 1e-6
    assert res["rank_embedding"] == 50 and res["rank_oracle"] == res["oracle_features_used"]
    assert abs(res["score"] - ref_full) <= tol, (res["score"], ref_full, tol)
    assert abs(res["score"] - printed) <= g_rounding(printed) + tol
    assert res["first_canonical_correlation"] == res["canonical_correlations"][0]
    assert len(res["canonical_correlations"]) == min(50, res["oracle_features_used"])


def test_qvec_equals_reference_with_degenerate_columns(shared_data, tmp_path):
    """The script's special cases on a small random problem: an all-zero embedding dimension (r = 0 with
    every column, aligned to the first), an oracle feature no covered word has (an all-zero column, r = 0
    with every dimension), words missing on either side."""
    rng = np.random.default_rng(7)
    words = [f"w{i}" for i in range(60)]
    feats = ["f_a", "f_b", "f_c", "f_d"]
    rows = {}
    for w in words[:50] + ["only_in_oracle"]:
        k = rng.integers(1, 3)
        chosen = rng.choice(3, size=k, replace=False)
        vals = rng.dirichlet(np.ones(k))
        rows[w] = {feats[c]: float(v) for c, v in zip(chosen, vals)}
    rows["only_in_oracle"]["f_d"] = 1.0  # f_d: present in the file, zero on every covered word
    write_oracle(tmp_path / "oracle.txt", rows)
    vectors = rng.normal(size=(60, 6)).astype(np.float32)
    vectors[:, 2] = 0.0
    emb_words = words[5:]  # w0..w4 only in the oracle, w50..w59 only in the embedding
    write_vectors(tmp_path / "v.txt", emb_words, vectors[5:])
    printed, ref = reference_qvec(shared_data, tmp_path / "v.txt", tmp_path / "oracle.txt", tmp_path)
    emb, oracle = StaticEmbedding(emb_words, vectors[5:]), Q.read_oracle(tmp_path / "oracle.txt")
    res = Q.qvec(emb, oracle, n_boot=0)
    assert (res["n_used"], res["n_total"]) == (45, 51)
    assert oracle.features[-1] == "f_d"
    mine = [(a["feature"], a["correlation"]) for a in res["alignment"]]
    assert [f for f, _ in mine] == [f for f, _ in ref]
    assert mine[2] == (oracle.features[0], 0.0) and ref[2][1] == 0.0
    al = Q.align(emb, oracle)
    tol = pearson_tol(al.embedding, al.oracle)
    np.testing.assert_allclose([r for _, r in mine], [r for _, r in ref], rtol=0, atol=tol)
    assert abs(res["score"] - printed) <= g_rounding(printed) + 6 * tol


def test_ported_scripts_print_what_the_originals_print(shared_data, tmp_path):
    """Guards the fallback for a SciPy without the deprecated namespaces (only the imports differ)."""
    words, X, O = synthetic(31, n=80)
    write_vectors(tmp_path / "v.txt", words, X)
    write_oracle(tmp_path / "o.txt", {w: {f"f{j}": float(v) for j, v in enumerate(row) if v}
                                      for w, row in zip(words, O)})
    for name, extra in (("qvec.py", ["--interpret", "--top", "2"]), ("qvec_cca.py", [])):
        args = ["--in_vectors", tmp_path / "v.txt", "--in_oracle", tmp_path / "o.txt", *extra]
        original = reference_script(shared_data, name, tmp_path, port=False)
        ported = reference_script(shared_data, name, tmp_path, port=True)
        assert ported != original
        assert run_script(ported, tmp_path, *args) == run_script(original, tmp_path, *args)


# -- properties ----------------------------------------------------------------------------------------
def synthetic(seed: int, n: int = 300, d: int = 12, k: int = 8):
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(n)]
    X = rng.normal(size=(n, d)).astype(np.float32)
    O = rng.dirichlet(np.full(k, 0.3), size=n)
    O[O < 0.05] = 0.0
    O[:, 0] += X[:, 0] > 1  # some signal to align to
    return words, X, O


def oracle_of(words, O, features=None) -> Q.Oracle:
    features = tuple(features or (f"f{j}" for j in range(O.shape[1])))
    return Q.Oracle(path="<memory>", words=tuple(words), features=features, matrix=np.asarray(O, float),
                    sha256="")


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_qvec_invariant_to_permuting_dimensions(seed):
    words, X, O = synthetic(seed % 1000)
    perm = np.random.default_rng(seed).permutation(X.shape[1])
    oracle = oracle_of(words, O)
    a = Q.qvec(StaticEmbedding(words, X), oracle, n_boot=0)
    b = Q.qvec(StaticEmbedding(words, X[:, perm]), oracle, n_boot=0)
    tol = pearson_tol(X.astype(np.float64), O)
    assert abs(a["score"] - b["score"]) <= X.shape[1] * tol
    for new_dim, old_dim in enumerate(perm):
        assert b["alignment"][new_dim]["feature"] == a["alignment"][old_dim]["feature"]
        assert abs(b["alignment"][new_dim]["correlation"] - a["alignment"][old_dim]["correlation"]) <= tol


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_qvec_invariant_to_positive_affine_map_of_each_dimension(seed):
    words, X, O = synthetic(seed % 1000)
    rng = np.random.default_rng(seed)
    scale = rng.uniform(0.5, 2.0, X.shape[1])
    shift = rng.uniform(-1.0, 1.0, X.shape[1])
    Y = (X.astype(np.float64) * scale + shift)
    oracle = oracle_of(words, O)
    a = Q.qvec(StaticEmbedding(words, X), oracle, n_boot=0)
    b = Q.qvec(StaticEmbedding(words, Y.astype(np.float32)), oracle, n_boot=0)
    # storing Y as float32 moves each value by <= eps32/2 |y|, and so each centred value by <= eps32 max|y|
    # (the value and the mean): r moves by <= eps32 max|y| / sd
    Yf = Y.astype(np.float32).astype(np.float64)
    tol = pearson_tol(Yf, O) + np.finfo(np.float32).eps * np.max(np.abs(Yf).max(0) / Yf.std(0))
    assert [x["feature"] for x in a["alignment"]] == [x["feature"] for x in b["alignment"]]
    assert abs(a["score"] - b["score"]) <= X.shape[1] * tol


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_canonical_correlations_invariant_to_invertible_linear_maps(seed):
    """The CCA core (centring, QR, SVD) depends only on the two column spaces."""
    words, X, O = synthetic(seed % 1000)
    X = X.astype(np.float64)
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(X.shape[1], X.shape[1])) + 3 * np.eye(X.shape[1])
    B = rng.normal(size=(O.shape[1], O.shape[1])) + 3 * np.eye(O.shape[1])
    XA, OB = X @ A, O @ B
    r1, r2 = Q.canonical_correlations(X, O), Q.canonical_correlations(XA, OB)
    c = np.linalg.cond
    n, p, q = X.shape[0], X.shape[1], O.shape[1]
    kx = c(X - X.mean(0)) + c(XA - XA.mean(0))
    ko = c(O - O.mean(0)) + c(OB - OB.mean(0))
    tol = n * EPS * (p * kx + q * ko)
    np.testing.assert_allclose(r1, r2, rtol=0, atol=tol)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_qvec_cca_invariant_to_rotation_scaling_and_per_word_scaling(seed):
    """QVEC-CCA normalises each word's vector before CCA, so it is invariant to the maps that commute
    with that: an orthogonal map times a positive number, and a positive factor per word."""
    words, X, O = synthetic(seed % 1000)
    X = X.astype(np.float64)
    rng = np.random.default_rng(seed)
    Rot, _ = np.linalg.qr(rng.normal(size=(X.shape[1], X.shape[1])))
    maps = {"rotation": X @ Rot * rng.uniform(0.1, 10.0),
            "per-word": X * rng.uniform(0.1, 10.0, size=(X.shape[0], 1))}
    base = Q.qvec_cca_correlations(X, O)
    for name, Y in maps.items():
        tol = cca_tol(X, O) + cca_tol(Y, O)
        np.testing.assert_allclose(Q.qvec_cca_correlations(Y, O), base, rtol=0, atol=tol, err_msg=name)


def test_qvec_cca_is_not_invariant_to_a_general_linear_map():
    """Pins the definition: because rows are normalised first, rescaling the dimensions unevenly moves
    QVEC-CCA (plain CCA would not move). Guards against dropping the normalisation."""
    words, X, O = synthetic(3)
    X = X.astype(np.float64) + 0.5  # off-centre, so row norms depend on the dimension scales
    Y = X * np.linspace(0.2, 5.0, X.shape[1])
    diff = abs(Q.qvec_cca_correlations(Y, O).mean() - Q.qvec_cca_correlations(X, O).mean())
    assert diff > 1000 * (cca_tol(X, O) + cca_tol(Y, O))


# -- OOV, case, config ---------------------------------------------------------------------------------
def test_oov_words_are_dropped_both_ways():
    words, X, O = synthetic(11)
    oracle = oracle_of(words, O)
    emb_words = words[40:] + ["extra1", "extra2"]
    emb_X = np.vstack([X[40:], np.ones((2, X.shape[1]), np.float32)])
    emb = StaticEmbedding(emb_words, emb_X)
    inter = StaticEmbedding(words[40:], X[40:])
    for fn in (Q.qvec, Q.qvec_cca):
        a, b = fn(emb, oracle, n_boot=0), fn(inter, oracle, n_boot=0)
        assert (a["n_used"], a["n_total"], a["coverage"]) == (260, 300, 260 / 300)
        assert a["score"] == b["score"]


def test_case_policy():
    words, X, O = synthetic(12, n=50)
    oracle = oracle_of(words, O)
    emb = StaticEmbedding([w.upper() for w in words], X)
    assert Q.qvec(emb, oracle, n_boot=0)["n_used"] == 0
    assert np.isnan(Q.qvec(emb, oracle, n_boot=0)["score"])
    lower = Q.qvec(emb, oracle, case="lower", n_boot=0)
    assert lower["n_used"] == 50
    assert lower["score"] == Q.qvec(StaticEmbedding(words, X), oracle, n_boot=0)["score"]
    assert lower["config"]["case"] == "lower"


def test_fewer_than_two_words_give_nan_not_an_error():
    words, X, O = synthetic(13, n=10)
    emb = StaticEmbedding(words[:1], X[:1])
    for fn in (Q.qvec, Q.qvec_cca):
        res = fn(emb, oracle_of(words, O))
        assert res["n_used"] == 1 and np.isnan(res["score"]) and res["ci"] is None and res["warnings"]


def test_bad_config():
    words, X, O = synthetic(14, n=10)
    emb, oracle = StaticEmbedding(words, X), oracle_of(words, O)
    with pytest.raises(ConfigError, match="unknown option"):
        Q.qvec(emb, oracle, cse="lower")
    with pytest.raises(ConfigError, match="case"):
        Q.qvec_cca(emb, oracle, case="upper")
    with pytest.raises(ConfigError, match="n_boot"):
        Q.qvec(emb, oracle, n_boot=-1)
    with pytest.raises(ConfigError, match="measure"):
        Q.score_from_items(Q.item_columns(Q.align(emb, oracle)), "qvec-ilp")


# -- per-item columns and the bootstrap ----------------------------------------------------------------
@pytest.mark.parametrize("fn, measure", [(Q.qvec, "qvec"), (Q.qvec_cca, "qvec-cca")])
def test_score_from_items_recomputes_the_score(fn, measure):
    words, X, O = synthetic(21)
    res = fn(StaticEmbedding(words, X), oracle_of(words, O), n_boot=0, keep_items=True)
    items = json.loads(json.dumps(res["items"]))  # as stored in a JSON record
    assert items["id"] == sorted(words)
    assert len(items) == 1 + X.shape[1] + O.shape[1]
    assert Q.score_from_items(items, measure) == res["score"]


@pytest.mark.parametrize("fn, measure", [(Q.qvec, "qvec"), (Q.qvec_cca, "qvec-cca")])
def test_bootstrap_interval_is_the_basic_interval_of_resampled_item_scores(fn, measure):
    """The CI's resampled scores (fast weighted/Gram paths) are the scores of the resampled item columns."""
    from wordeval.stats.bootstrap import bootstrap_distribution, percentile_ci

    words, X, O = synthetic(22, n=200)
    res = fn(StaticEmbedding(words, X), oracle_of(words, O), n_boot=40, seed=5, keep_items=True)
    items = {k: np.asarray(v) for k, v in res["items"].items() if k != "id"}
    def resampled(idx):
        return Q.score_from_items({k: v[idx] for k, v in items.items()}, measure)
    dist = bootstrap_distribution(resampled, np.arange(200), n_boot=40, seed=5)
    al = Q.align(StaticEmbedding(words, X), oracle_of(words, O))
    if measure == "qvec":
        tol = X.shape[1] * pearson_tol(al.embedding, al.oracle)
    else:
        c = np.linalg.cond
        Xc, Oc = normalized_centred(al.embedding), normalized_centred(al.oracle)
        gram = 200 * (X.shape[1] + O.shape[1]) * EPS * (c(Xc) ** 2 + c(Oc) ** 2)
        tol = gram + cca_tol(al.embedding, al.oracle)
    lo, hi = percentile_ci(dist)
    assert res["ci_percentile"] == pytest.approx([lo, hi], abs=tol, rel=0)
    t = res["score"]
    assert res["ci"] == pytest.approx([2 * t - res["ci_percentile"][1], 2 * t - res["ci_percentile"][0]],
                                      abs=4 * EPS * abs(t), rel=0)
    assert res["bootstrap_bias"] == pytest.approx(dist.mean() - t, abs=tol, rel=0)


@pytest.mark.parametrize("measure", ["qvec", "qvec-cca"])
def test_score_weighted_equals_score_from_items_on_resamples(measure):
    """Multiplicities vs resampled rows, including resamples that miss every word of a rare feature
    (a zero oracle column on the drawn words) and a dimension that is zero on the drawn words."""
    words, X, O = synthetic(24, n=150)
    O = np.hstack([O, np.zeros((150, 1))])
    O[:3, -1] = 1.0  # a feature of three words only
    X[:, 1] = np.where(np.arange(150) < 3, X[:, 1], 0.0)  # a dimension non-zero on the same three words
    res = Q.qvec(StaticEmbedding(words, X), oracle_of(words, O), n_boot=0, keep_items=True)
    items = {k: np.asarray(v) for k, v in res["items"].items() if k != "id"}
    rare = [i for i, w in enumerate(res["items"]["id"]) if int(w[1:]) < 3]
    rng = np.random.default_rng(0)
    idx = rng.integers(0, 150, size=(12, 150))
    idx[:6] = np.where(np.isin(idx[:6], rare), (idx[:6] + 10) % 150, idx[:6])  # these miss the rare words
    counts = np.stack([np.bincount(row, minlength=150) for row in idx])
    fast = Q.score_weighted(items, counts, measure)
    slow = np.array([Q.score_from_items({k: v[row] for k, v in items.items()}, measure) for row in idx])
    al = Q.align(StaticEmbedding(words, X), oracle_of(words, O))
    if measure == "qvec":
        tol = X.shape[1] * pearson_tol(al.embedding, al.oracle)
    else:
        c = np.linalg.cond
        Xc, Oc = normalized_centred(al.embedding), normalized_centred(al.oracle)
        gram = 150 * (X.shape[1] + O.shape[1]) * EPS * (c(Xc) ** 2 + c(Oc) ** 2)
        tol = gram + cca_tol(al.embedding, al.oracle)
    np.testing.assert_allclose(fast, slow, rtol=0, atol=tol)


def test_bootstrap_is_reproducible_with_the_seed():
    words, X, O = synthetic(23, n=120)
    emb, oracle = StaticEmbedding(words, X), oracle_of(words, O)
    a, b = Q.qvec(emb, oracle, n_boot=30, seed=1), Q.qvec(emb, oracle, n_boot=30, seed=1)
    assert a["ci"] == b["ci"] and a["ci"] != Q.qvec(emb, oracle, n_boot=30, seed=2)["ci"]


# -- oracle parser -------------------------------------------------------------------------------------
def test_read_oracle_keeps_file_order_of_words_and_features(tmp_path):
    path = tmp_path / "o.txt"
    path.write_text('b\t{"x": 0.5, "y": 0.5}\n\na\t{"z": 1}\r\n')
    o = Q.read_oracle(path)
    assert o.words == ("b", "a") and o.features == ("x", "y", "z")
    np.testing.assert_array_equal(o.matrix, [[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    assert not o.matrix.flags.writeable


def test_read_oracle_keeps_a_no_break_space_inside_a_word(tmp_path):
    """Words split at ASCII blanks only, like the embedding readers' split_blanks: '10\u00a0000' (GloVe 840B
    holds such words) is one word; a word with an ASCII space in it is still refused."""
    path = tmp_path / "o.txt"
    path.write_text('10\u00a0000\t{"x": 1}\n\u3000b\u00a0\t{"x": 2}\n', encoding="utf-8")
    assert Q.read_oracle(path).words == ("10\u00a0000", "\u3000b\u00a0")
    path.write_text('new york\t{"x": 1}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=re.escape(f"{path}:1: expected") + ".*without spaces or tabs"):
        Q.read_oracle(path)


def test_read_oracle_reads_lines_with_blanks_at_their_ends_as_the_reference_does(tmp_path):
    """qvec.py and qvec_cca.py split ``line.strip()`` at tabs: a trailing tab (or a leading one) is no third
    field. Such a line was refused ("got 3 fields"); the matrix here is written out by hand."""
    path = tmp_path / "o.txt"
    path.write_text('cat\t{"a": 1.0}\t\n\tdog\t{"b": 0.5, "a": 0.5} \t\r\n  eel\t{"c": 2}\n', encoding="utf-8")
    o = Q.read_oracle(path)
    assert o.words == ("cat", "dog", "eel") and o.features == ("a", "b", "c")
    np.testing.assert_array_equal(o.matrix, [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.0, 0.0, 2.0]])


@pytest.mark.parametrize("text, line, message", [
    ('a\t{"x": 1}\nb {"x": 1}\n', 2, "2 tab-separated fields"),
    ('a\t{"x": 1}\tmore\n', 1, "2 tab-separated fields"),
    ('\t{"x": 1}\n', 1, "2 tab-separated fields"),  # no word: qvec.py's line.strip() leaves one field too
    (' \t{"x": 1}\n', 1, "2 tab-separated fields"),
    ('a\t{"x": 1\n', 1, "invalid JSON"),
    ('a\t[["x", 1]]\n', 1, "JSON object"),
    ('a\t{}\n', 1, "non-empty JSON object"),
    ('a\t{"x": "1"}\n', 1, "finite number"),
    ('a\t{"x": true}\n', 1, "finite number"),
    ('a\t{"x": NaN}\n', 1, "finite number"),
    ('a\t{"x": 1, "x": 2}\n', 1, "each feature once"),
    ('a\t{"x": 1}\nb\t{"x": 1}\na\t{"y": 1}\n', 3, "already on line 1"),
])
def test_read_oracle_errors_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "bad.txt"
    path.write_text(text)
    pattern = re.escape(f"{path}:{line}: expected") + ".*" + re.escape(message)
    with pytest.raises(InputFormatError, match=pattern):
        Q.read_oracle(path)


def test_read_oracle_sha256_is_the_files_own_bytes_and_a_vanished_file_is_one_line(tmp_path, monkeypatch):
    """The oracle's sha256 is what ``sha256sum FILE`` prints (a .gz's compressed bytes), taken by
    artifacts.sha256_file as every other file's; parsers_qvec's own copy of it raised a bare
    FileNotFoundError (a traceback) where the file went away between being read and being hashed."""
    import gzip
    import hashlib

    from wordeval.datasets import parsers_qvec

    path = tmp_path / "o.txt.gz"
    path.write_bytes(gzip.compress(b'a\t{"x": 1}\n'))
    assert Q.read_oracle(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()

    read = parsers_qvec.iter_lines

    def read_then_remove(p, **kw):
        yield from read(p, **kw)
        os.unlink(p)

    monkeypatch.setattr(parsers_qvec, "iter_lines", read_then_remove)
    with pytest.raises(MissingFileError, match=re.escape(f"{path}: file not found")):
        Q.read_oracle(path)


def test_read_oracle_bad_encoding_empty_and_missing(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes('caf\xe9\t{"x": 1}\n'.encode("latin-1"))
    with pytest.raises(InputFormatError, match=re.escape(f"{path}:1: expected utf-8")):
        Q.read_oracle(path)
    (tmp_path / "empty.txt").write_text("\n")
    with pytest.raises(InputFormatError, match="empty file"):
        Q.read_oracle(tmp_path / "empty.txt")
    with pytest.raises(MissingFileError):
        Q.read_oracle(tmp_path / "nope.txt")


def test_reference_scripts_are_the_pinned_files(shared_data):
    """The scripts these tests run are the ones in WORDEVAL_DATA's MANIFEST (ytsvetko/qvec@b341c520f21a)."""
    import hashlib
    manifest = {}
    for line in (shared_data / "MANIFEST.tsv").read_text().splitlines():
        fields = line.split("\t")
        if len(fields) > 2 and fields[2].startswith("qvec/"):
            manifest[fields[2]] = fields[-1]
    for name in ("qvec/qvec.py", "qvec/qvec_cca.py", SUPERSENSES, PTB):
        assert hashlib.sha256((shared_data / name).read_bytes()).hexdigest() == manifest[name]


# -- as tasks ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("task, expected", [("qvec/supersenses", 8.0864), ("qvec-cca/supersenses", 0.28642)])
def test_tasks_give_the_core_scores_and_recompute_from_items(glove50, shared_data, task, expected):
    """Regression pins: the core's values on GloVe-6B-50d (themselves tested against the authors' scripts above);
    the record's per-word items give the same score through the comparison's scorer."""
    import wordeval
    from wordeval.stats.item_scores import score_from_items

    rec = wordeval.evaluate(glove50, task, data_home=shared_data, config={"n_boot": 20})
    assert round(rec.main_value, 4 if task.startswith("qvec/") else 5) == expected
    assert rec.n_used == 4186 and rec.n_total == 4199 and rec.kind == "intrinsic"
    # to the last digit (compare's common_value): under threaded BLAS QVEC-CCA came out an ulp off
    assert score_from_items(rec.scorer, rec.per_item) == rec.main_value
    assert rec.dataset["citation"].startswith("@inproceedings{tsvetkov")


@pytest.mark.parametrize("measure", ["qvec", "qvec-cca"])
def test_comparison_resampler_scores_qvec_records(measure):
    """The comparison's vectorised Resampler (item_scores) scores QVEC columns as qvec_measures does: it once
    refused them ("unknown item scorer 'qvec-cca'"), so any compare()/report of a store holding QVEC records
    failed."""
    from wordeval.stats.item_scores import Resampler, score_weighted as item_weighted

    words, X, O = synthetic(25, n=80)
    items = Q.qvec(StaticEmbedding(words, X), oracle_of(words, O), n_boot=0, keep_items=True)["items"]
    counts = np.random.default_rng(1).multinomial(80, np.full(80, 1 / 80), size=7)
    want = Q.score_weighted(items, counts, measure)
    got = Resampler(measure, [items, items]).scores(counts)
    np.testing.assert_array_equal(got[:, 0], want)
    np.testing.assert_array_equal(got[:, 1], want)
    np.testing.assert_array_equal(item_weighted(measure, items, counts), want)


def test_small_coverage_warning_reaches_the_log_and_the_comparison_notes(shared_data, caplog):
    """The reference script warns below 1,000 covered words. The record kept that warning in extra.warnings,
    which neither the command line, compare nor report showed: a QVEC of 50.0 (every correlation ±1 over 2
    words) read as a perfect score without a word."""
    import logging

    import wordeval

    rng = np.random.default_rng(0)
    recs = []
    with caplog.at_level(logging.WARNING, logger="wordeval"):
        for name, words in (("two", ["headache", "dog"]), ("three", ["headache", "dog", "run"])):
            emb = {w: rng.standard_normal(4).astype(np.float32) for w in words}
            recs.append(wordeval.evaluate(emb, "qvec/supersenses", name=name, data_home=shared_data,
                                          config={"n_boot": 20}))
    assert recs[0].n_used == 2 and recs[0].main_value == pytest.approx(4.0)  # 4 dimensions, each |r| = 1
    assert "only 2 oracle words are covered" in caplog.text
    notes = wordeval.compare(recs).notes
    assert any(n.startswith("qvec/supersenses: two: only 2 oracle words are covered") for n in notes)
    assert any(n.startswith("qvec/supersenses: three: only 3 oracle words are covered") for n in notes)


def test_a_constant_column_says_why_qvec_is_nan():
    """A dimension or feature constant but not zero on the covered words made QVEC NaN (as scipy's pearsonr and
    the script make it) and the command line printed 'n/a (not defined on these items)' without a reason."""
    import warnings

    from scipy.stats import pearsonr

    words, X, O = synthetic(26, n=60)
    X[:, 3] = 0.5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy's ConstantInputWarning: the case under test
        assert np.isnan(pearsonr(X[:, 3], O[:, 0])[0])
    res = Q.qvec(StaticEmbedding(words, X), oracle_of(words, O), n_boot=0)
    assert np.isnan(res["score"])
    assert any("embedding dimension 3 is constant but not zero on the 60 covered words" in w
               for w in res["warnings"])
    O = np.hstack([O, np.full((60, 1), 1.0)])
    res = Q.qvec(StaticEmbedding(words, X), oracle_of(words, O, [*"abcdefgh", "every_word"]), n_boot=0)
    assert any("embedding dimension 3 and oracle feature 'every_word' are constant" in w for w in res["warnings"])
    X[:, 3] = 0.0  # an all-zero dimension is the script's r = 0, not NaN: no such warning
    res = Q.qvec(StaticEmbedding(words, X), oracle_of(words, O[:, :8]), n_boot=0)
    assert np.isfinite(res["score"]) and not any("undefined" in w for w in res["warnings"])


def test_an_embedding_spanning_every_word_direction_is_flagged():
    """With at least n - 1 dimensions over n covered words the centred embedding spans every direction the
    oracle's columns can take, so each canonical correlation is 1 (a QVEC-CCA of 1.000 said nothing of it)."""
    words, X, O = synthetic(27, n=30, d=40)
    res = Q.qvec_cca(StaticEmbedding(words, X), oracle_of(words, O), n_boot=0)
    assert res["score"] == pytest.approx(1.0, abs=cca_tol(X, O), rel=0)
    assert any("span all 29 directions of the 30 covered words" in w for w in res["warnings"])
    words, X, O = synthetic(27, n=60, d=12)
    assert not any("span all" in w for w in Q.qvec_cca(StaticEmbedding(words, X), oracle_of(words, O),
                                                        n_boot=0)["warnings"])


@pytest.mark.parametrize("seed", [118, 277, 343, 558])
def test_identical_oracle_columns_align_to_the_first_as_the_script(seed):
    """Two features with the same column on the covered words tie exactly in the script (pearsonr of the same
    inputs), which aligns to the first. The GEMM rounded the same dot product differently in another output
    column (by 1 ulp, on the last dimension here, with OpenBLAS), and the alignment named the later feature."""
    from scipy.stats import pearsonr

    rng = np.random.default_rng(seed)
    n, d, k = int(rng.integers(20, 300)), int(rng.integers(2, 16)), int(rng.integers(2, 9))
    X = rng.normal(size=(n, d)).astype(np.float32)
    O = rng.dirichlet(np.full(k, 0.3), size=n)
    j1, j2 = sorted(rng.choice(k, 2, replace=False))
    O[:, j2] = O[:, j1]
    words = [f"w{i:03d}" for i in range(n)]
    res = Q.qvec(StaticEmbedding(words, X), oracle_of(words, O), n_boot=0)
    script = [int(np.argmax([pearsonr(X[:, i].astype(np.float64), O[:, j])[0] for j in range(k)]))
              for i in range(d)]
    assert [a["feature_index"] for a in res["alignment"]] == script


def test_comparison_notes_qvec_across_dimensionalities(shared_data):
    """QVEC adds one correlation per dimension: a random 40-d embedding outscored a 4-d one holding the same
    words, and compare ranked them so without a word on why."""
    import wordeval

    oracle_words = [line.split("\t")[0] for line in (shared_data / SUPERSENSES).read_text().splitlines()[:400]]
    rng = np.random.default_rng(1)
    recs = {}
    for name, dim in (("small", 4), ("large", 40), ("large_too", 40)):
        emb = {w: rng.standard_normal(dim).astype(np.float32) for w in oracle_words}
        recs[name] = wordeval.evaluate(emb, "qvec/supersenses", name=name, data_home=shared_data,
                                       config={"n_boot": 0})
    assert recs["large"].main_value > 5 * recs["small"].main_value  # 40 best |r| of noise against 4
    notes = wordeval.compare(list(recs.values())).notes
    assert [n for n in notes if "sum over dimensions" in n] == [
        "qvec/supersenses: QVEC is a sum over dimensions, so it grows with their number, and these "
        "representations differ in it (large 40, large_too 40, small 4 dimensions): its ranking compares their "
        "sizes as much as their content"]
    same = wordeval.compare([recs["large"], recs["large_too"]]).notes
    assert not any("sum over dimensions" in n for n in same)
