"""Sniffer for tagging files (POS, chunking, NER; see sniff.py for the contract).

- CoNLL-U: a ``.conllu`` name, or token lines of 10 tab-separated columns whose first is a word ID;
  CoNLL-U Plus: a ``.conllup`` name or a first line ``# global.columns = ...`` (the reader finds the
  columns by those names).
  Token = FORM, tag = UPOS unless ``columns`` says otherwise (names form/lemma/upos/xpos or indices).
- word/TAG lines (PTB style): no tabs, and on most lines every space-separated item is ``word/TAG`` (or
  ``word_TAG``).
- CoNLL columns otherwise, any number of them, tab- or space-separated (tab when most lines hold one).
  The token is the first column (the second after a column that numbers each sentence's tokens 1, 2, 3, ...,
  as GermEval 2014's 'index token outer nested'); the tag column is the one whose values look like tags:
  chunking/NER: ``O``/``B-``/``I-``/``E-``/``S-`` tags on at least 90% of lines (a few malformed cells
  are left for the reader to report with their line); when several columns qualify (CoNLL-2003 has
  chunk and entity columns), chunking prefers the one whose types are phrase types (NP, VP, ...) and NER
  the other; a remaining tie takes the last column and says so (NER after an index column: the first,
  GermEval's outer entities). CoNLL-2012's bracketed spans ('(PERSON*' ... '*)') are refused: no column
  setting reads them; so is chunking on it (its phrases are only in the parse tree); its POS is read from its own columns (token 3, POS 4), not its document ids and last
  column.
  POS: a column that is not chunk tags, with a closed set of values (at most 100 distinct in the sample,
  more than one);
  several: the last, said so.
  ``#`` lines are comments (``comment = "#"``, for every file) only where some in any file cannot be token
  lines: another column count or, for chunking/NER, no chunk tag in the tag column; the reader keeps every ``#`` line that reads as a token
  (tweets' hashtags) and counts those it skips.
Chunking/NER readers get ``scheme`` = the hint or ``auto`` (parsers_scheme.py decides over all files).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from wordeval.datasets.comment_rule import comment_for_all
from wordeval.datasets.parsers_scheme import BRACKETED_SPAN, CONVERT_BRACKETS
from wordeval.datasets.parsers_seq import (CONLLU_COLUMNS, PTB_POS_ADVICE, conllu_plus_columns, ptb_pos_line,
                                          split_columns)
from wordeval.datasets.textio import ASCII_BLANK_CHARS
from wordeval.datasets.sniff import (agree, check_roles, encoding_option, path_name, primary_first, read_sample,
                                     require_nonempty)
from wordeval.errors import ConfigError, HintError, InputFormatError

_IOB = re.compile(r"^(O|[BIES]-\S+)$")
_BILOU = re.compile(r"^(O|[BILU]-\S+)$")
_CONLLU_ID = re.compile(r"^\d+([-.]\d+)?$")
CHUNK_TYPES = frozenset({"NP", "VP", "PP", "ADJP", "ADVP", "SBAR", "PRT", "CONJP", "INTJ", "LST", "UCP"})
MAX_POS_TAGS = 100
_INNER = {"conll": "conll", "conllu": "conllu", "word-tag": "word_tag"}


def _most(rows, test) -> bool:
    return bool(rows) and sum(1 for r in rows if test(r)) * 10 >= len(rows) * 9


def _conllu_column(path, role: str, value, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, str):
        if value.strip().lower() not in CONLLU_COLUMNS:
            raise HintError("columns", f"{path}: columns.{role} = {value!r}: CoNLL-U columns are "
                                       f"{', '.join(CONLLU_COLUMNS)}")
        return CONLLU_COLUMNS[value.strip().lower()]
    if not 0 <= value < 10:
        raise ConfigError(f"{path}: columns.{role} = {value}: CoNLL-U has columns 0-9")
    return value


def _word_tag_separator(content) -> str | None:
    # a tab between items makes columns; one before the first item is indentation: the Brown corpus as
    # distributed (NLTK's ca01, ...) starts every sentence line with one, and its files were read as CoNLL
    # columns with an empty token ("expected a non-empty token and tag")
    if any("\t" in line.strip(ASCII_BLANK_CHARS) for _, line in content):
        return None
    for sep in ("/", "_"):
        pattern = re.compile(rf"^.+{re.escape(sep)}[^{re.escape(sep)}\s]+$")
        if _most(content, lambda r: all(pattern.match(item) for item in split_columns(r[1], None))):
            return sep
    return None


def _sniff_file(family: str, path: Path, hints, fmt: str | None, notes) -> tuple[str, dict]:
    sample = read_sample(path, hints.get("encoding"), notes)
    content = [(n, line) for n, line in sample.content() if not line.startswith("-DOCSTART-")]
    require_nonempty(sample, content)
    enc = encoding_option(sample)
    columns = check_roles(path, hints.get("columns"), ("token", "tag"))
    no_comments = [(n, line) for n, line in content if not line.startswith("#")]
    # CoNLL-U Plus names its columns on line 1; sniffed as CoNLL columns, its PARSEME MWE codes were the tags
    plus = conllu_plus_columns(path, sample.lines[0][1]) if sample.lines and sample.lines[0][0] == 1 else None
    if fmt == "conllu" or (fmt is None and (path.suffix in (".conllu", ".conllup") or plus or _most(
            no_comments, lambda r: len(r[1].split("\t")) == 10 and _CONLLU_ID.match(r[1].split("\t")[0])))):
        if family != "pos" and "tag" not in columns:
            raise ConfigError(f"{path}: a CoNLL-U file has no chunk or entity column by default; set columns.tag "
                              "(an index or one of the column names)")
        token = _conllu_column(path, "token", columns.get("token"), 1)
        tag = _conllu_column(path, "tag", columns.get("tag"), 3)
        names = {v: k for k, v in CONLLU_COLUMNS.items()}
        kind = "CoNLL-U Plus (columns named by its global.columns line)" if plus else "CoNLL-U"
        notes.append(f"{path_name(path)}: {kind}; token = {names[token].upper()}, tag = {names[tag].upper()}")
        return "conllu", {"tag_column": tag, **({"token_column": token} if token != 1 else {}), **enc}
    if fmt in (None, "word-tag"):
        _refuse_ptb_pos(path, content)
    sep = _word_tag_separator(no_comments) if fmt in (None, "word-tag") and not columns else None
    if fmt == "word-tag" or sep:
        sep = sep or "/"
        notes.append(f"{path_name(path)}: one sentence per line of word{sep}TAG items")
        return "word-tag", {**({"separator": sep} if sep != "/" else {}), **enc}
    if not hints.get("delimiter"):
        _refuse_csv(path, content)
    if fmt is None and not columns:
        _refuse_spaced_conllu(path, no_comments)
    delimiter = hints.get("delimiter") or ("tab" if _most(content, lambda r: "\t" in r[1]) else "space")
    if delimiter not in ("tab", "space"):
        raise ConfigError(f"{path}: delimiter = {delimiter!r}: CoNLL columns are tab- or space-separated")
    split = lambda line: split_columns(line, "\t" if delimiter == "tab" else None)  # noqa: E731
    rows = [(n, [f.strip() for f in split(line)]) for n, line in content]
    # The token lines' layout and tag column come from the lines that cannot be comments. A comment-prefixed
    # line is a comment only when it cannot be a token line, as the reader decides: '#nyc<TAB>B-location' is a
    # tweet's token (one '# tweet id' line must not make every hashtag a comment).
    prefix = hints.get("comment") or "#"
    maybe = [line.startswith(prefix) for _, line in content]
    plain = [(n, f) for (n, f), m in zip(rows, maybe) if not m] or rows
    n0 = plain[0][0]
    width = Counter(len(f) for _, f in plain).most_common(1)[0][0]
    if hints.get("_n_columns", width) != width:
        # a space-separated test file beside a tab-separated train file read as "1 tab-separated columns"
        at_blanks = Counter(len(split_columns(line, None)) for _, line in content).most_common(1)[0][0]
        spaced = delimiter == "tab" and not any("\t" in line for _, line in content) and \
            at_blanks == hints["_n_columns"]
        raise ConfigError(f"{path}:{n0}: {width} {delimiter}-separated columns, but {hints['_first']} has "
                          f"{hints['_n_columns']}: the files of a dataset need one layout"
                          + (f"; {path.name} has no tab: its columns are space-separated, "
                             f"{hints['_first'].name}'s tab-separated (delimiter = \"space\" in the spec reads "
                             "both, at runs of spaces and tabs, where no token holds a space)" if spaced else ""))
    for role, value in columns.items():
        if not isinstance(value, int) or not -width <= value < width:
            raise ConfigError(f"{path}: columns.{role} = {value!r}: expected a column index of the {width} columns")
    # CoNLL-2012 (OntoNotes): document, part, word number from 0, word, POS, parse, ... Its document ids were
    # read as the tokens and, for POS, its last (coreference) column as the tags
    ontonotes = "token" not in columns and width >= 11 and _counts_words(plain, column=2, first=0)
    index = not ontonotes and "token" not in columns and width >= 3 and _counts_words(plain)
    if index:
        notes.append(f"{path_name(path)}: column 0 numbers each sentence's tokens 1, 2, 3, ... (GermEval's "
                     "layout): the token is column 1")
    if ontonotes:
        notes.append(f"{path_name(path)}: CoNLL-2012 (OntoNotes) columns: the token is column 3"
                     + (", the POS tag column 4" if family == "pos" and "tag" not in columns else ""))
    token = columns.get("token", 3 if ontonotes else 1 if index else 0) % width
    if "tag" in columns:
        tag = columns["tag"] % width
    elif ontonotes and family == "pos":
        tag = 4
    else:
        if ontonotes and family == "chunking":
            # its chunks are only in the bracketed parse (column 5): the error said to set columns.tag, which
            # no column answers
            raise ConfigError(f"{path}:{n0}: expected a column of chunk tags, got CoNLL-2012 (OntoNotes) columns, "
                              "whose phrases are only in the bracketed parse (column 5, '(TOP(S(NP*'): write one "
                              "chunk tag per token from it first (CoNLL-2000's 'word POS B-NP' lines)")
        if family in ("chunking", "ner"):
            _refuse_bilou(path, [(n, f) for n, f in plain if len(f) == width], token)
        tag = _tag_column(family, path, n0, width, token, [(n, f) for n, f in plain if len(f) == width],
                          notes, skip={0, 1, 2} if ontonotes else {0} if index else set())
    if width < 2 or tag == token:
        raise ConfigError(f"{path}:{n0}: expected a token column and a tag column, got {width} column(s)"
                          + ("" if width < 2 else f" and tag = token = {tag}"))
    chunk = family in ("chunking", "ner")
    comment = hints.get("comment")
    if comment is None and any(m and (len(f) != width or (chunk and not _IOB.match(f[tag])))
                               for (_, f), m in zip(rows, maybe)):
        comment = "#"
        notes.append(f"{path_name(path)}: lines starting with '#' are comments unless they read as token lines "
                     f"({width} columns{', a chunk tag' if chunk else ''}); set comment to change")
    notes.append(f"{path_name(path)}: CoNLL columns, {width} {delimiter}-separated; token = column {token}, "
                 f"tag = column {tag}")
    options = {"sep": delimiter, "n_columns": width, "token_column": token, "tag_column": tag, **enc}
    if comment:
        options["comment"] = comment
    return "conll", options


def _refuse_ptb_pos(path, content) -> None:
    """PTB's tagged .pos files ('[ Pierre/NNP Vinken/NNP ]' chunks, '=====' lines) were sniffed as CoNLL columns
    and told that "every column but the token holds chunk tags": no setting reads them (``PTB_POS_ADVICE``)."""
    for n, line in content:
        if (what := ptb_pos_line(line)) is not None:
            raise InputFormatError(path, n, "tagging lines (CoNLL columns, CoNLL-U, or one sentence of word/TAG "
                                   "tokens a line)", f"{what}: {PTB_POS_ADVICE}")


def _refuse_spaced_conllu(path, rows) -> None:
    """CoNLL-U whose tabs became spaces (a copy from a web page or an editor) was read as 10 space-separated
    CoNLL columns: the word IDs as the tokens (a multiword-token range hid the index column) and, for POS,
    MISC's 'SpaceAfter=No' and '_' as the tags, with only a note. A FORM may hold a space, so no setting can
    split such lines back into CoNLL-U's columns."""
    if any("\t" in line for _, line in rows):
        return
    if _most(rows, lambda r: _conllu_fields(r[1].split())):
        n, _ = rows[0]
        raise ConfigError(f"{path}:{n}: expected CoNLL-U's 10 tab-separated columns, got 10 "
                          "space-separated ones starting with a word ID: CoNLL-U columns are tab-separated "
                          "(a FORM may hold a space, and its multiword-token and empty-node lines are no "
                          "words); restore the tabs (if it is not CoNLL-U, set columns.token and columns.tag)")


