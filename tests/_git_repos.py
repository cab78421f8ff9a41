"""Throwaway git repositories for the tests of a revision line (records' and benchmark reports')."""
from __future__ import annotations

import subprocess


def two_repositories(tmp_path, package: str, *, short: bool = False) -> dict[str, str]:
    """'checkout' and 'other' under ``tmp_path``, each one commit of ``package/__init__.py`` with its own
    content: name -> HEAD (12 digits with ``short``)."""
    heads = {}
    for name in ("checkout", "other"):
        root = tmp_path / name
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text(f"x = {name!r}\n")
        git = ["git", "-C", str(root), "-c", "user.email=t@t", "-c", "user.name=t"]
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", name]):
            subprocess.run(git + cmd, check=True, capture_output=True)
        heads[name] = subprocess.run(git + ["rev-parse", *(["--short=12"] if short else []), "HEAD"],
                                     capture_output=True, text=True).stdout.strip()
    assert heads["checkout"] != heads["other"]
    return heads
