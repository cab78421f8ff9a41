"""A record without a confidence interval (fewer than 10 items: ``ci`` [null, null], shown as 'none (n < 10)')
still named the interval's method, as if one had been computed and come out undefined; the τ rows record
null there, and so do the similarity, QVEC and classification records now. Records with an interval keep it."""
from __future__ import annotations

import numpy as np

import wordeval


def _similarity(folder, n):
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(2 * n)]
    vectors = {w: rng.standard_normal(4).astype(np.float32) for w in words}
    (folder / "p.tsv").write_text("".join(f"{words[2 * i]}\t{words[2 * i + 1]}\t{i}\n" for i in range(n)),
                                  encoding="utf-8")
    spec = folder / "p.toml"
    spec.write_text('name = "p"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    return wordeval.evaluate(vectors, str(spec), config={"n_boot": 50}, name="v")


def test_similarity_record_of_fewer_than_10_pairs_names_no_ci_method(tmp_path):
    rec = _similarity(tmp_path, 8)
    assert rec.n_used == 8
    assert all(x is None or x != x for x in rec.ci["spearman"])
    assert rec.extra["ci_method"] is None


def test_similarity_record_with_an_interval_names_its_method(tmp_path):
    rec = _similarity(tmp_path, 12)
    assert all(np.isfinite(rec.ci["spearman"]))
    assert rec.extra["ci_method"] == "percentile bootstrap over pairs"


def test_classification_record_of_fewer_than_10_test_documents_names_no_ci_method(tmp_path):
    words = {"a": ["apple", "pear", "plum"], "b": ["car", "bus", "tram"]}
    rng = np.random.default_rng(1)
    for split, n in (("train", 12), ("test", 4)):
        for label, ws in words.items():
            lines = [" ".join(rng.choice(ws, size=3)) for _ in range(n)]
            (tmp_path / f"{label}.{split}").write_text("".join(f"{t}\n" for t in lines), encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "classification"\n[classes.train]\na = "a.train"\nb = "b.train"\n'
                    '[classes.test]\na = "a.test"\nb = "b.test"\n', encoding="utf-8")
    vectors = {w: rng.normal(size=6) for ws in words.values() for w in ws}
    rec = wordeval.evaluate(vectors, str(spec), name="v")
    assert rec.n_used == 8
    assert all(x is None or x != x for x in rec.ci["accuracy"])
    assert rec.extra["ci_method"] == {"accuracy": None}


def _qvec(folder, n):
    import json

    rng = np.random.default_rng(2)
    words = [f"w{i}" for i in range(n)]
    rows = {w: {"f0": float(rng.random()), "f1": float(rng.random())} for w in words}
    (folder / "oracle.txt").write_text("".join(f"{w}\t{json.dumps(r)}\n" for w, r in rows.items()), encoding="utf-8")
    spec = folder / "q.toml"
    spec.write_text('name = "q"\nfamily = "qvec"\n[files]\ntest = "oracle.txt"\n', encoding="utf-8")
    return wordeval.evaluate({w: rng.normal(size=3) for w in words}, str(spec), config={"n_boot": 50}, name="v")


def test_qvec_record_of_fewer_than_10_words_names_no_ci_method(tmp_path):
    rec = _qvec(tmp_path, 8)
    assert rec.n_used == 8 and not rec.ci.get("qvec")
    assert rec.extra["ci_method"] is None
    assert _qvec(tmp_path, 12).extra["ci_method"] == "basic bootstrap over words"


def _sts(folder, n):
    rng = np.random.default_rng(4)
    words = [f"w{i}" for i in range(6)]
    rows = [(" ".join(rng.choice(words, 3)), " ".join(rng.choice(words, 3)), f"{i % 5}.0") for i in range(n)]
    (folder / "s.tsv").write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    spec = folder / "s.toml"
    spec.write_text('name = "s"\nfamily = "sts"\n[files]\ntest = "s.tsv"\n', encoding="utf-8")
    return wordeval.evaluate({w: rng.normal(size=4) for w in words}, str(spec), config={"n_boot": 200}, seed=3,
                             name="v")


def test_sts_record_names_its_interval_as_similarity_does_and_none_below_10_pairs(tmp_path):
    """STS records named no method at all; the interval is checked against the named method rebuilt with
    scipy's Spearman on the same resampled pairs."""
    from scipy.stats import spearmanr

    assert _sts(tmp_path, 8).extra["ci_method"] is None
    rec = _sts(tmp_path, 30)
    assert rec.extra["ci_method"] == "percentile bootstrap over sentence pairs"
    gold, pred = np.array(rec.per_item["gold"]), np.array(rec.per_item["pred"])
    idx = np.random.default_rng(3).integers(0, len(gold), size=(200, len(gold)))
    rhos = np.array([spearmanr(gold[i], pred[i]).statistic for i in idx])
    expected = np.quantile(rhos[np.isfinite(rhos)], [0.025, 0.975])
    np.testing.assert_allclose(rec.ci["spearman_pooled"], expected, rtol=0, atol=1e-12)


def test_tagging_record_of_fewer_than_10_test_sentences_says_no_ci_of(tmp_path):
    """A tagging record names what its interval is of (``ci_of``); with no interval it named one all the same."""
    rng = np.random.default_rng(0)
    words, tags = [f"w{i}" for i in range(12)], ["NN", "VB", "JJ"]

    def write(split, n):
        sents = [rng.integers(12, size=4) for _ in range(n)]
        (tmp_path / f"{split}.txt").write_text("".join(" ".join(f"{words[i]}/{tags[i % 3]}" for i in s) + "\n"
                                                       for s in sents), encoding="utf-8")

    write("train", 20)
    spec = tmp_path / "tiny.toml"
    spec.write_text('name = "tiny"\nfamily = "pos"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n',
                    encoding="utf-8")
    vectors = {w: rng.normal(size=4) for w in words}
    for n, has_ci in ((6, False), (12, True)):
        write("test", n)
        rec = wordeval.evaluate(vectors, str(spec), name="v", config={"learner": "perceptron", "n_seeds": 1})
        assert rec.n_used == n and all(np.isfinite(rec.ci["accuracy"])) is has_ci
        assert (rec.extra["ci_of"] is not None) is has_ci, rec.extra["ci_of"]
        # named as the other families name theirs (it had no ci_method, which read as no interval)
        assert rec.extra["ci_method"] == ("percentile bootstrap over test sentences, 1000 resamples, 95% level"
                                          if has_ci else None)
        if has_ci:  # the interval is that: numpy's percentile of 1,000 resamples of the test sentences
            cols = {k: np.asarray(v) for k, v in rec.per_item.items()}
            draws = np.random.default_rng(rec.seed)
            idx = np.vstack([draws.integers(0, n, size=(200, n)) for _ in range(5)])
            acc = cols["correct"][idx].sum(axis=1) / cols["total"][idx].sum(axis=1)
            assert np.allclose(rec.ci["accuracy"], np.quantile(acc, [0.025, 0.975]), rtol=0, atol=1e-12)


def test_analogy_summary_names_its_interval_and_none_below_10_questions():
    """Analogy records named no method for their interval; checked against scipy's percentile bootstrap of the
    same 0/1 column (an independent oracle; the resamples differ, so to 0.05)."""
    from scipy.stats import bootstrap

    from wordeval.datasets.types import AnalogyQuestion
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic import analogy

    words = [f"w{i}" for i in range(30)]
    emb = StaticEmbedding(words, np.random.default_rng(1).normal(size=(30, 8)).astype(np.float32))
    rng = np.random.default_rng(2)
    abc = [tuple(words[i] for i in rng.choice(30, 3, replace=False)) for _ in range(60)]
    predicted = analogy.solve_analogies([AnalogyQuestion(*q, ("w0",), "s") for q in abc], emb)["predicted"]
    # every third question answered as predicted (right), the others with another word (wrong)
    questions = [AnalogyQuestion(*q, (p if k % 3 == 0 else next(w for w in words if w not in (*q, p)),), "s")
                 for k, (q, p) in enumerate(zip(abc, predicted))]
    few = analogy.summarize(questions[:8], analogy.solve_analogies(questions[:8], emb))
    assert few["extra"]["ci_method"] is None
    many = analogy.summarize(questions, analogy.solve_analogies(questions, emb))
    assert many["extra"]["ci_method"] == "percentile bootstrap over questions"
    correct = np.asarray(many["per_item"]["correct"], dtype=float)
    assert correct.sum() == 20 and len(correct) == 60  # by construction
    oracle = bootstrap((correct,), np.mean, n_resamples=1000, method="percentile", random_state=0).confidence_interval
    lo, hi = many["ci"]["accuracy"]
    assert abs(lo - oracle.low) < 0.05 and abs(hi - oracle.high) < 0.05
