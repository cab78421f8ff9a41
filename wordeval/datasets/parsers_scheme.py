"""Chunk-tag checks made while a tagging file is read, so that a bad tag fails with its file and line
(not as a ConfigError with no location at scoring time).

A tag is split by ``wordeval.extrinsic.spans`` (the scorer's own helper), so the reader and the scorer
cannot disagree on what a valid tag is. On top of it a tag's TYPE must be non-empty and hold no comma,
semicolon, bar or whitespace: ``B-corporation,B-person`` is two labels in one cell, not a type.

Transitions follow the scorer's decoding rules (conlleval's, see spans.py), which never reject a sequence.
What a strict reading would call ill-formed is accepted, decoded as spans.py decodes it, counted and
reported in ``extra["scheme_repairs"]`` with the first file:line:

- IOB2: an ``I-X`` that does not follow ``B-X``/``I-X`` starts a chunk (conlleval's lenient reading; the
  usual convention for IOB2 files, and what seqeval's default mode does). Not an error.
- IOB1: that is how IOB1 starts every chunk; nothing is counted.
- IOBES: ``I-X``/``E-X`` without an open X chunk, and a ``B-X``/``I-X`` chunk not closed by ``E-X``.
- ``S-``/``E-`` tags in IOB1/IOB2 and any tag outside O/B-/I-(/E-/S-) are errors.

``auto`` accepts the IOBES tag set and decides at the end: IOBES when the train file closes more than half
of its chunks with ``E-``/``S-`` tags (all files together, where there is no train file; an IOBES file closes
every chunk so and an IOB2 file none, so half splits them with the widest margin for slips either way),
else IOB1 when the train file starts its chunks mostly as
``I-X`` (CoNLL-2003; all files together where there is no train file), else IOB2 (CoNLL-2000, WNUT; an IOB2
file with a stray ``O I-PER`` is IOB2 with one repair, which used to make the whole dataset IOB1 without a
word, as did a tiny dev file with one; one stray ``S-X`` made an IOB2 train file IOBES, every chunk of it an
unclosed-chunk repair that chunks = "strict" drops). Stray ``E-``/``S-`` tags in a file of an IOB2 dataset that
does not write IOBES are read as IOBES reads them, rewritten in IOB2, counted with their first file:line in the
repairs; so are those of a file that closes at most half its chunks with them in an IOBES dataset, which is
then converted as the IOB2 file it is. Where a file writes chunk starts both ways, a warning (``SchemeChecker.notes``) says
which scheme was inferred, from what, with the first line of each. IOB1 and IOB2 decode identically, so the
choice between them cannot move a conlleval score; it decides whether chunks = "strict" may read the data and
what the record's scheme says. E-/S- tags together with I-X chunk starts fit no scheme: an error naming the
first of each, settled by fixing the tag or by a
``scheme`` in the spec.

A file written in another scheme than the dataset's (``SchemeChecker.converted``: an IOB1 file, such as
CoNLL-2003's originals, or an IOBES one in an IOB2 dataset; an IOB1 or IOB2 file in an IOBES dataset) is
rewritten in the dataset's scheme by the reader, from the chunks conlleval reads in it, and recorded
(``extra["scheme_converted"]``): read as written, chunks = "strict" dropped every chunk it starts with I-X or
does not close with E-X. Its repairs are not counted: they are its own scheme's rules.
"""
from __future__ import annotations

import os
import re

from wordeval.errors import ConfigError, InputFormatError
from wordeval.extrinsic.spans import _split as split_tag, check_scheme

SCHEME_CHOICES = ("IOB1", "IOB2", "IOBES", "auto")
_BAD_IN_TYPE = re.compile(r"[\s,;|]")
# CoNLL-2012 (OntoNotes) marks an entity by '(PERSON*' on its first token and '*)' on its last, '(GPE)' on a
# one-token one and '*' elsewhere: no scheme reads these cells as tags
BRACKETED_SPAN = re.compile(r"^(\(\w[\w-]*\*?\)?|\*\)?)$")
CONVERT_BRACKETS = "convert them to one IOB2 tag per token (B-TYPE, I-TYPE, O) first"
_I_START = "I-X starting a chunk (no B-X/I-X before it; read as a chunk start, as conlleval does)"
_I_ORPHAN = "I-X without an open X chunk (read as a chunk start)"
_E_ORPHAN = "E-X without an open X chunk (read as a one-token chunk)"
_UNCLOSED = "B-X/I-X chunk not closed by E-X (closed where the next tag or the sentence ends)"
_STRAY_ES = ("E-X/S-X tag in a file that writes its chunks in IOB2 (read as IOBES reads it, S-X a one-token chunk "
             "and E-X the end of one, and rewritten in the dataset's scheme)")


