"""What a dataset is, independent of where it is read from: files with sha256, counts, licence, citation.

A ``DatasetSpec`` lists its ``Source``s in the order they are tried (see ``wordeval.datasets.sources``):
the data home (``WORDEVAL_DATA`` or a user path, files in their original layout), then package artifacts
(offline through the package index), then canonical URLs (pooch, sha256-checked). Each source names the
reader that turns its files into items, so two copies of the same data in different formats (WS353's
combined.csv vs gensim's wordsim353.tsv) parse to the same items.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from wordeval.artifacts import PackageArtifact
from wordeval.url_credentials import hide_credentials

SOURCE_KINDS = ("data_home", "artifact", "url", "local")  # local: a user spec file's own files
# in a built-in spec's bring_your_own: where the files go, written as the data home(s) in use when shown
DATA_HOME = "{data_home}"


@dataclass(frozen=True)
class DataFile:
    """One file of a source.

    ``path`` is relative to the data home (kind data_home), a member of the unpacked artifact (kind
    artifact), or the file name in the download cache (kind url). ``sha256`` pins the file's bytes;
    None marks a directory whose digest is computed over its member files (see sources.tree_sha256).
    ``url``/``member``: where a url source downloads it from, and the member to read when the download
    is a zip/tar archive (the archive itself is not pinned, the member is; the archive is read through
    before it is kept: ``download_check``).
    """

    path: str
    sha256: str | None
    url: str | None = None
    member: str | None = None
    tree_sha256: str | None = None


@dataclass(frozen=True)
class Source:
    kind: str
    files: Mapping[str, DataFile]
    reader: str
    options: Mapping[str, Any] = field(default_factory=dict)
    artifact: PackageArtifact | None = None
    note: str = ""

    def __post_init__(self):
        if self.kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {self.kind!r}")
        if (self.kind == "artifact") != (self.artifact is not None):
            raise ValueError("an artifact source needs artifact=, other kinds must not have one")

    def describe(self) -> str:
        if self.kind == "artifact":
            return str(self.artifact)
        if self.kind == "local":
            return "spec:" + str(self.options.get("spec", "local files"))
        if self.kind == "url":
            # stored with results: no login in it
            urls = sorted({hide_credentials(f.url) for f in self.files.values() if f.url})
            return "url:" + (urls[0] if len(urls) == 1 else f"{len(urls)} files")
        return "data_home"


@dataclass(frozen=True)
class DatasetSpec:
    """A benchmark, fixed: counts are per split after parsing (and after any derived split)."""

    name: str
    version: str
    family: str
    description: str
    counts: Mapping[str, int]
    licence: str
    citation: str
    canonical: str
    sources: tuple[Source, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)
    # Licensed corpora: what the user must supply and where (shown when no source resolves).
    bring_your_own: str = ""
    # what a reader of the scores must know to compare them with published figures (a re-split, examples that
    # are not the ones usually cited): a report's protocol lists them under each built-in task it used
    caveats: tuple[str, ...] = ()

    @property
    def n_items(self) -> int:
        return sum(self.counts.values())

    def own_files_advice(self, homes: Sequence[os.PathLike | str]) -> str:
        """``bring_your_own`` with ``{data_home}`` written as the data home(s) in use (``--data-home``, or
        else WORDEVAL_DATA): the text named $WORDEVAL_DATA to a user who had given --data-home DIR. With none
        in use, a placeholder and both ways of giving one."""
        if not homes:
            return (f"{self.bring_your_own.replace(DATA_HOME, 'DIR')}, DIR being a data home: give "
                    f"--data-home DIR (data_home= in Python), or set WORDEVAL_DATA=DIR")
        first, *others = [os.fspath(home) for home in homes]
        advice = self.bring_your_own.replace(DATA_HOME, first)
        if others and DATA_HOME in self.bring_your_own:
            advice += f" (or the same place under another data home in use: {', '.join(others)})"
        return advice
