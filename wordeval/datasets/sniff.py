"""Sniffing a user's benchmark files: which reader reads them and with which options.

``sniff(family, files, hints)`` looks at (a sample of) every file and returns the reader name from
``readers.READERS``, its options, and one note per decision in words, so a user can see what was guessed
and which spec key would change it. Hints are the spec's optional keys and win over sniffing:

- ``format``: a reader name (checked against the family), or ``auto``; ``delimiter``: tab | comma | semicolon | space;
  ``header``: true/false; ``comment``: the prefix of comment lines (tagging and pair files: a prefixed line
  that reads as a token line or a pair is data, not a comment); ``encoding``: a Python codec name;
  ``decimal``: "." or "," (scores written "3,5"; sniffed, in a comma-separated file from quoted fields);
- ``columns``: a role -> column table, 0-based indices or header names (similarity: word1, word2, score;
  STS: sentence1, sentence2, score; analogy CSV: word1, word2, word3, target, section; tagging: token,
  tag (CoNLL-U: also the names form, lemma, upos, xpos); classification: label, text);
- ``scheme``: IOB1 | IOB2 | IOBES | auto (chunking/NER; default auto); ``labels``: the allowed labels
  (classification); ``fine``: TREC labels as written (true, default) or coarse; ``subset``: STS subset name;
  ``label_map``: classification labels renamed (``"0" = "negative"``) or dropped (``"2" = false``);
  ``pos_suffix``: strip | keep the part-of-speech tags of similarity words (``sun-n``; sniffed).

Why not ``csv.Sniffer``: it returns a delimiter, but what decides a layout here is which column holds
the score, the tag or the label, and an ambiguity must be reported with its line; the rules below do that
directly. What is ambiguous raises ConfigError naming the file, the line and the key that would settle it
(a space-separated pair file whose items have spaces, two columns that both look like labels); a line that
is merely malformed is left to the reader, which reports it as InputFormatError with its file:line.
"""
from __future__ import annotations

import codecs
import csv
import itertools
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from wordeval.datasets.comment_rule import is_comment
from wordeval.datasets.textio import (_BROKEN_GZIP, CONVERT_UTF16, SEPARATORS, data_lines, encoding_advice,
                                      is_utf8, located_broken_stream, marked_encoding, open_data)
from wordeval.datasets.textio import split_blanks
from wordeval.datasets.textio import split_fields
from wordeval.errors import ConfigError, HintError, InputFormatError, UnknownReaderHint, WordevalError
from wordeval.options import boolean, choice, list_of, parse_options, text
from wordeval.unread_containers import HEAD_BYTES
from wordeval.unread_containers import describe as describe_container

SAMPLE_LINES = 5000  # lines read per file: enough to see every column's kind, cheap on a 200k-line corpus
DELIMITERS = SEPARATORS
_DELIMITER_CHARACTERS = {"\t": "tab", ",": "comma", ";": "semicolon", " ": "space"}


def _columns(value: Any, key: str) -> dict[str, int | str]:
    if not isinstance(value, Mapping) or not value:
        raise ConfigError(f"{key}={value!r}: expected a table such as {{word1 = 0, word2 = 1, score = 2}}")
    out = {}
    for role, col in value.items():
        # a document's text may be spread over columns (AG News: title, description), read joined in order
        several = role == "text" and isinstance(col, list)
        if several and (not col or len(set(map(str, col))) < len(col) or not all(map(_one_column, col))):
            raise ConfigError(f"{key}.{role}={col!r}: expected a list of distinct 0-based column indexes or "
                              "header names, such as [1, 2]")
        if not several and not _one_column(col):
            raise ConfigError(f"{key}.{role}={col!r}: expected a 0-based column index or a header name"
                              + (" (or, for text, a list of them)" if role == "text" else ""))
        out[str(role)] = col
    return out


def _one_column(col: Any) -> bool:
    return not isinstance(col, bool) and (isinstance(col, int) or (isinstance(col, str) and bool(col.strip())))


def _encoding(value: Any, key: str) -> str:
    name = text(value, key)
    try:
        codecs.lookup(name)
    except LookupError:
        raise ConfigError(f"{key}={value!r}: not a known text encoding (e.g. utf-8, latin-1, cp1252)") from None
    return name  # utf-16/utf-32: read where the file has its byte-order mark (textio.unicode_codec)


