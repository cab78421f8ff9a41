"""Which case policy gives gensim's ``evaluate_word_analogies`` (case_insensitive, its default): ``lower``, on a
vocabulary with case variants (GloVe is all lower case, where every policy agrees). gensim looks each word up
by its upper-cased form, the first (most frequent) variant winning, and skips predictions that are a variant
of a query word; ``exact-then-lower`` reads 'Paris' as its own row where there is one, so it differs there."""
from __future__ import annotations

from collections import Counter

import numpy as np

N_ROWS = 5000
RESTRICT = 4000


def _cased_vocabulary(glove50):
    """GloVe's first rows with capitalised and upper-case variants (their own vectors) at random rows, some
    before the lower-case word."""
    rng = np.random.default_rng(5)
    words = list(glove50.words[:N_ROWS])
    vectors = list(np.asarray(glove50.vectors[:N_ROWS]))
    seen = set(words)
    for i in rng.choice(N_ROWS, 1500, replace=False):
        w = glove50.words[i]
        variants = [w.capitalize()] + ([w.upper()] if rng.random() < 0.3 else [])
        for v in variants:
            if not w.isalpha() or v in seen:
                continue
            seen.add(v)
            at = int(rng.integers(0, len(words)))
            words.insert(at, v)
            vectors.insert(at, vectors[i if i < at else i + 1] + rng.normal(0, 0.4, 50).astype(np.float32))
    return words, np.array(vectors, dtype=np.float32)


def _google_subset(tmp_path):
    from gensim.test.utils import datapath

    from wordeval.datasets.parsers_analogy import parse_google

    source = datapath("questions-words.txt")  # the Google set, as the built-in task pins it
    lines, section = [], None
    questions = parse_google(source)[0][::3]
    for q in questions:
        if q.section != section:
            section = q.section
            lines.append(f": {section}")
        lines.append(f"{q.a} {q.b} {q.c} {q.answers[0]}")
    path = tmp_path / "google3.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, parse_google(path)[0]


def test_lower_gives_gensims_answers_on_a_cased_vocabulary(glove50, tmp_path):
    from gensim.models import KeyedVectors

    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.analogy import solve_analogies

    words, vectors = _cased_vocabulary(glove50)
    path, questions = _google_subset(tmp_path)
    kv = KeyedVectors(50)
    kv.add_vectors(words, vectors)
    _, sections = kv.evaluate_word_analogies(str(path), restrict_vocab=RESTRICT)
    gensim_correct = Counter((s["section"],) + t for s in sections[:-1] for t in s["correct"])
    gensim_used = gensim_correct + Counter((s["section"],) + t for s in sections[:-1] for t in s["incorrect"])
    assert sum(gensim_used.values()) > 400

    emb = StaticEmbedding(words, vectors)

    def ours(case):
        solved = solve_analogies(questions, emb, config={"case": case, "restrict_vocab": RESTRICT})
        keys = [(q.section, q.a.upper(), q.b.upper(), q.c.upper(), q.answers[0].upper()) for q in questions]
        used = Counter(k for k, c in zip(keys, solved["covered"]) if c)
        correct = Counter(k for k, c, ok in zip(keys, solved["covered"], solved["correct"]) if c and ok)
        return used, correct

    assert ours("lower") == (gensim_used, gensim_correct)
    used, correct = ours("exact-then-lower")
    assert used == gensim_used and correct != gensim_correct  # the same questions, other rows for 'Paris'


