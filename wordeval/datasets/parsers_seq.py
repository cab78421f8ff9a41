"""Sequence-labelling files: CoNLL column files (CoNLL-2000/2003, WNUT), CoNLL-U (UD), word/TAG lines (PTB).

Quirks handled: ``-DOCSTART-`` lines may appear anywhere (eng.train has its first one at the end of the
file) and always end a sentence; blank lines may hold whitespace (WNUT separates tweets with a lone tab);
CoNLL-U comment lines, multiword-token ranges (``1-2``) and empty nodes (``8.1``) are skipped so that the
tokens are the syntactic words that carry UPOS.

Comments in CoNLL column files: a line starting with the ``comment`` prefix is skipped only when it cannot be
a token line, i.e. it lacks the token lines' column count or (chunk tags) a valid tag. Tweets are full of
hashtags: ``#nyc<TAB>B-location`` is gold data, and one ``# tweet id`` line must not delete every token that
starts with ``#``. A line that fits both readings is a token. Skipped lines are counted per file
(``extra["comment_lines"]``) so that what was left out is visible.
"""
from __future__ import annotations

import os
import re
from typing import Mapping, Sequence

import numpy as np

from wordeval.counted_nouns import counted
from wordeval.datasets.dedupe import deduplicated, labels_after_copies
from wordeval.datasets.comment_rule import is_comment
from wordeval.datasets.parsers_scheme import SchemeChecker, scheme_checker
from wordeval.datasets.textio import ASCII_BLANK_CHARS, iter_lines, split_blanks
from wordeval.datasets.types import TaggedSentence
from wordeval.datasets.validate import check_distinct_files, check_labels, check_nonempty, check_shared_labels
from wordeval.errors import ConfigError, InputFormatError

_SEPARATORS = {"tab": "\t", "space": None}


class _Sentences:
    """Collects tokens and tags into sentences; tells the scheme checker where sentences end. The parsers
    append to ``tokens``/``tags`` themselves (a method call per token costs ~15% of a CoNLL-2003 load)."""

    def __init__(self, checker: SchemeChecker | None):
        self.checker = checker
        self.check = checker.tag if checker is not None else None
        self.sentences: list[TaggedSentence] = []
        self.tokens: list[str] = []
        self.tags: list[str] = []
        self.start: int | None = None  # the line of the sentence's first token, set by the parsers
        self.starts: list[int | None] = []  # each sentence's: deduplicate names a copy's place by it

    def flush(self) -> None:
        if self.tokens:
            self.sentences.append(TaggedSentence(tuple(self.tokens), tuple(self.tags)))
            self.starts.append(self.start)
            self.tokens.clear()
            self.tags.clear()
        if self.checker is not None:
            self.checker.end_sentence()


def split_columns(line: str, splitter: str | None) -> list[str]:
    """A token line's columns: at each tab, or (``splitter`` None) at runs of ASCII blanks (``split_blanks``).
    Never at a Unicode space, nor stripped of one (``strip_token``): conlleval (Perl on bytes, split at its
    delimiter, a space by default) keeps a no-break space inside a token ('10\u00a0000') and a token that is
    one alone ('\u00a0<TAB>O', a space the tweet's author typed). Trailing empty fields are dropped, as Perl's
    split drops them for conlleval: a tab after the tag on some lines ('word<TAB>O<TAB>', as tools that end
    each field with a separator leave it) made those lines one column wider than the others: refused."""
    if splitter is None:
        return split_blanks(line)
    fields = line.split(splitter)
    while len(fields) > 1 and not fields[-1].strip(ASCII_BLANK_CHARS):
        fields.pop()
    return fields


def strip_token(field: str) -> str:
    return field.strip(ASCII_BLANK_CHARS)


def blank(line: str) -> bool:
    """A sentence break: ASCII blanks alone. A line holding a no-break space is a token line, as conlleval
    reads it."""
    return not line.strip(ASCII_BLANK_CHARS)


def _first_layout(path, splitter, comment: str, encoding: str) -> tuple[int | None, int | None]:
    """(column count, line) of the first line that cannot be a comment: the layout a comment-prefixed line is
    compared with when ``n_columns`` is not given."""
    for lineno, line in iter_lines(path, encoding=encoding):
        if not blank(line) and not line.startswith(("-DOCSTART-", comment)):
            return len(split_columns(line, splitter)), lineno
    return None, None


