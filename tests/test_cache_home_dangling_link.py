"""A WORDEVAL_CACHE that is (or lies under) a symbolic link leading nowhere, a loop or a link whose target was
removed: the error said "cannot create the cache folder (File exists)", which names nothing to fix. It names
the link now."""
from __future__ import annotations

import pytest

from wordeval.errors import OutputError
from wordeval.paths import cache_home


@pytest.mark.parametrize("kind, below", [("loop", ""), ("removed", ""), ("removed", "sub")])
def test_the_link_that_leads_nowhere_is_named(tmp_path, monkeypatch, kind, below):
    link = tmp_path / "cache-link"
    if kind == "loop":
        (tmp_path / "other").symlink_to(link)
        link.symlink_to(tmp_path / "other")
    else:
        link.symlink_to(tmp_path / "removed-target")
    monkeypatch.setenv("WORDEVAL_CACHE", str(link / below) if below else str(link))
    with pytest.raises(OutputError) as info:
        cache_home()
    assert f"({link} is a symbolic link that leads nowhere (a loop, or a removed target))" in str(info.value)
