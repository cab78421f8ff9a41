"""Sniffing analogy files (see sniff.py for the contract).

Analogy, in this order: a folder is BATS (its layout or a folder of relation files); a first line naming
word1, word2, word3 and target (comma, semicolon or tab) is a vecto CSV; lines of two fields are one BATS
relation file; ``: section`` lines first and four space-separated words on the other lines is Google's
format; five space-separated fields with a tag pair such as JJ_JJR fourth is MSR's five-column release
(``msr-lines``); three words a line are the questions of MSR's two-file release, whose answers are
the ``.answers`` file beside them (``msr-pair``); otherwise four words per line separated by tabs, commas, semicolons or spaces
(``analogy-4col``).
Each rule wants 90 % of the lines; when none is met, the layout most lines fit (a strict majority) is read,
so that its reader names the first line that does not fit rather than the file's first, valid, line.
A first line is a header when ``header = true``, or, sniffed, when its four fields are all usual column names
(_HEADER_NAMES); hints a layout cannot take are a HintError, which the loader reports at the spec's line.
"""
from __future__ import annotations

import re
from pathlib import Path

from wordeval.datasets.comment_rule import SNIFFED_PREFIX, is_comment
from wordeval.datasets.parsers_analogy import bats_fields, is_msr_line, reads_as
from wordeval.datasets.sniff import check_roles, encoding_option, path_name, read_sample, require_nonempty, split_line
from wordeval.datasets.sniff_columns import csv_rows, line_repr
from wordeval.datasets.textio import split_blanks
from wordeval.errors import ConfigError, HintError, InputFormatError

_VECTO = ("word1", "word2", "word3", "target")
# A first line is sniffed as a header only when its four fields are these names (vecto's, and word4): a
# question may be any four words, and one taken for a header would be dropped without a word.
_HEADER_NAMES = frozenset(_VECTO + ("word4",))
# "a b c d" as a question is no analogy, but it is the header users write over four columns
_LETTERS_HEADER = ["a", "b", "c", "d"]


def _most(rows, test) -> bool:
    return sum(1 for r in rows if test(r)) * 10 >= len(rows) * 9


def _majority(rows, test) -> bool:
    """MSR's five-column lines are read on a strict majority too: under ten lines the 90 % rule asks for every
    line, so one 4-word line among them fell through to the 'a b c d' reading, whose error named line 1. (Not
    three-word lines: Turney's SAT questions are mostly three words, and are refused for what they are.)"""
    return sum(1 for r in rows if test(r)) * 2 > len(rows)


_LAYOUT_NOTES = {"bats": "one BATS relation file (word<TAB>target1/target2...)",
                 "google": "Google format (': section' lines, then 'a b c d')",
                 "msr-lines": "MSR's five-column lines ('a b c TYPE d': TYPE, such as JJ_JJR, is the section)",
                 "msr-pair": "MSR's two-file release: 'a b c' here, 'TYPE d' on the same line of the .answers file "
                             "beside it (TYPE, such as JJ_JJR, is the section)"}


def _msr_line(row) -> bool:
    return is_msr_line(row[1])


# Turney's SAT questions: a stem pair "lull trust v:n", five choice pairs and the answer letter. No setting
# reads them as a b c d lines, so "set delimiter" sent users after a fix that does not exist.
_SAT_PAIR = re.compile(r"\S+ \S+ [a-z]+:[a-z]+")
_SAT_ANSWER = re.compile(r"[a-e]")
_FORMATS_READ = ("a vecto CSV with a header, Google format, 'a b c d' lines, MSR's five-column lines or its "
                 "two-file release, a BATS relation file or folder")


def _refuse_sat(path, data) -> None:
    pairs = [(n, line) for n, line in data if _SAT_PAIR.fullmatch(" ".join(split_blanks(line)))]
    if pairs and any(_SAT_ANSWER.fullmatch(line.strip()) for _, line in data) and len(pairs) * 2 >= len(data):
        raise InputFormatError(path, pairs[0][0], f"an analogy format wordeval reads ({_FORMATS_READ})",
                               f"Turney's SAT layout (a stem pair, five choice pairs, the answer letter), "
                               f"which wordeval does not read: {line_repr(pairs[0][1])}")


