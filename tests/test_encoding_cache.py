"""Encoder outputs cached per (encoder, inputs): the same inputs never reach the encoder twice, and what comes
back is what the encoder gave (bit for bit: the cache stores float32, and copies).

The first tests use a counting stand-in encoder (no torch); the last ones use MiniLM through the runner,
counting the model's forward calls, with a tiny user NER set and a tiny classification set.
"""
from __future__ import annotations

import hashlib
import logging

import numpy as np
import pytest

from wordeval.embeddings.base import EmbeddingInfo, TokenEncoder
from wordeval.embeddings.encoding_cache import ByteLRU, CachedEncoder, cached

DIM = 4


class CountingTokens:
    """Deterministic stand-in: a token's vector is a function of its text; counts its calls."""

    def __init__(self, fingerprint: str = "sha256:fake"):
        self.info = EmbeddingInfo(name="fake", source="<test>", format="test", dim=DIM, vocab_size=None,
                                  fingerprint=fingerprint)
        self.calls = {"tokens": 0, "sentences": 0}

    @staticmethod
    def _vec(text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)

    def encode_tokens(self, sentences):
        self.calls["tokens"] += 1
        return [np.stack([self._vec(w) for w in s]) if s else np.zeros((0, DIM), np.float32) for s in sentences]


class Counting(CountingTokens):
    def encode_sentences(self, texts, *, pooling: str = "mean"):
        self.calls["sentences"] += 1
        return np.stack([self._vec(pooling + t) for t in texts])


SENTS = [["The", "cat", "sat"], [], ["A", "dog\tbarked", "."]]


def test_same_inputs_are_encoded_once_and_identical(tmp_path):
    inner = Counting()
    enc = CachedEncoder(inner, memory=ByteLRU(1 << 20), disk=False)
    first = enc.encode_tokens(SENTS)
    second = enc.encode_tokens([list(s) for s in SENTS])
    assert inner.calls["tokens"] == 1 and enc.stats == {"memory_hits": 1, "disk_hits": 0, "misses": 1}
    for a, b, want in zip(first, second, inner.encode_tokens(SENTS)):
        assert a.dtype == np.float32 and a.shape == want.shape
        np.testing.assert_array_equal(a, want)
        np.testing.assert_array_equal(b, want)
    first[0][:] = 99  # a caller writing into its arrays does not change what the next caller gets
    np.testing.assert_array_equal(enc.encode_tokens(SENTS)[0], second[0])
    assert enc.info is inner.info  # records carry the encoder's own fingerprint: request keys are unchanged


def test_other_inputs_or_options_are_other_entries():
    inner = Counting()
    enc = CachedEncoder(inner, memory=ByteLRU(1 << 20), disk=False)
    enc.encode_tokens(SENTS)
    enc.encode_tokens([["The", "cat"], [], ["A", "dog\tbarked", "."]])
    enc.encode_tokens([["The", "cat sat"]])  # same characters, other word boundaries
    assert inner.calls["tokens"] == 3
    texts = ["one text", "another"]
    np.testing.assert_array_equal(enc.encode_sentences(texts), enc.encode_sentences(texts, pooling="mean"))
    assert inner.calls["sentences"] == 1  # a default spelled out is the same request
    cls = enc.encode_sentences(texts, pooling="cls")
    assert inner.calls["sentences"] == 2 and not np.array_equal(cls, enc.encode_sentences(texts))
    other = CachedEncoder(Counting("sha256:other"), memory=enc._memory, disk=False)
    other.encode_sentences(texts)  # another encoder (fingerprint) never gets this one's vectors
    assert other.stats["misses"] == 1


def test_lru_is_bounded_in_bytes():
    lru = ByteLRU(3 * 400)
    for i in range(4):
        lru.put(str(i), np.zeros(100, np.float32))  # 400 bytes each
    assert len(lru) == 3 and lru.nbytes == 1200 and lru.get("0") is None
    lru.get("1")  # used: now the most recent
    lru.put("4", np.zeros(100, np.float32))
    assert lru.get("1") is not None and lru.get("2") is None
    lru.put("big", np.zeros(1000, np.float32))  # larger than the whole bound: not kept, nothing evicted
    assert lru.get("big") is None and len(lru) == 3


