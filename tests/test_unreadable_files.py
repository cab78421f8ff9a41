"""A dataset or corpus file this user may not read is a one-line WordevalError naming the file, at the two
choke points every reader goes through: textio (iter_lines, read_bytes) and the sha256 helper.

Root reads files whatever their mode, so the permission denial is simulated by making ``open`` in textio
raise the PermissionError the OS would; a second test uses a real chmod 000 where it can (not as root)."""
from __future__ import annotations

import builtins
import errno
import os

import pytest

from wordeval.artifacts import sha256_file
from wordeval.datasets import textio
from wordeval.errors import NotAvailableError, WordevalError


@pytest.fixture
def denied(tmp_path, monkeypatch):
    path = tmp_path / "pairs.txt"
    path.write_text("tiger\tcat\t7.35\n")

    def fake_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(textio, "open", fake_open, raising=False)
    return path


def _check(exc: WordevalError, path) -> None:
    message = str(exc)
    assert isinstance(exc, WordevalError) and "\n" not in message
    assert message.startswith(str(path)) and "permission denied" in message


def test_iter_lines_sha256_and_read_bytes_name_the_unreadable_file(denied):
    for read in (lambda p: list(textio.iter_lines(p)), sha256_file, textio.read_bytes):
        with pytest.raises(NotAvailableError) as err:
            read(denied)
        _check(err.value, denied)


def test_a_dataset_parser_and_a_user_corpus_report_it(denied):
    from wordeval.datasets.parsers_pairs import read_pairs
    from wordeval.embeddings.corpus import load_corpus

    with pytest.raises(NotAvailableError) as err:
        read_pairs({"pairs": denied})
    _check(err.value, denied)
    with pytest.raises(NotAvailableError) as err:
        load_corpus(str(denied))
    _check(err.value, denied)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root from reading (the simulated test covers it)")
def test_real_chmod_000(tmp_path):
    path = tmp_path / "pairs.txt"
    path.write_text("tiger\tcat\t7.35\n")
    path.chmod(0)
    try:
        with pytest.raises(NotAvailableError) as err:
            list(textio.iter_lines(path))
        _check(err.value, path)
        with pytest.raises(NotAvailableError) as err:
            sha256_file(path)
        _check(err.value, path)
    finally:
        path.chmod(0o644)


def test_a_cache_folder_that_cannot_be_created_is_one_line(tmp_path, monkeypatch, capsys):
    """A read-only place for WORDEVAL_CACHE: even `datasets list` was an OSError traceback. `datasets list`
    now creates no cache (it only looks), so it lists; a command that keeps its store in the cache (demo) is
    one line, exit 2, before any work and with nothing written."""
    from wordeval.cli import main

    blocker = tmp_path / "file"
    blocker.write_text("x")  # a file where the cache's parent folder should be: mkdir fails for root too
    monkeypatch.setenv("WORDEVAL_CACHE", str(blocker / "cache"))
    assert main(["--quiet", "datasets", "list"]) == 0
    capsys.readouterr()
    out = tmp_path / "report"
    assert main(["--quiet", "demo", "--only", "GloVe-6B-50d", "--out", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"wordeval: error: {blocker / 'cache'}: cannot create the cache folder") and "\n" not in err