_DEPS = re.compile(r"^(_|\d+(\.\d+)?:\S+)$")


def _conllu_fields(fields: list[str]) -> bool:
    """CoNLL-U's columns, ID, HEAD (a word ID or '_') and DEPS ('_' or 'head:deprel') among them, not just 10
    columns after a number: a CoNLL file whose first column numbers the words ('1 EU EU NNP ... B-ORG x y z')
    was refused as CoNLL-U with its tabs lost, though it read as CoNLL columns."""
    return (len(fields) == 10 and bool(_CONLLU_ID.match(fields[0])) and (fields[6] == "_" or fields[6].isdigit())
            and bool(_DEPS.match(fields[8].split("|")[0])))


def _refuse_csv(path, content) -> None:
    """A CSV of one token per record (the GMB/Kaggle NER file: 'Sentence #,Word,POS,Tag', 'Sentence: 1' on a
    sentence's first token) was told that no column holds entity tags, to set columns.tag or delimiter, and
    delimiter = "comma" was then refused: no setting reads it."""
    from wordeval.datasets.sniff_columns import csv_rows

    if any("\t" in line for _, line in content) or not _most(content, lambda r: "," in r[1]):
        return
    # columns of one width apart from the commas are CoNLL's: a feature column of 'Sg,Nom' on most lines was
    # refused as CSV, though it read (a GMB record holds no space but in a rare token)
    spaced = Counter(len(line.split()) for _, line in content).most_common(1)[0][0]
    if spaced >= 2 and _most(content, lambda r: len(r[1].split()) == spaced):
        return
    rows = csv_rows(content, "comma") or []
    width = Counter(len(f) for _, f in rows).most_common(1)[0][0] if rows else 0
    if width >= 2 and _most(rows, lambda r: len(r[1]) == width):
        n, first = content[0]
        gmb = first.lower().startswith("sentence #,") or first.lower().startswith("sentence_idx,")
        raise ConfigError(f"{path}:{n}: expected CoNLL columns (tab- or space-separated, a blank line between "
                          f"sentences), got {width} comma-separated columns"
                          + (" (the GMB/Kaggle NER CSV, 'Sentence #,Word,POS,Tag')" if gmb else "")
                          + ": write one 'word TAG' line per token, a blank line before each sentence")


