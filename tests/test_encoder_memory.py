"""Transformer settings whose batch cannot fit in memory are refused when a run is planned (exit 2, one line
naming the option, the estimate and the limit, nothing written), and the estimate bounds what real batches
use. Nothing large is allocated: the limit is lowered with WORDEVAL_MEMORY_LIMIT."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from wordeval.cli import main

pytest.importorskip("torch")
pytest.importorskip("transformers")


@pytest.fixture(autouse=True)
def _minilm_here():
    from wordeval.embeddings.bert_support import minilm_model_dir
    try:
        minilm_model_dir()
    except Exception as exc:  # the packaged model is not installed
        pytest.skip(f"MiniLM not available: {exc}")


def _sts(tmp_path):
    (tmp_path / "t.tsv").write_text("a cat sat\ta dog sat\t4.0\nthe sun\tthe moon\t2.0\n", encoding="utf-8")
    spec = tmp_path / "tiny.toml"
    spec.write_text('name = "tiny"\nfamily = "sts"\n[files]\ntest = "t.tsv"\n', encoding="utf-8")
    return spec


def _ner(tmp_path):
    for n, split in enumerate(("train", "dev", "test")):
        rows = f"john\tB-PER\nlives\tO\nin\tO\nparis\tB-LOC\n{'now' * (n + 1)}\tO\n"
        (tmp_path / f"{split}.conll").write_text("\n".join([rows] * 4), encoding="utf-8")
    spec = tmp_path / "ner.toml"
    spec.write_text('name = "tiny"\nfamily = "ner"\nscheme = "IOB2"\n[files]\ntrain = "train.conll"\n'
                    'dev = "dev.conll"\ntest = "test.conll"\n', encoding="utf-8")
    return spec


def _long_sts(tmp_path, n_pairs=900):
    """n_pairs pairs of distinct 40-word sentences of one-piece words: 40 pieces + [CLS] and [SEP] each."""
    words = "the cat sat on a mat and the dog ran to it".split()
    tail = ("red blue green black white old new big small long short high low good bad hot cold dark light fast "
            "slow hard soft warm cool wet dry rich poor full").split()
    rows = []
    for i in range(n_pairs):
        own = f" {tail[i % 30]} {tail[i // 30 % 30]}"
        s1 = " ".join(words[(i + k) % len(words)] for k in range(38)) + own
        s2 = " ".join(words[(i + 3 * k) % len(words)] for k in range(38)) + own
        rows.append(f"{s1}\t{s2}\t{i % 5}.0\n")
    (tmp_path / "t.tsv").write_text("".join(rows), encoding="utf-8")
    spec = tmp_path / "long.toml"
    spec.write_text('name = "long"\nfamily = "sts"\n[files]\ntest = "t.tsv"\n', encoding="utf-8")
    return spec


def test_a_huge_encoder_batch_is_refused_at_planning(tmp_path, capsys, monkeypatch):
    """The task's 1,800 sentences of 42 pieces (hand-counted: 40 one-piece words, [CLS], [SEP]) in one batch
    hold 3 x 1,800 x 12 heads x 42^2 x 4 bytes of attention scores (0.4 GiB) and 2 x 75,600 tokens x 1,536 x 4
    bytes of feed-forward activations (0.9 GiB), above 1 GiB; the default batch of 32 runs under the same
    limit."""
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "1GiB")
    spec, out = _long_sts(tmp_path), tmp_path / "R"
    assert main(["--quiet", "intrinsic", "minilm:batch_size=100000", "--tasks", str(spec), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("wordeval: error: minilm on sts/long: batch_size = 100000 (batches of 1,800 inputs of "
                          "up to 42 tokens) needs an estimated ")
    assert "the feed-forward activations 0.9 GiB, the attention scores 0.4 GiB" in err
    assert err.rstrip().endswith("more than WORDEVAL_MEMORY_LIMIT=1GiB (1.0 GiB): choose smaller values")
    assert not out.exists()
    from wordeval.runner import check_embedding_spec, plan
    plan(["minilm"], [str(spec)])
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "1M")
    check_embedding_spec("minilm")  # the defaults are never refused for their full batch, which data rarely fills


def test_an_encoder_batch_is_bounded_by_the_data_it_pads_to(tmp_path, monkeypatch):
    """batch_size = 256 on sentences of a few words: bounded by MiniLM's 512 positions it was refused on an
    8 GiB machine (3 x 256 x 12 x 512^2 x 4 bytes = 9.0 GiB of attention scores alone); the batch pads to the
    longest sentence, 5 pieces here (3 words, [CLS], [SEP]), and holds the task's 4 sentences at most."""
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "8GiB")
    from wordeval.runner import plan
    assert len(plan(["minilm:batch_size=256"], [str(_sts(tmp_path))]).cells) == 1
    assert len(plan(["minilm:batch_size=256,max_length=512"], [str(_sts(tmp_path))]).cells) == 1


