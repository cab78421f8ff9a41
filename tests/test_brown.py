"""Brown clustering: the fast wcluster-style algorithm against exhaustive greedy AMI merging on toy corpora,
the stream statistics, the paths file, the cached builder, and a CRF sanity check on CoNLL-2003."""
from __future__ import annotations

import json

import numpy as np
import pytest

from wordeval.embeddings.brown import BrownClusters, build_brown, load_brown, read_paths
from wordeval.embeddings.brown_train import brown_clusters, stream_statistics, tree_paths
from wordeval.errors import ConfigError, InputFormatError


def toy_corpus(seed: int, n_tokens: int = 400, n_classes: int = 4, per_class: int = 4) -> list[list[str]]:
    """Text from a class-based bigram model (the test data Liang's wcluster.cc suggests)."""
    rng = np.random.default_rng(seed)
    trans = rng.dirichlet(np.full(n_classes, 0.5), size=n_classes)
    emit = [rng.dirichlet(np.ones(per_class)) for _ in range(n_classes)]
    c, toks = 0, []
    for _ in range(n_tokens):
        c = rng.choice(n_classes, p=trans[c])
        toks.append(f"w{c}{rng.choice(per_class, p=emit[c])}")
    return [toks[i:i + 10] for i in range(0, len(toks), 10)]


def brute_force(sentences, C: int):
    """Exhaustive greedy merging: every candidate pair scored by recomputing the average mutual information
    of the whole clustering from the bigram counts (no incremental tables), with the same window schedule:
    the C most frequent words first, each further word added then the best pair merged, then down to one."""
    words, counts, T, right, _ = stream_statistics(sentences, min_count=1)
    B = right.toarray().astype(float)
    N = len(words)
    C = min(C, N)

    def ami(clusters) -> float:
        p1 = [counts[m].sum() / T for _, m in clusters]
        total = 0.0
        for i, (_, mi) in enumerate(clusters):
            for j, (_, mj) in enumerate(clusters):
                p = B[np.ix_(mi, mj)].sum() / (T - 1)
                if p > 0:
                    total += p * np.log2(p / (p1[i] * p1[j]))
        return total

    clusters = [(a, [a]) for a in range(C)]
    merges, losses, margins, next_id = [], [], [], [N]

    def merge_best():
        base = ami(clusters)
        cands = sorted((base - ami([c for k, c in enumerate(clusters) if k not in (i, j)]
                                   + [(None, clusters[i][1] + clusters[j][1])]), i, j)
                       for i in range(len(clusters)) for j in range(i + 1, len(clusters)))
        loss, i, j = cands[0]
        margins.append(cands[1][0] - loss if len(cands) > 1 else np.inf)
        merges.append(tuple(sorted((clusters[i][0], clusters[j][0]))))
        losses.append(loss)
        merged = (next_id[0], clusters[i][1] + clusters[j][1])
        next_id[0] += 1
        del clusters[j]
        clusters[i] = merged

    for a in range(C, N):
        clusters.append((a, [a]))
        merge_best()
    stage2 = len(merges)
    while len(clusters) > 1:
        merge_best()
    m = np.asarray(merges)
    return m, np.asarray(losses), tree_paths(m, N, stage2), min(margins)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("C", [3, 5, 100])
def test_same_merges_and_tree_as_exhaustive_greedy_merging(seed, C):
    sents = toy_corpus(seed)
    merges, losses, paths, margin = brute_force(sents, C)
    assert margin > 1e-6  # no near-ties: the merge order is well defined, so comparing it is meaningful
    fast = brown_clusters(sents, clusters=C, min_count=1)
    np.testing.assert_array_equal(fast.merges, merges)
    assert fast.paths == paths
    # losses are sums of ~(C+1)^2 terms of magnitude <= max|loss|: float64 rounding, not a hand-picked tolerance
    tol = 64 * np.finfo(np.float64).eps * (len(paths) + 1) ** 2 * max(1.0, np.abs(losses).max())
    np.testing.assert_allclose(fast.losses, losses, rtol=0, atol=tol)
    assert len(set(fast.paths)) == min(C, len(paths))  # one bit string per stage-1 cluster


def test_paths_are_a_prefix_free_code():
    res = brown_clusters(toy_corpus(4, n_tokens=2000, per_class=8), clusters=6)
    distinct = sorted(set(res.paths))
    assert len(distinct) == 6
    assert not any(b.startswith(a) for a in distinct for b in distinct if a != b)


def test_stream_statistics_by_hand():
    words, counts, T, right, left = stream_statistics([["a", "b", "a"], ["c", "a", "b"]], min_count=1)
    assert words == ["a", "b", "c"] and counts.tolist() == [3, 2, 1] and T == 6
    # one stream, as wcluster reads its file: the bigram a->c crosses the sentence end
    assert right.toarray().tolist() == [[0, 2, 1], [1, 0, 0], [1, 0, 0]]
    assert (left.toarray() == right.toarray().T).all()
    words, counts, *_ = stream_statistics([["x", "y", "y", "x", "z"]], min_count=2)
    assert words == ["x", "y"]  # ties by first occurrence; z is below min_count


