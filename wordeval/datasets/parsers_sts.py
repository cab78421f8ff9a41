"""Sentence-pair (STS) files: ``sentence1<TAB>sentence2<TAB>score`` (embeddix's copies of the SemEval sets),
or any column layout through ``columns`` (SentEval/SICK-style ``score<TAB>s1<TAB>s2``, STS-B's seven columns),
or SemEval's own distribution (``read_semeval``): ``STS.input.NAME.txt`` sentence pairs with their scores
line by line in ``STS.gs.NAME.txt``, one pair of files per subset, as SentEval reads STS 2012-2016."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from wordeval.datasets.comment_rule import CommentLines
from wordeval.datasets.dedupe import NORMALISATION, deduplicated, text_key
from wordeval.datasets.textio import csv_records_as_written, iter_lines, parse_score, split_record
from wordeval.datasets.types import SentencePair
from wordeval.datasets.validate import check_distinct_files, check_nonempty, check_scores_vary, duplicate_warning
from wordeval.errors import ConfigError, InputFormatError, WordevalError

_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";"}
SEMEVAL_SETS = {"train": "TRAIN", "dev": "TRIAL", "test": "TEST"}  # a split's rows in SICK.txt's SemEval_set


def parse_sts(path: str | os.PathLike, *, subsets: Sequence[tuple[str, int]] | None = None,
              columns: Sequence[int] | None = None, n_columns: int | None = None, sep: str = "tab",
              header: bool = False, comment: str | None = None, encoding: str = "utf-8",
              subset: str = "all", decimal: str = ".", strict_decimal: bool = False,
              set_column: int | None = None,
              keep_set: str | None = None, lines: list[int] | None = None,
              numbered_lines: Iterable[tuple[int, str]] | None = None,
              stats: dict | None = None) -> list[SentencePair]:
    """``subsets`` gives (name, number of lines) in file order, because the combined SemEval files do not
    name the subset of each line; without it every pair gets ``subset``. ``columns`` = (sentence1,
    sentence2, score) indices; without it the file must have exactly 3 columns in that order.
    ``n_columns``: the exact number of columns (default: 3 without ``columns``, else at least enough).
    ``set_column`` / ``keep_set``: only the rows whose value in that column is ``keep_set`` (SICK.txt's
    SemEval_set), the others are skipped; without ``keep_set`` every row. ``lines`` gets each pair's line, for
    checks made after parsing (score_scale) to name it. ``comment``: a line with that prefix that reads as a
    pair is a pair (``comment_rule``), ``stats["comment_lines"]`` gets the number skipped.
    ``numbered_lines``: (line number, line) to read instead of the file's lines."""
    if sep not in _SEPARATORS:
        raise ConfigError(f"{os.fspath(path)}: sep={sep!r}: expected one of {', '.join(_SEPARATORS)} "
                          "(sentences contain spaces)")
    if columns is None:
        i1, i2, iscore = 0, 1, 2
        n_columns = 3 if n_columns is None else n_columns
    else:
        i1, i2, iscore = columns
    need = max(i1, i2, iscore) + 1
    want = f"{n_columns} {sep}-separated columns" if n_columns else f"at least {need} {sep}-separated columns"
    if columns is None and n_columns == 3:
        want = "3 tab-separated columns (sentence, sentence, score)" if sep == "tab" else want
    rows = []
    skip_header = header
    header_fields: list[str] | None = None  # the header line's names: where a line's columns should be
    text = iter_lines(path, encoding=encoding) if numbered_lines is None else numbered_lines

    def reads(line: str) -> bool:
        return reads_as_sentence_pair(line, columns=columns, n_columns=n_columns, sep=sep, decimal=decimal,
                                      strict_decimal=strict_decimal)

    comments = CommentLines(comment, reads)
    skipped = comments.skipped

    if sep != "tab":  # CSV records: a quoted sentence may hold a line break, as pandas' to_csv writes it
        if comment:
            text = ((n, line) for n, line in text if not skipped(line))
        # the fields joined tell a blank record (a line of ','); an error shows the line as written
        records = ((n, fields, _SEPARATORS[sep].join(fields), written)
                   for n, fields, written in csv_records_as_written(text, sep, path))
    else:
        records = ((n, None, line, line) for n, line in text)
    for lineno, fields, line, written in records:
        if not line.strip() or (fields is None and skipped(line)):
            continue
        if fields is None:
            fields = split_record(line, sep, path, lineno)
        if skip_header:
            skip_header = False
            header_fields = fields
            continue
        off_header = header_fields is not None and len(fields) != len(header_fields)
        if (n_columns and len(fields) != n_columns) or len(fields) < need:
            if off_header:
                raise _off_header(path, lineno, fields, header_fields, (i1, i2, iscore), sep)
            raise InputFormatError(path, lineno, want, f"{len(fields)}")
        if keep_set is not None and set_column is not None:
            value = fields[set_column].strip().upper() if set_column < len(fields) else ""
            value = "TRIAL" if value == "DEV" else value  # a split column's dev (sentence-transformers' STS-B)
            if value not in SEMEVAL_SETS.values():
                raise InputFormatError(path, lineno, f"a SemEval set ({', '.join(SEMEVAL_SETS.values())}) in "
                                       f"column {set_column}", repr(value))
            if value != keep_set:
                continue
        s1, s2 = fields[i1].strip(), fields[i2].strip()
        try:
            if not s1 or not s2:
                raise InputFormatError(path, lineno, "two non-empty sentences", repr(written[:60]))
            score = parse_score(fields[iscore].strip(), decimal, path, lineno, "an STS score",
                                strict=strict_decimal)
        except InputFormatError:
            # a line wider than its header whose columns still read (STS-B's source columns after the score)
            # is read; one whose score column holds a sentence was 'expected an STS score, got <sentence>'
            if off_header:
                raise _off_header(path, lineno, fields, header_fields, (i1, i2, iscore), sep) from None
            raise
        rows.append((s1, s2, score))
        if lines is not None:
            lines.append(lineno)
    if stats is not None:
        stats["comment_lines"] = comments.count
    if subsets is None:
        return [SentencePair(a, b, s, subset) for a, b, s in rows]
    expected = sum(n for _, n in subsets)
    if len(rows) != expected:
        raise InputFormatError(path, None, f"{expected} sentence pairs", f"{len(rows)} (truncated?)")
    labels = [name for name, n in subsets for _ in range(n)]
    return [SentencePair(a, b, s, sub) for (a, b, s), sub in zip(rows, labels)]


