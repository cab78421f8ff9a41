"""The per-type crfsuite items (crf_items.py) against the former per-token items, word shapes by hand, Brown
bit-string features, and the tagging options that reach the linear learners."""
from __future__ import annotations

import numpy as np
import pycrfsuite
import pytest

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding
from wordeval.embeddings.brown import BrownClusters
from wordeval.errors import ConfigError
from wordeval.extrinsic.features import CASING_CLASSES, build_features, cluster_ids
from wordeval.extrinsic.learners import learner_class
from wordeval.extrinsic.learners.crf_items import ItemBuilder, word_shape

from test_learners import _corpus, _embedding


def former_items(features, split, cluster_of, window):
    """The reference: crf.py's per-token dicts before crf_items.py (attribute names spelled out per token)."""
    s = features.splits[split]
    dims = [f"e{j}" for j in range(features.table.shape[1])]
    out = []
    for ids, cas, oov in zip(s.ids, s.casing, s.oov):
        n, per_token = len(ids), []
        for i in range(n):
            f = {"bias": 1.0}
            for off in range(-window, window + 1):
                j = i + off
                if j < 0 or j >= n:
                    f[f"{off}:pad"] = 1.0
                    continue
                f.update(zip((f"{off}:{d}" for d in dims), features.table[ids[j]].tolist()))
                f[f"{off}:case={CASING_CLASSES[cas[j]]}"] = 1.0
                if oov[j] and features.oov_policy == "unk":  # the flag is the linear learners' UNK vector
                    f[f"{off}:oov"] = 1.0
                if cluster_of is not None and cluster_of[ids[j]] >= 0:
                    f[f"{off}:k={cluster_of[ids[j]]}"] = 1.0
            per_token.append(f)
        out.append(per_token)
    return out


class _Encoder:
    """A token encoder (no lookup): a different vector per occurrence, so the table is token-level."""

    def __init__(self):
        self.info = EmbeddingInfo("enc", "<memory>", "memory", 4, None, "sha256:0")

    def encode_tokens(self, sentences):
        return [np.asarray([[len(t), i, hash(t) % 7, 1.0] for i, t in enumerate(s)], dtype=np.float32)
                for s in sentences]


def _splits():
    (tr, _), (te, _) = _corpus(30, 1), _corpus(10, 3)
    te = [tuple("zzz" if t == "and" else t for t in s) for s in te]  # OOV in test
    return {"train": tr, "test": te}


@pytest.mark.parametrize("oov", ["unk", "zero", "random"])
@pytest.mark.parametrize("window", [0, 1, 2])
@pytest.mark.parametrize("k", [0, 3])
def test_items_expand_to_exactly_the_former_items(oov, window, k):
    feats = build_features(_embedding(), _splits(), oov=oov, case="exact-then-lower", seed=1)
    cluster_of = cluster_ids(feats, k, seed=0) if k else None
    builder = ItemBuilder(feats, window=window, cluster_of=cluster_of)
    for split in ("train", "test"):
        for new, old in zip(builder.sequences(split), former_items(feats, split, cluster_of, window)):
            # crfsuite sees the same attributes, values and order: the same model and scores
            assert pycrfsuite.ItemSequence(new).items() == pycrfsuite.ItemSequence(old).items()


def test_token_level_tables_give_the_former_items_too():
    feats = build_features(_Encoder(), _splits())
    assert feats.level == "token"
    builder = ItemBuilder(feats, window=2)
    for new, old in zip(builder.sequences("test"), former_items(feats, "test", None, 2)):
        assert pycrfsuite.ItemSequence(new).items() == pycrfsuite.ItemSequence(old).items()


@pytest.mark.parametrize("token,shape", [("Apple", "Xx"), ("U.S.", "X.X."), ("1,000.5", "d,d.d"),
                                         ("McDonald's", "XxXx'x"), ("iPhone-7", "xXx-d"), ("the", "x")])
def test_word_shape_by_hand(token, shape):
    assert word_shape(token) == shape


def _brown(words=("paris", "london", "john", "the"), paths=("000", "001", "01", "1")):
    info = EmbeddingInfo("brown-toy", "<memory>", "wordeval-brown", 0, len(words), "sha256:0")
    return BrownClusters(list(words), list(paths), [1] * len(words), info)


