"""OOV words that the vocabulary holds in another Unicode form, and the ``unicode`` option that normalises
both sides.

Words are looked up as written, so 'café' spelled e + U+0301 (NFD: what macOS file names and some exports
hold) is not the vocabulary's precomposed 'café' (NFC), nor is 'ﬁle' (the U+FB01 ligature of a PDF export),
'ｃａｔ' (full-width) or 'new\\xa0york' (a no-break space) the vocabulary's 'file', 'cat', 'new york': NFKC
folds those compatibility forms. They print alike, so a record listing 'café' among its OOV words, with
'café' plainly in the vectors file, read as a lookup bug. By default the lookup stays as written (coverage
is what the data and the vectors hold, and published numbers do not move); the record and a warning name
the words another form finds. ``unicode = "NFC"`` or ``"NFKC"`` (a task option, recorded in the config)
normalises the task's words and the vocabulary's keys alike before they are matched.
"""
from __future__ import annotations

import contextlib
import functools
import unicodedata
import warnings
from contextvars import ContextVar
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from wordeval.errors import ConfigError

_FORMS = ("NFC", "NFD", "NFKC")  # NFKC: compatibility forms (ligatures, full-width letters, no-break spaces)
# a family's OPTIONAL_CONFIG entry: recorded only when set, so the key of a request without it never changes
UNICODE_OPTION = {"unicode": ("as-written", "NFC", "NFKC")}


class UnicodeFormWarning(UserWarning):
    """OOV words found in the vocabulary once written in another Unicode normalisation form."""


# The task (and its data) being scored: the words are found deep in a family's lookup, which is not told the
# task, and a run's log said the warning once per task without saying which
_SCORING: ContextVar[str | None] = ContextVar("wordeval_unicode_scoring", default=None)


@contextlib.contextmanager
def scoring(task, dataset) -> Iterator[None]:
    """Within it, the warning names ``task`` (a Task or TaskSpec) and ``dataset``, as ``TASK (dataset NAME,
    version V): ...``."""
    name, version = getattr(dataset, "name", None), getattr(dataset, "version", None)
    data = f" (dataset {name}, version {version})" if name else ""
    token = _SCORING.set(f"{task.name}{data}")
    try:
        yield
    finally:
        _SCORING.reset(token)


def found_in_other_form(oov_words: Sequence[str], found: Callable[[list[str]], np.ndarray],
                        embedding=None, *, case: str = "exact") -> list[str]:
    """The words of ``oov_words`` (sorted) that ``found`` (a mask per word, the caller's own lookup under the
    case policy ``case``) finds once normalised to NFC, NFD or NFKC, or whose NFKC form is that of a key of
    ``embedding`` written in a compatibility form (lowercased alike where ``case`` lowercases)."""
    variants = [(w, v) for w in oov_words if not w.isascii()
                for form in _FORMS if (v := unicodedata.normalize(form, w)) != w]
    # the vocabulary's side: normalising the word never reaches a key in a compatibility form ('ﬁsh', a PDF
    # export's ligature, for the data's plain 'fish'), which unicode = "NFKC" does find
    compat = _compatibility_keys(embedding) if oov_words else {}
    variants += [(w, k) for w in oov_words if (k := compat.get(_fold("NFKC", w))) is not None and k != w]
    if case != "exact" and oov_words:
        # the data's 'Fish' meets 'ﬁsh' only once both are NFKC-folded and lowercased, as the unicode = "NFKC"
        # view's lowercased lookup matches them; NFKC alone gives 'Fish' and 'fish', no match
        lower = _compatibility_keys(embedding, lowercased=True)
        variants += [(w, k) for w in oov_words if (k := lower.get(_fold("NFKC", w).lower())) is not None
                     and k != w]
    if not variants:
        return []
    hits = found([v for _, v in variants])
    return sorted({w for (w, _), hit in zip(variants, hits) if hit})


