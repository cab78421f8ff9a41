"""What the Python API's adapters (``wordeval.as_embedding`` / ``wordeval.evaluate(obj, task)``) accept, what
they refuse (always a one-line ConfigError), and that what they hold is a snapshot of the caller's data."""
from __future__ import annotations

import subprocess
import sys
import types
import warnings
import zlib

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.embeddings.base import EmbeddingInfo, content_fingerprint
from wordeval.embeddings.vector_checks import LoaderWarning
from wordeval.errors import ConfigError

SIM = "similarity/ws353"
FAST = {"n_boot": 10, "case": "exact"}


def _pairs():
    return list(wordeval.get_task(SIM).load_dataset().items(None))


def _ws_words():
    return sorted({w for p in _pairs() for w in (p.word1, p.word2)})


def _vec(text: str, dim: int = 8) -> np.ndarray:
    """A fixed pseudo-random vector per text (the same in every process)."""
    return np.random.default_rng(zlib.crc32(text.encode())).standard_normal(dim).astype(np.float32)


def _oracle_spearman(pairs, vector_of) -> float:
    """scipy's Spearman over cosines computed here, pair by pair, in float64."""
    gold, pred = [], []
    for p in pairs:
        a, b = vector_of(p.word1), vector_of(p.word2)
        if a is None or b is None:
            continue
        a, b = a.astype(np.float64), b.astype(np.float64)
        gold.append(p.score)
        pred.append(float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))
    return float(spearmanr(gold, pred).statistic)


def _one_line_config_error(excinfo) -> str:
    assert type(excinfo.value) is ConfigError
    msg = str(excinfo.value)
    assert "\n" not in msg and msg
    return msg


# -- 1. a snapshot of the caller's matrix ------------------------------------------------------------------

def _planted_analogy():
    task = wordeval.get_task("analogy/google")
    qs = list(task.load_dataset().items(None))
    vocab = sorted({w for q in qs for w in (q.a, q.b, q.c, *q.answers)})
    rng = np.random.default_rng(1)
    m = rng.standard_normal((len(vocab), 30)).astype(np.float32)
    idx = {w: i for i, w in enumerate(vocab)}
    offset = {}
    for q in qs:  # b = a + a per-section offset: 3CosAdd answers many questions
        o = offset.setdefault(q.section, rng.standard_normal(30).astype(np.float32) * 2)
        m[idx[q.b]] = m[idx[q.a]] + o + 0.3 * rng.standard_normal(30)
    return task, vocab, m


def test_a_writeable_float32_matrix_is_snapshotted_so_content_cache_and_fingerprint_agree():
    task, vocab, mine = _planted_analogy()
    old = mine.copy()
    cfg = {"case": "exact", "n_boot": 10}
    emb = wordeval.as_embedding((vocab, mine), name="mine")
    first = wordeval.evaluate(emb, task, config=cfg)  # fills analogy's per-embedding cache
    new = np.random.default_rng(0).standard_normal(mine.shape).astype(np.float32)
    mine[:] = new  # "train" more, in place
    again = wordeval.evaluate(emb, task, config=cfg)
    fresh_old = wordeval.evaluate((vocab, old), task, config=cfg, name="mine")
    fresh_new = wordeval.evaluate((vocab, mine), task, config=cfg, name="mine")

    assert first.main_value > 0.5 and fresh_new.main_value < 0.05  # the mutation matters
    assert again.main_value == fresh_old.main_value == first.main_value
    assert again.per_item == fresh_old.per_item
    assert again.embedding["fingerprint"] == content_fingerprint(vocab, old)
    assert fresh_new.embedding["fingerprint"] == content_fingerprint(vocab, new) != content_fingerprint(vocab, old)
    np.testing.assert_array_equal(emb.vectors, old)
    # the caller's array: still writeable, holding what the caller wrote, never shared with wordeval
    assert mine.flags.writeable and np.array_equal(mine, new) and not np.shares_memory(emb.vectors, mine)


def test_keyedvectors_and_read_only_views_of_writeable_arrays_are_snapshotted_too():
    from gensim.models import KeyedVectors

    words = _ws_words()
    m = np.stack([_vec(w) for w in words])
    kv = KeyedVectors(8)
    kv.add_vectors(words, m.copy())
    emb = wordeval.as_embedding(kv)
    kv.vectors[:] = 0.0
    np.testing.assert_array_equal(emb.vectors, m)
    assert emb.info.fingerprint == content_fingerprint(words, m)

    base = m.copy()
    view = base.view()
    view.setflags(write=False)  # read-only here, but ``base`` still writes the same memory
    emb = wordeval.as_embedding((words, view))
    base[:] = 1.0
    np.testing.assert_array_equal(emb.vectors, m)