def _check_columns(path, lineno: int, want: int, token_column: int, tag_column: int) -> None:
    for col in (token_column, tag_column):
        if not -want <= col < want:
            raise InputFormatError(path, lineno, f"a column {col} (token/tag)", f"{want} columns")


def _is_token_line(fields: list[str], want: int | None, token_column: int, tag_column: int,
                   checker: SchemeChecker | None) -> bool:
    """Whether a comment-prefixed line reads as a token line: the layout, a token, and a tag (a valid chunk tag
    where tags are checked; POS tags have no closed set to test)."""
    if want is None or len(fields) != want:
        return False
    tag = strip_token(fields[tag_column])
    return bool(strip_token(fields[token_column]) and tag and (checker is None or checker.is_tag(tag)))


def parse_conll_columns(path: str | os.PathLike, *, n_columns: int | None = None, tag_column: int = -1,
                        token_column: int = 0, sep: str = "space", comment: str | None = None,
                        encoding: str = "utf-8", checker: SchemeChecker | None = None,
                        stats: dict | None = None) -> list[TaggedSentence]:
    """The token in ``token_column``, the wanted tag in ``tag_column`` (negative counts from the end).
    Every token line must have ``n_columns`` columns; None: as many as the first token line has.
    ``comment``: prefix of comment lines (off by default: ``#`` is a token in CoNLL-2003); a line with that
    prefix that reads as a token line is a token (module docstring). ``stats["comment_lines"]`` gets the
    number of lines skipped as comments."""
    if sep not in _SEPARATORS:
        raise ConfigError(f"{os.fspath(path)}: sep={sep!r}: expected one of {', '.join(_SEPARATORS)}")
    splitter = _SEPARATORS[sep]
    out = _Sentences(checker)
    check, add_token, add_tag = out.check, out.tokens.append, out.tags.append
    want, first_line = n_columns, None
    if want is not None and not (-want <= token_column < want and -want <= tag_column < want):
        raise ConfigError(f"{os.fspath(path)}: token_column={token_column}, tag_column={tag_column}: "
                          f"expected columns of {want}")
    if comment and want is None:
        want, first_line = _first_layout(path, splitter, comment, encoding)
        if want is not None:
            _check_columns(path, first_line, want, token_column, tag_column)
    n_comments = 0

    def reads(text: str) -> bool:  # 'want' as it is when a line is tested: the first token line may set it
        return _is_token_line(split_columns(text, splitter), want, token_column, tag_column, checker)

    for lineno, line in iter_lines(path, encoding=encoding):
        if blank(line) or line.startswith("-DOCSTART-"):
            out.flush()
            continue
        fields = split_columns(line, splitter)
        if is_comment(line, comment, reads):
            n_comments += 1
            continue
        if want is None:
            want, first_line = len(fields), lineno
            _check_columns(path, lineno, want, token_column, tag_column)
        if len(fields) != want:
            like = f" (as on line {first_line})" if first_line is not None else ""
            raise InputFormatError(path, lineno, f"{want} {sep}-separated columns{like}", f"{len(fields)}")
        token, tag = strip_token(fields[token_column]), strip_token(fields[tag_column])
        if not token or not tag:
            raise InputFormatError(path, lineno, "a non-empty token and tag", repr(line[:60]))
        if check is not None:
            check(tag, path, lineno)
        if not out.tokens:
            out.start = lineno
        add_token(token)
        add_tag(tag)
    out.flush()
    if stats is not None:
        stats["comment_lines"] = n_comments
        stats["starts"] = out.starts
    return out.sentences


_POS_COLUMNS = (3, 4)  # UPOS, XPOS
_SAID_WITH_A_VOWEL = frozenset({"ID", "XPOS"})  # "eye-dee", "ex-pos"; UPOS is "you-pos"
# CoNLL-U IDs as UD's validator reads them: integers without a leading zero ("05" was read as word 5), ranges
# of them (multiword tokens) and decimals N.M for empty nodes (0.1 before the first word)
_WORD_ID = re.compile(r"[1-9][0-9]*")
_RANGE_OR_EMPTY_NODE = re.compile(r"[1-9][0-9]*-[1-9][0-9]*|(0|[1-9][0-9]*)\.[1-9][0-9]*")
# UD v2's universal POS tags, and CONJ, v1's name of CCONJ (a UD 1.x treebank still reads)
UPOS_TAGS = frozenset({"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
                       "PUNCT", "SCONJ", "SYM", "VERB", "X", "CONJ"})
