"""Embedding files as published ones really look, against gensim on the same file (or a hand-made oracle)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from wordeval.embeddings.fasttext import load_fasttext_bin

GENSIM_DATA = Path(importlib.util.find_spec("gensim").submodule_search_locations[0]) / "test" / "test_data"


def test_fasttext_bin_exact_then_lower_reads_the_lowercased_vocabulary_before_composing():
    """Extrinsic features (classification pooling, tagging) looked a capitalised word up through
    ``lookup_with_case``, where the fastText .bin composed 'Government' from n-grams before the lowercased
    vocabulary was tried, while similarity and STS read the row of 'government'. Oracle: gensim's
    ``kv['government']`` for a word whose lowercase is in the vocabulary, ``kv[word]`` as written otherwise."""
    from gensim.models.fasttext import load_facebook_vectors

    from wordeval.embeddings.case import lookup_with_case
    from wordeval.intrinsic.policies import lookup_words

    path = GENSIM_DATA / "lee_fasttext.bin"
    kv = load_facebook_vectors(str(path))
    emb = load_fasttext_bin(path)
    known = next(w for w in kv.index_to_key if w.isalpha() and len(w) > 6 and w.capitalize() not in kv.key_to_index)
    words = [known.capitalize(), known, "Unseenwordxyz"]
    vectors, found = lookup_with_case(emb, words, "exact-then-lower")
    assert found.all()
    eps = 8 * float(np.finfo(np.float32).eps)
    np.testing.assert_allclose(vectors[0], kv[known], rtol=eps, atol=eps)
    np.testing.assert_allclose(vectors[1], kv[known], rtol=eps, atol=eps)
    np.testing.assert_allclose(vectors[2], kv["Unseenwordxyz"], rtol=1e-5, atol=1e-6)  # composed as written
    intrinsic, _, _ = lookup_words(emb, words, case="exact-then-lower")
    np.testing.assert_array_equal(vectors, intrinsic)
    renamed, _ = lookup_with_case(emb.renamed("labelled"), words, "exact-then-lower")
    np.testing.assert_array_equal(renamed, vectors)


def test_zip_made_by_macos_finder_reads_its_one_file(tmp_path):
    """An archive made with macOS's 'Compress' holds ``__MACOSX/._NAME`` and ``.DS_Store`` beside the vectors;
    it was refused as 'a zip archive holding exactly one file, got 3 files'. Oracle: gensim on the member."""
    import zipfile

    from gensim.models import KeyedVectors

    from wordeval.embeddings.load import load_file

    plain = GENSIM_DATA / "test_glove.txt"
    archive = tmp_path / "glove.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(plain, "glove/test_glove.txt")
        zf.writestr("__MACOSX/glove/._test_glove.txt", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
        zf.writestr("glove/.DS_Store", b"\x00\x00\x00\x01Bud1")
    emb = load_file(archive, cache=False)
    kv = KeyedVectors.load_word2vec_format(str(plain), binary=False, no_header=True)
    assert emb.words == list(kv.index_to_key)
    np.testing.assert_array_equal(emb.vectors, kv.vectors)
    assert emb.info.parameters["compression"] == "zip"


def test_a_cached_file_warns_as_its_parse_did(tmp_path, monkeypatch):
    """All-zero rows and dropped duplicates were warned about on the first load only: once the file was in the
    vector cache, 'info' and every later run were silent about them. Oracle: the warnings of the parse itself.
    Within one process (a command loads a file more than once) they are said once."""
    import warnings

    from wordeval.embeddings import vector_cache
    from wordeval.embeddings.load import load_file
    from wordeval.embeddings.vector_checks import LoaderWarning

    path = tmp_path / "padded.txt"
    path.write_text("<pad> 0 0 0\nking 1 2 3\nqueen 1 2 3\nking 4 5 6\n<unk> 0 0 0\n", encoding="utf-8")
    said = []
    for new_process in (True, False, True):
        if new_process:
            monkeypatch.setattr(vector_cache, "_said", set())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            emb = load_file(path, cache_home=tmp_path / "cache")
        said.append(sorted(str(w.message) for w in caught if issubclass(w.category, LoaderWarning)))
    assert getattr(emb, "cache_path", None)  # the later loads were served by the cache
    assert emb.words == ["<pad>", "king", "queen", "<unk>"]
    assert said[0] == sorted([f"{path}: 1 duplicate word(s) dropped, first occurrence kept (first duplicate 'king' "
                              "at line 4)", f"{path}: 2 all-zero vector(s) (first: '<pad>')"])
    assert said[1] == [] and said[2] == said[0]


def test_multilingual_numberbatch_says_its_words_are_conceptnet_uris(tmp_path):
    """ConceptNet Numberbatch's multilingual file keys its rows '/c/en/king', '/c/fr/roi': it loaded silently
    and every task scored NaN on 0 % coverage with no reason given. The vectors are still gensim's; a warning
    now names the URI form. The English-only file (plain words) gets no such warning."""
    import warnings

    from gensim.models import KeyedVectors

    from wordeval.embeddings.load import load_file
    from wordeval.embeddings.vector_checks import LoaderWarning

    rows = [("/c/en/king", "0.1 0.2"), ("/c/en/queen", "0.3 0.1"), ("/c/fr/roi", "0.1 0.25"), ("/c/en/new_york", "1 0")]
    multi, english = tmp_path / "numberbatch-19.08.txt", tmp_path / "numberbatch-en-19.08.txt"
    multi.write_text("4 2\n" + "".join(f"{w} {v}\n" for w, v in rows), encoding="utf-8")
    english.write_text("4 2\n" + "".join(f"{w.rsplit('/', 1)[1]} {v}\n" for w, v in rows), encoding="utf-8")
    for path, expected in ((multi, [f"{multi}: the words are ConceptNet URIs (first: '/c/en/king'), looked up as "
                                    "written: a task's 'king' is not found (ConceptNet's numberbatch-en file has "
                                    "plain words; to keep one language's rows, as GloVe text without the "
                                    "header: cat numberbatch-19.08.txt | sed -n 's|^/c/en/||p' > en.txt)"]),
                           (english, [])):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            emb = load_file(path, cache=False)
        assert [str(w.message) for w in caught if issubclass(w.category, LoaderWarning)] == expected
        kv = KeyedVectors.load_word2vec_format(str(path), binary=False)
        assert emb.words == list(kv.index_to_key)
        np.testing.assert_array_equal(emb.vectors, kv.vectors)


def test_the_numberbatch_warning_command_keeps_one_language_as_glove_text(tmp_path):
    """The warning said that no task word is found, not how to take one language, which no option does: the
    command it now gives, run on the file, leaves the English rows keyed by plain words. Oracle: the rows
    written, and gensim on the command's output."""
    import gzip
    import subprocess
    import warnings

    from gensim.models import KeyedVectors

    from wordeval.embeddings.load import load_file

    rows = [("/c/en/king", "0.1 0.2"), ("/c/fr/roi", "0.1 0.25"), ("/c/en/new_york", "1 0"),
            ("/c/en/queen", "0.3 1")]
    multi = tmp_path / "numberbatch-19.08.txt.gz"
    multi.write_bytes(gzip.compress(("4 2\n" + "".join(f"{w} {v}\n" for w, v in rows)).encode()))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_file(multi, cache=False)
    said = next(str(w.message) for w in caught if "ConceptNet" in str(w.message))
    command = said.split("header: ", 1)[1][:-1]
    assert command == "zcat numberbatch-19.08.txt.gz | sed -n 's|^/c/en/||p' > en.txt"
    subprocess.run(command, shell=True, cwd=tmp_path, check=True)
    emb = load_file(tmp_path / "en.txt", cache=False)
    assert emb.info.format == "glove" and emb.words == ["king", "new_york", "queen"]
    kv = KeyedVectors.load_word2vec_format(str(tmp_path / "en.txt"), binary=False, no_header=True)
    np.testing.assert_array_equal(emb.vectors, kv.vectors)
    np.testing.assert_array_equal(emb.vectors, np.array([[0.1, 0.2], [1, 0], [0.3, 1]], np.float32))


