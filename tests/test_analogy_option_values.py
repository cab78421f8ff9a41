"""Analogy options given as text (``--set``, a spec's [config]) mean what they say or are refused: a bare
``--set honest=False`` is the string 'False' (TOML spells false in lower case), which was truthy, so it
turned honest mode on; ``--set epsilon="abc"`` was a traceback."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.datasets.types import AnalogyQuestion
from wordeval.errors import ConfigError
from wordeval.intrinsic.analogy import DEFAULT_CONFIG, solve_analogies, validate_config

# a:b :: c:? where b itself is the best candidate: only honest mode may answer it (by hand: with a = c the
# 3CosAdd score of x is x.b, 1 for b, 0.8 for d)
WORDS = ["a", "b", "d"]
VECTORS = np.array([[1, 0, 0], [0, 1, 0], [0, 0.8, 0.6]], dtype=np.float32)
QUESTION = [AnalogyQuestion("a", "b", "a", ("d",), "s")]


def _embedding():
    from wordeval.embeddings.base import StaticEmbedding

    return StaticEmbedding(WORDS, VECTORS)


@pytest.mark.parametrize("value, honest", [(False, False), ("False", False), ("false", False), ("no", False),
                                           (0, False), (True, True), ("True", True), ("yes", True), (1, True)])
def test_honest_as_text_is_read_as_a_boolean(value, honest):
    cfg = validate_config({**DEFAULT_CONFIG, "honest": value})
    assert cfg["honest"] is honest
    solved = solve_analogies(QUESTION, _embedding(), config={"honest": value})
    assert solved["predicted"] == (["b"] if honest else ["d"])


@pytest.mark.parametrize("key, value", [("honest", "maybe"), ("honest", 2), ("epsilon", "abc"), ("epsilon", True),
                                        ("epsilon", 0), ("epsilon", float("nan"))])
def test_unreadable_values_are_a_config_error(key, value):
    with pytest.raises(ConfigError, match=key):
        validate_config({**DEFAULT_CONFIG, key: value})


def test_cli_refuses_a_non_numeric_epsilon_in_one_line(tmp_path, capsys):
    from wordeval.cli import main

    vectors = tmp_path / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(map(str, v))}\n" for w, v in zip(WORDS, VECTORS.tolist())),
                       encoding="utf-8")
    (tmp_path / "q.txt").write_text("a b a d\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    out = tmp_path / "store"
    rc = main(["intrinsic", str(vectors), "--tasks", str(spec), "--out", str(out), "--set", 'epsilon="abc"'])
    err = capsys.readouterr().err
    assert rc == 2 and "epsilon" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()