def _delimiter(value: Any, key: str) -> str:
    """A delimiter by name (tab, comma, semicolon, space) or as the character itself (\\t , ; and a space)."""
    if isinstance(value, str) and value in _DELIMITER_CHARACTERS:
        return _DELIMITER_CHARACTERS[value]
    if isinstance(value, str) and value.strip().lower() in DELIMITERS:
        return value.strip().lower()
    raise ConfigError(f"{key}={value!r}: expected tab, comma, semicolon or space (or the character: "
                      "\"\\t\", \",\", \";\", \" \")")


def _label_map(value: Any, key: str) -> dict[str, str | bool]:
    if not isinstance(value, Mapping) or not value:
        raise ConfigError(f"{key}={value!r}: expected a table such as {{\"0\" = \"negative\", \"2\" = false}}")
    for label, to in value.items():
        if not (to is False or (isinstance(to, str) and to.strip())):
            raise ConfigError(f"{key}.{label}={to!r}: expected a label (a non-empty string) or false (drop its items)")
    return {str(k): v for k, v in value.items()}


def _scheme(value: Any, key: str) -> str:
    # BILOU (spaCy's) is IOBES under other letters: scheme = "BILOU" was told only the four choices
    try:
        return choice("IOB1", "IOB2", "IOBES", "auto")(value, key)
    except ConfigError as exc:
        if isinstance(value, str) and value.strip().upper() in ("BILOU", "BIOLU", "BILUO", "IOBLU"):
            raise ConfigError(f"{exc}; BILOU tags are IOBES's chunks under other letters: rename U- to S- and L- "
                              'to E- in the files and set scheme = "IOBES" (or leave it out)') from None
        raise


HINTS = {
    "format": (text, None), "delimiter": (_delimiter, None), "header": (boolean, None),
    "comment": (text, None), "columns": (_columns, None), "encoding": (_encoding, None),
    "scheme": (_scheme, None), "labels": (list_of(text), None),
    "fine": (boolean, None), "subset": (text, None), "decimal": (choice(".", ","), None),
    "classes": (lambda v, k: v, None), "label_map": (_label_map, None),
    "pos_suffix": (choice("strip", "keep"), None),
}


@dataclass
class Sample:
    """The first SAMPLE_LINES lines of a file, decoded: (1-based line number, text without CR/LF)."""

    path: Path
    lines: list[tuple[int, str]]
    encoding: str

    def content(self, comment: str | None = None,
                reads_as_record: Callable[[str], bool] = lambda line: False) -> list[tuple[int, str]]:
        """The lines that are neither blank nor a comment (``comment_rule.is_comment``: a ``comment``-prefixed
        line is one unless it reads as a record)."""
        return [(n, line) for n, line in self.lines
                if line.strip() and not is_comment(line, comment, reads_as_record)]


_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")  # a member, an empty archive, a spanned one