def _refuse_bilou(path, rows, token: int) -> None:
    """BILOU (spaCy's, U-TYPE and L-TYPE) is IOBES under other letters. Its files were refused with 'no column
    holds entity tags ... set columns.tag (and scheme)', though no column or scheme setting reads them."""
    for i in range(len(rows[0][1]) if rows else 0):
        bilou = next(((n, f) for n, f in rows if f[i][:2] in ("U-", "L-")), None)
        if i != token and bilou and _most([f[i] for _, f in rows], _BILOU.match):
            n, fields = bilou
            raise ConfigError(f"{path}:{n}: expected tags of IOB1, IOB2 or IOBES (O, B-, I-, E-, S-), got the BILOU "
                              f"tag {fields[i]!r}: rename U- to S- and L- to E- (the same chunks, in IOBES)")


def _counts_words(rows, column: int = 0, first: int = 1) -> bool:
    """``column`` is a word index (GermEval 2014: 'index token outer inner'; CoNLL-2012's third column, from
    0): it counts first, first + 1, ... down each sentence and starts again after a blank or comment line. Its
    numbers were read as the tokens."""
    expected, counted, prev = [], [], None
    for n, fields in rows:
        # ASCII digits: str.isdigit takes '²' or '①', which int() refuses (a file whose first token was '²'
        # ended in a traceback)
        if len(fields) <= column or not (fields[column].isascii() and fields[column].isdigit()):
            return False
        want = counted[-1] + 1 if prev is not None and n == prev + 1 else first
        expected.append(int(fields[column]) == want)
        counted.append(int(fields[column]))
        prev = n
    return len(rows) >= 2 and _most(expected, bool)


