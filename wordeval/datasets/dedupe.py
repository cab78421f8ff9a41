"""Documents that repeat another, within a split or across splits, once whitespace, case and punctuation are
set aside. BBC News (Greene and Cunningham 2006) holds 98 articles twice byte for byte and 5 more that differ
from another only by a paragraph break, a capital, a hyphen for a space or a full stop; its derived split put
26 of its 222 test articles in train as well. A test document the learner was trained on measures recall, not
generalisation, and the exact-text warnings saw 24 of the 26.

``text_key`` is the comparison: NFKC, casefold, the sequence of word characters (``\\w+``). wordeval's
features are pooled word vectors, so texts with one word sequence are one input to the classifier but for
their punctuation tokens. A text with no word character (":)", ":(") keeps its punctuation, so emoticon-only
texts are not all one. Near duplicates (an edited headline, a sentence added) are not caught: BBC holds about
50 more such pairs (word 5-gram Jaccard >= 0.9), and a threshold is a choice this module does not make.
"""
from __future__ import annotations

import operator
import re
import unicodedata
from typing import Any, Callable, Mapping, Sequence

NORMALISATION = "NFKC, casefold, word characters only (whitespace and punctuation ignored)"
ORDER = ("train", "dev", "test")  # a later split's document is dropped for an earlier split's copy
# A user's spec (``deduplicate = true``): the test file is kept whole and its copies leave train (and dev),
# as decontaminating training data does. A user's test file is usually a published one: its items and n stay
# those other papers report on, and only what the learner sees changes. BBC keeps train's copy: its test split
# is wordeval's own seeded draw, comparable with nobody's, and changing its order would move its scores.
TEST_FIRST = ("test", "dev", "train")
# Classification keeps train whole against dev: under its default protocol ("split") dev is never read,
# and a training document dropped for an unread dev copy was only lost to the learner; under "dev" the
# copy leaving dev equally keeps C from being chosen on a document trained on.
TEST_TRAIN_FIRST = ("test", "train", "dev")
_WORD = re.compile(r"\w+")


def text_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded)) or " ".join(folded.split())


def _ordered(splits: Mapping[str, Sequence], order: Sequence[str] = ORDER) -> list[str]:
    return sorted(splits, key=lambda s: (order.index(s) if s in order else len(order), s))


def _label(it) -> Any:
    return it.label


def duplicate_counts(splits: Mapping[str, Sequence], key: Callable[[Any], Any] = lambda it: text_key(it.text),
                     *, order: Sequence[str] = ORDER, gold: Callable[[Any], Any] = _label) -> dict:
    """Per split, how many documents repeat an earlier one of the split (``within``), and how many of the rest
    repeat one of an earlier split in ``order`` (``in_earlier``: {"test": {"train": n, "dev": m}});
    ``conflicting_labels``: the later copies whose gold (``gold``: a label, an STS score, a sentence's tags)
    differs from the first copy's."""
    first: dict[str, tuple[str, Any]] = {}  # key -> (split, label) of its first copy
    within, earlier, conflicting = {}, {}, 0
    for split in _ordered(splits, order):
        within[split], earlier[split], here = 0, {}, set()
        for it in splits[split]:
            k = key(it)
            if k not in first:
                first[k] = (split, gold(it))
            elif k in here:
                within[split] += 1
            else:  # named after the earliest split that holds it
                earlier[split][first[k][0]] = earlier[split].get(first[k][0], 0) + 1
            if first[k][0] != split or k in here:
                conflicting += first[k][1] != gold(it)
            here.add(k)
    return {"within": within, "in_earlier": {k: v for k, v in earlier.items() if v},
            "conflicting_labels": conflicting}