def _compatibility_keys(embedding, *, lowercased: bool = False) -> dict[str, str]:
    """NFKC form (lowercased with ``lowercased``) -> the first key of ``embedding`` that NFKC changes; none for
    an encoder (no keys). One pass over the vocabulary per embedding, not per task."""
    from wordeval.intrinsic.per_embedding import per_embedding

    def compute() -> dict[str, str]:
        # every key a lookup reads (a normalised view's as it reads them), not the row labels: spaCy's 684,830
        # keys share 20,000 rows, and only 2 of its 139 keys in a compatibility form label a row
        keys = getattr(embedding, "index", None)
        if not isinstance(keys, dict):
            keys = getattr(embedding, "words", None)
        out: dict[str, str] = {}
        for key in keys if isinstance(keys, (dict, list, tuple)) else ():
            if isinstance(key, str) and not key.isascii():
                if (folded := unicodedata.normalize("NFKC", key)) != key:
                    out.setdefault(folded, key)
        return out

    def lowered() -> dict[str, str]:
        # from the table above, in its order (each form's first key): the same first key per lowercased form as
        # a second pass over every key gave
        out: dict[str, str] = {}
        for folded, key in _compatibility_keys(embedding).items():
            out.setdefault(folded.lower(), key)
        return out

    if embedding is None:
        return {}
    return per_embedding(embedding, "compatibility_keys_lowercased", lowered) if lowercased else \
        per_embedding(embedding, "compatibility_keys", compute)


def warn_other_form(words: Sequence[str], embedding) -> None:
    if words:
        form = getattr(embedding, "_unicode_form", None)
        looked_up = "as written" if form is None else f"in {form}"
        # NFC only where it finds every such word: it leaves compatibility forms ('ﬁle', 'ｃａｔ', 'new\u3000york')
        # as they are, and advised first for them it changed nothing. NFKC finds whatever NFC finds
        fix = ("unicode = \"NFC\" (or \"NFKC\")" if form is None and _nfc_finds_all(words, embedding)
               else "unicode = \"NFKC\"")
        where = f"{_SCORING.get()}: " if _SCORING.get() else ""
        warnings.warn(f"{where}{len(words)} OOV word(s) are in {embedding.info.name} in another Unicode "
                      f"normalisation form (NFC/NFD, or NFKC's compatibility forms), e.g. {ascii(words[0])}: "
                      f"words are looked up {looked_up}; set {fix} to normalise both sides "
                      f"(extra.oov_in_other_unicode_form lists them)",
                      UnicodeFormWarning, stacklevel=3)


def _nfc_finds_all(words: Sequence[str], embedding) -> bool:
    """Whether NFC alone finds each of ``words`` (found in another form by ``found_in_other_form``): none has
    a compatibility form (NFKC and NFC differ), nor is found through a key in one."""
    compat = _compatibility_keys(embedding)
    # a key in such a form that only a lowercasing lookup reaches ('Fish' for 'ﬁsh') is NFKC's too
    lower = _compatibility_keys(embedding, lowercased=True)
    return all(_fold("NFKC", w) == _fold("NFC", w) and compat.get(_fold("NFKC", w), w) == w
               and _fold("NFKC", w).lower() not in lower for w in words)


def check_unicode_option(cfg: dict[str, Any]) -> dict[str, Any]:
    """``cfg`` with its ``unicode`` checked, and left out when it is the default, as written."""
    allowed = UNICODE_OPTION["unicode"]
    if "unicode" in cfg and cfg["unicode"] not in allowed:
        raise ConfigError(f"unicode must be one of {', '.join(allowed)}, got {cfg['unicode']!r}")
    if cfg.get("unicode") == allowed[0]:
        del cfg["unicode"]
    return cfg