def _closest_layout(data, content, fmt) -> tuple[str, tuple[int, str] | None]:
    """The layout (bats, google or a delimiter) that the most data lines fit, when none is fitted by 90 %
    of them. With a strict majority it is chosen, and its reader names the first line that does not fit
    (the error used to name the file's first line, a valid one); otherwise the first misfit is returned."""
    fits = {}
    if fmt is None and content[0][1].startswith(":"):
        fits["google"] = lambda line: len(split_blanks(line)) == 4
    for cand in ("tab", "comma", "semicolon", "space"):
        fits[cand] = lambda line, cand=cand: len(split_line(line, cand)) == 4
    if fmt is None and not any(line.startswith(":") for _, line in content):
        fits["bats"] = _bats_line
    counts = {name: sum(1 for _, line in data if test(line)) for name, test in fits.items()}
    best = max(counts, key=counts.get)  # the first of equals: four words (google, tab ... space) before bats
    if counts[best] * 2 > len(data):
        return best, None
    return best, next(r for r in data if not fits[best](r[1]))


def _misfit_advice(line: str, layout: str) -> str:
    """What reads a line that the closest layout does not fit: a delimiter only where one splits it into four
    items. 'set delimiter' was said of any such line, and no delimiter makes four words of 'king queen man'."""
    fitting = [d for d in ("tab", "comma", "semicolon", "space") if d != layout and len(split_line(line, d)) == 4]
    if fitting:
        return f'set delimiter = "{fitting[0]}" in the spec if that is how its items are separated'
    n = len(split_blanks(line))
    return (f"it has {n} word{'' if n == 1 else 's'}, and no delimiter makes four of them: a question needs all four "
            f"words, so complete that line or remove it")


def _bats_line(line: str) -> bool:
    """A word and its targets, as ``parse_bats_file`` splits them (a tab after the targets is no field)."""
    return len(bats_fields(line)) == 2


def _delimited_items(data) -> bool:
    """Every line four items separated by commas or semicolons ('athens, greece, paris, france': Google's
    reader kept the commas in the words, every question silently out of vocabulary), or by tabs with some item
    holding a space ('new york': Google's reader refused the valid file at that line, the 90 % rule having let
    it in). Such lines are read by their delimiter, not as Google's space-separated words."""
    if any(all(len(split_line(line, d)) == 4 for _, line in data) for d in ("comma", "semicolon")):
        return True
    return (all(len(line.split("\t")) == 4 for _, line in data)
            and any(len(split_blanks(line)) != 4 for _, line in data))


def _comment(comment: str | None) -> dict:
    return {"comment": comment} if comment else {}


def _some_layout_reads(line: str) -> bool:
    return (_bats_line(line) or len(split_blanks(line)) in (3, 5)
            or any(len(split_line(line, d)) == 4 for d in ("tab", "comma", "semicolon", "space")))


def _questions(comment: str | None):
    """Whether a ``comment``-prefixed line of the sample may be a question, the layout not known yet: its
    first item is not the prefix alone ('# capitals of Europe') and it has the fields of some layout (the
    reader then keeps it where it fits the layout read, as word-pair files keep a '#nyc' pair)."""
    return reads_as(comment, _some_layout_reads)


def _sniffed_comment(samples, notes: list[str]) -> str | None:
    """'#' when a sampled line starting with '#' is no question (_questions). Read as data, '# my analogy
    set' was a question of four OOV words (coverage silently lower) and '# analogies for my paper' an error
    about multiword items. The readers skip only such lines: a hashtag question ('#nyc #ny city town') stays
    data beside them."""
    reads = _questions(SNIFFED_PREFIX)
    for sample in samples:
        line = next((x for x in sample.lines if is_comment(x[1], SNIFFED_PREFIX, reads)), None)
        if line is not None:
            notes.append(f"{path_name(sample.path)}: lines starting with '#' are comments unless they read as "
                         f"questions (first: line {line[0]}, {line_repr(line[1])}; set comment to change)")
            return SNIFFED_PREFIX
    return None


def _names_header(line: str) -> bool:
    for delimiter in ("tab", "comma", "semicolon", "space"):
        fields = {f.strip().lower() for f in split_line(line, delimiter)}
        if len(fields) == 4 and fields <= _HEADER_NAMES:
            return True
        if [f.strip().lower() for f in split_line(line, delimiter)] == _LETTERS_HEADER:
            return True
    return False


def _note_alternatives(path, data, notes) -> None:
    slashed = next((n for n, line in data if "/" in line), None)
    if slashed is not None:
        notes.append(f"{path_name(path)}: a target written 'x/y' (first on line {slashed}) is read as the accepted "
                     f"answers x and y, as BATS writes them")


