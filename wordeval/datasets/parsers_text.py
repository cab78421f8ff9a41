"""Text-classification files: one-sentence-per-line files per class (MR, CR), ``label sentence`` /
``sentence<TAB>label`` (SST) and any ``label<SEP>text`` / ``text<SEP>label`` lines (tab, space, or CSV with
comma/semicolon and quoting), ``COARSE:fine question`` (TREC), JSON lines (one object per line, label and text in named fields), a
bracketed tree per line (the Stanford
Sentiment Treebank's PTB files: the root's label, the leaves' text) and a folder per class (BBC News). Any of
them may rename or drop labels through ``label_map`` (SST-2 from the trees: 0, 1 negative; 3, 4 positive; 2
dropped).

Every reader refuses an empty split, the same file for two splits or classes, and a dataset (or a train
split) with a single class; labels seen outside train but not in it are listed in ``extra["warnings"]``.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from wordeval.datasets.comment_rule import CommentLines
from wordeval.datasets.dedupe import ORDER, deduplicated, labels_after_copies, loose_duplicate_warnings
from wordeval.datasets.line_breaks import read_html_breaks
from wordeval.datasets.text_escapes import EscapeReading
from wordeval.datasets.textio import (ASCII_BLANK_CHARS, csv_records_as_written, encoding_advice, iter_lines,
                                     line_of_byte, read_bytes, undecodable_under_mark, unicode_codec)
from wordeval.datasets.types import LabeledText
from wordeval.datasets.validate import (check_distinct_files, check_labels, check_nonempty, check_shared_labels,
                                       duplicate_warning, overlap_warning, subfolders)
from wordeval.errors import ConfigError, HintError, InputFormatError, MissingFileError, WordevalError


def parse_lines(path: str | os.PathLike, label: str, *, encoding: str = "utf-8",
                places: list | None = None) -> list[LabeledText]:
    """Every non-blank line is one text of class ``label`` (SentEval's CR files contain 4 blank lines).
    ``places``, where given, gets each item's (path, line), as every parser here gives it: for messages."""
    read = [(n, line) for n, line in iter_lines(path, encoding=encoding) if line.strip()]
    _placed(places, path, [n for n, _ in read])
    return [LabeledText(line.strip(), label) for _, line in read]


def _placed(places: list | None, path, lines) -> None:
    if places is not None:
        places.extend((path, n) for n in lines)


def parse_sst(path: str | os.PathLike, *, layout: str, labels: Sequence[str],
              encoding: str = "utf-8", places: list | None = None) -> list[LabeledText]:
    """``layout="text_tab_label"`` (SentEval binary) or ``"label_space_text"`` (SentEval fine-grained)."""
    if layout not in ("text_tab_label", "label_space_text"):
        raise ConfigError(f"{os.fspath(path)}: layout={layout!r}: expected text_tab_label or label_space_text")
    items = []
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip():
            continue
        if layout == "text_tab_label":
            text, sep, label = line.rpartition("\t")
        else:
            label, sep, text = line.partition(" ")
        label, text = label.strip(), text.strip()
        if not sep or not text:
            raise InputFormatError(path, lineno, f"a sentence and a label ({layout})", repr(line[:60]))
        if label not in labels:
            raise InputFormatError(path, lineno, f"a label in {{{', '.join(labels)}}}", repr(label))
        items.append(LabeledText(text, label))
        _placed(places, path, [lineno])
    return items


_TREE_TOKENS = re.compile(r"\(|\)|[^\s()]+")


def parse_ptb_tree(line: str) -> tuple[str, list[str]] | None:
    """(root label, leaves) of one bracketed tree ``(3 (2 It) (4 (2 's) (4 good)))``; None unless the line is
    exactly one well-formed tree with at least one leaf. Leaves are kept as written (SST's ``-LRB-`` too, as
    SentEval's SST files keep ``-lrb-``): a bracket cannot be a leaf of a bracketed tree."""
    tokens = _TREE_TOKENS.findall(line)
    if len(tokens) < 4 or tokens[0] != "(" or tokens[-1] != ")":
        return None
    depth, leaves, root = 0, [], None
    for i, tok in enumerate(tokens):
        if tok == "(":
            if depth == 0 and i:  # a second tree on the line
                return None
            if i + 1 >= len(tokens) or tokens[i + 1] in "()":
                return None  # every bracket opens with its label
            depth += 1
        elif tok == ")":
            depth -= 1
            if depth < 0:
                return None
        elif tokens[i - 1] == "(":
            root = tok if root is None else root
        else:
            leaves.append(tok)
    return (root, leaves) if depth == 0 and leaves else None


def parse_ptb_trees(path: str | os.PathLike, *, encoding: str = "utf-8",
                    labels: Sequence[str] | None = None, places: list | None = None) -> list[LabeledText]:
    """One bracketed tree per line (SST's ``trees/train.txt``): the item's label is the root's, its text the
    leaves joined by spaces. ``labels``: the allowed root labels, if known."""
    items = []
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip():
            continue
        tree = parse_ptb_tree(line)
        if tree is None:
            raise InputFormatError(path, lineno, "one bracketed tree per line, '(LABEL (LABEL word) ...)', its "
                                   "brackets balanced", repr(line[:60]))
        _check_label(tree[0], labels, path, lineno)
        items.append(LabeledText(" ".join(tree[1]), tree[0]))
        _placed(places, path, [lineno])
    return items


def _check_label(label: str, labels: Sequence[str] | None, path, lineno: int) -> None:
    if labels is not None and label not in labels:
        raise InputFormatError(path, lineno, f"a label in {{{', '.join(sorted(labels))}}}", repr(label))


def map_labels(splits: dict[str, list], label_map: Mapping[str, str | bool], keyed,
               places: dict[str, list] | None = None) -> list[str]:
    """Rename labels (``"0" = "negative"``) or drop their items (``"2" = false``) in place; labels the map does
    not name are kept. A key that matches no label is an error (a typo would otherwise map nothing). Returns
    what was done, in words, for the dataset's notes. ``places`` (split -> each item's place) drops alike."""
    seen = {it.label for items in splits.values() for it in items}
    unused = sorted(set(label_map) - seen)
    if unused:
        # a HintError, so that a user's spec is named at the key's line: the message named a data file only
        files = ", ".join(sorted({Path(p).name for p in keyed.values()}))
        raise HintError("label_map", f"label_map: expected keys among the labels read from {files} "
                        f"({', '.join(map(repr, sorted(seen)[:20]))}), got {', '.join(map(repr, unused))}",
                        entry=unused[0])
    done = []
    for split, items in splits.items():
        kept = [LabeledText(it.text, label_map.get(it.label, it.label)) for it in items
                if label_map.get(it.label, True) is not False]
        if len(kept) < len(items):
            done.append(f"{split}: {len(items) - len(kept)} item(s) dropped by label_map")
            if places is not None:
                places[split] = [p for it, p in zip(items, places[split])
                                 if label_map.get(it.label, True) is not False]
        splits[split] = kept
    return done


_LABEL_END = re.compile(r"[ \t]")


def parse_trec(path: str | os.PathLike, *, fine: bool, encoding: str = "utf-8",
               labels: Sequence[str] | None = None, places: list | None = None) -> list[LabeledText]:
    """``DESC:manner How did ...``: the coarse label is before the colon (6 classes), fine is all of it (50).
    ``labels``: the allowed labels (as read: fine or coarse), if known."""
    items = []
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip():
            continue
        # the label ends at the first space or tab: a tab after it must not become part of the label
        label, text = (_LABEL_END.split(line, maxsplit=1) + [""])[:2]
        coarse, colon, sub = label.partition(":")
        if not colon or not coarse or not sub or not text.strip():
            raise InputFormatError(path, lineno, "'COARSE:fine question'", repr(line[:60]))
        if not coarse.isupper():
            # the layout writes its coarse classes in capitals: 'desc:manner' was read as a 51st class, beside
            # DESC:manner, with only a small-class warning (a typo that split a class in two)
            raise InputFormatError(path, lineno, "a TREC label with its coarse class in capitals (ABBR, DESC, "
                                   "ENTY, HUM, LOC, NUM: 'DESC:manner')", repr(label))
        _check_label(label if fine else coarse, labels, path, lineno)
        items.append(LabeledText(text.strip(), label if fine else coarse))
        _placed(places, path, [lineno])
    return items


FASTTEXT_PREFIX = "__label__"
_LABEL_SEPARATORS = {"tab": "\t", "space": " ", "comma": ",", "semicolon": ";"}


# a field as pandas' to_csv(sep="\t") writes one that holds a quote: wrapped in quotes, inner quotes doubled
PANDAS_QUOTED = re.compile(r'"((?:[^"]|"")*)"')


def unquote_pandas(field: str) -> str:
    m = PANDAS_QUOTED.fullmatch(field)
    return m.group(1).replace('""', '"') if m else field


def tab_fields(line: str) -> list[str]:
    """A tab-separated line's fields, trailing empty ones dropped (as Perl's split drops them): a tab after
    the last field on most lines made them a table of one more column, and the lines without it (or another
    file of the dataset) were refused as of another layout."""
    fields = line.split("\t")
    while len(fields) > 1 and not fields[-1].strip(ASCII_BLANK_CHARS):
        fields.pop()
    return fields


def parse_labeled_lines(path: str | os.PathLike, *, sep: str = "tab", label_column: int = 0,
                        text_column: int | Sequence[int] | None = None, n_columns: int | None = None,
                        header: bool = False,
                        comment: str | None = None, labels: Sequence[str] | None = None,
                        encoding: str = "utf-8", unquote: bool = False,
                        quoted: bool = False, places: list | None = None,
                        numbered_lines: Iterable[tuple[int, str]] | None = None,
                        stats: dict | None = None) -> list[LabeledText]:
    """One item per line. Tab/space: the line splits once at the first (``label_column`` 0) or last
    (``label_column`` -1) separator, so the text keeps any further tabs or spaces (as SentEval's SST
    files are read). Comma/semicolon: a CSV record (quoted fields allowed) with ``n_columns`` columns,
    the label and text in ``label_column``/``text_column`` (a list of columns: their fields joined by a space,
    in that order, as AG News' title and description are read). Tab with ``n_columns``: a table of that many
    tab-separated columns (a pandas index, an id beside the label and the text; a tab after the last
    field is no column: ``tab_fields``).
    ``unquote``: undo pandas' quoting of tab-separated fields (``unquote_pandas``). ``quoted``: read
    tab-separated lines as CSV records, as pandas writes texts that hold a tab or a line break. ``labels``:
    the allowed labels, if known. ``comment``: a line with that prefix that reads as a document is one
    (``reads_as_labelled``), ``stats["comment_lines"]`` gets the number skipped. ``numbered_lines``: (line
    number, line) to read instead of the file's lines."""
    if sep not in _LABEL_SEPARATORS:
        raise ConfigError(f"{os.fspath(path)}: sep={sep!r}: expected one of {', '.join(_LABEL_SEPARATORS)}")
    delimiter = _LABEL_SEPARATORS[sep]
    is_csv = sep in ("comma", "semicolon") or (quoted and sep == "tab")
    table = sep == "tab" and n_columns is not None and not is_csv
    if not is_csv and not table and (label_column not in (0, -1) or isinstance(text_column, (list, tuple))):
        raise ConfigError(f"{os.fspath(path)}: label_column={label_column}, text_column={text_column}: a "
                          f"{sep}-separated line has the label first (0) or last (-1) and one text; use a CSV "
                          "(comma/semicolon) for more columns")
    text_column = (1 if label_column == 0 else 0) if text_column is None else text_column
    text_columns = list(text_column) if isinstance(text_column, (list, tuple)) else [text_column]
    allowed = set(labels) if labels is not None else None
    items = []
    skip_header = header
    lines = iter_lines(path, encoding=encoding) if numbered_lines is None else numbered_lines

    def reads(line: str) -> bool:
        return reads_as_labelled(line, comment, sep=sep, label_column=label_column, text_column=text_column,
                                 n_columns=n_columns, labels=labels, unquote=unquote, quoted=quoted)

    comments = CommentLines(comment, reads)
    skipped = comments.skipped

    if is_csv:  # a record may span lines (a quoted text holding newlines); its first line names it
        if comment:
            lines = ((n, line) for n, line in lines if not skipped(line))
        # the fields joined tell a blank record (a line of '""' or ','); an error shows the line as written
        records = ((n, fields, delimiter.join(fields), written)
                   for n, fields, written in csv_records_as_written(lines, sep, path))
    else:
        records = ((n, None, line, line) for n, line in lines)
    for lineno, fields, line, written in records:
        if not line.strip() or (not is_csv and skipped(line)):
            continue
        if skip_header:
            skip_header = False
            continue
        if table:
            fields = tab_fields(line)
        if is_csv or table:
            used = [label_column, *text_columns]
            need = max(used) + 1 if min(used) >= 0 else 2
            if (n_columns and len(fields) != n_columns) or len(fields) < need:
                raise InputFormatError(path, lineno, f"{n_columns or need} {sep}-separated columns", f"{len(fields)}")
            label = fields[label_column]
            parts = [unquote_pandas(fields[i].strip()) if unquote else fields[i].strip() for i in text_columns]
            text = " ".join(p for p in parts if p)
            ok = True
        elif label_column == 0:
            label, ok, text = line.partition(delimiter)
        else:
            # a tab (or space) after the label on some lines made the last field empty: that line was refused
            # as having no label, and the sniffer found no label column; Perl's split drops such fields too
            text, ok, label = line.rstrip(ASCII_BLANK_CHARS).rpartition(delimiter)
        if unquote:  # a table's text fields were unquoted one by one above
            label = unquote_pandas(label.strip())
            text = text if table or is_csv else unquote_pandas(text.strip())
        label, text = label.strip(), text.strip()
        if not ok or not label or not text:
            where = "first" if label_column == 0 else "last"
            raise InputFormatError(path, lineno, f"a label and a text ({where} {sep}-separated field is the label)",
                                   repr(written[:60]))
        if label.startswith(FASTTEXT_PREFIX) and text.split(maxsplit=1)[0].startswith(FASTTEXT_PREFIX):
            # fastText's '__label__a __label__b text' is one document of two classes: it was read as class
            # __label__a with the text '__label__b text'
            raise InputFormatError(path, lineno, f"one label per line ({FASTTEXT_PREFIX}X text)",
                                   f"several labels, {repr(written[:60])}")
        _check_label(label, allowed, path, lineno)
        items.append(LabeledText(text, label))
        _placed(places, path, [lineno])
    if stats is not None:
        stats["comment_lines"] = comments.count
    return items


def reads_as_labelled(line: str, comment: str, **record_options) -> bool:
    """Whether a comment-prefixed line is one document as ``parse_labeled_lines`` reads one with
    ``record_options`` (its layout's), its label not starting with the prefix: a hashtag is a text's
    ('#nyc is great<TAB>pos'), while '# label<TAB>text' or '# from the 2019 crawl, cleaned' is no class."""
    try:
        [item] = parse_labeled_lines(os.devnull, numbered_lines=[(1, line)], **record_options)
    except (WordevalError, ValueError):  # ValueError: no document on the line
        return False
    return not item.label.startswith(comment)


def parse_json_lines(path: str | os.PathLike, *, label_key: str, text_key: str | Sequence[str],
                     labels: Sequence[str] | None = None, encoding: str = "utf-8",
                     places: list | None = None) -> list[LabeledText]:
    """One JSON object per line (JSONL, as ``pandas.to_json(orient="records", lines=True)`` and Hugging Face
    datasets write them), the label and the text in the fields ``label_key`` and ``text_key``. A number label
    is kept as JSON spells it (1 and "1" are one class); a list or an object is several labels, refused.
    ``text_key`` a list: its fields' texts joined by a space in that order, an empty one or a null (pandas'
    missing value) left out, as ``parse_labeled_lines`` leaves out a CSV's empty field."""
    allowed = set(labels) if labels is not None else None
    several = not isinstance(text_key, str)
    text_keys = list(text_key) if several else [text_key]
    items = []
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise InputFormatError(path, lineno, "one JSON object per line", f"invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise InputFormatError(path, lineno, "one JSON object per line", f"a JSON {type(obj).__name__}")
        missing = [k for k in (label_key, *text_keys) if k not in obj]
        if missing:
            raise InputFormatError(path, lineno, f"the field {missing[0]!r}",
                                   f"fields {', '.join(map(repr, obj)) or 'none'}")
        label, texts = obj[label_key], [obj[k] for k in text_keys]
        if isinstance(label, bool) or not isinstance(label, (str, int, float)):
            raise InputFormatError(path, lineno, f"one label (a string or a number) in {label_key!r}",
                                   json.dumps(label)[:60])
        label = (label if isinstance(label, str) else json.dumps(label)).strip()
        kept = [t.strip() for t in texts if isinstance(t, str) and t.strip()]
        # a null among listed fields is a missing value; a lone field must hold the text
        odd = any(not isinstance(t, str) and not (several and t is None) for t in texts)
        if not label or not kept or odd:
            where = " or ".join(map(repr, text_keys)) if several else repr(text_key)
            raise InputFormatError(path, lineno, f"a label in {label_key!r} and a non-empty text in {where}",
                                   repr(line[:60]))
        _check_label(label, allowed, path, lineno)
        items.append(LabeledText(" ".join(kept), label))
        _placed(places, path, [lineno])
    return items


# Folders beside the class folders that hold no class: IMDB's aclImdb/train/unsup (50,000 unlabelled reviews,
# read as a third class that test lacks), a macOS zip's __MACOSX and hidden folders (.ipynb_checkpoints)
UNLABELLED_FOLDERS = frozenset({"unsup", "__MACOSX"})


def class_folders(root: str | os.PathLike) -> tuple[list[Path], list[str]]:
    """(the class folders in ``root``, sorted; the names of the folders left out as no class)."""
    folders, left_out = [], []
    for folder in subfolders(root):
        (left_out if folder.name in UNLABELLED_FOLDERS or folder.name.startswith(".") else folders).append(folder)
    return folders, [p.name for p in left_out]


def class_documents(folder: Path) -> list[Path]:
    """A class folder's documents: its .txt files, and its files without an extension (20 Newsgroups' numbered
    articles, 20news-bydate-train/sci.space/60804), which were left unread: a class of them vanished."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.suffix in (".txt", "")
                  and p.is_file())


def _refuse_splits_folder(root: Path, folder: Path) -> None:
    """A "class" folder holding class folders: ``root`` is the folder of the splits (aclImdb, not
    aclImdb/train; a folder holding 20news-bydate-train and -test), which was refused as a class 'test'
    without documents, naming no cause."""
    inner = [p.name for p in class_folders(folder)[0]]
    if inner:
        splits = [p.name for p in class_folders(root)[0] if class_folders(p)[0]]
        keys = ", ".join(f'{_split_key(name)} = "{root.name}/{name}"' for name in splits)
        raise InputFormatError(root, None, "a folder per class holding its documents",
                               f"{folder.name}/ holding folders ({', '.join(inner[:5])}"
                               f"{', ...' if len(inner) > 5 else ''}): this is the folder of the splits; "
                               "give "
                               f"each split's folder under its own key in [files] ({keys})")


def _split_key(name: str) -> str:
    """The spec key a split folder's name suggests: aclImdb/test, 20news-bydate-train."""
    low = name.lower()
    words = {"test": ("test",), "dev": ("dev", "valid")}
    return next((key for key, of in words.items() if any(w in low for w in of)), "train")


def parse_class_folders(root: str | os.PathLike, *, encoding: str = "utf-8",
                        fallback_encoding: str | None = None,
                        places: list | None = None) -> list[LabeledText]:
    """``root/<class>/*.txt`` (or files without an extension), one document per file, class = folder name, in
    sorted order. ``fallback_encoding`` decodes the rare file that is not valid in ``encoding`` (BBC News: one
    file, sports/199.txt, has a Latin-1 pound sign in an otherwise UTF-8 corpus)."""
    root = Path(root)
    if not root.is_dir():
        raise MissingFileError(f"{root}: expected a folder holding one folder of .txt documents per class")
    items = []
    for folder in class_folders(root)[0]:
        documents = class_documents(folder)
        if not documents:  # its class was silently missing from the split
            _refuse_splits_folder(root, folder)
            raise InputFormatError(folder, None, f"documents of class {folder.name!r} (.txt files, or files "
                                   "without an extension)", "none in this class folder")
        for path in documents:
            raw = read_bytes(path)
            # a UTF-16/UTF-32 byte-order mark says how the document is read, as for any dataset line
            marked = unicode_codec(path, raw[:4], encoding)
            try:
                text = raw.decode(marked or encoding)
            except UnicodeDecodeError as exc:
                if marked:
                    raise undecodable_under_mark(path, line_of_byte(raw, exc.start, marked), marked,
                                                 exc) from None
                if fallback_encoding is None:
                    line = line_of_byte(raw, exc.start, encoding)
                    raise InputFormatError(path, line, f"{encoding} text", f"byte 0x{raw[exc.start]:02x}; "
                                           f"{encoding_advice(raw.splitlines(), encoding)}") from None
                try:
                    text = raw.decode(fallback_encoding)
                except UnicodeDecodeError as exc2:
                    line = line_of_byte(raw, exc2.start, fallback_encoding)
                    raise InputFormatError(path, line, f"{encoding} or {fallback_encoding} text",
                                           f"byte 0x{raw[exc2.start]:02x}") from None
            text = text.replace("\r\n", "\n").strip()
            if not text:
                raise InputFormatError(path, 1, "a non-empty document", "an empty file")
            items.append(LabeledText(text, folder.name))
            _placed(places, path, [None])  # a document is its file
    return items


def stratified_split(items: Sequence[LabeledText], names: Sequence[str], fractions: Sequence[float],
                     seed: int, *, stratify: str = "label") -> dict:
    """Fixed-seed stratified partition (scikit-learn); names[0] gets the remainder. File order is kept.
    ``stratify="coarse"`` stratifies on the label's part before ':' (TREC)."""
    from sklearn.model_selection import train_test_split

    idx = list(range(len(items)))
    labels = [it.label.partition(":")[0] if stratify == "coarse" else it.label for it in items]
    out = {}
    rest, rest_labels = idx, labels
    for name, frac in zip(names[1:], fractions[1:]):
        n_take = int(round(len(items) * frac))
        rest, take, rest_labels, _ = train_test_split(rest, rest_labels, test_size=n_take, random_state=seed,
                                                      stratify=rest_labels)
        out[name] = [items[i] for i in sorted(take)]
    out[names[0]] = [items[i] for i in sorted(rest)]
    return {name: out[name] for name in names}


def read_classification(paths: Mapping[str, os.PathLike], *, format: str, derive: Mapping | None = None,
                        label_map: Mapping[str, str | bool] | None = None,
                        deduplicate: bool | Sequence[str] = False, escapes: str = "none",
                        **options) -> tuple[dict, dict]:
    """Reader. File keys: ``<split>`` or ``<split>/<label>`` (one file per class, MR/CR), or ``folder``
    (BBC). ``derive`` = {"from", "into", "fractions", "seed"} makes missing splits, stratified by label.
    ``label_map`` (``map_labels``) renames or drops labels before any check. ``deduplicate`` keeps one copy
    of each text (``dedupe.drop_duplicates``), after ``derive``, and records what it dropped: true keeps the
    earliest split's copy (train, dev, test: BBC), a list of splits names the order whose copies are kept
    (a user's spec: ``dedupe.TEST_FIRST``). ``escapes = "backslash"`` decodes Zhang et al.'s backslash escapes
    (``text_escapes``) before any other reading of the texts."""
    escaping = EscapeReading(escapes)
    splits: dict[str, list] = {}
    breaks: dict[str, int] = {}  # per split, the documents whose HTML line breaks were read as line breaks
    places: dict[str, list] = {}
    comment_lines: dict[str, int] = {}  # per file key: what the comment rule left out
    for key in sorted(paths):
        split, _, label = key.partition("/")
        path = paths[key]
        here: list = []
        if format == "labeled_lines":
            stats: dict = {}
            items = parse_labeled_lines(path, places=here, stats=stats, **options)
            if options.get("comment"):
                comment_lines[key] = stats["comment_lines"]
        elif format == "lines":
            items = parse_lines(path, label, places=here, **options)
            if not items:
                raise InputFormatError(path, None, f"at least one text of class {label!r}", "an empty file")
        elif format == "sst":
            items = parse_sst(path, places=here, **options)
        elif format == "trec":
            items = parse_trec(path, places=here, **options)
        elif format == "ptb_trees":
            items = parse_ptb_trees(path, places=here, **options)
        elif format == "json_lines":
            items = parse_json_lines(path, places=here, **options)
        elif format == "folders":
            items = parse_class_folders(path, places=here, **options)
        else:
            raise ConfigError(f"format={format!r}: expected lines, labeled_lines, json_lines, sst, trec, ptb_trees or "
                              "folders")
        items = escaping.read(split, items, here, path)
        items, n_breaks = read_html_breaks(items)
        _refuse_emptied(items, here, path)
        if n_breaks:
            breaks[split] = breaks.get(split, 0) + n_breaks
        splits.setdefault(split, []).extend(items)
        places.setdefault(split, []).extend(here)
    keyed = {key.partition("/")[0]: path for key, path in sorted(paths.items(), reverse=True)}
    mapped = map_labels(splits, label_map, keyed, places) if label_map else []
    check_nonempty(splits, keyed)
    labels, label_warnings = check_labels({k: [it.label for it in v] for k, v in splits.items()}, keyed,
                                          "label")
    check_shared_labels({k: [it.label for it in v] for k, v in splits.items()}, keyed, "label")
    warnings: list[str] = []
    check_distinct_files(paths)  # after the content checks: a broken file is reported as such first
    if not deduplicate:  # else the copies are dropped below, and the warnings' "kept" would be untrue
        warnings += [w for split, items in splits.items()
                     if (w := duplicate_warning(items, lambda it: it.text, "texts", split))]
    extra: dict = {"comment_lines": comment_lines} if comment_lines else {}
    if derive:
        places = {}  # the derived splits are drawn from "from": no place is kept for them
        base = splits.pop(derive["from"])
        stratify = derive.get("stratify", "label")
        splits.update(stratified_split(base, derive["into"], derive["fractions"], derive["seed"], stratify=stratify))
        extra["derived_split"] = {"from": derive["from"], "into": list(derive["into"]),
                                  "fractions": list(derive["fractions"]), "seed": derive["seed"],
                                  "stratified_on": stratify, "n_before": len(base)}
    # after derive: its splits can share texts too
    if deduplicate:
        order = ORDER if deduplicate is True else tuple(deduplicate)
        splits, extra["deduplicated"], said = deduplicated(splits, places, order=order)
        warnings += said
        # checked again: the copies a train loses can be all its documents of a class
        labels, label_warnings = labels_after_copies({k: [it.label for it in v] for k, v in splits.items()},
                                                     keyed, extra["deduplicated"], "label")
    else:
        warnings += overlap_warning(splits, lambda it: it.text, "texts") + loose_duplicate_warnings(splits)
    extra["labels"] = labels
    warnings = label_warnings + warnings + escaping.warnings()
    if escaping.metadata():
        extra["escapes"] = escaping.metadata()
    if breaks:
        extra["html_line_breaks"] = breaks
    if label_map:
        extra["label_map"] = {"map": dict(label_map), "dropped": mapped}
    if warnings:
        extra["warnings"] = warnings
    return splits, extra


def _refuse_emptied(items: Sequence[LabeledText], places: Sequence, path) -> None:
    """A text that was line breaks alone ('\\n', '<br />') is empty once they are read as such: every parser
    refuses an empty text, and this one was kept, a document of no word under its label."""
    for i, item in enumerate(items):
        if not item.text:
            where, line = places[i] if i < len(places) else (path, None)
            raise InputFormatError(where, line, "a non-empty text", "line breaks alone (an escaped '\\n' or "
                                   "an HTML '<br />'), nothing once they are read as line breaks")


def read_labeled_lines(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    splits, extra = read_classification(paths, format="labeled_lines", **options)
    label = options.get("label_column", 0)
    text = options.get("text_column")
    extra["columns"] = {"label": label, "text": (1 if label == 0 else 0) if text is None else text}
    return splits, extra


def read_json_lines(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    splits, extra = read_classification(paths, format="json_lines", **options)
    extra["columns"] = {"label": options["label_key"], "text": options["text_key"]}
    return splits, extra


def read_class_files(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    """One file per class, keys ``<split>/<label>`` (MR, CR; ``all/<label>`` when the spec has no splits)."""
    bad = sorted(k for k in paths if "/" not in k)
    if bad:
        raise ConfigError(f"{paths[bad[0]]}: one file per class needs keys <split>/<label>, got {bad[0]!r}")
    return read_classification(paths, format="lines", **options)


def read_class_folders(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    """A folder per class (BBC News) under each split's folder; key ``folder`` is split "all"."""
    keyed = {("all" if key == "folder" else key): path for key, path in paths.items()}
    return read_classification(keyed, format="folders", **options)


def read_sst(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    return read_classification(paths, format="sst", **options)


def read_trec(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    return read_classification(paths, format="trec", **options)


def read_ptb_trees(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    return read_classification(paths, format="ptb_trees", **options)
