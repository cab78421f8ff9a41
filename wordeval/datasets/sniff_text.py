"""Sniffers for classification files (see sniff.py for the contract).

Classification: keys ``<split>/<label>`` are one file per class; folders are a folder per class; lines that
are each one bracketed tree are PTB trees (SST); lines whose first word is ``COARSE:fine`` are TREC;
otherwise labelled lines, the label being the field with few distinct short values (sniff_columns.py).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Callable

from wordeval.datasets.comment_rule import SNIFFED_PREFIX, comment_for_all, sniffed_comment
from wordeval.datasets.sniff import (agree, check_roles, encoding_option, is_number, path_name, primary_first,
                                     read_sample, require_nonempty, resolve_column)
from wordeval.datasets.parsers_text import (PANDAS_QUOTED, class_folders, parse_ptb_tree, reads_as_labelled,
                                            tab_fields, unquote_pandas)
from wordeval.datasets.sniff_columns import csv_rows
from wordeval.datasets.textio import ASCII_BLANK_CHARS, SEPARATORS
from wordeval.errors import ConfigError, HintError

_TREC = re.compile(r"^[A-Z]+:\S+\s+\S")
_LABEL_NAMES = {"label", "labels", "class", "category", "target", "y", "sentiment", "polarity"}
_TEXT_NAMES = {"text", "sentence", "review", "document", "question", "content", "body"}


def _most(rows, test) -> bool:
    return sum(1 for r in rows if test(r)) * 10 >= len(rows) * 9


def _label_like(values: list[str]) -> bool:
    """Few distinct short values: at most half as many distinct values as lines (or 2), short. A line or two
    without one (a missing label) is the reader's to name at its line: refusing the column for it sent the
    error to another layout, naming another line or file."""
    filled = [v for v in values if v]
    if not filled or not _most(values, bool):
        return False
    distinct = set(filled)
    return len(distinct) <= max(2, len(filled) // 2) and sum(map(len, filled)) / len(filled) <= 40


def _check_label_field(path, cells: list[tuple[int, str]], where: str, hints) -> list[str]:
    """Refuse a label field that holds texts. A file's columns may be pinned (the first file's layout, or the
    spec's), not sniffed: GLUE's unlabelled SST-2 test.tsv ('index<TAB>sentence') was read with its sentences
    as labels and the row numbers as texts, and scored. The field's distinct values, for the files after it."""
    values = [v for _, v in cells]
    # a label the spec names or the first file holds is a label however many words it has: a small test file
    # whose classes are "Science and Technology", "Arts and Culture"... once each was refused as texts
    known = {*(hints.get("labels") or ()), *(hints.get("_labels_seen") or ())}
    texts = [(n, v) for n, v in cells if len(v.split()) >= 3 and v not in known]
    # every value distinct, most of several words: labels repeat, and a rare label of three words among them
    # does not make the field a text
    if values and not _label_like(values) and len(set(values)) == len(values) and len(texts) * 2 > len(values):
        n, v = texts[0]
        raise ConfigError(f"{path}:{n}: expected a label in {where}, got a text ({v[:60]!r}), as on most lines: a "
                          "file without labels (GLUE's test.tsv) cannot be scored; set columns if its labels are "
                          "in another field")
    return sorted(set(values))


def _named_fits(columns, rows: list[list[str]], every: bool) -> bool:
    """The spec's columns.label is an index inside these records and holds one word on most: a small CSV (a
    DBpedia excerpt of 8 lines and 4 classes) whose labels were too varied to be sniffed was read as space-
    separated with the columns the error had asked for, and refused again for them. ``every``: no record
    has another width."""
    label = columns.get("label")
    if isinstance(label, bool) or not isinstance(label, int) or not rows:
        return False
    if not -len(rows[0]) <= label < len(rows[0]):
        return False
    if _most(rows, lambda f: len(f[label].split()) == 1):
        return True
    # labels of several words (DBpedia's 'Office Holder', 'Educational Institution') were read as space-
    # separated, their first words taken for the classes: the named field repeats its values on records of
    # one width. A space-separated line's text before its first comma is no label and rarely repeats
    values = [f[label].strip() for f in rows]
    distinct = len(set(values))
    return (every and all(values) and distinct < len(values)
            and distinct * 2 <= len(values) + 1 and sum(map(len, values)) / len(values) <= 40)


def _header_row(label: str, text: str) -> bool:
    """The first line names its columns (label, text, sentence, ...). Only usual names count: a rare label
    on the first line must not be taken for a header and silently dropped."""
    return label.strip().lower() in _LABEL_NAMES or text.strip().lower() in _TEXT_NAMES