def _bats_hints(path, header, columns, delimiter=None) -> None:
    """BATS lines are a word and its targets: nothing for header, columns or delimiter to choose (header =
    false and a delimiter were accepted and ignored)."""
    if header is not None:
        raise HintError("header", f"header = {str(header).lower()}: {path}: BATS relation files have no "
                                  "header line")
    if delimiter is not None:
        raise HintError("delimiter", f"delimiter: {path}: BATS relation files are read as word<TAB>target1/"
                                     "target2... lines; delimiter does not apply to them")
    if columns:
        raise HintError("columns", f"columns: {path}: BATS relation files have no columns to choose "
                                   "(word<TAB>target1/target2...)")


def _four_columns(path, columns, head: list[str] | None) -> tuple[int, int, int, int]:
    """Where word1, word2, word3 and target are in a line of four words: 0 to 3 (negative from the end), or
    names of the header line. All four are needed: which column a missing role takes would be a guess."""
    if "section" in columns:
        raise HintError("columns", f"columns.section: {path}: an 'a b c d' line has no section column (a "
                                   "section starts at a ': name' line)")
    missing = [role for role in _VECTO if role not in columns]
    if missing:
        raise HintError("columns", f"columns: {path}: give all four of word1, word2, word3 and target (missing "
                                   f"{', '.join(missing)})")
    names = [h.strip().lower() for h in head] if head is not None else None
    order: list[int] = []
    for role in _VECTO:
        want = columns[role]
        if isinstance(want, int):
            if not -4 <= want < 4:
                raise HintError("columns", f"columns.{role} = {want}: {path}: a line has 4 columns (0 to 3)")
            order.append(want % 4)
        elif names is None or names.count(want.strip().lower()) != 1:
            raise HintError("columns", f"columns.{role} = {want!r}: {path}: " + (
                "no header line names columns (give 0 to 3, or set header = true)" if names is None
                else f"not exactly one column of the header ({', '.join(head)})"))
        else:
            order.append(names.index(want.strip().lower()))
    for i, col in enumerate(order):
        if col in order[:i]:
            raise HintError("columns", f"columns: {path}: {_VECTO[order.index(col)]} and {_VECTO[i]} are both "
                                       f"column {col}")
    return tuple(order)


def _columns_option(path, columns, head) -> dict:
    return {"columns": _four_columns(path, columns, head)} if columns else {}


def _read_bats_folder(root: Path, encoding: str | None, notes: list[str]) -> list:
    """Each relation file of a folder decoded as the reader will (an undecodable byte is named with the
    ``encoding`` key, as in any other file), their samples returned; what was skipped or looked into is said
    in ``notes``. A UTF-8 byte-order mark is stripped by the reader, so it only gets a note here."""
    from wordeval.datasets.parsers_analogy import BatsFolder

    folder = BatsFolder(root)
    notes.extend(folder.notes)
    samples = [read_sample(path, encoding, []) for _, _, path in folder.files]
    boms = sum(sample.encoding == "utf-8-sig" for sample in samples)
    if boms:
        notes.append(f"{path_name(root)}: {boms} relation file{'s start' if boms > 1 else ' starts'} with a UTF-8 "
                     "byte-order mark (read as utf-8-sig)")
    return samples


def _msr_pair(path: Path, hints, header, columns, first, sample) -> dict:
    """Three words a line: the questions of MSR's two-file release, read with the ``.answers`` beside them
    (refused before as 'expected four words', which did not say what was missing or where it is)."""
    from wordeval.datasets.parsers_msr_pair import JOIN_HINT, answers_path

    for key, value in (("header", header), ("columns", columns), ("comment", hints.get("comment"))):
        if value or (key == "header" and value is not None):  # header = false was accepted and ignored
            raise HintError(key, f"{key}: {path}: MSR's .questions/.answers files are paired line by line: "
                                 "no header, columns or comment lines")
    answers = answers_path(path)
    if path.suffix != ".questions" or not answers.is_file():
        raise ConfigError(f"{path}:{first[0]}: 3 words a line ({line_repr(first[1])}), as in MSR's two-file "
                          f"release ('a b c' lines in NAME.questions, 'TYPE d' lines in NAME.answers): expected "
                          f"its answers in {answers}, not found; put them there, {JOIN_HINT}")
    return encoding_option(sample)