CONLLU_COLUMNS = {"id": 0, "form": 1, "lemma": 2, "upos": 3, "xpos": 4, "feats": 5, "head": 6, "deprel": 7,
                  "deps": 8, "misc": 9}


def _article(column_name: str) -> str:
    return "an" if column_name in _SAID_WITH_A_VOWEL else "a"


# CoNLL-U Plus (UD's ext-format page): the first line names the file's columns, any number of them, in any
# order; ten of the names are CoNLL-U's own. Read by position as CoNLL-U, a PARSEME file's 11th column was
# refused ("got 11") and, sniffed as CoNLL columns, its MWE codes ('*', '1:LVC.full') were read as POS tags
GLOBAL_COLUMNS = re.compile(r"#\s*global\.columns\s*=(.*)")
_CONLLU_NAMES = tuple(name.upper() for name in CONLLU_COLUMNS)
_ONLY_FORM_LEMMA_MISC = "spaces belong only inside FORM, LEMMA and MISC"
_NO_VALUE = "CoNLL-U writes '_' for no value"


def conllu_plus_columns(path, line: str) -> tuple[str, ...] | None:
    """The column names a CoNLL-U Plus file's first line declares (upper case, as UD writes them); None for a
    line that declares none. A declaration without a name, or with a name twice, is refused at line 1."""
    match = GLOBAL_COLUMNS.fullmatch(line.strip(ASCII_BLANK_CHARS))
    if match is None:
        return None
    names = tuple(n.upper() for n in split_blanks(match.group(1)))
    twice = sorted({n for n in names if names.count(n) > 1})
    if not names or twice:
        raise InputFormatError(path, 1, "'# global.columns = ' and the file's column names, each once "
                               "(CoNLL-U Plus, e.g. 'ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC')",
                               repr(line[:80]) + (f" ({', '.join(twice)} twice)" if twice else ""))
    return names


def _wrong_width(line: str, fields: list[str], names: Sequence[str]) -> str:
    """What a token line of another width than the file's columns holds: the count alone ('got 11') did not
    say where the line went wrong. UD's format page: 10 fields separated by single tabs, none empty ('_' is
    no value), no space in any but FORM, LEMMA and MISC."""
    n, want, listed = len(fields), len(names), " ".join(names)
    if n == 1:
        spaced = split_blanks(line)
        if len(spaced) >= want:
            return (f"1: {len(spaced)} columns separated by spaces, CoNLL-U needs tabs "
                    f"({_ONLY_FORM_LEMMA_MISC}); restore the tabs")
        return (f"1: a line without a tab ({counted(len(spaced), 'space-separated word')}; a comment line "
                "starts with '#')")
    if n > want:
        empty = [i for i, f in enumerate(fields) if not f.strip(ASCII_BLANK_CHARS)]
        if empty and empty[-1] == n - 1:
            return f"{n}: a tab at the end of the line (no column may be empty; {_NO_VALUE})"
        if empty:
            at = f"after {fields[empty[0] - 1]!r}" if empty[0] else "at the start of the line"
            return f"{n}: column {empty[0] + 1} empty, two tabs in a row {at} ({_NO_VALUE})"
        plus = "; CoNLL-U Plus names its columns on line 1, '# global.columns = ID FORM ...'" \
            if tuple(names) == _CONLLU_NAMES else ""
        return f"{n}: {counted(n - want, 'column')} more than the {want} ({listed}){plus}"
    spaced = next((i for i, f in enumerate(fields) if " " in f.strip(ASCII_BLANK_CHARS)), None)
    if spaced is not None:
        return (f"{n}: column {spaced + 1} holds {fields[spaced]!r}, a tab typed as a space? "
                f"({_ONLY_FORM_LEMMA_MISC})")
    return f"{n}: {counted(want - n, 'column')} fewer than the {want} ({listed}; {_NO_VALUE})"


