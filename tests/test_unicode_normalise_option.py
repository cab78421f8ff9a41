"""Unicode forms in all four word-lookup families (similarity, analogy, STS, QVEC).

By default words are looked up as written (published numbers do not move); an OOV word that another form finds
(NFD against NFC, or NFKC's compatibility forms: the 'ﬁ' ligature of a PDF export, full-width letters) is
listed in ``extra.oov_in_other_unicode_form`` with a warning. ``unicode = "NFC"``/``"NFKC"`` normalises the
task's words and the vocabulary's keys alike, is recorded in the config and so in the request key, and is left
out of the config when not set, so existing keys stay. Oracles: unicodedata, scipy, numpy by hand."""
from __future__ import annotations

import json
import unicodedata
import warnings

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.errors import ConfigError
from wordeval.intrinsic.unicode_forms import UnicodeFormWarning
from wordeval.results.store import request_key

CAFE = "café"
CAFE_NFD = unicodedata.normalize("NFD", CAFE)
LIGATURE_FILE = "\ufb01le"  # 'ﬁle': NFKC gives 'file'
WIDE_CAT = "ｃａｔ"  # full-width: NFKC gives 'cat'
BASE = ["king", "queen", "man", "woman", "tea", "cup", "paris", "file", "cat", "dog", "folder"]


def _vectors(*extra: str, dim: int = 8) -> dict:
    rng = np.random.default_rng(0)
    return {w: rng.normal(size=dim).astype(np.float32) for w in [*BASE, *extra]}


def _spec(tmp_path, family: str, text: str, config: str = "") -> str:
    (tmp_path / "data.txt").write_text(text, encoding="utf-8")
    spec = tmp_path / f"{family}.toml"
    spec.write_text(f'name = "u"\nfamily = "{family}"\n[files]\ntest = "data.txt"\n{config}', encoding="utf-8")
    return str(spec)


def _cos(u, v) -> float:
    u, v = np.asarray(u, np.float64), np.asarray(v, np.float64)
    return float(u @ v / np.linalg.norm(u) / np.linalg.norm(v))


SIM = (f"king\tqueen\t8\nman\twoman\t7\ntea\t{CAFE_NFD}\t5\n{LIGATURE_FILE}\tfolder\t6\n{WIDE_CAT}\tdog\t4\n"
       "cup\tking\t1\n")


def test_compatibility_forms_are_named_as_the_nfd_ones_were(tmp_path):
    vecs = _vectors(CAFE)
    with pytest.warns(UnicodeFormWarning, match=r"3 OOV word\(s\)"):
        rec = wordeval.evaluate(vecs, _spec(tmp_path, "similarity", SIM), name="v")
    assert (rec.n_total, rec.n_used) == (6, 3)  # default: looked up as written, nothing moves
    assert "unicode" not in rec.config
    assert rec.extra["oov_in_other_unicode_form"] == sorted([CAFE_NFD, LIGATURE_FILE, WIDE_CAT])


@pytest.mark.parametrize("form, covered", [("NFC", 4), ("NFKC", 6)])
def test_the_option_normalises_the_data_and_scores_what_it_finds(tmp_path, form, covered):
    vecs = _vectors(CAFE)
    rec = wordeval.evaluate(vecs, _spec(tmp_path, "similarity", SIM), name="v", config={"unicode": form})
    assert rec.config["unicode"] == form
    assert (rec.n_total, rec.n_used) == (6, covered)
    rows = [line.split("\t") for line in SIM.splitlines()]
    pairs = [(unicodedata.normalize(form, a), unicodedata.normalize(form, b), float(s)) for a, b, s in rows]
    kept = [(a, b, s) for a, b, s in pairs if a in vecs and b in vecs]
    assert len(kept) == covered
    expected = spearmanr([s for *_, s in kept], [_cos(vecs[a], vecs[b]) for a, b, _ in kept]).statistic
    assert rec.scores["spearman"] == pytest.approx(expected, abs=1e-12)


def test_the_option_normalises_the_vocabulary_too(tmp_path):
    vecs = _vectors(CAFE_NFD)  # vectors written in NFD, the data in NFC
    spec = _spec(tmp_path, "similarity", f"king\tqueen\t8\nman\twoman\t7\ntea\t{CAFE}\t5\ncup\tking\t1\n")
    assert wordeval.evaluate(vecs, spec, name="v").n_used == 3
    rec = wordeval.evaluate(vecs, spec, name="v", config={"unicode": "NFC"})
    assert rec.n_used == 4
    assert rec.per_item["pred"][rec.per_item["id"].index(2)] == pytest.approx(_cos(vecs["tea"], vecs[CAFE_NFD]))


