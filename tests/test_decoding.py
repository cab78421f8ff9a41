"""Decoding of the window MLP: the scaled-likelihood Viterbi against brute-force enumeration and hand-counted
tag statistics; the torch learners' early stopping (patience, ``converged``) and thread restoring; and, on
WNUT-16, that the default decoding is at least as good as the alternatives on dev."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from wordeval.errors import ConfigError
from wordeval.extrinsic.learners import learner_class
from wordeval.extrinsic.learners.decoding import TagBigramModel, decode, viterbi

from test_learners import _score, toy  # noqa: F401  (toy is a fixture)


def _brute_force(logp: np.ndarray, m: TagBigramModel) -> list[int]:
    """argmax over every tag path of log p(y1|<s>) + sum_t [log p(yt|xt) - log p(yt)] + sum log p(yt|yt-1)
    + log p(</s>|yn), written out independently of the decoder."""
    n = logp.shape[1]

    def total(path):
        s = m.log_start[path[0]] + m.log_end[path[-1]]
        s += sum(logp[t, y] - m.log_prior[y] for t, y in enumerate(path))
        s += sum(m.log_trans[a, b] for a, b in zip(path, path[1:]))
        return s

    return list(max(itertools.product(range(n), repeat=len(logp)), key=total))


def test_tag_statistics_are_add_one_counts():
    # tags 0=A 1=B 2=C; sequences A B B C | C A | B
    m = TagBigramModel([np.array([0, 1, 1, 2]), np.array([2, 0]), np.array([1])], 3)
    # <s> -> A once, C once, B once (+1 each, 4 columns incl. </s>, <s>-></s> impossible): 2/6 each
    np.testing.assert_allclose(np.exp(m.log_start), [2 / 6, 2 / 6, 2 / 6])
    # from B: B->B 1, B->C 1, B-></s> 1 (+1 each over A, B, C, </s>): (1, 2, 2, 2) / 7
    np.testing.assert_allclose(np.exp(m.log_trans[1]), [1 / 7, 2 / 7, 2 / 7])
    np.testing.assert_allclose(np.exp(m.log_end[1]), 2 / 7)
    # unigram prior: A 2, B 3, C 2 (+1 each) / 10
    np.testing.assert_allclose(np.exp(m.log_prior), [3 / 10, 4 / 10, 3 / 10])
    # unseen dev/test tags (-100) are not counted
    same = TagBigramModel([np.array([0, 1, 1, 2]), np.array([2, -100, 0]), np.array([1])], 3)
    np.testing.assert_allclose(same.log_prior, m.log_prior)


@pytest.mark.parametrize("n_tags", [2, 3, 4])
def test_scaled_likelihood_viterbi_matches_brute_force(n_tags):
    rng = np.random.default_rng(n_tags)
    train = [rng.integers(0, n_tags, size=rng.integers(1, 9)) for _ in range(30)]
    m = TagBigramModel(train, n_tags)
    # Several lengths in one call: the decoder batches sentences of different lengths together.
    logps = [np.log(rng.dirichlet(np.ones(n_tags) * 0.5, size=length)) for length in (1, 5, 2, 4, 3, 5, 1)]
    got = decode(logps, m, "viterbi")
    for logp, path in zip(logps, got):
        assert path.tolist() == _brute_force(logp, m)
    assert [p.tolist() for p in decode(logps, m, "greedy")] == [lp.argmax(1).tolist() for lp in logps]


def test_viterbi_handles_empty_sentences_and_chunks():
    m = TagBigramModel([np.array([0, 1, 0])], 2)
    rng = np.random.default_rng(0)
    em = [rng.normal(size=(k, 2)) for k in (0, 3, 0, 2, 1)]
    small = viterbi(em, m, chunk=2)
    assert [len(p) for p in small] == [0, 3, 0, 2, 1]
    assert [p.tolist() for p in small] == [p.tolist() for p in viterbi(em, m)]


def test_scaled_likelihoods_stop_counting_the_prior_twice():
    # One token, posterior 0.4 for a rare tag whose prior and start probability are both 0.1: the scaled
    # likelihood rule keeps the classifier's decision (0.4/0.1 * 0.1 = 0.4 < 0.6/0.9 * 0.9 = 0.6 — it equals
    # the posterior), while multiplying the raw posterior by the start probability (the old rule) counts the
    # prior twice: 0.4 * 0.1 = 0.04 against 0.6 * 0.9. At posterior 0.7 the scaled rule picks the rare tag,
    # the old one still does not (0.07 < 0.27).
    m = TagBigramModel([], 2)
    m.log_start = np.log([0.9, 0.1])
    m.log_prior = np.log([0.9, 0.1])
    m.log_end = np.zeros(2)
    m.log_trans = np.log(np.full((2, 2), 0.5))
    for p_rare, expected in ((0.4, 0), (0.7, 1)):
        logp = np.log([[1 - p_rare, p_rare]])
        assert decode([logp], m, "viterbi")[0].tolist() == [expected]
        old = m.log_start + logp[0]
        assert old.argmax() == 0


@pytest.mark.parametrize("name", ["mlp", "bilstm-crf"])
def test_patience_stops_and_converged_flag(toy, name):  # noqa: F811
    _, feats, ytr, ydv, _ = toy
    cls = learner_class(name)
    scores = iter([0.5, 0.6, 0.55, 0.58, 0.59, 0.9, 0.9, 0.9])

    def scripted(gold, pred):  # dev scores of a run that plateaus after epoch 1
        return next(scores)

    a = cls(epochs=8, patience=3, hidden=8, threads=1).fit(feats, ytr, ydv, score=scripted, progress=False)
    assert a.history == [0.5, 0.6, 0.55, 0.58, 0.59] and a.best_epoch == 1 and a.converged is True
    rising = iter([0.1, 0.2, 0.3])
    b = cls(epochs=3, patience=3, hidden=8, threads=1).fit(feats, ytr, ydv, score=lambda g, p: next(rising),
                                                           progress=False)
    assert b.best_epoch == 2 and b.converged is False  # the best epoch is the last one trained
    flat = iter([0.3, 0.2, 0.1])
    c = cls(epochs=3, patience=5, hidden=8, threads=1).fit(feats, ytr, ydv, score=lambda g, p: next(flat),
                                                           progress=False)
    assert c.best_epoch == 0 and c.converged is False  # the epoch limit, not patience, ended training
    # dev F1 0 for `patience` epochs is no plateau: training goes on (it stopped at epoch 3, 'converged', F1 0)
    slow = iter([0.0, 0.0, 0.0, 0.0, 0.0, 0.4, 0.5, 0.5])
    d = cls(epochs=8, patience=3, hidden=8, threads=1).fit(feats, ytr, ydv, score=lambda g, p: next(slow),
                                                           progress=False)
    assert d.history == [0.0, 0.0, 0.0, 0.0, 0.0, 0.4, 0.5, 0.5] and d.best_epoch == 6 and d.converged is False
    never = iter([0.0] * 6)
    e = cls(epochs=6, patience=3, hidden=8, threads=1).fit(feats, ytr, ydv, score=lambda g, p: next(never),
                                                           progress=False)
    assert len(e.history) == 6 and e.converged is False  # flagged † in reports, not 'converged'


@pytest.mark.parametrize("name", ["mlp", "bilstm-crf"])
def test_torch_learners_restore_the_thread_count(toy, name):  # noqa: F811
    import torch

    _, feats, ytr, ydv, _ = toy
    before = torch.get_num_threads()
    want = 1 if before != 1 else 2
    learner = learner_class(name)(epochs=1, hidden=8, threads=want, device="cpu")
    learner.fit(feats, ytr, ydv, score=_score, progress=False)
    assert torch.get_num_threads() == before
    learner.predict(feats, "test")
    assert torch.get_num_threads() == before


@pytest.mark.parametrize("bad", [{"decode": "beam"}, {"patience": 0}, {"epochs": 0}, {"dropout": 1.0},
                                 {"lr": 0}, {"threads": 0}, {"batch_size": 1.5}])
def test_bad_learner_options(bad):
    with pytest.raises(ConfigError):
        learner_class("mlp")(**bad)


def test_decoding_and_patience_are_recorded():
    from wordeval.extrinsic import tagging
    from wordeval.tasks.task import get_task

    from test_tagging import _dataset
    from test_learners import _embedding

    NER_CONLL2003 = get_task("ner/conll2003").spec
    rec = tagging.evaluate_dataset(NER_CONLL2003, _embedding(), _dataset(),
                                   config={"learner": "mlp", "n_seeds": 2, "epochs": 3, "hidden": 16,
                                           "patience": 2, "decode": "greedy", "profile": "quick"},
                                   progress=False)
    settings = rec.config["learner_settings"]
    assert settings["decode"] == "greedy" and settings["patience"] == 2
    assert settings["decode_rule"] == "per-token argmax of p(y|x)"
    assert "converged" not in settings  # a fitted learner's outcome, recorded per seed instead
    per_seed = rec.extra["per_seed"]
    assert len(per_seed["converged"]) == 2 and all(isinstance(c, bool) for c in per_seed["converged"])
    for bad in ({"learner": "crf", "decode": "greedy"}, {"learner": "crf", "patience": 2},
                {"learner": "bilstm-crf", "decode": "greedy"}):
        with pytest.raises(ConfigError):
            tagging.evaluate_dataset(NER_CONLL2003, _embedding(), _dataset(), config=bad, progress=False)


@pytest.mark.slow
def test_default_decoding_is_at_least_as_good_as_the_others_on_wnut16_dev(glove50):
    """One model (frozen GloVe-50d, seed 0, 8 epochs instead of 30, early stopping on greedy dev F1 so the
    training does not favour the default), its dev posteriors decoded every way offered."""
    from wordeval import datasets
    from wordeval.extrinsic.features import build_features
    from wordeval.extrinsic.learners.window_mlp import DEFAULT_DECODE
    from wordeval.extrinsic.spans import span_scores

    ds = datasets.load("wnut16")
    tokens = {s: [x.tokens for x in ds.splits[s]] for s in ("train", "dev")}
    tags = {s: [list(x.tags) for x in ds.splits[s]] for s in ("train", "dev")}
    feats = build_features(glove50, tokens)

    def f1(gold, pred):
        return span_scores(gold, pred, scheme=ds.metadata["scheme"])["f1"]

    model = learner_class("mlp")(epochs=8, decode="greedy").fit(feats, tags["train"], tags["dev"], score=f1,
                                                                 seed=0, progress=False)
    dev = {how: f1(tags["dev"], model.predict(feats, "dev", decode=how)) for how in ("greedy", "viterbi")}
    assert math.isfinite(dev[DEFAULT_DECODE])
    assert dev[DEFAULT_DECODE] >= max(dev.values()), dev
