"""A package artifact (GloVe, spaCy's vectors, a dataset) that cannot be written into a read-only or full cache
said "choose a writable output path", though the user named no output: the cache is WORDEVAL_CACHE (else
~/.cache/wordeval), and the message now says to set it. Seen with a read-only WORDEVAL_CACHE holding GloVe
but not yet spaCy: `wordeval info spacy-md`."""
from __future__ import annotations

import errno
import hashlib
import tarfile

import pytest

from tests._archives import tar_gz
from wordeval.artifacts import PackageArtifact, artifact_root
from wordeval.errors import OutputError


@pytest.fixture
def artifact(monkeypatch, tmp_path) -> PackageArtifact:
    """An sdist in a find-links folder, pip's only location (its config files ignored)."""
    folder = tmp_path / "links"
    folder.mkdir()
    for name in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "WORDEVAL_OFFLINE", "HF_HUB_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(folder))
    data = tar_gz({"cached-1.0/PKG-INFO": b"x", "cached-1.0/cached/data.txt": b"words\n"})
    (folder / "cached-1.0.tar.gz").write_bytes(data)
    return PackageArtifact("cached", "1.0", "cached-1.0.tar.gz", hashlib.sha256(data).hexdigest(), "cached",
                           installed_ok=False)


@pytest.mark.parametrize("code, todo", [(errno.EROFS, "set WORDEVAL_CACHE to a writable folder"),
                                        (errno.EACCES, "set WORDEVAL_CACHE to a writable folder"),
                                        (errno.ENOSPC, "free space there or set WORDEVAL_CACHE to another folder")])
def test_a_cache_that_refuses_an_artifact_names_wordeval_cache(artifact, tmp_path, monkeypatch, code, todo):
    def refused(self, *args, **kwargs):
        raise OSError(code, "refused")

    monkeypatch.setattr(tarfile.TarFile, "extractall", refused)
    with pytest.raises(OutputError) as err:
        artifact_root(artifact, cache_home=tmp_path / "cache")
    message = str(err.value)
    assert "\n" not in message and message.endswith(todo)
    assert "cannot write: " in message and "it is wordeval's cache" in message and "output path" not in message


def test_an_output_path_keeps_its_own_advice(tmp_path):
    from wordeval.atomic_write import machine_errors

    with pytest.raises(OutputError, match="choose a writable output path"):
        with machine_errors(tmp_path / "report"):
            raise OSError(errno.EROFS, "Read-only file system")