def _names_numbered_labels(first: str, below: list[str]) -> bool:
    """A first-line label that is no number above labels that all are names their column: Kaggle's AG News
    CSV starts 'Class Index,Title,Description' over classes 1-4, and its header was read as a document of a
    class 'Class Index' in every file."""
    return len(below) >= 2 and not is_number(first.strip()) and all(is_number(v.strip()) for v in below)


def _quoted_end_to_end(content) -> bool:
    """Most lines quoted from end to end ('"3","Title","Text"', as Zhang et al.'s AG News CSV is): CSV
    records, however few the lines."""
    return _most(content, lambda r: r[1].startswith('"') and r[1].rstrip().endswith('"'))


def _one_word_column(candidates: dict[int, list[str]]) -> int | None:
    """The one column holding a single short word on every record, or None (none, or several: an id beside
    the label)."""
    found = [i for i, v in candidates.items()
             if v and all(len(x.split()) == 1 for x in v) and sum(map(len, v)) / len(v) <= 40]
    return found[0] if len(found) == 1 else None


def _pick_label(path, n0, candidates: dict[int, list[str]], name: Callable[[int], str], *,
                quoted: bool = False) -> int:
    """The label column among ``candidates`` (column -> its values). ``quoted``: the records are quoted end to
    end, so their columns are plain however few they are."""
    like = {i: len(set(v)) for i, v in candidates.items() if _label_like(v)}
    # every tokenised sentence ending in ' .' made the last field one punctuation mark, which beat the field of
    # labels, and then the data was blamed for having a single class; a label has a letter or digit, on (nearly)
    # every line: a few sentences ending in a word ('films') must not make the last field a rival of SST's 0-4
    worded = {i: n for i, n in like.items() if _most(candidates[i], lambda v: any(ch.isalnum() for ch in v))}
    like = worded or like
    # a column of one value cannot be the label (one class is refused): a constant 'source' or 'lang' column
    # beside the labels won the fewest-values ranking and the file was refused as having a single class. Only
    # where another column repeats its values as labels do: with every other value distinct (two lines of one
    # class) the text would have been read as the labels
    if any(1 < n < len(candidates[i]) for i, n in like.items()):
        like = {i: n for i, n in like.items() if n > 1}
    if not like and quoted and (lone := _one_word_column(candidates)) is not None:
        # labels repeat only where there are more lines than classes: an AG News excerpt of 8 lines and 4
        # classes was refused, where its 9th line made column 0 the label; beside texts, the one column of a
        # single word on every record is the label, as a larger file's repeating values show
        return lone
    if not like:
        raise ConfigError(f"{path}:{n0}: no {name(-1)} holds few distinct short values, so no label column was "
                          "found; set columns = {label = 0, text = 1} (and delimiter) in the spec")
    ranked = sorted(like, key=lambda i: like[i])
    if len(ranked) > 1 and like[ranked[0]] * 2 > like[ranked[1]]:
        raise ConfigError(f"{path}:{n0}: both {name(ranked[0])} and {name(ranked[1])} look like labels "
                          f"({like[ranked[0]]} and {like[ranked[1]]} distinct values); set columns.label in the spec")
    return ranked[0]


def _note_other_text(path, body, label: int, text: int, notes) -> None:
    """Where another column holds texts too (AG News: title and description), the sniffer took the longest
    alone and dropped the other without a word: say which it took and how to read both."""
    others = [i for i in range(len(body[0][1]) if body else 0) if i not in (label, text)
              and _most(body, lambda r: len(r[1]) > i and len(r[1][i].split()) >= 2)
              and not _label_like([f[i].strip() for _, f in body if len(f) > i])]
    if others:
        both = sorted([text, *others])
        notes.append(f"{path_name(path)}: column{'s' if len(others) > 1 else ''} "
                     f"{', '.join(map(str, others))} hold{'' if len(others) > 1 else 's'} texts too; took column "
                     f"{text} (the longest) alone: to read them joined by a space, in this order, set "
                     f"columns.text = [{', '.join(map(str, both))}] in the spec (AG News: title and description)")


def _named_label(cells: list[str]) -> int | None:
    """The one cell of a first line named as a label column is (label, class, sentiment, ...), or None."""
    found = [i for i, c in enumerate(cells) if c.strip().lower() in _LABEL_NAMES]
    return found[0] if len(found) == 1 else None