def test_the_numberbatch_warning_keeps_the_english_rows_where_another_language_comes_first(tmp_path):
    """The command kept the language of the file's first row: a multilingual file starting with German rows was
    told to keep '/c/de/', whose output the English tasks find no word in either. It now keeps '/c/en/' where the
    file has English rows. Oracle: the English rows written, and gensim on the command's output."""
    import subprocess
    import warnings

    from gensim.models import KeyedVectors

    from wordeval.embeddings.load import load_file

    rows = [("/c/de/####er", "0.5 0.5"), ("/c/de/könig", "0.1 0.3"), ("/c/en/king", "0.1 0.2"),
            ("/c/fr/roi", "0.1 0.25"), ("/c/en/new_york", "1 0")]
    multi = tmp_path / "numberbatch-19.08.txt"
    multi.write_text(f"{len(rows)} 2\n" + "".join(f"{w} {v}\n" for w, v in rows), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_file(multi, cache=False)
    said = [str(w.message) for w in caught if "ConceptNet" in str(w.message)]
    assert said == [f"{multi}: the words are ConceptNet URIs (first: '/c/de/####er'), looked up as written: a "
                    "task's 'king' is not found (ConceptNet's numberbatch-en file has plain words; to keep one "
                    "language's rows, as GloVe text without the header: cat numberbatch-19.08.txt | sed -n "
                    "'s|^/c/en/||p' > en.txt)"]
    subprocess.run(said[0].split("header: ", 1)[1][:-1], shell=True, cwd=tmp_path, check=True)
    emb = load_file(tmp_path / "en.txt", cache=False)
    assert emb.words == ["king", "new_york"]
    kv = KeyedVectors.load_word2vec_format(str(tmp_path / "en.txt"), binary=False, no_header=True)
    np.testing.assert_array_equal(emb.vectors, kv.vectors)
    np.testing.assert_array_equal(emb.vectors, np.array([[0.1, 0.2], [1, 0]], np.float32))


@pytest.mark.parametrize("rows", [40, 3000])  # cut within the format probe's sample, and beyond it
def test_truncated_word2vec_bin_gz_names_the_record_that_was_cut(tmp_path, rows, capsys):
    """A cut GoogleNews-style .bin.gz named a 'line' that was either the count of newline bytes among the floats
    (cut within the format probe's sample: line 54 of a 47-record file) or the first record of the 1 MiB block
    being read (its decompressed bytes were lost with the error). Oracle: the complete records zlib decompresses
    from the cut file; the error names the next one, and where it starts in the decompressed data (after the
    newline gensim writes after each vector, where that is there)."""
    import gzip
    import zlib

    from gensim.models import KeyedVectors

    from wordeval.cli import main

    kv = KeyedVectors(10)
    kv.add_vectors([f"w{i}" for i in range(rows)],
                   np.random.default_rng(0).standard_normal((rows, 10)).astype(np.float32))
    plain = tmp_path / "vectors.bin"
    kv.save_word2vec_format(str(plain), binary=True)
    packed = gzip.compress(plain.read_bytes())
    cut = tmp_path / "vectors.bin.gz"
    cut.write_bytes(packed[:len(packed) * 2 // 3])
    data = zlib.decompressobj(31).decompress(cut.read_bytes())
    pos, complete = data.index(b"\n") + 1, 0
    while (sp := data.find(b" ", pos)) >= 0 and sp + 1 + 40 <= len(data):
        pos, complete = sp + 1 + 40, complete + 1
    assert 0 < complete < rows
    assert main(["info", "--no-cache", str(cut)]) == 2
    err = capsys.readouterr().err
    offset = pos + (data[pos:pos + 1] == b"\n")
    assert err == (f"wordeval: error: {cut}: record {complete + 1:,} at byte offset {offset:,} of the "
                   "uncompressed data: expected a complete, valid gzip stream, got the gzip data ending "
                   "early (truncated file?)\n")


@pytest.mark.parametrize("mode", ["w", "w:gz"])
def test_tar_archive_is_named_as_one(tmp_path, mode, capsys):
    """A .tar.gz of vectors (how several embedding sets are distributed) was 'unrecognised binary data'."""
    import tarfile

    from wordeval.cli import main

    archive = tmp_path / ("vectors.tar" + (".gz" if mode.endswith("gz") else ""))
    with tarfile.open(archive, mode) as tf:
        tf.add(GENSIM_DATA / "test_glove.txt", arcname="glove.txt")
    assert main(["info", "--no-cache", str(archive)]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: {archive}: expected an embedding file, got a tar archive, "
                                       f"which wordeval does not read; its first file is 'glove.txt': extract it "
                                       f"(tar -xf {archive.name} glove.txt) and give that file\n")


def _zip_with_flags(tmp_path, *, method: int | None = None, encrypted: bool = False):
    """A one-member zip of gensim's test_glove.txt whose headers claim another method or encryption (zipfile
    writes neither Deflate64 nor encrypted members; the flags are where readers look first)."""
    import struct
    import zipfile

    out = tmp_path / "glove.zip"
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(GENSIM_DATA / "test_glove.txt", "glove.txt")
    data = bytearray(out.read_bytes())
    central = data.find(b"PK\x01\x02")
    for flags_at, method_at in ((6, 8), (central + 8, central + 10)):  # local header, central directory
        if method is not None:
            data[method_at:method_at + 2] = struct.pack("<H", method)
        if encrypted:
            data[flags_at] |= 1
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("case,got", [
    ("deflate64", "got Deflate64 (extract the file with unzip or 7-Zip)"),
    ("encrypted", "got an encrypted 'glove.txt' (extract it with its password)")])
def test_zip_that_python_cannot_open_is_not_called_corrupt(tmp_path, capsys, case, got):
    """Windows Explorer zips large files with Deflate64: the archive was 'corrupt zip data (NotImplementedError:
    That compression method is not supported)', and an encrypted one a cut-off RuntimeError naming a ZipInfo."""
    from wordeval.cli import main

    path = _zip_with_flags(tmp_path, method=9) if case == "deflate64" else _zip_with_flags(tmp_path, encrypted=True)
    assert main(["info", "--no-cache", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {path}: expected a zip archive") and err.endswith(got + "\n")
    assert err.count("\n") == 1


@pytest.mark.parametrize("kind", ["gz", "bz2", "xz", "zip"])
def test_compressed_glove_reserves_about_its_own_rows(glove50, tmp_path, monkeypatch, kind):
    """A compressed GloVe text (glove.840B.300d.zip as Stanford distributes it) has no row count, so the matrix
    is reserved from a guess: it was its size over the shortest possible row (a zip: 4-7x the rows; 11 GB for
    840B's 2.6 GB matrix) or 8x the compressed size (a gzip), which a strict-overcommit machine (HPC nodes)
    refuses. Oracle: the file's own row count, and the plain file's vectors."""
    import bz2
    import gzip
    import lzma
    import zipfile

    from wordeval.embeddings import text_format

    rows = 4000
    text = "".join(w + " " + " ".join(f"{x:.5g}" for x in v) + "\n"
                   for w, v in zip(glove50.words[:rows], glove50.vectors[:rows])).encode()
    plain, packed = tmp_path / "glove.txt", tmp_path / f"glove.txt.{kind}"
    plain.write_bytes(text)
    if kind == "zip":
        with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("glove.840B.300d.txt", text)
    else:
        packed.write_bytes({"gz": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[kind](text))
    reserved = []

    class Recording(text_format.RowSink):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            reserved.append(self.matrix.shape[0])

    monkeypatch.setattr(text_format, "RowSink", Recording)
    emb = text_format.load_glove_text(packed)
    assert rows <= reserved[0] * 1.15 and reserved[0] <= rows * 1.5
    expected = text_format.load_glove_text(plain)
    assert emb.words == expected.words
    np.testing.assert_array_equal(emb.vectors, expected.vectors)


def _written_by_gensim(tmp_path):
    """gensim's test_glove.txt as word2vec text (a 'count dim' header) and as word2vec binary."""
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load_word2vec_format(str(GENSIM_DATA / "test_glove.txt"), binary=False, no_header=True)
    text, binary = tmp_path / "vectors.txt", tmp_path / "vectors.bin"
    kv.save_word2vec_format(str(text), binary=False)
    kv.save_word2vec_format(str(binary), binary=True)
    return kv, text, binary


@pytest.mark.parametrize("which,forced,got", [
    ("text", "glove", ":1: expected a word and {dim} numbers (the dimension of {n} of the first {m} lines): GloVe text "
                      "has no header, got a 'count dim' header '{header}' (a word2vec or fastText .vec file: --format "
                      "word2vec, or no --format to detect it)"),
    ("binary", "word2vec", ":2: expected a word and numbers separated by single spaces, got a NUL byte, which text "
                           "vectors cannot hold (a binary file read as text? --format word2vec-bin or fasttext-bin, "
                           "or no --format to detect it)"),
    ("glove", "fasttext-bin", ": expected a fastText .bin model, got no fastText magic number at its start (is this a "
                              "fastText file? no --format detects the format)")])
def test_a_wrong_format_option_says_what_the_file_is(tmp_path, capsys, which, forced, got):
    """With --format forced wrong, the errors said the opposite of the file: a word2vec header read as GloVe was
    'expected a header 'count dim', got '50 10'' (it is one), a binary read as text complained of 'a tab' among
    the float bytes, and a text read as fastText .bin was 'a supervised model with 875573550 labels'."""
    from wordeval.cli import main

    kv, text, binary = _written_by_gensim(tmp_path)
    path = {"text": text, "binary": binary, "glove": GENSIM_DATA / "test_glove.txt"}[which]
    n = len(kv.index_to_key)
    expected = got.format(dim=kv.vector_size, n=n, m=n + 1, header=f"{n} {kv.vector_size}")
    assert main(["info", "--no-cache", "--format", forced, str(path)]) == 2
    assert capsys.readouterr().err == f"wordeval: error: {path}{expected}\n"
    assert main(["info", "--no-cache", str(path)]) == 0  # detected, the same file reads


def test_fasttext_fingerprint_moves_with_the_lookup_version(monkeypatch):
    # records of a .bin computed before composing changed (lookup version 1) must not be served from a store
    from wordeval.embeddings import fasttext

    args = (["queen"], np.ones((1, 2), np.float32), np.zeros((3, 2), np.float32), 3, 6, 3)
    now = fasttext.subword_fingerprint(*args)
    monkeypatch.setattr(fasttext, "LOOKUP_VERSION", 1)
    assert fasttext.subword_fingerprint(*args) != now