def _off_header(path, lineno: int, fields: list[str], header: list[str], cols: tuple[int, int, int],
                sep: str) -> InputFormatError:
    """A line of another number of fields than its header line names, which does not read as a pair: its
    columns are taken at the places the header's names have (GLUE's STS-B: sentence1, sentence2 and score are
    columns 7, 8 and 9 of 10), and a tab inside a sentence moves every column after it."""
    named = ", ".join(f"{role} = column {i}" + (f" ({header[i].strip()!r})" if i < len(header) and
                                               header[i].strip() != role else "")
                      for role, i in zip(("sentence1", "sentence2", "score"), cols))
    got = f"{len(fields)}"
    if len(fields) > len(header):
        shown = fields[cols[2]].strip()
        got += (f": a {sep} inside a sentence (or a field more) moves the columns after it, and column {cols[2]}, "
                f"read as the score, holds {shown[:40] + '...' if len(shown) > 40 else shown!r}; replace the "
                f"stray {sep} by a space")
    return InputFormatError(path, lineno, f"{len(header)} {sep}-separated columns, as the header line names them "
                            f"(the pairs are read at its names' places: {named})", got)


def reads_as_sentence_pair(line: str, **record_options) -> bool:
    """Whether a line is one sentence pair as ``parse_sts`` reads one with ``record_options`` (its layout's:
    ``sep``, ``columns``, ``n_columns``, ``decimal``): a '#' line is a comment only where it is not one."""
    try:
        return len(parse_sts(os.devnull, numbered_lines=[(1, line)], **record_options)) == 1
    except WordevalError:
        return False


# STS gold is symmetric (how alike a and b are is how alike b and a are), and so is every scorer here (the
# cosine of two pooled vectors): a pair and its swapped copy are one item, weighted twice in a correlation
PAIR_NORMALISATION = f"each sentence after {NORMALISATION}; a pair's two sentences in either order"


def pair_key(pair: SentencePair) -> tuple[str, str]:
    a, b = text_key(pair.sentence1), text_key(pair.sentence2)
    return (a, b) if a <= b else (b, a)


def _drop_copies(splits: dict, lines: dict, paths: Mapping, deduplicate, extra: dict) -> list[str]:
    """``deduplicate`` (a user's spec: ``dedupe.TEST_FIRST``) drops repeated pairs in place, ``lines`` alike,
    and records what it dropped; without it the repeats are read and warned of. Returns the warnings."""
    if not deduplicate:
        return [w for split, items in splits.items()
                if (w := duplicate_warning(items, lambda p: (p.sentence1, p.sentence2), "sentence pairs",
                                           split, lines=lines[split]))]
    places = {split: [n if isinstance(n, tuple) else (paths[split], n) for n in lines[split]] for split in splits}
    line_of = {id(it): n for split in splits for it, n in zip(splits[split], lines[split])}
    kept, extra["deduplicated"], warnings = deduplicated(splits, places, key=pair_key, order=tuple(deduplicate),
                                                         gold="score", normalisation=PAIR_NORMALISATION)
    for split in splits:
        splits[split] = kept[split]
        lines[split] = [line_of[id(it)] for it in kept[split]]
    return warnings