def drop_duplicates(splits: Mapping[str, Sequence], key: Callable[[Any], Any] = lambda it: text_key(it.text),
                    *, order: Sequence[str] = ORDER, gold: Callable[[Any], Any] = _label,
                    normalisation: str = NORMALISATION) -> tuple[dict, dict]:
    """Keep each document's first copy: the earliest split's in ``order`` (by default train, then dev, then
    test), in file order within it. Returns (splits, what was dropped, for the record)."""
    counts = duplicate_counts(splits, key, order=order, gold=gold)
    seen: set = set()
    out = {}
    for split in _ordered(splits, order):
        out[split] = []
        for it in splits[split]:
            k = key(it)
            if k not in seen:
                seen.add(k)
                out[split].append(it)
    kept = f"the first copy in {', '.join(_ordered(splits, order))} order, file order within a split"
    record = {"normalisation": normalisation, "kept": kept,
              "n_before": {k: len(v) for k, v in splits.items()},
              "n_after": {k: len(v) for k, v in out.items()}, **counts}
    return {k: out[k] for k in splits}, record


def label_conflict(splits: Mapping[str, Sequence], key: Callable[[Any], Any] = lambda it: text_key(it.text),
                   *, order: Sequence[str] = ORDER, gold: Callable[[Any], Any] = _label
                   ) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """The first copy whose label differs from its kept copy's, as ((split, index) kept, (split, index)
    dropped), for a message that names both places; None when every copy agrees."""
    first: dict[str, tuple[str, int]] = {}
    for split in _ordered(splits, order):
        for i, it in enumerate(splits[split]):
            s, j = first.setdefault(key(it), (split, i))
            if gold(splits[s][j]) != gold(it):
                return (s, j), (split, i)
    return None


def described(record: Mapping) -> str:
    """A ``drop_duplicates`` record in one line, as ``datasets check`` prints it: per split its items before
    and after, and why each dropped one went (a repeat within the split, or a copy of another split's)."""
    parts = []
    for split, before in record["n_before"].items():
        why = [f"{n} within" for n in [record["within"].get(split, 0)] if n]
        why += [f"{n} in {other}" for other, n in record["in_earlier"].get(split, {}).items()]
        after = record["n_after"][split]
        parts.append(f"{split} {before} -> {after}" + (f" ({', '.join(why)})" if why else ""))
    n = record["conflicting_labels"]
    items, otherwise = _WORDS[record.get("gold", "label")]
    said = f"{'; '.join(parts)}; kept {record['kept']}; {items} compared after {record['normalisation']}"
    return said + (f"; {n} dropped {'copy' if n == 1 else 'copies'} {otherwise} than the copy kept" if n else "")


# per gold (the record's "gold"): what is compared, and how a dropped copy can disagree with the kept one
_WORDS = {"label": ("texts", "labelled otherwise"), "score": ("pairs", "scored otherwise"),
          "tags": ("sentences", "tagged otherwise")}


def deduplicated(splits: Mapping[str, Sequence], places: Mapping[str, Sequence] | None, *,
                 key: Callable[[Any], Any] = lambda it: text_key(it.text), order: Sequence[str] = ORDER,
                 gold: str = "label", normalisation: str = NORMALISATION) -> tuple[dict, dict, list[str]]:
    """``deduplicate`` for every family that takes it: (splits with one copy of each item, the record's
    ``dataset.deduplicated``, warnings). A copy whose gold (``gold``: the item's attribute ``label``, ``score``
    or ``tags``) differs from the kept copy's is a contradiction in the data that deduplication settles by the
    kept copy: the first such is named by both places (``places``: split -> each item's (path, line))."""
    of = operator.attrgetter(gold)
    warnings = []
    if places and (conflict := label_conflict(splits, key, order=order, gold=of)):
        n = duplicate_counts(splits, key, order=order, gold=of)["conflicting_labels"]
        warnings.append(_conflict_warning(splits, places, conflict, n, gold))
    out, record = drop_duplicates(splits, key, order=order, gold=of, normalisation=normalisation)
    # "gold" only where it is not a label: classification's records (BBC's among them) stay as they were
    return out, (record if gold == "label" else {**record, "gold": gold}), warnings


