"""Learners on small hand-made data, features and OOV policies, and the torch CRF layer against brute force."""
from __future__ import annotations

import itertools

from pathlib import Path

import numpy as np
import pytest

from wordeval.embeddings.base import StaticEmbedding
from wordeval.errors import ConfigError
from wordeval.extrinsic.features import build_features, cluster_ids, window_rows
from wordeval.extrinsic.learners import learner_class
from wordeval.extrinsic.spans import span_scores

NAMES = ["john", "mary", "paris", "london", "acme", "globex"]
TYPE_OF = {"john": "PER", "mary": "PER", "paris": "LOC", "london": "LOC", "acme": "ORG", "globex": "ORG"}
FILLER = ["the", "a", "went", "to", "saw", "with", "and", "yesterday"]


def _embedding():
    # Entity words of one type sit near one centre, so the vector says the type.
    rng = np.random.default_rng(0)
    centres = {"PER": rng.normal(size=8), "LOC": rng.normal(size=8), "ORG": rng.normal(size=8)}
    words = NAMES + FILLER
    vecs = [centres[TYPE_OF[w]] + 0.1 * rng.normal(size=8) if w in TYPE_OF else rng.normal(size=8) * 0.5
            for w in words]
    return StaticEmbedding(words, np.asarray(vecs, dtype=np.float32))


def _corpus(n, seed):
    rng = np.random.default_rng(seed)
    sents, tags = [], []
    for _ in range(n):
        toks, tg = [], []
        for _ in range(rng.integers(3, 8)):
            if rng.random() < 0.3:
                w = NAMES[rng.integers(len(NAMES))]
                toks.append(w.capitalize())
                tg.append(f"B-{TYPE_OF[w]}")
            else:
                toks.append(FILLER[rng.integers(len(FILLER))])
                tg.append("O")
        sents.append(tuple(toks))
        tags.append(tg)
    return sents, tags


@pytest.fixture(scope="module")
def toy():
    emb = _embedding()
    (tr, ytr), (dv, ydv), (te, yte) = _corpus(150, 1), _corpus(40, 2), _corpus(40, 3)
    te = [tuple("zzz" if t == "and" else t for t in s) for s in te]  # an OOV word in test only
    feats = build_features(emb, {"train": tr, "dev": dv, "test": te}, oov="unk", case="exact-then-lower")
    return emb, feats, ytr, ydv, yte


def _score(gold, pred):
    return span_scores(gold, pred, scheme="IOB2")["f1"]


@pytest.mark.parametrize("name,params", [("mlp", {"epochs": 10, "hidden": 32, "threads": 1, "batch_size": 16, "lr": 1e-2}),
                                         ("bilstm-crf", {"epochs": 8, "hidden": 16, "threads": 1, "batch_size": 8, "lr": 1e-2}),
                                         ("crf", {"epochs": 50}), ("perceptron", {"epochs": 5}),
                                         ("crf", {"epochs": 50, "clusters": 3})])
def test_learner_learns_the_toy_task(toy, name, params):
    _, feats, ytr, ydv, yte = toy
    learner = learner_class(name)(**params).fit(feats, ytr, ydv, score=_score, seed=0, progress=False)
    pred = learner.predict(feats, "test")
    assert [len(p) for p in pred] == [len(y) for y in yte]
    assert _score(yte, pred) > 0.9
    assert learner.history and 0 <= learner.best_epoch


def test_crf_records_the_iterations_lbfgs_ran_and_whether_it_converged(toy):
    """crfsuite's own log (``Trainer.logparser``, one entry per L-BFGS iteration) against the record: the
    CRF recorded epochs - 1 as its best epoch whatever crfsuite ran, and no convergence."""
    import pycrfsuite

    _, feats, ytr, ydv, _ = toy
    short = learner_class("crf")(epochs=3).fit(feats, ytr, ydv, score=_score, seed=0, progress=False)
    assert short.best_epoch == 2 and short.converged is False  # stopped by the limit
    long = learner_class("crf")(epochs=500).fit(feats, ytr, ydv, score=_score, seed=0, progress=False)
    oracle = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for items, tags in zip(long._builder.sequences("train"), ytr):
        oracle.append(items, list(tags))
    oracle.set_params({"c1": 0.0, "c2": 1.0, "max_iterations": 500})
    oracle.train(str(Path(long._model_path).with_suffix(".oracle")))
    ran = oracle.logparser.last_iteration["num"]
    assert ran < 500 and long.best_epoch == ran - 1 and long.converged is True


