"""A record names an embedding file by its sha256, what ``sha256sum FILE`` prints (hashlib over the file's
bytes here): the fingerprint hashes the words and values as parsed, which no tool outside wordeval can check a
downloaded file against, and which moves when parsing changes while the file does not."""
from __future__ import annotations

import gzip
import hashlib
import json

import numpy as np

from wordeval.cli import main
from wordeval.embeddings.load import load_file
from wordeval.results.store import load_records

GLOVE = b"king 0.5 -1.25 2\nqueen 0.25 1 -3\nman 1 2 3\n"


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_parsed_and_cached_loads_name_the_file_sha256(tmp_path):
    path = tmp_path / "g.txt"
    path.write_bytes(GLOVE)
    parsed = load_file(path, cache_home=tmp_path / "cache")
    cached = load_file(path, cache_home=tmp_path / "cache")
    assert getattr(cached, "cache_path", None)  # served from the vector cache
    assert parsed.info.parameters["file_sha256"] == cached.info.parameters["file_sha256"] == _sha256(path)
    path.write_bytes(GLOVE.replace(b"0.5", b"0.7"))  # an edit: another file, another sha256
    assert load_file(path, cache_home=tmp_path / "cache").info.parameters["file_sha256"] == _sha256(path)


def test_compressed_and_uncached_formats_name_the_bytes_on_disk(tmp_path):
    gz = tmp_path / "g.txt.gz"
    gz.write_bytes(gzip.compress(GLOVE))
    assert load_file(gz, cache=False).info.parameters["file_sha256"] == _sha256(gz)
    npy = tmp_path / "m.npy"
    np.save(npy, np.arange(6, dtype=np.float32).reshape(3, 2) + 1)
    (tmp_path / "m.vocab").write_text("a\nb\nc\n", encoding="utf-8")
    parameters = load_file(npy, cache=False).info.parameters
    assert parameters["file_sha256"] == _sha256(npy)
    assert parameters["vocab_sha256"] == _sha256(tmp_path / "m.vocab")  # the words are the vocabulary's


def test_a_cache_key_written_without_it_is_parsed_again_to_name_it(tmp_path):
    path = tmp_path / "g.txt"
    path.write_bytes(GLOVE)
    load_file(path, cache_home=tmp_path / "cache")
    (key,) = (tmp_path / "cache" / "vectors" / "keys").glob("*.json")
    data = json.loads(key.read_text(encoding="utf-8"))
    del data["info"]["parameters"]["file_sha256"]  # as an earlier wordeval wrote it
    key.write_text(json.dumps(data), encoding="utf-8")
    assert load_file(path, cache_home=tmp_path / "cache").info.parameters["file_sha256"] == _sha256(path)


def test_the_stored_record_names_it(tmp_path, monkeypatch, shared_data):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    pairs = (shared_data / "word-sim" / "faruqui" / "EN-MC-30.txt").read_text().splitlines()
    words = sorted({w for line in pairs for w in line.split()[:2]})
    rng = np.random.default_rng(0)
    path = tmp_path / "mc.txt"
    path.write_text("".join(w + " " + " ".join(f"{x:.4f}" for x in rng.standard_normal(4)) + "\n"
                            for w in words), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["intrinsic", str(path), "--tasks", "similarity/mc30", "--out", str(out), "-q"]) == 0
    (record,), _ = load_records([tmp_path / "out"])
    assert record.embedding["parameters"]["file_sha256"] == _sha256(path)