def test_a_key_two_spellings_fold_into_reads_the_first_row(tmp_path):
    # 'café' at row 1 (NFD) and row 2 (NFC): under NFC both are 'café', and the first row wins, as a
    # duplicated word does in a vectors file
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.unicode_forms import normalised

    rng = np.random.default_rng(1)
    emb = StaticEmbedding(["tea", CAFE_NFD, CAFE], rng.normal(size=(3, 4)))
    view = normalised(emb, "NFC")
    assert view.rows([CAFE, CAFE_NFD]).tolist() == [1, 1]
    assert emb.rows([CAFE, CAFE_NFD]).tolist() == [2, 1]  # the original is not touched


def test_analogy_finds_and_answers_normalised_words(tmp_path):
    rng = np.random.default_rng(2)
    vecs = {w: rng.normal(size=8).astype(np.float32) for w in BASE}
    vecs[CAFE] = vecs["cup"] - vecs["tea"] + vecs["king"] + np.float32(0.01)  # tea : cup :: king : ? -> near café
    text = f": x\ntea cup king {CAFE_NFD}\nman woman king queen\n{LIGATURE_FILE} folder cat dog\n"
    spec = _spec(tmp_path, "analogy", text)
    with pytest.warns(UnicodeFormWarning):
        plain = wordeval.evaluate(vecs, spec, name="v")
    assert (plain.n_total, plain.n_used) == (3, 1)
    assert plain.extra["oov_in_other_unicode_form"] == sorted([CAFE_NFD, LIGATURE_FILE])
    rec = wordeval.evaluate(vecs, spec, name="v", config={"unicode": "NFKC"})
    assert rec.config["unicode"] == "NFKC" and rec.n_used == 3
    # 3CosAdd by hand over unit vectors, the query words excluded
    words = list(vecs)
    unit = np.array([vecs[w] / np.linalg.norm(vecs[w]) for w in words], dtype=np.float64)

    def answer(a, b, c):
        sims = unit @ (unit[words.index(b)] - unit[words.index(a)] + unit[words.index(c)])
        sims[[words.index(a), words.index(b), words.index(c)]] = -np.inf
        return words[int(np.argmax(sims))]

    questions = [("tea", "cup", "king", CAFE), ("man", "woman", "king", "queen"), ("file", "folder", "cat", "dog")]
    expected = [int(answer(a, b, c) == d) for a, b, c, d in questions]
    assert expected[0] == 1
    assert rec.scores["accuracy"] == pytest.approx(sum(expected) / 3)


def test_sts_names_and_normalises_sentence_words(tmp_path):
    vecs = _vectors(CAFE)
    text = (f"the king\tthe queen\t4\nman and tea\twoman in a {CAFE_NFD}\t2\n"
            f"{WIDE_CAT} and dog\tking cup\t1\nparis tea\tthe man\t3\n")
    spec = _spec(tmp_path, "sts", text)
    with pytest.warns(UnicodeFormWarning, match=r"2 OOV word\(s\)"):
        plain = wordeval.evaluate(vecs, spec, name="v")
    assert plain.extra["oov_in_other_unicode_form"] == sorted([CAFE_NFD, WIDE_CAT])
    rec = wordeval.evaluate(vecs, spec, name="v", config={"unicode": "NFKC"})
    assert rec.config["unicode"] == "NFKC"
    assert rec.extra["oov"]["oov_tokens"] == plain.extra["oov"]["oov_tokens"] - 2

    def sentence(text):  # the words with a vector, averaged (stop words such as 'the' are OOV here)
        words = [w for w in unicodedata.normalize("NFKC", text).split() if w in vecs]
        return np.mean([vecs[w].astype(np.float64) for w in words], axis=0)

    rows = [line.split("\t") for line in text.splitlines()]
    expected = spearmanr([float(s) for *_, s in rows], [_cos(sentence(a), sentence(b)) for a, b, _ in rows])
    assert rec.scores["spearman_pooled"] == pytest.approx(expected.statistic, abs=1e-12)