def test_brown_features_are_the_path_or_its_prefixes():
    feats = build_features(_brown(paths=("0001110100110", "001", "01", "1")), {"train": [("Paris", "xyz")]},
                           case="exact-then-lower")
    assert feats.paths is not None and feats.table.shape[1] == 0
    prefixes = ItemBuilder(feats, window=0, brown="prefixes").items("train", 0)
    assert {k for k in pycrfsuite.ItemSequence(prefixes).items()[0] if ":b" in k} == {
        "0:b4=0001", "0:b6=000111", "0:b10=0001110100", "0:b20=0001110100110"}
    whole = pycrfsuite.ItemSequence(ItemBuilder(feats, window=0, brown="path").items("train", 0)).items()
    assert "0:b=0001110100110" in whole[0] and "0:oov" not in whole[0]
    assert not any(":b" in k for k in whole[1]) and whole[1]["0:oov"] == 1.0  # "xyz" is not clustered


def test_case_policy_applies_to_brown_paths():
    brown = _brown()
    for case, expect in (("exact", [False, True]), ("lower", [True, True]), ("exact-then-lower", [True, True])):
        feats = build_features(brown, {"train": [("Paris", "london")]}, case=case)
        assert [not o for o in feats.splits["train"].oov[0]] == expect


def test_lexical_features_and_the_torch_learners_refuse_brown():
    feats = build_features(_brown(), {"train": [("Paris", "went")]})
    items = pycrfsuite.ItemSequence(ItemBuilder(feats, window=0, lexical=True).items("train", 0)).items()
    assert {"0:w=paris", "0:shape=Xx", "0:p3=par", "0:s3=ris"} <= set(items[0])
    with pytest.raises(ConfigError, match="no vectors"):
        learner_class("mlp")(epochs=1).fit(feats, [["O", "O"]], [["O", "O"]], score=lambda g, p: 0.0,
                                           progress=False)


def test_crf_learns_the_toy_task_from_brown_paths():
    (tr, ytr), (te, yte) = _corpus(150, 1), _corpus(40, 3)
    type_of = {"john": "0", "mary": "0", "paris": "10", "london": "10", "acme": "11", "globex": "11"}
    brown = _brown(list(type_of) + ["the"], list(type_of.values()) + ["01"])
    feats = build_features(brown, {"train": tr, "dev": te, "test": te})
    learner = learner_class("crf")(epochs=50, clusters=1).fit(feats, ytr, yte, score=lambda g, p: 0.0,
                                                              progress=False)
    from wordeval.extrinsic.spans import span_scores
    assert span_scores(yte, learner.predict(feats, "test"), scheme="IOB2")["f1"] > 0.9


def test_tagging_passes_lexical_to_the_linear_learners_only():
    from wordeval.extrinsic.tagging import _learner_params, resolve_config

    cfg = resolve_config({"learner": "crf", "lexical": True, "clusters": 10})
    assert _learner_params(cfg)["lexical"] is True and _learner_params(cfg)["clusters"] == 10
    assert resolve_config({"learner": "crf"})["lexical"] is False
    with pytest.raises(ConfigError, match="linear learners"):
        _learner_params(resolve_config({"learner": "mlp", "lexical": True}))
    with pytest.raises(ConfigError, match="wrong type"):
        resolve_config({"learner": "crf", "lexical": "yes"})
    assert isinstance(_embedding(), StaticEmbedding)


def test_oov_policies_zero_and_unk_give_the_linear_learners_different_models():
    """The OOV flag went to every policy, so for crf and perceptron ``oov=zero`` (a fixed zero vector, the
    README's words) was the same model as ``oov=unk`` (zero row plus the flag): identical predictions and
    scores under two recorded policies. By hand: an OOV token's own attributes under each policy."""
    splits = {"train": [("john", "zzz")], "test": [("zzz",)]}
    emb = _embedding()
    zero_feats = build_features(emb, splits, oov="zero")
    unk_feats = build_features(emb, splits, oov="unk")
    zero = ItemBuilder(zero_feats, window=0).items("train", 0)[1]["0"]
    unk = ItemBuilder(unk_feats, window=0).items("train", 0)[1]["0"]
    dims = {f"e{j}": 0.0 for j in range(emb.vectors.shape[1])}
    assert zero == {**dims, "case=lower": 1.0}
    assert unk == {**dims, "case=lower": 1.0, "oov": 1.0}
    random = ItemBuilder(build_features(emb, splits, oov="random"), window=0).items("train", 0)[1]["0"]
    assert "oov" not in random and any(random[d] != 0.0 for d in dims)
