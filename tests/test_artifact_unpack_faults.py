"""Unpacking a package artifact into the cache: a tar member that would land outside the tree, and a disk
that refuses the files (full, file-size limit, read-only), are one-line WordevalErrors with nothing left in
the cache; both were tracebacks (tarfile's FilterError, a bare OSError)."""
from __future__ import annotations

import errno
import os
import hashlib
import tarfile

import pytest

from tests._archives import tar_gz
from wordeval.artifacts import PackageArtifact, artifact_root
from wordeval.errors import ChecksumError, OutputError


@pytest.fixture
def find_links(monkeypatch, tmp_path):
    """A find-links folder as pip's only location; pip's own config files ignored."""
    folder = tmp_path / "links"
    folder.mkdir()
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(folder))
    monkeypatch.delenv("PIP_INDEX_URL", raising=False)
    monkeypatch.delenv("PIP_EXTRA_INDEX_URL", raising=False)

    def put(members: dict[str, bytes]) -> PackageArtifact:
        data = tar_gz(members)
        (folder / "faulty-1.0.tar.gz").write_bytes(data)
        return PackageArtifact("faulty", "1.0", "faulty-1.0.tar.gz", hashlib.sha256(data).hexdigest(), "faulty",
                               installed_ok=False)
    return put


def _cache_entries(cache) -> list[str]:
    folder = cache / "artifacts"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_tar_member_outside_the_tree_is_refused_naming_it(find_links, tmp_path):
    artifact = find_links({"faulty-1.0/PKG-INFO": b"x", "../escaped.txt": b"x"})
    with pytest.raises(ChecksumError, match=r"faulty-1\.0\.tar\.gz: unsafe member path '\.\./escaped\.txt'"):
        artifact_root(artifact, cache_home=tmp_path / "cache")
    assert _cache_entries(tmp_path / "cache") == [] and not (tmp_path / "cache" / "escaped.txt").exists()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG, errno.EROFS])
def test_a_disk_that_refuses_the_unpacked_files_is_one_line(find_links, tmp_path, monkeypatch, code):
    artifact = find_links({"faulty-1.0/PKG-INFO": b"x", "faulty-1.0/faulty/data.txt": b"words\n"})

    def refused(self, *args, **kwargs):
        raise OSError(code, "refused")

    monkeypatch.setattr(tarfile.TarFile, "extractall", refused)
    with pytest.raises(OutputError) as err:
        artifact_root(artifact, cache_home=tmp_path / "cache")
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(tmp_path / "cache" / "artifacts" / "faulty-1.0-sdist"))
    assert _cache_entries(tmp_path / "cache") == []


def test_a_fetch_killed_outright_leaves_no_partial_archive_for_good(find_links, tmp_path):
    """A fetch killed by SIGKILL cannot remove its temporary folder: the partial archive stayed in the cache
    forever (never trusted, but never removed). The next fetch of that artifact removes it when its writer
    (same host) is gone; a folder whose writer is alive is left alone."""
    import socket
    import subprocess

    from wordeval.atomic_write import OWNER

    artifact = find_links({"faulty-1.0/PKG-INFO": b"x", "faulty-1.0/faulty/data.txt": b"words\n"})
    base = tmp_path / "cache" / "artifacts"
    dead = subprocess.Popen(["true"])
    dead.wait()  # a pid that has ended (and been reaped)
    for name, pid in ((".faulty-1.0-sdist.fetch-killed", dead.pid), (".faulty-1.0-sdist.fetch-running", os.getpid())):
        (base / name).mkdir(parents=True)
        (base / name / OWNER).write_text(f"{socket.gethostname()} {pid}\n", encoding="utf-8")
        (base / name / "faulty-1.0.tar.gz").write_bytes(b"\x1f\x8b partial")
    root = artifact_root(artifact, cache_home=tmp_path / "cache")
    assert (root / "faulty" / "data.txt").read_bytes() == b"words\n"
    assert _cache_entries(tmp_path / "cache") == [".faulty-1.0-sdist.fetch-running", "faulty-1.0-sdist"]


def test_a_fetch_killed_before_its_owner_file_leaves_nothing_after_the_next_fetch(find_links, tmp_path):
    """SIGKILL between the temporary folder's creation and its owner file left '.NAME.fetch-xxxxxxxx' in the
    cache for good: without an owner file no later fetch could tell it from a live one's. Its name now says
    whose it is, and the next fetch removes it."""
    import subprocess
    import sys

    artifact = find_links({"faulty-1.0/PKG-INFO": b"x", "faulty-1.0/faulty/data.txt": b"words\n"})
    child = ("import os, signal, sys\nfrom wordeval import artifacts\n"
             "artifacts.mark_writer = lambda folder: os.kill(os.getpid(), signal.SIGKILL)\n"
             "a = artifacts.PackageArtifact(*sys.argv[1:6], installed_ok=False)\n"
             "artifacts.artifact_root(a, cache_home=sys.argv[6])\n")
    args = [artifact.name, artifact.version, artifact.filename, artifact.sha256, artifact.import_name]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    killed = subprocess.run([sys.executable, "-c", child, *args, str(tmp_path / "cache")], env=env, timeout=120)
    assert killed.returncode == -9 and len(_cache_entries(tmp_path / "cache")) == 1
    root = artifact_root(artifact, cache_home=tmp_path / "cache")
    assert (root / "faulty" / "data.txt").read_bytes() == b"words\n"
    assert _cache_entries(tmp_path / "cache") == ["faulty-1.0-sdist"]
