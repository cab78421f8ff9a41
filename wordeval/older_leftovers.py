"""Temporaries that a wordeval from before the writer-named temporaries left beside an output it was killed
writing: ``.NAME.XXXXXXXX.tmp`` (a file's), ``.NAME.old.XXXXXXXX`` (the earlier folder a replacement moved
aside) and ``.NAME.XXXXXXXX`` (a folder being filled, before it carried an owner file).

Their names do not say which process wrote them, so one is removed (or, an earlier folder aside with nothing
at its path, put back) only when it is provably wordeval's and provably abandoned:

- wordeval's: a folder holds an output marker (``.wordeval-output``) naming a wordeval output; a file lies in
  a marked wordeval output folder (or is the marker's own temporary);
- abandoned: nothing about it changed (mtime, ctime) since this host last started, and it is on a local file
  system, so no process that could still be writing it exists (another host on a shared file system could).

One left since the last restart therefore stays until the next: an older wordeval may still be writing it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

# file systems only this host writes to; anything else (NFS, Lustre, CIFS, FUSE, an unknown type) may have
# writers on other hosts, whose processes this host cannot see
_LOCAL_FILE_SYSTEMS = frozenset({"ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs", "zfs", "overlay",
                                 "vfat", "exfat", "ntfs3", "jfs", "reiserfs", "apfs", "hfs"})


def older_leftovers(path: Path) -> list[tuple[Path, bool]]:
    """(leftover, whether it is an earlier folder moved aside) for each older temporary of ``path`` that may
    go: wordeval's and abandoned."""
    form = re.compile(re.escape(f".{path.name}.") + r"(?P<old>old\.)?[a-z0-9_]{8}(?P<tmp>\.tmp)?")
    try:
        siblings = [p for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.")]
    except OSError:
        return []
    found = []
    for sibling in siblings:
        shape = form.fullmatch(sibling.name)
        if shape is None or not _wordevals(sibling, path, is_file=bool(shape["tmp"])):
            continue
        if abandoned(sibling):
            found.append((sibling, bool(shape["old"])))
    return found


def _wordevals(sibling: Path, path: Path, *, is_file: bool) -> bool:
    from wordeval.output_paths import MARKER, marker_kind

    if sibling.is_symlink():
        return False
    if is_file:
        return sibling.is_file() and (path.name == MARKER or marker_kind(path.parent) is not None)
    return sibling.is_dir() and (sibling / MARKER).is_file() and marker_kind(sibling) is not None


def abandoned(leftover: Path) -> bool:
    """Nothing in ``leftover`` changed since this host last started, and no other host writes its file system."""
    booted = host_started_at()
    if booted is None or not on_local_file_system(leftover):
        return False
    try:
        entries = [leftover, *leftover.iterdir()] if leftover.is_dir() else [leftover]
        last_change = max(max(st.st_mtime, st.st_ctime) for st in (os.lstat(e) for e in entries))
    except OSError:
        return False
    return last_change < booted


def host_started_at() -> float | None:
    """When this host last started (Linux's btime), or None where that is unknown."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def on_local_file_system(path: Path) -> bool:
    """Whether ``path`` lies on a file system that only this host writes (from /proc/self/mountinfo)."""
    try:
        st = os.lstat(path)
        device = f"{os.major(st.st_dev)}:{os.minor(st.st_dev)}"
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as fh:
            types = {line.split()[2]: line.split(" - ", 1)[1].split()[0] for line in fh if " - " in line}
    except (OSError, IndexError):
        return False
    return types.get(device) in _LOCAL_FILE_SYSTEMS
