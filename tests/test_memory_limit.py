"""Tagging settings whose fit cannot fit in memory are refused when a run is planned (exit 2, one line naming
the option, the estimate and the limit, nothing written), and the estimate bounds what real fits use."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from wordeval.cli import main

WORDS = ["john", "mary", "paris", "london", "lives", "in", "works", "at"]


def _files(tmp_path):
    """(vector file, NER spec) of 12 training sentences of 8 tokens over 8 words, 4-dimensional vectors."""
    tag = {"john": "B-PER", "mary": "B-PER", "paris": "B-LOC", "london": "B-LOC"}
    for split, n, length in (("train", 12, 8), ("dev", 4, 2), ("test", 4, 3)):
        rows = ["".join(f"{WORDS[(i + j) % 8]}\t{tag.get(WORDS[(i + j) % 8], 'O')}\n" for j in range(length))
                for i in range(n)]
        (tmp_path / f"{split}.conll").write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec = tmp_path / "tiny.toml"
    spec.write_text('name = "tiny"\nfamily = "ner"\nscheme = "IOB2"\n[files]\ntrain = "train.conll"\n'
                    'dev = "dev.conll"\ntest = "test.conll"\n', encoding="utf-8")
    rng = np.random.default_rng(0)
    vectors = tmp_path / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.normal(size=4))}\n" for w in WORDS),
                       encoding="utf-8")
    return vectors, spec


@pytest.mark.parametrize("option, learner, limit", [("window=100000", "mlp", "4GiB"),
                                                    ("hidden=100000000", "mlp", "4GiB"),
                                                    ("hidden=100000000", "bilstm-crf", "4GiB"),
                                                    ("window=100000", "crf", "100M")])
def test_a_setting_too_large_for_memory_is_refused_at_planning(tmp_path, capsys, monkeypatch, option, learner,
                                                               limit):
    """These ran out of memory inside torch (a traceback) or crfsuite (killed) after loading and building the
    features, with a store already created. The window MLP's weights alone are 5 x 4 bytes x 300 x
    (200,001 x 12) = 13.4 GiB for window 100000 on 4-dimensional vectors, above the 4 GiB limit; crfsuite's
    items 96 tokens x 200,001 window positions x 16 bytes = 293 MiB, above 100 MiB."""
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", limit)
    vectors, spec = _files(tmp_path)
    out = tmp_path / "R"
    assert main(["--quiet", "run", f"v={vectors}", "--tasks", str(spec), "--set", f"learner={learner}",
                 "--set", option, "--set", "n_seeds=1", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    key, value = option.split("=")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"wordeval: error: ner/tiny on v (learner {learner}): {key} = {value} needs an "
                          f"estimated ")
    assert err.rstrip().endswith(f"more than WORDEVAL_MEMORY_LIMIT={limit} ("
                                 f"{'4.0 GiB' if limit == '4GiB' else '100.0 MiB'}): choose smaller values")
    assert not out.exists()


def test_the_limit_comes_from_the_environment_and_default_settings_run(tmp_path, capsys, monkeypatch):
    vectors, spec = _files(tmp_path)
    argv = ["--quiet", "extrinsic", f"v={vectors}", "--tasks", str(spec), "--seeds", "1", "--epochs", "1",
            "--out", str(tmp_path / "R")]
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "1M")
    assert main(argv) == 2
    assert "more than WORDEVAL_MEMORY_LIMIT=1M (1.0 MiB)" in capsys.readouterr().err
    assert not (tmp_path / "R").exists()
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "lots")
    assert main(argv) == 2
    assert capsys.readouterr().err == ("wordeval: error: WORDEVAL_MEMORY_LIMIT='lots': expected a positive size in "
                                       "bytes, or with a unit (512M, 2GiB)\n")
    monkeypatch.delenv("WORDEVAL_MEMORY_LIMIT")  # the machine's memory: the defaults train
    assert main(argv) == 0


def test_the_python_api_plans_with_the_same_check(tmp_path, monkeypatch):
    from wordeval.errors import ConfigError
    from wordeval.runner import plan

    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "4GiB")
    vectors, spec = _files(tmp_path)
    with pytest.raises(ConfigError, match=r"window = 100000 needs an estimated [0-9.,]+ GiB of memory \(the "):
        plan([f"v={vectors}"], [(str(spec), {"window": 100000, "n_seeds": 1})])
    assert len(plan([f"v={vectors}"], [(str(spec), {"n_seeds": 1})]).cells) == 1


@pytest.mark.parametrize("value", ["100000000000000000000", "2147483648"])
def test_counts_beyond_c_integers_are_refused(tmp_path, capsys, value):
    """--epochs 10**20 stopped with an OverflowError traceback after the features were built."""
    vectors, spec = _files(tmp_path)
    assert main(["--quiet", "extrinsic", f"v={vectors}", "--tasks", str(spec), "--epochs", value,
                 "--out", str(tmp_path / "R")]) == 2
    # refused by the flag itself now, naming it (it named the tagging option alone)
    assert capsys.readouterr().err == (f"wordeval: error: argument --epochs: --epochs='{value}': expected an "
                                       f"integer <= 2147483647 (see: wordeval extrinsic --help)\n")


MEASURE = """
import sys
import numpy as np
import pycrfsuite, torch  # loaded before the baseline: the libraries are not what a fit allocates
from wordeval.extrinsic.features import build_features
from wordeval.extrinsic.learners import learner_class
from wordeval.extrinsic.learners.memory import DataSizes, fit_bytes