def normalised(embedding, form: str | None):
    """``embedding`` whose lookups normalise the words asked for to ``form`` and match them against its keys
    normalised alike (a key that two spellings fold into reads the first row, the most frequent in a
    frequency-ordered file); ``embedding`` itself when ``form`` is None. Never modifies ``embedding``. An
    encoder, which has no keys, reads its input normalised."""
    if form is None or getattr(embedding, "_unicode_form", None) == form:
        return embedding
    if hasattr(embedding, "_words") and hasattr(embedding, "index"):  # a StaticEmbedding or subclass
        view = _with_normalised_queries(type(embedding)).__new__(_with_normalised_queries(type(embedding)))
        view.__dict__.update(embedding.__dict__)
        view._unicode_form = form
        view._words = [_fold(form, w) for w in embedding.words]
        index: dict[str, int] = {}
        first_key: dict[str, str] = {}  # the key read for a folded word
        merged: dict[str, list[str]] = {}  # a folded word -> its keys, first row first, where there are several
        for key, row in sorted(embedding.index.items(), key=lambda kv: kv[1]):
            folded = _fold(form, key)
            if folded in index:
                # the key, not its row's label: spaCy's keys share rows, and a row's label is another word
                merged.setdefault(folded, [first_key[folded]]).append(key)
            else:
                index[folded], first_key[folded] = row, key
        view._index, view._lower_index, view._unicode_merged = index, None, merged
        return view
    return _NormalisedInput(embedding, form)


MERGED_RULE = "the key at the first row (the most frequent in a frequency-ordered file) gives the vector"


def merged_keys_extra(embedding) -> dict[str, Any]:
    """``{"unicode_merged_keys": ...}`` for a :func:`normalised` view in which keys written apart fold into one
    word (NFKC's 'cat' and full-width 'ｃａｔ'), else nothing: the record said unicode = "NFKC" and not that
    rows of the file were no longer read, nor which of two spellings gave a word its vector."""
    merged = getattr(embedding, "_unicode_merged", None)
    if not merged:
        return {}
    return {"unicode_merged_keys": {
        "form": embedding._unicode_form, "n_words": len(merged),
        "n_keys_not_read": sum(len(keys) - 1 for keys in merged.values()), "rule": MERGED_RULE,
        # the row tells the NFC and NFD spellings apart, which print alike
        "examples": [{"word": word, "read": keys[0], "read_row": embedding.index[word], "not_read": keys[1:]}
                     for word, keys in sorted(merged.items())[:20]]}}


def as_looked_up(embedding, words: Sequence[str]) -> Sequence[str]:
    """``words`` as a :func:`normalised` view looks them up (unchanged for any other embedding)."""
    form = getattr(embedding, "_unicode_form", None)
    return words if form is None else [_fold(form, w) for w in words]


def _fold(form: str, text: str) -> str:
    return text if text.isascii() else unicodedata.normalize(form, text)


@functools.lru_cache(maxsize=None)
def _with_normalised_queries(cls: type) -> type:
    """``cls`` whose row lookup and n-gram composition (fastText) read the words normalised: every lookup of a
    StaticEmbedding goes through these two."""
    class Normalised(cls):  # type: ignore[misc, valid-type]
        def rows(self, words, *, lowercase=False):
            return super().rows([_fold(self._unicode_form, w) for w in words], lowercase=lowercase)

        if hasattr(cls, "compose"):
            def compose(self, word):
                return super().compose(_fold(self._unicode_form, word))

    Normalised.__name__ = Normalised.__qualname__ = cls.__name__
    return Normalised


class _NormalisedInput:
    """An encoder (or any object of the lookup protocol) whose words and texts are normalised first."""
    # count_cut_texts too: it counted the texts cut as written, not as encode_sentences read them
    _TEXT_METHODS = ("lookup", "lookup_lowercased", "lookup_exact_then_lower", "encode_sentences",
                     "count_cut_texts")

    def __init__(self, inner, form: str):
        self._inner, self._unicode_form = inner, form

    def __getattr__(self, name: str):
        attr = getattr(self._inner, name)
        if name in self._TEXT_METHODS:
            return lambda texts, *args, **kwargs: attr([_fold(self._unicode_form, t) for t in texts], *args, **kwargs)
        return attr