def parse_conllu(path: str | os.PathLike, *, tag_column: int = 3, token_column: int = 1, encoding: str = "utf-8",
                 checker: SchemeChecker | None = None, stats: dict | None = None) -> list[TaggedSentence]:
    """CoNLL-U: 10 tab-separated columns; UPOS is column 4 (index 3), XPOS column 5 (index 4). Every ``#``
    line is a comment (``# sent_id = ...``, ``# text = ...``): a token line starts with a word ID, so none is
    lost; ``stats["comment_lines"]`` gets their number, ``stats["multiword_lines"]`` and
    ``stats["empty_node_lines"]`` those of the range (``3-4``) and empty-node (``8.1``) lines skipped.
    CoNLL-U Plus (``# global.columns = ID FORM UPOS ...`` on line 1): the columns are found by those names,
    ``token_column``/``tag_column`` naming CoNLL-U's (1 is FORM, 3 UPOS wherever the file has them)."""
    if not (0 <= tag_column < 10 and 0 <= token_column < 10):
        raise ConfigError(f"{os.fspath(path)}: CoNLL-U columns are 0-9 ({', '.join(CONLLU_COLUMNS)}), "
                          f"got token {token_column}, tag {tag_column}")
    column = {v: k.upper() for k, v in CONLLU_COLUMNS.items()}
    token_name, tag_name = column[token_column], column[tag_column]
    names: Sequence[str] = _CONLLU_NAMES
    width, id_at, token_at, tag_at = 10, 0, token_column, tag_column
    pos_tags, upos = tag_column in _POS_COLUMNS, tag_column == CONLLU_COLUMNS["upos"]
    out = _Sentences(checker)
    check, add_token, add_tag = out.check, out.tokens.append, out.tags.append
    n_comments, next_id, n_ranges, n_empty = 0, 1, 0, 0
    for lineno, line in iter_lines(path, encoding=encoding):
        if blank(line):
            out.flush()
            next_id = 1
            continue
        if line.startswith("#"):
            n_comments += 1
            declared = conllu_plus_columns(path, line) if lineno == 1 else None
            if declared is not None:
                names, width = declared, len(declared)
                token_at, tag_at = (_declared(path, names, want) for want in (token_name, tag_name))
                id_at = names.index("ID") if "ID" in names else None
            continue
        fields = line.split("\t")
        if len(fields) != width:
            what = "10 tab-separated CoNLL-U columns" if names == _CONLLU_NAMES \
                else f"the {width} tab-separated columns of its global.columns line"
            raise InputFormatError(path, lineno, what, _wrong_width(line, fields, names))
        if id_at is not None:
            word_id = fields[id_at]
            # a multiword-token range or an empty node: no UPOS of their own
            if _RANGE_OR_EMPTY_NODE.fullmatch(word_id):
                n_ranges += "-" in word_id
                n_empty += "." in word_id
                continue
            if not _WORD_ID.fullmatch(word_id):
                raise InputFormatError(path, lineno, "a word ID (an integer 1, 2, ..., a range 1-2 or a "
                                       "decimal 1.1, without leading zeros)", repr(word_id))
            # Word IDs count 1, 2, 3, ... in each sentence: one out of order means the sentence boundary is
            # not where the blank lines say (a lost blank line merged two sentences without another trace).
            if int(word_id) != next_id:
                hint = "; a blank line missing before this sentence?" if int(word_id) == 1 else ""
                raise InputFormatError(path, lineno, f"word ID {next_id} (IDs count 1, 2, 3, ... within a "
                                       f"sentence{hint})", repr(word_id))
            next_id += 1
        # Stripped as the CoNLL column reader does: 'NOUN ' must not become a tag of its own. In UPOS and XPOS '_'
        # is CoNLL-U's "no value" (a treebank without XPOS), not a tag to score; in FEATS it is a value (none).
        token, tag = strip_token(fields[token_at]), strip_token(fields[tag_at])
        if not token or not tag or (tag == "_" and pos_tags):
            raise InputFormatError(path, lineno, f"{_article(token_name)} {token_name} and "
                                   f"{_article(tag_name)} {tag_name} (CoNLL-U writes '_' for no value)",
                                   f"{fields[token_at]!r} and {fields[tag_at]!r}")
        # UPOS is a closed set: 'PRPN' is a typo, not an 18th class the tagger should learn from one token
        if upos and tag not in UPOS_TAGS:
            # a CoNLL-X file has CoNLL-U's ten columns, with the treebank's own coarse tags (CPOSTAG) where UPOS is
            raise InputFormatError(path, lineno, "a UPOS tag (one of UD's 17: " + ", ".join(sorted(UPOS_TAGS - {"CONJ"}))
                                   + ")", repr(tag) + "; a CoNLL-X file, or the treebank's own tags? "
                                   "columns = {tag = 4} in the spec reads the XPOS (CoNLL-X: POSTAG) column")
        if check is not None:
            check(tag, path, lineno)
        if not out.tokens:
            out.start = lineno
        add_token(token)
        add_tag(tag)
    out.flush()
    if stats is not None:
        stats.update(comment_lines=n_comments, multiword_lines=n_ranges, empty_node_lines=n_empty)
        stats["starts"] = out.starts
    return out.sentences


