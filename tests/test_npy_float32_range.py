"""A float64 (or longer) ``.npy`` holding values beyond float32's range: numpy's cast turns them into inf with
only a RuntimeWarning; the loader refuses the matrix naming the row, its word and the value as written."""
from __future__ import annotations

import gzip
import warnings

import numpy as np
import pytest

from wordeval.embeddings.load import load_embedding
from wordeval.errors import InputFormatError

F32_MAX = float(np.finfo(np.float32).max)


def save(tmp_path, matrix, *, compress=False):
    path = tmp_path / "m.npy"
    np.save(path, matrix)
    if compress:
        gz = tmp_path / "m.npy.gz"
        gz.write_bytes(gzip.compress(path.read_bytes()))
        path.unlink()
        path = gz
    (tmp_path / "m.vocab").write_text("a\nb\nc\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("compress", [False, True])
def test_a_float64_beyond_float32_is_refused_naming_row_word_and_value(tmp_path, compress):
    with np.errstate(over="ignore"):
        assert np.isinf(np.float32(1e300))  # numpy's cast, the oracle of what the matrix would hold
    path = save(tmp_path, np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 1e300]]), compress=compress)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's 'overflow encountered in cast' must not escape
        with pytest.raises(InputFormatError) as exc:
            load_embedding(path, cache=False)
    assert str(exc.value) == (f"{path}: expected finite numbers in row index 2 (word 'c', line 3 of m.vocab), "
                              "got 1e+300 in dimension 2, beyond float32's range (3.4e38)")


def test_an_infinity_written_in_the_matrix_is_not_called_out_of_range(tmp_path):
    path = save(tmp_path, np.array([[1.0, 2.0], [3.0, np.inf], [5.0, 1e300]]))
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, cache=False)
    assert str(exc.value).endswith("(word 'b', line 2 of m.vocab), got inf in dimension 2")


def test_values_within_float32_range_load_as_numpy_casts_them(tmp_path):
    matrix = np.array([[1.0, -F32_MAX], [1e-300, 4.0], [5.0, 0.1]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        emb = load_embedding(save(tmp_path, matrix), cache=False)
    np.testing.assert_array_equal(emb.vectors, matrix.astype(np.float32))
