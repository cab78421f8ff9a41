"""A tagger's torch thread count (`--set threads=N`) says how a fit runs, not what it computes: it stays in
the record's config, but a store serves the record to a rerun under another count instead of training the
cell again beside it; so does the device of a crf or perceptron, which never run on torch. Oracle: the key
`request_key` gives a cell's own config (how keys were computed before), and the store's "already stored"
count."""
from __future__ import annotations

import pytest

from wordeval.results.store import request_key

WORDS = ["the", "cat", "dog", "sat", "ran", "on", "a", "mat", "rug", "big"]
TAGS = {"the": "DT", "a": "DT", "cat": "NN", "dog": "NN", "mat": "NN", "rug": "NN", "sat": "VB", "ran": "VB",
        "on": "IN", "big": "JJ"}


def _files(tmp_path):
    vec = tmp_path / "v.txt"
    vec.write_text("".join(f"{w} {' '.join(str((i * 7 + j) % 5 / 5) for j in range(4))}\n"
                           for i, w in enumerate(WORDS)), encoding="utf-8")
    sents = [["the", "cat", "sat", "on", "a", "mat"], ["a", "big", "dog", "ran"], ["the", "dog", "sat"],
             ["a", "cat", "ran", "on", "the", "rug"]]
    def conll(rows):
        return "\n".join("\n".join(f"{w} {TAGS[w]}" for w in s) + "\n" for s in rows)
    (tmp_path / "train.txt").write_text(conll(sents * 5), encoding="utf-8")
    (tmp_path / "dev.txt").write_text(conll(sents[:2]), encoding="utf-8")
    (tmp_path / "test.txt").write_text(conll(sents), encoding="utf-8")
    spec = tmp_path / "tiny.toml"
    spec.write_text('name = "tiny"\nfamily = "pos"\n[files]\ntrain = "train.txt"\ndev = "dev.txt"\n'
                    'test = "test.txt"\n', encoding="utf-8")
    return vec, spec


@pytest.mark.parametrize("learner", ["crf", "mlp"])
def test_the_thread_count_is_not_part_of_the_request_key(tmp_path, learner):
    from wordeval.runner import EmbeddingCache, plan, request_key_for

    vec, spec = _files(tmp_path)
    cache = EmbeddingCache()
    keys = {}
    for threads in (1, 2, 7):
        settings = {"learner": learner, "threads": threads, "n_seeds": 1}
        (cell,) = plan([f"V={vec}"], [(str(spec), settings)]).cells
        assert cell.config["threads"] == threads  # the record still says how it ran
        emb = cache.get(*cell.load_key)
        keys[threads] = request_key_for(cell, emb)
        if threads == 1:  # the default: the key records stored before have
            # a user task's data identity: request_key_for adds it
            earlier = {**cell.config, "_data": cell.data}
            assert keys[1] == request_key(emb.info.fingerprint, cell.task.name, cell.task.version, earlier,
                                          cell.seed, label=cell.rep.name)
    assert keys[1] == keys[2] == keys[7]
    (cell,) = plan([f"V={vec}"], [(str(spec), {"learner": learner, "window": 1, "n_seeds": 1})]).cells
    assert request_key_for(cell, cache.get(*cell.load_key)) != keys[1]  # a setting that computes otherwise


@pytest.mark.parametrize("learner, same", [("crf", True), ("perceptron", True), ("mlp", False)])
def test_the_device_is_part_of_the_key_only_where_torch_runs(tmp_path, learner, same):
    from wordeval.runner import EmbeddingCache, plan, request_key_for

    vec, spec = _files(tmp_path)
    cache = EmbeddingCache()
    keys = []
    for device in ("auto", "cpu"):
        settings = {"learner": learner, "device": device, "n_seeds": 1}
        (cell,) = plan([f"V={vec}"], [(str(spec), settings)]).cells
        keys.append(request_key_for(cell, cache.get(*cell.load_key)))
    assert (keys[0] == keys[1]) is same


def test_a_rerun_under_another_thread_count_is_served_from_the_store(tmp_path, capsys):
    from wordeval.cli import main

    vec, spec = _files(tmp_path)
    args = ["extrinsic", f"V={vec}", "--tasks", str(spec), "--learner", "crf", "--seeds", "1",
            "--epochs", "5", "--out", str(tmp_path / "store"), "-q"]
    assert main([*args, "--set", "threads=1"]) == 0
    assert "1 computed" in capsys.readouterr().err
    assert main([*args, "--set", "threads=2"]) == 0
    assert "0 computed, 1 already stored" in capsys.readouterr().err