def _declared(path, names: Sequence[str], want: str) -> int:
    """Where a CoNLL-U Plus file's global.columns puts the column ``want`` (FORM, UPOS, ...)."""
    if want not in names:
        have = [n.lower() for n in names if n.lower() in CONLLU_COLUMNS]
        raise InputFormatError(path, 1, f"{_article(want)} {want} column among the file's global.columns",
                               f"{' '.join(names)}: columns.tag (or token) in the spec names one it has"
                               + (f" ({', '.join(have)})" if have else ""))
    return names.index(want)


# Penn Treebank's tagged .pos files (treebank_3 tagged/pos/wsj/NN/wsj_NNNN.pos): '=====' lines between
# paragraphs, and '[ Pierre/NNP Vinken/NNP ]' lines, the noun-phrase chunks of the PARTS tagger they were made
# with. Their README marks no sentence boundary: a line is a chunk or the words between two, and NLTK's reader
# guesses one after each token tagged '.', which puts a closing quote after the period (./. ''/'') in the
# next sentence.
_PTB_RULE = re.compile(r"={6,}")
PTB_POS_ADVICE = ("a Penn Treebank tagged .pos file? Its '[ ... ]' brackets are noun-phrase chunks, not "
                  "tokens, and its lines are no sentences: write one sentence per line of word/TAG tokens "
                  "(from the treebank's .mrg trees, one sentence each)")


def ptb_pos_line(line: str) -> str | None:
    """What a line of a PTB tagged .pos file holds that word/TAG lines do not; None for any other line."""
    text = line.strip(ASCII_BLANK_CHARS)
    if _PTB_RULE.fullmatch(text):
        return f"the separator line {text[:12] + '...'!r}"
    items = split_blanks(text)
    if len(items) > 2 and items[0] == "[" and items[-1] == "]" and all("/" in item for item in items[1:-1]):
        return f"the chunk bracket line {text[:40]!r}"
    return None


def _split_unescaped(item: str) -> tuple[str, str, str]:
    """``item`` split at its last '/' that PTB does not escape as '\\/' (a slash inside the word: '1\\/2/CD');
    no separator where every '/' is escaped."""
    end = len(item)
    while (at := item.rfind("/", 0, end)) > 0 and item[at - 1] == "\\":
        end = at - 1
    return (item[:at], "/", item[at + 1:]) if at >= 0 else ("", "", item)


def parse_word_tag_lines(path: str | os.PathLike, *, separator: str = "/", encoding: str = "utf-8",
                         checker: SchemeChecker | None = None,
                         stats: dict | None = None) -> list[TaggedSentence]:
    """One sequence per line of ``word/TAG`` tokens; the tag follows the last separator (``1/2/CD``), with '/'
    the last that PTB does not escape as '\\/' ('1\\/2/CD'; the token keeps its escapes as written).
    ``stats`` gets each sentence's line (``starts``), as the CoNLL parsers give theirs: a copy dropped under
    ``deduplicate`` was named by its file alone. PTB's tagged .pos files are refused (``PTB_POS_ADVICE``)."""
    if not separator or any(c.isspace() for c in separator):
        raise ConfigError(f"{os.fspath(path)}: separator={separator!r}: expected a non-space character "
                          "such as '/' or '_'")
    escapes = separator == "/"
    out = _Sentences(checker)
    for lineno, line in iter_lines(path, encoding=encoding):
        if blank(line):
            continue
        for item in split_columns(line, None):  # a no-break space is inside a word
            word, slash, tag = item.rpartition(separator)
            if escapes and word.endswith("\\"):  # '1\/2' was read as the word '1\' tagged '2'
                word, slash, tag = _split_unescaped(item)
            if not slash or not word or not tag:
                raise InputFormatError(path, lineno, f"word{separator}TAG tokens",
                                       _not_word_tag(line, item, escapes))
            if out.check is not None:
                out.check(tag, path, lineno)
            out.start = lineno
            out.tokens.append(word)
            out.tags.append(tag)
        out.flush()
    if stats is not None:
        stats["comment_lines"] = 0  # every non-blank line is a sentence: none is skipped
        stats["starts"] = out.starts
    return out.sentences