def read_sample(path: Path, encoding: str | None, notes: list[str]) -> Sample:
    """Decode the head of ``path``. A UTF-8 byte-order mark selects utf-8-sig; a UTF-16/32 one decides how
    the file is read, by every reader too (``textio.data_lines``), so no encoding option is set for it.
    Undecodable bytes are a ConfigError naming the line and the ``encoding`` key (the option that settles
    it); a zip archive or a NUL byte (UTF-16 without a byte-order mark) are an InputFormatError (not a text
    file we can read). A .gz is read decompressed (``textio.open_data``)."""
    try:
        with open_data(path) as fh:
            head = fh.read(HEAD_BYTES)  # of the decompressed data: open_data reads a .gz through gzip
            fh.seek(0)
            if (container := describe_container(head)) is not None:  # a .zst was "not utf-8 text, set encoding"
                raise InputFormatError(path, 1, "a plain text file", container)
            if head.startswith(_ZIP_MAGIC):  # BATS_3.0.zip given as test was "not utf-8 text (byte 0x8c ...)"
                raise InputFormatError(path, 1, "a plain text file", "a zip archive (unzip it and name the folder "
                                       "or file it holds in the spec)")
            if encoding is None:
                encoding = "utf-8"
                if head.startswith(codecs.BOM_UTF8):
                    encoding = "utf-8-sig"
                    notes.append(f"{path.name}: UTF-8 with a byte-order mark (read as utf-8-sig)")
            raws, codec = data_lines(fh, path, encoding)
            if (marked := marked_encoding(head)) is not None:
                notes.append(f"{path.name}: {marked.upper()} with a byte-order mark (read as {marked})")
            lines = []
            for lineno, raw in enumerate(raws, 1):
                if lineno > SAMPLE_LINES:
                    break
                try:
                    decoded = raw.decode(codec)
                except UnicodeDecodeError as exc:
                    byte = raw[exc.start]
                    # MR's first byte that is not UTF-8 is an 'é' (0xe9, line 32), its first ellipsis (cp1252)
                    # on line 474: look ahead
                    ahead = itertools.islice(raws, max(SAMPLE_LINES - lineno, 0))
                    advice = encoding_advice(itertools.chain([raw], ahead), encoding)
                    raise ConfigError(f"{path}:{lineno}: not {encoding} text (byte 0x{byte:02x} at column "
                                      f"{exc.start + 1}); {advice}") from None
                if is_utf8(codec):  # at every line's start, as the readers read it (textio.iter_lines)
                    decoded = decoded.removeprefix("\ufeff")
                if "\x00" in decoded:
                    # not "set encoding": without a byte-order mark UTF-16's byte order is a guess
                    # (``textio.unicode_codec``)
                    raise InputFormatError(path, lineno, f"{encoding} text", "a NUL byte (a binary file, or "
                                           "UTF-16 or UTF-32 text without a byte-order mark: "
                                           f"{CONVERT_UTF16})")
                lines.append((lineno, decoded.rstrip("\r\n")))
    except _BROKEN_GZIP as exc:
        raise located_broken_stream(path, exc) from None
    except OSError as exc:
        if exc.errno is not None or isinstance(exc, WordevalError):  # MissingFileError is an OSError too
            raise
        raise located_broken_stream(path, exc) from None  # bz2's damaged data: an OSError without an errno
    if lines and len(lines) <= 2 and "\r" in lines[0][1]:
        # a file whose line breaks are CR alone is one line to every reader: it was "only blank or comment lines"
        # when it began with '-DOCSTART-' or '# sent_id', or a line of thousands of columns
        raise InputFormatError(path, 1, "lines that end in LF or CRLF", "line breaks written as a CR alone (classic "
                               "Mac OS): convert them to LF, e.g. tr '\\r' '\\n'")
    return Sample(path, lines, encoding)


def is_number(value: str) -> bool:
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


_MISSING = {"na", "n/a", "nan", "null", "none", "missing", "-", "?"}


def is_column_name(value: str) -> bool:
    """A header cell over a numeric column: a name (a letter in it), not a missing value. A first pair whose
    score is empty or "NA" was taken for a header line and silently dropped; so was one whose score is a number
    that is not finite ("inf", "1e400"): the reader reports it at its line instead."""
    v = value.strip()
    try:
        float(v)
        return False
    except ValueError:
        pass
    return any(c.isalpha() for c in v) and v.lower() not in _MISSING


def split_line(line: str, delimiter: str) -> list[str]:
    """A sample line's fields as the reader will see them (``textio.split_fields``); a line whose quotes do not
    make a CSV record is split plainly here, since sniffing tries delimiters the file may not use (the reader
    reports a malformed record with its line)."""
    try:
        return split_fields(line, delimiter)
    except csv.Error:
        sep = DELIMITERS[delimiter]
        return line.split(sep) if sep else split_blanks(line)


def widths_past_sample(sample: Sample, comment: str | None, fields_of) -> Iterator[list[str]]:
    """The fields (``fields_of(line)``) of the data lines after the sample. Where the sample's lines all have
    one width, the reader is told that width, and a later line with extra trailing columns was refused at its
    line, although the same line within the sample made the file ragged (as RW's rows are: 7 to 10 single
    ratings after the mean) and accepted; no spec key settles it, so the whole file decides."""
    from wordeval.datasets.textio import iter_lines

    if len(sample.lines) < SAMPLE_LINES:
        return
    last = sample.lines[-1][0]
    for n, line in iter_lines(sample.path, encoding=sample.encoding):
        if n > last and line.strip() and not (comment and line.startswith(comment)):
            yield fields_of(line)