def test_wrapper_claims_only_what_the_encoder_has(monkeypatch):
    monkeypatch.setenv("WORDEVAL_ENCODING_CACHE_MB", "64")
    tok_only = cached(CountingTokens())
    assert hasattr(tok_only, "encode_tokens") and not hasattr(tok_only, "encode_sentences")
    assert isinstance(tok_only, TokenEncoder) and not hasattr(tok_only, "lookup")

    class Lookup(Counting):
        def lookup(self, words):
            return np.zeros((len(words), DIM), np.float32), np.ones(len(words), bool)

    static = Lookup()
    assert cached(static) is static  # word tables are read, not computed: nothing to cache
    both = cached(Counting())
    assert cached(both) is both and both.unwrapped.info.name == "fake"
    monkeypatch.setenv("WORDEVAL_ENCODING_CACHE_MB", "0")
    plain = Counting()
    assert cached(plain) is plain  # memory off and disk off: no wrapper at all


def test_disk_entries_are_float32_verified_and_replaced_when_broken(tmp_path, caplog):
    inner = Counting()
    enc = CachedEncoder(inner, memory=False, disk=True, cache_home=tmp_path)
    want = enc.encode_tokens(SENTS)
    folders = list((tmp_path / "encoded").iterdir())
    assert len(folders) == 1 and sorted(p.name for p in folders[0].iterdir()) == ["meta.json", "vectors.npy"]
    assert np.load(folders[0] / "vectors.npy").dtype == np.float32
    again = CachedEncoder(inner, memory=ByteLRU(1 << 20), disk=True, cache_home=tmp_path)  # a later process
    for a, b in zip(again.encode_tokens(SENTS), want):
        np.testing.assert_array_equal(a, b)
    assert inner.calls["tokens"] == 1 and again.stats["disk_hits"] == 1
    # flip one byte of the data: the sha256 in meta.json no longer matches, so it is encoded again
    path = folders[0] / "vectors.npy"
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 0xFF
    path.write_bytes(bytes(raw))
    fresh = CachedEncoder(inner, memory=False, disk=True, cache_home=tmp_path)
    with caplog.at_level(logging.WARNING):
        got = fresh.encode_tokens(SENTS)
    assert "does not match" in caplog.text and inner.calls["tokens"] == 2
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)
    check = CachedEncoder(inner, memory=False, disk=True, cache_home=tmp_path)
    check.encode_tokens(SENTS)
    assert check.stats["disk_hits"] == 1  # the broken entry was replaced


