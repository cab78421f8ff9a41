"""Dataset files that are not plain regular text files: a FIFO (or a device) named by a spec, and bz2 or xz
compressed data. A FIFO used to hang every command that read the spec (open() waits for a writer), and a
.bz2/.xz was read as raw bytes and reported as "not utf-8 text; set encoding = cp1252"."""
from __future__ import annotations

import bz2
import gzip
import lzma
import os
import signal

import pytest

import wordeval
from wordeval.artifacts import sha256_file
from wordeval.datasets import textio
from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import InputFormatError, WordevalError

PAIRS = b"cat\tdog\t7.5\nsun\tmoon\t3\nking\tqueen\t8\n"


@pytest.fixture
def alarm():
    """A regression would block in open() forever: fail the test instead."""
    def expire(*_):
        raise TimeoutError("blocked reading a FIFO")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_before_it_is_opened(tmp_path, alarm):
    fifo = tmp_path / "pairs.tsv"
    os.mkfifo(fifo)
    for read in (sha256_file, textio.read_bytes, lambda p: list(textio.iter_lines(p))):
        with pytest.raises(InputFormatError, match=r"pairs.tsv: expected a regular file, got a FIFO/pipe"):
            read(fifo)
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n')
    with pytest.raises(InputFormatError, match=r"pairs.tsv: expected a regular file, got a FIFO/pipe"):
        wordeval.get_task(str(spec)).load_dataset()


def test_a_character_device_is_refused(tmp_path, alarm):
    link = tmp_path / "pairs.tsv"
    link.symlink_to(os.devnull)
    with pytest.raises(InputFormatError, match=r"expected a regular file, got a character device"):
        list(textio.iter_lines(link))


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress], ids=["gzip", "bz2", "xz"])
def test_compressed_pairs_read_as_the_plain_file(tmp_path, compress):
    plain = tmp_path / "plain.tsv"
    plain.write_bytes(PAIRS)
    packed = tmp_path / "packed.tsv"  # recognised by its bytes, whatever its name
    packed.write_bytes(compress(PAIRS))
    name, options, _ = sniff("similarity", {"test": packed}, {})
    assert reader(name)({"test": packed}, **options)[0] == reader(name)({"test": plain}, **options)[0]
    assert [t for _, t in textio.iter_lines(packed)] == PAIRS.decode().splitlines()


@pytest.mark.parametrize("compress, kind", [(bz2.compress, "bz2"), (lzma.compress, "xz")])
def test_truncated_or_damaged_bz2_and_xz_name_the_file(tmp_path, compress, kind):
    data = compress(PAIRS * 200)
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0xFF
    for n, content in enumerate((data[: len(data) // 2], bytes(damaged))):
        path = tmp_path / f"p{n}.tsv"
        path.write_bytes(content)
        with pytest.raises(InputFormatError, match=rf"p{n}.tsv(:\d+)?: expected a complete {kind} stream"):
            sniff("similarity", {"test": path}, {})
        with pytest.raises(InputFormatError, match=rf"p{n}.tsv(:\d+)?: expected a complete {kind} stream"):
            list(textio.iter_lines(path))


@pytest.mark.parametrize("text, what", [("sun\tmoon\t3\ncat\tdog\tnan\n", "similarity score"),
                                        ("A sun.\tThe moon.\t3\nA cat.\tA dog.\tinf\n", "STS score")])
def test_a_non_finite_score_is_said_in_plain_words(tmp_path, text, what):
    valid, path = tmp_path / "valid.tsv", tmp_path / "d.tsv"
    valid.write_text(text.replace("nan", "1").replace("inf", "1"))
    path.write_text(text)
    family = "sts" if "STS" in what else "similarity"
    name, options, _ = sniff(family, {"test": valid}, {})  # the sniffer itself wants a numeric column
    with pytest.raises(InputFormatError) as err:
        reader(name)({"test": path}, **options)
    assert str(err.value).startswith(f"{path}:2: expected a finite {what}, got ")


def test_a_folder_given_as_a_file_is_said_to_be_one(tmp_path):
    folder = tmp_path / "pairs.tsv"
    folder.mkdir()
    with pytest.raises(WordevalError, match=r"pairs.tsv: is a directory, expected a file$"):
        sniff("sts", {"test": folder}, {})


def test_a_pair_file_whose_scores_stop_being_numbers_names_that_line(tmp_path):
    """The sniffer's majority vote found no numeric score column and blamed line 1, showing a line that
    reads as a pair; the error now names the first line whose score column holds no number."""
    path = tmp_path / "pairs.tsv"
    path.write_text("king\tqueen\t8\nman\twoman\t7\nparis\tfrance\tseven\nsun\tmoon\tx\ncat\tdog\ty\n")
    with pytest.raises(WordevalError) as err:
        sniff("similarity", {"test": path}, {})
    assert str(err.value).startswith(f"{path}:3: expected two words and a numeric score, in the columns of line 1")
    assert "'seven'" in str(err.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_among_bats_relation_files_is_refused_not_skipped_as_a_readme(tmp_path, alarm):
    folder = tmp_path / "rel"
    folder.mkdir()
    (folder / "E01 [country - capital].txt").write_text("greece\tathens\nnorway\toslo\nfrance\tparis\n")
    os.mkfifo(folder / "E02 [x - y].txt")
    spec = tmp_path / "b.toml"
    spec.write_text('name = "b"\nfamily = "analogy"\n[files]\ntest = "rel"\n')
    with pytest.raises(InputFormatError, match=r"E02 \[x - y\].txt: expected a regular file, got a FIFO/pipe"):
        wordeval.get_task(str(spec)).load_dataset()
