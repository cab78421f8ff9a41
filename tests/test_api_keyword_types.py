"""Keywords of the public API given a value of the wrong type or out of range: one ConfigError naming the
keyword, what it takes and what it got, before any work (nothing read, loaded or written). A text flag counted
as true before (``keep_going="no"`` ran with keep-going on), a number given as text was parsed, and some
keywords were Python's TypeError naming none."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import wordeval
from wordeval.errors import ConfigError

sys.path.insert(0, str(Path(__file__).parent))
from _small_task import write_small_task  # noqa: E402


def _refused(call, keyword, got):
    with pytest.raises(ConfigError) as err:
        call()
    text = str(err.value)
    assert text.startswith(f"{keyword}: expected ") and f"got {got}" in text and "\n" not in text, text
    return text


@pytest.mark.parametrize("keyword", ["keep_going", "intersection", "progress", "common_vocabulary"])
@pytest.mark.parametrize("value, got", [("no", "str 'no'"), ("yes", "str 'yes'"), (1, "int 1"),
                                        (None, "NoneType None")])
def test_run_refuses_a_flag_that_is_not_a_bool_before_writing(tmp_path, keyword, value, got):
    vectors, spec = write_small_task(tmp_path)
    text = _refused(lambda: wordeval.run([f"a={vectors}", f"b={vectors}"], [str(spec)], out=tmp_path / "R",
                                         **{keyword: value}), keyword, got)
    assert "True or False" in text
    assert not (tmp_path / "R").exists()


def test_run_takes_a_numpy_bool_as_a_bool_where_it_refuses_a_text(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    summary = wordeval.run([str(vectors)], [str(spec)], out=tmp_path / "R", keep_going=np.False_,
                           progress=np.bool_(False))
    assert len(summary.computed) == 1 and not summary.failed
    _refused(lambda: wordeval.run([str(vectors)], [str(spec)], out=tmp_path / "R2", keep_going=np.str_("no")),
             "keep_going", "str_ np.str_('no')")


@pytest.mark.parametrize("kwargs, keyword, got", [
    ({"restrict_vocab": "5"}, "restrict_vocab", "str '5'"),  # it ran as 5
    ({"seeds": ["1"]}, "seed", "str '1'"),
])
def test_run_refuses_numbers_given_as_text(tmp_path, kwargs, keyword, got):
    vectors, spec = write_small_task(tmp_path)
    _refused(lambda: wordeval.run([str(vectors)], [str(spec)], out=tmp_path / "R", **kwargs), keyword, got)
    assert not (tmp_path / "R").exists()


@pytest.mark.parametrize("kwargs, keyword, got", [
    ({"progress": "no"}, "progress", "str 'no'"),
    ({"seed": "3"}, "seed", "str '3'"),  # it ran as seed 3
    ({"data_home": 5}, "data_home", "int 5"),  # a task that reads no data home never looked at it
])
def test_evaluate_refuses_a_wrong_keyword_before_it_loads_the_embedding(tmp_path, kwargs, keyword, got):
    _, spec = write_small_task(tmp_path)
    # a file that is not there: loading it first was a MissingFileError, and a file that is ran
    _refused(lambda: wordeval.evaluate(str(tmp_path / "missing.txt"), str(spec), **kwargs), keyword, got)


def test_task_score_refuses_a_text_progress_flag(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    _refused(lambda: wordeval.get_task(str(spec)).score(str(vectors), progress="no"), "progress", "str 'no'")


@pytest.mark.parametrize("kwargs, keyword, got", [
    ({"progress": "no"}, "progress", "str 'no'"),  # it drew progress bars
    ({"n_boot": "100"}, "n_boot", "str '100'"),
    ({"seed": "1"}, "seed", "str '1'"),
    ({"level": "0.9"}, "level", "str '0.9'"),
    ({"alpha": "0.05"}, "alpha", "str '0.05'"),
    ({"skipped": 5}, "skipped", "int 5"),  # "'int' object is not iterable"
    ({"skipped": "ab"}, "skipped", "str 'ab'"),
])
def test_compare_refuses_a_wrong_keyword_before_it_reads_the_stores(tmp_path, kwargs, keyword, got):
    # a store that is not there: read first, it was a MissingFileError naming it, not the keyword
    _refused(lambda: wordeval.compare(str(tmp_path / "missing"), **kwargs), keyword, got)


def test_compare_names_an_unknown_keyword_as_its_own():
    with pytest.raises(TypeError, match=r"^compare\(\) got an unexpected keyword argument 'bogus'$"):
        wordeval.compare("missing", bogus=1)


@pytest.mark.parametrize("value, got", [("no", "str 'no'"), (1, "int 1")])
def test_results_frame_refuses_a_per_seed_flag_that_is_not_a_bool(tmp_path, value, got):
    _refused(lambda: wordeval.results_frame(str(tmp_path / "missing"), per_seed=value), "per_seed", got)


@pytest.mark.parametrize("spec", ["file", "glove-6b-50d"])
@pytest.mark.parametrize("kwargs, keyword, got", [
    ({"allow_pickle": "no"}, "allow_pickle", "str 'no'"),  # a text is true: it let pickles load
    ({"cache": 0}, "cache", "int 0"),
    ({"format": 5}, "format", "int 5"),  # "'int' object is not iterable"
    ({"cache_home": 5}, "cache_home", "int 5"),  # os.fspath's TypeError
    ({"vocab": 5}, "vocab", "int 5"),
])
def test_load_embedding_refuses_a_wrong_keyword_before_reading(tmp_path, spec, kwargs, keyword, got):
    path = write_small_task(tmp_path)[0] if spec == "file" else spec
    _refused(lambda: wordeval.load_embedding(path, **kwargs), keyword, got)


def test_load_embedding_refuses_an_unknown_encoding_errors_for_a_registered_id_too():
    # a file refused it; a registered id dropped it without a word
    with pytest.raises(ConfigError, match=r"^encoding_errors must be one of strict, replace, got 'ignore'$"):
        wordeval.load_embedding("glove-6b-50d", encoding_errors="ignore")


@pytest.mark.parametrize("config, expected, got", [
    ({"epochs": "many"}, "an integer or None", "str 'many'"),
    ({"lexical": "yes"}, "true or false", "str 'yes'"),
    ({"dropout": "x"}, "a number or None", "str 'x'"),
    ({"learner": 3}, "a string", "int 3"),
])
def test_a_tagging_option_of_the_wrong_type_says_the_type_it_takes(config, expected, got):
    """The schema's type (extrinsic.tagging._TYPES): 'has the wrong type' alone left it to be guessed."""
    key = next(iter(config))
    with pytest.raises(ConfigError) as err:
        wordeval.get_task("pos/ptb-pos").validate_config(config)
    assert str(err.value) == f"tagging option {key} has the wrong type: expected {expected}, got {got}"


