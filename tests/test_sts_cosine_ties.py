"""STS cosines that are 1 are ties at 1 (README: Cosines of one vector are ties at 1). Sentence vectors
were float32 means in the sentence's word order and their cosines came out of float32 norms: two identical
sentences got 1.0000002 or 0.99999994, and the same words in another order 0.99999997, so Spearman ranked
those pairs by rounding noise instead of as the ties the gold has them at. Oracle: the cosines by hand
(identical vectors and bags of words: exactly 1, others computed by numpy in float64 from the words' rows)
and scipy's Spearman on them."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

WORDS = [f"w{i}" for i in range(12)]
SENTENCES = ["w0 w1 w2", "w3 w4 w5 w6", "w7 w8", "w9 w10 w11 w0 w4", "w2 w5 w8 w11", "w1 w3 w5 w7 w9"]


def _pairs():
    pairs = []
    for i, s in enumerate(SENTENCES):  # each sentence with itself, with gold ties at 5 ...
        pairs.append((s, s, 5.0))
        pairs.append((s, " ".join(reversed(s.split())), 5.0))  # ... and its words in another order
    for i in range(len(SENTENCES) - 1):  # and with the next one, at other gold scores
        pairs.append((SENTENCES[i], SENTENCES[i + 1], float(i % 4)))
    return pairs


def _table(seed):
    rng = np.random.default_rng(seed)
    # magnitudes far apart, so a float32 sum rounds differently in another order
    return {w: (rng.standard_normal(50) * 10.0 ** rng.integers(-3, 3)).astype(np.float32) for w in WORDS}


def _hand_cosine(a, b, table):
    if sorted(a.split()) == sorted(b.split()):
        return 1.0
    va = np.mean([table[w].astype(np.float64) for w in a.split()], axis=0)
    vb = np.mean([table[w].astype(np.float64) for w in b.split()], axis=0)
    return float(va @ vb / np.linalg.norm(va) / np.linalg.norm(vb))


@pytest.mark.parametrize("seed", range(4))
def test_identical_and_reordered_sentences_tie_at_one(tmp_path, seed):
    import wordeval

    pairs = _pairs()
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "sts"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    table = _table(seed)
    rec = wordeval.evaluate(table, str(tmp_path / "t.toml"), name="t")
    pred = dict(zip(rec.per_item["id"], rec.per_item["pred"]))
    hand = [_hand_cosine(a, b, table) for a, b, _ in pairs]
    ones = [i for i, (a, b, _) in enumerate(pairs) if sorted(a.split()) == sorted(b.split())]
    assert [pred[i] for i in ones] == [1.0] * len(ones)
    assert all(-1.0 <= p <= 1.0 for p in pred.values())
    eps = 64 * float(np.finfo(np.float32).eps)
    np.testing.assert_allclose([pred[i] for i in range(len(pairs))], hand, rtol=0, atol=eps)
    assert rec.main_value == pytest.approx(spearmanr([s for *_, s in pairs], hand).statistic, abs=1e-12)
    assert rec.config["cosine_version"] == 2  # in the request key: a store does not serve the float32 cosines


def test_cosine_version_is_derived_not_chosen():
    from wordeval.errors import ConfigError
    from wordeval.tasks import get_task

    task = get_task("sts/sts12")
    cfg = task.validate_config({})
    assert cfg["cosine_version"] == 2 and task.validate_config(cfg) == cfg  # a validated config validates again
    with pytest.raises(ConfigError, match="cosine_version is derived"):
        task.validate_config({"cosine_version": 1})
