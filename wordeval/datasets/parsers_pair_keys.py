"""SemEval-2017 Task 2's word-similarity release: pairs and their gold scores in two files.

``subtask1-monolingual/data/en.test.data.txt`` holds ``word1<TAB>word2`` per line (terms may be several
words: ``magnetic field``), ``subtask1-monolingual/keys/en.test.gold.txt`` the score of line i on line i
(0 to 4). A spec names the data file; its gold file is found in the release's ``keys`` folder beside
``data``, or beside the data file itself, and recorded with the data's digests as MSR's ``.answers`` and
SemEval STS's ``STS.gs.NAME.txt`` are: a corrected key file is another dataset.
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Mapping

from wordeval.datasets.textio import iter_lines, parse_score
from wordeval.datasets.types import WordPair
from wordeval.errors import ConfigError, HintError, InputFormatError, MissingFileError

DATA_SUFFIX = ".data.txt"
GOLD_SUFFIX = ".gold.txt"


def gold_candidates(data: str | os.PathLike) -> list[Path]:
    """Where a data file's gold file may be: the release's ``../keys/NAME.gold.txt``, then beside it."""
    data = Path(data)
    stem = data.name[:-len(DATA_SUFFIX)] if data.name.endswith(DATA_SUFFIX) else data.stem
    return [data.parent.parent / "keys" / f"{stem}{GOLD_SUFFIX}", data.parent / f"{stem}{GOLD_SUFFIX}"]


def gold_path(data: str | os.PathLike) -> Path | None:
    return next((p for p in gold_candidates(data) if p.is_file()), None)


def _missing(data: Path, lineno: int | None = None) -> str:
    where = " or ".join(str(p) for p in gold_candidates(data))
    at = f"{data}:{lineno}" if lineno else str(data)
    return (f"{at}: two tab-separated terms a line and no score, as SemEval-2017 Task 2's "
            f"NAME{DATA_SUFFIX}, whose gold scores are in keys/NAME{GOLD_SUFFIX}: expected them in {where}, "
            "not found; put the key file there, or join the two files line by line (paste DATA GOLD) and "
            "name that file")


def data_candidates(gold: Path) -> list[Path]:
    """Where a key file's data file may be: the release's ``../data/NAME.data.txt``, then beside it."""
    stem = gold.name[:-len(GOLD_SUFFIX)] if gold.name.endswith(GOLD_SUFFIX) else gold.stem
    return [gold.parent.parent / "data" / f"{stem}{DATA_SUFFIX}", gold.parent / f"{stem}{DATA_SUFFIX}"]


def refuse_key_file(path: Path, content) -> None:
    """A file of one number a line holds no pairs: named in place of its data file (SemEval-2017 Task 2's
    NAME.gold.txt), it was refused as 'cannot tell the delimiter', which no delimiter setting answers."""
    from wordeval.datasets.sniff import is_number

    if not content or not all(is_number(line.strip().replace(",", ".")) for _, line in content):
        return
    data = next((p for p in data_candidates(path) if p.is_file()), None)
    give = (f"name its data file {data} in the spec" if data is not None else
            f"name the data file of its pairs in the spec (as SemEval-2017 Task 2's NAME{DATA_SUFFIX}, two "
            f"tab-separated terms a line, in ../data/ or beside it)")
    raise ConfigError(f"{path}:{content[0][0]}: one number a line and no words: a key file of scores only, as "
                      f"SemEval-2017 Task 2's NAME{GOLD_SUFFIX}; {give}: its scores are then read from this "
                      f"file line by line")


def semeval17_options(path: Path, hints, notes: list[str]) -> dict:
    """Reader options for a data file read with its key file; its one layout takes no layout hints."""
    for key in ("delimiter", "header", "comment", "columns", "pos_suffix"):
        if key in hints:
            raise HintError(key, f"{path}: SemEval-2017 Task 2's files have one layout (NAME{DATA_SUFFIX}: "
                                 f"two tab-separated terms a line; NAME{GOLD_SUFFIX}: one score a line); "
                                 f"{key} does not apply")
    gold = gold_path(path)
    if gold is None:
        raise ConfigError(_missing(path))
    notes.append(f"{path.name}: SemEval-2017 Task 2 pairs, their scores read line by line from {gold}")
    options = {"encoding": hints["encoding"]} if hints.get("encoding") else {}
    if hints.get("decimal"):
        options["decimal"] = hints["decimal"]
    return options


def parse_semeval17(data: str | os.PathLike, *, encoding: str = "utf-8", decimal: str = ".",
                    strict_decimal: bool = False,
                    lines: list | None = None) -> list[WordPair]:
    """Line i of the data file with line i of its key file. ``lines`` gets each pair's (key file, line): where
    its score was read, for checks made after parsing (score_scale)."""
    data = Path(data)
    gold = gold_path(data)
    if gold is None:
        raise MissingFileError(_missing(data))
    pairs: list[WordPair] = []
    both = itertools.zip_longest(iter_lines(data, encoding=encoding), iter_lines(gold, encoding=encoding))
    for d, g in both:
        if d is None or g is None:
            if not (d or g)[1].strip():  # blank lines past the shorter file's end
                continue
            n_d = sum(1 for _ in iter_lines(data, encoding=encoding))
            n_g = sum(1 for _ in iter_lines(gold, encoding=encoding))
            counts = f"({n_g} score lines for {n_d} pair lines)"
            if g is None:
                raise InputFormatError(data, d[0], f"a score for this pair on line {d[0]} of {gold.name}",
                                       f"none {counts}")
            raise InputFormatError(gold, g[0], f"no score line past the {n_d} pairs of {data.name}",
                                   f"{g[1][:60]!r} {counts}")
        (lineno, d_line), (g_lineno, g_line) = d, g
        if not d_line.strip() and not g_line.strip():
            continue
        terms = [t.strip() for t in d_line.split("\t")]
        if len(terms) != 2 or not all(terms):
            raise InputFormatError(data, lineno, "two non-empty tab-separated terms", repr(d_line[:60]))
        score = parse_score(g_line.strip(), decimal, gold, g_lineno, "a similarity score",
                            strict=strict_decimal)
        pairs.append(WordPair(terms[0], terms[1], score))
        if lines is not None:
            lines.append((str(gold), g_lineno))
    return pairs


def read_semeval17(paths: Mapping[str, os.PathLike], *, encoding: str = "utf-8",
                   decimal: str = ".", strict_decimal: bool = False) -> tuple[dict, dict]:
    from wordeval.datasets.parsers_pairs import finish_pairs
    from wordeval.datasets.validate import check_distinct_files

    check_distinct_files(paths)
    keyed = {("test" if key == "pairs" else key): Path(path) for key, path in paths.items()}
    lines: dict[str, list] = {split: [] for split in keyed}
    splits = {split: parse_semeval17(path, encoding=encoding, decimal=decimal, strict_decimal=strict_decimal,
                                            lines=lines[split])
              for split, path in keyed.items()}
    extra = finish_pairs(splits, keyed, lines, (0, 1, None))
    golds = {split: gold_path(path) for split, path in keyed.items()}
    extra["also_read"] = {f"{split}:{gold.name}": str(gold) for split, gold in golds.items()}
    return splits, extra