def _conflict_warning(splits: Mapping[str, Sequence], places: Mapping[str, Sequence], conflict, n: int,
                      gold: str) -> str:
    def where(split: str, i: int) -> str:
        path, line = places[split][i]
        return f"{path}:{line}" if line is not None else str(path)

    (s, i), (t, j) = conflict
    kept, dropped = splits[s][i], splits[t][j]
    shown = {"label": lambda it: it.text[:60], "score": lambda it: (it.sentence1[:40], it.sentence2[:40]),
             "tags": lambda it: " ".join(it.tokens)[:60]}[gold](kept)
    value = operator.attrgetter(gold)
    otherwise = _WORDS[gold][1]
    verb = "are the gold ones" if gold == "tags" else "is the gold one"  # tags: a plural
    return (f"{n} dropped {'copy' if n == 1 else 'copies'} {otherwise} than the copy kept, first "
            f"{where(t, j)} ({_gold_text(value(dropped))}), a copy of {where(s, i)} ({_gold_text(value(kept))}, "
            f"kept): {shown!r}; the kept copy's {gold} {verb}")


def _gold_text(value) -> str:
    return " ".join(value) if isinstance(value, tuple) else repr(value)


def loose_duplicate_warnings(splits: Mapping[str, Sequence]) -> list[str]:
    """What the exact-text warnings miss: documents that repeat another but for whitespace, case or
    punctuation, counted beside the exact copies, within each split and across (dev left out, as in
    ``validate.overlap_warning``: classification does not read it under its default protocol)."""
    exact = duplicate_counts(splits, key=lambda it: it.text)
    loose = duplicate_counts(splits)
    warnings = []
    for split in _ordered(splits):
        n, m = loose["within"][split], exact["within"][split]
        if n > m:
            warnings.append(f"{split}: {n} texts repeat another of {split} once whitespace, case and punctuation "
                            f"are ignored ({m} as written); kept as in the files")
    train = {text_key(it.text) for it in splits.get("train", ())}
    exact_train = {it.text for it in splits.get("train", ())}
    for split in _ordered(splits):
        if split in ("train", "dev"):
            continue
        n = sum(text_key(it.text) in train for it in splits[split])
        m = sum(it.text in exact_train for it in splits[split])
        if n > m:
            warnings.append(f"{split}: {n} of its {len(splits[split])} texts also in train once whitespace, case "
                            f"and punctuation are ignored ({m} as written); kept as in the files")
    if loose["conflicting_labels"]:
        warnings.append(f"{loose['conflicting_labels']} texts repeat another under a different label (once "
                        "whitespace, case and punctuation are ignored)")
    return warnings


def labels_after_copies(by_split: Mapping[str, Sequence], paths: Mapping, record: Mapping, what: str
                        ) -> tuple[list, list[str]]:
    """``validate.check_labels`` and ``check_shared_labels`` over the splits left once the copies are dropped
    (``by_split``: split -> its items' labels or tags; ``record``: ``drop_duplicates``'s). Run on the files
    as read, they passed a train whose every document of a class was a copy of a test one: the train left
    held one class (the learner refused it later, naming neither file nor cause) or lacked a test class, whose
    items then counted as errors without the warning. Returns (labels, warnings)."""
    from wordeval.datasets.validate import check_labels, check_shared_labels
    from wordeval.errors import InputFormatError

    try:
        out = check_labels(by_split, paths, what)
        check_shared_labels(by_split, paths, what)
    except InputFormatError as exc:
        shrunk = [f"{s} {n} -> {record['n_after'][s]}" for s, n in record["n_before"].items()
                  if n != record["n_after"][s]]
        if not shrunk:
            raise
        raise InputFormatError(exc.path, exc.line, exc.expected, f"{exc.got}, after deduplicate = true dropped "
                               f"the copies ({', '.join(shrunk)} items)") from None
    return out
