"""A transformers model's folder, or its safetensors weights, given where an embedding file goes.

Both were refused with messages that did not say what the thing was or how wordeval does read it: the folder as
"expected an embedding file, got a directory", the weights as "got unrecognised binary data". Each is now one
line naming the path, what it is, and the ``bert:model=FOLDER`` spec that reads it (exit 2, nothing cached).
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from wordeval.cli import main


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("WORDEVAL_CACHE", str(folder))
    return folder


def _safetensors(path, tensors: dict[str, np.ndarray]) -> None:
    """The safetensors layout written by hand (8-byte little-endian header length, JSON header, raw data), so the
    test does not lean on the safetensors package."""
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    path.write_bytes(len(text).to_bytes(8, "little") + text + b"".join(blobs))


def _one_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.rstrip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("wordeval: error: "), captured.err
    return lines[0]


@pytest.mark.parametrize("marker", ["config.json", "modules.json"])
def test_a_model_folder_given_as_a_file_names_the_bert_spec(tmp_path, capsys, cache, marker):
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / marker).write_text("{}")
    assert main(["info", str(folder)]) == 2
    assert _one_error(capsys) == (f"wordeval: error: {folder}: expected an embedding file, got a directory holding "
                                  f"a model (config.json or modules.json): give it as bert:model={folder}")
    assert not cache.exists()


def test_a_folder_without_a_model_is_still_only_a_directory(tmp_path, capsys, cache):
    assert main(["info", str(tmp_path)]) == 2
    assert _one_error(capsys) == f"wordeval: error: {tmp_path}: expected an embedding file, got a directory"


def test_safetensors_weights_in_a_model_folder_name_the_folder(tmp_path, capsys, cache):
    (tmp_path / "config.json").write_text('{"model_type": "bert"}')
    weights = tmp_path / "model.safetensors"
    _safetensors(weights, {"embeddings.word_embeddings.weight": np.ones((4, 3))})
    assert main(["info", str(weights)]) == 2
    line = _one_error(capsys)
    assert line.startswith(f"wordeval: error: {weights}: expected an embedding file"), line
    assert line.endswith(f"got a safetensors file (a transformers model's weights): give its folder as "
                         f"bert:model={tmp_path}"), line
    assert not cache.exists()


def test_a_lone_safetensors_matrix_is_named_with_what_reads_it(tmp_path, capsys, cache):
    weights = tmp_path / "vectors.safetensors"
    _safetensors(weights, {"vectors": np.arange(6.0).reshape(2, 3)})
    assert main(["info", str(weights)]) == 2
    line = _one_error(capsys)
    assert "got a safetensors file: save the matrix with numpy.save and its words one per line beside it" in line
    assert not cache.exists()


def test_an_hdf5_file_is_named_as_one(tmp_path, capsys, cache):
    """ConceptNet Numberbatch's mini.h5 (or a Keras model): its first line, the HDF5 signature '\\x89HDF\\r\\n',
    holds no control byte, so it was read as GloVe text and refused at line 3 for a NUL byte, with advice to pass a
    binary --format or to leave out the --format nobody gave. The signature and superblock start are the HDF5
    specification's (h5py is not a dependency)."""
    path = tmp_path / "mini.h5"
    path.write_bytes(b"\x89HDF\r\n\x1a\n" + bytes([0, 0, 0, 0, 0, 8, 8, 0, 4, 0, 16, 0]) + bytes(range(256)) * 8)
    assert main(["info", str(path)]) == 2
    assert _one_error(capsys) == (f"wordeval: error: {path}: expected an embedding file (text vectors, word2vec/"
                                  "fastText .bin, .npy, .kv), got an HDF5 file (ConceptNet Numberbatch's mini.h5, a "
                                  "Keras model), which wordeval does not read: export its words and vectors as text "
                                  "(pandas.read_hdf for mini.h5)")
    assert not cache.exists()
