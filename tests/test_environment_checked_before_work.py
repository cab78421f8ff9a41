"""README's environment variables with a syntax are checked when a run is planned: a bad value is one line
naming the variable, exit 2, and nothing written, as for a bad option. Each was read only where it was used:
NUMBA_NUM_THREADS=0 was a traceback (exit 1) from numba's import at the first analogy cell, after the store had
been created; WORDEVAL_SEED_THREADS=x an error after the store had been created; WORDEVAL_OFFLINE=y a run that
went online; WORDEVAL_PREBUILD=false and WORDEVAL_QUIET=true were read as their opposite."""
from __future__ import annotations

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.errors import ConfigError


# written by hand from README's table: the spellings the yes/no variables take ('(1/0, yes/no)' left out
# true/false and on/off)
YES_NO = "expected true or false (1/true/yes/on or 0/false/no/off)"


@pytest.mark.parametrize("name, value, expected", [
    ("NUMBA_NUM_THREADS", "0", "expected an integer >= 1"),
    ("NUMBA_NUM_THREADS", "-1", "expected an integer >= 1"),
    ("NUMBA_NUM_THREADS", "", "expected an integer"),
    ("WORDEVAL_SEED_THREADS", "x", "expected an integer"),
    ("WORDEVAL_ENCODING_CACHE_MB", "-5", "expected an integer >= 0"),
    ("WORDEVAL_ENCODING_CACHE_DISK", "maybe", YES_NO),
    ("WORDEVAL_MEMORY_LIMIT", "lots", "expected a positive size in bytes, or with a unit (512M, 2GiB)"),
    ("WORDEVAL_OFFLINE", "y", YES_NO),
    ("WORDEVAL_PREBUILD", "never", YES_NO),
    ("WORDEVAL_QUIET", "2", YES_NO),
    ("WORDEVAL_GEMM", "numpi", "expected numpy (numpy's BLAS for the analogy GEMMs), or leave it unset"),
])
def test_a_bad_value_is_one_line_exit_2_and_nothing_written(tmp_path, capsys, monkeypatch, name, value, expected):
    vectors, spec = write_small_task(tmp_path)
    monkeypatch.setenv(name, value)
    out = tmp_path / "R"
    assert main(["-q", "intrinsic", str(vectors), "--tasks", str(spec), "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"wordeval: error: {name}={value!r}: {expected}\n"
    assert not out.exists()


@pytest.mark.parametrize("value, expected", [("", False), (" ", False), ("1", True), ("true", True),
                                             ("yes", True), ("ON", True), ("0", False), ("false", False),
                                             ("no", False), ("off", False)])
def test_yes_no_variables_read_the_words_readme_and_the_options_use(monkeypatch, value, expected):
    from wordeval.environment import flag

    monkeypatch.setenv("WORDEVAL_QUIET", value)
    assert flag("WORDEVAL_QUIET", False) is expected
    from wordeval.extrinsic.learners.torch_common import progress_enabled
    assert progress_enabled(True) is not expected


def test_offline_takes_yes_words_and_refuses_others(monkeypatch):
    from wordeval.package_index import offline_switch

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    for value, expected in (("true", "WORDEVAL_OFFLINE"), ("1", "WORDEVAL_OFFLINE"), ("false", None),
                            ("0", None), ("", None)):
        monkeypatch.setenv("WORDEVAL_OFFLINE", value)
        assert offline_switch() == expected
    monkeypatch.setenv("WORDEVAL_OFFLINE", "offline")
    with pytest.raises(ConfigError, match="WORDEVAL_OFFLINE='offline'"):
        offline_switch()


def test_each_spelling_the_refusal_lists_is_read(monkeypatch):
    from wordeval.package_index import offline_switch

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    yes, no = YES_NO[YES_NO.index("(") + 1:-1].split(" or ")
    for words, expected in ((yes, "WORDEVAL_OFFLINE"), (no, None)):
        for word in words.split("/"):
            monkeypatch.setenv("WORDEVAL_OFFLINE", word.upper())
            assert offline_switch() == expected, word


def test_prebuild_false_is_off(monkeypatch):
    from types import SimpleNamespace

    from wordeval.runner import _specs_to_prebuild

    monkeypatch.setattr("wordeval.distributed.cluster.available_cores", lambda: 4)
    monkeypatch.setattr("wordeval.prebuild.builder_cache_writable", lambda: True)
    cells = [SimpleNamespace(embedding_spec=s) for s in ("lsa:corpus=news", "word2vec:corpus=news")]
    monkeypatch.setenv("WORDEVAL_PREBUILD", "1")
    assert _specs_to_prebuild(cells) == ["word2vec:corpus=news"]
    monkeypatch.setenv("WORDEVAL_PREBUILD", "false")
    assert _specs_to_prebuild(cells) == []


def test_an_empty_encoding_cache_variable_is_its_default(monkeypatch):
    from wordeval.embeddings.encoding_cache import DEFAULT_MEMORY_MB, disk_enabled, memory_cache

    monkeypatch.setenv("WORDEVAL_ENCODING_CACHE_MB", "")
    monkeypatch.setenv("WORDEVAL_ENCODING_CACHE_DISK", "")
    assert memory_cache().max_bytes == DEFAULT_MEMORY_MB << 20
    assert disk_enabled() is False


@pytest.mark.parametrize("value", ["numpy", " NumPy ", ""])
def test_gemm_numpy_in_any_case_is_taken(tmp_path, capsys, monkeypatch, value):
    vectors, spec = write_small_task(tmp_path)
    monkeypatch.setenv("WORDEVAL_GEMM", value)
    assert main(["-q", "intrinsic", str(vectors), "--tasks", str(spec), "--out", str(tmp_path / "R")]) == 0
