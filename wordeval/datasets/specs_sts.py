"""Sentence-similarity (STS) specs, read from embeddix's copies (the SemEval originals are zip archives
on a wiki that has moved several times). Each item carries its ``subset``."""
from __future__ import annotations

from wordeval.datasets.packages import EMBEDDIX, EMBEDDIX_DATA
from wordeval.datasets.parsers_sts import parse_sts, read_sts  # noqa: F401  (moved; re-exported for old imports)
from wordeval.datasets.spec import DataFile, DatasetSpec, Source

READER = "wordeval.datasets.parsers_sts:read_sts"
EMBEDDIX_URL = "https://raw.githubusercontent.com/akb89/embeddix/master/embeddix/resources/"


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