def _refuse_brackets(path, rows, token: int) -> None:
    """CoNLL-2012 (OntoNotes) marks a span by '(PERSON*' on its first token and '*)' on its last. Such files
    were told to set columns.tag, which then refused the first '(PERSON*' as a bad tag: no setting reads
    them."""
    for i in range(len(rows[0][1]) if rows else 0):
        cells = [f[i] for _, f in rows]
        if i != token and any(c.startswith("(") for c in cells) and _most(cells, BRACKETED_SPAN.match):
            n, first = next((n, f[i]) for n, f in rows if f[i].startswith("("))
            raise ConfigError(f"{path}:{n}: column {i} holds CoNLL-2012 (OntoNotes) bracketed spans "
                              f"({first!r} ... '*)'), not entity tags: {CONVERT_BRACKETS}")


def _fewest_o(cands: list[int], values: dict, path, notes) -> list[int]:
    """Chunking among tag columns none of whose types are English phrase types (CoNLL-2003's German files:
    'I-NC', 'I-VC', 'I-PC' beside the entities): the chunk column, the one that leaves the fewest tokens
    outside a chunk (entities leave most of them O). The last column was taken, the entities, and chunking
    was scored on them."""
    share = {i: sum(x == "O" for x in values[i]) / len(values[i]) for i in cands}
    best = min(cands, key=share.__getitem__)
    if sum(share[i] == share[best] for i in cands) > 1:  # no clear winner: the caller's last column, said so
        return []
    notes.append(f"{path_name(path)}: columns {', '.join(map(str, cands))} all look like tags and none holds "
                 f"NP/VP/PP chunks; using column {best}, the one with the fewest O tags ("
                 + ", ".join(f"column {i}: {share[i]:.0%}" for i in cands)
                 + "), as chunks cover most tokens and entities few; set columns.tag to choose")
    return [best]


