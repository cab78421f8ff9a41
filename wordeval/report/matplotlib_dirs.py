"""matplotlib imported with a config and cache folder it can write.

matplotlib keeps its font cache in ``MPLCONFIGDIR``, else in ``$XDG_CONFIG_HOME``/``$XDG_CACHE_HOME`` (or
``~/.config``, ``~/.cache``) ``/matplotlib``. Where those cannot be written (a service account, a read-only
home on a cluster) it logged two long warnings and rebuilt the font cache in a temporary folder on every
report. There, and only there, ``MPLCONFIGDIR`` is pointed at ``matplotlib/`` in wordeval's cache folder,
which such a user sets anyway; a ``MPLCONFIGDIR`` of the user's own is never replaced.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def import_matplotlib():
    """``import matplotlib``, first giving it wordeval's cache folder where its own folders cannot be written.
    Called by each function that imports matplotlib, never at import of wordeval: the environment is touched
    only by a run that draws. The variable is left set, as matplotlib leaves its temporary one: matplotlib
    reads it at import and again when its font manager is first loaded, and child processes then share the
    cache."""
    if "matplotlib" not in sys.modules and not os.environ.get("MPLCONFIGDIR"):
        folder = _wordeval_folder() if not all(map(_writable, _default_folders())) else None
        if folder is not None:
            os.environ["MPLCONFIGDIR"] = folder
    import matplotlib
    return matplotlib


def _default_folders() -> list[Path | None]:
    """matplotlib's config and cache folders without MPLCONFIGDIR (None: no home to put one in), as
    ``matplotlib._get_config_or_cache_dir`` finds them."""
    def under_home(*parts):
        try:
            return Path.home().joinpath(*parts)
        except RuntimeError:  # no HOME and no password entry
            return None

    if sys.platform.startswith(("linux", "freebsd")):
        out = []
        for variable, default in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache")):
            base = Path(os.environ[variable]) if os.environ.get(variable) else under_home(default)
            out.append(None if base is None else base / "matplotlib")
        return out
    old = under_home(".matplotlib")
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA") and not (old and old.is_dir()):
        return [Path(os.environ["LOCALAPPDATA"]) / "matplotlib"]
    return [old]


def _writable(folder: Path | None) -> bool:
    """matplotlib's own test of a folder: created if missing, then a writable folder."""
    if folder is None:
        return False
    try:
        folder = folder.resolve()
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop before Python 3.13
        return False
    return folder.is_dir() and os.access(folder, os.W_OK)


def _wordeval_folder() -> str | None:
    """``matplotlib/`` in wordeval's cache folder, or None where that cannot be had either (no cache folder, a
    read-only one): matplotlib then falls back to its temporary folder, as before."""
    from wordeval.errors import WordevalError
    from wordeval.paths import cache_home

    try:
        folder = cache_home() / "matplotlib"
    except WordevalError:
        return None
    return str(folder) if _writable(folder) else None
