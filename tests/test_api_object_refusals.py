"""What a researcher has in hand, given to ``evaluate``: each refusal is one line naming the object's kind,
what it lacks and what to pass, and what it says to pass is scored as the same vectors in a dict are (scipy's
Spearman of the pairs' cosines as the oracle).

Before, a function, a torch module, a tensor, a pandas DataFrame or Series, a generator or a list of (word,
vector) pairs were all told "cannot evaluate a function: expected a path or spec, a wordeval embedding, ..."
(or "a Embedding"); two (word, vector) pairs were read as (words, matrix), "words must be str, got ndarray";
a Series indexed by words such as "info" and "lookup" was taken for an object of the user's, "the info of a
Series: expected a wordeval.embeddings.base.EmbeddingInfo, got method <bound method Series.info ..." over
several lines."""
from __future__ import annotations

import functools

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.errors import ConfigError

WORDS = ["info", "lookup", "cat", "dog", "sun", "moon", "red", "blue"]
PAIRS = [("cat", "dog", 8.0), ("cat", "sun", 2.0), ("sun", "moon", 6.5), ("red", "blue", 7.0),
         ("info", "lookup", 5.0), ("dog", "moon", 0.5), ("blue", "lookup", 1.5)]
MATRIX = np.random.default_rng(11).normal(size=(len(WORDS), 5)).astype(np.float32)
WRAP = ("wrap it in an object with info (a wordeval.embeddings.base.EmbeddingInfo) and lookup(words) "
        "-> (vectors, found) or encode_sentences(texts) -> matrix")