def _tag_column(family: str, path, n0: int, width: int, token: int, rows, notes, skip=frozenset()) -> int:
    full = [f for _, f in rows]
    values = {i: [f[i] for f in full] for i in range(width) if i != token and i not in skip}
    iob = {i: _most(v, lambda x: _IOB.match(x)) for i, v in values.items()}
    if family in ("chunking", "ner"):
        cands = [i for i in values if iob[i]]
        if not cands:
            if family == "ner":  # its other bracketed columns (parse, arguments) are not chunks either
                _refuse_brackets(path, rows, token)
            kind = "entity" if family == "ner" else "chunk"
            raise ConfigError(f"{path}:{n0}: no column holds {kind} tags (O, B-TYPE, I-TYPE, ...) on most lines "
                              f"({width} columns); set columns.tag (and scheme, or delimiter) in the spec")
        if len(cands) > 1:
            types = {i: {x[2:] for x in values[i] if x != "O"} for i in cands}
            phrase = [i for i in cands if types[i] and types[i] <= CHUNK_TYPES]
            pref = phrase if family == "chunking" else [i for i in cands if i not in phrase]
            if family == "chunking" and not phrase:
                pref = _fewest_o(cands, values, path, notes)
            cands = pref or cands
    else:
        cands = [i for i in values if not iob[i]]
        if not cands:
            raise ConfigError(f"{path}:{n0}: every column but the token holds chunk tags (B-/I-/O); a POS task "
                              "needs a POS column: set columns.tag in the spec")
        cands = [i for i in cands if len(set(values[i])) <= MAX_POS_TAGS] or cands
    # a column of one value is no tag column (one tag is refused): an indexed CoNLL file's constant last
    # column ('z') was taken and the file refused as holding "one tag only"
    cands = [i for i in cands if len(set(values[i])) > 1] or cands
    if len(cands) > 1 and skip and family == "ner":
        # GermEval 2014 after its index column: outer entities, then the nested ones (the last held only
        # entities inside others, so every other entity was gold O)
        notes.append(f"{path_name(path)}: columns {', '.join(map(str, cands))} all look like tags; using the "
                     f"first ({cands[0]}, GermEval's outer entities; the next holds the nested ones); set "
                     "columns.tag to choose")
        return cands[0]
    if len(cands) > 1:
        notes.append(f"{path_name(path)}: columns {', '.join(map(str, cands))} all look like tags; using the last "
                     f"({cands[-1]}); set columns.tag to choose")
    return cands[-1]


