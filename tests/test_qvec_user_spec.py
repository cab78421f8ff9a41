"""A user's own QVEC oracle as a task spec (family = "qvec" / "qvec-cca", [files] test = the oracle): read,
scored, and its layout hints checked at the spec's line. The scores are checked against the formulas of the
authors' scripts computed here with scipy/sklearn (qvec.py: sum over dimensions of the best Pearson r;
qvec_cca.py: sklearn-normalised, centred rows, pivoted QR, mean singular value)."""
from __future__ import annotations

import json

import numpy as np
import pytest
from scipy.linalg import qr, svd
from scipy.stats import pearsonr
from sklearn.preprocessing import normalize

from wordeval.cli import main

EPS = np.finfo(np.float64).eps


def _data(tmp_path, family: str, extra: str = "", encoding: str = "utf-8"):
    rng = np.random.default_rng(5)
    words = [f"w{i:02d}" for i in range(40)] + ["café"]
    rows = {}
    for w in words:
        chosen = rng.choice(4, size=rng.integers(1, 3), replace=False)
        rows[w] = {f"f{c}": float(v) for c, v in zip(chosen, rng.dirichlet(np.ones(chosen.size)))}
    with open(tmp_path / "oracle.txt", "w", encoding=encoding) as fh:
        for w, feats in rows.items():
            fh.write(f"{w}\t{json.dumps(feats)}\n")
    (tmp_path / "mine.toml").write_text(f'name = "mine"\nfamily = "{family}"\n{extra}[files]\ntest = "oracle.txt"\n')
    emb_words = words[3:] + ["not_in_oracle"]  # w00..w02 are OOV
    X = rng.normal(size=(len(emb_words), 5)).astype(np.float32)
    with open(tmp_path / "vectors.txt", "w", encoding="utf-8") as fh:
        for w, v in zip(emb_words, X.astype(np.float64)):
            fh.write(w + " " + " ".join(repr(float(x)) for x in v) + "\n")
    covered = sorted(set(words) & set(emb_words))
    feats = sorted({f for r in rows.values() for f in r})
    E = np.array([X[emb_words.index(w)] for w in covered], dtype=np.float64)
    O = np.array([[rows[w].get(f, 0.0) for f in feats] for w in covered])
    return E, O, len(words)


def _script_qvec(E, O) -> float:
    return sum(max(pearsonr(E[:, i], O[:, j])[0] for j in range(O.shape[1])) for i in range(E.shape[1]))


def _script_qvec_cca(E, O) -> float:
    def basis(M):
        M = normalize(M)
        return qr(M - M.mean(axis=0), mode="economic", pivoting=True)[0]
    return float(svd(basis(E).T @ basis(O), compute_uv=False)[:min(E.shape[1], O.shape[1])].mean())


@pytest.mark.parametrize("family, formula", [("qvec", _script_qvec), ("qvec-cca", _script_qvec_cca)])
def test_user_oracle_spec_is_scored_as_the_scripts_score_it(tmp_path, capsys, family, formula):
    """A spec naming a user's oracle was a traceback (KeyError: 'qvec' in the sniffer, then 'oracle' in the
    reader) in `datasets check`, `intrinsic` and `run`."""
    E, O, n_total = _data(tmp_path, family)
    assert main(["datasets", "check", str(tmp_path / "mine.toml")]) == 0
    assert "qvec-oracle" in capsys.readouterr().out
    rc = main(["intrinsic", str(tmp_path / "vectors.txt"), "--tasks", str(tmp_path / "mine.toml"),
               "--set", "n_boot=0", "--out", str(tmp_path / "res"), "--json"])
    assert rc == 0
    (rec,) = json.loads(capsys.readouterr().out)
    assert rec["task"] == f"{family}/mine" and (rec["n_used"], rec["n_total"]) == (38, n_total)
    assert rec["main_value"] == pytest.approx(formula(E, O), abs=_tolerance(family, E, O), rel=0)


def _tolerance(family: str, E, O) -> float:
    """Two implementations' difference, as derived in tests/test_qvec.py: a Pearson r differs by at most
    2 (n + 2) eps (1 + max|x| / sd), and QVEC sums d of them; canonical correlations by
    2 n eps (p kappa_E + q kappa_O) of the normalised, centred matrices."""
    n = E.shape[0]
    if family == "qvec":
        Z = np.hstack([E, O])
        ratio = np.max(np.abs(Z).max(axis=0) / Z.std(axis=0))
        return E.shape[1] * 2 * (n + 2) * EPS * (1 + ratio)
    En, On = normalize(E), normalize(O)
    kappa = [np.linalg.cond(M - M.mean(axis=0)) for M in (En, On)]
    return 2 * n * EPS * (E.shape[1] * kappa[0] + O.shape[1] * kappa[1])


def test_user_oracle_spec_encoding_is_read(tmp_path, capsys):
    _data(tmp_path, "qvec", extra='encoding = "latin-1"\n', encoding="latin-1")
    assert main(["datasets", "check", str(tmp_path / "mine.toml")]) == 0
    assert "items: test 41 oracle words" in capsys.readouterr().out


@pytest.mark.parametrize("extra, key", [('delimiter = "tab"\n', "delimiter"), ('comment = "#"\n', "comment"),
                                        ("header = false\n", "header"), ('scheme = "IOB2"\n', "scheme"),
                                        ("score_scale = [0, 10]\n", "score_scale")])
def test_user_oracle_spec_refuses_a_hint_it_would_ignore(tmp_path, capsys, extra, key):
    """A QVEC spec's header, scheme, score_scale, ... were accepted and ignored."""
    _data(tmp_path, "qvec-cca", extra="\n" + extra)
    assert main(["datasets", "check", str(tmp_path / "mine.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"wordeval: error: {tmp_path / 'mine.toml'}:4: ") and key in err


@pytest.mark.parametrize("data, message", [
    ('caf\xe9\t{"x": 1}\n'.encode("latin-1"), 'oracle.txt:1: not utf-8 text (byte 0xe9 at column 4); set encoding = "latin-1"'),
    ('a\t{"x": 1}\rb\t{"x": 2}\r'.encode(), "oracle.txt:1: expected lines that end in LF or CRLF"),
    ('a\t{"x": 1}\n'.encode("utf-16-le"), "oracle.txt:1: expected utf-8 text, got a NUL byte (a binary file, "
                                         "or UTF-16 or UTF-32 text without a byte-order mark: convert it to "
                                         "UTF-8, e.g. iconv -f UTF-16LE -t UTF-8 FILE > OUT)"),
])
def test_user_oracle_that_is_not_utf8_lines_is_named_with_the_way_out(tmp_path, capsys, data, message):
    (tmp_path / "oracle.txt").write_bytes(data)
    (tmp_path / "mine.toml").write_text('name = "mine"\nfamily = "qvec"\n[files]\ntest = "oracle.txt"\n')
    assert main(["datasets", "check", str(tmp_path / "mine.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err