def _column_besides_texts(text, width: int) -> int | None:
    """The one column of a ``width``-column table that ``columns.text``'s indices leave, or None: AG News'
    ``columns = {text = [1, 2]}``, as datasets check advises it, leaves the label; sniffing it refused a small
    file whose 4 classes were too varied among its few lines."""
    wanted = text if isinstance(text, list) else [text]
    if not all(isinstance(w, int) and not isinstance(w, bool) and -width <= w < width for w in wanted):
        return None
    rest = set(range(width)) - {w % width for w in wanted}
    return rest.pop() if len(rest) == 1 else None


def _header_names(value) -> list[str]:
    """The header names in a ``columns`` entry: a name, or the names in a list of text columns."""
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def _names_a_cell(columns, cells: list[str]) -> bool:
    names = {c.strip().lower() for c in cells}
    return any(v.strip().lower() in names for value in columns.values() for v in _header_names(value))


def _first_or_last(path, first_line: tuple[int, str, str], columns, delimiter: str) -> dict:
    """``columns`` with header names resolved to 0 (the first field) or -1 (the last): GLUE's SST-2 files
    start 'sentence<TAB>label', and ``columns = {label = "label"}`` was refused as not 0 or -1."""
    n, first, last = first_line
    position = {first.lower(): 0, last.lower(): -1}
    out = {}
    for role, want in columns.items():
        if isinstance(want, str):
            if want.strip().lower() not in position:
                raise HintError("columns", f"{path}:{n}: columns.{role} = {want!r} is neither the first nor the "
                                           f"last {delimiter}-separated field of the header line ({first!r}, "
                                           f"{last!r})")
            want = position[want.strip().lower()]
        out[role] = want
    return out


def _quoted_records(content) -> list[tuple[int, list[str]]] | None:
    """The lines as tab-separated CSV records where some field is quoted around a tab or a line break (pandas'
    ``to_csv(sep="\t")`` quotes such texts, and the record then spans lines) and every record has one width;
    else None: tab-separated files are otherwise read literally (STS-B's hold unbalanced quotes)."""
    if not any(line.startswith('"') or '\t"' in line for _, line in content):
        return None
    rows = csv_rows(content, "tab")
    if not rows or not any("\t" in f or "\n" in f for _, fields in rows for f in fields):
        return None
    return rows if len({len(f) for _, f in rows}) == 1 and len(rows[0][1]) >= 2 else None


def _csv_lines(content, delimiter: str, few: bool = True) -> list[tuple[int, list[str]]] | None:
    """Each line as a CSV record of its own, where a few lines (at most 1 in 10; any number unless ``few``, for
    a file whose delimiter the first file set) are not one: an AG News file with one stray quote
    ('"1","Title,"text"') failed as CSV whole and was read as space-separated, its last words taken for labels;
    read as CSV, the reader names that line."""
    import csv

    rows, broken = [], 0
    for n, line in content:
        try:
            rows.extend((n, fields) for fields in csv.reader([line], delimiter=SEPARATORS[delimiter], strict=True))
        except csv.Error:
            broken += 1
    return rows if rows and (not few or broken * 10 <= len(content)) else None


def _tab_table(content) -> list[tuple[int, list[str]]] | None:
    """The lines as a table when 9 in 10 have the same three or more tab-separated fields: a pandas index or
    an id column beside the text and the label (glued into the text when the line was split once). A tab after
    the last field is no column (``tab_fields``): the label read from the last field looked empty."""
    rows = [(n, tab_fields(line)) for n, line in content]
    width, count = Counter(len(f) for _, f in rows).most_common(1)[0]
    return rows if width >= 3 and count * 10 >= len(rows) * 9 else None


def _json_object(line: str) -> dict | None:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