def _pinned(hints, first: Path, name: str, options: dict) -> dict:
    """Hints that make the other files be read as the first one was (their structure is still checked)."""
    out = dict(hints)
    if name == "conll":
        out.update(delimiter=options["sep"], columns={"token": options["token_column"], "tag": options["tag_column"]},
                   _n_columns=options["n_columns"], _first=first)
        if "comment" in options:
            out["comment"] = options["comment"]
    elif name == "conllu":
        out["columns"] = {"token": options.get("token_column", 1), "tag": options["tag_column"]}
    return out


# the layout hints each tagging reader reads (encoding and scheme: all of them); word/TAG lines split at
# whitespace, the tag after the last '/', and CoNLL-U is tab-separated with '#' comments by definition, so
# delimiter = "tab", comment = "%" or columns over word/TAG lines were accepted and ignored
_READS = {"conll": ("delimiter", "comment", "columns"), "conllu": ("columns",), "word-tag": ()}
_LAYOUTS = {"conllu": "CoNLL-U files (10 tab-separated columns, '#' comment lines)",
            "word-tag": "word/TAG lines (tokens split at whitespace, the tag after the last separator)"}


def _refuse_unread_hints(name: str, hints, first: Path) -> None:
    for key in ("delimiter", "comment", "columns"):
        if key in hints and key not in _READS[name]:
            raise HintError(key, f"{first}: {key} does not apply to {_LAYOUTS[name]}, which are read "
                                 "without it")


def sniff_tagging(family, files, hints, notes) -> tuple[str, dict]:
    fmt = hints.get("format")
    inner = None if fmt == "tagged" else fmt
    first, *rest = primary_first(files)
    name, options = _sniff_file(family, first, hints, inner, notes)
    _refuse_unread_hints(name, hints, first)
    pinned = _pinned(hints, first, name, options)
    results = [(first, name, options)] + [(p, *_sniff_file(family, p, pinned, name, notes)) for p in rest]
    # the first file's comment rule is pinned on the others; a later file's is carried back here
    name, options = agree(comment_for_all(results, "conll") if "comment" not in hints else results)
    if family in ("chunking", "ner"):
        options["scheme"] = hints.get("scheme", "auto")
    elif hints.get("scheme"):
        options["scheme"] = hints["scheme"]
    if fmt == "tagged":
        return "tagged", {"format": _INNER[name], **options}
    return name, options