def test_torch_learners_are_seed_deterministic(toy):
    _, feats, ytr, ydv, _ = toy
    cls = learner_class("mlp")
    a = cls(epochs=2, hidden=16, threads=1).fit(feats, ytr, ydv, score=_score, seed=3, progress=False)
    b = cls(epochs=2, hidden=16, threads=1).fit(feats, ytr, ydv, score=_score, seed=3, progress=False)
    assert a.history == b.history


def test_finetune_never_mutates_callers_vectors(toy):
    emb, feats, ytr, ydv, _ = toy
    before_emb, before_table = emb.vectors.copy(), feats.table.copy()
    learner_class("mlp")(epochs=2, hidden=16, threads=1, finetune=True).fit(feats, ytr, ydv, score=_score,
                                                                              progress=False)
    np.testing.assert_array_equal(emb.vectors, before_emb)
    np.testing.assert_array_equal(feats.table, before_table)
    with pytest.raises(ConfigError, match="fine-tuning"):
        learner_class("crf")(finetune=True)


def test_oov_policies_and_rates():
    emb = _embedding()
    splits = {"train": [("john", "zzz", "yyy")], "test": [("zzz", "Mary")]}
    unk = build_features(emb, splits, oov="unk")
    assert unk.splits["train"].ids[0][1] == unk.splits["train"].ids[0][2] == unk.unk_row
    assert unk.oov_rates() == {"train": pytest.approx(2 / 3), "test": pytest.approx(0.5)}
    np.testing.assert_allclose(unk.table[unk.splits["test"].ids[0][1]], emb.vectors[emb.index["mary"]])
    zero = build_features(emb, splits, oov="zero")
    assert not zero.table[zero.splits["train"].ids[0][1]].any()
    rnd = build_features(emb, splits, oov="random", seed=0)
    r1, r2 = (rnd.table[rnd.splits["train"].ids[0][i]] for i in (1, 2))
    assert r1.any() and not np.allclose(r1, r2)
    again = build_features(emb, splits, oov="random", seed=0)
    np.testing.assert_array_equal(rnd.table, again.table)
    exact = build_features(emb, splits, oov="unk", case="exact")
    assert exact.oov_rates()["test"] == 1.0  # "Mary" is not in the lowercased vocabulary
    with pytest.raises(ConfigError, match="OOV policy"):
        build_features(emb, splits, oov="mean")


def test_window_rows_pad_at_sentence_edges():
    rows = window_rows([np.array([5, 6]), np.array([7])], window=1)
    assert rows.tolist() == [[0, 5, 6], [5, 6, 0], [0, 7, 0]]


def test_cluster_ids_group_the_entity_types():
    feats = build_features(_embedding(), {"train": [tuple(NAMES + FILLER)]}, oov="unk")
    ids = cluster_ids(feats, 4, seed=0)
    row = {t: feats.splits["train"].ids[0][i] for i, t in enumerate(NAMES + FILLER)}
    for a, b in (("john", "mary"), ("paris", "london"), ("acme", "globex")):
        assert ids[row[a]] == ids[row[b]]
    assert len({ids[row["john"]], ids[row["paris"]], ids[row["acme"]]}) == 3
    assert ids[0] == -1 and ids[feats.unk_row] == -1


def test_crf_log_partition_and_viterbi_match_brute_force():
    import torch

    from wordeval.extrinsic.learners.bilstm_crf import crf_layer

    torch.manual_seed(0)
    n_tags, length = 3, 4
    crf = crf_layer(n_tags)
    with torch.no_grad():
        for p in crf.parameters():
            p.copy_(torch.randn_like(p))
    emissions = torch.randn(2, length, n_tags)
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]], dtype=torch.bool)
    with torch.no_grad():  # plain numbers for the brute force
        logz = crf.log_partition(emissions, mask)
        paths = crf.viterbi(emissions, mask)
        for b in range(2):
            n = int(mask[b].sum())
            best, best_path, scores = -np.inf, None, []
            for path in itertools.product(range(n_tags), repeat=n):
                tags = torch.tensor([list(path) + [0] * (length - n)])
                s = float(crf.path_score(emissions[b:b + 1], tags, mask[b:b + 1]))
                manual = float(crf.start[path[0]] + crf.end[path[-1]] + sum(emissions[b, i, t] for i, t in enumerate(path))
                               + sum(crf.transitions[path[i], path[i + 1]] for i in range(n - 1)))
                assert s == pytest.approx(manual, abs=1e-5)
                scores.append(s)
                if s > best:
                    best, best_path = s, list(path)
            assert float(logz[b]) == pytest.approx(float(torch.logsumexp(torch.tensor(scores), 0)), abs=1e-4)
            assert paths[b] == best_path


def test_unknown_learner():
    with pytest.raises(ConfigError, match="learner must be one of"):
        learner_class("svm")


