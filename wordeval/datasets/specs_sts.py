"""Sentence-similarity (STS) specs, read from embeddix's copies (the SemEval originals are zip archives
on a wiki that has moved several times). Each item carries its ``subset``."""
from __future__ import annotations

import os
from typing import Mapping

from wordeval.datasets.packages import EMBEDDIX, EMBEDDIX_DATA
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
from wordeval.datasets.textio import iter_lines, parse_float
from wordeval.datasets.types import SentencePair
from wordeval.errors import InputFormatError

READER = "wordeval.datasets.specs_sts:read_sts"
EMBEDDIX_URL = "https://raw.githubusercontent.com/akb89/embeddix/master/embeddix/resources/"


def parse_sts(path: str | os.PathLike, *, subsets: tuple[tuple[str, int], ...]) -> list[SentencePair]:
    """``sentence1<TAB>sentence2<TAB>score``; ``subsets`` gives (name, number of lines) in file order,
    because the combined files do not name the subset of each line."""
    rows = []
    for lineno, line in iter_lines(path):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise InputFormatError(path, lineno, "3 tab-separated columns (sentence, sentence, score)", f"{len(fields)}")
        rows.append((fields[0].strip(), fields[1].strip(), parse_float(fields[2], path, lineno, "an STS score 0-5")))
    expected = sum(n for _, n in subsets)
    if len(rows) != expected:
        raise InputFormatError(path, None, f"{expected} sentence pairs", f"{len(rows)} (truncated?)")
    labels = [name for name, n in subsets for _ in range(n)]
    return [SentencePair(a, b, s, sub) for (a, b, s), sub in zip(rows, labels)]


def read_sts(paths: Mapping[str, os.PathLike], *, subsets) -> tuple[dict, dict]:
    return {"test": parse_sts(paths["pairs"], subsets=tuple(map(tuple, subsets)))}, {"subsets": dict(subsets)}


def _sources(fname, sha, subsets):
    opts = {"subsets": subsets}
    return (Source("artifact", {"pairs": DataFile(EMBEDDIX_DATA + fname, sha)}, READER, opts, artifact=EMBEDDIX),
            Source("url", {"pairs": DataFile(fname, sha, url=EMBEDDIX_URL + fname)}, READER, opts))


def _bib(key, title, year):
    return (f"@inproceedings{{{key},\n  author = {{Agirre, Eneko and others}},\n  title = {{{title}}},\n"
            f"  booktitle = {{SemEval}},\n  year = {{{year}}}\n}}")


STS12_SUBSETS = (("MSRpar", 750), ("MSRvid", 750), ("SMTeuroparl", 734))
STS12 = DatasetSpec(
    name="sts12", version="1", family="sts",
    description="SemEval-2012 STS, the 2,234 pairs of its training release (MSRpar 750, MSRvid 750, SMTeuroparl "
                "734), raw text; subsets assigned by line range in that order",
    counts={"test": 2234}, licence="not stated (SemEval-2012 Task 6 data terms)",
    citation=_bib("agirre2012semeval", "SemEval-2012 Task 6: A Pilot on Semantic Textual Similarity", 2012),
    canonical="https://www.cs.york.ac.uk/semeval-2012/task6/",
    sources=_sources("STS2012.full.txt", "f7bf41317f793a6480e5bf72759c73435a886b5739d0aaada3be99248ed1ca68",
                     STS12_SUBSETS),
    metadata={"score_range": (0, 5), "text_form": "raw"})

STS14_ONWN = DatasetSpec(
    name="sts14-onwn", version="1", family="sts",
    description="SemEval-2014 STS, OnWN subset (750 pairs of WordNet/OntoNotes glosses), raw text",
    counts={"test": 750}, licence="not stated (SemEval-2014 Task 10 data terms)",
    citation=_bib("agirre2014semeval", "SemEval-2014 Task 10: Multilingual Semantic Textual Similarity", 2014),
    canonical="https://alt.qcri.org/semeval2014/task10/",
    sources=_sources("STS2014.OnWN.txt", "348e3610db365e6174a0210d33ed7ed37aa142786079f35f94bf2b88ad93d7f7",
                     (("OnWN", 750),)),
    metadata={"score_range": (0, 5), "text_form": "raw"})

STS14_HEADLINES = DatasetSpec(
    name="sts14-headlines", version="1", family="sts",
    description="SemEval-2014 STS, headlines subset (750 pairs). Only a tokenised, lowercased copy is available "
                "offline (embeddix), so the text is tokenised and lowercased",
    counts={"test": 750}, licence="not stated (SemEval-2014 Task 10 data terms)",
    citation=_bib("agirre2014semeval", "SemEval-2014 Task 10: Multilingual Semantic Textual Similarity", 2014),
    canonical="https://alt.qcri.org/semeval2014/task10/",
    sources=_sources("STS2014.headlines.tokenized.lower.txt",
                     "3569a4de6531a602dee445cf647ee671b62d6754d415410503d0ce2f70802075", (("headlines", 750),)),
    metadata={"score_range": (0, 5), "text_form": "tokenized-lowercased"})

SPECS = (STS12, STS14_ONWN, STS14_HEADLINES)