def _json_keys(path, content, columns, notes, keys_from=None) -> dict:
    """The label and text fields of JSON lines: as ``columns`` names them, else the one field of the first
    object with a usual name (label, sentiment, ...; text, sentence, ...). ``columns.text`` may list several
    fields, joined by a space as a CSV's listed columns are (a title and a body). ``keys_from``: (the file
    whose first object gave ``columns``, the roles the spec named itself), named where a field lacks."""
    columns = check_roles(path, columns, ("label", "text"))
    n0, first = content[0]
    obj = _json_object(first)
    if obj is None:
        raise ConfigError(f"{path}:{n0}: expected one JSON object per line, got {first[:60]!r}")
    keys = {}
    for role, names in (("label", _LABEL_NAMES), ("text", _TEXT_NAMES)):
        want = columns.get(role)
        several = role == "text" and isinstance(want, list)
        names_ok = several and want and all(isinstance(w, str) for w in want) and len(set(want)) == len(want)
        if want is not None and not (isinstance(want, str) or names_ok):
            given = "one field's name" if role == "label" else "a field's name or a list of distinct names"
            raise HintError("columns", f"{path}: columns.{role} = {want!r}: JSON lines name their fields; give "
                                       f"{given}")
        found = ([k for k in obj if k.strip().lower() in names] if want is None
                 else list(want) if several else [want])
        lacking = [k for k in found if k not in obj] if want is not None else []
        if lacking:
            # a test file with 'text' beside a train file with 'sentence' was told that columns.text named it,
            # though the spec set no columns: the first file's object did
            sniffed = keys_from is not None and role not in keys_from[1]
            named_by = (f"{path_name(keys_from[0])}'s first object has for the {role}" if sniffed
                        else f"columns.{role} names")
            raise ConfigError(f"{path}:{n0}: expected the field {lacking[0]!r} that {named_by}, got "
                              f"fields {', '.join(map(repr, obj))}"
                              + ("; give the files one field name (columns names one for every file)"
                                 if sniffed else ""))
        if len(found) != 1 and not several:
            raise ConfigError(f"{path}:{n0}: no single {role} field among {', '.join(map(repr, obj))}; set "
                              f"columns = {{label = \"...\", text = \"...\"}} in the spec")
        keys[f"{role}_key"] = found if several else found[0]
    if keys["label_key"] in (keys["text_key"] if isinstance(keys["text_key"], list) else [keys["text_key"]]):
        raise HintError("columns", f"{path}: the label and the text are both field {keys['label_key']!r}; give "
                                   "each role its own field in columns")
    text = (f"fields {', '.join(map(repr, keys['text_key']))} joined by a space"
            if isinstance(keys["text_key"], list) else f"field {keys['text_key']!r}")
    notes.append(f"{path_name(path)}: one JSON object per line, label = field {keys['label_key']!r}, "
                 f"text = {text}")
    return keys


def _refuse_sst_original_release(path, content) -> None:
    """The Stanford Sentiment Treebank's original release keeps its labels apart from its sentences (phrase
    ids in dictionary.txt, scores in sentiment_labels.txt): its datasetSentences.txt was refused with advice
    to set ``columns = {label = 0, text = 1}``, which would have scored the sentence index as the label."""
    n, first = content[0]
    if first.lstrip("\ufeff").strip().lower().split("\t") == ["sentence_index", "sentence"]:
        raise ConfigError(f"{path}:{n}: the Stanford Sentiment Treebank's original release (datasetSentences.txt, "
                          "'sentence_index<TAB>sentence') has no labels beside its sentences and is not supported; "
                          "give GLUE's SST-2 TSV files ('sentence<TAB>label'), SentEval's SST files "
                          "(sentiment-train, ...) or the treebank's trees/*.txt")


def _refuse_header_only(path, content, hints, columns) -> None:
    """A file of one line that is a header ('label<TAB>text'): a train file so was refused as 'both the first
    field and the last field look like labels (1 and 1 distinct values)', which named no cause."""
    if len(content) != 1:
        return
    n, line = content[0]
    cells = [c.strip().strip('"') for c in re.split(r"[\t,;]", line)]
    if hints.get("header") or _names_a_cell(columns, cells) or any(
            c.lower() in _LABEL_NAMES | _TEXT_NAMES for c in cells):
        raise ConfigError(f"{path}:{n}: expected labelled lines after the header line, got no data rows after it "
                          f"({line[:60]!r} is the file's only line)")