def test_a_read_only_array_is_not_copied():
    words = _ws_words()
    frozen = np.stack([_vec(w) for w in words])
    frozen.setflags(write=False)  # owns its memory: nobody can change it
    emb = wordeval.as_embedding((words, frozen))
    assert np.shares_memory(emb.vectors, frozen) and not frozen.flags.writeable
    ro_bytes = np.frombuffer(frozen.tobytes(), dtype=np.float32).reshape(frozen.shape)  # immutable bytes
    assert np.shares_memory(wordeval.as_embedding((words, ro_bytes)).vectors, ro_bytes)


# -- 2. non-finite vectors from an encoder or a lookup ------------------------------------------------------

class _Lookup:
    """The WordLookup protocol without a vocabulary (an open-vocabulary encoder)."""

    def __init__(self, bad=None, value=np.nan):
        self.bad, self.value = bad, value
        self.info = EmbeddingInfo(name="enc", source="<x>", format="x", dim=8, vocab_size=None,
                                  fingerprint="sha256:0")

    def lookup(self, words):
        out = np.stack([_vec(w) for w in words]) if len(words) else np.zeros((0, 8), np.float32)
        out[[i for i, w in enumerate(words) if w == self.bad]] = self.value
        return out, np.ones(len(words), bool)


def test_a_finite_lookup_encoder_scores_as_the_oracle():
    rec = wordeval.evaluate(_Lookup(), SIM, config=FAST)
    assert rec.n_used == rec.n_total == len(_pairs())
    assert rec.main_value == pytest.approx(_oracle_spearman(_pairs(), _vec), abs=1e-12)


@pytest.mark.parametrize("value", [np.nan, np.inf])
def test_a_non_finite_vector_from_a_lookup_is_an_error_naming_encoder_and_word(value):
    with pytest.raises(ConfigError) as e:
        wordeval.evaluate(_Lookup("tiger", value), SIM, config=FAST)
    msg = _one_line_config_error(e)
    assert msg.startswith("enc: ") and "'tiger'" in msg and "lookup" in msg and "non-finite" in msg
    # the word-vector baseline of STS looks words up too
    with pytest.raises(ConfigError) as e:
        wordeval.evaluate(_Lookup("the", value), "sts/sts12", config={"n_boot": 10})
    msg = _one_line_config_error(e)
    assert msg.startswith("enc: ") and "'the'" in msg


class _SentenceEncoder:
    def __init__(self, nan_every=None):
        self.nan_every = nan_every
        self.info = EmbeddingInfo(name="sent-enc", source="<x>", format="x", dim=4, vocab_size=None,
                                  fingerprint="sha256:0")

    def encode_sentences(self, texts, pooling="mean"):
        out = np.stack([_vec(t, 4) for t in texts])
        if self.nan_every:
            out[1::self.nan_every] = np.nan
        return out