name, params, dim = sys.argv[1], eval(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
sents = {s: [[f"w{rng.integers(500)}" for _ in range(rng.integers(5, 30))] for _ in range(n)]
         for s, n in (("train", 100), ("dev", 20), ("test", 20))}
tags = {s: [["B" if i % 3 else "O" for i in range(len(x))] for x in v] for s, v in sents.items()}

class Table:
    def lookup(self, words):
        return rng.normal(size=(len(words), dim)).astype(np.float32), np.ones(len(words), bool)

features = build_features(Table(), sents, case="exact")
learner = learner_class(name)(epochs=1, **params)
n = {s: sum(map(len, v)) for s, v in sents.items()}
sizes = DataSizes(n["train"], n["dev"], n["test"], max(len(x) for v in sents.values() for x in v), 2,
                  len(features.table))
estimate = sum(fit_bytes(learner, dim, sizes).values())

def peak():  # VmHWM, not ru_maxrss: Linux carries the parent's ru_maxrss across fork and exec
    line = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


before = peak()
learner.fit(features, tags["train"], tags["dev"], score=lambda g, p: 0.0, seed=0, progress=False)
learner.predict(features, "test")
print(estimate, peak() - before)
"""


@pytest.mark.parametrize("name, params, dim", [("mlp", {"window": 10, "hidden": 1500, "device": "cpu"}, 50),
                                               ("bilstm-crf", {"hidden": 400, "device": "cpu"}, 50),
                                               ("crf", {"window": 10}, 50)])
def test_the_estimate_bounds_the_peak_memory_of_a_real_fit(name, params, dim):
    """The oracle is the kernel's peak resident set (VmHWM) of a fresh process: its growth over the fit
    and the prediction must stay under the estimate, and the estimate within 8x of it (its fixed 256 MiB
    allowance for torch's first fit dominates at these tiny sizes)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, name, repr(params), str(dim)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr[-2000:]
    estimate, grew = map(int, done.stdout.split()[-2:])
    assert 0 < grew <= estimate <= 8 * grew, (estimate, grew)


@pytest.mark.parametrize("text, expected", [("8Gi", 8 * 2 ** 30), ("512Mi", 512 * 2 ** 20), ("2 Gi", 2 * 2 ** 30),
                                            ("1e+9", 10 ** 9), ("8GiB", 8 * 2 ** 30), ("8G", 8 * 2 ** 30),
                                            ("4096b", 4096), ("1e9", 10 ** 9)])
def test_sizes_as_kubernetes_and_printf_write_them(text, expected):
    """A Kubernetes memory limit is written '8Gi', and Python's '%g' writes 10**9 as '1e+09': both were refused."""
    from wordeval.memory_limit import parse_size
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["8i", "8ib", "lots", "0.5"])
def test_a_binary_suffix_without_its_unit_is_refused(text):
    from wordeval.errors import ConfigError
    from wordeval.memory_limit import parse_size
    with pytest.raises(ConfigError, match="expected a positive size"):
        parse_size(text)