class SchemeChecker:
    """Feed every tag (``tag``) and every sentence end (``end_sentence``); ``finish`` gives the scheme and
    the repairs. One checker spans all files of a dataset so ``auto`` decides once for all splits."""

    def __init__(self, scheme: str):
        if scheme != "auto":
            check_scheme(scheme)
        self.scheme = scheme
        self._as = "IOBES" if scheme == "auto" else scheme
        self._prev: tuple[str, str] | None = None
        self._last: tuple = ("", 0)
        self._parsed: dict[str, tuple[str, str]] = {}
        # rules -> what -> file -> [count, first "file:line"]: per file, so a converted file's are left out
        self._repairs: dict[str, dict[str, dict[str, list]]] = {"IOB2": {}, "IOBES": {}}
        self._first_es: tuple | None = None
        self._first_i_start: tuple | None = None
        # per file, the first chunk start written as I-X and as B-X (after O or another type): IOB1 writes
        # the first, IOB2 the second; a train file in one and a test file in the other is worth a word
        self.starts: dict[str, dict[str, str]] = {}
        self.start_counts: dict[str, dict[str, int]] = {}  # per file: chunk starts written B-X, I-X
        self.notes: list[str] = []  # how ``auto`` decided, where the files leave it in doubt
        self.es_files: set[str] = set()  # files with an E-X or S-X tag
        self.es_tags: dict[str, list] = {}  # per file: [E-X and S-X tags, the first's "file:line"]
        self.n_chunks: dict[str, int] = {}  # per file, as conlleval's reading counts them
        # files with a few E-/S- tags beside B-/I- chunks: read as IOBES reads them (in an IOB2 dataset rewritten,
        # not converted; in an IOBES one converted from that reading)
        self.stray_es: set[str] = set()
        # files written in another scheme than the dataset's: path -> that scheme; the reader rewrites their tags
        # (the same chunks, as conlleval reads them). Read as written, chunks = "strict" lost every chunk an
        # IOB1 file starts with I-X, and every chunk of an IOB2 file beside an IOBES train file
        self.converted: dict[str, str] = {}
        self.n_tags = 0

    def _count(self, rules: str, what: str, where: tuple) -> None:
        by_file = self._repairs[rules].setdefault(what, {})
        entry = by_file.get(os.fspath(where[0]))
        if entry is None:
            by_file[os.fspath(where[0])] = [1, f"{os.fspath(where[0])}:{where[1]}"]
        else:
            entry[0] += 1

    def _parse(self, tag: str, path, lineno: int) -> tuple[str, str]:
        try:
            prefix, type_ = split_tag(tag, self._as)
        except ConfigError:
            allowed = "O, B-TYPE, I-TYPE" + (", E-TYPE, S-TYPE" if self._as == "IOBES" else "")
            what = "a chunk tag" if self.scheme == "auto" else f"an {self.scheme} tag"  # IOB1, IOB2, IOBES
            # the sniffer says this of a BILOU column it finds, not of one a spec's columns.tag names
            bilou = ": a BILOU tag? rename U- to S- and L- to E- (the same chunks, in IOBES)" \
                if tag[:2] in ("U-", "L-") else ""
            # and of a bracketed column it finds (sniff_tags._refuse_brackets); a spec's columns.tag that named
            # one was told only that '*' is no chunk tag
            spans = f": CoNLL-2012 (OntoNotes) bracketed spans ('(PERSON*' ... '*)')? {CONVERT_BRACKETS}" \
                if BRACKETED_SPAN.match(tag) else ""
            raise InputFormatError(path, lineno, f"{what} ({allowed})", repr(tag) + bilou + spans) from None
        if prefix != "O" and (not type_ or _BAD_IN_TYPE.search(type_)):
            hint = " (several labels in one cell?)" if re.search(r"[,;|]", type_) else ""
            raise InputFormatError(path, lineno, "one tag per token: O or PREFIX-TYPE with a non-empty TYPE "
                                   "without spaces, commas, semicolons or bars", repr(tag) + hint)
        self._parsed[tag] = (prefix, type_)
        return prefix, type_

    def is_tag(self, tag: str) -> bool:
        """Whether ``tag`` is a valid tag here, without raising or counting: a reader asks it of a line that may
        be a comment ('#nyc B-location' is a token, '# id 7' is not)."""
        try:
            self._parsed.get(tag) or self._parse(tag, "", 0)
        except InputFormatError:
            return False
        return True

    def tag(self, tag: str, path: str | os.PathLike, lineno: int) -> None:
        # A corpus has few distinct tags: each is split and checked once (this runs for every token).
        prefix, type_ = self._parsed.get(tag) or self._parse(tag, path, lineno)
        prev_p, prev_t = self._prev or ("O", "")
        continues = prev_p in ("B", "I") and prev_t == type_
        if prefix in ("B", "S") or (prefix in ("I", "E") and not continues):
            self.n_chunks[os.fspath(path)] = self.n_chunks.get(os.fspath(path), 0) + 1
        if prefix in ("E", "S"):
            self.es_tags.setdefault(os.fspath(path), [0, f"{os.fspath(path)}:{lineno}"])[0] += 1
        if prefix in ("B", "I") and not continues:
            self.starts.setdefault(os.fspath(path), {}).setdefault(prefix, f"{os.fspath(path)}:{lineno}")
            counts = self.start_counts.setdefault(os.fspath(path), {"B": 0, "I": 0})
            counts[prefix] += 1
        if prefix == "I" and not continues:
            self._first_i_start = self._first_i_start or (path, lineno)
            self._count("IOB2", _I_START, (path, lineno))
            self._count("IOBES", _I_ORPHAN, (path, lineno))
        elif prefix == "E":
            self._first_es = self._first_es or (path, lineno, tag)
            self.es_files.add(os.fspath(path))
            if not continues:
                self._count("IOBES", _E_ORPHAN, (path, lineno))
        elif prefix == "S":
            self._first_es = self._first_es or (path, lineno, tag)
            self.es_files.add(os.fspath(path))
        if prev_p in ("B", "I") and not (continues and prefix in ("I", "E")):
            self._count("IOBES", _UNCLOSED, self._last)
        self._prev = (prefix, type_)
        self._last = (path, lineno)
        self.n_tags += 1

    def end_sentence(self) -> None:
        if self._prev is not None and self._prev[0] in ("B", "I"):
            self._count("IOBES", _UNCLOSED, self._last)
        self._prev = None

    def finish(self, train: str | os.PathLike | None = None) -> tuple[str, dict[str, dict]]:
        """(the scheme: the given one, or the detected one for ``auto``; repairs: what -> count, first).
        ``train``: the file whose chunk starts choose between IOB1 and IOB2 for ``auto``."""
        self.end_sentence()
        scheme = self.scheme
        if scheme == "auto" and self._first_es and self._first_i_start:
            # IOBES never starts a chunk with I-X and IOB1 has no E-/S-: one stray S-LOC in CoNLL-2003 made every
            # I-X start of the dataset an IOBES "repair", and the report named neither the stray tag nor its line
            (path, lineno, tag), (i_path, i_line) = self._first_es, self._first_i_start
            raise InputFormatError(path, lineno, "tags of one scheme (scheme = \"auto\")",
                                   f"{tag!r} (IOBES) where chunks start with I-X (IOB1, first at "
                                   f"{os.fspath(i_path)}:{i_line}); fix the tag, or set scheme in the spec")
        if scheme == "auto":
            scheme = "IOBES" if self._writes_iobes(train) else self._iob1_or_iob2(train)
        self.converted = self._other_schemes(scheme)
        rules = {} if scheme == "IOB1" else self._repairs[scheme]
        repairs = {}
        for what, by_file in rules.items():
            kept = [entry for path, entry in by_file.items() if path not in self.converted]
            if kept:
                repairs[what] = {"count": sum(n for n, _ in kept), "first": kept[0][1]}
        if self.stray_es:
            stray = [self.es_tags[path] for path in self.es_tags if path in self.stray_es]
            repairs[_STRAY_ES] = {"count": sum(n for n, _ in stray), "first": stray[0][1]}
        return scheme, repairs

    def _iobes_share(self, paths) -> tuple[int, int]:
        """(chunks closed by an E-/S- tag, chunks) in ``paths``."""
        return (sum(self.es_tags.get(p, (0,))[0] for p in paths), sum(self.n_chunks.get(p, 0) for p in paths))

    def _writes_iobes(self, train) -> bool:
        """``auto``'s choice of IOBES: the train file (without one, or without a chunk in it: all files) closes
        most of its chunks with E-/S-. One IOBES test file beside an IOB2 train file made the dataset IOBES,
        and so did one stray S-X in an IOB2 train file: every other train chunk an unclosed-chunk repair."""
        paths = [os.fspath(train)] if train is not None and self.n_chunks.get(os.fspath(train)) else list(self.n_chunks)
        es, n = self._iobes_share(paths)
        if 0 < es and 2 * es <= n:
            where = paths[0] if len(paths) == 1 else "the files"
            self.notes.append(f"scheme = \"auto\" read the tags as IOB2: {where} closes {es} of {n} chunk(s) with "
                              f"E-X/S-X (first at {next(self.es_tags[p][1] for p in paths if p in self.es_tags)}); "
                              "IOBES closes every chunk so, and is inferred when more than half are; set scheme in "
                              "the spec to say which is meant")
        return 2 * es > n

    def _other_schemes(self, scheme: str) -> dict[str, str]:
        """The files written in another scheme than the dataset's ``scheme``: in an IOB2 dataset one that starts
        every chunk with I-X (IOB1) or has E-/S- tags (IOBES); in an IOBES dataset one with chunks but no E-/S-
        tag (every IOBES chunk has one). A file that writes chunk starts both ways is IOB2 with repairs."""
        out = {}
        if scheme == "IOB2":
            out = {p: "IOB1" for p, c in self.start_counts.items() if c["I"] and not c["B"]}
            iobes = {p for p in self.es_files if 2 * self._iobes_share([p])[0] > self._iobes_share([p])[1]}
            out.update((p, "IOBES") for p in iobes)
            self.stray_es = self.es_files - iobes
        elif scheme == "IOBES":
            # as a train file's few E-/S- tags leave it IOB2 (``_writes_iobes``), so do a file's here: one stray
            # S-X in an IOB2 test file beside an IOBES train file kept it from being converted, and every other
            # chunk of it was an unclosed-chunk repair that chunks = "strict" drops. A tie keeps the dataset's.
            stray = {p for p in self.es_files if 2 * self._iobes_share([p])[0] < self._iobes_share([p])[1]}
            out = {p: "IOB1" if c["I"] and not c["B"] else "IOB2" for p, c in self.start_counts.items()
                   if (p not in self.es_files or p in stray) and (c["B"] or c["I"])}
            self.stray_es = stray & set(out)
        return out

    def _iob1_or_iob2(self, train) -> str:
        """IOB1 when the train file (without one, or without a chunk start in it: all files together) starts
        its chunks mostly with I-X, else IOB2; a note where a file mixes both. Not any one file: a
        one-sentence dev file with an ``O I-X`` slip made an IOB2 dataset IOB1 (chunks = "strict" refused,
        the record's scheme wrong); the other files' starts written the other way are repairs or notes."""
        by_train = self.start_counts.get(os.fspath(train)) if train is not None else None
        counts = [by_train] if by_train else list(self.start_counts.values())
        iob1 = sum(c["I"] for c in counts) > sum(c["B"] for c in counts)
        scheme = "IOB1" if iob1 else "IOB2"
        for path, c in self.start_counts.items():
            if c["I"] and c["B"]:
                first = self.starts[path]
                self.notes.append(
                    f"scheme = \"auto\" read the tags as {scheme}: {path} starts {c['B']} chunk(s) with B-X (first at "
                    f"{first['B']}) and {c['I']} with I-X after O or another type (first at {first['I']})"
                    + (", and IOB1 writes B-X only between two chunks of one type" if iob1 else
                       ", read as chunk starts (a broken IOB2 chunk start?)")
                    + "; both decode to the same chunks; set scheme in the spec to say which is meant")
        return scheme


def start_conventions(checker: SchemeChecker, paths) -> dict[str, tuple[str, str]]:
    """Per split whose file writes chunk starts one way only: ("IOB1" or "IOB2", the first such start)."""
    out = {}
    for key, path in paths.items():
        starts = checker.starts.get(os.fspath(path), {})
        if len(starts) == 1:
            (prefix, where), = starts.items()
            out[key] = ("IOB1" if prefix == "I" else "IOB2", where)
    return out


def scheme_checker(scheme: str | None) -> SchemeChecker | None:
    if scheme is None:
        return None
    if scheme not in SCHEME_CHOICES:
        raise ConfigError(f"scheme={scheme!r}: expected one of {', '.join(SCHEME_CHOICES)}")
    return SchemeChecker(scheme)