def _not_word_tag(line: str, item: str, escapes: bool) -> str:
    ptb = ptb_pos_line(line)
    if ptb is not None:
        return f"{ptb}: {PTB_POS_ADVICE}"
    if escapes and "\\/" in item and not _split_unescaped(item)[1]:
        return f"{item!r} (its every '/' escaped as '\\/', a slash inside the word: no tag after it)"
    return repr(item)


def split_indices(n: int, *, fractions: Sequence[float], seed: int) -> list[np.ndarray]:
    """Fixed-seed random partition of range(n) into len(fractions) parts (sizes rounded, the first part
    takes the remainder); indices within each part keep file order."""
    perm = np.random.default_rng(seed).permutation(n)
    sizes = [int(round(n * f)) for f in fractions[1:]]
    sizes.insert(0, n - sum(sizes))
    parts, start = [], 0
    for size in sizes:
        parts.append(np.sort(perm[start:start + size]))
        start += size
    return parts


def derive_splits(items: Sequence, names: Sequence[str], fractions: Sequence[float], seed: int) -> dict:
    return {name: [items[i] for i in idx]
            for name, idx in zip(names, split_indices(len(items), fractions=fractions, seed=seed))}


_PARSERS = {"conll": parse_conll_columns, "conllu": parse_conllu, "word_tag": parse_word_tag_lines,
            "word-tag": parse_word_tag_lines}


# a tagged sentence is its tokens exactly: a tagger reads case and punctuation, and each token is scored
TOKENS_AS_WRITTEN = "the token sequence exactly as written (case and punctuation are tokens a tagger reads)"


def read_tagged(paths: Mapping[str, os.PathLike], *, format: str, derive: Mapping | None = None,
                scheme: str | None = None, deduplicate: Sequence[str] = (), **options) -> tuple[dict, dict]:
    """Reader: one file per split key ("train"/"dev"/"test", or "all"); ``derive`` = {"from": key,
    "into": [names], "fractions": [...], "seed": int} carves missing splits out of one file.
    ``scheme`` (IOB1/IOB2/IOBES/auto; None for POS tags) checks every tag while reading (parsers_scheme.py).
    Refuses an empty split, the same file for two splits and a dataset with a single tag."""
    if format not in _PARSERS:
        raise ConfigError(f"format={format!r}: expected one of {', '.join(_PARSERS)}")
    parse = _PARSERS[format]
    checker = scheme_checker(scheme)
    stats: dict = {key: {} for key in paths}
    splits = {key: parse(path, checker=checker, stats=stats[key], **options) for key, path in paths.items()}
    check_nonempty(splits, paths)
    extra: dict = {}
    skipped = {key: s["comment_lines"] for key, s in stats.items()}
    if options.get("comment") or any(skipped.values()):  # what a comment rule left out, per file
        extra["comment_lines"] = skipped
    # CoNLL-U's other skipped lines, apart from its comments: a note that counted them all as comments misled
    for kind in ("multiword_lines", "empty_node_lines"):
        per_file = {key: s.get(kind, 0) for key, s in stats.items()}
        if any(per_file.values()):
            extra[kind] = per_file
    if checker is not None:
        extra["scheme"], repairs = checker.finish(paths.get("train"))
        if repairs:
            extra["scheme_repairs"] = repairs
        _convert_files(splits, paths, checker.converted, extra["scheme"], extra, checker.stray_es)
        _rewrite_stray_tags(splits, paths, checker.stray_es - set(checker.converted), extra["scheme"])
    tags_by_split = {k: set().union(*(s.tags for s in v)) for k, v in splits.items()}
    convention = _convention_notes(checker, extra.get("scheme"), paths, tags_by_split)
    _, label_warnings = check_labels({k: tags - convention.get(k, (set(), ""))[0]
                                      for k, tags in tags_by_split.items()}, paths, "tag")
    check_shared_labels(tags_by_split, paths, "tag")  # as written: an IOB2 test's B-X is train's IOB1 I-X chunk
    if checker is not None:
        _check_chunks(tags_by_split, paths)
        # O is in every split, so the tags' check passes train's B-person beside test's B-PER, where chunk F1
        # scores every test chunk a miss: the types are what must be shared
        types = {k: {t.partition("-")[2] for t in tags if t != "O"} for k, tags in tags_by_split.items()}
        check_shared_labels(types, paths, "chunk type", "tags without their B-/I-/E-/S- prefix; chunk F1 is "
                            "0 for any tagger, every {split} chunk missed")
    extra["labels"] = sorted(set().union(*tags_by_split.values()))
    warnings = [note for _, note in convention.values()] + _run_on_sentences(splits)
    check_distinct_files(paths)  # after the content checks: a broken file is reported as such first
    if deduplicate:  # a user's spec (dedupe.TEST_FIRST), before load.py carves a dev split out of train
        places = {k: [(paths[k], n) for n in stats[k]["starts"]] for k in splits}
        splits, extra["deduplicated"], said = deduplicated(splits, places, key=lambda s: s.tokens,
                                                           order=tuple(deduplicate), gold="tags",
                                                           normalisation=TOKENS_AS_WRITTEN)
        warnings += said
        # checked again: the sentences a train loses as copies can hold all its instances of a tag
        kept = {k: set().union(*(s.tags for s in v)) - convention.get(k, (set(), ""))[0]
                for k, v in splits.items()}
        _, label_warnings = labels_after_copies(kept, paths, extra["deduplicated"], "tag")
    warnings = label_warnings + warnings
    if derive:
        base = splits.pop(derive["from"])
        splits.update(derive_splits(base, derive["into"], derive["fractions"], derive["seed"]))
        extra["derived_split"] = {"from": derive["from"], "into": list(derive["into"]),
                                  "fractions": list(derive["fractions"]), "seed": derive["seed"],
                                  "n_before": len(base)}
        if checker is not None:
            check_carved_chunks(splits, derive["into"], paths[derive["from"]], None,
                                f"from it (fractions {list(derive['fractions'])}, seed {derive['seed']})")
    extra["n_tokens"] = {k: sum(len(s.tokens) for s in v) for k, v in splits.items()}
    if format == "conll":
        extra["columns"] = {"token": options.get("token_column", 0), "tag": options.get("tag_column", -1)}
    warnings += [f"{what}: {r['count']} time(s), first at {r['first']}"
                 for what, r in extra.get("scheme_repairs", {}).items()]
    warnings += checker.notes if checker is not None else []
    warnings += extra.pop("conversion_notes", [])
    if warnings:
        extra["warnings"] = warnings
    return splits, extra