def _sniff_labeled_file(path: Path, hints, notes) -> tuple[str, dict]:
    fmt = hints.get("format")
    sample = read_sample(path, hints.get("encoding"), notes)
    # the layout without the '#' lines, as for word pairs: one is a comment only if it does not read as a
    # document of that layout (a tweet may start with a hashtag)
    content = sample.content(hints.get("comment") or SNIFFED_PREFIX) or sample.content()
    require_nonempty(sample, content)
    _refuse_sst_original_release(path, content)
    enc = encoding_option(sample)
    n0 = content[0][0]
    if fmt == "ptb-trees" or (fmt is None and hints.get("delimiter") is None
                              and _most(content, lambda r: parse_ptb_tree(r[1]) is not None)):
        notes.append(f"{path_name(path)}: one bracketed tree per line (PTB, as SST's trees): label = the root's, "
                     "text = the leaves")
        return "ptb-trees", enc
    if fmt == "json-lines" or (fmt is None and hints.get("delimiter") is None and _json_object(content[0][1])
                               and _most(content, lambda r: r[1].lstrip().startswith("{"))):
        # JSONL was read as comma-separated text: label '"label": "neg"}', text '{"text": "bad film"'
        keys = _json_keys(path, content, hints.get("columns"), notes, hints.get("_keys_from"))
        return "json-lines", {**keys,
                              **({"labels": list(hints["labels"])} if hints.get("labels") else {}), **enc}
    trec_like = hints.get("delimiter") is None and _most(content, lambda r: _TREC.match(r[1]))
    if fmt == "trec" or (fmt is None and trec_like):
        fine = hints.get("fine", True)
        notes.append(f"{path_name(path)}: TREC 'COARSE:fine question' lines; labels "
                     + ("as written (e.g. 'NUM:dist'; set fine = false for the coarse classes)" if fine
                        else "coarse (the part before ':')"))
        return "trec", {"fine": fine, **enc}
    columns = check_roles(path, hints.get("columns"), ("label", "text"))
    _refuse_header_only(path, content, hints, columns)
    delimiter = hints.get("delimiter")
    rows = None
    if delimiter is None:
        if _most(content, lambda r: "\t" in r[1]) or hints.get("_quoted"):
            delimiter = "tab"
        else:
            for cand in ("comma", "semicolon"):
                rows = csv_rows(content, cand) or _csv_lines(content, cand)
                # most records of one width: a stray record (one comma too many or too few) is the reader's to
                # name at its line; requiring every record of one width read the file as space-separated, and
                # the error named another file's header line
                width = Counter(len(f) for _, f in rows).most_common(1)[0][0] if rows else 0
                if width >= 2 and _most(rows, lambda r: len(r[1]) == width):
                    even = [f for _, f in rows[1:] or rows if len(f) == width]
                    # lines quoted from end to end ('"3","Title","Text"') are CSV records whatever their labels: a
                    # small AG News file whose 4 classes were too varied to be sniffed was read as space-separated
                    # and refused for columns that its CSV reading has
                    if (any(_label_like([f[i] for f in even]) for i in range(width))
                            or _named_fits(columns, even, len(even) == len(rows[1:] or rows))
                            or _quoted_end_to_end(content)):
                        delimiter = cand
                        break
                rows = None
            delimiter = delimiter or "space"
    options: dict = {"sep": delimiter, **enc}
    header = hints.get("header")
    quoted = own = None
    if delimiter == "tab" and hints.get("_quoted"):
        # another file of the dataset has such texts: every file is read as CSV records, one layout for all
        own = _quoted_records(content)
        quoted = own or csv_rows(content, "tab")
    table = _tab_table(content) if delimiter == "tab" and quoted is None else None
    if quoted is not None:
        rows = quoted
        options["quoted"] = True
        if own is not None:
            notes.append(f"{path_name(path)}: texts quoted around tabs or line breaks, as pandas' "
                         "to_csv(sep=\"\\t\") writes them: read as tab-separated CSV records")
    elif delimiter == "tab" and any(PANDAS_QUOTED.fullmatch(f.strip()) and '""' in f
                                  for _, line in content for f in line.split("\t")):
        options["unquote"] = True
        notes.append(f"{path_name(path)}: fields quoted as pandas writes them (\"...\"\"...\"\"...\"): unquoted")
    if table is not None:
        rows = [(n, [unquote_pandas(x.strip()) if options.get("unquote") else x for x in f]) for n, f in table]
    if delimiter in ("comma", "semicolon") or table is not None or quoted is not None:
        rows = rows or csv_rows(content, delimiter) or _csv_lines(content, delimiter, few=False)
        if rows is None:
            raise ConfigError(f"{path}: not one CSV record per line ({delimiter}); set delimiter in the spec")
        width = min(len(f) for _, f in rows)
        if width < 2:
            n, fields = next((n, f) for n, f in rows if len(f) == width)
            raise ConfigError(f"{path}:{n}: {len(fields)} {delimiter}-separated field(s), expected a label and a text; "
                              "set delimiter in the spec")
        if header is None and _names_a_cell(columns, rows[0][1]):
            header = True  # the user named a column by a cell of the first line: that line is the header
        body = rows[1:] if header else rows
        named = _named_label(rows[0][1]) if header is not False and "label" not in columns else None
        if "label" in columns:
            label = resolve_column(path, n0, "label", columns["label"], rows[0][1] if header else None, width)
        elif _column_besides_texts(columns.get("text"), width) is not None:
            label = _column_besides_texts(columns["text"], width)
        elif named is not None:
            # the header names the label column ('id,sentiment,review,stars'): that is the label, where ranking
            # the columns by their distinct values took another short column or called the two ambiguous
            label, header = named, True
            body = rows[1:]
        else:
            label = _pick_label(path, n0, {i: [f[i].strip() for _, f in (rows[1:] or rows)] for i in range(width)},
                                lambda i: f"column {i}" if i >= 0 else "column",
                                quoted=delimiter in ("comma", "semicolon") and _quoted_end_to_end(content))
        if header is None:
            header = (any(_header_row(rows[0][1][label], cell) for cell in rows[0][1])
                      or _names_numbered_labels(rows[0][1][label], [f[label] for _, f in rows[1:] if len(f) > label]))
            body = rows[1:] if header else rows
        if "text" in columns:
            wanted = columns["text"] if isinstance(columns["text"], list) else [columns["text"]]
            texts = [resolve_column(path, n0, "text", w, rows[0][1] if header else None, width) for w in wanted]
            if len(texts) > 1 and (label in texts or len(set(texts)) < len(texts)):
                raise HintError("columns", f"{path}: columns.text = {columns['text']!r} names column {label}, the "
                                           "label's, or one column twice; give the text columns apart from it")
            text = texts if len(texts) > 1 else texts[0]
        else:
            lengths = {i: sum(len(f[i]) for _, f in body) for i in range(width) if i != label}
            text = max(lengths, key=lambda i: (lengths[i], -i))
            _note_other_text(path, body, label, text, notes)
        options["_labels_seen"] = _check_label_field(path, [(n, f[label].strip()) for n, f in body if len(f) > label],
                                                     f"column {label}", hints)
        options.update(label_column=label, text_column=text, n_columns=len(rows[0][1]))
        where = f"label = column {label}, " + (f"text = columns {', '.join(map(str, text))} joined by a space"
                                               if isinstance(text, list) else f"text = column {text}")
    else:
        sep = {"tab": "\t", "space": " "}[delimiter]
        # the last field as parse_labeled_lines reads it: a trailing separator is no empty field
        split = [(n, line.partition(sep)[0].strip(),
                  line.rstrip(ASCII_BLANK_CHARS).rpartition(sep)[2].strip())
                 for n, line in content if sep in line]
        if not split:
            raise ConfigError(f"{path}:{n0}: no {delimiter} on any line; set delimiter in the spec")
        if "label" in columns or "text" in columns:
            if any(isinstance(v, str) for v in columns.values()):
                if header is False:
                    raise HintError("columns", f"{path}: columns names a header column ({columns}), but "
                                               "header = false")
                columns = _first_or_last(path, split[0], columns, delimiter)
                header = True
            # the line splits once, into a first and a last field: a text column beyond them, or the text in
            # the label's field, was dropped without a word and the other field read as the label
            for role, col in columns.items():
                if col not in (0, -1, 1):
                    raise HintError("columns", f"{path}: columns.{role} = {col!r}: a {delimiter}-separated line "
                                               f"has the label first (0) or last (-1) and the text in the other field")
            cols = {role: -1 if col == 1 else col for role, col in columns.items()}
            if len(cols) == 2 and cols["label"] == cols["text"]:
                raise HintError("columns", f"{path}: label and text are both column {cols['label']}; give each "
                                           f"role its own field (0, the first, or -1, the last)")
            label = cols.get("label", 0 if cols.get("text") == -1 else -1)
        else:
            label = {0: 0, 1: -1}[_pick_label(path, n0, {0: [f for _, f, _ in split], 1: [x for _, _, x in split]},
                                              lambda i: ("first or last field", "the first field",
                                                         "the last field")[i + 1])]
        if header is None:
            _, first, last = split[0]
            header = (_header_row(*((first, last) if label == 0 else (last, first)))
                      or _names_numbered_labels(first if label == 0 else last,
                                                [f if label == 0 else x for _, f, x in split[1:]]))
        options["_labels_seen"] = _check_label_field(
            path, [(n, first if label == 0 else last) for n, first, last in split[1 if header else 0:]],
            "the first field" if label == 0 else "the last field", hints)
        options["label_column"] = label
        where = "label first" if label == 0 else "label last"
    if header:
        options["header"] = True
    record = {key: options[key] for key in ("sep", "label_column", "text_column", "n_columns", "quoted",
                                            "unquote") if key in options}
    found = sniffed_comment(path, sample.content(), hints.get("comment"), notes=notes, records="documents",
                            reads_as_record=lambda line: reads_as_labelled(line, SNIFFED_PREFIX, **record))
    if found is not None:
        options["comment"] = found
    if hints.get("labels"):
        options["labels"] = list(hints["labels"])
    csv_like = delimiter in ("comma", "semicolon") or options.get("quoted")
    unit = "CSV record (quoted fields may span lines)" if csv_like else "line"
    notes.append(f"{path_name(path)}: one item per {unit}, {delimiter}-separated, {where}"
                 + (", header line skipped" if header else ""))
    return "labeled-lines", options


