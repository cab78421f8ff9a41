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


@pytest.fixture
def before_pep706(monkeypatch):
    """tarfile as Python 3.10.0-3.10.11 and 3.11.0-3.11.3 have it: no extraction filters, and extractall's
    filter= a TypeError (on those the unpacking was a traceback, the sdist artifacts never available)."""
    extractall = tarfile.TarFile.extractall

    def unfiltered(self, path=".", members=None, *, numeric_owner=False, **kwargs):
        if kwargs:
            raise TypeError(f"extractall() got an unexpected keyword argument {next(iter(kwargs))!r}")
        return extractall(self, path, members, numeric_owner=numeric_owner, filter="fully_trusted")

    monkeypatch.delattr(tarfile, "data_filter")
    monkeypatch.delattr(tarfile, "FilterError")
    monkeypatch.setattr(tarfile.TarFile, "extractall", unfiltered)


def test_an_sdist_unpacks_before_extraction_filters(find_links, tmp_path, before_pep706):
    artifact = find_links({"faulty-1.0/PKG-INFO": b"x", "faulty-1.0/faulty/data.txt": b"words\n"})
    root = artifact_root(artifact, cache_home=tmp_path / "cache")
    assert root.name == "faulty-1.0" and (root / "faulty" / "data.txt").read_bytes() == b"words\n"


@pytest.mark.parametrize("member", ["../escaped.txt", "/tmp/absolute.txt", "faulty-1.0/../../escaped.txt"])
def test_a_member_outside_the_tree_is_refused_before_extraction_filters(find_links, tmp_path, before_pep706,
                                                                        member):
    artifact = find_links({"faulty-1.0/PKG-INFO": b"x", member: b"x"})
    with pytest.raises(ChecksumError, match=f"faulty-1\\.0\\.tar\\.gz: unsafe member path '{member}'"):
        artifact_root(artifact, cache_home=tmp_path / "cache")
    assert _cache_entries(tmp_path / "cache") == [] and not (tmp_path / "escaped.txt").exists()


def test_a_link_out_of_the_tree_is_refused_before_extraction_filters(find_links, tmp_path, before_pep706):
    import io

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        tf.addfile(tarfile.TarInfo("faulty-1.0/PKG-INFO"), io.BytesIO(b""))
        link = tarfile.TarInfo("faulty-1.0/data.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    data = buf.getvalue()
    (tmp_path / "links" / "faulty-1.0.tar.gz").write_bytes(data)
    artifact = PackageArtifact("faulty", "1.0", "faulty-1.0.tar.gz", hashlib.sha256(data).hexdigest(),
                               "faulty", installed_ok=False)
    with pytest.raises(ChecksumError, match=r"unsafe member path 'faulty-1\.0/data\.txt'"):
        artifact_root(artifact, cache_home=tmp_path / "cache")
    assert _cache_entries(tmp_path / "cache") == []


def _modes_and_owners(root) -> dict[str, tuple[int, int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_mode & 0o7777, p.stat().st_uid, p.stat().st_gid)
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_modes_and_owners_before_extraction_filters_are_those_of_the_data_filter(find_links, tmp_path,
                                                                                monkeypatch):
    """The pre-filter path extracted a setuid bit, a mode-000 file (unreadable afterwards) and, as root, the
    archive's uid and gid as they stood. Oracle: the same archive unpacked with this Python's
    filter="data"."""
    import io

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, mode in (("PKG-INFO", 0o644), ("faulty/setuid.sh", 0o4777), ("faulty/locked.txt", 0o000),
                           ("faulty/group_exec.txt", 0o670)):
            info = tarfile.TarInfo(f"faulty-1.0/{name}")
            info.size, info.mode, info.uid, info.gid, info.uname, info.gname = 1, mode, 4242, 4343, "", ""
            tf.addfile(info, io.BytesIO(b"x"))
    data = buf.getvalue()
    (tmp_path / "links" / "faulty-1.0.tar.gz").write_bytes(data)
    artifact = PackageArtifact("faulty", "1.0", "faulty-1.0.tar.gz", hashlib.sha256(data).hexdigest(),
                               "faulty", installed_ok=False)
    expected = _modes_and_owners(artifact_root(artifact, cache_home=tmp_path / "filtered"))
    assert expected["faulty/setuid.sh"][0] == 0o755  # the oracle is the data filter's
    extractall = tarfile.TarFile.extractall

    def unfiltered(self, path=".", members=None, *, numeric_owner=False, **kwargs):
        assert not kwargs  # filter= was a TypeError before PEP 706
        return extractall(self, path, members, numeric_owner=numeric_owner, filter="fully_trusted")

    monkeypatch.delattr(tarfile, "data_filter")
    monkeypatch.setattr(tarfile.TarFile, "extractall", unfiltered)
    assert _modes_and_owners(artifact_root(artifact, cache_home=tmp_path / "unfiltered")) == expected
