"""Arguments of the wrong shape to wordeval.run and wordeval.evaluate: each is a one-line ConfigError naming the
argument, raised before anything is written (each of these was a bare TypeError/ValueError, a store created
for an empty run, or an option silently dropped)."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import wordeval
from wordeval.errors import ConfigError

sys.path.insert(0, str(Path(__file__).parent))
from _small_task import PAIRS, write_small_task  # noqa: E402

WORDS = ["cat", "dog", "car", "truck"]
MATRIX = np.arange(12, dtype=np.float32).reshape(4, 3) + 1


@pytest.fixture
def vectors(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("".join(f"{w} {' '.join(map(str, row))}\n" for w, row in zip(WORDS, MATRIX)))
    return str(path)


def _refused(call, needle, out):
    with pytest.raises(ConfigError) as err:
        call()
    assert needle in str(err.value) and "\n" not in str(err.value)
    assert not out.exists()  # nothing partial: not even an empty store


@pytest.mark.parametrize("reps, needle", [
    (None, "representations: expected a list of specs"),
    (5, "representations: expected a list of specs"),
    ({"cat": [1.0, 2.0]}, "wordeval.evaluate(embedding, task)"),
    ([], "representations: none given"),
])
def test_run_refuses_representations_that_are_not_a_list_of_specs(tmp_path, reps, needle):
    _refused(lambda: wordeval.run(reps, ["similarity/ws353"], out=tmp_path / "R"), needle, tmp_path / "R")


@pytest.mark.parametrize("tasks, needle", [
    ({"similarity/ws353": {"n_boot": 50}}, "list(tasks.items())"),  # its options were dropped
    ([], "tasks: none given"),
    ([("similarity/ws353", {"n_boot": 50}, 1)], "a (task, config) pair"),
    ([("similarity/ws353",)], "a (task, config) pair"),
    ([("similarity/ws353", [("n_boot", 50)])], "config a mapping of options"),
])
def test_run_refuses_tasks_of_the_wrong_shape(tmp_path, vectors, tasks, needle):
    _refused(lambda: wordeval.run([vectors], tasks, out=tmp_path / "R"), needle, tmp_path / "R")


@pytest.mark.parametrize("seeds", [None, "012", np.int64(2)])
def test_run_refuses_seeds_that_are_not_a_list(tmp_path, vectors, seeds):
    """"012" was read as its characters: three seeds 0, 1 and 2."""
    _refused(lambda: wordeval.run([vectors], ["similarity/ws353"], out=tmp_path / "R", seeds=seeds),
             "seeds: a list of seeds", tmp_path / "R")


@pytest.mark.parametrize("options", [["allow_pickle"], "allow_pickle", 1])
def test_load_options_that_are_not_a_mapping_are_refused_by_run_and_evaluate(tmp_path, vectors, options):
    _refused(lambda: wordeval.run([vectors], ["similarity/ws353"], out=tmp_path / "R", load_options=options),
             "load_options: expected a mapping", tmp_path / "R")
    with pytest.raises(ConfigError, match="load_options: expected a mapping"):
        wordeval.evaluate(vectors, "similarity/ws353", load_options=options)


@pytest.mark.parametrize("value, got", [("yes", "str 'yes'"), (1, "int 1"), (None, "NoneType None")])
def test_allow_pickle_that_is_not_a_bool_says_what_every_bool_keyword_says(tmp_path, vectors, value, got):
    """It said 'expected true or false', the command line's wording (where 'yes' and 1 are read), beside
    'expected True or False (a bool)' of every other bool of the Python API (options.flag_argument)."""
    said = f"load option allow_pickle: expected True or False (a bool), got {got}"
    _refused(lambda: wordeval.run([vectors], ["similarity/ws353"], out=tmp_path / "R",
                                  load_options={"allow_pickle": value}), said, tmp_path / "R")
    with pytest.raises(ConfigError) as err:
        wordeval.evaluate(vectors, "similarity/ws353", load_options={"allow_pickle": value})
    assert str(err.value) == said
    with pytest.raises(ConfigError) as err:
        wordeval.evaluate(vectors, "similarity/ws353", progress=value)
    assert str(err.value) == f"progress: expected True or False (a bool), got {got}"


def test_a_numpy_bool_allow_pickle_is_a_bool_as_elsewhere(vectors):
    from wordeval.evaluation import check_load_options

    assert check_load_options({"allow_pickle": np.bool_(True)}) == (("allow_pickle", True),)
    assert check_load_options({"allow_pickle": np.bool_(False)}) == ()


@pytest.mark.parametrize("obj", [(WORDS, MATRIX), dict(zip(WORDS, MATRIX))])
def test_load_options_beside_an_in_memory_embedding_are_refused_or_noted_not_dropped(tmp_path, caplog, obj):
    """As run treats them beside a registered id: a file's own option (format, vocab) is an error, a reading
    policy (allow_pickle, encoding_errors) a note that it has no effect."""
    _, spec = write_small_task(tmp_path)
    for option in ({"format": "word2vec-bin"}, {"vocab": "words.txt"}):
        with pytest.raises(ConfigError, match=f"load option {next(iter(option))} is for a file given by path"):
            wordeval.evaluate(obj, spec, load_options=option)
    with caplog.at_level("WARNING", logger="wordeval"):
        rec = wordeval.evaluate(obj, spec, load_options={"allow_pickle": True})
    assert rec.n_total == len(PAIRS)
    assert "load option allow_pickle has no effect" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="wordeval"):
        wordeval.evaluate(obj, spec, load_options={"allow_pickle": False})  # at its default: asks for nothing
    assert "no effect" not in caplog.text


@pytest.mark.parametrize("name", ["a\nb", "x\x1b[31m", "left\u2067right", "tab\there"])
def test_evaluate_refuses_a_name_with_control_characters_as_the_command_line_refuses_its_label(tmp_path, name):
    with pytest.raises(ConfigError, match="without control characters"):
        wordeval.evaluate((WORDS, MATRIX), "similarity/ws353", name=name)
    with pytest.raises(ConfigError, match="without control characters"):
        wordeval.run([f"{name}=glove-6b-50d"], ["similarity/ws353"], out=tmp_path / "R")


def test_a_task_object_on_its_own_runs_as_a_task_name_on_its_own_does(tmp_path):
    """README: run takes "one spec or task on its own too"; a Task alone was "expected a list of tasks"."""
    vectors, spec = write_small_task(tmp_path)
    for i, alone in enumerate([wordeval.get_task(spec), str(spec)]):
        wordeval.run(str(vectors), alone, out=tmp_path / f"R{i}")
    values = [[r.scores for r in wordeval.load_records(tmp_path / f"R{i}")[0]] for i in range(2)]
    assert values[0] == values[1] and len(values[0]) == 1


@pytest.mark.filterwarnings("ignore:Sparse CSR tensor support is in beta")
def test_a_sparse_or_meta_torch_tensor_is_a_config_error_not_a_torch_traceback():
    torch = pytest.importorskip("torch")
    dense = torch.tensor(MATRIX)
    cases = {"sparse_coo tensor": dense.to_sparse(), "sparse_csr tensor": dense.to_sparse_csr(),
             "meta device": torch.empty(4, 3, device="meta")}
    for needle, tensor in cases.items():
        for obj in ((WORDS, tensor), {"cat": tensor[0]} if needle == "meta device" else (WORDS, tensor)):
            with pytest.raises(ConfigError) as err:
                wordeval.as_embedding(obj)
            assert needle in str(err.value) and "\n" not in str(err.value)


def test_a_masked_array_with_masked_values_is_refused_and_one_without_is_read_as_its_data(tmp_path):
    """np.asarray dropped the mask: the values under it were scored as if they were part of the vectors."""
    _, spec = write_small_task(tmp_path)
    words = sorted({w for a, b, _ in PAIRS for w in (a, b)})
    data = np.random.default_rng(1).normal(size=(len(words), 4))
    hidden = np.ma.masked_array(data.copy(), mask=np.zeros_like(data, bool))
    hidden[0, 0] = np.ma.masked
    for obj in ((words, hidden), {w: hidden[i] for i, w in enumerate(words)}):
        with pytest.raises(ConfigError, match="1 masked value"):
            wordeval.as_embedding(obj)
    plain = wordeval.evaluate((words, data), spec)
    unmasked = wordeval.evaluate((words, np.ma.masked_array(data, mask=False)), spec)
    assert unmasked.scores == plain.scores