def test_an_unwritable_cache_is_a_warning_not_an_error(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    enc = CachedEncoder(Counting(), memory=False, disk=True, cache_home=blocker)
    with caplog.at_level(logging.WARNING):
        out = enc.encode_sentences(["a", "b"])
    assert out.shape == (2, DIM) and "could not cache" in caplog.text


def test_a_read_only_cache_is_said_to_be_the_cache_not_an_output(tmp_path, caplog, monkeypatch):
    """A read-only encoder cache was warned with "choose a writable output path", advice for the outputs a
    user names, where the folder to change is WORDEVAL_CACHE."""
    import errno
    import os
    import tempfile

    real = tempfile.mkdtemp

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and str(tmp_path) in os.fspath(dir):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    enc = CachedEncoder(Counting(), memory=False, disk=True, cache_home=tmp_path)
    with caplog.at_level(logging.WARNING):
        out = enc.encode_sentences(["a", "b"])
    assert out.shape == (2, DIM)
    assert "could not cache" in caplog.text and "WORDEVAL_CACHE" in caplog.text, caplog.text
    assert "output path" not in caplog.text, caplog.text


# -- MiniLM through the runner ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def minilm_counted():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from wordeval.embeddings.load import load_embedding

    enc = load_embedding("minilm")
    forward = enc.model.forward
    enc.forward_calls = 0

    def counting(*args, **kwargs):
        enc.forward_calls += 1
        return forward(*args, **kwargs)

    enc.model.forward = counting
    return enc


def _tiny_tasks(root):
    rng = np.random.default_rng(0)
    names, filler = ["Paris", "London", "Berlin", "Alice", "Bob"], ["the", "in", "said", "went", "home", "today"]
    for split, n in (("train", 40), ("dev", 12), ("test", 12)):
        lines = []
        for _ in range(n):
            for _ in range(int(rng.integers(3, 8))):
                if rng.random() < 0.3:
                    lines.append(f"{rng.choice(names)}\tB-ent")
                else:
                    lines.append(f"{rng.choice(filler)}\tO")
            lines.append("")
        (root / f"ner.{split}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "ner.toml").write_text('name = "tinyner"\nfamily = "ner"\nscheme = "IOB2"\n'
                                   '[files]\ntrain = "ner.train"\ndev = "ner.dev"\ntest = "ner.test"\n'
                                   '[config]\nprofile = "quick"\nepochs = 2\nn_seeds = 1\n', encoding="utf-8")
    for label, words in (("pos", ["great", "fine", "lovely"]), ("neg", ["awful", "bad", "dull"])):
        lines = [f"the film was {rng.choice(words)} {rng.choice(filler)}" for _ in range(20)]
        (root / f"rev.{label}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "rev.toml").write_text('name = "tinyrev"\nfamily = "classification"\nprotocol = "cv10"\n'
                                   '[classes]\npos = "rev.pos"\nneg = "rev.neg"\n'
                                   '[config]\nn_seeds = 1\ncv_folds = 2\ncv_outer_folds = 2\n', encoding="utf-8")
    return [str(root / "ner.toml"), str(root / "rev.toml")]


def _count_forward_calls(monkeypatch, enc) -> dict:
    """The encoder's forward calls in each runner cell, under (task, seed), and in tagging.prepare_encoder,
    under (task, "prepare")."""
    from wordeval import runner
    from wordeval.extrinsic import tagging

    calls: dict[tuple[str, object], int] = {}
    compute, prepare = runner.compute_cell, tagging.prepare_encoder

    def counted_cell(cell, embedding, dataset, **kw):
        before = enc.forward_calls
        rec = compute(cell, embedding, dataset, **kw)
        calls[(cell.task.name, cell.seed)] = enc.forward_calls - before
        return rec

    def counted_prepare(spec, embedding, dataset, **kw):
        before = enc.forward_calls
        prepare(spec, embedding, dataset, **kw)
        calls[(spec.name, "prepare")] = enc.forward_calls - before

    monkeypatch.setattr(runner, "compute_cell", counted_cell)
    monkeypatch.setattr(tagging, "prepare_encoder", counted_prepare)
    return calls


def test_second_record_on_same_data_does_not_run_the_model(tmp_path, minilm_counted, monkeypatch):
    from wordeval import runner
    from wordeval.embeddings import encoding_cache
    from wordeval.results.store import ResultStore

    monkeypatch.setattr(encoding_cache, "_MEMORY", None)  # a fresh process-wide LRU for this test
    enc = minilm_counted
    tasks = _tiny_tasks(tmp_path)
    compute = runner.compute_cell
    calls = _count_forward_calls(monkeypatch, enc)
    plan = runner.plan(["minilm"], tasks, seeds=[0, 1])
    with ResultStore(tmp_path / "store") as store:
        summary = runner.execute(plan, store, embeddings=runner.EmbeddingCache(lambda spec, label: enc),
                                 seed_threads=1)
        assert len(summary.computed) == 4
        cached_records = {(r.task, r.seed): r for r in store.records()}
    ner, rev = "ner/tinyner", "classification/tinyrev"
    assert calls[(rev, 0)] > 0 and calls[(rev, 1)] == 0  # seed 1 read seed 0's encodings
    assert (ner, "prepare") not in calls and calls[(ner, 0)] > 0 and calls[(ner, 1)] == 0  # one at a time

    # seeds side by side: the tagging task's features are encoded once, before its cells
    monkeypatch.setattr(encoding_cache, "_MEMORY", None)
    calls.clear()
    with ResultStore(tmp_path / "side") as store:
        runner.execute(plan, store, embeddings=runner.EmbeddingCache(lambda spec, label: enc), seed_threads=2)
        side = {(r.task, r.seed): r.scores for r in store.records()}
    assert calls[(ner, "prepare")] > 0 and calls[(ner, 0)] == calls[(ner, 1)] == 0
    assert side == {k: r.scores for k, r in cached_records.items()}

    # the same seed-1 records without any cache: the vectors, hence every score, are the same
    monkeypatch.setenv("WORDEVAL_ENCODING_CACHE_MB", "0")
    monkeypatch.setattr(runner, "compute_cell", compute)
    plan = runner.plan(["minilm"], tasks, seeds=[1])
    with ResultStore(tmp_path / "plain") as store:
        runner.execute(plan, store, embeddings=runner.EmbeddingCache(lambda spec, label: enc))
        plain = list(store.records())
    assert len(plain) == 2
    for rec in plain:
        assert rec.scores == cached_records[(rec.task, 1)].scores


def test_bert_options_are_part_of_the_key(minilm_counted):
    import copy

    wrapped = CachedEncoder(minilm_counted, memory=ByteLRU(64 << 20), disk=False)
    k1 = wrapped.key("tokens", SENTS)
    other = copy.copy(minilm_counted)
    other.subword = "mean"  # the encoder's fingerprint follows its current options
    assert CachedEncoder(other, memory=False, disk=False).key("tokens", SENTS) != k1
    a = wrapped.encode_tokens(SENTS)
    n = minilm_counted.forward_calls
    b = wrapped.encode_tokens(SENTS)
    assert minilm_counted.forward_calls == n
    for x, y, z in zip(a, b, minilm_counted.encode_tokens(SENTS)):
        np.testing.assert_array_equal(x, y)
        np.testing.assert_array_equal(x, z)  # same batches, same threads: the encoder itself is deterministic


def test_several_learners_on_one_dataset_encode_once(tmp_path, minilm_counted, monkeypatch):
    """Tagging tasks that differ only in the learner (window MLP, perceptron, CRF) read the same sentences:
    the first one encodes them, the others run no forward pass (the key is the encoder and the inputs)."""
    from wordeval import runner
    from wordeval.embeddings import encoding_cache
    from wordeval.results.store import ResultStore

    monkeypatch.setattr(encoding_cache, "_MEMORY", None)
    enc = minilm_counted
    ner_spec = _tiny_tasks(tmp_path)[0]
    text = (tmp_path / "ner.toml").read_text(encoding="utf-8")
    tasks = [ner_spec]
    for learner in ("perceptron", "crf"):
        spec = tmp_path / f"ner-{learner}.toml"
        spec.write_text(text.replace('name = "tinyner"', f'name = "tinyner-{learner}"')
                        .replace("[config]\n", f'[config]\nlearner = "{learner}"\n'), encoding="utf-8")
        tasks.append(str(spec))
    calls: dict[str, int] = {}
    compute = runner.compute_cell

    def counted(cell, embedding, dataset, **kw):
        before = enc.forward_calls
        rec = compute(cell, embedding, dataset, **kw)
        calls[cell.task.name] = enc.forward_calls - before
        return rec

    monkeypatch.setattr(runner, "compute_cell", counted)
    plan = runner.plan(["minilm"], tasks, seeds=[0])
    with ResultStore(tmp_path / "store") as store:
        summary = runner.execute(plan, store, embeddings=runner.EmbeddingCache(lambda spec, label: enc))
        learners = {r.task: r.config.get("learner") for r in store.records()}
    assert len(summary.computed) == 3
    assert sorted(learners.values()) == ["crf", "mlp", "perceptron"]
    assert sum(1 for n in calls.values() if n > 0) == 1, calls  # one task encoded, the other two read it


def test_encoder_batch_of_two_tagging_tasks_encodes_each_corpus_once(tmp_path, minilm_counted, monkeypatch):
    """Side by side across tasks (runner._concurrent_batch) with an encoder: the batch goes task by task, each
    task's features are encoded once (tagging.prepare_encoder) and its seeds, trained in threads, read them."""
    from wordeval import runner
    from wordeval.embeddings import encoding_cache
    from wordeval.results.store import ResultStore

    monkeypatch.setattr(encoding_cache, "_MEMORY", None)
    enc = minilm_counted
    ner = _tiny_tasks(tmp_path)[0]
    other = tmp_path / "other"
    other.mkdir()
    for split in ("train", "dev", "test"):  # other sentences, so the second task cannot read the first's
        text = (tmp_path / f"ner.{split}").read_text(encoding="utf-8").replace("today", "tonight")
        (other / f"ner.{split}").write_text(text, encoding="utf-8")
    (other / "ner.toml").write_text((tmp_path / "ner.toml").read_text(encoding="utf-8").replace("tinyner", "tinyner2"),
                                    encoding="utf-8")
    calls = _count_forward_calls(monkeypatch, enc)
    plan = runner.plan(["minilm"], [ner, str(other / "ner.toml")], seeds=[0, 1, 2])
    assert len(runner._concurrent_batch(plan.cells, 0, 2)) == 6
    with ResultStore(tmp_path / "store") as store:
        summary = runner.execute(plan, store, embeddings=runner.EmbeddingCache(lambda spec, label: enc),
                                 seed_threads=2)
    assert len(summary.computed) == 6 and not summary.failed
    for task in ("ner/tinyner", "ner/tinyner2"):
        assert calls[(task, "prepare")] > 0
        assert calls[(task, 0)] == calls[(task, 1)] == calls[(task, 2)] == 0


def _damage_npy_header(folder):
    path = folder / "vectors.npy"
    raw = bytearray(path.read_bytes())
    raw[11] = ord("(")  # inside the header's dict: numpy's header parser raised tokenize.TokenError
    path.write_bytes(bytes(raw))


def _meta_not_an_object(folder):
    (folder / "meta.json").write_text("[]", encoding="utf-8")


@pytest.mark.parametrize("damage", [_damage_npy_header, _meta_not_an_object], ids=["npy header", "meta list"])
def test_any_damaged_disk_entry_is_encoded_again_not_a_traceback(tmp_path, caplog, damage):
    inner = Counting()
    want = CachedEncoder(inner, memory=False, disk=True, cache_home=tmp_path).encode_tokens(SENTS)
    (folder,) = (tmp_path / "encoded").iterdir()
    damage(folder)
    with caplog.at_level(logging.WARNING):
        got = CachedEncoder(inner, memory=False, disk=True, cache_home=tmp_path).encode_tokens(SENTS)
    assert "unreadable cached encoding" in caplog.text and inner.calls["tokens"] == 2
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)