def require_nonempty(sample: Sample, content: list) -> None:
    if not content:
        what = "an empty file" if not sample.lines else "only blank or comment lines"
        raise InputFormatError(sample.path, None, "at least one item", what)


def check_roles(path, columns: Mapping[str, Any] | None, roles: tuple[str, ...]) -> dict:
    """The ``columns`` hint restricted to the roles a family knows (did-you-mean for the rest)."""
    columns = dict(columns or {})
    unknown = sorted(set(columns) - set(roles))
    if unknown:
        from wordeval.close_names import close_names
        close = close_names(unknown[0], roles, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise HintError("columns", f"{path}: columns.{unknown[0]} is not a column role here{hint}; "
                                   f"roles: {', '.join(roles)}")
    return columns


def distinct_columns(path, roles: tuple[str, ...], cols: tuple[int, ...]) -> tuple[int, ...]:
    """Each role its own column: ``columns = {word2 = 0}`` beside a sniffed word1 in column 0 paired every
    word with itself, silently."""
    for i, role in enumerate(roles):
        for other, col in zip(roles[i + 1:], cols[i + 1:]):
            if col == cols[i]:
                raise HintError("columns", f"{path}: {role} and {other} are both column {col}; give each role its "
                                           f"own column in columns")
    return cols


def resolve_column(path, lineno: int | None, role: str, want, header: list[str] | None, n_fields: int,
                   rows=None) -> int:
    """A ``columns`` entry as an index: an int (negative counts from the end) or a header name. ``rows``, the
    data lines as ``(lineno, fields)``: a negative index needs them all of one width (``_from_end_width``).
    Its errors are HintErrors, as the other ``columns`` checks', so that the loader names the spec line too."""
    if isinstance(want, int):
        if not -n_fields <= want < n_fields:
            raise HintError("columns", f"{path}: columns.{role} = {want}, but the lines have {n_fields} columns")
        if want < 0 and rows:
            _from_end_width(path, role, want, rows)
        return want % n_fields
    if header is None:
        raise HintError("columns", f"{path}: columns.{role} = {want!r} names a header column, but the file has "
                                   "no header (give a 0-based index, or header = true)")
    names = [h.strip().lower() for h in header]
    if names.count(want.strip().lower()) != 1:
        raise HintError("columns", f"{path}:{lineno}: columns.{role} = {want!r} is not exactly one header "
                                   f"column (header: {', '.join(repr(h) for h in header)})")
    return names.index(want.strip().lower())


def _from_end_width(path, role: str, want: int, rows) -> None:
    """A negative index names one column only when every line has the same number of columns. On a ragged
    file (RW's rows carry 7 to 10 single ratings) it was resolved against the commonest width and the reader
    then refused the shorter lines with a column count the user never asked for."""
    n0, first = rows[0]
    odd = next(((n, f) for n, f in rows if len(f) != len(first)), None)
    if odd is not None:
        raise HintError("columns", f"{path}:{odd[0]}: columns.{role} = {want} counts from the end of the line, but "
                                   f"line {odd[0]} has {len(odd[1])} columns and line {n0} has {len(first)}; "
                                   f"give the column's 0-based index from the start")


_OPTION_HINT = {"sep": "delimiter", "header": "header", "comment": "comment", "encoding": "encoding",
                "columns": "columns", "token_column": "columns", "tag_column": "columns", "label_column": "columns",
                "text_column": "columns", "separator": "format", "decimal": "decimal"}


def agree(results: list[tuple[Path, str, dict]]) -> tuple[str, dict]:
    """All files of a dataset must be read the same way; otherwise name the two files that differ."""
    results = _bom_agnostic(results)
    (p0, name0, opts0), *rest = results
    for p, name, opts in rest:
        if (name, opts) != (name0, opts0):
            diff = sorted(k for k in set(opts) | set(opts0) if opts.get(k) != opts0.get(k)) if name == name0 else []
            keys = sorted({_OPTION_HINT[d] for d in diff if d in _OPTION_HINT}) or ["format"]
            raise ConfigError(f"{p}: sniffed a different layout than {p0} ({name} {opts} vs {name0} {opts0})"
                              + (f", differing in {', '.join(diff)}" if diff else "")
                              + f": give the files one layout, or set {' and '.join(keys)} in the spec")
    return name0, opts0


def _bom_agnostic(results: list[tuple[Path, str, dict]]) -> list[tuple[Path, str, dict]]:
    """A UTF-8 byte-order mark on some files only (a test file saved by Notepad) is no other layout: every
    file is read as utf-8-sig, which decodes a UTF-8 file without the mark to the same text."""
    encodings = {opts.get("encoding", "utf-8") for _, _, opts in results}
    if encodings != {"utf-8", "utf-8-sig"}:
        return results
    return [(p, name, {**opts, "encoding": "utf-8-sig"}) for p, name, opts in results]


_PRIMARY = {"train": 0, "all": 1, "dev": 2, "test": 3}


def primary_first(files: Mapping[str, Path]) -> list[Path]:
    """The files in the order they are sniffed: train (the largest, usually) decides the layout, and the
    others are read with that layout pinned, so a small test file cannot be sniffed differently."""
    return [files[k] for k in sorted(files, key=lambda k: (_PRIMARY.get(k, 4), k))]


def sniff(family: str, files: Mapping[str, Path], hints: Mapping[str, Any]) -> tuple[str, dict[str, Any], list[str]]:
    """(reader name, reader options, human-readable notes of what was sniffed) for a user's files; hints are
    the spec's optional keys (see the module docstring) and win over sniffing. Ambiguity -> ConfigError
    naming the file and line and the options that would settle it."""
    from wordeval.datasets.readers import FAMILY_READERS, READERS, unknown_reader

    if not files:
        raise ConfigError("no files to read (the spec lists none)")
    files = {key: Path(p) for key, p in files.items()}
    first = files[sorted(files)[0]]
    hints = parse_options(f"{first}: reader hints", hints, HINTS, partial=True)
    from wordeval.tasks.families import family_info
    family_info(family)  # an unknown family in the one wording wordeval has for it, with the name meant
    if hints.get("format") == "auto":  # the spec says "sniff it", as when format is absent
        del hints["format"]
    fmt = hints.get("format")
    if fmt is not None:
        # HintError: the loader names the spec's line of format (the message named neither spec nor line)
        if fmt not in READERS:
            raise UnknownReaderHint("format", f"{first}: {unknown_reader(fmt, FAMILY_READERS[family])}")
        if fmt not in FAMILY_READERS[family]:
            raise HintError("format", f"{first}: format = {fmt!r} does not read {family} items; "
                                      f"use one of {', '.join(FAMILY_READERS[family])}")
    from wordeval.datasets import sniff_columns, sniff_tags

    sniffer = {"similarity": sniff_columns.sniff_pairs, "sts": sniff_columns.sniff_sts,
               "analogy": sniff_columns.sniff_analogy, "classification": sniff_columns.sniff_classification,
               "pos": sniff_tags.sniff_tagging, "chunking": sniff_tags.sniff_tagging,
               "ner": sniff_tags.sniff_tagging, "qvec": _sniff_qvec_oracle, "qvec-cca": _sniff_qvec_oracle}[family]
    notes: list[str] = []
    name, options = sniffer(family, files, hints, notes)
    if fmt is not None and name != fmt:
        raise HintError("format", f"{first}: format = {fmt!r} was given, but the files were sniffed as {name!r}")
    if "encoding" in hints:
        options.setdefault("encoding", hints["encoding"])
    return name, options, notes


def _sniff_qvec_oracle(family, files, hints, notes) -> tuple[str, dict]:
    """An oracle has one layout (the authors' ``word<TAB>{json}``): nothing to sniff, and a layout hint
    would be ignored, so it is refused at its spec line."""
    first = primary_first(files)[0]
    for key in ("delimiter", "header", "comment", "columns"):
        if key in hints:
            raise HintError(key, f"{first}: a QVEC oracle has one layout, 'word<TAB>{{json object}}' lines; "
                                 f"{key} does not apply to it")
    read_sample(first, hints.get("encoding"), notes)  # what is not UTF-8 text is named as for any user file
    notes.append(f"{path_name(first)}: QVEC oracle ('word<TAB>{{json object}}' lines)")
    return "qvec-oracle", {}


def encoding_option(sample: Sample) -> dict:
    """Only a non-default encoding goes into the reader options."""
    return {} if sample.encoding == "utf-8" else {"encoding": sample.encoding}


def path_name(path: Path) -> str:
    return os.fspath(path.name) or os.fspath(path)