def _to_builtin(fmt: str, name: str, options: dict, files) -> tuple[str, dict]:
    """A spec that names the built-ins' readers (sst, classification) gets their options."""
    if fmt == "classification":
        inner = {"labeled-lines": "labeled_lines", "json-lines": "json_lines", "class-files": "lines", "class-folders": "folders",
                 "trec": "trec", "ptb-trees": "ptb_trees"}[name]
        return "classification", {"format": inner, **options}
    if fmt == "sst":
        if name != "labeled-lines":
            raise HintError("format", f"{next(iter(files.values()))}: format = 'sst' reads labelled lines, sniffed "
                                      f"{name!r}")
        layout = {("tab", -1): "text_tab_label", ("space", 0): "label_space_text"}.get(
            (options.get("sep"), options.get("label_column")))
        if layout is None or options.get("header"):
            raise HintError("format", f"{next(iter(files.values()))}: format = 'sst' is 'text<TAB>label' or "
                                      "'label text' without a header; use format = 'labeled-lines'")
        labels = options.get("labels")
        if labels is None:
            from wordeval.datasets.parsers_text import parse_labeled_lines
            probe = {k: v for k, v in options.items() if k not in ("labels", "label_map")}
            labels = sorted({it.label for p in files.values() for it in parse_labeled_lines(p, **probe)})
        # label_map is read by read_classification whatever the layout: it was a TypeError in the probe
        # above, and left out of the options returned here
        kept = {k: options[k] for k in ("encoding", "label_map") if k in options}
        return "sst", {"layout": layout, "labels": labels, **kept}
    return name, options