def test_a_finite_sentence_encoder_scores_as_the_oracle_and_nan_rows_are_an_error():
    pairs = list(wordeval.get_task("sts/sts12").load_dataset().items(None))
    rec = wordeval.evaluate(_SentenceEncoder(), "sts/sts12", config={"n_boot": 10})
    gold = [p.score for p in pairs]
    pred = []
    for p in pairs:
        a, b = _vec(p.sentence1, 4).astype(np.float64), _vec(p.sentence2, 4).astype(np.float64)
        pred.append(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    assert rec.n_used == rec.n_total == len(pairs) and rec.scores["coverage"] == 1.0
    assert rec.main_value == pytest.approx(float(spearmanr(gold, pred).statistic), abs=1e-9)

    texts = list(dict.fromkeys([p.sentence1 for p in pairs] + [p.sentence2 for p in pairs]))
    with pytest.raises(ConfigError) as e:
        wordeval.evaluate(_SentenceEncoder(nan_every=7), "sts/sts12", config={"n_boot": 10})
    msg = _one_line_config_error(e)
    assert msg.startswith("sent-enc: ") and "encode_sentences" in msg and repr(texts[1][:60])[:-1] in msg


# -- 4. words must be str; empty inputs -------------------------------------------------------------------

def test_bytes_words_are_refused_with_a_decode_hint():
    words = _ws_words()
    m = np.stack([_vec(w) for w in words])
    for obj in ({w.encode(): v for w, v in zip(words, m)}, ([w.encode() for w in words], m)):
        with pytest.raises(ConfigError) as e:
            wordeval.evaluate(obj, SIM)
        msg = _one_line_config_error(e)
        assert f"{words[0].encode()!r}" in msg and ".decode('utf-8')" in msg


@pytest.mark.parametrize("obj, needle", [
    ({i: np.ones(3) for i in range(3)}, "int"),
    (("cat", np.eye(3)), "one str"),
    ((["cat", None], np.eye(2)), "NoneType"),
])
def test_words_that_are_not_a_list_of_str_are_refused(obj, needle):
    with pytest.raises(ConfigError) as e:
        wordeval.as_embedding(obj)
    assert needle in _one_line_config_error(e)


def test_every_empty_input_is_the_same_error():
    from gensim.models import KeyedVectors

    messages = set()
    for obj in ({}, ([], np.zeros((0, 8))), ((), []), KeyedVectors(8)):
        with pytest.raises(ConfigError) as e:
            wordeval.evaluate(obj, SIM)
        messages.add(_one_line_config_error(e))
    assert messages == {"an embedding needs at least one word and its vector; got none"}


# -- 5. torch tensors -------------------------------------------------------------------------------------

def test_torch_tensors_are_read_whatever_their_grad_and_dtype():
    torch = pytest.importorskip("torch")
    words = _ws_words()
    torch.manual_seed(0)
    layer = torch.nn.Embedding(len(words), 16)
    weight = layer.weight  # requires grad
    values = weight.detach().numpy().copy()
    expect = _oracle_spearman(_pairs(), lambda w: values[words.index(w)])
    for obj in ((words, weight), {w: weight[i] for i, w in enumerate(words)}):
        rec = wordeval.evaluate(obj, SIM, config=FAST)
        assert rec.main_value == pytest.approx(expect, abs=1e-12)
        assert rec.embedding["fingerprint"] == content_fingerprint(words, values)
    emb = wordeval.as_embedding((words, weight))
    with torch.no_grad():
        weight.add_(1.0)  # the tensor's memory is the caller's: the adapter took a copy
    np.testing.assert_array_equal(emb.vectors, values)

    bf16 = weight.detach().bfloat16()
    as_f32 = bf16.float().numpy()
    rec = wordeval.evaluate((words, bf16), SIM, config=FAST)
    assert rec.main_value == pytest.approx(_oracle_spearman(_pairs(), lambda w: as_f32[words.index(w)]), abs=1e-12)

    with pytest.raises(ConfigError) as e:
        wordeval.as_embedding((words, torch.zeros(len(words), 4, dtype=torch.complex64)))
    assert "complex" in _one_line_config_error(e)


def test_adapting_numpy_input_imports_no_torch():
    code = ("import sys, numpy as np, wordeval; wordeval.as_embedding((['a', 'b'], np.eye(2))); "
            "wordeval.as_embedding({'a': [1.0, 2.0]}); print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# -- 6. inputs that used to end in a bare numpy/python exception ------------------------------------------

def _bad_inputs():
    words = ["cat", "dog"]
    m = np.array([[1.0, 2.0], [3.0, 4.0]])
    gen = (w for w in words)
    return [
        ("object dtype", (words, m.astype(object)), "dtype object"),
        ("str dtype", (words, np.array([["1", "2"], ["3", "4"]])), "dtype <U1"),
        ("ragged rows", (words, [[1.0, 2.0], [1.0]]), "rows of different lengths"),
        ("ragged dict", {"cat": [1.0, 2.0], "dog": [1.0]}, "'dog' has 1 values, 'cat' has 2"),
        ("0-length vectors", {"cat": np.zeros(0), "dog": np.zeros(0)}, "vectors of length 0"),
        ("0-length matrix", (words, np.zeros((2, 0))), "vectors of length 0"),
        ("scalar values", {"cat": 1.0, "dog": 2.0}, "1-d vector"),
        ("3-d matrix", (words, np.zeros((2, 2, 2))), "2-d matrix"),
        ("row count", (["cat"], m), "1 words and 2 rows"),
        ("words None", (None, m), "got NoneType"),
        ("words generator", (gen, m), "got generator"),
        ("words set", ({"cat", "dog"}, m), "got set"),
        ("complex", (words, m + 1j), "complex"),
        ("beyond float32", (words, np.array([[1.0, 2.0], [1e39, 4.0]])), "beyond float32's range"),
        ("nan", (words, np.array([[1.0, 2.0], [np.nan, 4.0]])), "'dog' holds nan in dimension 1"),
        ("inf in dict", {"cat": [1.0, 2.0], "dog": [1.0, -np.inf]}, "'dog' holds -inf in dimension 2"),
    ]


@pytest.mark.parametrize("label, obj, needle", _bad_inputs(), ids=[b[0] for b in _bad_inputs()])
def test_bad_inputs_are_one_line_config_errors(label, obj, needle):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy overflow/ComplexWarning on the way
        with pytest.raises(ConfigError) as e:
            wordeval.as_embedding(obj)
    assert needle in _one_line_config_error(e)


def test_a_scipy_sparse_matrix_is_refused_with_a_hint():
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(ConfigError) as e:
        wordeval.as_embedding((["cat", "dog"], sparse.csr_matrix(np.eye(2))))
    assert "sparse" in _one_line_config_error(e) and ".toarray()" in str(e.value)


def test_a_gensim_model_is_refused_with_a_hint_to_pass_its_wv():
    from gensim.models import Word2Vec

    model = Word2Vec([["cat", "dog"]] * 5, vector_size=4, min_count=1, workers=1, epochs=1, seed=0)
    with pytest.raises(ConfigError) as e:
        wordeval.as_embedding(model)
    assert ".wv" in _one_line_config_error(e)
    assert wordeval.as_embedding(model.wv).words == list(model.wv.index_to_key)



def _tiny_hugging_face(tmp_path):
    pytest.importorskip("torch")
    from transformers import BertConfig, BertModel, BertTokenizerFast

    (tmp_path / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\ncat\n", encoding="utf-8")
    config = BertConfig(vocab_size=6, hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=16)
    return BertModel(config), BertTokenizerFast(str(tmp_path / "vocab.txt"))


def test_a_hugging_face_model_tokenizer_or_pair_is_refused_naming_the_types_and_the_folder_spec(tmp_path):
    model, tokenizer = _tiny_hugging_face(tmp_path)
    tok = type(tokenizer).__name__  # BertTokenizerFast, or BertTokenizer in transformers >= 5
    cases = [((model, tokenizer), ("BertModel", tok)), (model, ("BertModel",)), (tokenizer, (tok,))]
    for obj, names in cases:
        with pytest.raises(ConfigError) as e:
            wordeval.as_embedding(obj)
        msg = _one_line_config_error(e)
        assert all(n in msg for n in names) and "bert:model=FOLDER" in msg and "words must be" not in msg


def test_an_encoder_without_info_is_told_that_info_is_what_it_lacks():
    class NoInfo:
        def encode_sentences(self, texts, pooling="mean"):
            return np.zeros((len(texts), 3), dtype=np.float32)

    with pytest.raises(ConfigError) as e:
        wordeval.as_embedding(NoInfo())
    msg = _one_line_config_error(e)
    assert "NoInfo" in msg and "encode_sentences" in msg and "'info'" in msg

# -- 12. duplicate words ----------------------------------------------------------------------------------

def test_duplicate_words_warn_once_with_the_count_and_the_first_row_wins():
    words = _ws_words()
    m = np.stack([_vec(w) for w in words])
    dup_words = words + ["tiger", words[0], "tiger"]
    dup_m = np.vstack([m, np.full((3, 8), 7.0, np.float32)])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        emb = wordeval.as_embedding((dup_words, dup_m))
    msgs = [str(w.message) for w in caught if issubclass(w.category, LoaderWarning)]
    assert msgs == [f"(words, matrix): 3 duplicate word(s) dropped, first occurrence kept "
                    f"(first duplicate 'tiger' at index {len(words)})"]
    assert emb.words == words and emb.info.vocab_size == len(words)
    assert emb.info.parameters["duplicates_dropped"] == 3
    assert emb.info.fingerprint == content_fingerprint(words, m)
    rec = wordeval.evaluate(emb, SIM, config=FAST)
    assert rec.main_value == pytest.approx(_oracle_spearman(_pairs(), _vec), abs=1e-12)

    fake_kv = types.SimpleNamespace(index_to_key=dup_words, vectors=dup_m)  # KeyedVectors, duck-typed
    with pytest.warns(LoaderWarning, match="^KeyedVectors: 3 duplicate word"):
        assert wordeval.as_embedding(fake_kv).words == words


@pytest.mark.parametrize("name", ["lr=0.1", "word2vec:corpus", "glove:run1"])
def test_a_name_only_labels_a_file_it_is_not_parsed_as_a_spec(tmp_path, name):
    """evaluate(path, name=...) pasted NAME=PATH: 'lr=0.1' looked for the file '0.1=...', 'word2vec:corpus'
    started training word2vec on the vectors file as a corpus."""
    import wordeval

    path = tmp_path / "v.txt"
    path.write_text("cat 1 0 0\ndog 0.9 0.1 0\ncar 0 1 0\ntruck 0.1 0.9 0\nking 0 0 1\nqueen 0.2 0 0.9\n")
    rec = wordeval.evaluate(str(path), "similarity/ws353", name=name, config={"n_boot": 10})
    assert rec.embedding["name"] == name and rec.embedding["source"] == str(path)


def test_api_misuse_is_a_one_line_wordeval_error():
    """Each of these ended in a bare ValueError, TypeError, AttributeError, KeyError or AssertionError."""
    import wordeval
    from wordeval.errors import WordevalError

    task = wordeval.get_task("similarity/ws353")
    calls = {
        "config as a string": lambda: task.validate_config("oov=skip"),
        "config as a number": lambda: task.validate_config(5),
        "Task from a name": lambda: wordeval.Task("similarity/ws353"),
        "a missing column": lambda: task.score_from_items({"gold": [1, 2, 3]}),
        "columns of two lengths": lambda: task.score_from_items({"gold": [1, 2, 3], "pred": [1, 2]}),
    }
    for what, call in calls.items():
        with pytest.raises(WordevalError) as err:
            call()
        assert "\n" not in str(err.value), what


def test_a_nan_in_the_items_makes_spearman_nan_as_in_scipy():
    import numpy as np
    from scipy.stats import spearmanr

    from wordeval.stats.item_scores import score_from_items

    gold, pred = [1.0, 2.0, 3.0, 4.0], [0.1, np.nan, 0.3, 0.2]
    assert np.isnan(spearmanr(gold, pred).statistic) and np.isnan(score_from_items("spearman",
                                                                                 {"gold": gold, "pred": pred}))


def test_the_cuda_backend_without_cuda_is_not_available():
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("a CUDA device is here")
    from wordeval.errors import NotAvailableError
    from wordeval.intrinsic.analogy_kernels import pick_backend

    with pytest.raises(NotAvailableError, match="no CUDA device"):
        pick_backend("torch-cuda")


def test_a_family_name_given_as_one_task_says_it_is_a_family():
    """evaluate(x, "similarity") answered "unknown task; did you mean similarity/rw ...", as if misspelt."""
    from wordeval.errors import UnknownNameError
    from wordeval.registry import REGISTRY
    from wordeval.tasks.task import get_task

    with pytest.raises(UnknownNameError) as err:
        get_task("similarity")
    members = [n for n in REGISTRY.names("task") if n.startswith("similarity/")]
    assert f"'similarity' is a task family ({len(members)} tasks:" in str(err.value)
    assert "wordeval.run and evaluate take task names" in str(err.value)


def test_a_family_given_to_run_is_refused_without_saying_run_takes_families(tmp_path):
    """The message sent wordeval.run's caller to wordeval.run ("give the family to wordeval.run / --tasks,
    which take families"), which refuses families (README: "not family names: list the tasks")."""
    import wordeval
    from wordeval.errors import UnknownNameError

    with pytest.raises(UnknownNameError) as err:
        wordeval.run(["glove-6b-50d"], ["similarity"], out=tmp_path / "R")
    assert "take families" not in str(err.value) and "list them" in str(err.value)
    assert not (tmp_path / "R").exists()


def test_the_package_docstring_names_only_tasks_where_run_takes_tasks():
    """Its example passed the family "similarity" to wordeval.run, which refuses it."""
    import ast

    import wordeval
    from wordeval.tasks.families import FAMILIES

    (line,) = [ln for ln in wordeval.__doc__.splitlines() if "wordeval.run(" in ln]
    tasks = ast.literal_eval(line.split("], ", 1)[1].split(", out=")[0])
    assert not set(tasks) & set(FAMILIES)