def _sniff_layout(path: Path, hints, notes) -> tuple[str, dict]:
    fmt = hints.get("format")
    if path.is_dir():
        if fmt not in (None, "bats"):
            raise HintError("format", f"{path}: a folder, but format = {fmt!r} reads a file")
        _bats_hints(path, hints.get("header"), hints.get("columns"), hints.get("delimiter"))
        notes.append(f"{path_name(path)}: a folder of BATS relation files")
        samples = _read_bats_folder(path, hints.get("encoding"), notes)
        return "bats", _comment(hints.get("comment") or _sniffed_comment(samples, notes))
    sample = read_sample(path, hints.get("encoding"), notes)
    comment = hints.get("comment") or _sniffed_comment([sample], notes)
    content = sample.content(comment, _questions(comment))
    require_nonempty(sample, content)
    # every analogy reader skips the comment lines the sniffer skipped (only 'a b c d' files did)
    common = {**encoding_option(sample), **_comment(comment)}
    columns = check_roles(path, hints.get("columns"), _VECTO + ("section",))
    n0, first = content[0]
    header = hints.get("header")
    if fmt == "vecto-csv" and header is False:
        raise HintError("header", f"header = false: {path}: a vecto CSV names its columns in a header line")
    if fmt in (None, "vecto-csv") and header is not False:  # header = false: the first line is a question
        for delim in ([hints["delimiter"]] if hints.get("delimiter") else ["comma", "semicolon", "tab"]):
            rows = csv_rows(content[:1], delim) if delim != "space" else None
            names = {h.strip().lower() for h in rows[0][1]} if rows else set()
            named = {str(v).strip().lower() for v in columns.values() if isinstance(v, str)}
            # 'word1 word2 word3 word4 category': word4 names the target, as in a four-column header (below);
            # this header over five tab-separated columns was refused as "5 space-separated words"
            word4 = len(rows[0][1]) > 4 and {"word1", "word2", "word3", "word4"} <= names if rows else False
            if rows and len(rows[0][1]) >= 4 and (set(_VECTO) <= names or word4 or (named and named <= names)):
                notes.append(f"{path_name(path)}: CSV with a header ({delim}-separated): {first[:60]!r}")
                return "vecto-csv", {"sep": delim, **({"columns": columns} if columns else {}), **common}
        if fmt == "vecto-csv":
            raise ConfigError(f"{path}:{n0}: expected a header line naming word1, word2, word3 and target (or set "
                              f"columns to the header's names), got {line_repr(first)}")
    if header is None and _names_header(first):
        header = True
        notes.append(f"{path_name(path)}: line {n0} is a header (its fields are all usual column names, "
                     f"{first[:60]!r}); set header = false if it is a question")
    elif header:
        notes.append(f"{path_name(path)}: line {n0} is the header (header = true)")
    if header:  # read past it, here as the reader will
        content = content[1:]
        if not content:
            raise InputFormatError(path, None, "at least one question", "only a header line")
        common = {**common, "header": True}
    data = [(n, line) for n, line in content if not line.startswith(":")]
    if not data:
        raise InputFormatError(path, None, "at least one question", "only ': section' lines")
    two = lambda r: _bats_line(r[1])  # noqa: E731
    if fmt == "bats" or (fmt is None and len(data) == len(content) and _most(data, two)):
        _bats_hints(path, header, columns, hints.get("delimiter"))
        notes.append(f"{path_name(path)}: {_LAYOUT_NOTES['bats']}")
        return "bats", common
    four = lambda r: len(split_blanks(r[1])) == 4  # noqa: E731
    if fmt == "google" or (fmt is None and content[0][1].startswith(":") and _most(data, four)
                           and hints.get("delimiter") in (None, "space") and not _delimited_items(data)):
        notes.append(f"{path_name(path)}: {_LAYOUT_NOTES['google']}")
        _note_alternatives(path, data, notes)
        return "google", {**common, **_columns_option(path, columns, split_blanks(first) if header else None)}
    if fmt == "msr-lines" or (fmt is None and hints.get("delimiter") in (None, "space") and not columns
                              and len(data) == len(content) and _majority(data, _msr_line)):
        if header is not None or columns:  # header = false too: read by nothing here
            key = "header" if header is not None else "columns"
            raise HintError(key, f"{key}: {path}: "
                            "MSR's five-column lines (a b c TYPE d) have no header and no columns to choose")
        notes.append(f"{path_name(path)}: {_LAYOUT_NOTES['msr-lines']}")
        _note_alternatives(path, data, notes)
        return "msr-lines", common
    three = lambda r: len(split_blanks(r[1])) == 3  # noqa: E731
    # a .questions file is read on a strict majority of three-word lines, as MSR's five-column lines are: under
    # ten lines one odd line fell to the 'a b c d' reading, whose error named line 1 (SAT files, mostly three
    # words too, are not named .questions)
    paired = path.suffix == ".questions" and _majority(data, three)
    if fmt == "msr-pair" or (fmt is None and hints.get("delimiter") in (None, "space") and not columns
                             and not header and len(data) == len(content) and (_most(data, three) or paired)):
        options = _msr_pair(path, hints, header, columns, content[0], sample)
        notes.append(f"{path_name(path)}: {_LAYOUT_NOTES['msr-pair']}")
        return "msr-pair", options
    delimiter = hints.get("delimiter")
    if delimiter is None:
        for cand in ("tab", "comma", "semicolon", "space"):
            if _most(data, lambda r: len(split_line(r[1], cand)) == 4):
                delimiter = cand
                break
    if delimiter is None:
        _refuse_sat(path, data)
    wide = next((r for r in data if len(split_blanks(r[1])) > 4), None)
    if delimiter is None and not wide:
        layout, misfit = _closest_layout(data, content, fmt)
        if misfit is None and layout in ("bats", "google"):
            if layout == "bats":
                _bats_hints(path, header, columns)
            notes.append(f"{path_name(path)}: {_LAYOUT_NOTES[layout]}")
            head = split_blanks(first) if header else None
            return layout, {**common, **(_columns_option(path, columns, head) if layout == "google" else {})}
        if misfit is not None:
            raise ConfigError(f"{path}:{misfit[0]}: expected four words a b c d per line, separated by tabs, "
                              f"commas, semicolons or spaces, got {line_repr(misfit[1])}; "
                              f"{_misfit_advice(misfit[1], layout)}")
        delimiter = layout
    if delimiter is None and wide and "\t" in wide[1]:
        # told to "separate the four items with tabs", a file that does: its lines have another number of fields
        raise ConfigError(f"{path}:{wide[0]}: {len(split_line(wide[1], 'tab'))} tab-separated fields, expected 4 "
                          f"(a b c d), got {line_repr(wide[1])}; with more columns, a header line naming word1, "
                          "word2, word3 and target (and a section column: type or category) reads them")
    if delimiter in (None, "space") and wide:
        raise ConfigError(f"{path}:{wide[0]}: {len(split_blanks(wide[1]))} space-separated words, expected 4: "
                          "multiword items cannot be told apart in a space-separated file; separate the four "
                          "items with tabs or commas (delimiter), or join multiword items with '_'")
    _note_alternatives(path, data, notes)
    sections = sum(1 for _, line in content if line.startswith(":"))
    notes.append(f"{path_name(path)}: 'a b c d' lines, {delimiter}-separated"
                 + (f", {sections} ': section' lines" if sections else ", no sections (section 'all')"))
    head = split_line(first, delimiter) if header else None
    return "analogy-4col", {"sep": delimiter, **common, **_columns_option(path, columns, head)}