def _cli_refuses(argv, capsys, expected):
    from wordeval.cli import main

    assert main(["--quiet", *argv]) == 2
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize("value, got", [(100.0, "float 100.0"),
                                        (np.float64(100.0), "float64 np.float64(100.0)")])
def test_compare_refuses_a_whole_float_n_boot_as_the_command_line_refuses_it(tmp_path, capsys, value, got):
    """n_boot=100.0 ran 100 resamples (``integer`` reads a whole float, as TOML writes 5.0); --n-boot 100.0
    was refused. A numpy integer is an integer still."""
    from tests._records import cli_records

    _cli_refuses(["compare", str(tmp_path / "missing"), "--n-boot", "100.0"], capsys,
                 "--n-boot='100.0': expected an integer")
    text = _refused(lambda: wordeval.compare(str(tmp_path / "missing"), n_boot=value), "n_boot", got)
    assert text == f"n_boot: expected an integer, got {got}"
    _refused(lambda: wordeval.compare(str(tmp_path / "missing"), seed=1.0), "seed", "float 1.0")
    assert wordeval.compare(cli_records(n_sim=20, n_doc=20), n_boot=np.int64(20)).parameters["n_boot"] == 20


@pytest.mark.parametrize("kwargs, keyword, got", [
    ({"seeds": [0.0]}, "seed", "float 0.0"),  # it ran as seed 0
    ({"seeds": [0, 1.0]}, "seed", "float 1.0"),
    ({"restrict_vocab": 5.0}, "restrict_vocab", "float 5.0"),  # it ran as 5
])
def test_run_refuses_a_whole_float_count_before_writing(tmp_path, kwargs, keyword, got):
    vectors, spec = write_small_task(tmp_path)
    _refused(lambda: wordeval.run([str(vectors)], [str(spec)], out=tmp_path / "R", **kwargs), keyword, got)
    assert not (tmp_path / "R").exists()


def test_evaluate_and_task_score_refuse_a_whole_float_seed(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    _refused(lambda: wordeval.evaluate(str(tmp_path / "missing.txt"), str(spec), seed=1.0), "seed",
             "float 1.0")
    _refused(lambda: wordeval.get_task(str(spec)).score(str(vectors), seed=2.0), "seed", "float 2.0")


@pytest.mark.parametrize("value, got", [("no", "str 'no'"), (1, "int 1")])
def test_task_strict_and_progress_flags_must_be_bools(tmp_path, value, got):
    """strict="no" checked every key as strict=True does; load_dataset(progress="no") drew bars."""
    _, spec = write_small_task(tmp_path)
    task = wordeval.get_task(str(spec))
    _refused(lambda: task.validate_config({}, strict=value), "strict", got)
    _refused(lambda: task.load_dataset(progress=value), "progress", got)


def test_load_spec_file_builtin_flag_must_be_a_bool(tmp_path):
    """builtin="no" was true: a user's spec was read with the keys only the package's own may use."""
    _, spec = write_small_task(tmp_path)
    _refused(lambda: wordeval.load_spec_file(spec, builtin="no"), "builtin", "str 'no'")


@pytest.mark.parametrize("keyword", ["create", "readonly"])
def test_result_store_flags_must_be_bools_before_a_store_is_made(tmp_path, keyword):
    """create="no" made a store folder where the caller asked for none."""
    _refused(lambda: wordeval.ResultStore(tmp_path / "S", **{keyword: "no"}), keyword, "str 'no'")
    assert not (tmp_path / "S").exists()


def test_load_records_option_names_must_be_a_mapping(tmp_path):
    _refused(lambda: wordeval.load_records(str(tmp_path / "missing"), option_names=5), "option_names",
             "int 5")


def test_representation_parse_takes_a_path_object_as_run_does(tmp_path):
    """The README's ``Representation.parse("mine=x.kv").with_options(...)``: a Path was refused as no spec,
    where run() takes the same Path as the file's spec."""
    from wordeval.evaluation import Representation

    vectors, _ = write_small_task(tmp_path)
    assert Representation.parse(vectors) == Representation.parse(str(vectors))
    with pytest.raises(ConfigError, match=r"^embedding spec 5: expected \[LABEL=\]SPEC$"):
        Representation.parse(5)
