"""--restrict-vocab N keeps a file's first N rows as its N most frequent words. On a user's file sorted
alphabetically they are the words from '!' to the N-th in the alphabet: GloVe's 50,000 most frequent words
sorted covered 3 of WS-353's 353 pairs under --restrict-vocab 10000, where the same words in frequency order
cover 269, and nothing said so (only spaCy md, whose rows are flagged by its loader, was warned about).

Oracles: Python's sorted() for the order, the packaged GloVe 6B 50d (frequency order) for files that must not
be warned about, and the pairs covered counted by hand from the sorted rows."""
from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from wordeval.cli import main

N_ROWS, N = 3000, 1000
PAIRS = [("city", "town", 7.0), ("car", "bus", 6.0), ("day", "week", 6.5), ("cash", "money", 9.0),
         ("king", "queen", 8.0), ("man", "woman", 7.5), ("water", "fire", 2.0), ("body", "death", 3.0),
         ("army", "war", 6.0), ("book", "paper", 5.0), ("black", "white", 6.5), ("child", "baby", 7.0)]


def _write_text(path, words, vectors, *, header: bool = False) -> None:
    lines = [f"{len(words)} {vectors.shape[1]}\n"] if header else []
    lines += [w + " " + " ".join(f"{x:.5f}" for x in v) + "\n" for w, v in zip(words, vectors)]
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def files(tmp_path, glove50):
    """GloVe's 3,000 most frequent words in frequency order (as .txt and fastText .vec with its header), the
    same rows sorted alphabetically, and a similarity task on words they all hold."""
    words = list(glove50.words[:N_ROWS])
    vectors = np.asarray(glove50.vectors[:N_ROWS])
    assert all(w in words for a, b, _ in PAIRS for w in (a, b))
    order = sorted(range(N_ROWS), key=words.__getitem__)
    _write_text(tmp_path / "freq.txt", words, vectors)
    _write_text(tmp_path / "freq.vec", words, vectors, header=True)
    _write_text(tmp_path / "sorted.txt", [words[i] for i in order], vectors[order])
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                     encoding="utf-8")
    return tmp_path, words


def _intrinsic(folder, spec, capsys, *extra):
    assert main(["intrinsic", spec, "--tasks", str(folder / "t.toml"), "--restrict-vocab", str(N),
                 "--set", "n_boot=10", "--out", str(folder / "R"), "--json", *extra]) == 0
    captured = capsys.readouterr()
    said = [line for line in captured.err.splitlines() if "restrict_vocab" in line]
    return json.loads(captured.out)[0], said


def test_a_sorted_file_is_warned_about_once_and_a_frequency_ordered_one_not(files, capsys, monkeypatch):
    folder, words = files
    monkeypatch.chdir(folder)
    record, said = _intrinsic(folder, "sorted.txt", capsys)
    first = set(sorted(words)[:N])  # by hand: a pair counts where both words are among the first N sorted
    assert record["n_used"] == sum(a in first and b in first for a, b, _ in PAIRS) == 3
    assert len(said) == 1 and said[0].startswith("wordeval: warning: restrict_vocab = 1,000 keeps the first "
                                                 "1,000 of the 3,000 rows of sorted.txt, whose rows are in "
                                                 "alphabetical order (100% of ")
    assert record["extra"]["warnings"] == [said[0].removeprefix("wordeval: warning: ")]
    assert "frequency_bins" not in record["extra"]  # bins of the alphabet, not of frequency
    # the same rows in frequency order, with and without fastText's header: nothing said
    for name in ("freq.txt", "freq.vec"):
        record, said = _intrinsic(folder, name, capsys)
        assert said == [] and "warnings" not in record["extra"]
        first = set(words[:N])  # by hand, as above: the N most frequent
        assert record["n_used"] == sum(a in first and b in first for a, b, _ in PAIRS) == 7
        assert "frequency_bins" in record["extra"]


def test_packaged_glove_rows_are_not_alphabetical_and_sorted_ones_are(glove50):
    from wordeval.embeddings.row_order import alphabetical_rows

    words = list(glove50.words)
    for first in (1_000, 10_000, 30_000, None):
        assert alphabetical_rows(words, first) is None
    # GloVe sorted: its first 10,000 rows are all '!...', '0...' and '1...', so the whole file is judged
    for key in (None, str.casefold):
        share, pairs = alphabetical_rows(sorted(words, key=key), 10_000)
        assert share >= 0.99 and pairs >= 1_000


@pytest.mark.parametrize("words", [
    [str(i) for i in range(5_000)],  # numbers in numeric order: often frequency ranks
    [f"w{i}" for i in range(5_000)],  # ids so numbered
    sorted(f"{a}{b}" for a in "abcdefghij" for b in "abcdefghij"),  # 100 words: too few to tell
])
def test_numbers_ids_and_tiny_files_get_no_verdict(words):
    from wordeval.embeddings.row_order import alphabetical_rows

    assert alphabetical_rows(words, 50) is None


def test_analogy_candidates_of_a_sorted_vocabulary_are_recorded(glove50):
    from wordeval.datasets.types import AnalogyQuestion
    from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
    from wordeval.intrinsic.analogy import solve_analogies
    from wordeval.intrinsic.policies import UnorderedRowsWarning

    words = sorted(glove50.words[:N_ROWS])
    vectors = np.asarray(glove50.vectors[:N_ROWS])
    info = EmbeddingInfo(name="S", source="<test>", format="test", dim=50, vocab_size=N_ROWS,
                         fingerprint=content_fingerprint(words, vectors))
    questions = [AnalogyQuestion("bad", "worse", "big", ("bigger",), "s")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solved = solve_analogies(questions, StaticEmbedding(words, vectors, info), config={"restrict_vocab": N})
    said = [str(w.message) for w in caught if issubclass(w.category, UnorderedRowsWarning)]
    assert len(said) == 1 and "of S, whose rows are in alphabetical order" in said[0]
    assert solved["order_warning"] == said[0]