def sniff_analogy_file(path: Path, hints, notes) -> tuple[str, dict]:
    name, options = _sniff_layout(path, hints, notes)
    return name, _pos_suffix(path, hints, notes, options)


def _pos_suffix(path: Path, hints, notes, options: dict) -> dict:
    """``pos_suffix = "strip"``: words such as ``good_JJ`` are looked up as ``good``. Unasked, tagged words are
    looked up as written (embeddings trained on tagged text hold them), and said to carry tags: a plain
    embedding covered none of the questions without a hint why."""
    from wordeval.datasets.analogy_tags import mostly_tagged

    if hints.get("pos_suffix") == "strip":
        notes.append(f"{path_name(path)}: part-of-speech tags after '_' (good_JJ) are stripped before lookup "
                     "(pos_suffix = \"strip\")")
        return {**options, "strip_pos_suffix": True}
    if hints.get("pos_suffix") is None and not path.is_dir():
        sample = read_sample(path, hints.get("encoding"), [])
        comment = options.get("comment")
        tokens = [t for _, line in sample.content(comment, _questions(comment)) if not line.startswith(":")
                  for t in re.split(r"[\s,;]+", line) if t]
        first = mostly_tagged(tokens)
        if first is not None:
            notes.append(f"{path_name(path)}: words carry part-of-speech tags (first {first!r}): looked up as "
                         "written, as embeddings trained on tagged text hold them; set pos_suffix = \"strip\" to "
                         "look them up without")
    return options