def test_gensim_gives_up_where_its_five_best_are_case_variants_of_query_words(tmp_path):
    """The one documented difference: gensim's evaluate_word_analogies reads only its 5 best candidates, and
    counts the question wrong where all are case variants of a query word; wordeval answers with the best
    allowed candidate, here 'queen' (by construction the only other word near king - man + woman)."""
    from gensim.models import KeyedVectors

    from wordeval.datasets.parsers_analogy import parse_google
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.analogy import solve_analogies

    rng = np.random.default_rng(0)
    words = ["man", "king", "woman", "queen", "x1", "x2"]
    vectors = list(rng.normal(size=(6, 10)))
    target = vectors[1] - vectors[0] + vectors[2]
    vectors[3] = target + rng.normal(scale=0.3, size=10)
    for variant in ["King", "KING", "KIng", "KiNg", "kINg", "kiNG"]:
        words.append(variant)
        vectors.append(target + rng.normal(scale=0.01, size=10))
    vectors = np.array(vectors, dtype=np.float32)
    path = tmp_path / "q.txt"
    path.write_text(": s\nman king woman queen\n", encoding="utf-8")
    kv = KeyedVectors(10)
    kv.add_vectors(words, vectors)
    assert kv.evaluate_word_analogies(str(path))[0] == 0.0
    solved = solve_analogies(parse_google(path)[0], StaticEmbedding(words, vectors), config={"case": "lower"})
    assert solved["predicted"] == ["queen"] and solved["correct"].tolist() == [1]


def test_gensim_upper_cases_where_wordeval_lowercases_so_sharp_s_differs(tmp_path):
    """The other documented difference: gensim matches words upper-cased, wordeval lowercased (README, Case).
    'straße'.upper() is 'STRASSE', but 'STRASSE'.lower() is 'strasse': gensim finds the question word STRASSE
    in a vocabulary holding 'straße' and answers it; under `lower` it is OOV, the question not covered."""
    from gensim.models import KeyedVectors

    from wordeval.datasets.parsers_analogy import parse_google
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.analogy import solve_analogies

    rng = np.random.default_rng(0)
    words = ["haus", "häuser", "straße", "straßen", "x1", "x2"]
    vectors = rng.normal(size=(6, 8)).astype(np.float32)
    vectors[3] = vectors[2] + vectors[1] - vectors[0]  # straßen: the exact 3CosAdd answer
    path = tmp_path / "q.txt"
    path.write_text(": s\nhaus häuser STRASSE straßen\n", encoding="utf-8")
    kv = KeyedVectors(8)
    kv.add_vectors(words, vectors)
    sections = kv.evaluate_word_analogies(str(path))[1]
    assert sections[-1]["correct"] == [("HAUS", "HÄUSER", "STRASSE", "STRASSEN")]
    solved = solve_analogies(parse_google(path)[0], StaticEmbedding(words, vectors), config={"case": "lower"})
    assert solved["covered"].tolist() == [False]


def test_exact_gives_gensims_answers_with_case_insensitive_false(glove50, tmp_path):
    """gensim's ``case_insensitive=False`` reads every word as written: wordeval's ``exact``, question by
    question, on a cased vocabulary and questions with capitalised words (with and without restrict_vocab)."""
    from gensim.models import KeyedVectors

    from wordeval.datasets.parsers_analogy import parse_google
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.analogy import solve_analogies

    words, vectors = _cased_vocabulary(glove50)
    path, _ = _google_subset(tmp_path)
    rng = np.random.default_rng(1)
    path.write_text("".join((line if line.startswith(":") else " ".join(
        w.capitalize() if rng.random() < 0.3 else w for w in line.split())) + "\n"
        for line in path.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    questions = parse_google(path)[0]
    kv = KeyedVectors(50)
    kv.add_vectors(words, vectors)
    emb = StaticEmbedding(words, vectors)
    for restrict in (RESTRICT, None):
        sections = kv.evaluate_word_analogies(str(path), restrict_vocab=restrict or len(words),
                                              case_insensitive=False)[1]
        correct = Counter((s["section"],) + t for s in sections[:-1] for t in s["correct"])
        used = correct + Counter((s["section"],) + t for s in sections[:-1] for t in s["incorrect"])
        assert sum(used.values()) > 50
        solved = solve_analogies(questions, emb, config={"case": "exact", "restrict_vocab": restrict})
        keys = [(q.section, q.a, q.b, q.c, q.answers[0]) for q in questions]
        assert Counter(k for k, c in zip(keys, solved["covered"]) if c) == used
        assert Counter(k for k, c, ok in zip(keys, solved["covered"], solved["correct"]) if c and ok) == correct