@pytest.fixture(scope="module")
def task(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sim")
    (folder / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (folder / "s.toml").write_text('name = "s"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                   encoding="utf-8")
    return str(folder / "s.toml")


def _oracle() -> float:
    row = {w: MATRIX[i] for i, w in enumerate(WORDS)}
    cos = [float(row[a] @ row[b] / np.linalg.norm(row[a]) / np.linalg.norm(row[b])) for a, b, _ in PAIRS]
    return spearmanr([s for _, _, s in PAIRS], cos).statistic


def _refusal(obj, task) -> str:
    with pytest.raises(ConfigError) as caught:
        wordeval.evaluate(obj, task)
    message = str(caught.value)
    assert "\n" not in message and type(caught.value) is ConfigError
    return message


def _scores_as_the_oracle(obj, task) -> None:
    assert wordeval.evaluate(obj, task).main_value == pytest.approx(_oracle(), abs=1e-6)
    assert wordeval.evaluate(dict(zip(WORDS, MATRIX)), task).main_value == pytest.approx(_oracle(), abs=1e-6)


def _embed(words):  # what a researcher's own function would be
    return MATRIX[[WORDS.index(w) for w in words]]


@pytest.mark.parametrize("function, name", [(_embed, "_embed"), (lambda words: _embed(words), "<lambda>"),
                                            (functools.partial(_embed), "_embed"), (np.zeros, "zeros")])
def test_a_function_is_told_the_wrapping_it_needs(task, function, name):
    message = _refusal(function, task)
    assert message.startswith("cannot evaluate a function (") and name in message
    assert WRAP in message and "or pass the vectors it gives as a dict word -> vector" in message


def test_a_callable_object_a_class_and_an_encode_method_are_told_what_wordeval_calls(task):
    class Callable:
        def __call__(self, words):
            return _embed(words)

    class Encoder:
        def encode(self, texts):
            return np.zeros((len(texts), 5))

    assert _refusal(Callable(), task) == ("cannot evaluate a Callable: it is callable, but wordeval calls "
                                          f"named methods, not the object; {WRAP}")
    assert _refusal(Encoder(), task).startswith("cannot evaluate an Encoder: it has encode() but no info "
                                                "and encode_sentences(texts) -> matrix")
    assert _refusal(Callable, task) == ("cannot evaluate the class Callable itself: pass an instance of it, "
                                        "Callable(...)")


def test_an_array_alone_is_told_to_pass_its_words_and_then_scores_as_the_oracle(task):
    assert _refusal(MATRIX, task) == ("cannot evaluate a numpy array alone (shape (8, 5)): a matrix has no "
                                      "words; pass (words, matrix) with the word of each row, in order")
    _scores_as_the_oracle((WORDS, MATRIX), task)


def test_torch_objects_are_told_what_to_pass_and_then_score_as_the_oracle(task):
    torch = pytest.importorskip("torch")

    tensor = torch.from_numpy(MATRIX.copy())
    assert _refusal(tensor, task).startswith("cannot evaluate a torch Tensor alone (shape (8, 5)): a matrix "
                                             "has no words; pass (words, matrix)")
    _scores_as_the_oracle((WORDS, tensor), task)
    module = torch.nn.Embedding.from_pretrained(tensor)
    assert _refusal(module, task) == ("cannot evaluate a torch Embedding: its rows have no words; pass "
                                      "(words, module.weight) with the word of each row, in order")
    _scores_as_the_oracle((WORDS, module.weight), task)

    class Net(torch.nn.Module):
        def forward(self, ids):
            return ids

    assert _refusal(Net(), task) == ("cannot evaluate a torch module (Net): wordeval does not run a module, "
                                     f"whose inputs it cannot know; {WRAP}, or pass the word vectors it "
                                     "gives as (words, matrix)")


def test_pandas_objects_are_told_what_to_pass_and_then_score_as_the_oracle(task):
    pd = pytest.importorskip("pandas")

    frame = pd.DataFrame(MATRIX, index=WORDS)
    assert _refusal(frame, task) == ("cannot evaluate a pandas DataFrame: pass (list(df.index), "
                                     "df.to_numpy()) where its index holds the words (df.set_index(COLUMN) "
                                     "first where a column does)")
    _scores_as_the_oracle((list(frame.index), frame.to_numpy()), task)
    # its words "info" and "lookup" are attributes of a Series: it was taken for an object of the user's
    series = pd.Series(list(MATRIX), index=WORDS)
    assert _refusal(series, task) == ("cannot evaluate a pandas Series: pass series.to_dict() "
                                      "(word -> vector) where its index holds the words")
    _scores_as_the_oracle(series.to_dict(), task)


def test_pairs_and_iterators_are_told_to_make_a_dict_and_then_score_as_the_oracle(task):
    pairs_of = list(zip(WORDS, MATRIX))
    for pairs in (pairs_of, pairs_of[:2], tuple(zip(WORDS, MATRIX.tolist()))):
        assert _refusal(pairs, task) == (f"cannot evaluate a {type(pairs).__name__} of (word, vector) pairs: "
                                         "pass dict(pairs) (word -> vector), or (words, matrix)")
    _scores_as_the_oracle(dict(pairs_of), task)
    for iterator in ((w, v) for w, v in pairs_of), zip(WORDS, MATRIX), iter(dict(pairs_of)):
        message = _refusal(iterator, task)
        assert message.startswith(f"cannot evaluate a {type(iterator).__name__}: an iterator can be read "
                                  "only once")
        assert message.endswith("pass dict(...) of its (word, vector) pairs, or a (words, matrix) pair")
    # a list of words beside nested lists is still (words, matrix), not pairs
    _scores_as_the_oracle((WORDS, MATRIX.tolist()), task)


def test_none_and_other_objects_list_what_is_taken(task):
    for obj, kind in ((None, "None"), ({"cat", "dog"}, "a set"), (3.5, "a float")):
        assert _refusal(obj, task) == (f"cannot evaluate {kind}: expected a path or spec, a gensim "
                                       "KeyedVectors, a SentenceTransformer, a dict word -> vector, a "
                                       "(words, matrix) pair, or an object with info (a "
                                       "wordeval.embeddings.base.EmbeddingInfo) and lookup(words) -> "
                                       "(vectors, found) or encode_sentences(texts) -> matrix")


def test_a_keyedvectors_with_gensims_none_keys_is_told_to_give_the_file(task, tmp_path):
    """gensim 4's ``load_word2vec_format`` keeps a None key and a zero row for each repeated word of the file;
    the refusal said only "words must be str, got NoneType None" and not where it came from. The file given
    instead keeps the repeated word's first row and scores as the oracle."""
    from gensim.models import KeyedVectors

    path = tmp_path / "dup.txt"
    rows = [*zip(WORDS, MATRIX), ("cat", MATRIX[4])]  # 'cat' again, with another vector: the first row is kept
    path.write_text(f"{len(rows)} {MATRIX.shape[1]}\n" + "".join(
        w + " " + " ".join(repr(float(x)) for x in v) + "\n" for w, v in rows), encoding="utf-8")
    kv = KeyedVectors.load_word2vec_format(str(path))
    assert kv.index_to_key[-1] is None  # gensim's placeholder for the repeated 'cat'
    message = _refusal(kv, task)
    assert message.startswith(f"KeyedVectors: words must be str, got NoneType None (word {len(WORDS)}); gensim "
                              "leaves a None key (and a zero row) for each repeated word of a file it loaded")
    assert message.endswith("give wordeval that file, which keeps a repeated word's first row")
    assert wordeval.evaluate(str(path), task).main_value == pytest.approx(_oracle(), abs=1e-6)