@pytest.mark.parametrize("family", ["qvec", "qvec-cca"])
def test_qvec_names_and_normalises_oracle_words(tmp_path, family):
    rng = np.random.default_rng(3)
    words = [f"w{i:02d}" for i in range(30)]
    oracle = {w: {"a": float(rng.random()), "b": float(rng.random())} for w in [*words, CAFE_NFD]}
    (tmp_path / "oracle.txt").write_text("".join(f"{w}\t{json.dumps(f)}\n" for w, f in oracle.items()),
                                         encoding="utf-8")
    spec = tmp_path / "q.toml"
    spec.write_text(f'name = "q"\nfamily = "{family}"\n[files]\ntest = "oracle.txt"\n', encoding="utf-8")
    vecs = {w: rng.normal(size=4).astype(np.float32) for w in [*words, CAFE]}
    with pytest.warns(UnicodeFormWarning):
        plain = wordeval.evaluate(vecs, str(spec), name="v")
    assert (plain.n_total, plain.n_used) == (31, 30)
    assert plain.extra["oov_in_other_unicode_form"] == [CAFE_NFD]
    rec = wordeval.evaluate(vecs, str(spec), name="v", config={"unicode": "NFC"})
    assert (rec.n_used, rec.config["unicode"]) == (31, "NFC")
    assert "oov_in_other_unicode_form" not in rec.extra


@pytest.mark.parametrize("family", ["similarity", "analogy", "sts", "qvec", "qvec-cca"])
def test_unset_or_default_option_keeps_the_config_and_its_key(tmp_path, family):
    from wordeval.tasks.task import get_task

    text = {"analogy": ": x\na b c d\n", "qvec": 'w\t{"a": 1}\n', "qvec-cca": 'w\t{"a": 1}\n'}.get(family,
                                                                                             "a\tb\t1\n")
    task = get_task(_spec(tmp_path, family, text))
    unset = task.validate_config({})
    assert "unicode" not in unset  # what every stored request holds: its key does not move
    assert task.validate_config({"unicode": "as-written"}) == unset
    nfc = task.validate_config({"unicode": "NFC"})
    assert nfc == {**unset, "unicode": "NFC"}
    keys = {request_key("sha256:x", task.name, "1", cfg, 0) for cfg in (unset, nfc,
                                                                        task.validate_config({"unicode": "NFKC"}))}
    assert len(keys) == 3
    with pytest.raises(ConfigError, match="unicode must be one of as-written, NFC, NFKC, got 'NFD'"):
        task.validate_config({"unicode": "NFD"})


def test_representations_scored_together_are_normalised_each(tmp_path):
    # one vocabulary in NFC, one in NFD without 'dog': hand counts of the questions each covers
    from wordeval.adapters import as_embedding
    from wordeval.intrinsic import analogy
    from wordeval.tasks.task import get_task

    rng = np.random.default_rng(4)
    words = ["king", "queen", "man", "woman", "tea", CAFE, "cup", "paris", "file", "folder", "cat", "dog",
             "france", "london", "england"]
    nfc = as_embedding({w: rng.normal(size=6).astype(np.float32) for w in words}, name="nfc")
    nfd = as_embedding({unicodedata.normalize("NFD", w): rng.normal(size=6).astype(np.float32)
                        for w in words if w != "dog"}, name="nfd")
    task = get_task(_spec(tmp_path, "analogy", f": x\ntea cup king {CAFE_NFD}\nman woman king queen\n"
                                               "file folder cat dog\nparis france london england\n"))
    data = task.load_dataset()

    def counts(score, config):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnicodeFormWarning)
            recs = score(task.spec, [nfc, nfd], data, config=task.validate_config(config))
        assert all(r.config.get("unicode") == config.get("unicode") for r in recs)
        return [(r.n_used, r.scores["coverage"]) for r in recs]

    # as written: nfc covers questions 2-4, nfd 1, 2 and 4; both cover 2 and 4
    assert counts(analogy.score_intersection, {}) == [(2, 0.75), (2, 0.75)]
    # NFC: nfc covers all four, nfd all but the 'dog' one
    assert counts(analogy.score_intersection, {"unicode": "NFC"}) == [(3, 1.0), (3, 0.75)]
    # one candidate set, the words both hold: 13 as written (neither café nor dog), 14 under NFC (café)
    assert counts(analogy.score_common_vocabulary, {}) == [(2, 0.5), (2, 0.5)]
    assert counts(analogy.score_common_vocabulary, {"unicode": "NFC"}) == [(3, 0.75), (3, 0.75)]



def test_a_phrase_is_split_as_normalised(tmp_path):
    # 'new<U+3000>york' (an ideographic space, which NFKC makes a space) averaged from its parts under NFKC
    vecs = _vectors("new", "york")
    spec = _spec(tmp_path, "similarity", "king\tqueen\t8\nman\twoman\t7\nnew\u3000york\tparis\t6\ncup\tking\t1\n")
    assert wordeval.evaluate(vecs, spec, name="v", config={"phrases": "average"}).n_used == 3
    rec = wordeval.evaluate(vecs, spec, name="v", config={"phrases": "average", "unicode": "NFKC"})
    assert rec.n_used == 4
    phrase = (vecs["new"].astype(np.float64) + vecs["york"]) / 2
    assert rec.per_item["pred"][rec.per_item["id"].index(2)] == pytest.approx(_cos(phrase, vecs["paris"]))