def test_an_entry_another_process_placed_after_this_one_missed_is_kept(tmp_path):
    """Two runs encoding the same inputs at once both miss and both write: the second replaced the complete
    entry the first had placed, pulling its files from under a third run reading it ('unreadable cached
    encoding', encoded again). The entry placed first now stays; a damaged one is still replaced (above)."""
    import os

    first, second = (CachedEncoder(Counting(), memory=False, disk=True, cache_home=tmp_path) for _ in range(2))
    key = second.key("tokens", SENTS)
    assert second._lookup(key, (6, DIM)) is None  # the second run misses ...
    want = first.encode_tokens(SENTS)  # ... and the first places the entry while the second encodes
    (folder,) = (tmp_path / "encoded").iterdir()
    placed = os.stat(folder).st_ino
    with open(folder / "vectors.npy", "rb") as reader:  # a third run reading it now
        second._store(key, np.concatenate(second.unwrapped.encode_tokens(SENTS)), kind="tokens", n_inputs=3)
        assert os.stat(folder).st_ino == placed and np.load(reader).shape == (6, DIM)
    assert [p.name for p in (tmp_path / "encoded").iterdir()] == [folder.name]
    third = CachedEncoder(Counting(), memory=False, disk=True, cache_home=tmp_path)
    for a, b in zip(third.encode_tokens(SENTS), want):
        np.testing.assert_array_equal(a, b)
    assert third.stats["disk_hits"] == 1


