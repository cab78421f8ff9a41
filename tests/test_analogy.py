"""Analogy: batched kernels equal the reference loop; 3CosAdd equals gensim; policies; FIELD §3 number."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import StaticEmbedding
from wordeval.errors import ConfigError
from wordeval.intrinsic import analogy
from wordeval.intrinsic.analogy_kernels import solve_reference
from wordeval.intrinsic.analogy_ties import assert_same_modulo_ties


def _random_case(seed=0, n=600, dim=16, nq=150):
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(n)]
    emb = StaticEmbedding(words, rng.standard_normal((n, dim)).astype(np.float32))
    qs = []
    for k in range(nq):
        a, b, c, d = rng.choice(60, size=4, replace=False)  # few distinct query words, like Google
        qs.append(AnalogyQuestion(words[a], words[b], words[c], (words[d],), f"s{k % 3}"))
    return emb, qs


@pytest.mark.parametrize("method", ["3cosadd", "3cosmul", "pairdirection"])
@pytest.mark.parametrize("honest", [False, True])
@pytest.mark.parametrize("backend", ["numba", "numpy", "torch-cpu"])
def test_batched_equals_reference_loop(method, honest, backend):
    if backend.startswith("torch"):
        pytest.importorskip("torch")
    emb, qs = _random_case(seed=hash((method, honest)) % 1000)
    restrict = 400
    cfg = {"method": method, "honest": honest, "backend": backend, "chunk_rows": 97, "restrict_vocab": restrict,
           "question_filter": "vocabulary", "case": "exact"}
    out = analogy.solve_analogies(qs, emb, config=cfg)
    rows = [emb.index[getattr(q, f)] for q in qs for f in "abc"]
    ra, rb, rc = rows[0::3], rows[1::3], rows[2::3]
    exclude = np.full((len(qs), 3), -1) if honest else np.array([ra, rb, rc]).T
    ref = solve_reference(emb.vectors, restrict, ra, rb, rc, exclude, method=method, eps=1e-3)
    # identical modulo exact ties: rows whose exact scores are within float32 rounding (analogy_ties)
    assert_same_modulo_ties(emb.vectors, ra, rb, rc, out["pred_rows"], ref, method=method)
    assert out["backend"] == backend
    if not honest:
        assert not (ref[:, None] == exclude).any()


def test_honest_mode_can_return_a_query_word():
    words = ["a", "b", "c", "d"]
    vecs = np.array([[1, 0], [1, 0.05], [0, 1], [-1, -1]], dtype=np.float32)
    emb = StaticEmbedding(words, vecs)
    q = [AnalogyQuestion("a", "b", "c", ("d",), "s")]
    assert analogy.solve_analogies(q, emb, config={"honest": True})["predicted"] == ["c"]
    assert analogy.solve_analogies(q, emb)["predicted"] == ["d"]


def test_3cosmul_by_hand():
    # unit vectors at angles; cos' = (cos+1)/2; score = cos'(x,b) cos'(x,c) / (cos'(x,a) + 0.001)
    ang = {"a": 0.0, "b": 0.5, "c": 1.5, "x": 2.0, "y": 1.0}
    words = list(ang)
    emb = StaticEmbedding(words, np.array([[np.cos(t), np.sin(t)] for t in ang.values()], dtype=np.float32))

    def score(w):
        c = {k: (np.cos(ang[w] - ang[k]) + 1) / 2 for k in "abc"}
        return c["b"] * c["c"] / (c["a"] + 0.001)

    expected = max(["x", "y"], key=score)
    q = [AnalogyQuestion("a", "b", "c", ("x",), "s")]
    assert analogy.solve_analogies(q, emb, config={"method": "3cosmul"})["predicted"] == [expected]


def test_bats_alternatives_and_coverage_and_penalize():
    emb, _ = _random_case(n=50, nq=0)
    qs = analogy.solve_analogies([AnalogyQuestion("w1", "w2", "w3", ("w4",), "s")], emb)
    pred = qs["predicted"][0]
    items = [AnalogyQuestion("w1", "w2", "w3", ("nope", pred), "s"),  # alternative answer matches
             AnalogyQuestion("w1", "w2", "w3", ("nope",), "s"),  # no answer in vocabulary: not covered
             AnalogyQuestion("w1", "zzz", "w3", ("w4",), "t")]
    out = analogy.solve_analogies(items, emb)
    assert out["covered"].tolist() == [True, False, False]
    s = analogy.summarize(items, out)
    assert s["scores"]["accuracy_covered"] == 1.0
    assert s["scores"]["accuracy_all"] == pytest.approx(1 / 3)
    assert s["per_item"]["id"] == [0] and s["n_used"] == 1
    pen = analogy.summarize(items, analogy.solve_analogies(items, emb, config={"oov": "penalize"}))
    assert pen["per_item"] == {"id": [0, 1, 2], "correct": [1, 0, 0]}
    assert pen["scores"]["accuracy"] == pytest.approx(1 / 3)
    assert analogy.main_score_from_items(pen["per_item"]) == pytest.approx(1 / 3)
    with pytest.raises(ConfigError):
        analogy.solve_analogies(items, emb, config={"method": "3cosadd2"})


def test_restrict_vocab_is_separate_from_question_filter():
    emb, qs = _random_case(seed=5, n=300, nq=100)
    base = {"case": "exact", "restrict_vocab": 40}
    cand = analogy.solve_analogies(qs, emb, config={**base, "question_filter": "candidates"})
    voc = analogy.solve_analogies(qs, emb, config={**base, "question_filter": "vocabulary"})
    assert voc["covered"].all() and cand["covered"].sum() < len(qs)
    assert (voc["pred_rows"][voc["covered"]] < 40).all()  # candidates restricted either way
    both = cand["covered"]
    np.testing.assert_array_equal(cand["pred_rows"][both], voc["pred_rows"][both])


def test_properties_scaling_and_permutation_and_duplicates():
    emb, qs = _random_case(seed=9)
    base = analogy.solve_analogies(qs, emb, config={"case": "exact"})
    scaled = StaticEmbedding(emb.words, emb.vectors * np.float32(4.0))
    assert analogy.solve_analogies(qs, scaled, config={"case": "exact"})["predicted"] == base["predicted"]
    perm = np.random.default_rng(0).permutation(len(qs))
    out = analogy.solve_analogies([qs[i] for i in perm], emb, config={"case": "exact"})
    assert out["predicted"] == [base["predicted"][i] for i in perm]
    # appending a duplicated vocabulary: first rows win, copies only tie and lose on row index
    dup = StaticEmbedding(emb.words + emb.words, np.vstack([emb.vectors, emb.vectors]))
    assert analogy.solve_analogies(qs, dup, config={"case": "exact", "honest": True})["predicted"] == \
        analogy.solve_analogies(qs, emb, config={"case": "exact", "honest": True})["predicted"]


def _google():
    from gensim.test.utils import datapath
    out, section = [], None
    for line in open(datapath("questions-words.txt"), encoding="utf-8"):
        if line.startswith(": "):
            section = line[2:].strip()
        else:
            a, b, c, d = line.split()
            out.append(AnalogyQuestion(a, b, c, (d,), section))
    return out


def test_3cosadd_answers_equal_gensim_per_question(glove50, tmp_path):
    from gensim.models import KeyedVectors
    qs = _google()
    sub = list(range(0, len(qs), 25))
    path = tmp_path / "q.txt"
    with open(path, "w", encoding="utf-8") as fh:
        section = None
        for i in sub:
            if qs[i].section != section:
                section = qs[i].section
                fh.write(f": {section}\n")
            fh.write(f"{qs[i].a} {qs[i].b} {qs[i].c} {qs[i].answers[0]}\n")
    kv = KeyedVectors(50)
    kv.add_vectors(glove50.words[:30000], np.asarray(glove50.vectors[:30000]))
    captured = []
    original = kv.most_similar
    kv.most_similar = lambda *a, **k: captured.append(original(*a, **k)) or captured[-1]
    _, sections = kv.evaluate_word_analogies(str(path), restrict_vocab=30000)
    correct = {t for s in sections[:-1] for t in s["correct"]}
    wrong = {t for s in sections[:-1] for t in s["incorrect"]}
    ours = analogy.solve_analogies([qs[i] for i in sub], glove50, config={"case": "lower", "restrict_vocab": 30000})
    k = 0
    theirs, mine, abc = [], [], []
    for j, i in enumerate(sub):
        key = tuple(w.upper() for w in (qs[i].a, qs[i].b, qs[i].c, qs[i].answers[0]))
        if not ours["covered"][j]:
            assert key not in correct and key not in wrong
            continue
        ignore = set(key[:3])
        predicted = next(w for w, _ in captured[k] if w.upper() not in ignore)
        if predicted == ours["predicted"][j]:
            assert (key in correct) == bool(ours["correct"][j])
        theirs.append(glove50.index[predicted])
        mine.append(ours["pred_rows"][j])
        abc.append([glove50.lower_index[w.lower()] for w in (qs[i].a, qs[i].b, qs[i].c)])
        k += 1
    assert k == len(captured) > 500
    # identical modulo exact ties (gensim ranks by x·mean/|x| in float32, another rounding of the same order)
    ties = assert_same_modulo_ties(glove50.vectors, *np.array(abc).T, mine, theirs, method="3cosadd")
    assert ties <= 2, f"{ties} near-ties accepted"


def test_google_restrict_30k_reproduces_field_number(glove50):
    qs = _google()
    sem = list(dict.fromkeys(q.section for q in qs))[:5]
    out = analogy.solve_analogies(qs, glove50, config={"restrict_vocab": 30000, "n_boot": 50})
    s = analogy.summarize(qs, out, semantic_sections=sem)
    assert round(s["scores"]["accuracy_covered"], 3) == 0.497
    assert s["scores"]["accuracy_all"] == pytest.approx(s["scores"]["accuracy_covered"] * s["scores"]["coverage"])
    per = s["extra"]["per_section"]
    assert sum(v["n_total"] for v in per.values()) == len(qs)
    assert s["extra"]["semantic"]["n_total"] + s["extra"]["syntactic"]["n_total"] == len(qs)
    assert out["n_query_words"] <= 905


def test_case_variants_of_query_words_are_excluded():
    # hand-built: every case variant of a, b, c among the candidates is excluded, and nothing else
    words = ["paris", "France", "berlin", "Paris", "germany", "PARIS", "france", "Berlin", "zz"]
    emb = StaticEmbedding(words, np.eye(len(words), dtype=np.float32))
    q = [AnalogyQuestion("Paris", "france", "berlin", ("germany",), "s")]
    cfg = analogy.validate_config({**analogy.DEFAULT_CONFIG, "case": "lower"})
    prep = analogy.prepare_questions(q, emb, cfg)
    ex = analogy._exclusions(q, emb, prep, np.array([0]), cfg, len(words))
    assert set(ex[0].tolist()) - {-1} == {0, 3, 5, 1, 6, 2, 7}
    restricted = analogy._exclusions(q, emb, prep, np.array([0]), cfg, 4)  # candidates: first 4 rows
    assert set(restricted[0].tolist()) - {-1} == {0, 1, 2, 3}  # variants only among the first 4 rows
    exact = analogy._exclusions(q, emb, prep, np.array([0]), {**cfg, "case": "exact"}, len(words))
    assert set(exact[0].tolist()) - {-1} == set(prep["rows"][i][0] for i in range(3))


@pytest.mark.parametrize("seed", range(3))
def test_exclusions_equal_their_definition_on_many_case_variants(seed):
    # by definition: a question excludes its a, b, c rows and every candidate row whose word lower-cased is one
    # of theirs; asked twice (the variants are kept per embedding) and for fewer candidates
    rng = np.random.default_rng(seed)
    bases = [f"w{i}" for i in range(40)]
    forms = sorted({"".join(ch.upper() if rng.random() < 0.5 else ch for ch in b) for b in bases for _ in range(4)}
                   | set(bases))
    words = [forms[i] for i in rng.permutation(len(forms))]
    emb = StaticEmbedding(words, rng.standard_normal((len(words), 4)).astype(np.float32))
    q = [AnalogyQuestion(*(words[i] for i in rng.choice(len(words), 3, replace=False)), ("w0",), "s")
         for _ in range(60)]
    cfg = analogy.validate_config({**analogy.DEFAULT_CONFIG, "case": "exact"})
    prep = analogy.prepare_questions(q, emb, cfg)
    lower = [w.lower() for w in words]
    for n_cand in (len(words), len(words), len(words) // 2):
        cov = np.flatnonzero(prep["covered"])
        ex = analogy._exclusions(q, emb, prep, cov, {**cfg, "case": "lower"}, n_cand)
        widths = []
        for k, i in enumerate(cov.tolist()):
            own = {int(prep["rows"][j][i]) for j in range(3)}
            want = own | {x for x in range(n_cand) for r in own if lower[x] == lower[r]}
            assert ex[k].tolist() == sorted(want) + [-1] * (ex.shape[1] - len(want))  # padding last
            widths.append(len(want))
        assert ex.shape[1] == max(widths)  # as narrow as the longest row


def test_encoded_questions_by_definition_and_never_stale():
    # the spellings of a, b, c and the answers, coded in first-seen order; kept per question list, but a list
    # changed since (same id) or another list is encoded anew
    qs = [AnalogyQuestion("a", "b", "c", ("d", "e"), "s"), AnalogyQuestion("b", "x", "a", ("c",), "s"),
          AnalogyQuestion("y", "b", "d", (), "t")]
    spellings, codes, answer_of = analogy.encode_questions(qs)
    spelled = [q.a for q in qs] + [q.b for q in qs] + [q.c for q in qs] + [w for q in qs for w in q.answers]
    assert list(spellings) == list(dict.fromkeys(spelled))
    assert [spellings[c] for c in codes] == spelled
    assert answer_of.tolist() == [0, 0, 1]
    assert not codes.flags.writeable and not answer_of.flags.writeable
    assert analogy.encode_questions(qs)[1] is codes  # kept
    copy = analogy.encode_questions(list(qs))  # another list: encoded anew, equal
    assert copy[1] is not codes and copy[0] == spellings and np.array_equal(copy[1], codes)
    qs[1] = AnalogyQuestion("b", "z", "a", ("c",), "s")  # the same list, changed
    again = analogy.encode_questions(qs)
    assert again[1] is not codes and "z" in again[0] and "x" not in again[0]
    others = [[AnalogyQuestion(f"p{i}", "q", "r", ("s",), "u")] for i in range(analogy.ENCODED_LISTS + 1)]
    first = analogy.encode_questions(others[0])
    for o in others[1:]:
        analogy.encode_questions(o)
    assert analogy.encode_questions(others[0])[1] is not first[1]  # the oldest list was let go


def test_a_changed_question_list_is_answered_anew():
    words = ["a", "b", "c", "d", "e", "f"]
    emb = StaticEmbedding(words, np.eye(6, dtype=np.float32) + 0.1)
    qs = [AnalogyQuestion("a", "b", "c", ("d",), "s")]
    first = analogy.solve_analogies(qs, emb)
    qs[0] = AnalogyQuestion("a", "b", "e", ("f",), "s")
    second = analogy.solve_analogies(qs, emb)
    assert first["predicted"][0] != "e" and second["predicted"][0] not in ("a", "b", "e")
    assert second["predicted"] == analogy.solve_analogies(list(qs), emb)["predicted"]


def test_exact_then_lower_falls_back_when_the_exact_spelling_is_beyond_restrict_vocab():
    """'Paris' exists only beyond the candidate rows, 'paris' within them: under restrict_vocab the exact
    spelling is not in the vocabulary, so exact-then-lower must take 'paris' as lower does. It left the
    question uncovered (exact-then-lower covering less than lower)."""
    words = ["paris", "france", "berlin", "germany", "zz", "Paris"]
    emb = StaticEmbedding(words, np.eye(len(words), dtype=np.float32) + 0.1)
    q = [AnalogyQuestion("Paris", "france", "berlin", ("germany",), "s")]
    got = {case: analogy.solve_analogies(q, emb, config={"case": case, "restrict_vocab": 5})
           for case in ("exact", "lower", "exact-then-lower")}
    assert got["exact"]["covered"].tolist() == [False]
    assert got["lower"]["covered"].tolist() == got["exact-then-lower"]["covered"].tolist() == [True]
    # without the restriction 'Paris' (row 5) is the exact spelling and is used
    unrestricted = analogy.prepare_questions(q, emb, analogy.validate_config(
        {**analogy.DEFAULT_CONFIG, "case": "exact-then-lower"}))
    assert unrestricted["rows"][0].tolist() == [5]