def _merged_vectors() -> dict:
    """'café' in NFD (row 11) before NFC (row 12), and 'cat' (row 8) before full-width 'ｃａｔ' (row 13)."""
    rng = np.random.default_rng(4)
    return {w: rng.normal(size=8).astype(np.float32) for w in [*BASE, CAFE_NFD, CAFE, WIDE_CAT]}


@pytest.mark.parametrize("family, text", [
    ("similarity", f"king\tqueen\t8\nman\twoman\t7\ntea\t{CAFE}\t5\ncat\tdog\t4\ncup\tking\t1\n"),
    ("analogy", f": x\nking queen man woman\ntea {CAFE} cup cat\n"),
    ("sts", f"the king\tthe queen\t4\nman and tea\twoman in a {CAFE}\t2\ncat and dog\tking cup\t1\n")])
@pytest.mark.parametrize("form", ["NFC", "NFKC"])
def test_keys_folded_into_one_are_counted_in_the_record(tmp_path, family, text, form):
    """Under unicode = NFC/NFKC two keys of the file can fold into one word, the first row's vector then read
    for both: the record said nothing of keys no longer read, nor which spelling gave the vector. Oracle:
    unicodedata over the keys, in row order."""
    vecs = _merged_vectors()
    keys = list(vecs)
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(unicodedata.normalize(form, key), []).append(key)
    merged = {w: ks for w, ks in groups.items() if len(ks) > 1}
    expected = {CAFE: [CAFE_NFD, CAFE], **({"cat": ["cat", WIDE_CAT]} if form == "NFKC" else {})}
    assert merged == expected
    spec = _spec(tmp_path, family, text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = wordeval.evaluate(vecs, spec, name="v")
        rec = wordeval.evaluate(vecs, spec, name="v", config={"unicode": form})
    assert "unicode_merged_keys" not in plain.extra
    assert rec.extra["unicode_merged_keys"] == {
        "form": form, "n_words": len(merged), "n_keys_not_read": sum(len(ks) - 1 for ks in merged.values()),
        "rule": "the key at the first row (the most frequent in a frequency-ordered file) gives the vector",
        "examples": [{"word": w, "read": ks[0], "read_row": keys.index(ks[0]), "not_read": ks[1:]}
                     for w, ks in sorted(merged.items())]}


def test_no_merged_keys_entry_where_none_fold_together(tmp_path):
    spec = _spec(tmp_path, "similarity", f"king\tqueen\t8\nman\twoman\t7\ntea\t{CAFE_NFD}\t5\ncup\tking\t1\n")
    rec = wordeval.evaluate(_vectors(CAFE), spec, name="v", config={"unicode": "NFKC"})
    assert rec.n_used == 4 and "unicode_merged_keys" not in rec.extra


def test_merged_keys_are_in_the_records_of_a_common_candidate_set(tmp_path):
    """--common-vocab answers over a view of the words all representations share, already folded: the keys
    merged in each representation's file were counted in that view, where none merge, and the records of
    analogy under candidates = "common" had no unicode_merged_keys. Oracle: unicodedata over the keys."""
    from wordeval.intrinsic.analogy import score_common_vocabulary

    vecs = _merged_vectors()
    keys = list(vecs)
    spec = _spec(tmp_path, "analogy", f": x\nking queen man woman\ntea {CAFE} cup cat\n")
    task = wordeval.get_task(spec)
    cfg = task.validate_config({"unicode": "NFKC"})
    embeddings = [wordeval.as_embedding(vecs, name=n) for n in ("a", "b")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        recs = score_common_vocabulary(task.spec, embeddings, task.load_dataset(), config=cfg)
    expected = {CAFE: [CAFE_NFD, CAFE], "cat": ["cat", WIDE_CAT]}
    assert {w: [k for k in keys if unicodedata.normalize("NFKC", k) == w] for w in expected} == expected
    for rec in recs:
        merged = rec.extra["unicode_merged_keys"]
        assert (merged["n_words"], merged["n_keys_not_read"]) == (2, 2)
        assert merged["examples"] == [{"word": w, "read": ks[0], "read_row": keys.index(ks[0]), "not_read": ks[1:]}
                                      for w, ks in sorted(expected.items())]