def _corpus_file(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text("\n".join(" ".join(s) for s in toy_corpus(5, n_tokens=600)) + "\n", encoding="utf-8")
    return path


def test_builder_caches_and_reloads_the_same_clustering(tmp_path):
    corpus = _corpus_file(tmp_path)
    a = build_brown(corpus=str(corpus), clusters="4", min_count="1", cache_home=tmp_path / "cache")
    assert isinstance(a, BrownClusters) and not hasattr(a, "lookup") and a.n_clusters == 4
    folders = list((tmp_path / "cache" / "built").iterdir())
    assert len(folders) == 1
    meta = json.loads((folders[0] / "meta.json").read_text())
    assert meta["parameters"]["clusters"] == 4 and meta["parameters"]["corpus_tokens"] == 600
    b = build_brown(corpus=str(corpus), clusters=4, min_count=1, cache_home=tmp_path / "cache")
    assert b.words == a.words and b.paths == a.paths and b.info.fingerprint == a.info.fingerprint
    assert b.info.parameters == a.info.parameters and b.info.name == a.info.name
    c = build_brown(corpus=str(corpus), clusters=5, min_count=1, cache_home=tmp_path / "cache")
    assert c.n_clusters == 5 and len(list((tmp_path / "cache" / "built").iterdir())) == 2
    paths, found = a.cluster_paths(["w00", "nope", "W00"])
    assert found.tolist() == [True, False, False] and paths[1] is None
    assert a.cluster_paths_lowercased(["W00"])[0] == [paths[0]]


def test_spec_through_load_embedding(tmp_path, monkeypatch):
    from wordeval.embeddings.load import load_embedding

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    emb = load_embedding(f"mine=brown:corpus={_corpus_file(tmp_path)},clusters=3,min_count=1")
    assert emb.info.name == "mine" and emb.n_clusters == 3 and emb.info.format == "wordeval-brown"


@pytest.mark.parametrize("params,message", [({"clusters": "0"}, "clusters"), ({"clusters": "x"}, "integer"),
                                            ({"dim": "5"}, "unknown option"), ({"variant": "cbow"}, "variant")])
def test_bad_options(tmp_path, params, message):
    with pytest.raises(ConfigError, match=message):
        build_brown(corpus=str(_corpus_file(tmp_path)), cache_home=tmp_path / "cache", **params)


@pytest.mark.parametrize("text,line", [("0101\tword\t3\n01x\tother\t2\n", 2), ("0101 word 3\n", 1),
                                       ("0101\tword\tmany\n", 1), ("", 1)])
def test_malformed_paths_file_names_the_line(tmp_path, text, line):
    (tmp_path / "paths.txt").write_text(text, encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"format": "wordeval-brown", "spec": "x", "parameters": {}}))
    with pytest.raises(InputFormatError) as err:
        load_brown(tmp_path)
    assert f"paths.txt:{line}" in str(err.value) or f"line {line}" in str(err.value)
    with pytest.raises(InputFormatError):
        read_paths(tmp_path / "paths.txt")


def test_regression_sanity_brown_prefixes_beat_the_word_shape_baseline_on_a_conll_slice(shared_data):
    """Regression sanity check, not an oracle: on a small CoNLL-2003 slice, a CRF with word/shape features
    plus Brown prefix features (clusters trained on part of the offline news corpus) beats the same CRF
    with word/shape features alone (an empty clustering: every token OOV)."""
    from wordeval import datasets
    from wordeval.embeddings.base import EmbeddingInfo
    from wordeval.extrinsic.features import build_features
    from wordeval.extrinsic.learners import learner_class
    from wordeval.extrinsic.spans import span_scores

    ds = datasets.load("conll2003", data_home=shared_data)
    data = {"train": ds.splits["train"][:1000], "dev": ds.splits["dev"][:200], "test": ds.splits["test"][:500]}
    tokens = {s: [x.tokens for x in v] for s, v in data.items()}
    tags = {s: [list(x.tags) for x in v] for s, v in data.items()}
    brown = build_brown(corpus="news", clusters=100, max_documents=600, cache=False)  # default cache: the corpus
    empty = BrownClusters([], [], [], EmbeddingInfo("none", "<memory>", "wordeval-brown", 0, 0, "sha256:0"))

    def f1(rep) -> float:
        feats = build_features(rep, tokens)
        crf = learner_class("crf")(epochs=50, clusters=1, lexical=True)
        crf.fit(feats, tags["train"], tags["dev"], score=lambda g, p: 0.0, progress=False)
        return span_scores(tags["test"], crf.predict(feats, "test"), scheme="IOB1")["f1"]

    baseline, with_brown = f1(empty), f1(brown)
    assert with_brown > baseline + 0.01, (baseline, with_brown)


def test_vector_tasks_skip_a_clustering_with_the_reason():
    """No vectors: similarity and analogy raise NotAvailableError (the runner records a skip with the reason)."""
    from wordeval.embeddings.base import EmbeddingInfo
    from wordeval.embeddings.case import lookup_with_case
    from wordeval.errors import NotAvailableError
    from wordeval.intrinsic.analogy import prepare_questions

    brown = BrownClusters(["cat", "dog"], ["0", "1"], [2, 1], EmbeddingInfo("b", "<m>", "wordeval-brown", 0, 2, "x"))
    with pytest.raises(NotAvailableError, match="no word vectors"):
        lookup_with_case(brown, ["cat"], "exact")  # what similarity goes through
    with pytest.raises(NotAvailableError, match="no word vectors"):
        prepare_questions([], brown, {})
