"""Analogy words with part-of-speech tags ('good_JJ better_JJR ...'): a plain embedding covered 0/N questions
with no hint why. Now the sniffer says the words carry tags, a run warns when the untagged words are in the
vocabulary, and pos_suffix = "strip" looks them up without. Oracles: the questions written out by hand, and
gensim's 3CosAdd answers."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import AnalogyQuestion

TAGGED = "good_JJ better_JJR rough_JJ rougher_JJR\nbig_JJ bigger_JJR small_JJ smaller_JJR\n" \
         "year_NN years_NNS day_NN days_NNS\n"
WORDS = ["good", "better", "rough", "rougher", "big", "bigger", "small", "smaller", "year", "years", "day", "days"]


def _spec(tmp_path, strip: bool):
    (tmp_path / "tagged.txt").write_text(TAGGED, encoding="utf-8")
    spec = tmp_path / ("strip.toml" if strip else "plain.toml")
    spec.write_text(f'name = "{spec.stem}"\nfamily = "analogy"\n' + ('pos_suffix = "strip"\n' if strip else "")
                    + '[files]\ntest = "tagged.txt"\n', encoding="utf-8")
    return spec


def _kv():
    gensim = pytest.importorskip("gensim")
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((len(WORDS), 6)).astype(np.float32)
    i = {w: n for n, w in enumerate(WORDS)}
    vectors[i["rougher"]] = vectors[i["better"]] - vectors[i["good"]] + vectors[i["rough"]]
    kv = gensim.models.KeyedVectors(6)
    kv.add_vectors(WORDS, vectors)
    return kv


def test_tagged_words_are_said_to_carry_tags(tmp_path):
    path = tmp_path / "tagged.txt"
    path.write_text(TAGGED, encoding="utf-8")
    _, options, notes = sniff("analogy", {"test": path}, {})
    assert "strip_pos_suffix" not in options  # looked up as written: tagged embeddings hold these forms
    assert any("part-of-speech tags (first 'good_JJ')" in n and 'pos_suffix = "strip"' in n for n in notes), notes


def test_msr_relation_names_are_not_taken_for_tagged_words(tmp_path):
    path = tmp_path / "EN-MSR.txt"
    path.write_text("good better rough JJ_JJR rougher\nyear years law NN_NNS laws\n", encoding="utf-8")
    _, _, notes = sniff("analogy", {"test": path}, {})
    assert not any("part-of-speech" in n for n in notes), notes


def test_strip_reads_the_words_without_their_tags(tmp_path):
    path = tmp_path / "tagged.txt"
    path.write_text(TAGGED, encoding="utf-8")
    name, options, _ = sniff("analogy", {"test": path}, {"pos_suffix": "strip"})
    splits, _ = reader(name)({"test": path}, **options)
    assert splits["test"] == [AnalogyQuestion("good", "better", "rough", ("rougher",), "all"),
                              AnalogyQuestion("big", "bigger", "small", ("smaller",), "all"),
                              AnalogyQuestion("year", "years", "day", ("days",), "all")]


def test_run_warns_when_the_untagged_words_are_in_the_vocabulary(tmp_path):
    import wordeval
    from wordeval.datasets.analogy_tags import PosSuffixWarning

    kv = _kv()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rec = wordeval.evaluate(kv, str(_spec(tmp_path, strip=False)), name="kv")
    assert rec.n_used == 0
    assert any(issubclass(w.category, PosSuffixWarning) and 'pos_suffix = "strip"' in str(w.message)
               for w in caught)


def test_stripped_accuracy_matches_gensim_3cosadd(tmp_path):
    import wordeval

    kv = _kv()
    hits = [kv.most_similar(positive=[b, c], negative=[a], topn=1)[0][0] == d
            for a, b, c, d in [("good", "better", "rough", "rougher"), ("big", "bigger", "small", "smaller"),
                               ("year", "years", "day", "days")]]
    rec = wordeval.evaluate(kv, str(_spec(tmp_path, strip=True)), name="kv")
    assert rec.n_used == 3 and rec.main_value == pytest.approx(sum(hits) / 3)


def test_an_explicit_keep_is_not_told_to_strip(tmp_path, capsys):
    """pos_suffix = "keep" in the spec still warned "set pos_suffix = strip" at every run."""
    import wordeval
    from wordeval.cli import main
    from wordeval.datasets.analogy_tags import PosSuffixWarning

    spec = _spec(tmp_path, strip=False)
    spec.write_text(spec.read_text(encoding="utf-8").replace("[files]", 'pos_suffix = "keep"\n[files]'),
                    encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rec = wordeval.evaluate(_kv(), str(spec), name="kv")
    assert rec.n_used == 0  # looked up as written, as asked
    assert not [w for w in caught if issubclass(w.category, PosSuffixWarning)]
    vectors = tmp_path / "v.txt"
    kv = _kv()
    vectors.write_text("".join(f"{w} {' '.join(map(str, kv[w]))}\n" for w in WORDS), encoding="utf-8")
    assert main(["intrinsic", str(vectors), "--tasks", str(spec), "--out", str(tmp_path / "out")]) == 0
    assert "pos_suffix" not in capsys.readouterr().err
    spec.write_text(spec.read_text(encoding="utf-8").replace('pos_suffix = "keep"\n', ""), encoding="utf-8")
    assert main(["intrinsic", str(vectors), "--tasks", str(spec), "--out", str(tmp_path / "out2")]) == 0
    assert 'set pos_suffix = "strip"' in capsys.readouterr().err  # without the key, the hint stays