def read_sts(paths: Mapping[str, os.PathLike], *, subsets=None, deduplicate=(), **options) -> tuple[dict, dict]:
    """Reader. Built-in specs name their one file ``pairs`` (split "test", ``subsets`` by line range); a
    user's spec names each file by its split. Refuses an empty split and constant gold scores."""
    check_distinct_files(paths)
    keyed = {("test" if key == "pairs" else key): path for key, path in paths.items()}
    subsets = tuple(map(tuple, subsets)) if subsets is not None else None
    lines: dict[str, list[int]] = {split: [] for split in keyed}
    stats: dict[str, dict] = {split: {} for split in keyed}
    splits = {split: parse_sts(path, subsets=subsets, keep_set=SEMEVAL_SETS.get(split) if options.get("set_column")
                               is not None else None, lines=lines[split], stats=stats[split], **options)
              for split, path in keyed.items()}
    check_nonempty(splits, keyed)
    extra: dict = {"subsets": dict(subsets)} if subsets is not None else {}
    if options.get("comment"):  # what the comment rule left out, per file
        extra["comment_lines"] = {split: s["comment_lines"] for split, s in stats.items()}
    extra["item_lines"] = lines
    if options.get("columns") is not None:
        extra["columns"] = dict(zip(("sentence1", "sentence2", "score"), options["columns"]))
    warnings = _drop_copies(splits, lines, keyed, deduplicate, extra)
    # of the pairs scored: after the copies are dropped
    check_scores_vary(splits, keyed, "STS scores", extra.get("deduplicated"))
    if warnings:
        extra["warnings"] = warnings
    return splits, extra


# STS 2012-2015 name their files STS.input.NAME.txt; STS 2016 as distributed STS2016.input.NAME.txt (SentEval's
# download script renames them), with its gold in STS2016.gs.NAME.txt
_SEMEVAL_INPUT = re.compile(r"^(STS(?:\d{4})?)\.input\.(.+)\.txt$")


def semeval_inputs(path: str | os.PathLike) -> list[tuple[Path, Path, str]]:
    """(input file, gold file, subset) for a SemEval input file or a folder of them, in name order; the gold
    file is the input's sibling ``STS.gs.NAME.txt`` (``STS2016.gs.NAME.txt`` beside ``STS2016.input.NAME.txt``).
    [] when ``path`` is neither."""
    path = Path(path)
    inputs = sorted(p for p in path.iterdir() if _SEMEVAL_INPUT.match(p.name)) if path.is_dir() else (
        [path] if _SEMEVAL_INPUT.match(path.name) else [])
    found = []
    for p in inputs:
        prefix, name = _SEMEVAL_INPUT.match(p.name).groups()
        found.append((p, p.with_name(f"{prefix}.gs.{name}.txt"), name))
    return found


def parse_semeval(input_path: Path, gold_path: Path, subset: str, *, encoding: str = "utf-8", decimal: str = ".",
                  strict_decimal: bool = False, lines: list | None = None) -> tuple[list[SentencePair], int]:
    """One subset: line i of the input (two tab-separated sentences, further columns ignored: some years add
    the sources) with line i of the gold file. A blank gold line is a pair SemEval did not score (STS 2016);
    it is left out, as SemEval's scorer and SentEval do. Returns (pairs, pairs left out). ``lines`` gets each
    pair's (gold file, line): where its score was read, for checks made after parsing (score_scale)."""
    if not gold_path.is_file():
        from wordeval.errors import MissingFileError
        raise MissingFileError(f"{gold_path}: the gold scores of {input_path.name} (SemEval's STS.gs.NAME.txt "
                               "beside STS.input.NAME.txt) not found")
    inputs = list(iter_lines(input_path, encoding=encoding))
    golds = list(iter_lines(gold_path, encoding=encoding))
    while inputs and not inputs[-1][1].strip():
        inputs.pop()
    # A blank last gold line is an unscored last pair (STS 2015/2016 leave whole runs of pairs unscored)
    # when the input has that line; only blank lines beyond the input's pairs are a file's trailing newlines
    while len(golds) > len(inputs) and not golds[-1][1].strip():
        golds.pop()
    if len(golds) != len(inputs):
        # named at the first line the other file has no partner for: the file alone left the user to count
        counts = f"{len(golds)} gold lines for {len(inputs)} sentence pairs"
        if len(golds) < len(inputs):
            raise InputFormatError(input_path, inputs[len(golds)][0], f"a gold score for this pair on line "
                                   f"{inputs[len(golds)][0]} of {gold_path.name}", f"none ({counts})")
        raise InputFormatError(gold_path, golds[len(inputs)][0], f"no gold line past the {len(inputs)} sentence "
                               f"pairs of {input_path.name}", f"{golds[len(inputs)][1].strip()!r} ({counts})")
    pairs, unscored = [], 0
    for (lineno, line), (gold_no, gold) in zip(inputs, golds):
        if not gold.strip():
            unscored += 1
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
            raise InputFormatError(input_path, lineno, "two tab-separated non-empty sentences", repr(line[:60]))
        score = parse_score(gold.strip(), decimal, gold_path, gold_no, "an STS score", strict=strict_decimal)
        pairs.append(SentencePair(fields[0].strip(), fields[1].strip(), score, subset))
        if lines is not None:
            lines.append((gold_path, gold_no))
    return pairs, unscored