@pytest.mark.parametrize("with_masks", [True, False])
def test_window_mlp_frozen_training_path_matches_the_plain_layer(toy, with_masks):
    """The frozen-embedding training path (window_mlp.frozen_hidden) against the plain layer it replaces:
    the same forward value bit for bit, and the same gradients for every trainable parameter (float32
    rounding of differently ordered sums apart)."""
    import torch

    from wordeval.extrinsic.learners.window_mlp import WindowMLPTagger, frozen_hidden

    _, feats, _, _, _ = toy
    learner = WindowMLPTagger(hidden=16, threads=1)
    torch.manual_seed(0)
    net = learner._build(feats, 5)
    with torch.no_grad():
        net.inputs.unk.normal_()  # a zero UNK vector would hide a wrong UNK gradient
    ids, cas, _ = learner._windows(feats, "test")  # the test split holds the OOV word
    assert (ids == feats.unk_row).any()
    keep = None
    if with_masks:
        g = torch.Generator().manual_seed(1)
        keep = (torch.rand(ids.shape[0], net.in_dim, generator=g) > 0.1).float() / 0.9

    def grads(h):
        net.zero_grad()
        (h * torch.linspace(-1, 1, h.shape[1])).sin().sum().backward()
        return {n: p.grad.clone() for n, p in net.named_parameters() if p.grad is not None}

    x = net.inputs(ids, cas).reshape(ids.shape[0], -1)
    plain = net.hidden(x if keep is None else x * keep)
    fast = frozen_hidden(net, ids, cas, keep)
    assert torch.equal(plain, fast)
    want, got = grads(plain), grads(frozen_hidden(net, ids, cas, keep))
    assert set(want) == set(got) == {"inputs.unk", "inputs.casing.weight", "hidden.weight", "hidden.bias"}
    eps = float(np.finfo(np.float32).eps)
    for name in want:
        scale = float(want[name].abs().max())
        torch.testing.assert_close(got[name], want[name], rtol=0, atol=64 * eps * max(scale, 1.0), msg=name)
    assert float(want["inputs.unk"].abs().max()) > 0


def test_window_mlp_learns_through_the_frozen_path(toy, monkeypatch):
    """At FROZEN_PATH_MIN_DIM and above the fit trains through frozen_hidden (and still learns the toy task);
    below it, through the plain layer."""
    from wordeval.extrinsic.learners import window_mlp

    emb, _, ytr, ydv, yte = toy
    calls = []
    real = window_mlp.frozen_hidden
    monkeypatch.setattr(window_mlp, "frozen_hidden", lambda *a: calls.append(1) or real(*a))
    wide = StaticEmbedding(emb.words, np.pad(emb.vectors, ((0, 0), (0, window_mlp.FROZEN_PATH_MIN_DIM - 8))))
    (tr, _), (dv, _), (te, _) = _corpus(150, 1), _corpus(40, 2), _corpus(40, 3)
    feats = build_features(wide, {"train": tr, "dev": dv, "test": te}, oov="unk", case="exact-then-lower")
    learner = learner_class("mlp")(epochs=10, hidden=32, threads=1, batch_size=16, lr=1e-2)
    learner.fit(feats, ytr, ydv, score=_score, seed=0, progress=False)
    assert calls and _score(yte, learner.predict(feats, "test")) > 0.9
    calls.clear()
    _, narrow, _, _, _ = toy
    learner_class("mlp")(epochs=1, hidden=8, threads=1).fit(narrow, ytr, ydv, score=_score, progress=False)
    assert not calls


def test_perceptron_seed_alone_gives_the_model_it_gives_after_other_fits(toy):
    """crfsuite's averaged perceptron shuffles the sentences each epoch with the C library's rand(): unseeded,
    a fit continued the process's sequence, so seed 1 of ``--seeds 2`` was not seed 1 run alone. The oracle
    is the same fit in a process state where nothing was fitted before (rand() freshly seeded as at start)."""
    _, feats, ytr, ydv, _ = toy
    rng = np.random.default_rng(0)  # noisy tags, so the order of the updates changes the model
    noisy = [[t if rng.random() > 0.3 else str(rng.choice(["O", "B-PER", "B-LOC"])) for t in s] for s in ytr]
    cls = learner_class("perceptron")
    fit = lambda seed: cls(epochs=3).fit(feats, noisy, ydv, score=_score, seed=seed,  # noqa: E731
                                         progress=False).predict(feats, "test")
    first = fit(1)
    fit(0)
    fit(2)
    assert fit(1) == first
    assert any(fit(s) != first for s in (0, 2, 3))  # the seed does reach the shuffle