def _convert_files(splits: dict, paths: Mapping[str, os.PathLike], converted: Mapping[str, str], scheme: str,
                   extra: dict, stray: set[str] = frozenset()) -> None:
    """Rewrite, in place, the splits whose file is written in another scheme (``SchemeChecker.converted``).
    ``stray``: files with a few E-/S- tags, which their scheme's reading refuses: IOBES's conlleval reading
    finds the same chunks in their B-/I- tags and reads the E-/S- ones too."""
    from wordeval.extrinsic.spans import rewrite_tags

    done = {}
    for key, path in paths.items():
        source = converted.get(os.fspath(path))
        if source is None:
            continue
        reading = "IOBES" if os.fspath(path) in stray else source
        sentences = [TaggedSentence(s.tokens, rewrite_tags(s.tags, reading, scheme)) for s in splits[key]]
        n = sum(a != b for old, new in zip(splits[key], sentences) for a, b in zip(old.tags, new.tags))
        splits[key] = sentences
        done[key] = {"file": os.fspath(path), "from": source, "to": scheme, "tags_rewritten": n}
    if done:
        extra["scheme_converted"] = done
        extra["conversion_notes"] = [
            f"{key}: {d['file']} is written in {d['from']}, the dataset in {d['to']}: {d['tags_rewritten']} of its "
            f"tags rewritten in {d['to']} (the same chunks, as conlleval reads them)" for key, d in done.items()]


def _rewrite_stray_tags(splits: dict, paths: Mapping[str, os.PathLike], files: set[str], scheme: str) -> None:
    """The splits whose file has a few E-/S- tags in an IOB2 dataset: E-/S- are not IOB2 tags (the scorer
    refuses them), so the file is rewritten from the chunks IOBES's reading finds, which on its B-/I- tags
    are IOB2's. Counted as repairs (``SchemeChecker.finish``), not as a file converted from IOBES."""
    from wordeval.extrinsic.spans import rewrite_tags

    for key, path in paths.items():
        if os.fspath(path) in files:
            splits[key] = [TaggedSentence(s.tokens, rewrite_tags(s.tags, "IOBES", scheme)) for s in splits[key]]