def test_bert_finetune_beyond_the_limit_is_refused_at_planning(tmp_path, capsys, monkeypatch):
    """Six weight copies of MiniLM's 22.7 M parameters (0.5 GiB) and torch's allowance already exceed 600 MiB;
    the same run is planned under 4 GiB."""
    spec, out = _ner(tmp_path), tmp_path / "R"
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "600M")
    assert main(["--quiet", "extrinsic", "minilm", "--learner", "bert-finetune", "--tasks", str(spec),
                 "--seeds", "1", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("wordeval: error: ner/tiny on minilm (learner bert-finetune): the encoder's max_length "
                          "(batches of 16 inputs of up to ")
    assert "more than WORDEVAL_MEMORY_LIMIT=600M (0.6 GiB)" in err
    assert not out.exists()
    from wordeval.runner import plan

    # 4 GiB: short sentences pad to a few pieces, not to max_length (a full batch of 512-token windows: ~8.9 GiB)
    monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", "4GiB")
    assert len(plan(["minilm"], [(str(spec), {"learner": "bert-finetune", "n_seeds": 1})]).cells) == 1


MEASURE = """
import sys
import torch  # loaded before the baseline: the libraries are not what a batch allocates
from wordeval.embeddings.bert import BertEncoder
from wordeval.embeddings.encoder_memory import forward_bytes, geometry, training_bytes

mode, batch, length = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
encoder = BertEncoder("minilm", batch_size=batch, max_length=length, threads=1, device="cpu")
g = geometry(encoder.model_dir)
words = [f"w{i}" for i in range(length)]  # each "wN" is several pieces: every input fills its window
sentences = [words[i:] + words[:i] for i in range(batch)]

def peak():  # VmHWM, not ru_maxrss: Linux carries the parent's ru_maxrss across fork and exec
    line = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024

if mode == "encode":
    estimate = sum(forward_bytes(g, batch, length, all_states=False).values()) - g.weights  # loaded already
    before = peak()
    encoder.encode_tokens(sentences)
else:
    from wordeval.extrinsic.learners import learner_class
    from wordeval.extrinsic.learners.bert_tagger import EncoderInputs

    inputs = EncoderInputs(encoder, {s: sentences for s in ("train", "dev", "test")})
    tags = [["B" if j % 3 else "O" for j in range(len(x))] for x in sentences]
    learner = learner_class("bert-finetune")(epochs=1, device="cpu", threads=1, batch_size=batch)
    estimate = sum(training_bytes(g, batch, length).values()) - g.weights  # the encoder's copy: loaded already
    before = peak()
    learner.fit(inputs, tags, tags, score=lambda gold, pred: 0.0, seed=0, progress=False)
    learner.predict(inputs, "test")
print(estimate, peak() - before)
"""


@pytest.mark.parametrize("mode, batch, length", [("encode", 16, 128), ("finetune", 8, 64)])
def test_the_estimate_bounds_the_peak_memory_of_a_real_batch(mode, batch, length):
    """The oracle is the kernel's peak resident set (VmHWM) of a fresh process: its growth over the encoding
    (or one fine-tuning epoch and its prediction) stays under the estimate, and the estimate within 4x of it
    (measured: 3.1x encoding, where torch's fixed 256 MiB allowance dominates, 1.4x fine-tuning)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, mode, str(batch), str(length)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr[-2000:]
    estimate, grew = map(int, done.stdout.split()[-2:])
    assert 0 < grew <= estimate <= 4 * grew, (estimate, grew)


def _classification(tmp_path):
    """A train document of 700 words (well over 512 pieces) and short ones."""
    for split, n in (("train", 8), ("test", 4)):
        rows = [f"{('pos', 'neg')[i % 2]}\t{' '.join(['alpha', 'beta'] * (350 if i == 0 else 3))}\n" for i in range(n)]
        (tmp_path / f"{split}.tsv").write_text("".join(rows), encoding="utf-8")
    spec = tmp_path / "c.toml"
    spec.write_text('name = "tiny"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\ntest = "test.tsv"\n',
                    encoding="utf-8")
    return spec


@pytest.mark.parametrize("options, limit, expected", [
    # MiniLM's 512 positions: a longer max_length was a torch RuntimeError on the 700-word document
    ("{max_length=100000}", None, "classification/tiny on minilm: finetune max_length = 100000: the model reads "
                                  "at most 512 tokens\n"),
    # 64 documents padded to 512 pieces keep 6 layers x (5 x 64 x 12 x 512^2 + 32,768 x 21,504) x 4 bytes
    ("{batch_size=64, max_length=512}", "1GiB", "classification/tiny on minilm (learner finetune): finetune "
                                                "batch_size = 64, max_length = 512 (batches of 64 inputs of up to "
                                                "512 tokens) needs an estimated 33.4 GiB of memory")])
def test_classification_finetune_beyond_the_model_or_memory_is_refused_at_planning(tmp_path, capsys, monkeypatch,
                                                                                   options, limit, expected):
    if limit:
        monkeypatch.setenv("WORDEVAL_MEMORY_LIMIT", limit)
    spec, out = _classification(tmp_path), tmp_path / "R"
    assert main(["--quiet", "extrinsic", "minilm", "--tasks", str(spec), "--seeds", "1", "--set", "learner=finetune",
                 "--set", f"finetune={options}", "--set", "cv_folds=2", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"wordeval: error: {expected}")
    assert not out.exists()


def test_a_max_length_beyond_the_model_is_refused_before_the_store_is_created(tmp_path, capsys):
    """MiniLM's config.json has 512 positions; the refusal came when the model loaded, with the store made."""
    spec, out = _sts(tmp_path), tmp_path / "R"
    assert main(["--quiet", "intrinsic", "minilm:max_length=100000", "--tasks", str(spec), "--out", str(out)]) == 2
    assert capsys.readouterr().err == ("wordeval: error: minilm:max_length=100000: max_length=100000: this model handles at most 512 "
                                       "tokens\n")
    assert not out.exists()