def _check_class_names(paths, hints) -> None:
    """``labels`` (the allowed labels) against the classes named by files (``split/label`` keys) or folders: the
    readers of labelled lines refuse a label it does not hold at its line, and a class file or folder of another
    name was read without a word."""
    allowed = hints.get("labels")
    for key, path in paths.items():
        label = key.partition("/")[2]
        if allowed and label not in allowed:
            raise HintError("labels", f"{path}: class {label!r} is not one of labels = "
                                      f"[{', '.join(map(repr, allowed))}]")


# the layout hints each classification reader reads (encoding, labels and label_map: all of them); a hint
# another reader takes was accepted and ignored: comment = "%" over one file per class read its '%' lines as
# documents, fine = false over labelled lines kept the fine labels
_READS = {"labeled-lines": {"delimiter", "header", "comment", "columns"}, "json-lines": {"columns"},
          "trec": {"fine"}, "ptb-trees": set(), "class-files": set(), "class-folders": set()}
_LAYOUT_HINTS = ("delimiter", "header", "comment", "columns", "fine")


def _refuse_unread_hints(name: str, hints, files) -> None:
    reads = _READS.get(name)
    for key in _LAYOUT_HINTS:
        if reads is not None and key in hints and key not in reads:
            why = "TREC files (fine = false: their coarse classes)" if key == "fine" else "another layout"
            raise HintError(key, f"{primary_first(files)[0]}: {key} does not apply to {name} data, which is read "
                                 f"without it: it is a hint for {why}")


def _refuse_sst_trees(files, hints) -> None:
    """format = "sst" names SentEval's labelled lines; SST's bracketed trees under it were split at spaces and
    refused as "both the first field and the last field look like labels", which named no way out."""
    for path in primary_first(files):
        content = read_sample(Path(path), hints.get("encoding"), []).content(hints.get("comment"))
        if content and _most(content, lambda r: parse_ptb_tree(r[1]) is not None):
            raise HintError("format", f"{path}:{content[0][0]}: format = 'sst' reads labelled lines ('label "
                                      "text', 'text<TAB>label'); these are bracketed trees (SST's trees/*.txt): "
                                      "set format = \"ptb-trees\", or leave format out")