def read_semeval(paths: Mapping[str, os.PathLike], *, encoding: str = "utf-8",
                 decimal: str = ".", strict_decimal: bool = False, deduplicate=()) -> tuple[dict, dict]:
    """Reader. Each split's path is an ``STS.input.NAME.txt`` file or a folder of them (every subset of a
    year: STS 2016's answer-answer, headlines, ...); each item's subset is its NAME."""
    check_distinct_files(paths)
    splits, unscored, subsets, also_read, lines, folder_files = {}, {}, {}, {}, {}, {}
    for split, path in paths.items():
        found = semeval_inputs(path)
        if not Path(path).is_dir():  # a folder's digest covers its gold files already
            also_read.update({f"{split}:{gold.name}": str(gold) for _, gold, _ in found})
        else:
            folder_files[split] = [p for input_path, gold, _ in found for p in (input_path, gold)]
        if not found:
            raise InputFormatError(path, None, "SemEval STS files (STS.input.NAME.txt with STS.gs.NAME.txt, or a "
                                   "folder of them)", "no STS.input.*.txt")
        splits[split], lines[split] = [], []
        names = [subset for _, _, subset in found]
        if len(set(names)) < len(names):  # STS.input.X.txt beside STS2016.input.X.txt: one subset read twice
            twice = sorted({n for n in names if names.count(n) > 1})
            files = ", ".join(p.name for p, _, name in found if name in twice)
            raise InputFormatError(path, None, "one input file per subset", f"two for {', '.join(twice)} ({files})")
        for input_path, gold_path, subset in found:
            pairs, left_out = parse_semeval(input_path, gold_path, subset, encoding=encoding, decimal=decimal,
                                            strict_decimal=strict_decimal, lines=lines[split])
            splits[split] += pairs
            subsets[subset] = len(pairs)
            if left_out:
                unscored[f"{split}/{subset}"] = left_out
    check_nonempty(splits, paths)
    extra: dict = {"subsets": subsets, "also_read": also_read, "item_lines": lines,
                   **({"folder_files": folder_files} if folder_files else {})}
    warnings = [f"{key}: {n} pair(s) without a gold score (blank line in STS.gs) left out, as SemEval's "
                "scorer does" for key, n in unscored.items()]
    # the copies go before the checks below: a subset whose scores vary only through its copies was
    # scored constant (spearman_mean_subsets NaN) after they were dropped
    read = dict(subsets)
    warnings += _drop_copies(splits, lines, paths, deduplicate, extra)
    if deduplicate:  # a subset's count is what is scored of it
        subsets.update({name: sum(p.subset == name for ps in splits.values() for p in ps)
                        for name in subsets})
    check_scores_vary(splits, paths, "STS scores", extra.get("deduplicated"))
    for split, items in splits.items():
        # spearman_mean_subsets averages one Spearman per subset: a gold file of one score on every pair (a
        # wrong or placeholder file) made it NaN while the pooled score looked sound; so did one whose blank gold
        # lines left a single scored pair
        for (_, gold_path, subset) in semeval_inputs(paths[split]):
            scores = [p.score for p in items if p.subset == subset]
            if len(set(scores)) <= 1:
                lost = read[subset] - subsets[subset]
                after = f", after deduplicate = true dropped {lost} of its {read[subset]}" if lost else ""
                got = (f"a constant {scores[0]!r} on all {len(scores)} scored pairs" if len(scores) > 1
                       else f"one scored pair ({scores[0]!r})" if scores else "no scored pair")
                raise InputFormatError(gold_path, None, f"STS scores that vary across the pairs of subset "
                                       f"{subset!r} (spearman_mean_subsets averages one correlation per "
                                       "subset)", got + after)
    if warnings:
        extra["warnings"] = warnings
    return splits, extra