def _without_chunks(tags) -> bool:
    """A split without one chunk: its chunk F1 is 0 for every tagger (no gold chunk to find, any predicted
    one is a false positive), so a test file of only O tags ranked every representation equal at 0 without
    a word, and a dev file of only O tags gave early stopping nothing to select on."""
    return set(tags) <= {"O"}


# The two checks below hold splits to the one rule above but are not merged: a split read from a file without
# a chunk is that file's fault (fix the file), a split carved out of a file that has chunks is the fault of
# the fraction and seed that carved it (the spec line that chose them, and what to change there).
def _check_chunks(tags_by_split: Mapping[str, set], paths: Mapping[str, os.PathLike]) -> None:
    for key, tags in tags_by_split.items():
        if _without_chunks(tags):
            raise InputFormatError(paths[key], None, f"at least one chunk in split {key!r} (a B-, I-, E- or S- "
                                   "tag)", "only O tags: chunk F1 is 0 for any tagger on a split without chunks")


def check_carved_chunks(splits: Mapping[str, Sequence[TaggedSentence]], keys: Sequence[str], where, line,
                        how: str) -> None:
    """The splits carved out of a file (``keys``), held to ``_without_chunks``'s rule: a dev part that drew
    only sentences without a chunk gave early stopping nothing to select on, as a dev file of only O tags did,
    but was not refused. ``where``/``line``: what chose the split (a spec's dev_fraction line); ``how``: from
    which file, with which fraction and seed."""
    for key in keys:
        if _without_chunks(t for s in splits[key] for t in s.tags):
            raise InputFormatError(where, line, f"at least one chunk in the {key} split carved {how}",
                                   "only O tags (chunk F1 is 0 for any tagger on a split without chunks): another "
                                   "split_seed, a larger dev_fraction or a dev file")


LONG_SENTENCE = 1000  # tokens; the longest sentence of CoNLL-2003, CoNLL-2000, UD-EWT and WNUT-16 has under 200


def _run_on_sentences(splits: Mapping[str, Sequence[TaggedSentence]]) -> list[str]:
    """A file whose blank lines were lost (stripped, or CR-LF damage) reads as a few giant sentences: no line is
    malformed, so nothing else would say so, and a CRF then trains on sequences of the whole file."""
    out = []
    for key, sentences in splits.items():
        lengths = [len(s.tokens) for s in sentences]
        long = [i for i, n in enumerate(lengths) if n > LONG_SENTENCE]
        if long:
            i = max(long, key=lengths.__getitem__)
            out.append(f"{key}: {len(long)} of {len(lengths)} sentence(s) over {LONG_SENTENCE} tokens (sentence "
                       f"{i + 1} has {lengths[i]}): are the blank lines between sentences missing?")
    return out


def _convention_notes(checker, scheme, paths, tags_by_split) -> dict[str, tuple[set, str]]:
    """Splits whose file starts chunks as B-X (IOB2) where train starts them as I-X (IOB1): split -> (its B-X
    tags that train has only as I-X, a warning). Those tags are "never seen in train", but a tagger's I-X at a
    chunk start decodes to the same chunk (conlleval), so chunk F1 does not count them as errors."""
    if checker is None or scheme != "IOB1":  # an IOB2 dataset's IOB1 files are converted
        return {}
    from wordeval.datasets.parsers_scheme import start_conventions

    written = start_conventions(checker, paths)
    if written.get("train", ("",))[0] != "IOB1":
        return {}
    train = tags_by_split.get("train", set())
    out = {}
    for key, (style, where) in written.items():
        if style != "IOB2":
            continue
        explained = {t for t in tags_by_split[key] if t.startswith("B-") and "I-" + t[2:] in train}
        out[key] = (explained, f"{key} starts chunks with B-X (IOB2, first at {where}) where train starts them "
                               f"with I-X (IOB1, first at {written['train'][1]}): both decode to the same chunks, "
                               f"which is what chunk F1 scores, so a tagger that learns train's I-X starts is not "
                               f"wrong on {len(explained)} tag(s) train has only as I-X")
    return out


def read_conll(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    """CoNLL column files: any number of columns, token in one (default first), tag in another (default last)."""
    return read_tagged(paths, format="conll", **options)


def read_conllu(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    return read_tagged(paths, format="conllu", **options)


def read_word_tag(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    return read_tagged(paths, format="word_tag", **options)