def sniff_classification_files(files, hints, notes) -> tuple[str, dict]:
    fmt = hints.get("format")
    if fmt == "sst" and not any("/" in k or Path(p).is_dir() for k, p in files.items()):
        _refuse_sst_trees(files, hints)
    want = "labeled-lines" if fmt in ("sst", "classification") else fmt
    if any("/" in key for key in files) or want == "class-files":
        bad = sorted(k for k in files if "/" not in k)
        if bad:
            raise ConfigError(f"{files[bad[0]]}: one file per class needs every key as <split>/<label> ([classes]); "
                              f"{bad[0]!r} is not")
        encodings = []
        for key in sorted(files):
            sample = read_sample(files[key], hints.get("encoding"), notes)
            require_nonempty(sample, sample.content())
            encodings.append(encoding_option(sample))
        same = all(e == encodings[0] for e in encodings)
        enc = encodings[0] if same else {}
        if not same and all(e.get("encoding", "utf-8") in ("utf-8", "utf-8-sig") for e in encodings):
            # one file with a BOM among files without: utf-8-sig reads both (the BOM stayed in the first text)
            enc = {"encoding": "utf-8-sig"}
        elif not same:
            raise ConfigError(f"{files[sorted(files)[0]]}: the class files are in different encodings "
                              f"({', '.join(sorted({e.get('encoding', 'utf-8') for e in encodings}))}); convert "
                              f"them to one, or set encoding in the spec")
        labels = sorted({k.partition("/")[2] for k in files})
        _check_class_names({key: files[key] for key in sorted(files)}, hints)
        notes.append(f"one file per class, one text per line: labels {', '.join(labels)}")
        name, options = "class-files", dict(enc)
    elif any(Path(p).is_dir() for p in files.values()) or want == "class-folders":
        not_dirs = sorted(k for k, p in files.items() if not Path(p).is_dir())
        if not_dirs:
            raise ConfigError(f"{files[not_dirs[0]]}: expected a folder holding one folder per class (as the other "
                              "files of this spec are), got a file")
        for key, root in sorted(files.items()):
            folders, left_out = class_folders(root)
            _check_class_names({f"/{p.name}": p for p in folders}, hints)
            classes = ", ".join(p.name for p in folders) or "none"
            notes.append(f"{path_name(Path(root))}: a folder per class ({classes}), one document per .txt file (or "
                         "file without an extension)" + (f"; not classes, left out: {', '.join(left_out)}"
                                                         if left_out else ""))
        name, options = "class-folders", {}
    else:
        inner = {**hints, "format": "labeled-lines" if fmt == "sst" else None if fmt == "classification" else fmt}
        if hints.get("delimiter") in (None, "tab") and any(_quoted_records(read_sample(
                Path(p), hints.get("encoding"), []).content(hints.get("comment"))) for p in files.values()):
            inner["_quoted"] = True
        first, *rest = primary_first(files)
        name, options = _sniff_labeled_file(first, inner, notes)
        # the other files are read with the first one's layout, and its labels are labels there
        pinned = {**inner, "format": name, "_labels_seen": options.pop("_labels_seen", ())}
        if name == "labeled-lines":
            # the header is sniffed per file (a train file with a "sentence<TAB>label" line and a test file
            # without one: pinning the first file's header dropped the test file's first document); files that
            # differ in it are refused by agree(), naming both
            # a column named by its header cell is found by name in each file's own header line
            named = {r: v for r, v in (hints.get("columns") or {}).items() if _header_names(v)}
            pinned.update(delimiter=options["sep"],
                          columns={"label": options["label_column"],
                                   **({"text": options["text_column"]} if "text_column" in options else {}),
                                   **named})
        elif name == "trec":
            pinned["fine"] = options["fine"]
        elif name == "json-lines":
            pinned["columns"] = {"label": options["label_key"], "text": options["text_key"]}
            pinned["_keys_from"] = (first, tuple(hints.get("columns") or ()))
        results = [(first, name, options)] + [(p, *_sniff_labeled_file(p, pinned, notes)) for p in rest]
        for _, _, opts in results:
            opts.pop("_labels_seen", None)
        # pandas quotes only the fields that hold a quote: a file without one reads the same either way
        unquote = any([opts.pop("unquote", False) for _, _, opts in results])  # a list: pop from every one
        # likewise the texts that hold a tab or a line break: the CSV reading of a file without one is literal
        quoted = any([opts.pop("quoted", False) for _, _, opts in results])
        name, options = agree(comment_for_all(results, "labeled-lines") if "comment" not in hints
                              else results)
        if quoted:
            options["quoted"] = True  # the CSV reader undoes pandas' quotes itself: no unquote after it
        elif unquote:
            options["unquote"] = True
    _refuse_unread_hints(name, hints, files)
    if hints.get("labels") and name in ("trec", "ptb-trees"):  # labelled lines take them in _sniff_labeled_file
        options["labels"] = list(hints["labels"])
    if hints.get("label_map"):
        options["label_map"] = dict(hints["label_map"])
        notes.append("labels mapped: " + ", ".join(f"{k!r} -> {'dropped' if v is False else repr(v)}"
                                                   for k, v in hints["label_map"].items()))
    return _to_builtin(fmt, name, options, files) if fmt in ("sst", "classification") else (name, options)