def test_a_long_run_keeps_no_record_of_the_entries_it_read_or_wrote(tmp_path):
    """The folder identity taken at a disk miss is needed only until its write: it was kept for every key read
    from disk (hits too) for the life of the encoder, one entry per batch of inputs of a long run."""
    batches = [[[f"w{i}", f"x{i}"]] for i in range(50)]
    writer = CachedEncoder(Counting(), memory=False, disk=True, cache_home=tmp_path)
    for batch in batches:
        writer.encode_tokens(batch)
    reader = CachedEncoder(Counting(), memory=False, disk=True, cache_home=tmp_path)
    for batch in batches:
        reader.encode_tokens(batch)
    assert writer.stats["misses"] == 50 and reader.stats["disk_hits"] == 50
    assert len(writer._missed) == 0 and len(reader._missed) == 0


def test_an_output_that_breaks_the_protocol_leaves_no_pending_miss(tmp_path):
    class Short(Counting):
        def encode_tokens(self, sentences):
            return super().encode_tokens(sentences)[:-1]  # one array short: not cached

        def encode_sentences(self, texts, *, pooling: str = "mean"):
            return super().encode_sentences(texts, pooling=pooling)[:-1]

    enc = CachedEncoder(Short(), memory=False, disk=True, cache_home=tmp_path)
    enc.encode_tokens(SENTS)
    enc.encode_sentences(["a b", "c"])
    assert enc._missed == {} and not (tmp_path / "encoded").exists()
